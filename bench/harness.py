"""Load Ratsfaden as it runs in production and measure each page against /healthz.

    bench/run [--papers 10000] [--duration 10] [--connections 16] [--only Drucksache]
    bench/soak [--papers 10000] [--minutes 5]
    bench/outage [--papers 10000]

`run` prepares a PostgreSQL database with `manage.py demo --papers N` (skipped when it holds
them already; demo ends with ANALYZE), starts gunicorn with gunicorn.conf.py (DEBUG off,
WhiteNoise), and loads every page of bench/pages.py with wrk from a second process on loopback,
each page followed at once by /healthz (a page is loaded for WARM_UP_SECONDS unmeasured
first, so that the figures are those of a running installation). It prints requests/s, p50/p95/p99, errors, SQL
queries per page (one pass through Django's test client) and the page's throughput as a share
of /healthz's, keeps the figures in var/bench/, and compares them with a run at another N.
"""

import argparse
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "var" / "bench"
REPORT_LUA = Path(__file__).resolve().parent / "report.lua"
WARM_UP_SECONDS = 10
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))


def arguments(argv):
    parser = argparse.ArgumentParser(prog="bench", description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["run", "soak", "outage"])
    parser.add_argument("--papers", type=int, default=10_000)
    parser.add_argument(
        "--database",
        help="PostgreSQL URL (default: database ratsfaden_bench_<papers> on 127.0.0.1, "
        "created if missing)",
    )
    parser.add_argument("--duration", type=int, default=10, help="seconds per page")
    parser.add_argument("--connections", type=int, help="default: 16 (run), 8 (soak)")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--workers", type=int, help="gunicorn workers (default: gunicorn.conf.py)")
    parser.add_argument("--only", help="only pages whose name contains this (several: a,b)")
    parser.add_argument("--minutes", type=float, default=5, help="soak: length of the run")
    return parser.parse_args(argv)


def environment(database):
    """The production settings, on plain HTTP at 127.0.0.1, with a throw-away secret key."""
    return {
        "DATABASE_URL": database,
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_COOKIES": "false",
        "SECURE_HSTS_SECONDS": "0",
        "LOG_LEVEL": "ERROR",
        # The factions' filings during the soak notify by e-mail: nothing leaves the machine.
        "EMAIL_URL": "dummymail://",
    }


def ensure_database(url):
    """Create the PostgreSQL database of `url` if it does not exist yet."""
    import psycopg
    from psycopg import sql

    name = url.rsplit("/", 1)[1].split("?")[0]
    server = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(server, autocommit=True) as connection:
        if not connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone():
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
            print(f"Datenbank {name} angelegt")


def prepare(papers):
    """Migrate, load the demo with `papers` generated papers unless they are there, collect
    the static files for WhiteNoise."""
    from django.core.management import call_command

    from council.models import Body
    from motions.demo.generator import EXAMPLES
    from motions.models import Paper

    call_command("migrate", verbosity=0)
    body = Body.objects.current()
    have = Paper.objects.filter(body=body).count() - EXAMPLES if body else 0
    if have >= papers:
        print(f"Demo mit {have} erzeugten Drucksachen ist schon da")
    else:
        started = time.perf_counter()
        call_command("demo", papers=papers)
        print(f"demo --papers {papers}: {time.perf_counter() - started:.0f} s")
    call_command("collectstatic", interactive=False, verbosity=0)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def gunicorn(env, workers=None, log=None):
    """gunicorn as `make run` starts it, on a free port; yields the base URL."""
    port = free_port()
    settings = {**os.environ, **env, "GUNICORN_BIND": f"127.0.0.1:{port}"}
    if workers:
        settings["GUNICORN_WORKERS"] = str(workers)
    RESULTS.mkdir(parents=True, exist_ok=True)
    log = log or RESULTS / "gunicorn.log"
    with open(log, "ab") as output:
        server = subprocess.Popen(
            [str(Path(sys.executable).parent / "gunicorn"), "-c", "gunicorn.conf.py"],
            cwd=ROOT,
            env=settings,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_healthy(base, server)
        yield base
    finally:
        stop(server)


def stop(server):
    """Stop gunicorn; requests still running under overload are cut after 40 s."""
    server.terminate()
    try:
        server.wait(timeout=40)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def wait_until_healthy(base, server, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"gunicorn ended with {server.returncode}, see {RESULTS}/gunicorn.log")
        try:
            with urllib.request.urlopen(f"{base}/healthz", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise SystemExit("gunicorn did not answer /healthz within a minute")


def sessions(logins):
    """The cookies of a browser for each demo login, as a Cookie header: the session, stored
    where gunicorn reads sessions, and the CSRF cookie that every page with a form sets."""
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.test import Client

    cookies = {}
    for username in logins:
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            continue
        client = Client()
        client.force_login(user)
        client.get("/")
        cookies[username] = "; ".join(
            f"{name}={client.cookies[name].value}"
            for name in (settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME)
        )
    return cookies


def query_count(path, username):
    """Status and SQL queries of one request through Django's test client, as `username`."""
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    if username:
        client.force_login(get_user_model().objects.get(username=username))
    client.get(path)  # the first request fills what is kept (a PDF, the cache)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    return response.status_code, len(queries)


def wrk(url, duration, connections, threads, cookie=None):
    """One wrk run; the figures that bench/report.lua prints."""
    command = [
        "wrk",
        f"-t{threads}",
        f"-c{connections}",
        f"-d{duration}s",
        # A request still unanswered when the run ends is counted nowhere by wrk: the timeout
        # stays below the run's length, so that a page that never answers shows as errors.
        "--timeout",
        f"{max(1, duration // 2)}s",
        "-s",
        str(REPORT_LUA),
    ]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    output = subprocess.run(
        [*command, url], capture_output=True, text=True, check=True, timeout=duration + 60
    ).stdout
    line = next(line for line in output.splitlines() if line.startswith("RESULT "))
    figures = json.loads(line.removeprefix("RESULT "))
    seconds = figures["duration_us"] / 1e6
    errors = sum(figures[kind] for kind in ("connect", "read", "write", "status", "timeout"))
    return {
        "rps": figures["requests"] / seconds if seconds else 0.0,
        "p50": figures["p50"] / 1000,
        "p95": figures["p95"] / 1000,
        "p99": figures["p99"] / 1000,
        "errors": errors,
        "timeouts": figures["timeout"],
        "status_errors": figures["status"],
        "requests": figures["requests"],
    }


def pages_to_load(only):
    from pages import PAGES, places

    values = places()
    wanted = [part.strip().lower() for part in (only or "").split(",") if part.strip()]
    chosen = [page for page in PAGES if not wanted or any(w in page[0].lower() for w in wanted)]
    return [(name, who, path.format(**values)) for name, who, path in chosen]


def run(args, env):
    pages = pages_to_load(args.only)
    cookies = sessions({who for _name, who, _path in pages if who})
    header = f"{'Seite':<30}{'Anfr./s':>9}{'p50 ms':>8}{'p95 ms':>8}{'p99 ms':>8}{'Fehler':>7}"
    header += f"{'SQL':>5}{'healthz/s':>10}{'Anteil':>8}"
    results = []
    with gunicorn(env, args.workers) as base:
        # Fresh workers open their database connections on their first requests: the first page
        # is measured on a stack that has answered before, like every page after it.
        wrk(base + "/healthz", WARM_UP_SECONDS, args.connections, args.threads)
        print(
            f"\n{args.papers} Drucksachen, {args.connections} Verbindungen, {args.duration} s je Seite"
        )
        print(header)
        for name, who, path in pages:
            status, queries = query_count(path, who)
            if status == 404:
                print(f"{name:<30}übersprungen (404: {path})")
                continue
            cookie = cookies.get(who)
            # Steady state, as a running installation has it: each worker has served the page
            # (and filled its cache) before the measured run.
            wrk(base + path, WARM_UP_SECONDS, args.connections, args.threads, cookie)
            page = wrk(base + path, args.duration, args.connections, args.threads, cookie)
            health = wrk(base + "/healthz", args.duration, args.connections, args.threads)
            share = page["rps"] / health["rps"] if health["rps"] else 0.0
            results.append(
                {"name": name, "path": path, "who": who, "status": status, "queries": queries}
                | page
                | {"healthz_rps": health["rps"], "share": share}
            )
            print(
                f"{name:<30}{page['rps']:>9.1f}{page['p50']:>8.1f}{page['p95']:>8.1f}"
                f"{page['p99']:>8.1f}{page['errors']:>7}{queries:>5}{health['rps']:>10.1f}"
                f"{share:>8.1%}"
            )
    keep(args.papers, results)
    compare(args.papers, results)


def keep(papers, results):
    RESULTS.mkdir(parents=True, exist_ok=True)
    record = {
        "papers": papers,
        "at": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "machine": machine(),
    }
    record["pages"] = results
    (RESULTS / f"run-{papers}.json").write_text(json.dumps(record, indent=1, ensure_ascii=False))


def machine():
    model = "?"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            model = line.split(":", 1)[1].strip()
            break
    return f"{os.cpu_count()} Kerne, {model}"


def compare(papers, results):
    """The change against the latest run at another number of papers (kept in var/bench/)."""
    others = [
        json.loads(path.read_text())
        for path in sorted(RESULTS.glob("run-*.json"))
        if path.name != f"run-{papers}.json"
    ]
    for other in others:
        before = {page["name"]: page for page in other["pages"]}
        print(f"\nVergleich mit {other['papers']} Drucksachen ({other['at']}):")
        print(f"{'Seite':<30}{'Anteil':>16}{'p95 ms':>18}{'SQL':>10}")
        for page in results:
            old = before.get(page["name"])
            if not old:
                continue
            print(
                f"{page['name']:<30}{old['share']:>7.1%} → {page['share']:>6.1%}"
                f"{old['p95']:>8.1f} → {page['p95']:>7.1f}{old['queries']:>4} → {page['queries']:>3}"
            )


def main(argv=None):
    args = arguments(argv if argv is not None else sys.argv[1:])
    args.connections = args.connections or (8 if args.command == "soak" else 16)
    if not shutil.which("wrk"):
        raise SystemExit("wrk fehlt: scripts/ensure-wrk installiert es (apt-get install wrk).")
    database = args.database or f"postgres://postgres@127.0.0.1:5432/ratsfaden_bench_{args.papers}"
    if not database.startswith(("postgres://", "postgresql://")):
        raise SystemExit("Der Lasttest misst auf PostgreSQL: --database postgres://…")
    env = environment(database)
    os.environ.update(env)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "council.settings")
    ensure_database(database)
    import django

    django.setup()
    prepare(args.papers)
    if args.command == "run":
        run(args, env)
    elif args.command == "soak":
        from soak import soak

        sys.exit(soak(args, env))
    else:
        from outage import outage

        sys.exit(outage(args, env))


if __name__ == "__main__":
    main()
