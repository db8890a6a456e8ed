"""Bulk inserts for the large estate: Core ``INSERT`` with many rows at a time (the driver's
executemany), in chunks so that a million rows never sit in memory at once."""

from typing import Any

from sqlalchemy import Connection, Table

CHUNK = 20_000


class Inserter:
    """Collects rows of one table and inserts them ``CHUNK`` at a time; the rest on leaving
    the ``with`` block."""

    def __init__(self, connection: Connection, table: Table):
        self.connection, self.table = connection, table
        self.rows: list[dict[str, Any]] = []
        self.count = 0

    def add(self, **row: Any) -> None:
        self.rows.append(row)
        if len(self.rows) >= CHUNK:
            self.flush()

    def flush(self) -> None:
        if self.rows:
            self.connection.execute(self.table.insert(), self.rows)
            self.count += len(self.rows)
            self.rows = []

    def __enter__(self) -> "Inserter":
        return self

    def __exit__(self, kind, _value, _traceback) -> None:
        if kind is None:
            self.flush()
