"""Every public page, warm and never seen, against /healthz (issue 19), run by hand.

    .venv/bin/python bench/pages_bench.py                              # SQLite, 2 000 + ROME
    DATABASE_URL=postgres://user@host/db .venv/bin/python bench/pages_bench.py \
        --http --careers 10000                                         # gunicorn + wrk
    .venv/bin/python bench/pages_bench.py --database sqlite:////tmp/x.sqlite3   # built already
    .venv/bin/python bench/pages_bench.py --database … --profile "liste filtrée" [--cold]

Builds a throwaway database as bench/http_bench.py does (whose helpers it uses): migrate,
load_catalog, seed_synthetic --careers N --certifications N/5, and with --rome (default)
a synthetic ROME export of 1 584 fiches (bench/rome_export.py) imported. `--database`
measures an existing database instead (nothing is built or dropped).

Each page has a warm address (asked again and again) and never-seen ones: a new search
word, a new filter combination, another career, certification or skill, another
selection. A page with one address (home, the lists) is "never seen" right after an
editor's edit: a career's summary saved before each request (its signals move the
catalogue's version, core.cache). The lists that outlive such an edit (their own part's
version) are also measured right after every version moved, as an import moves them
("après un import").

In-process (default): a child process with production settings renders each page with
Django's test client, its own LocMem cache; `--runs` warm renders after two warm-up
ones, and `--runs` never-seen addresses, once each. Printed: p50 and p95 (wall-clock),
the p50 of the thread's CPU time (on SQLite the database's work is in it; a busy machine
distorts it much less), queries, HTML size, and the CPU p50 as a multiple of /healthz's
("× hz"): its p50 over the whole run, ten requests timed before each page, since the
machine's speed drifts within a run (the /healthz row is the first of them). A /healthz
request is also timed before each of the page's ("hz", "× alt."): the load of a shared
machine moves that floor and the page alike.

Over HTTP (`--http`): gunicorn (production, 3 workers) and wrk for the warm address, as
http_bench; the never-seen addresses are fetched once each by `--connections` threads.
"CPU ms/req" is the workers' CPU time divided by the requests (the database server's
own time is left out on PostgreSQL); the ratio is to /healthz's.

`--profile PAGE` runs cProfile on that page's warm address (or never-seen ones with
`--cold`) and prints where the time goes: SQL, template rendering, forms and facets,
charts, the middleware around the view, then the top functions.

Targets (issue 19): warm ≤ 15× /healthz, never seen ≤ 40×.
"""

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from http_bench import (  # noqa: E402
    PYTHON,
    Database,
    build,
    cpu_seconds,
    fetch,
    measure,
    production_env,
    run,
    start_gunicorn,
    stop,
    worker_pids,
)

WARM_TARGET = 15
# /healthz requests timed before each page, for the run's floor.
FLOOR_BURST = 10
COLD_TARGET = 40
ROME_FICHES = 1584
# A page measured right after every version of the catalogue moved, its parts' too.
EVERYTHING_CHANGED = "everything"
COLD_KINDS = {
    None: "après une modification",
    EVERYTHING_CHANGED: "après un import (toutes les versions)",
}


def cold_kind(never_seen) -> str:
    """How a page is never seen: new addresses (a list of them), or after which change."""
    return "adresses neuves" if isinstance(never_seen, list) else COLD_KINDS[never_seen]


def discover(runs: int) -> dict:
    """Each page's warm address and `runs` never-seen ones (None: one address only).

    Run in a process with Django set up. No never-seen address is asked twice, nor is
    another page's: one page's measure never warms another's.
    """
    from careers.models import Career, CareerSkill
    from certifications.models import Certification
    from skills.models import Skill

    careers = list(
        Career.objects.published().order_by("is_synthetic", "pk").values_list("slug", flat=True)
    )
    certifications = list(
        Certification.objects.published()
        .order_by("is_synthetic", "title")
        .values_list("slug", flat=True)
    )
    n, m = len(careers), len(certifications)  # never-seen addresses taken from the middle
    first = Career.objects.filter(is_synthetic=True).order_by("pk").first()
    links = CareerSkill.objects.filter(career=first).select_related("skill")
    soft = [link.skill.slug for link in links if link.skill.kind == "soft"]
    softs = list(Skill.objects.filter(kind="soft").order_by("pk").values_list("slug", flat=True))
    hards = list(Skill.objects.filter(kind="hard").order_by("pk").values_list("slug", flat=True))
    skills = list(Skill.objects.order_by("pk").values_list("slug", flat=True))
    words = title_words(Career.objects.published().values_list("title", flat=True), runs)
    levels = ["BAC +2", "BAC +3", "BAC +5", "", "BAC +4"]

    def filtered(i: int) -> str:
        params = {"q": words[i], "soft": softs[i % len(softs)], "niveau": levels[i % 5]}
        return "/metiers/?" + urlencode({k: v for k, v in params.items() if v})

    def compared(i: int) -> str:
        return "/comparer/?metiers=" + ",".join(careers[n // 2 + 4 * i : n // 2 + 4 * i + 4])

    def profile(i: int) -> str:
        picked = [
            ("competence", hards[i]),
            ("competence", hards[i + runs]),
            ("competence", softs[i % len(softs)]),
        ]
        return "/orientation/?" + urlencode([*picked, ("qualite_de_vie", 2), ("niveau", 3)])

    sheet, certification = careers[0], certifications[0]
    warm_filters = {"q": "logistique", "niveau": "BAC +3", "salaire_min": 20000, "tri": "salaire"}
    if soft:
        warm_filters["soft"] = soft[0]
    return {
        "/healthz": ("/healthz", None),
        "accueil": ("/", None),
        "liste des métiers": ("/metiers/", None),
        "métiers (import)": ("/metiers/", EVERYTHING_CHANGED),
        "liste, page suivante": (
            "/metiers/?page=2",
            [f"/metiers/?page={3 + i}" for i in range(runs)],
        ),
        "liste filtrée": (
            "/metiers/?" + urlencode(warm_filters),
            [filtered(i) for i in range(runs)],
        ),
        "recherche": (
            "/recherche/?q=logistique",
            [f"/recherche/?q={words[i]}" for i in range(runs)],
        ),
        "suggestions": (
            "/recherche/suggestions/?q=logis",
            [f"/recherche/suggestions/?q={words[i][:5]}" for i in range(runs)],
        ),
        "fiche métier": (
            f"/metiers/{sheet}/",
            [f"/metiers/{c}/" for c in careers[n // 4 : n // 4 + runs]],
        ),
        "comparaison de 4": (
            "/comparer/?metiers=" + ",".join(careers[:4]),
            [compared(i) for i in range(runs)],
        ),
        "liste des certifications": ("/certifications/", None),
        "certifications (import)": ("/certifications/", EVERYTHING_CHANGED),
        "certifications filtrées": (
            "/certifications/?niveau=6",
            [
                "/certifications/?" + urlencode({"q": words[i], "niveau": 3 + i % 5})
                for i in range(runs)
            ],
        ),
        "certification": (
            f"/certifications/{certification}/",
            [f"/certifications/{c}/" for c in certifications[1 : 1 + runs]],
        ),
        "liste des compétences": ("/competences/", None),
        "compétences (import)": ("/competences/", EVERYTHING_CHANGED),
        "compétences cherchées": (
            "/competences/?q=gestion",
            [f"/competences/?q={words[i]}" for i in range(runs)],
        ),
        "compétence": (
            f"/competences/{skills[0]}/",
            [f"/competences/{s}/" for s in skills[1 : 1 + runs]],
        ),
        "orientation": (profile(runs), [profile(i) for i in range(runs)]),
        "comparer (choix)": ("/comparer/", None),
        "certifications comparées": (
            f"/certifications/comparer/?codes={certification},{certifications[1]}",
            [
                f"/certifications/comparer/?codes={a},{b}"
                for a, b in zip(
                    certifications[2 : 2 + runs],
                    certifications[m // 2 : m // 2 + runs],
                    strict=True,
                )
            ],
        ),
        "données ouvertes": ("/donnees-ouvertes/", None),
        "passer de A à B": (
            f"/metiers/{careers[0]}/vers/{careers[1]}/",
            [
                f"/metiers/{careers[n // 8 + i]}/vers/{careers[3 * n // 8 + i]}/"
                for i in range(runs)
            ],
        ),
    }


def title_words(titles, count: int) -> list[str]:
    """`count` words of the careers' titles, from the most used to the rarest, evenly spread:
    searches that find half the catalogue and searches that find one career."""
    from collections import Counter

    from core.text import STOPWORDS, normalise

    used = Counter(
        word
        for title in titles
        for word in set(normalise(title).replace("(", " ").replace(")", " ").split())
        if len(word) > 4 and word.isalpha() and word not in STOPWORDS
    )
    # The warm search's word, the marker of synthetic sheets, a feminine ending in brackets.
    left_out = {"logistique", "synthetique", "trice"}
    ranked = [word for word, _ in used.most_common() if word not in left_out]
    assert len(ranked) >= count, "pas assez de mots distincts dans les titres"
    step = len(ranked) / count
    return [ranked[int(i * step)] for i in range(count)]


# --- In-process ---------------------------------------------------------------------------


def child(runs: int, only: list[str]) -> None:
    """In the child process (production settings): every page measured, printed as JSON."""
    import django

    django.setup()
    from django.db import connection
    from django.test import Client

    # HTTPS, as behind the production proxy: plain HTTP would be redirected.
    client = Client(HTTP_HOST="127.0.0.1", HTTP_X_FORWARDED_PROTO="https")
    executed = []
    change = editor()

    def count(execute, sql, params, many, context):
        executed.append(sql)
        return execute(sql, params, many, context)

    def timed(url: str, *, edit=None) -> tuple[float, float, int, int]:
        if edit is not None:
            change(edit)
        executed.clear()
        started, started_cpu = time.perf_counter(), time.thread_time()
        with connection.execute_wrapper(count):
            response = client.get(url)
        elapsed, cpu = time.perf_counter() - started, time.thread_time() - started_cpu
        assert response.status_code == 200, (url, response.status_code)
        return elapsed * 1000, cpu * 1000, len(executed), len(response.content)

    def summary(samples: list) -> dict:
        wall = [s[0] for s in samples]
        return {
            "p50": statistics.median(wall),
            "p95": statistics.quantiles(wall, n=20, method="inclusive")[18],
            "cpu": statistics.median(s[1] for s in samples),
            "queries": max(s[2] for s in samples),
            "bytes": samples[-1][3],
        }

    def paired(urls: list[str], *, edit=None) -> tuple[dict, dict]:
        """Each URL timed right after a /healthz: the floor measured in the same moments, so
        that the machine's load moves both alike."""
        floor, page = [], []
        for url in urls:
            floor.append(timed("/healthz"))
            page.append(timed(url, edit=edit))
        return summary(floor), summary(page)

    # The floor is /healthz's CPU p50 over the whole run: a burst of its requests before
    # each page and at the end. This machine's speed drifts within a run, by a third at
    # times (BENCHMARKS.md); the floor measured at the start alone gave the same pages
    # ratios a third apart. The first request of a burst follows a page: not counted.
    floor_samples = []

    def floor_burst() -> None:
        timed("/healthz")
        floor_samples.extend(timed("/healthz") for _ in range(FLOOR_BURST))

    results = {}
    for name, (warm, cold) in discover(runs).items():
        if only and name not in only and name != "/healthz":
            continue
        floor_burst()
        for _ in range(2):
            timed(warm)
        floor, measured = paired([warm] * runs)
        results[name] = {"warm": measured, "warm_floor": floor}
        if isinstance(cold, list):
            floor, measured = paired(cold)
        else:
            floor, measured = paired([warm] * runs, edit=cold or "text")
        results[name] |= {"cold": measured, "cold_floor": floor}
        results[name]["cold_kind"] = cold_kind(cold)
    floor_burst()
    results["/healthz"]["run_floor"] = summary(floor_samples)
    change(None)
    print("RESULTS " + json.dumps(results))


def editor():
    """`change("text")`: an editor saves a career's summary (the last synthetic one);
    `change(EVERYTHING_CHANGED)`: every version moves, as an import moves them;
    `change(None)`: the summary as it was."""
    from careers.models import Career
    from core import cache

    career = Career.objects.filter(is_synthetic=True).order_by("-pk").first()
    original = career.summary

    def change(kind) -> None:
        if kind == EVERYTHING_CHANGED:
            cache.bump()
            return
        career.summary = (
            original if kind is None or career.summary != original else (original + " (modifié)")
        )
        career.save()

    return change


def profile_child(page: str, runs: int, cold: bool) -> None:
    """cProfile of one page (in the child), with the time split by what it is spent on."""
    import cProfile
    import pstats

    import django

    django.setup()
    from django.db import connection
    from django.test import Client

    client = Client(HTTP_HOST="127.0.0.1", HTTP_X_FORWARDED_PROTO="https")
    warm, never_seen = discover(runs)[page]
    listed = isinstance(never_seen, list)
    urls = never_seen if cold and listed else [warm] * runs
    # A one-address page is never seen right after an edit, as in the measure.
    edit = (never_seen or "text") if cold and not listed else None
    change = editor()
    for _ in range(2):
        client.get(warm)
    sql = [0.0]

    def timing(execute, sql_text, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql_text, params, many, context)
        finally:
            sql[0] += time.perf_counter() - started

    profiler = cProfile.Profile()
    total = 0.0
    with connection.execute_wrapper(timing):
        for url in urls:
            if edit:
                change(edit)
            started = time.perf_counter()
            profiler.enable()
            client.get(url)
            profiler.disable()
            total += time.perf_counter() - started
    change(None)
    stats = pstats.Stats(profiler)

    def inside(*paths: str, function: str = "") -> float:
        """Time spent in these files (or this function of them), counted where it is entered
        from elsewhere: their calls to one another are not counted twice."""

        def matches(func) -> bool:
            return any(path in func[0] for path in paths) and function in ("", func[2])

        seconds = 0.0
        for func, (_, _, _, _, callers) in stats.stats.items():
            if matches(func):
                seconds += sum(edge[3] for caller, edge in callers.items() if not matches(caller))
        return seconds

    def own(*paths: str) -> float:
        """Time spent in these files' own code (callees excluded): the parts add up."""
        return sum(
            tt for func, (_, _, tt, _, _) in stats.stats.items() if any(p in func[0] for p in paths)
        )

    per = 1000 / len(urls)
    handler = inside("django/core/handlers/base.py", function="get_response")
    parts = {
        "requête entière (client de test compris)": total,
        "  hors client de test": handler,
        "  middleware, hors vue": handler
        - inside("django/core/handlers/base.py", function="_get_response"),
        "SQL (exécution, horloge)": sql[0],
        "temps propre : ORM (django/db)": own("django/db/"),
        "temps propre : gabarits (django/template, templatetags)": own(
            "django/template/", "templatetags/"
        ),
        "temps propre : formulaires (django/forms, forms.py)": own("django/forms/", "/forms.py"),
        "temps propre : graphiques (core/charts.py)": own("core/charts.py"),
        "temps propre : texte et recherche (core/text, core/search)": own(
            "core/text.py", "core/search.py"
        ),
        "inclus : facettes (facet_counts, facet_groups)": inside(
            "querysets.py", function="facet_counts"
        )
        + inside("/forms.py", function="facet_groups"),
        "inclus : rendu des gabarits": inside("django/template/"),
        "inclus : cache (django/core/cache)": inside("django/core/cache/"),
    }
    mode = cold_kind(never_seen) if cold else "chaud"
    print(f"{page} — {mode}, {len(urls)} requêtes, ms par requête (horloge, sous cProfile)")
    for label, seconds in parts.items():
        print(f"  {label:<58} {seconds * per:8.2f}")
    print()
    stats.sort_stats("tottime").print_stats(25)
    stats.sort_stats("cumulative").print_stats(40)


def run_floor(results: dict) -> float:
    """/healthz's CPU p50 over the whole run (in-process), else its own row's."""
    healthz = results["/healthz"]
    return healthz.get("run_floor", healthz["warm"])["cpu"]


def print_results(results: dict, title: str) -> None:
    """The table. "× hz": the CPU p50 over /healthz's over the whole run; "× alt.": over
    the /healthz requests timed between the page's, in the same moments ("hz")."""
    floor = run_floor(results)
    print(f"\n=== {title} ===")
    print(
        f"  plancher /healthz, CPU p50 : {floor:.2f} ms sur toute la course "
        f"({FLOOR_BURST} requêtes avant chaque page) ; {results['/healthz']['warm']['cpu']:.2f}"
        " ms au début"
    )
    print(
        f"  {'page':<26} {'chaud p50':>9} {'p95':>7} {'CPU':>6} {'× hz':>5} {'hz':>5} {'× alt.':>6}"
        f" {'neuf p50':>9} {'p95':>7} {'CPU':>6} {'× hz':>5} {'hz':>5} {'× alt.':>6}"
        f" {'requêtes':>9} {'Ko':>5}  neuf ="
    )
    for name, result in results.items():
        cells = []
        for key in ("warm", "cold"):
            measured, paired = result[key], result[f"{key}_floor"]["cpu"]
            ratio = measured["cpu"] / floor
            cells.append(
                f"{measured['p50']:9.2f} {measured['p95']:7.2f} {measured['cpu']:6.2f} "
                f"{ratio:5.1f} {paired:5.2f} {measured['cpu'] / paired:6.1f}"
            )
        queries = f"{result['warm']['queries']:>4}/{result['cold']['queries']:<4}"
        print(
            f"  {name:<26} {cells[0]} {cells[1]} {queries} "
            f"{result['warm']['bytes'] / 1024:5.0f}  {result['cold_kind']}"
        )
    print_worst(results, "CPU p50, × hz")


def print_worst(results: dict, measure: str) -> None:
    """The worst ratio to /healthz, warm and for each way of being never seen."""
    floor = run_floor(results)
    pages = {name: result for name, result in results.items() if name != "/healthz"}
    warm = max(result["warm"]["cpu"] / floor for result in pages.values())
    cold = {}
    for result in pages.values():
        kind = result["cold_kind"]
        cold[kind] = max(cold.get(kind, 0.0), result["cold"]["cpu"] / floor)
    never_seen = ", ".join(f"{kind} {ratio:.1f}" for kind, ratio in cold.items())
    print(
        f"  pire rapport à /healthz ({measure}) : chaud {warm:.1f} (cible ≤ {WARM_TARGET}) ;"
        f" jamais vue : {never_seen} (cible ≤ {COLD_TARGET})"
    )


# --- Over HTTP ----------------------------------------------------------------------------


def fetch_once_each(base: str, server, urls: list[str], connections: int) -> dict:
    """Each URL fetched once by `connections` threads: latencies and the workers' CPU."""
    latencies, errors, lock = [], [0], threading.Lock()
    pending = list(urls)

    def worker():
        while True:
            with lock:
                if not pending:
                    return
                url = pending.pop()
            started = time.perf_counter()
            status, _ = fetch(base + url)
            with lock:
                latencies.append((time.perf_counter() - started) * 1000)
                errors[0] += status != 200

    workers = worker_pids(server.pid)
    cpu_before = sum(cpu_seconds(pid) for pid in workers)
    threads = [threading.Thread(target=worker) for _ in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    cpu = sum(cpu_seconds(pid) for pid in workers) - cpu_before
    return {
        "p50": statistics.median(latencies),
        "p95": statistics.quantiles(latencies, n=20, method="inclusive")[18],
        "cpu": 1000 * cpu / len(urls),
        "errors": errors[0],
    }


# The versions an editor's text edit moves, and those a change of the vocabulary moves.
BUMPS = {
    None: "UPDATE core_catalogueversion SET value = value + 1 WHERE name = 'catalogue'",
    EVERYTHING_CHANGED: "UPDATE core_catalogueversion SET value = value + 1",
}


def bump_then_fetch(base: str, server, url: str, count: int, database_url: str, edit=None) -> dict:
    """`count` requests of one URL, each right after the catalogue's version moved (as an
    edit moves it: every worker reads it from the database without Redis)."""
    if database_url.startswith("sqlite:///"):
        import sqlite3

        connection = sqlite3.connect(database_url.removeprefix("sqlite:///"), autocommit=True)
    else:
        import psycopg

        connection = psycopg.connect(Database._dsn(database_url), autocommit=True)
    results = []
    with connection:
        for _ in range(count):
            connection.execute(BUMPS[edit])
            results.append(fetch_once_each(base, server, [url], 1))
    latencies = [result["p50"] for result in results]
    return {
        "p50": statistics.median(latencies),
        "p95": statistics.quantiles(latencies, n=20, method="inclusive")[18],
        "cpu": statistics.median(result["cpu"] for result in results),
        "errors": sum(result["errors"] for result in results),
    }


def http_size(careers: int, options) -> None:
    tmp = Path(tempfile.mkdtemp(prefix="bench-pages-"))
    database = Database(tmp, os.environ.get("DATABASE_URL", ""))
    env = page_env(options.database or database.url)
    server = None
    try:
        if not options.database:
            build(env, careers)
            if options.rome:
                import_rome(env, tmp)
        run([PYTHON, "manage.py", "collectstatic", "--no-input", "-v0"], env)
        output = run([PYTHON, __file__, "--discover", f"--runs={options.runs}"], env)
        pages = json.loads(output.split("PAGES ", 1)[1])
        server, base = start_gunicorn(env, options.workers)
        warm, _, generator = measure(
            base, server, [(name, urls[0]) for name, urls in pages.items()], options, tmp
        )
        results = {}
        for name, (_, cold) in pages.items():
            if isinstance(cold, list):
                measured = fetch_once_each(base, server, cold, options.connections)
            else:
                measured = bump_then_fetch(
                    base, server, pages[name][0], options.runs, env["DATABASE_URL"], cold
                )
            w = warm[name]
            results[name] = {
                "warm": {"p50": w.p50_ms, "p95": w.p95_ms, "cpu": w.cpu_ms, "errors": w.errors},
                "cold": measured,
                "cold_kind": cold_kind(cold),
            }
        size = "base existante" if options.database else f"{careers} fiches"
        print_http(results, f"HTTP, {size}, {generator}", options)
    finally:
        stop(server, database, tmp)


def print_http(results: dict, title: str, options) -> None:
    floor = results["/healthz"]["warm"]["cpu"]
    print(f"\n=== {title}, {options.workers} workers, {options.seconds} s par page ===")
    print(
        f"  {'page':<26} {'chaud p50':>9} {'p95':>7} {'CPU/req':>8} {'× hz':>5}"
        f" {'neuf p50':>9} {'p95':>7} {'CPU/req':>8} {'× hz':>5} {'erreurs':>8}  neuf ="
    )
    for name, result in results.items():
        warm, cold = result["warm"], result["cold"]
        ratios = {key: result[key]["cpu"] / floor for key in ("warm", "cold")}
        print(
            f"  {name:<26} {warm['p50']:9.1f} {warm['p95']:7.1f} {warm['cpu']:8.2f} "
            f"{ratios['warm']:5.1f} {cold['p50']:9.1f} {cold['p95']:7.1f} {cold['cpu']:8.2f} "
            f"{ratios['cold']:5.1f} {warm['errors'] + cold['errors']:8d}  {result['cold_kind']}"
        )
    print_worst(results, "CPU/req")


# --- Building and driving -----------------------------------------------------------------


def page_env(database_url: str) -> dict:
    """Production settings on this database, for a child of this script (no Redis)."""
    env = {**production_env(database_url), "DJANGO_SETTINGS_MODULE": "config.settings"}
    env.pop("REDIS_URL", None)
    return env


def import_rome(env: dict, tmp: Path) -> None:
    export = tmp / "rome.zip"
    run([PYTHON, "bench/rome_export.py", f"--fiches={ROME_FICHES}", f"--out={export}"], env)
    run([PYTHON, "manage.py", "import_rome", str(export)], env)


def in_process_size(careers: int, options) -> None:
    tmp = Path(tempfile.mkdtemp(prefix="bench-pages-"))
    database = None if options.database else Database(tmp, os.environ.get("DATABASE_URL", ""))
    env = page_env(options.database or database.url)
    try:
        if database:
            build(env, careers)
            if options.rome:
                import_rome(env, tmp)
        run([PYTHON, "manage.py", "collectstatic", "--no-input", "-v0"], env)
        vendor = "PostgreSQL" if "postgres" in env["DATABASE_URL"] else "SQLite"
        only = [f"--only={name}" for name in options.only]
        out = run([PYTHON, __file__, "--child", f"--runs={options.runs}", *only], env)
        results = json.loads(out.split("RESULTS ", 1)[1])
        rome = " + ROME" if options.rome or options.database else ""
        size = "base existante" if options.database else f"{careers} fiches{rome}"
        print_results(results, f"{vendor}, dans le processus, {size}, {options.runs} rendus")
    finally:
        if database:
            database.drop()
        shutil.rmtree(tmp, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--careers", type=int, action="append", help="taille(s) du catalogue")
    parser.add_argument("--runs", type=int, default=30, help="rendus par page et par mesure")
    parser.add_argument("--http", action="store_true", help="gunicorn et wrk plutôt que le client")
    parser.add_argument(
        "--database", default="", help="mesurer cette base (DATABASE_URL) telle quelle"
    )
    parser.add_argument("--no-rome", dest="rome", action="store_false", help="sans fiches ROME")
    parser.add_argument("--profile", default="", help="profil cProfile de cette page")
    parser.add_argument("--cold", action="store_true", help="avec --profile : adresses neuves")
    parser.add_argument("--seconds", type=int, default=8, help="--http : durée par page")
    parser.add_argument("--connections", type=int, default=4, help="--http : connexions")
    parser.add_argument("--workers", type=int, default=3, help="--http : workers gunicorn")
    parser.add_argument("--only", action="append", default=[], help="seulement cette page")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--discover", action="store_true", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if not 5 <= options.runs <= 200:
        parser.error("--runs entre 5 et 200")
    if options.child:
        child(options.runs, options.only)
        return
    if options.discover:
        import django

        django.setup()
        print("PAGES " + json.dumps(discover(options.runs)))
        return
    if options.profile:
        env = page_env(options.database)
        if not options.database:
            parser.error("--profile demande --database (une base déjà construite)")
        args = [PYTHON, __file__, "--profile-child", options.profile, f"--runs={options.runs}"]
        subprocess.run(
            [*args, *(["--cold"] if options.cold else [])], cwd=ROOT, env=env, check=True
        )
        return
    print(f"charge au départ : {os.getloadavg()[0]:.2f} ({os.cpu_count()} cœurs)")
    default = 10000 if options.http else 2000
    for careers in options.careers or [default]:
        (http_size if options.http else in_process_size)(careers, options)
    print(f"charge à la fin : {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "--profile-child":
        profile_child(sys.argv[2], int(sys.argv[3].split("=")[1]), "--cold" in sys.argv)
    else:
        main()
