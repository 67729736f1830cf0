from django.core.management.base import BaseCommand

from subscriptions.sending import send_due
from subscriptions.services import forget_unconfirmed


class Command(BaseCommand):
    help = (
        "Findet Neues für die E-Mail-Abonnements (sofort und einmal täglich), stellt die "
        "E-Mails in die Warteschlange (jede Neuigkeit genau einmal) und löscht nie bestätigte "
        "Abonnements. Für cron, alle paar Minuten, auch auf mehreren Rechnern zugleich."
    )

    def handle(self, *args, **options):
        forget_unconfirmed()
        claimed = send_due()
        # Silent when there is nothing to do: cron mails whatever a job prints.
        if claimed and options["verbosity"] >= 2:
            self.stdout.write(f"{claimed} Abonnement(s) geprüft.")
