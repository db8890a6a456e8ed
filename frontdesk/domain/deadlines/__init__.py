"""The handbook's deadlines (DOMAIN.md §3, §4): each milestone's due moment and how it was worked
out."""
