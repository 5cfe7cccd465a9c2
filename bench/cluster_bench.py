"""Two app servers behind one PostgreSQL and one Redis, run by hand (not a test).

    DATABASE_URL=postgres://postgres@127.0.0.1:PORT/postgres \\
        .venv/bin/python bench/cluster_bench.py --careers 2000 --seconds 20

It builds a throwaway PostgreSQL database as bench/http_bench.py does (migrate,
load_catalog, seed_synthetic), starts its own redis-server on a free loopback port
(no persistence) and compares three set-ups, each from cold caches:

1. one gunicorn instance, each worker with its own LocMem cache (the default);
2. one gunicorn instance with REDIS_URL (a cache shared by its workers);
3. two gunicorn instances on two ports, both with the same REDIS_URL, the load split
   between them (as a load balancer would).

The load is a fixed mix of URLs (job sheets of many careers, the list, filtered lists,
search) sent by a closed loop of threads, the same total number of connections in
every set-up; every distinct page is asked once of each instance, then a timed
warm-up, neither counted. It prints throughput, p50/p95, the
Redis hit rate (keyspace hits ÷ lookups during the measure) and the workers' memory.
"""

import argparse
import json
import os
import random
import secrets
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent))

from http_bench import (
    HEADERS,
    PYTHON,
    ROOT,
    Database,
    build,
    cpu_seconds,
    free_port,
    memory_kb,
    start_gunicorn,
    worker_pids,
)

PUBLIC_HOST = "orientation.test"
SLUGS = """
import json
from careers.models import Career
from skills.models import Skill
careers = Career.objects.published().order_by("pk")
print(json.dumps({
    "sheets": list(careers.values_list("slug", flat=True)[:%d]),
    "soft": list(Skill.objects.filter(kind="soft").values_list("slug", flat=True)[:10]),
}))
"""


def url_mix(slugs: dict, size: int, seed: int = 1) -> list[str]:
    """`size` paths: 70 % job sheets (any of the sheets), 10 % each list, filtered, search."""
    rng = random.Random(seed)
    words = ["logistique", "commerce", "qualite", "paie", "data", "transport", "douane"]
    paths = []
    for _ in range(size):
        draw = rng.random()
        if draw < 0.7:
            paths.append(f"/metiers/{rng.choice(slugs['sheets'])}/")
        elif draw < 0.8:
            paths.append("/metiers/")
        elif draw < 0.9:
            query = {"q": rng.choice(words), "soft": rng.choice(slugs["soft"])}
            paths.append(f"/metiers/?{urlencode(query)}")
        else:
            paths.append(f"/recherche/?q={rng.choice(words)}")
    return paths


class Redis:
    """A redis-server of our own, on a free port, no persistence."""

    def __init__(self, tmp: Path):
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = subprocess.Popen(
            [
                shutil.which("redis-server") or "/usr/bin/redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(tmp),
            ],
            stdout=subprocess.DEVNULL,
        )
        import redis

        self.client = redis.Redis.from_url(self.url)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                self.client.ping()
                return
            except redis.ConnectionError:
                time.sleep(0.1)
        sys.exit("redis-server ne répond pas.")

    def stats(self) -> dict[str, int]:
        stats, memory = self.client.info("stats"), self.client.info("memory")
        return {
            "keyspace_hits": stats["keyspace_hits"],
            "keyspace_misses": stats["keyspace_misses"],
            "used_memory": memory["used_memory"],
        }

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)


@dataclass
class Outcome:
    name: str
    requests_per_s: float
    p50_ms: float
    p95_ms: float
    errors: int
    cpu_ms: float
    hit_rate: float | None
    redis_mb: float | None
    worker_rss_mb: list[float]


def fetch(url: str) -> tuple[int, bytes]:
    """As the load balancer forwards it: one public host name, whichever instance answers
    (pages are cached per absolute URL)."""
    request = urllib.request.Request(url, headers={**HEADERS, "Host": PUBLIC_HOST})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def load(bases: list[str], paths: list[str], seconds: float, connections: int) -> tuple:
    """Closed loop: `connections` threads spread over `bases`, each walking the URL mix."""
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    stop_at = time.monotonic() + seconds

    def worker(index: int) -> None:
        base = bases[index % len(bases)]
        position = index * 97
        while time.monotonic() < stop_at:
            path = paths[position % len(paths)]
            position += 1
            started = time.perf_counter()
            try:
                status, _ = fetch(base + path)
            except OSError:
                status = 0
            elapsed = time.perf_counter() - started
            with lock:
                latencies.append(elapsed)
                errors[0] += status != 200

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies, errors[0]


def run_setup(name, env, instances, redis, paths, options) -> Outcome:
    servers, bases = [], []
    try:
        if redis:
            redis.client.flushall()
        for _ in range(instances):
            server, base = start_gunicorn(env, options.workers)
            servers.append(server)
            bases.append(base)
        # Steady state: every distinct page asked once, of the first instance only (with
        # Redis it fills the cache every instance shares; with LocMem only the worker
        # that answers keeps it), then the timed warm-up.
        for path in dict.fromkeys(paths):
            fetch(bases[0] + path)
        load(bases, paths, options.warmup, options.connections)
        workers = [pid for server in servers for pid in worker_pids(server.pid)]
        cpu_before = sum(cpu_seconds(pid) for pid in workers)
        before = redis.stats() if redis else {}
        latencies, errors = load(bases, paths, options.seconds, options.connections)
        after = redis.stats() if redis else {}
        cpu = sum(cpu_seconds(pid) for pid in workers) - cpu_before
        hit_rate = redis_mb = None
        if redis:
            hits = after["keyspace_hits"] - before["keyspace_hits"]
            misses = after["keyspace_misses"] - before["keyspace_misses"]
            hit_rate = hits / max(1, hits + misses)
            redis_mb = after["used_memory"] / 2**20
        cuts = statistics.quantiles(latencies, n=100, method="inclusive")
        return Outcome(
            name=name,
            requests_per_s=len(latencies) / options.seconds,
            p50_ms=cuts[49] * 1000,
            p95_ms=cuts[94] * 1000,
            errors=errors,
            cpu_ms=1000 * cpu / max(1, len(latencies)),
            hit_rate=hit_rate,
            redis_mb=redis_mb,
            worker_rss_mb=[memory_kb(pid)["VmRSS"] / 1024 for pid in workers],
        )
    finally:
        for server in servers:
            server.send_signal(signal.SIGTERM)
        for server in servers:
            server.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--careers", type=int, default=2000)
    parser.add_argument("--sheets", type=int, default=500, help="fiches distinctes demandées")
    parser.add_argument("--seconds", type=float, default=20, help="durée mesurée par montage")
    parser.add_argument("--warmup", type=float, default=5, help="chauffe non comptée")
    parser.add_argument("--connections", type=int, default=8, help="connexions au total")
    parser.add_argument("--workers", type=int, default=2, help="workers par instance")
    parser.add_argument("--rounds", type=int, default=1, help="tours des trois montages")
    options = parser.parse_args()
    base_url = os.environ.get("DATABASE_URL", "")
    if not base_url.startswith("postgres"):
        parser.error("DATABASE_URL doit désigner un serveur PostgreSQL")
    if not (1 <= options.seconds <= 120 and 1 <= options.connections <= 64):
        parser.error("--seconds entre 1 et 120, --connections entre 1 et 64")

    tmp = Path(tempfile.mkdtemp(prefix="cluster-"))
    database = Database(tmp, base_url)
    redis = Redis(tmp)
    env = {
        **os.environ,
        "DJANGO_ENV": "production",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": f"127.0.0.1,{PUBLIC_HOST}",
        "SITE_URL": f"https://{PUBLIC_HOST}",
        "DATABASE_URL": database.url,
    }
    env.pop("REDIS_URL", None)
    try:
        build(env, options.careers)
        out = subprocess.run(
            [PYTHON, "manage.py", "shell", "-c", SLUGS % options.sheets],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        paths = url_mix(json.loads(out.strip().splitlines()[-1]), 2000)
        shared = {**env, "REDIS_URL": redis.url}
        load_before = os.getloadavg()[0]
        for round_number in range(1, options.rounds + 1):
            outcomes = [
                run_setup("1 instance, LocMem", env, 1, None, paths, options),
                run_setup("1 instance, Redis", shared, 1, redis, paths, options),
                run_setup("2 instances, Redis", shared, 2, redis, paths, options),
            ]
            print(f"\n--- tour {round_number}/{options.rounds}")
            print_report(outcomes, options, load_before, os.getloadavg()[0])
            load_before = os.getloadavg()[0]
    finally:
        redis.stop()
        database.drop()
        shutil.rmtree(tmp, ignore_errors=True)


def print_report(outcomes: list[Outcome], options, load_before: float, load_after: float):
    print(
        f"\n=== {options.careers} fiches, {options.sheets} fiches distinctes dans le mélange, "
        f"{options.connections} connexions, {options.workers} workers par instance, "
        f"{options.seconds:.0f} s mesurées après {options.warmup:.0f} s de chauffe ==="
    )
    print(f"  load average : {load_before:.2f} au départ, {load_after:.2f} à la fin")
    print(
        f"  {'montage':<22} {'req/s':>7} {'p50 ms':>7} {'p95 ms':>7} {'CPU ms/req':>11} "
        f"{'succès Redis':>13} {'Redis Mo':>9} {'RSS/worker Mo':>14} {'erreurs':>8}"
    )
    for o in outcomes:
        hit = f"{o.hit_rate:.0%}" if o.hit_rate is not None else "—"
        redis_mb = f"{o.redis_mb:.1f}" if o.redis_mb is not None else "—"
        rss = f"{min(o.worker_rss_mb):.0f}–{max(o.worker_rss_mb):.0f}"
        print(
            f"  {o.name:<22} {o.requests_per_s:7.1f} {o.p50_ms:7.1f} {o.p95_ms:7.1f} "
            f"{o.cpu_ms:11.1f} {hit:>13} {redis_mb:>9} {rss:>14} {o.errors:8d}"
        )


if __name__ == "__main__":
    main()
