from django.apps import AppConfig


class PortalConfig(AppConfig):
    """The citizens' portal around the record: start page sections, accessibility statement and
    feedback, Leichte Sprache, sitemap and robots.txt."""

    name = "portal"
    verbose_name = "Portal"
