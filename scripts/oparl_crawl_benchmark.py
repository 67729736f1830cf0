#!/usr/bin/env python
"""Measure a full crawl of the OParl interface, as a harvester does it.

    DATABASE_URL=postgres://… .venv/bin/python scripts/oparl_crawl_benchmark.py --limit 500

Starts at /oparl/v1/, reads the body list and every list of every body, and follows each list's
`next` to its end, through Django's test client in this one process (no network, no server:
the figures are the application's own cost). Prints per list the pages, objects and time, and at
the end the whole crawl's time, the most SQL queries of one page, and the process's peak memory
(ru_maxrss). Reads only; run it against a database filled with `manage.py demo --papers N`.
"""

import argparse
import os
import resource
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "council.settings")
os.environ.setdefault("DEBUG", "1")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=500, help="objects per page (at most 500)")
    args = parser.parse_args()

    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(SERVER_NAME="localhost")

    def get(url):
        parts = urlsplit(url)
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path, HTTP_HOST="localhost")
        if response.status_code != 200:
            raise SystemExit(f"{response.status_code} for {path}")
        return response.json(), len(queries)

    started = time.perf_counter()
    most_queries, total_pages, total_objects = 0, 0, 0
    system, _ = get("/oparl/v1/")
    bodies, _ = get(system["body"])
    for body in bodies["data"]:
        # A body's lists: its references into the interface that end in no object's id.
        lists = {
            key: value
            for key, value in body.items()
            if key not in ("id", "web", "system", "type")
            and isinstance(value, str)
            and "/oparl/v1/" in value
            and not value.rstrip("/").rsplit("/", 1)[-1].isdigit()
        }
        for name, url in sorted(lists.items()):
            list_started, pages, objects = time.perf_counter(), 0, 0
            separator = "&" if "?" in url else "?"
            url = f"{url}{separator}limit={args.limit}"
            while url:
                page, queries = get(url)
                pages += 1
                objects += len(page["data"])
                most_queries = max(most_queries, queries)
                url = page.get("links", {}).get("next")
            total_pages += pages
            total_objects += objects
            print(
                f"{name:<22} {pages:>6} Seiten {objects:>8} Objekte "
                f"{time.perf_counter() - list_started:>8.1f} s",
                flush=True,
            )
    elapsed = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"Gesamt: {total_pages} Seiten, {total_objects} Objekte in {elapsed:.1f} s "
        f"({total_objects / elapsed:.0f} Objekte/s); höchstens {most_queries} SQL-Abfragen je "
        f"Seite; Speicher höchstens {peak:.0f} MB"
    )


if __name__ == "__main__":
    main()
