from django.apps import AppConfig, apps
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Suche")

    def ready(self):
        from search import signals

        signals.connect()
        if apps.is_installed("subscriptions"):
            from search import following

            following.register()
