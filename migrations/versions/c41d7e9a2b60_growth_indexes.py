"""growth: a learner's due review cards and an account's events through one index each

Revision ID: c41d7e9a2b60
Revises: df2c5a25806f
Create Date: 2026-12-06 03:45:00.000000

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = 'c41d7e9a2b60'
down_revision = 'df2c5a25806f'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('review_card', schema=None) as batch_op:
        batch_op.create_index('ix_review_card_user_id_due', ['user_id', 'due'], unique=False)
    with op.batch_alter_table('sandbox_event', schema=None) as batch_op:
        batch_op.create_index('ix_sandbox_event_account_id_id', ['account_id', 'id'], unique=False)


def downgrade():
    with op.batch_alter_table('sandbox_event', schema=None) as batch_op:
        batch_op.drop_index('ix_sandbox_event_account_id_id')
    with op.batch_alter_table('review_card', schema=None) as batch_op:
        batch_op.drop_index('ix_review_card_user_id_due')
