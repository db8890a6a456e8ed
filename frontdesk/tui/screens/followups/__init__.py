"""The Follow-ups view: the calls owed (回访, DOMAIN.md §4), and the record of each try."""
