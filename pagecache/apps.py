from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.utils.translation import gettext_lazy as _


class PageCacheConfig(AppConfig):
    name = "pagecache"
    verbose_name = _("Zwischenspeicher öffentlicher Seiten")

    def ready(self):
        from pagecache import generations

        connection_created.connect(generations.watch_writes, dispatch_uid="pagecache-watch")
