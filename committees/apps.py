from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommitteesConfig(AppConfig):
    """The committees' work: inboxes, agendas and invitations, meeting day, minutes."""

    name = "committees"
    verbose_name = _("Ausschussarbeit")
