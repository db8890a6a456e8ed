"""sentences as data: a deadline's rule and steps, and the history's system lines, as JSON

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-04 02:00:00.000000
"""
from alembic import op
import sqlalchemy as sa


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None

# The text columns stay: rows written before keep their prose there, shown as it was.


def upgrade() -> None:
    with op.batch_alter_table('matter_deadline', schema=None) as batch_op:
        batch_op.add_column(sa.Column('worked_out', sa.JSON(), nullable=True))
    with op.batch_alter_table('follow_up', schema=None) as batch_op:
        batch_op.add_column(sa.Column('worked_out', sa.JSON(), nullable=True))
    with op.batch_alter_table('matter_event', schema=None) as batch_op:
        batch_op.add_column(sa.Column('said', sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('matter_event', schema=None) as batch_op:
        batch_op.drop_column('said')
    with op.batch_alter_table('follow_up', schema=None) as batch_op:
        batch_op.drop_column('worked_out')
    with op.batch_alter_table('matter_deadline', schema=None) as batch_op:
        batch_op.drop_column('worked_out')
