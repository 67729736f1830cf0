from django.core.management.base import BaseCommand

from reports.reminders import send_due


class Command(BaseCommand):
    help = (
        "Erinnert an fällige und überfällige Berichte (jede Erinnerung genau einmal) und stellt "
        "die E-Mails in die Warteschlange. Für cron, alle paar Minuten, auch auf mehreren "
        "Rechnern zugleich."
    )

    def handle(self, *args, **options):
        queued = send_due()
        # Silent when there is nothing to do: cron mails whatever a job prints.
        if queued and options["verbosity"] >= 1:
            self.stdout.write(f"{queued} Erinnerung(en) in die Warteschlange gestellt.")
