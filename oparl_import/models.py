"""What the import remembers of a source: every object as received, and what it became here."""

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class SourceObjectQuerySet(models.QuerySet):
    def alive(self):
        """Objects the source still holds (not deleted stubs, not unreachable references)."""
        return self.filter(deleted=False, data__isnull=False)

    def pending(self):
        """Objects received but not yet built in their received form (new or changed)."""
        return self.alive().filter(Q(object_id__isnull=True) | ~Q(built_hash=F("hash")))


class SourceObject(models.Model):
    """One OParl object of the source system, keyed by its id (the object's URL). The raw cache
    of the first phase: the second phase builds Ratsfaden's records from it without refetching,
    and `built_hash` tells which objects changed since they were built."""

    source_id = models.CharField(max_length=500, unique=True)
    oparl_type = models.CharField(max_length=20)
    # As received, with embedded objects replaced by their ids (and stored as objects of their
    # own). NULL: a referenced object the source did not deliver.
    data = models.JSONField(null=True)
    hash = models.CharField(max_length=40, blank=True)
    modified = models.DateTimeField(_("geändert (Quelle)"), null=True, blank=True)
    deleted = models.BooleanField(default=False)
    content_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    built_hash = models.CharField(max_length=40, blank=True)
    fetched_at = models.DateTimeField(auto_now=True)

    objects = SourceObjectQuerySet.as_manager()

    class Meta:
        verbose_name = _("Objekt der OParl-Quelle")
        verbose_name_plural = _("Objekte der OParl-Quelle")
        indexes = [models.Index(fields=["oparl_type", "object_id"])]

    def __str__(self):
        return f"{self.oparl_type} {self.source_id}"
