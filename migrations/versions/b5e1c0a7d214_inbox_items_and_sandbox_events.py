"""inbox items and sandbox events; complaints queued on accounts move into inbox rows

Revision ID: b5e1c0a7d214
Revises: d348e3cbef47
Create Date: 2026-12-05 09:30:00

"""
import json
from datetime import datetime

from alembic import op
import sqlalchemy as sa

import app.core.db


# revision identifiers, used by Alembic.
revision = 'b5e1c0a7d214'
down_revision = 'd348e3cbef47'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('inbox_item',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('account_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=80), nullable=False),
    sa.Column('message', sa.String(length=20), nullable=False),
    sa.Column('origin', sa.String(length=10), nullable=False),
    sa.Column('post_id', sa.Integer(), nullable=True),
    sa.Column('parent_key', sa.String(length=80), nullable=False),
    sa.Column('arrives_at', sa.DateTime(), nullable=False),
    sa.Column('draft_action', sa.String(length=12), nullable=False),
    sa.Column('draft_role', sa.String(length=40), nullable=False),
    sa.Column('draft', sa.Text(), nullable=False),
    sa.Column('action', sa.String(length=12), nullable=False),
    sa.Column('role', sa.String(length=40), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('handled_at', sa.DateTime(), nullable=True),
    sa.Column('score', sa.Integer(), nullable=True),
    sa.Column('detail', sa.JSON(), nullable=True),
    sa.Column('created_at', app.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['account_id'], ['sandbox_account.id'], name=op.f('fk_inbox_item_account_id_sandbox_account'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_inbox_item_user_id_user'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_inbox_item')),
    sa.UniqueConstraint('account_id', 'key', name=op.f('uq_inbox_item_account_id'))
    )
    with op.batch_alter_table('inbox_item', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_inbox_item_account_id'), ['account_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_inbox_item_user_id'), ['user_id'], unique=False)

    op.create_table('sandbox_event',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('account_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('target', sa.String(length=40), nullable=False),
    sa.Column('note', sa.String(length=500), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('created_at', app.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['account_id'], ['sandbox_account.id'], name=op.f('fk_sandbox_event_account_id_sandbox_account'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_sandbox_event_user_id_user'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sandbox_event'))
    )
    with op.batch_alter_table('sandbox_event', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sandbox_event_account_id'), ['account_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_sandbox_event_user_id'), ['user_id'], unique=False)

    # Complaints that posts caused, queued on the account, become inbox rows (nothing lost).
    bind = op.get_bind()
    accounts = sa.table('sandbox_account', sa.column('id'), sa.column('user_id'), sa.column('inbox_queue', sa.JSON))
    items = sa.table(
        'inbox_item', *(sa.column(n) for n in (
            'account_id', 'user_id', 'key', 'message', 'origin', 'post_id', 'parent_key',
            'arrives_at', 'draft_action', 'draft_role', 'draft', 'action', 'role', 'text',
            'created_at')),
    )
    now = datetime.utcnow()
    found = bind.execute(sa.select(accounts.c.id, accounts.c.user_id, accounts.c.inbox_queue)).all()
    # A plain DROP COLUMN (SQLite 3.35+ and PostgreSQL): batch mode would rebuild the
    # table, and with foreign keys on, dropping the old one cascades to every idea and post.
    op.execute('ALTER TABLE sandbox_account DROP COLUMN inbox_queue')
    for account_id, user_id, queue in found:
        if isinstance(queue, str):
            queue = json.loads(queue or "[]")
        seen = set()
        for entry in queue or []:
            message, post, at = str(entry.get("message", "")), entry.get("post"), entry.get("at")
            key = f"p{post}-{message}"
            if not message or not at or key in seen:
                continue
            seen.add(key)
            bind.execute(items.insert().values(
                account_id=account_id, user_id=user_id, key=key, message=message, origin='post',
                post_id=post, parent_key='', arrives_at=datetime.fromisoformat(at),
                draft_action='', draft_role='', draft='', action='', role='', text='',
                created_at=now,
            ))


def downgrade():
    bind = op.get_bind()
    rows = bind.execute(sa.text(
        "SELECT account_id, message, post_id, arrives_at FROM inbox_item WHERE origin = 'post' ORDER BY id"
    )).all()
    op.add_column('sandbox_account', sa.Column('inbox_queue', sa.JSON(), nullable=True))
    queues = {}
    for account_id, message, post_id, arrives_at in rows:
        at = arrives_at if isinstance(arrives_at, datetime) else datetime.fromisoformat(str(arrives_at))
        queues.setdefault(account_id, []).append(
            {"message": message, "post": post_id, "at": at.isoformat(timespec="minutes")}
        )
    accounts = sa.table('sandbox_account', sa.column('id'), sa.column('inbox_queue', sa.JSON))
    for account_id, queue in queues.items():
        bind.execute(accounts.update().where(accounts.c.id == account_id).values(inbox_queue=queue))
    with op.batch_alter_table('sandbox_event', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sandbox_event_user_id'))
        batch_op.drop_index(batch_op.f('ix_sandbox_event_account_id'))
    op.drop_table('sandbox_event')
    with op.batch_alter_table('inbox_item', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_inbox_item_user_id'))
        batch_op.drop_index(batch_op.f('ix_inbox_item_account_id'))
    op.drop_table('inbox_item')
