"""The follow-up calls owed (回访, DOMAIN.md §4) and the record of each try."""
