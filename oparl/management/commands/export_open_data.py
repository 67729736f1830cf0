from django.core.management.base import BaseCommand

from oparl import open_data
from oparl.views import SOURCES


class Command(BaseCommand):
    help = (
        "Schreibt alle öffentlichen Daten als CSV (eine Datei je Art, gezippt, mit README) und "
        "als OParl-JSON nach OPEN_DATA_ROOT; ältere Stände werden entfernt."
    )

    def handle(self, *args, **options):
        paths = open_data.export(
            sources=SOURCES, progress=lambda name: self.stdout.write(f"  {name} …")
        )
        for path in paths:
            self.stdout.write(self.style.SUCCESS(f"{path} ({path.stat().st_size} Bytes)"))
