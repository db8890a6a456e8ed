"""The monthly report's figures (DOMAIN.md §3 "Monthly"), worked out from the month's records."""
