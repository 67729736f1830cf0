from django.core.management.base import BaseCommand

from search.index import rebuild


class Command(BaseCommand):
    help = "Baut den Suchindex aus allen öffentlichen Inhalten neu auf (wiederholbar)."

    def handle(self, *args, **options):
        total = rebuild(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS(f"Suchindex aktuell: {total} Einträge."))
