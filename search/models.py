"""The search index: one entry per public thing a citizen can find, kept current on every change.

Only public content is ever written here (see search.sources); the entries carry what the
result list shows and what its filters need, so a search reads this table alone.
"""

from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    MOTION = "motion", _("Antrag")
    INQUIRY = "inquiry", _("Anfrage")
    AMENDMENT = "amendment", _("Änderungsantrag")
    REPORT = "report", _("Bericht der Verwaltung")
    AGENDA_ITEM = "agenda_item", _("Tagesordnungspunkt")
    MEETING = "meeting", _("Sitzung")
    PERSON = "person", _("Person")


class Source(models.TextChoices):
    """The model an entry was made from (a paper's kind is its type, its source "paper")."""

    PAPER = "paper", _("Drucksache")
    REPORT = "report", _("Bericht")
    AGENDA_ITEM = "agenda_item", _("Tagesordnungspunkt")
    MEETING = "meeting", _("Sitzung")
    PERSON = "person", _("Person")


class Entry(models.Model):
    source = models.CharField(max_length=20, choices=Source)
    object_id = models.PositiveBigIntegerField()
    kind = models.CharField(_("Art"), max_length=20, choices=Kind)
    title = models.CharField(_("Titel"), max_length=500)
    # A reference, an agenda item's number and meeting: shown above the title, searched with it.
    label = models.CharField(max_length=300, blank=True)
    body = models.TextField(blank=True)
    date = models.DateField(null=True, blank=True)
    url = models.CharField(max_length=300)
    # Committees a paper is addressed to or a meeting is held by, and the originating factions.
    organizations = models.ManyToManyField("council.Organization", related_name="+", blank=True)
    # PostgreSQL only: the weighted German vector (title and label A, text B), written by
    # search.index after each change; GIN-indexed by migration 0002. Empty on SQLite.
    vector = SearchVectorField(null=True, editable=False)
    # When the thing became findable: what subscriptions to a search count as new.
    first_indexed = models.DateTimeField(default=timezone.now)
    modified = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("Sucheintrag")
        verbose_name_plural = _("Sucheinträge")
        constraints = [
            models.UniqueConstraint(fields=["source", "object_id"], name="search_entry_unique"),
        ]
        indexes = [
            models.Index(fields=["-date", "-id"], name="search_entry_date"),
            models.Index(fields=["first_indexed"], name="search_entry_first_indexed"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.title}"

    def get_absolute_url(self):
        return self.url


class FileText(models.Model):
    """The text extracted from a stored PDF, kept so that a paper's next change does not parse
    its attachments again. Keyed by the storage name, which never names two files."""

    path = models.CharField(max_length=500, unique=True)
    text = models.TextField(blank=True)
    created = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return self.path
