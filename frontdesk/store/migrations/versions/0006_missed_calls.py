"""missed calls: a follow-up call owed for a call that rang unanswered, which has no matter yet;
a try made outside the callable window because it was urgent says so; and a complaint raised
again while open keeps the suggestion of the major class until a supervisor decides

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-06 21:00:00.000000
"""
from alembic import op
import sqlalchemy as sa

import frontdesk.store.types


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('follow_up', schema=None) as batch_op:
        batch_op.alter_column('matter_id', existing_type=sa.Integer(), nullable=True)
    with op.batch_alter_table('matter', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('major_suggested_at', frontdesk.store.types.AwareDateTime(), nullable=True)
        )
        batch_op.add_column(sa.Column('major_suggested_by', sa.Integer(), nullable=True))
    with op.batch_alter_table('follow_up_attempt', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('urgent', sa.Boolean(), nullable=False, server_default=sa.false())
        )


def downgrade() -> None:
    with op.batch_alter_table('matter', schema=None) as batch_op:
        batch_op.drop_column('major_suggested_by')
        batch_op.drop_column('major_suggested_at')
    with op.batch_alter_table('follow_up_attempt', schema=None) as batch_op:
        batch_op.drop_column('urgent')
    # The missed calls go with the column's old rule: they belong to no matter.
    op.execute("DELETE FROM follow_up_attempt WHERE follow_up_id IN "
               "(SELECT id FROM follow_up WHERE matter_id IS NULL)")
    op.execute("DELETE FROM follow_up WHERE matter_id IS NULL")
    with op.batch_alter_table('follow_up', schema=None) as batch_op:
        batch_op.alter_column('matter_id', existing_type=sa.Integer(), nullable=False)
