"""Minutes of mixed load on every page of bench/pages.py at once, while factions file papers
through the services; ends with the errors counted (expected: none) and the filed papers
checked (none lost, none numbered twice)."""

import json
import subprocess
import threading
import time

from harness import RESULTS, gunicorn, pages_to_load, query_count, sessions

# A request counts as failed without an answer within this many seconds (gunicorn's own
# timeout, after which it ends the worker, is 60).
ANSWER_WITHIN = 30
MIXED_LUA = RESULTS.parent.parent / "bench" / "mixed.lua"


def soak(args, env):
    pages = pages_to_load(None)
    cookies = sessions({who for _name, who, _path in pages if who})
    paths = []
    for name, who, path in pages:
        status, _queries = query_count(path, who)
        if status == 404:
            continue
        if name == "Brief als PDF":
            continue  # rendered per letter only once; weighs nothing in a mix
        paths.append(f"{path}|{cookies.get(who, '')}")
    paths.append("/healthz|")
    seconds = int(args.minutes * 60)
    filing = Filing()
    log = RESULTS / "soak-gunicorn.log"
    log.unlink(missing_ok=True)
    with gunicorn(env, args.workers, log=log) as base:
        print(
            f"Dauerlast: {len(paths)} Adressen im Wechsel, {args.connections} Verbindungen, "
            f"{seconds} s; nebenher reichen Fraktionen Anträge ein"
        )
        writer = threading.Thread(target=filing.run, args=(seconds,))
        writer.start()
        output = subprocess.run(
            [
                "wrk",
                f"-t{args.threads}",
                f"-c{args.connections}",
                f"-d{seconds}s",
                "--timeout",
                f"{ANSWER_WITHIN}s",
                "-s",
                str(MIXED_LUA),
                base,
                "--",
                *paths,
            ],
            capture_output=True,
            text=True,
            check=True,
            timeout=seconds + 120,
        ).stdout
        writer.join()
    line = next(line for line in output.splitlines() if line.startswith("RESULT "))
    figures = json.loads(line.removeprefix("RESULT "))
    errors = sum(figures[kind] for kind in ("connect", "read", "write", "status", "timeout"))
    server_errors = log.read_text(errors="replace").count("Traceback")
    lost = filing.check()
    print(
        f"Anfragen: {figures['requests']} in {figures['duration_us'] / 1e6:.0f} s, "
        f"p50 {figures['p50'] / 1000:.0f} ms, p95 {figures['p95'] / 1000:.0f} ms, "
        f"p99 {figures['p99'] / 1000:.0f} ms"
    )
    print(
        f"Fehler: {errors} (Status ≥ 400: {figures['status']}, Zeitüberschreitung: "
        f"{figures['timeout']} (ohne Antwort nach {ANSWER_WITHIN} s), Verbindung: {figures['connect'] + figures['read'] + figures['write']}); "
        f"Tracebacks im gunicorn-Log: {server_errors}"
    )
    print(
        f"Eingereicht: {filing.filed} Anträge, Fehlschläge: {len(filing.failures)}, "
        f"verloren oder doppelt nummeriert: {lost}"
    )
    for failure in filing.failures[:5]:
        print(f"  {failure}")
    return 0 if errors == server_errors == lost == 0 and not filing.failures else 1


class Filing:
    """Two factions' staff draft and submit papers in a loop, through the services."""

    def __init__(self):
        self.filed, self.failures, self.references = 0, [], []
        self.started_with = None

    def run(self, seconds):
        from django.contrib.auth import get_user_model
        from django.db import connection

        from council.models import Organization
        from motions.models import Paper

        self.started_with = Paper.objects.count()
        users = get_user_model().objects
        desks = [
            (users.get(username=login), Organization.objects.get(kind="faction", short_name=name))
            for login, name in (("spd", "SPD"), ("gruene", "GRÜNE"))
        ]
        committee = Organization.objects.get(body=desks[0][1].body, short_name="B2")
        deadline = time.monotonic() + seconds
        try:
            while time.monotonic() < deadline:
                for user, faction in desks:
                    self.file_one(user, faction, committee)
                time.sleep(0.5)
        finally:
            connection.close()

    def file_one(self, user, faction, committee):
        from motions import services
        from motions.models import Paper

        paper = Paper(
            body=faction.body,
            committee=committee,
            paper_type="motion",
            created_by=user,
            title=f"Dauerlast {self.filed + len(self.failures) + 1} ({faction.short_name})",
            place="Castrop-Rauxel",
            proposed_resolution="Die Verwaltung wird beauftragt.",
        )
        try:
            paper = services.save_draft(paper=paper, by=user, factions=[faction], questions=[])
            paper = services.submit(paper=paper, by=user)
        except Exception as exc:  # noqa: BLE001 — counted and shown, the load goes on
            self.failures.append(f"{type(exc).__name__}: {exc}")
            return
        self.filed += 1
        self.references.append(paper.reference)

    def check(self):
        """Papers lost or numbered twice: counted in the database after the run."""
        from motions.models import Paper

        if self.started_with is None:
            return 0
        added = Paper.objects.count() - self.started_with
        numbered = Paper.objects.filter(reference__in=self.references).count()
        return (
            abs(added - self.filed)
            + abs(numbered - len(set(self.references)))
            + (len(self.references) - len(set(self.references)))
        )
