"""In-process growth of the pages that read the whole catalogue, run by hand (not a test).

    .venv/bin/python bench/scale_bench.py                        # SQLite, 200 and 2 000
    DATABASE_URL=postgres://user@host/db .venv/bin/python bench/scale_bench.py
    .venv/bin/python bench/scale_bench.py --careers 200 --careers 2000 --runs 40

For each size it builds a throwaway database (a SQLite file in a temporary directory, or
a new database on the PostgreSQL server of DATABASE_URL, dropped at the end) as a new
user would: migrate, load_catalog, seed_synthetic --careers N --certifications N/5.
Then a child process renders each page with Django's test client, `--runs` times after
two warm-up renders, and prints the p50 and p95 (ms, wall-clock), the p50 of the
thread's CPU time (on SQLite the database's work is in it too, and a busy machine
distorts it much less), the number of queries and the HTML size. The cache is the
process's own (LocMem): pages the site caches (job sheet, unfiltered facets, skill
counts) are timed as the hits they are in production; the filtered list, search and
facet counts of a filter never are. With two sizes or more it prints the p50 growth,
largest ÷ smallest (target ≤ 2).
"""

import argparse
import json
import os
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from http_bench import PYTHON, Database, run

# Run in the child, with DATABASE_URL set: prints one JSON line of measurements.
MEASURE = r"""
import json, statistics, sys, time
from urllib.parse import urlencode
import django
django.setup()
from django.db import connection, reset_queries
from django.test import Client
from django.test.utils import CaptureQueriesContext
from careers.models import Career, CareerSkill
from careers.forms import CareerFilterForm

runs = int(sys.argv[1])
first = Career.objects.filter(is_synthetic=True).order_by("pk").first()
soft = CareerSkill.objects.filter(career=first, skill__kind="soft").first().skill
filtered = {"q": "logistique", "soft": soft.slug}
client = Client(headers={"host": "localhost"})


def facet_counts():
    form = CareerFilterForm({"q": "logistique"})
    form.is_valid()
    careers = Career.objects.published().filter_by(**form.filters()).pinned()
    careers.facet_counts(whole_catalogue=False)


PAGES = {
    "liste des compétences": "/competences/",
    "recherche": "/recherche/?q=logistique",
    "liste des métiers": "/metiers/",
    "liste filtrée": "/metiers/?" + urlencode(filtered),
    "liste filtrée (recherche seule)": "/metiers/?q=logistique",
    "comptes des facettes (filtre)": facet_counts,
}
results = {}
for name, page in PAGES.items():
    timings, cpu, size, queries = [], [], 0, 0
    for i in range(runs + 2):
        with CaptureQueriesContext(connection) as captured:
            started, started_cpu = time.perf_counter(), time.thread_time()
            if callable(page):
                page()
            else:
                response = client.get(page)
                assert response.status_code == 200, (page, response.status_code)
                size = len(response.content)
            elapsed = time.perf_counter() - started
            elapsed_cpu = time.thread_time() - started_cpu
        if i >= 2:
            timings.append(elapsed * 1000)
            cpu.append(elapsed_cpu * 1000)
            queries = len(captured)
    cuts = statistics.quantiles(timings, n=20, method="inclusive")
    p50 = statistics.median(timings)
    results[name] = {
        "p50": p50, "p95": cuts[18], "cpu": statistics.median(cpu), "queries": queries,
        "bytes": size,
    }
print("RESULTS " + json.dumps(results))
"""


def measure_size(careers: int, runs: int) -> dict:
    tmp = Path(tempfile.mkdtemp(prefix="scale-"))
    database = Database(tmp, os.environ.get("DATABASE_URL", ""))
    env = {**os.environ, "DATABASE_URL": database.url, "DJANGO_ENV": "test"}
    env.pop("REDIS_URL", None)
    try:
        run([PYTHON, "manage.py", "migrate", "--no-input", "-v0"], env)
        run([PYTHON, "manage.py", "load_catalog"], env)
        seed = [f"--careers={careers}", f"--certifications={max(1, careers // 5)}", "--seed=1"]
        run([PYTHON, "manage.py", "seed_synthetic", *seed], env)
        if database.base_url:
            run([PYTHON, "manage.py", "shell", "-c", _ANALYZE], env)
        env["DJANGO_SETTINGS_MODULE"] = "config.settings"
        out = run([PYTHON, "-c", MEASURE, str(runs)], env)
        return json.loads(out.split("RESULTS ", 1)[1])
    finally:
        database.drop()
        shutil.rmtree(tmp, ignore_errors=True)


_ANALYZE = "from django.db import connection; connection.cursor().execute('ANALYZE')"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--careers", type=int, action="append", help="taille(s) du catalogue")
    parser.add_argument("--runs", type=int, default=30, help="rendus mesurés par page")
    options = parser.parse_args()
    sizes = options.careers or [200, 2000]
    if not 5 <= options.runs <= 500:
        parser.error("--runs entre 5 et 500")
    vendor = "PostgreSQL" if os.environ.get("DATABASE_URL") else "SQLite"
    print(f"load average au départ : {os.getloadavg()[0]:.2f} ({os.cpu_count()} cœurs)")
    results = {}
    for size in sizes:
        results[size] = measure_size(size, options.runs)
        print(f"\n=== {vendor}, {size} fiches (+ catalogue), {options.runs} rendus ===")
        print(
            f"  {'page':<34} {'p50 ms':>8} {'p95 ms':>8} {'CPU p50':>8} {'requêtes':>9} "
            f"{'HTML Ko':>8}"
        )
        for name, r in results[size].items():
            print(
                f"  {name:<34} {r['p50']:8.1f} {r['p95']:8.1f} {r['cpu']:8.1f} "
                f"{r['queries']:9d} {r['bytes'] / 1024:8.1f}"
            )
    if len(sizes) >= 2:
        small, large = sizes[0], sizes[-1]
        print(f"\n=== croissance du p50 : {large} ÷ {small} (cible ≤ 2) ===")
        print(f"  {'page':<34} {'p50':>6} {'CPU p50':>8}")
        for name in results[small]:
            before, after = results[small][name], results[large][name]
            print(
                f"  {name:<34} {after['p50'] / before['p50']:6.2f} "
                f"{after['cpu'] / before['cpu']:8.2f}"
            )
    print(f"load average à la fin : {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
