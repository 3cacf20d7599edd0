"""Ads manager: sandbox ad campaigns (with their ad set) and their ads

Revision ID: a1d5c0e7b315
Revises: c41d7e9a2b60
Create Date: 2026-12-06 03:35:00.000000

"""
from alembic import op
import sqlalchemy as sa
import app.core.db  # noqa: F401  (custom column types used by autogenerate)


# revision identifiers, used by Alembic.
revision = 'a1d5c0e7b315'
down_revision = 'c41d7e9a2b60'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('ad_campaign',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('account_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('rng_key', sa.String(length=20), nullable=False),
    sa.Column('family', sa.String(length=10), nullable=False),
    sa.Column('objective', sa.String(length=30), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('budget_kind', sa.String(length=10), nullable=False),
    sa.Column('budget_cents', sa.Integer(), nullable=False),
    sa.Column('start_day', sa.Date(), nullable=False),
    sa.Column('end_day', sa.Date(), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('pauses', sa.JSON(), nullable=False),
    sa.Column('is_test', sa.Boolean(), nullable=False),
    sa.Column('category', sa.String(length=20), nullable=False),
    sa.Column('partnership', sa.Boolean(), nullable=False),
    sa.Column('city', sa.String(length=30), nullable=False),
    sa.Column('radius_km', sa.Integer(), nullable=False),
    sa.Column('age_min', sa.Integer(), nullable=False),
    sa.Column('age_max', sa.Integer(), nullable=False),
    sa.Column('languages', sa.JSON(), nullable=False),
    sa.Column('interests', sa.JSON(), nullable=False),
    sa.Column('placements', sa.JSON(), nullable=False),
    sa.Column('launched_at', app.core.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('created_at', app.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', app.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['account_id'], ['sandbox_account.id'], name=op.f('fk_ad_campaign_account_id_sandbox_account'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_ad_campaign_user_id_user'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_ad_campaign'))
    )
    with op.batch_alter_table('ad_campaign', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_ad_campaign_account_id'), ['account_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_ad_campaign_user_id'), ['user_id'], unique=False)

    op.create_table('ad_creative',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('campaign_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('variant', sa.String(length=1), nullable=False),
    sa.Column('primary_text', sa.Text(), nullable=False),
    sa.Column('headline', sa.String(length=255), nullable=False),
    sa.Column('cta', sa.String(length=20), nullable=False),
    sa.Column('media_description', sa.String(length=500), nullable=False),
    sa.Column('aspect', sa.String(length=8), nullable=False),
    sa.ForeignKeyConstraint(['campaign_id'], ['ad_campaign.id'], name=op.f('fk_ad_creative_campaign_id_ad_campaign'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_ad_creative_user_id_user'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_ad_creative'))
    )
    with op.batch_alter_table('ad_creative', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_ad_creative_campaign_id'), ['campaign_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_ad_creative_user_id'), ['user_id'], unique=False)


def downgrade():
    with op.batch_alter_table('ad_creative', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_ad_creative_user_id'))
        batch_op.drop_index(batch_op.f('ix_ad_creative_campaign_id'))
    op.drop_table('ad_creative')
    with op.batch_alter_table('ad_campaign', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_ad_campaign_user_id'))
        batch_op.drop_index(batch_op.f('ix_ad_campaign_account_id'))
    op.drop_table('ad_campaign')
