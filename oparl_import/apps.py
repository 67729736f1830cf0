from django.apps import AppConfig


class OparlImportConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "oparl_import"
    verbose_name = "OParl-Import"
