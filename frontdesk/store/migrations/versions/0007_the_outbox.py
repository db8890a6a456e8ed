"""the outbox: what is to be told beyond the counter (a matter overdue, due soon), and its
delivery to each route of frontdesk.toml, tried until sent

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-07 23:51:20.371197
"""
from alembic import op
import sqlalchemy as sa
import sqlmodel.sql.sqltypes
import frontdesk.store.types


revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('notice',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('event', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('matter_id', sa.Integer(), nullable=True),
    sa.Column('deadline_id', sa.Integer(), nullable=True),
    sa.Column('department', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('created_at', frontdesk.store.types.AwareDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['deadline_id'], ['matter_deadline.id'], ),
    sa.ForeignKeyConstraint(['matter_id'], ['matter.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('key')
    )
    with op.batch_alter_table('notice', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_notice_created_at'), ['created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_notice_matter_id'), ['matter_id'], unique=False)

    op.create_table('notice_delivery',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('notice_id', sa.Integer(), nullable=False),
    sa.Column('route', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('next_try_at', frontdesk.store.types.AwareDateTime(timezone=True), nullable=False),
    sa.Column('leased_until', frontdesk.store.types.AwareDateTime(timezone=True), nullable=True),
    sa.Column('sent_at', frontdesk.store.types.AwareDateTime(timezone=True), nullable=True),
    sa.Column('last_error', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.ForeignKeyConstraint(['notice_id'], ['notice.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('notice_id', 'route')
    )
    with op.batch_alter_table('notice_delivery', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_notice_delivery_next_try_at'), ['next_try_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_notice_delivery_notice_id'), ['notice_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('notice_delivery', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_notice_delivery_notice_id'))
        batch_op.drop_index(batch_op.f('ix_notice_delivery_next_try_at'))

    op.drop_table('notice_delivery')
    with op.batch_alter_table('notice', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_notice_matter_id'))
        batch_op.drop_index(batch_op.f('ix_notice_created_at'))

    op.drop_table('notice')
