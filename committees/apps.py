from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommitteesConfig(AppConfig):
    """The committees' work: inboxes, agendas and invitations, meeting day, minutes."""

    name = "committees"
    verbose_name = _("Ausschussarbeit")

    def ready(self):
        from committees.notifications import agenda_published
        from council.signals import agenda_published as published

        published.connect(agenda_published, dispatch_uid="committees.agenda_published")
