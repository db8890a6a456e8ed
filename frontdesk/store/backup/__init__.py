"""Backups and restores: SQLite files with SQLite's own backup API, PostgreSQL with its
own tools."""
