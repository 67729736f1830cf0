from django.apps import AppConfig


class OparlConfig(AppConfig):
    name = "oparl"
    verbose_name = "Offene Daten (OParl 1.1)"

    def ready(self):
        from oparl import signals

        signals.connect()
