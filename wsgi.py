"""WSGI entry point for gunicorn: `gunicorn wsgi:app` (no database use before fork)."""

from app import create_app

app = create_app()
