"""Benchmark of `manage.py import_rome`, and of the pages once the ROME catalogue is in.

For each size (1 584 fiches, the real ROME 4.0, and five times that), writes a
synthetic export (bench/rome_export.py), migrates a throwaway database, loads the
editorial catalogue, then runs the import twice in child processes, so that the
peak resident memory (ru_maxrss from wait4) is the import's alone: the first run
creates everything, the second must change nothing. At the first size it then
times the pages a student opens (list, searches, a sheet, the skills list) in a
child process with production settings: queries per page, p50 cold (cache
emptied before each request) and warm, and the ratio to /healthz.

    .venv/bin/python bench/rome_import_bench.py [--sizes 1584 7920]
        [--postgres postgres://postgres@127.0.0.1:55432/postgres]
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from http_bench import Database, run  # noqa: E402
from rome_export import write_export  # noqa: E402

PAGES = [
    ("/healthz", "healthz"),
    ("/metiers/", "list"),
    ("/metiers/?q=logistique", "list, search"),
    ("/metiers/?q=cheffe+de+quai", "list, appellation"),
    ("/recherche/?q=maintenance", "search"),
    ("/recherche/suggestions/?q=chef", "suggestions"),
    ("/competences/", "skills list"),
]
REPEAT = 15


def timed_child(args: list, env: dict) -> tuple[float, float, str]:
    """Run a command; (seconds, peak RSS in MiB, stdout)."""
    started = time.perf_counter()
    child = subprocess.Popen(args, cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True)
    stdout = child.stdout.read()
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"échec de {' '.join(map(str, args))} :\n{stdout}")
    return seconds, usage.ru_maxrss / 1024, stdout


def measure_pages() -> None:
    """In the child: every page's queries and p50, cold and warm; printed as JSON."""
    import django

    django.setup()
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client

    from careers.models import Career

    sheet = Career.objects.filter(source_key__startswith="rome:").order_by("pk")[100]
    # HTTPS, as behind the production proxy: plain HTTP would be redirected.
    client = Client(HTTP_HOST="127.0.0.1", HTTP_X_FORWARDED_PROTO="https")
    executed = []

    def count(execute, sql, params, many, context):
        executed.append(sql)
        return execute(sql, params, many, context)

    results = {}
    for url, label in [*PAGES, (sheet.get_absolute_url(), "ROME sheet")]:
        cold, warm = [], []
        for _ in range(REPEAT):
            cache.clear()
            executed.clear()
            started = time.perf_counter()
            with connection.execute_wrapper(count):
                response = client.get(url)
            cold.append(time.perf_counter() - started)
            assert response.status_code == 200, (url, response.status_code)
            started = time.perf_counter()
            client.get(url)
            warm.append(time.perf_counter() - started)
        results[label] = {
            "url": url,
            "queries": len(executed),
            "cold_ms": statistics.median(cold) * 1000,
            "warm_ms": statistics.median(warm) * 1000,
            "bytes": len(response.content),
        }
    print(json.dumps(results))


def bench(size: int, base_url: str, tmp: Path, pages: bool) -> None:
    export = tmp / f"rome-{size}.zip"
    member_size, _ = write_export(export, fiches=size, seed=1, encoding="utf-8")
    database = Database(tmp, base_url)
    kind = "PostgreSQL" if base_url else "SQLite"
    try:
        env = {
            **os.environ,
            "DATABASE_URL": database.url,
            "DJANGO_SETTINGS_MODULE": "config.settings",
        }
        python = str(ROOT / ".venv" / "bin" / "python")
        run([python, "manage.py", "migrate", "--no-input"], env)
        run([python, "manage.py", "load_catalog"], env)
        command = [python, "manage.py", "import_rome", str(export)]
        first, first_rss, out = timed_child(command, env)
        second, second_rss, again = timed_child(command, env)
        assert f"{size} inchangées" in again, again
        print(
            f"{kind}, {size} fiches ({member_size / 2**20:.0f} MiB of JSON): "
            f"first import {first:.1f} s ({size / first:.0f} fiches/s), peak {first_rss:.0f} MiB; "
            f"second (nothing to do) {second:.1f} s, peak {second_rss:.0f} MiB"
        )
        print("  " + out.strip().splitlines()[-1])
        if pages:
            production = {
                **env,
                "DJANGO_ENV": "production",
                "DJANGO_SECRET_KEY": "bench",
                "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
                "SITE_URL": "http://127.0.0.1",
            }
            run([python, "manage.py", "collectstatic", "--no-input", "-v0"], production)
            probe = [python, __file__, "--pages-child"]
            results = json.loads(run(probe, production))
            floor = results["healthz"]["warm_ms"]
            print(
                f"  {'page':<20} {'queries':>7} {'cold p50':>10} {'warm p50':>10} {'× healthz':>10}"
            )
            for label, result in results.items():
                print(
                    f"  {label:<20} {result['queries']:>7} {result['cold_ms']:>8.1f} ms "
                    f"{result['warm_ms']:>7.1f} ms {result['cold_ms'] / floor:>6.0f} / "
                    f"{result['warm_ms'] / floor:.0f}   {result['bytes'] / 1024:.0f} KiB"
                )
    finally:
        database.drop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1584, 7920])
    parser.add_argument("--postgres", default="", help="a PostgreSQL server's URL (else SQLite)")
    parser.add_argument("--pages-child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.pages_child:
        measure_pages()
        return
    with tempfile.TemporaryDirectory() as tmp:
        for index, size in enumerate(args.sizes):
            bench(size, args.postgres, Path(tmp), pages=index == 0)


if __name__ == "__main__":
    main()
