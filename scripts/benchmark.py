#!/usr/bin/env python
"""Measure Ratsfaden's main pages on a demo database with many papers.

    .venv/bin/python scripts/benchmark.py --papers 2000 --runs 20

Builds a fresh SQLite database (or uses DATABASE_URL if given) with `manage.py demo --papers N`,
then requests each page through Django's test client as the role that uses it, and prints the
median and 95th-percentile time and the number of SQL queries per page. Speed is measured here,
never in the test suite.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--papers", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()

    if "DATABASE_URL" not in os.environ:
        os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp()}/benchmark.sqlite3"
    os.environ.setdefault("DEBUG", "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "council.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.ALLOWED_HOSTS = ["testserver"]
    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    with open(os.devnull, "w") as quiet:
        call_command("demo", papers=args.papers, verbosity=0, stdout=quiet)
    print(f"demo --papers {args.papers}: {time.perf_counter() - started:.1f} s")
    measure(args.runs)


def measure(runs):
    from django.contrib.auth import get_user_model
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from council.models import Meeting, Organization
    from motions.models import Paper

    users = get_user_model().objects
    faction = (
        Organization.objects.filter(kind="faction").order_by("pk").values_list("pk", flat=True)[0]
    )
    meeting = Meeting.objects.order_by("-start").filter(agenda_items__isnull=False).first()
    paper = Paper.objects.exclude(state="draft").order_by("-pk").first()
    register = Paper.objects.public().exclude(submitted_at=None).order_by("-submitted_at", "-pk")
    # A cursor nine tenths down the register: what page 500 of 10,000 papers was by OFFSET.
    deep = register.values_list("pk", flat=True)[register.count() * 9 // 10]
    pages = [
        ("Start", None, "/"),
        ("Sitzungskalender", None, "/sitzungen/"),
        ("Sitzung mit TO", None, meeting.get_absolute_url()),
        ("Gremien", None, "/gremien/"),
        ("Antragsregister", None, "/antraege/"),
        ("Antragsregister, tief", None, f"/antraege/?nach={deep}"),
        ("Register: überfällig", None, "/antraege/?bericht=ueberfaellig&sortierung=nummer"),
        ("Register: Fraktion, Jahr", None, f"/antraege/?fraktion={faction}&jahr=2025"),
        ("Vergangene Sitzungen", None, "/sitzungen/?zeit=vergangen"),
        ("Berichte", None, "/berichte/"),
        ("Sitemap: Anträge", None, "/sitemap-antraege.xml"),
        ("Antrag", None, paper.get_absolute_url()),
        ("Antrag als PDF", None, f"/antraege/{paper.pk}/brief.pdf"),
        ("Unsere Anträge (SPD)", "spd", "/antraege/unsere/"),
        ("Alle Anträge (Sitzungsdienst)", "sitzungsdienst", "/antraege/unsere/"),
        ("Antragsformular", "spd", "/antraege/neu/"),
        *search_pages(),
    ]
    print(f"{'page':<30}{'median ms':>10}{'p95 ms':>9}{'queries':>9}")
    for name, username, url in pages:
        client = Client()
        if username:
            client.force_login(users.get(username=username))
        timings = []
        for _ in range(runs):
            reset_queries()
            with CaptureQueriesContext(connection) as queries:
                start = time.perf_counter()
                response = client.get(url)
                timings.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200, (url, response.status_code)
        timings.sort()
        p95 = timings[min(len(timings) - 1, int(len(timings) * 0.95))]
        print(f"{name:<30}{statistics.median(timings):>10.1f}{p95:>9.1f}{len(queries):>9}")


def search_pages():
    """The search for the most common word of the index and for a rare one (on PostgreSQL the
    index's own statistics tell which; on SQLite a word of every generated motion)."""
    from django.db import connection

    common, rare = "Verwaltung", "Integrationsmanagement"
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT word FROM ts_stat('SELECT vector FROM search_entry') "
                "WHERE length(word) > 3 ORDER BY ndoc DESC, word LIMIT 1"
            )
            common = cursor.fetchone()[0]
            cursor.execute(
                "SELECT word FROM ts_stat('SELECT vector FROM search_entry') "
                "WHERE length(word) > 6 AND ndoc BETWEEN 2 AND 5 ORDER BY word LIMIT 1"
            )
            rare = cursor.fetchone()[0]
    return [
        (f"Suche '{common}'", None, f"/suche/?q={common}"),
        (f"Suche '{common}' nach Datum", None, f"/suche/?q={common}&sortierung=datum"),
        (f"Suche '{rare}'", None, f"/suche/?q={rare}"),
        (f"Feed '{common}'", None, f"/suche/feed/?q={common}"),
    ]


if __name__ == "__main__":
    main()
