"""Renders: what msc makes from a partnership (newsletter, scorecard, ROI story, retro agenda)."""
