"""A second (or third) process of the site, for tests/core/test_cache.py: not a test module.

Run as `python tests/core/cache_process.py` with DATABASE_URL and REDIS_URL set; it reads
one command a line on stdin and answers one JSON line on stdout:

    get <path>              → {"status": …, "queries": …, "body": …}
    edit <slug> <summary…>  → {"done": true}   (saves the career's summary, committed)
    unpublish <slug>        → {"done": true}   (withdraws the career, committed)
    version [part]          → {"version": …}   (core.cache.catalogue_version(part))
"""

import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from careers.models import Career  # noqa: E402
from core import cache  # noqa: E402


def main() -> None:
    client = Client(headers={"host": "localhost"})
    for line in sys.stdin:
        command, _, rest = line.strip().partition(" ")
        if command == "get":
            with CaptureQueriesContext(connection) as queries:
                response = client.get(rest)
            answer = {
                "status": response.status_code,
                "queries": len(queries),
                "body": response.content.decode(),
            }
        elif command == "edit":
            slug, _, summary = rest.partition(" ")
            career = Career.objects.get(slug=slug)
            career.summary = summary
            career.save()
            answer = {"done": True}
        elif command == "unpublish":
            career = Career.objects.get(slug=rest)
            career.is_published = False
            career.save()
            answer = {"done": True}
        elif command == "version":
            answer = {"version": cache.catalogue_version(rest or cache.NAME)}
        else:
            answer = {"error": command}
        print(json.dumps(answer), flush=True)


if __name__ == "__main__":
    main()
