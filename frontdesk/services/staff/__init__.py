"""The counter's staff: operators and signing in, the first run, who is on what, and the
audit log."""
