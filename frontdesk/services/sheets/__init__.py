"""Spreadsheets in and out: the register exported, and the estate's roster imported."""
