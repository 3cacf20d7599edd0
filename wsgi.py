"""WSGI entry point for gunicorn: `gunicorn wsgi:app` (no database use before fork).

What gunicorn serves is production unless TAWASUL_ENV says otherwise, so a forgotten
variable cannot start a server with development settings; `flask run` (make run) stays
development.
"""

import os

from app import create_app

app = create_app({"ENV_NAME": os.environ.get("TAWASUL_ENV") or "production"})
