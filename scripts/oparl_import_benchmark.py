#!/usr/bin/env python
"""Measure the OParl import of a generated city on loopback.

    .venv/bin/python scripts/oparl_import_benchmark.py --papers 14000 --meetings 2600

Generates an OParl 1.1 system (page by page, on request) with the quirks of real servers, serves
it from a separate process over http://127.0.0.1, imports it into a fresh SQLite database (or
DATABASE_URL), imports it a second time, and prints time and peak memory (ru_maxrss) of each run.
"""

import argparse
import datetime
import json
import multiprocessing
import os
import resource
import sys
import tempfile
import time
from bisect import bisect_right
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from itertools import accumulate
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PAGE = 100
COMMITTEES, FACTIONS, UNITS = 12, 6, 5
PAPER_TYPES = [
    "Antrag",
    "Anfrage",
    "Beschlussvorlage",
    "Mitteilungsvorlage",
    "Änderungsantrag",
    "Beantwortung einer Anfrage",
    "Stellungnahme der Verwaltung",
    "Dringlichkeitsantrag",
    "Vorlage nach § 26 GO",
    "Bericht",
]
RESULTS = [
    "beschlossen",
    "einstimmig beschlossen",
    "abgelehnt",
    "zur Kenntnis genommen",
    "vertagt",
    "mit Änderungen beschlossen",
    "verwiesen in den HFA",
    "erledigt",
]
STAMP = {"created": "2024-01-10T09:00:00+01:00", "modified": "2024-01-10T09:00:00+01:00"}


def t(kind):
    return f"https://schema.oparl.org/1.1/{kind}"


class City:
    """Every object computed from its number: nothing is held but the agenda sizes."""

    def __init__(self, base, papers, meetings, persons):
        self.base, self.papers, self.meetings, self.persons = base, papers, meetings, persons
        self.items = [7 + (m % 10 < 3) for m in range(meetings)]  # 7.3 items per meeting
        # Items from the third on treat a paper; paper p sits at the p-th such slot.
        self.slots = list(accumulate(n - 2 for n in self.items))
        self.organizations = 1 + COMMITTEES + FACTIONS + UNITS

    def u(self, path):
        return f"{self.base}{path}"

    def slot_of(self, p):
        m = bisect_right(self.slots, p)
        if m >= self.meetings:
            return None
        before = self.slots[m - 1] if m else 0
        return m, p - before + 2

    def paper_at(self, m, k):
        before = self.slots[m - 1] if m else 0
        p = before + k - 2
        return p if k >= 2 and p < self.papers else None

    def organization(self, i):
        if i == 0:
            kind, name = "Gremium", "Rat"
        elif i <= COMMITTEES:
            kind, name = "Gremium", f"Ausschuss {i}"
        elif i <= COMMITTEES + FACTIONS:
            kind, name = "Fraktion", f"Fraktion {i - COMMITTEES}"
        else:
            kind, name = "Verwaltungsbereich", f"Fachbereich {i - COMMITTEES - FACTIONS}"
        return {
            "id": self.u(f"/org/{i}"),
            "type": t("Organization"),
            "name": name,
            "shortName": name[:12],
            "organizationType": kind,
            "classification": "Parlament" if i == 0 else kind,
            **STAMP,
        }

    def person(self, i):
        committee, faction = 1 + i % COMMITTEES, 1 + COMMITTEES + i % FACTIONS
        memberships = [
            {
                "id": self.u(f"/membership/{i}-{n}"),
                "type": t("Membership"),
                "organization": self.u(f"/org/{org}"),
                "role": "Vorsitzender" if i < COMMITTEES + 3 and n == 0 else "Mitglied",
                "startDate": "2020-11-01",
                **STAMP,
            }
            for n, org in enumerate((committee, faction))
        ]
        return {
            "id": self.u(f"/person/{i}"),
            "type": t("Person"),
            "name": f"Person {i}",
            "familyName": f"Familie{i}",
            "givenName": f"Vorname{i}",
            "membership": memberships,
            **STAMP,
        }

    def meeting(self, m):
        start = datetime.datetime(2012, 1, 2, 17, tzinfo=datetime.UTC) + datetime.timedelta(
            hours=34 * m
        )
        end = start + datetime.timedelta(hours=-1 if m % 97 == 0 else 3)  # end before start
        items = []
        for k in range(self.items[m]):
            p = self.paper_at(m, k)
            item = {
                "id": self.u(f"/item/{m}-{k}"),
                "type": t("AgendaItem"),
                "number": "" if m % 50 == 0 and k == 3 else str(k + 1),
                "name": f"Punkt {k + 1}" if p is None else f"Drucksache {p}",
                "public": k != 6,
                "result": RESULTS[(m + k) % len(RESULTS)],
                **STAMP,
            }
            if p is not None:
                item["consultation"] = self.u(f"/consultation/{p}")
            items.append(item)
        return {
            "id": self.u(f"/meeting/{m}"),
            "type": t("Meeting"),
            "name": f"{m}. Sitzung",
            "start": start.isoformat(),
            "end": end.isoformat(),
            "organization": [self.u(f"/org/{m % (COMMITTEES + 1)}")],
            "location": {
                "id": self.u("/location/1"),
                "type": t("Location"),
                "description": "Rathaus",
                "geojson": {"type": "Point", "coordinates": ["7.1", "51.5"]},
            },
            "agendaItem": items,
            **STAMP,
        }

    def paper(self, p):
        kind = PAPER_TYPES[p % len(PAPER_TYPES)]
        # Every 200th paper repeats the reference of the one before (another type).
        reference = f"{2012 + p // 1500}/{(p - (p % 200 == 0)) % 100000:05d}"
        paper = {
            "id": self.u(f"/paper/{p}"),
            "type": t("Paper"),
            "name": f"Drucksache {p}",
            "reference": reference,
            "paperType": kind,
            "date": (datetime.date(2012, 1, 1) + datetime.timedelta(days=p // 4)).isoformat(),
            **STAMP,
        }
        if p % 3 == 0:
            paper["originatorPerson"] = [self.u(f"/person/{p % self.persons}")]
        else:
            paper["originatorOrganization"] = [self.u(f"/org/{1 + COMMITTEES + p % FACTIONS}")]
        if p % 500 == 0:
            paper["underDirectionOf"] = [self.u("/org/999")]  # answers 404
        slot = self.slot_of(p)
        consultation = {
            "id": self.u(f"/consultation/{p}"),
            "type": t("Consultation"),
            "organization": [self.u(f"/org/{1 + p % COMMITTEES}")],
            "role": "Beschlussfassung",
            "authoritative": True,
            **STAMP,
        }
        if slot:
            consultation["meeting"] = self.u(f"/meeting/{slot[0]}")
            consultation["agendaItem"] = self.u(f"/item/{slot[0]}-{slot[1]}")
        paper["consultation"] = [consultation]
        if p % 700 == 1:  # the consultation of another paper, embedded again
            paper["consultation"].append(self.paper(p - 1)["consultation"][0])
        if p % 10 == 0:
            broken = p % 1000 == 0
            paper["mainFile"] = {
                "id": self.u(f"/file/{p}"),
                "type": t("File"),
                "name": "Vorlage",
                "fileName": f"vorlage-{p}.pdf",
                "mimeType": "application/pdf",
                "accessUrl": self.u(f"/files/{'broken/' if broken else ''}{p}.pdf"),
                **STAMP,
            }
        return paper

    def listing(self, kind, page):
        count, make = {
            "organizations": (self.organizations, self.organization),
            "persons": (self.persons, self.person),
            "meetings": (self.meetings, self.meeting),
            "papers": (self.papers, self.paper),
        }[kind]
        pages = (count + PAGE - 1) // PAGE
        data = [make(i) for i in range(page * PAGE, min(count, (page + 1) * PAGE))]
        if kind == "papers" and page % 10 == 5:
            data.append({"id": self.u(f"/paper/deleted/{page}"), "deleted": True})
        links = {}
        if page + 1 < pages:
            links["next"] = self.u(f"/body/1/{kind}?page={page + 1}")
        elif kind == "papers":
            links["next"] = self.u(f"/body/1/{kind}?page=0")  # loops back
        return {"data": data, "links": links}

    def answer(self, path, query):
        if path == "/oparl":
            return {"id": self.u("/oparl"), "type": t("System"), "body": self.u("/bodies"), **STAMP}
        if path == "/bodies":
            return {"data": [self.body()], "links": {}}
        if path.startswith("/body/1/"):
            return self.listing(path.rsplit("/", 1)[1], int(query.get("page", ["0"])[0]))
        if path.startswith("/files/") and not path.startswith("/files/broken/"):
            return b"%PDF-1.4 " + path.encode()
        return None

    def body(self):
        lists = {
            "organization": "organizations",
            "person": "persons",
            "meeting": "meetings",
            "paper": "papers",
        }
        return {
            "id": self.u("/body/1"),
            "type": t("Body"),
            "name": "Stadt Benchhausen",
            "shortName": "Benchhausen",
            **{field: self.u(f"/body/1/{kind}") for field, kind in lists.items()},
            **STAMP,
        }


def serve(port, papers, meetings, persons, ready):
    city = City(f"http://127.0.0.1:{port}", papers, meetings, persons)

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # keep-alive: the importer reuses its connections
        disable_nagle_algorithm = True  # else 40 ms per answer (delayed ACK)

        def do_GET(self):
            parts = urlsplit(self.path)
            answer = city.answer(parts.path, parse_qs(parts.query))
            if answer is None:
                self.send_response(404)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            body = answer if isinstance(answer, bytes) else json.dumps(answer).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    ready.set()
    server.serve_forever()


def cpu_seconds():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--papers", type=int, default=14000)
    parser.add_argument("--meetings", type=int, default=2600)
    parser.add_argument("--persons", type=int, default=300)
    parser.add_argument("--port", type=int, default=8765)
    args = parser.parse_args()

    ready = multiprocessing.Event()
    server = multiprocessing.Process(
        target=serve, args=(args.port, args.papers, args.meetings, args.persons, ready), daemon=True
    )
    server.start()
    ready.wait(10)
    workdir = tempfile.mkdtemp()
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{workdir}/oparl-import.sqlite3")
    os.environ.setdefault("MEDIA_ROOT", f"{workdir}/media")
    os.environ.setdefault("DEBUG", "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "council.settings")
    import django

    django.setup()
    import logging

    from django.core.management import call_command

    from oparl_import.importer import run_import
    from oparl_import.sources import HttpSource

    logging.getLogger("oparl_import").setLevel(logging.ERROR)
    logging.getLogger("httpx").setLevel(logging.WARNING)
    call_command("migrate", verbosity=0)
    try:
        for run in ("erster Lauf", "zweiter Lauf"):
            source = HttpSource(f"http://127.0.0.1:{args.port}/oparl", backoff=0.1)
            started, cpu = time.perf_counter(), cpu_seconds()
            summary = run_import(source)
            source.close()
            elapsed, cpu = time.perf_counter() - started, cpu_seconds() - cpu
            peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            # On a shared machine the wall time says more about the neighbours than about the
            # import; the CPU time of the importing process (server excluded) says what it costs.
            print(f"{run}: {elapsed:.1f} s ({cpu:.1f} s CPU), Speicher (Spitze) {peak:.0f} MB")
            for line in summary.lines():
                print("  " + line)
    finally:
        server.terminate()


if __name__ == "__main__":
    main()
