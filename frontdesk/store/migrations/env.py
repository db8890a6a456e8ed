"""Alembic environment: runs on the connection ``frontdesk.store.migrate`` hands over."""

from alembic import context
from sqlmodel import SQLModel

import frontdesk.store.schema  # noqa: F401  (registers the tables on SQLModel.metadata)

config = context.config
connection = config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run migrations through frontdesk.store.migrate (frontdesk db upgrade)")

context.configure(
    connection=connection,
    target_metadata=SQLModel.metadata,
    # SQLite cannot ALTER most things; batch mode rebuilds tables so later revisions work there.
    render_as_batch=True,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
