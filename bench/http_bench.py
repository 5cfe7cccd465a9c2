"""HTTP benchmark of the production server, run by hand (not part of the test suite).

    .venv/bin/python bench/http_bench.py --careers 100 --careers 10000

For each size it builds a throwaway database (SQLite in a temporary directory,
or a new database on the PostgreSQL server of DATABASE_URL, dropped at the
end), migrates, runs load_catalog and seed_synthetic, collectstatic, starts
gunicorn (DJANGO_ENV=production, workers for 2 cores) on a free loopback port
and drives each page with wrk (or a small threaded client if wrk is missing)
for a fixed time. It prints one table per size — requests/s, p50/p95/p99 and
their ratio to /healthz — the workers' peak memory, the job sheet's
compressed page weight, and, with two sizes, the p95 growth ratio.
"""

import argparse
import gzip
import json
import os
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode, urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
PYTHON = ROOT / ".venv" / "bin" / "python"
GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"
# Behind the real proxy every request arrives as HTTPS; production redirects plain HTTP.
HEADERS = {"X-Forwarded-Proto": "https"}
PAGE_WEIGHT_TARGET_KB = 60
WRK_SCRIPT = """
wrk.headers["X-Forwarded-Proto"] = "https"
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("BENCH %d %d %d %d %d %d\\n", summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(95), latency:percentile(99),
    e.connect + e.read + e.write + e.status + e.timeout))
end
"""
SLUGS_SCRIPT = """
import json
from careers.models import Career
from certifications.models import Certification
careers = Career.objects.published()
sheet = careers.order_by("is_synthetic", "title").first()
others = careers.exclude(pk=sheet.pk).order_by("is_synthetic", "pk")
certifications = Certification.objects.published()
certification = certifications.order_by("is_synthetic", "title").first()
soft = sheet.skill_links.filter(skill__kind="soft").select_related("skill").first()
print(json.dumps({
    "sheet": sheet.slug,
    "compared": [sheet.slug, *others.values_list("slug", flat=True)[:3]],
    "certification": certification.slug,
    "soft": soft.skill.slug if soft else "",
}))
"""


@dataclass
class Result:
    name: str
    url: str
    requests_per_s: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    errors: int
    cpu_ms: float = 0.0  # server CPU (all workers) per request: robust to a busy machine


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def run(args: list, env: dict, quiet: bool = True) -> str:
    done = subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.exit(f"échec de {' '.join(map(str, args))} :\n{done.stdout}\n{done.stderr}")
    if not quiet:
        print(done.stdout.strip())
    return done.stdout


class Database:
    """A throwaway database: a SQLite file, or a new PostgreSQL database dropped at the end."""

    def __init__(self, tmp: Path, base_url: str):
        self.base_url = base_url
        if not base_url:
            self.url = f"sqlite:///{tmp / 'bench.sqlite3'}"
            return
        import psycopg

        self.name = f"bench_{secrets.token_hex(4)}"
        parts = urlsplit(base_url)
        self.url = urlunsplit(parts._replace(path=f"/{self.name}"))
        with psycopg.connect(self._dsn(base_url), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{self.name}"')

    @staticmethod
    def _dsn(url: str) -> str:
        return url.replace("postgres://", "postgresql://", 1)

    def drop(self) -> None:
        if self.base_url:
            import psycopg

            with psycopg.connect(self._dsn(self.base_url), autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')


def build(env: dict, careers: int) -> dict:
    run([PYTHON, "manage.py", "migrate", "--no-input", "-v0"], env)
    loaded = subprocess.run(
        [PYTHON, "manage.py", "load_catalog"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if loaded.returncode != 0:
        print(f"  load_catalog a échoué (on continue sans) : {loaded.stderr.strip()[-300:]}")
    started = time.perf_counter()
    run(
        [
            PYTHON,
            "manage.py",
            "seed_synthetic",
            f"--careers={careers}",
            f"--certifications={max(1, careers // 5)}",
            "--seed=1",
        ],
        env,
        quiet=False,
    )
    print(f"  seed_synthetic : {time.perf_counter() - started:.1f} s (horloge)")
    run([PYTHON, "manage.py", "collectstatic", "--no-input", "-v0"], env)
    output = run([PYTHON, "manage.py", "shell", "-c", SLUGS_SCRIPT], env)
    return json.loads(output.strip().splitlines()[-1])


def pages(slugs: dict) -> list[tuple[str, str]]:
    filters = {"q": "logistique", "niveau": "BAC +3", "salaire_min": 20000, "tri": "salaire"}
    if slugs["soft"]:
        filters["soft"] = slugs["soft"]
    return [
        ("/healthz", "/healthz"),
        ("accueil", "/"),
        ("liste des métiers", "/metiers/"),
        ("liste filtrée", f"/metiers/?{urlencode(filters)}"),
        ("recherche", "/recherche/?q=logistique"),
        ("fiche métier", f"/metiers/{slugs['sheet']}/"),
        ("comparaison de 4", f"/comparer/?metiers={','.join(slugs['compared'])}"),
        ("certification", f"/certifications/{slugs['certification']}/"),
    ]


def fetch(url: str) -> tuple[int, bytes]:
    # A never-seen search word may be "cœur": percent-encoded as a browser sends it.
    request = urllib.request.Request(urllib.parse.quote(url, safe=":/?&=,%+#"), headers=HEADERS)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def wait_until_up(base: str, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit("gunicorn s'est arrêté au démarrage.")
        try:
            if fetch(base + "/healthz")[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.3)
    sys.exit("gunicorn ne répond pas sur /healthz.")


def start_gunicorn(env: dict, workers: int) -> tuple[subprocess.Popen, str]:
    """gunicorn on a free loopback port, once it answers /healthz: (process, base URL)."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [
            GUNICORN,
            "config.wsgi",
            f"--workers={workers}",
            f"--bind=127.0.0.1:{port}",
            "--log-level=warning",
        ],
        cwd=ROOT,
        env=env,
    )
    wait_until_up(base, server)
    return server, base


def load_wrk(url: str, seconds: int, connections: int, script: Path) -> tuple:
    out = subprocess.run(
        ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "-s", str(script), url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    match = re.search(r"^BENCH (\d+) (\d+) (\d+) (\d+) (\d+) (\d+)$", out, re.M)
    requests, duration_us, p50, p95, p99, errors = map(int, match.groups())
    return requests / (duration_us / 1e6), p50 / 1000, p95 / 1000, p99 / 1000, errors


def load_threads(url: str, seconds: int, connections: int) -> tuple:
    """Fallback load generator: `connections` threads in a closed loop, bounded in time."""
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    stop_at = time.monotonic() + seconds

    def worker():
        while time.monotonic() < stop_at:
            started = time.perf_counter()
            try:
                status, _ = fetch(url)
            except OSError:
                status = 0
            elapsed = time.perf_counter() - started
            with lock:
                latencies.append(elapsed)
                errors[0] += status != 200

    threads = [threading.Thread(target=worker) for _ in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    cuts = statistics.quantiles(latencies, n=100, method="inclusive")
    return len(latencies) / seconds, cuts[49] * 1000, cuts[94] * 1000, cuts[98] * 1000, errors[0]


def worker_pids(master: int) -> list[int]:
    pids = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == master:
            pids.append(int(stat.parent.name))
    return pids


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process, from /proc/<pid>/stat."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def memory_kb(pid: int) -> dict[str, int]:
    status = Path(f"/proc/{pid}/status").read_text()
    return {
        key: int(re.search(rf"^{key}:\s+(\d+) kB", status, re.M)[1]) for key in ("VmHWM", "VmRSS")
    }


def page_weight(base: str, sheet_url: str) -> tuple[int, list[tuple[str, int, int]]]:
    """The job sheet's HTML, CSS and JS, each gzip-compressed (level 9, as whitenoise does)."""
    html = fetch(base + sheet_url)[1]
    assets = re.findall(rb'<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"', html)
    assets += re.findall(rb'<script[^>]+src="([^"]+)"', html)
    parts = [("HTML", len(html), len(gzip.compress(html, 9)))]
    for asset in assets:
        path = asset.decode()
        body = fetch(base + path)[1]
        parts.append((path.rsplit("/", 1)[-1], len(body), len(gzip.compress(body, 9))))
    return sum(compressed for _, _, compressed in parts), parts


def production_env(database_url: str) -> dict:
    """The environment of a production server on this throwaway database."""
    return {
        **os.environ,
        "DJANGO_ENV": "production",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "SITE_URL": "https://127.0.0.1",
        "DATABASE_URL": database_url,
    }


def measure(base: str, server, named_paths, options, tmp: Path):
    """Load each page in turn: ({name: Result}, the workers' pids, the generator's name)."""
    script = tmp / "report.lua"
    script.write_text(WRK_SCRIPT)
    use_wrk = shutil.which("wrk") is not None
    results = {}
    for name, path in named_paths:
        status, _ = fetch(base + path)
        if status != 200:
            print(f"  {name} : HTTP {status} sur {path}")
        for _ in range(5):  # warm every worker's caches
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
    return results, workers, "wrk" if use_wrk else "client Python (threads)"


def stop(server, database: Database, tmp: Path) -> None:
    if server is not None:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
    database.drop()
    shutil.rmtree(tmp, ignore_errors=True)


def bench_size(careers: int, options) -> dict[str, Result]:
    print(f"\n=== {careers} fiches métiers synthétiques ===")
    tmp = Path(tempfile.mkdtemp(prefix="bench-"))
    database = Database(tmp, os.environ.get("DATABASE_URL", ""))
    env = production_env(database.url)
    server = None
    try:
        slugs = build(env, careers)
        server, base = start_gunicorn(env, options.workers)
        results, workers, generator = measure(base, server, pages(slugs), options, tmp)
        memory = [memory_kb(pid) for pid in workers]
        weight, parts = page_weight(base, f"/metiers/{slugs['sheet']}/")
        print_table(results, generator, options)
        peak = max(m["VmHWM"] for m in memory) / 1024
        rss = max(m["VmRSS"] for m in memory) / 1024
        print(
            f"  mémoire des {len(workers)} workers : pic (VmHWM) max {peak:.0f} Mo, "
            f"résidente (VmRSS) max {rss:.0f} Mo — cible < 150 Mo"
        )
        detail = ", ".join(
            f"{name} {raw / 1024:.1f} → {gz / 1024:.1f} Ko" for name, raw, gz in parts
        )
        print(
            f"  poids de la fiche métier (gzip) : {weight / 1024:.1f} Ko "
            f"(cible < {PAGE_WEIGHT_TARGET_KB} Ko) — {detail}"
        )
        return results
    finally:
        stop(server, database, tmp)


def print_table(results: dict[str, Result], generator: str, options) -> None:
    floor = results["/healthz"]
    print(
        f"  {generator}, {options.connections} connexions, {options.seconds} s par page, "
        f"{options.workers} workers gunicorn"
    )
    print(
        f"  {'page':<20} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} "
        f"{'req/s ÷ healthz':>16} {'p95 ÷ healthz':>14} {'CPU ms/req':>11} {'erreurs':>8}"
    )
    for r in results.values():
        print(
            f"  {r.name:<20} {r.requests_per_s:8.1f} {r.p50_ms:8.1f} {r.p95_ms:8.1f} "
            f"{r.p99_ms:8.1f} {r.requests_per_s / floor.requests_per_s:15.0%} "
            f"{r.p95_ms / floor.p95_ms:14.1f} {r.cpu_ms:11.1f} {r.errors:8d}"
        )


def run_sizes(description: str, bench, *, target: str = "") -> None:
    """Read the command line, bench each size, then print how much each page grew."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--careers", type=int, action="append", help="taille(s) du catalogue")
    parser.add_argument("--seconds", type=int, default=10, help="durée de charge par page")
    parser.add_argument("--connections", type=int, default=4, help="connexions simultanées")
    parser.add_argument("--workers", type=int, default=3, help="workers gunicorn (2 cœurs)")
    options = parser.parse_args()
    sizes = options.careers or [100, 10000]
    if not 1 <= options.seconds <= 120 or not 1 <= options.connections <= 64:
        parser.error("--seconds entre 1 et 120, --connections entre 1 et 64")
    runs = {size: bench(size, options) for size in sizes}
    if len(sizes) >= 2:
        small, large = sizes[0], sizes[-1]
        aim = f"cible ≤ 2 pour « {target} »" if target else "cible ≤ 2"
        print(f"\n=== croissance du p95 : {large} fiches ÷ {small} fiches ({aim}) ===")
        print(f"  {'page':<20} {'p95':>6} {'CPU/req':>8}")
        for name in runs[small]:
            before, after = runs[small][name], runs[large][name]
            print(
                f"  {name:<20} {after.p95_ms / before.p95_ms:6.2f} "
                f"{after.cpu_ms / max(before.cpu_ms, 0.01):8.2f}"
            )


def main() -> None:
    run_sizes(__doc__.split("\n\n")[0], bench_size)


if __name__ == "__main__":
    main()
