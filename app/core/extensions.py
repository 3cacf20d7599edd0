"""Flask extensions, created unbound and bound in create_app."""

from __future__ import annotations

import hashlib
from functools import partial

import flask_wtf.csrf
from flask_babel import Babel
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf.csrf import CSRFProtect
from itsdangerous import URLSafeTimedSerializer

from app.core.db import Base

db = SQLAlchemy(model_class=Base)
migrate = Migrate()
login_manager = LoginManager()
csrf = CSRFProtect()
babel = Babel()
# Best-effort extra guard; the limits that must hold across workers use app.ratelimit.
limiter = Limiter(key_func=get_remote_address)

# Flask-WTF signs CSRF tokens with itsdangerous' default HMAC-SHA1 ("legacy" in ASVS
# Appendix C) and offers no setting for it, so its serializer is swapped for a SHA-256 one.
flask_wtf.csrf.URLSafeTimedSerializer = partial(
    URLSafeTimedSerializer, signer_kwargs={"digest_method": hashlib.sha256}
)
