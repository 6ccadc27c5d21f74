"""History: git plumbing, the decision log, and what changed between two points."""
