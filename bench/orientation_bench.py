"""HTTP benchmark of "Trouver mon métier" at two catalogue sizes, run by hand.

    .venv/bin/python bench/orientation_bench.py                          # SQLite, 100 and 10 000
    DATABASE_URL=postgres://user@host:port/db .venv/bin/python bench/orientation_bench.py

Same throwaway databases, server and load generator as bench/http_bench.py (whose
helpers it uses): migrate, load_catalog, seed_synthetic, gunicorn, then wrk (or
threads). The student of the measure has the first synthetic career's five skills (two
hard, two soft, a tool), a constraint to avoid, three weights, a level and a salary; the
target is the p95 of that page at 10 000 careers within twice its p95 at 100. It prints
the machine's load average before and after, since two cores are shared.
"""

import argparse
import json
import os
import secrets
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path
from urllib.parse import urlencode

from http_bench import (
    GUNICORN,
    PYTHON,
    ROOT,
    WRK_SCRIPT,
    Database,
    Result,
    build,
    cpu_seconds,
    fetch,
    free_port,
    load_threads,
    load_wrk,
    print_table,
    run,
    wait_until_up,
    worker_pids,
)

PROFILE_SCRIPT = """
import json
from careers.models import Career, CareerSkill
from skills.models import Skill
first = Career.objects.filter(is_synthetic=True).order_by("pk").first()
second = Career.objects.filter(is_synthetic=True).order_by("pk")[1]
links = list(CareerSkill.objects.filter(career=first).select_related("skill").order_by("position"))
picked = [link.skill.slug for kind, count in (("hard", 2), ("soft", 2), ("tool", 1))
          for link in [link for link in links if link.skill.kind == kind][:count]]
avoided = Skill.objects.filter(kind="constraint").order_by("name").values_list("slug", flat=True)[0]
print(json.dumps({"skills": picked, "avoided": avoided, "origin": first.slug,
                  "target": second.slug}))
"""
WEIGHTS = [("qualite_de_vie", 3), ("stimulation", 2), ("carriere", 1)]
TARGET = "5 compétences"


def pages(profile: dict) -> list[tuple[str, str]]:
    student = [("competence", slug) for slug in profile["skills"]]
    student += [("contrainte", profile["avoided"]), *WEIGHTS]
    student += [("niveau", 3), ("salaire_min", 24000)]
    return [
        ("/healthz", "/healthz"),
        ("profil vide", "/orientation/"),
        (TARGET, f"/orientation/?{urlencode(student)}"),
        ("API, 5 compétences", f"/api/v1/orientation/?{urlencode(student)}"),
        ("poids seuls", f"/orientation/?{urlencode([*WEIGHTS, ('salaire_min', 24000)])}"),
        ("passer de A à B", f"/metiers/{profile['origin']}/vers/{profile['target']}/"),
    ]


def load_average() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def bench_size(careers: int, options) -> dict[str, Result]:
    print(f"\n=== {careers} fiches métiers synthétiques (charge {load_average()}) ===")
    tmp = Path(tempfile.mkdtemp(prefix="bench-orientation-"))
    database = Database(tmp, os.environ.get("DATABASE_URL", ""))
    env = {
        **os.environ,
        "DJANGO_ENV": "production",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": database.url,
    }
    server = None
    try:
        build(env, careers)
        profile = json.loads(
            run([PYTHON, "manage.py", "shell", "-c", PROFILE_SCRIPT], env).strip().splitlines()[-1]
        )
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        server = subprocess.Popen(
            [
                GUNICORN,
                "config.wsgi",
                f"--workers={options.workers}",
                f"--bind=127.0.0.1:{port}",
                "--log-level=warning",
            ],
            cwd=ROOT,
            env=env,
        )
        wait_until_up(base, server)
        script = tmp / "report.lua"
        script.write_text(WRK_SCRIPT)
        use_wrk = shutil.which("wrk") is not None
        results = {}
        for name, path in pages(profile):
            status, _ = fetch(base + path)
            if status != 200:
                print(f"  {name} : HTTP {status} sur {path}")
            for _ in range(5):  # warm every worker
                fetch(base + path)
            workers = worker_pids(server.pid)
            cpu_before = sum(cpu_seconds(pid) for pid in workers)
            if use_wrk:
                measured = load_wrk(base + path, options.seconds, options.connections, script)
            else:
                measured = load_threads(base + path, options.seconds, options.connections)
            cpu = sum(cpu_seconds(pid) for pid in workers) - cpu_before
            result = Result(name, path, *measured)
            result.cpu_ms = 1000 * cpu / max(1, result.requests_per_s * options.seconds)
            results[name] = result
        print_table(results, "wrk" if use_wrk else "client Python (threads)", options)
        print(f"  charge après : {load_average()}")
        return results
    finally:
        if server is not None:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=30)
        database.drop()
        shutil.rmtree(tmp, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--careers", type=int, action="append", help="taille(s) du catalogue")
    parser.add_argument("--seconds", type=int, default=8, help="durée de charge par page")
    parser.add_argument("--connections", type=int, default=4, help="connexions simultanées")
    parser.add_argument("--workers", type=int, default=3, help="workers gunicorn (2 cœurs)")
    options = parser.parse_args()
    sizes = options.careers or [100, 10000]
    runs = {size: bench_size(size, options) for size in sizes}
    if len(sizes) >= 2:
        small, large = sizes[0], sizes[-1]
        print(f"\n=== croissance : {large} fiches ÷ {small} (cible ≤ 2 pour « {TARGET} ») ===")
        print(f"  {'page':<22} {'p95':>6} {'CPU/req':>8}")
        for name in runs[small]:
            before, after = runs[small][name], runs[large][name]
            print(
                f"  {name:<22} {after.p95_ms / before.p95_ms:6.2f} "
                f"{after.cpu_ms / max(before.cpu_ms, 0.01):8.2f}"
            )


if __name__ == "__main__":
    main()
