"""sandbox post: the on-screen hook of a TikTok video

Revision ID: a7c3e2b91f04
Revises: f0d089fac11f
Create Date: 2026-12-05 05:20:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'a7c3e2b91f04'
down_revision = 'f0d089fac11f'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('sandbox_post', schema=None) as batch_op:
        batch_op.add_column(sa.Column('hook', sa.String(length=100), nullable=False, server_default=''))


def downgrade():
    with op.batch_alter_table('sandbox_post', schema=None) as batch_op:
        batch_op.drop_column('hook')
