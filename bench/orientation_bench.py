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

import json
import os
import tempfile
from pathlib import Path
from urllib.parse import urlencode

from http_bench import (
    PYTHON,
    Database,
    Result,
    build,
    measure,
    print_table,
    production_env,
    run,
    run_sizes,
    start_gunicorn,
    stop,
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
    env = production_env(database.url)
    server = None
    try:
        build(env, careers)
        output = run([PYTHON, "manage.py", "shell", "-c", PROFILE_SCRIPT], env)
        profile = json.loads(output.strip().splitlines()[-1])
        server, base = start_gunicorn(env, options.workers)
        results, _workers, generator = measure(base, server, pages(profile), options, tmp)
        print_table(results, generator, options)
        print(f"  charge après : {load_average()}")
        return results
    finally:
        stop(server, database, tmp)


def main() -> None:
    run_sizes(__doc__.split("\n\n")[0], bench_size, target=TARGET)


if __name__ == "__main__":
    main()
