"""Time: the status engine and everything dated (editions in force, as-of views, diff, events, coverage)."""
