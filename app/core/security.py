"""Response headers, the Content Security Policy and password hashing."""

from __future__ import annotations

import hashlib

from flask import Flask, Response, current_app, request
from flask.sessions import SecureCookieSessionInterface, SessionMixin
from flask_login import current_user
from werkzeug.security import check_password_hash, generate_password_hash

CSP = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "form-action 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
    ]
)


class SHA256SessionInterface(SecureCookieSessionInterface):
    """Signed cookie sessions with HMAC-SHA256 instead of Flask's default SHA-1."""

    digest_method = staticmethod(hashlib.sha256)

    def save_session(self, app: Flask, session: SessionMixin, response: Response) -> None:
        """Save as Flask does, except on static files, which never carry or vary by a cookie."""
        # Flask-Login looks into the session after every response, which made each font and
        # stylesheet say "Vary: Cookie": Chromium then refetched its year-long copies as soon
        # as the session cookie changed (at sign-in), and shared caches keep one per visitor.
        if request.endpoint == "static":
            return
        super().save_session(app, session, response)


def hash_password(password: str) -> str:
    """Hash a password with the configured policy."""
    return generate_password_hash(password, method=current_app.config["PASSWORD_HASH_METHOD"])


def verify_password(stored: str, password: str) -> bool:
    """Check a password against its stored hash in constant time."""
    return check_password_hash(stored, password)


def needs_rehash(stored: str) -> bool:
    """True when the stored hash was made with another policy than the current one."""
    method = current_app.config["PASSWORD_HASH_METHOD"]
    return not stored.startswith(method + "$")


def set_security_headers(response: Response) -> Response:
    """Add the security headers every response carries."""
    headers = response.headers
    headers.setdefault("Content-Security-Policy", CSP)
    headers["X-Content-Type-Options"] = "nosniff"
    headers["Referrer-Policy"] = "strict-origin-when-cross-origin"
    headers.setdefault("X-Frame-Options", "DENY")
    headers["Cross-Origin-Opener-Policy"] = "same-origin"
    headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()"
    if current_app.config.get("HSTS"):
        headers["Strict-Transport-Security"] = "max-age=31536000; includeSubDomains"
    if request.endpoint != "static" and (current_user.is_authenticated or request.method != "GET"):
        headers["Cache-Control"] = "no-store"
    return response


def init_security(app: Flask) -> None:
    """Install the SHA-256 session signer and the header hook."""
    app.session_interface = SHA256SessionInterface()
    app.after_request(set_security_headers)
