"""The site in a fresh interpreter: settings are read once per process, so another environment
(production, a database that is gone, a database of its own) needs its own process."""

import json
import os
import socket
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

from django.conf import settings

# The site's own variables: a child process gets only those a test gives it.
SITE_VARIABLES = {"DATABASE_URL", "CONN_MAX_AGE", "SITE_URL", "REDIS_URL"}

# Prints {path: [status, Content-Type, streaming, body]} for each path of argv, asked over
# plain HTTP of the host in $TEST_HOST.
GET_PATHS = """
import json, os, sys
import django
django.setup()
from django.test import Client
client = Client(raise_request_exception=False, HTTP_HOST=os.environ["TEST_HOST"])
answers = {}
for path in sys.argv[1:]:
    response = client.get(path)
    body = b"" if response.streaming else response.content
    answers[path] = [
        response.status_code, response.get("Content-Type", ""), response.streaming, body.decode()
    ]
print(json.dumps(answers))
"""


def environment(**variables: str) -> dict[str, str]:
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith("DJANGO_") and name not in SITE_VARIABLES
    }
    return env | {"DJANGO_SETTINGS_MODULE": "config.settings", **variables}


def run(args: list[str], **variables: str) -> subprocess.CompletedProcess:
    """Run Python in the project with only `variables` set among the site's own."""
    return subprocess.run(
        [sys.executable, *args],
        env=environment(**variables),
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=180,
    )


def get(paths: list[str], host: str = "localhost", **variables: str) -> dict[str, list]:
    """What the site answers to GET `paths` in a process with `variables`."""
    result = run(["-c", GET_PATHS, *paths], TEST_HOST=host, **variables)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.splitlines()[-1])


def migrate_sqlite(path: Path) -> None:
    result = run(["manage.py", "migrate", "--no-input", "-v0"], DATABASE_URL=f"sqlite:///{path}")
    assert result.returncode == 0, result.stderr


def copy_sqlite(source: Path, target: Path) -> Path:
    """A copy through SQLite's backup: pages still in the WAL file come along."""
    with closing(sqlite3.connect(source)) as origin, closing(sqlite3.connect(target)) as copy:
        origin.backup(copy)
    return target


def closed_port() -> int:
    """A local port nothing listens on: connecting to it is refused at once."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
