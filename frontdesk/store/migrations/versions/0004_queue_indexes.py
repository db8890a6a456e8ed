"""indexes for a large estate: running deadlines by milestone, matters by contact number

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02 01:05:00.000000
"""
from alembic import op
import sqlalchemy as sa


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None

# Only deadlines still running: the month-end sweep, asked for every few seconds by each
# counter, finds the upgrades due among them without reading every deadline of every open matter.
RUNNING = "met_at IS NULL AND superseded_at IS NULL"


def upgrade() -> None:
    with op.batch_alter_table('matter_deadline', schema=None) as batch_op:
        batch_op.create_index(
            'ix_matter_deadline_running',
            ['milestone', 'due'],
            unique=False,
            sqlite_where=sa.text(RUNNING),
            postgresql_where=sa.text(RUNNING),
        )
    # A complaint from a caller on no card is checked against the open complaints from the same
    # number (a repeat suggests the major class): without this, every open matter was read.
    with op.batch_alter_table('matter', schema=None) as batch_op:
        batch_op.create_index('ix_matter_contact_phone_status', ['contact_phone', 'status'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('matter', schema=None) as batch_op:
        batch_op.drop_index('ix_matter_contact_phone_status')

    with op.batch_alter_table('matter_deadline', schema=None) as batch_op:
        batch_op.drop_index('ix_matter_deadline_running')
