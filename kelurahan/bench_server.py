"""What the HTTP benchmarks share (`bench_http`, `bench_writers`): gunicorn started on the
database of the running process, and logged-in sessions made without a login request."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.core.management.base import CommandError


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def session_cookie(user) -> str:
    """A logged-in session in the database, as a browser would hold it."""
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return session.session_key


def delete_sessions(keys) -> None:
    SessionStore().model.objects.filter(session_key__in=list(keys)).delete()


def start_gunicorn(port: int, workers: int, *, production: bool = True) -> subprocess.Popen:
    """gunicorn (DEBUG off) on 127.0.0.1:`port`, on the database of DATABASE_URL; returns once
    it accepts connections. `production=False` keeps the test settings (TESTING) of a test run:
    static files from the finders, no collectstatic manifest needed."""
    env = {
        **os.environ,
        "DEBUG": "0",
        # Sessions made by this process are signed with its key.
        "SECRET_KEY": settings.SECRET_KEY,
        "ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SETTINGS_MODULE": "config.settings",
    }
    if production:
        env.pop("TESTING", None)
    else:
        env["TESTING"] = "1"
    gunicorn = Path(sys.executable).with_name("gunicorn")
    log = Path(settings.BASE_DIR, ".bench")
    log.mkdir(exist_ok=True)
    command = [
        str(gunicorn),
        "kelurahan.bench_wsgi",
        f"--workers={workers}",
        f"--bind=127.0.0.1:{port}",
        "--log-level=warning",
        f"--error-logfile={log / 'gunicorn.log'}",
    ]
    server = subprocess.Popen(command, cwd=settings.BASE_DIR, env=env)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise CommandError(f"gunicorn stopped; see {log / 'gunicorn.log'}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return server
        except OSError:
            time.sleep(0.3)
    server.terminate()
    raise CommandError("gunicorn did not start within 60 seconds.")


def stop_gunicorn(server: subprocess.Popen) -> None:
    server.terminate()
    server.wait(timeout=30)
