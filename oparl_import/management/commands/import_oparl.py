"""python manage.py import_oparl SOURCE [--since ISO] [--body ID] [--ohne-dateien]"""

import resource
import time
from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.utils.dateparse import parse_datetime

from oparl_import.importer import run_import
from oparl_import.sources import DirectorySource, HttpSource


class Command(BaseCommand):
    help = "Übernimmt Daten aus einem OParl-1.0/1.1-System (URL) oder einem Verzeichnis mit JSON-Dateien."

    def add_arguments(self, parser):
        parser.add_argument("source", help="URL des OParl-System-Objekts oder ein Verzeichnis")
        parser.add_argument(
            "--since", help="nur seit diesem Zeitpunkt Geänderte abrufen (ISO 8601)"
        )
        parser.add_argument("--body", help="nur diese Körperschaft (ihre OParl-id)")
        parser.add_argument(
            "--ohne-dateien",
            action="store_true",
            dest="no_files",
            help="Dateien nicht herunterladen",
        )

    def handle(self, *args, source, since, body, no_files, **options):
        if since and parse_datetime(since) is None:
            raise CommandError(
                "--since erwartet einen Zeitpunkt nach ISO 8601, z. B. 2024-01-01T00:00:00+01:00"
            )
        if source.startswith(("http://", "https://")):
            reader = HttpSource(source, since=since, body=body)
        elif Path(source).is_dir():
            reader = DirectorySource(source, since=since, body=body)
        else:
            raise CommandError(f"Weder URL noch Verzeichnis: {source}")
        started = time.monotonic()
        try:
            summary = run_import(reader, download_files=not no_files, write=self.stdout.write)
        finally:
            reader.close()
        for line in summary.lines():
            self.stdout.write(line)
        # The builders write in bulk, past the signals that keep the search index: it is
        # rebuilt once, so that imported papers are found and depublished ones are not.
        call_command("rebuild_search_index", stdout=self.stdout)
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        self.stdout.write(
            f"Dauer: {time.monotonic() - started:.1f} s, Speicher (Spitze): {peak:.0f} MB"
        )
