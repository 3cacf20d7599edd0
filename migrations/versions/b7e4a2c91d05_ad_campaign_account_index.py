"""ads: an account's campaigns, newest first, through one index

Revision ID: b7e4a2c91d05
Revises: a1d5c0e7b315
Create Date: 2026-12-06 05:25:00.000000

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = 'b7e4a2c91d05'
down_revision = 'a1d5c0e7b315'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('ad_campaign', schema=None) as batch_op:
        batch_op.create_index('ix_ad_campaign_account_id_id', ['account_id', 'id'], unique=False)


def downgrade():
    with op.batch_alter_table('ad_campaign', schema=None) as batch_op:
        batch_op.drop_index('ix_ad_campaign_account_id_id')
