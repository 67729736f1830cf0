"""The body whose council this is, its legislative terms, and what every record carries."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Record(models.Model):
    """OParl requires `created` and `modified` on every object."""

    created = models.DateTimeField(_("angelegt"), auto_now_add=True)
    modified = models.DateTimeField(_("geändert"), auto_now=True)

    class Meta:
        abstract = True


class BodyQuerySet(models.QuerySet):
    def current(self):
        """The body this installation serves: RATSFADEN_BODY, or else the first one."""
        short_name = settings.RATSFADEN_BODY_SHORT_NAME
        qs = self.filter(short_name=short_name) if short_name else self.order_by("pk")
        return qs.first()


class Body(Record):
    """OParl Body: the city whose council this is, with its rules of procedure."""

    name = models.CharField(_("Name"), max_length=200)
    short_name = models.SlugField(_("Kurzname"), max_length=50, unique=True)
    website = models.URLField(_("Website"), blank=True)
    municipality_key = models.CharField(_("Amtlicher Gemeindeschlüssel"), max_length=8, blank=True)
    state = models.CharField(
        _("Bundesland"),
        max_length=2,
        default="NW",
        help_text=_("ISO-Kürzel (NW = Nordrhein-Westfalen); bestimmt die Feiertage für Fristen."),
    )
    contact_email = models.EmailField(_("Kontakt (E-Mail)"), blank=True)
    contact_name = models.CharField(_("Kontakt (Name)"), max_length=200, blank=True)
    # Rules of procedure (Geschäftsordnung). GO NRW leaves these to each council.
    filing_deadline_days = models.PositiveSmallIntegerField(
        _("Antragsfrist (Tage vor der Sitzung)"), default=10
    )
    filing_deadline_working_days = models.BooleanField(
        _("Antragsfrist in Arbeitstagen"),
        default=False,
        help_text=_("Ohne Haken zählen Kalendertage; mit Haken nur Werktage ohne Feiertage."),
    )
    notice_period_days = models.PositiveSmallIntegerField(_("Ladungsfrist (Tage)"), default=7)
    inquiry_answer_days = models.PositiveSmallIntegerField(
        _("Antwortfrist für Anfragen (Tage)"), default=28
    )
    report_reminder_days = models.PositiveSmallIntegerField(
        _("Erinnerung an Berichte (Tage vor der Frist)"),
        default=7,
        help_text=_(
            "So viele Tage vor dem Fälligkeitsdatum erinnert Ratsfaden die Verwaltungseinheit an "
            "einen Bericht, der noch aussteht."
        ),
    )
    # Under the collective agreements of the public service (TVöD § 6 Abs. 3) the offices are
    # closed on Christmas Eve and New Year's Eve, though neither is a public holiday.
    december_24_31_closed = models.BooleanField(
        _("24. und 31. Dezember sind keine Arbeitstage"),
        default=True,
        help_text=_(
            "Fristen, die auf diese Tage fallen, rücken wie an Feiertagen auf den Werktag davor."
        ),
    )

    objects = BodyQuerySet.as_manager()

    class Meta:
        verbose_name = _("Körperschaft")
        verbose_name_plural = _("Körperschaften")
        permissions = [("council_office", _("Sitzungsdienst: darf alles für alle Gremien"))]

    def __str__(self):
        return self.name


def current_body(request):
    """The body this installation serves, looked up once per request."""
    if not hasattr(request, "_ratsfaden_body"):
        request._ratsfaden_body = Body.objects.current()
    return request._ratsfaden_body


class LegislativeTerm(Record):
    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="legislative_terms")
    name = models.CharField(_("Name"), max_length=100)
    start_date = models.DateField(_("Beginn"))
    end_date = models.DateField(_("Ende"), null=True, blank=True)

    class Meta:
        verbose_name = _("Wahlperiode")
        verbose_name_plural = _("Wahlperioden")
        ordering = ["-start_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="legislativeterm_end_not_before_start",
            ),
            models.UniqueConstraint(fields=["body", "name"], name="legislativeterm_unique_name"),
        ]

    def __str__(self):
        return self.name
