from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SubscriptionsConfig(AppConfig):
    """Following without an account: Atom feeds of the public lists, and e-mail updates."""

    name = "subscriptions"
    verbose_name = _("Folgen")

    def ready(self):
        from subscriptions import kinds

        kinds.register_builtin()
