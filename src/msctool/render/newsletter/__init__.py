"""The newsletter, the partnership's drumbeat: what changed since the last issue."""
