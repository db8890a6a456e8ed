"""Storage: SQLModel tables, the engine, migrations and queries. No screens here."""
