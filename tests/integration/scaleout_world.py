"""Two gunicorn servers on one PostgreSQL and one Redis, and a client that stands in for the
TLS proxy and the browser in front of them (used by test_scale_out.py).

The servers run the production config. Production sets Secure, `__Host-` cookies and HSTS,
but it does not need TLS itself: a TLS proxy terminates it and says so in X-Forwarded-Proto,
which the app believes from one proxy when TRUSTED_PROXIES=1. The client here is that proxy:
it talks plain HTTP on loopback and sends the headers a proxy adds. A stock HTTP client would
refuse to send a Secure cookie over http://, so the client keeps its own cookie jar, as the
visitor's browser does over HTTPS. (The e2e tests' testing config would prove less: it has
no secure cookies, no CSRF and no Redis.)
"""

from __future__ import annotations

import http.client
import ipaddress
import os
import secrets
import signal
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from html.parser import HTMLParser
from http.cookies import SimpleCookie
from pathlib import Path
from typing import IO
from urllib.parse import urlencode, urlsplit

from support import free_port

from app.credentials.domain.keys import generate_key_pair

ROOT = Path(__file__).resolve().parents[2]
PUBLIC_HOST = "tawasul.test"  # a reserved name: nothing outside this machine can answer
PUBLIC_BASE_URL = f"https://{PUBLIC_HOST}"
BOOT_SECONDS = 90  # two preloading servers on a busy 2-core machine


@dataclass
class Server:
    """One gunicorn master (one sync worker) on a loopback port."""

    name: str
    port: int
    process: subprocess.Popen[bytes]
    log_path: Path
    log: IO[bytes]

    def log_tail(self, lines: int = 30) -> str:
        """The last lines gunicorn and the app wrote (for failure messages)."""
        self.log.flush()
        text = self.log_path.read_text(encoding="utf-8", errors="replace")
        return "\n".join(text.splitlines()[-lines:])

    def stop(self) -> None:
        """Ask gunicorn for a quick shutdown (INT: no request is in flight any more)."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)

    def wait_stopped(self) -> None:
        """Wait for the master and its worker; kill the group if they do not stop in time."""
        try:
            self.process.wait(15)
        except subprocess.TimeoutExpired:
            # start_new_session made the master a group leader: this reaches its worker too.
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(5)
        finally:
            self.log.close()


def stop_all(servers: list[Server]) -> None:
    """Stop every server at once (each takes a second or two to wind down)."""
    for server in servers:
        server.stop()
    for server in servers:
        server.wait_stopped()


def cluster_environment(database_url: str, redis_url: str, mail_port: int) -> dict[str, str]:
    """The production settings both servers share (one secret, one database, one Redis)."""
    env = {
        key: value
        for key, value in os.environ.items()
        # The developer's own settings must not leak into the servers.
        if key not in {"FLASK_DEBUG", "TRUSTED_HOSTS", "RATELIMIT_DEFAULT", "WEB_CONCURRENCY"}
    }
    env.update(
        {
            "TAWASUL_ENV": "production",
            "SECRET_KEY": secrets.token_urlsafe(48),
            "CREDENTIAL_SIGNING_KEY": generate_key_pair().secret_multibase,
            "DATABASE_URL": database_url,
            "REDIS_URL": redis_url,
            "PUBLIC_BASE_URL": PUBLIC_BASE_URL,
            "TRUSTED_PROXIES": "1",
            "MAIL_SERVER": "127.0.0.1",
            "MAIL_PORT": str(mail_port),
            "MAIL_USE_TLS": "false",
            "WEB_CONCURRENCY": "1",
            "GUNICORN_LOG_LEVEL": "warning",
            "PYTHONPATH": str(ROOT),
        }
    )
    return env


def start_server(name: str, env: dict[str, str], folder: Path) -> Server:
    """Start `gunicorn -c gunicorn.conf.py wsgi:app` (as make serve does) on a free port."""
    port = free_port()
    log_path = folder / f"gunicorn-{name}.log"
    log = log_path.open("wb")
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "wsgi:app"],
        cwd=ROOT,
        env={**env, "BIND": f"127.0.0.1:{port}"},
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    return Server(name, port, process, log_path, log)


def wait_until_healthy(server: Server) -> None:
    """Poll /healthz until it answers 200; fail with the server's log if it never does."""
    deadline = time.monotonic() + BOOT_SECONDS
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise AssertionError(f"server {server.name} exited:\n{server.log_tail()}")
        try:
            if fetch(server, "GET", "/healthz", {"Host": PUBLIC_HOST}).status == 200:
                return
        except OSError:
            pass
        time.sleep(0.1)
    raise AssertionError(f"server {server.name} not healthy in time:\n{server.log_tail()}")


@dataclass
class Reply:
    """An HTTP response, read whole."""

    path: str
    status: int
    headers: http.client.HTTPMessage
    body: bytes

    @property
    def text(self) -> str:
        """The body as UTF-8 text."""
        return self.body.decode("utf-8", errors="replace")

    @property
    def location(self) -> str:
        """The path of a redirect's Location header ("" when there is none)."""
        return urlsplit(self.headers.get("Location", "")).path


def fetch(
    server: Server, method: str, path: str, headers: dict[str, str], body: bytes | None = None
) -> Reply:
    """One request to one server, no redirect followed."""
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
    try:
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        return Reply(path, response.status, response.headers, response.read())
    finally:
        connection.close()


def random_address() -> str:
    """A random IPv6 address of the documentation range 2001:db8::/32 (never a real client)."""
    return str(ipaddress.IPv6Address((0x20010DB8 << 96) | secrets.randbits(96)))


@dataclass
class Browser:
    """One visitor behind the TLS proxy: its own address, cookie jar and current page."""

    # A documentation-range IPv6 address of its own, so rate-limit counters start at zero.
    address: str = field(default_factory=random_address)
    cookies: dict[str, str] = field(default_factory=dict)
    page: str = "/"

    def cookie_header(self) -> str:
        """The Cookie header the browser would send to the site."""
        return "; ".join(f"{name}={value}" for name, value in self.cookies.items())

    def request(
        self,
        server: Server,
        method: str,
        path: str,
        body: bytes | None = None,
        content_type: str = "",
    ) -> Reply:
        """Send a request through the 'proxy' to `server`, keeping the cookies it sets."""
        headers = {
            "Host": PUBLIC_HOST,
            "X-Forwarded-For": self.address,
            "X-Forwarded-Proto": "https",
            "Accept-Language": "ar",
            "User-Agent": "scale-out-test",
        }
        if self.cookies:
            headers["Cookie"] = self.cookie_header()
        if method == "POST":
            # Over HTTPS Flask-WTF also wants a same-origin Referer: the page the form was on.
            headers["Referer"] = PUBLIC_BASE_URL + self.page
            headers["Content-Type"] = content_type
        reply = fetch(server, method, path, headers, body)
        self._keep_cookies(reply)
        if method == "GET" and reply.status == 200:
            self.page = path
        return reply

    def get(self, server: Server, path: str) -> Reply:
        """GET a page."""
        return self.request(server, "GET", path)

    def submit(
        self,
        server: Server,
        action: str,
        fields: dict[str, str],
        files: dict[str, bytes] | None = None,
    ) -> Reply:
        """POST a form (url-encoded, or multipart when it carries files)."""
        if not files:
            body = urlencode(fields).encode()
            return self.request(server, "POST", action, body, "application/x-www-form-urlencoded")
        boundary = uuid.uuid4().hex
        parts = [
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
            for name, value in fields.items()
        ]
        for name, data in files.items():
            parts.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
                f'filename="{name}.png"\r\nContent-Type: image/png\r\n\r\n'.encode()
                + data
                + b"\r\n"
            )
        body = b"".join(parts) + f"--{boundary}--\r\n".encode()
        return self.request(
            server, "POST", action, body, f"multipart/form-data; boundary={boundary}"
        )

    def _keep_cookies(self, reply: Reply) -> None:
        """Store or delete what each Set-Cookie header says, as a browser does."""
        for header in reply.headers.get_all("Set-Cookie") or []:
            jar: SimpleCookie = SimpleCookie()
            jar.load(header)
            for name, morsel in jar.items():
                expires = morsel["expires"]
                gone = morsel["max-age"] == "0" or (
                    expires and parsedate_to_datetime(expires).timestamp() < time.time()
                )
                if gone:
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value


class FormReader(HTMLParser):
    """The named inputs (with their values) of each form, by the form's action."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[tuple[str, dict[str, str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Open a form, or record an input of the open one."""
        values = {k: v or "" for k, v in attrs}
        if tag == "form":
            self.forms.append((values.get("action", ""), {}))
        elif tag == "input" and self.forms and values.get("name"):
            if values.get("type") in {"checkbox", "radio"} and "checked" not in values:
                return
            self.forms[-1][1][values["name"]] = values.get("value", "")


def forms_on(page: Reply, action: str) -> list[dict[str, str]]:
    """Every form on the page that posts to `action`, with its inputs' values."""
    reader = FormReader()
    reader.feed(page.text)
    # A form without an action posts to the page's own address.
    here = urlsplit(page.path).path
    return [fields for target, fields in reader.forms if (target or here) == action]


def form_on(page: Reply, action: str) -> dict[str, str]:
    """The one form on the page that posts to `action` (its CSRF token included)."""
    found = forms_on(page, action)
    assert found, f"no form posting to {action} on the page (status {page.status})"
    return found[0]
