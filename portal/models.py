"""The accessibility statement the council office keeps, and the feedback citizens send on it.

Public bodies must publish a statement on how accessible their site is, offer a way to report
barriers, and answer such a report within a month (BITV 2.0 § 7, BGG § 12b; NRW: BITNRW).
"""

import calendar
import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from council.deadlines import AnsweredByDueDate

DEFAULT_CONFORMANCE = (
    "Dieses Ratsinformationssystem soll die Anforderungen der Barrierefreie-Informationstechnik-"
    "Verordnung (BITV 2.0) und der WCAG 2.1 auf Stufe AA erfüllen. Jede Seite ist ohne "
    "JavaScript, mit der Tastatur allein und auf kleinen Bildschirmen benutzbar; automatisierte "
    "Prüfungen mit axe-core laufen bei jeder Änderung.\n\n"
    "Die Seiten sind weitgehend vereinbar."
)
DEFAULT_NON_ACCESSIBLE = (
    "Als PDF erzeugte Dokumente werden mit Struktur-Tags ausgegeben (PDF/UA). Ältere, "
    "eingescannte Anlagen, die Fraktionen oder Verwaltung hochladen, können unzugänglich sein."
)
DEFAULT_ENFORCEMENT = (
    "Wenn Sie auf Ihre Rückmeldung innerhalb eines Monats keine zufriedenstellende Antwort "
    "erhalten, können Sie sich an die Ombudsstelle für barrierefreie Informationstechnik des "
    "Landes Nordrhein-Westfalen wenden."
)


def one_month_after(day):
    """The same day of the next month, or its last day if that month is shorter (BGB § 188)."""
    year, month = (day.year + 1, 1) if day.month == 12 else (day.year, day.month + 1)
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


class AccessibilityStatement(models.Model):
    """Erklärung zur Barrierefreiheit: one per body, its text edited by the council office."""

    body = models.OneToOneField(
        "council.Body", on_delete=models.CASCADE, related_name="accessibility_statement"
    )
    conformance = models.TextField(_("Stand der Vereinbarkeit"), default=DEFAULT_CONFORMANCE)
    non_accessible = models.TextField(
        _("Nicht barrierefreie Inhalte"), blank=True, default=DEFAULT_NON_ACCESSIBLE
    )
    enforcement = models.TextField(_("Schlichtungsverfahren"), default=DEFAULT_ENFORCEMENT)
    prepared_on = models.DateField(
        _("Erklärung erstellt oder zuletzt überprüft am"), default=timezone.localdate
    )
    modified = models.DateTimeField(_("geändert"), auto_now=True)

    class Meta:
        verbose_name = _("Erklärung zur Barrierefreiheit")
        verbose_name_plural = _("Erklärungen zur Barrierefreiheit")

    def __str__(self):
        return str(_("Erklärung zur Barrierefreiheit"))

    def get_absolute_url(self):
        return reverse("portal:accessibility")


class Feedback(AnsweredByDueDate, models.Model):
    """A report of a barrier (or a question on accessibility), to be answered within a month.
    The sender's address is for the answer only: it is never shown outside the office's list."""

    body = models.ForeignKey("council.Body", on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("Name"), max_length=200, blank=True)
    email = models.EmailField(_("E-Mail-Adresse"))
    page = models.CharField(_("Betroffene Seite"), max_length=500, blank=True)
    message = models.TextField(_("Nachricht"), max_length=5000)
    received_at = models.DateTimeField(_("eingegangen am"), default=timezone.now)
    due_date = models.DateField(_("zu beantworten bis"))
    answer = models.TextField(_("Antwort"), max_length=10000, blank=True)
    answered_at = models.DateTimeField(_("beantwortet am"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("Rückmeldung zur Barrierefreiheit")
        verbose_name_plural = _("Rückmeldungen zur Barrierefreiheit")
        ordering = ["-received_at", "-pk"]
        indexes = [models.Index(fields=["answered_at", "due_date"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(answered_at__isnull=True) | ~Q(answer=""),
                name="feedback_answered_has_answer",
            ),
        ]

    def __str__(self):
        return f"{self.received_at:%d.%m.%Y}: {self.message[:60]}"

    def get_absolute_url(self):
        return reverse("portal:feedback_detail", args=[self.pk])
