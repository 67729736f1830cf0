"""The council's structure, each model mapped onto its OParl 1.1 type."""

import unicodedata

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from council.querysets import (
    AgendaItemQuerySet,
    MeetingQuerySet,
    MembershipQuerySet,
    OrganizationQuerySet,
    PersonQuerySet,
)


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


class OrganizationKind(models.TextChoices):
    COUNCIL = "council", _("Rat")
    COMMITTEE = "committee", _("Ausschuss")
    FACTION = "faction", _("Fraktion")
    ADMINISTRATION = "administration", _("Verwaltungseinheit")
    OTHER = "other", _("Sonstiges Gremium")


# OParl's organizationType for each kind (the schema's suggested values).
OPARL_ORGANIZATION_TYPE = {
    OrganizationKind.COUNCIL: "Gremium",
    OrganizationKind.COMMITTEE: "Gremium",
    OrganizationKind.FACTION: "Partei",
    OrganizationKind.ADMINISTRATION: "Verwaltungsbereich",
    OrganizationKind.OTHER: "Sonstiges",
}


class Organization(Record):
    """OParl Organization: the council, a committee, a faction or a unit of the administration."""

    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="organizations")
    kind = models.CharField(_("Art"), max_length=20, choices=OrganizationKind)
    name = models.CharField(_("Name"), max_length=200)
    short_name = models.CharField(_("Kurzbezeichnung"), max_length=30, help_text=_("z. B. „B2“"))
    classification = models.CharField(
        _("Klassifikation"),
        max_length=100,
        blank=True,
        help_text=_("z. B. Pflichtausschuss, Fachausschuss, Fraktion, Gruppe"),
    )
    legislative_term = models.ForeignKey(
        LegislativeTerm,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organizations",
        verbose_name=_("Wahlperiode"),
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("übergeordnet"),
    )
    website = models.URLField(_("Website"), blank=True)
    email = models.EmailField(
        _("Funktionspostfach"),
        blank=True,
        help_text=_("Erhält Benachrichtigungen; nie öffentlich."),
    )
    start_date = models.DateField(_("Beginn"), null=True, blank=True)
    end_date = models.DateField(_("Ende"), null=True, blank=True)

    objects = OrganizationQuerySet.as_manager()

    class Meta:
        verbose_name = _("Organisation")
        verbose_name_plural = _("Organisationen")
        ordering = ["kind", "name"]
        indexes = [models.Index(fields=["body", "kind"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
                name="organization_end_not_before_start",
            ),
            models.UniqueConstraint(
                fields=["body", "short_name"], name="organization_unique_short_name"
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("council:organization", args=[self.pk])

    @property
    def oparl_type(self):
        return OPARL_ORGANIZATION_TYPE[self.kind]


class FormOfAddress(models.TextChoices):
    MS = "Frau", _("Frau")
    MR = "Herr", _("Herr")
    NONE = "", _("keine")


# Letters that Unicode does not decompose into a base letter and a mark.
_BASE_LETTERS = str.maketrans({"ı": "i", "ł": "l", "ø": "o", "đ": "d", "æ": "ae", "œ": "oe"})


def person_sort_name(family_name, given_name):
    """The key persons are listed by, as German readers expect (DIN 5007, variant 1): case
    ignored, umlauts as their base letter ("Köhler" as "kohler"), ß as "ss".

    Only letters and digits are kept, and "0" separates family from given name: every database
    collation (C, en_US, de_DE) orders these alike, and a family name sorts before its longer
    namesakes ("Kuhn, Zoe" before "Kuhne, Anna")."""
    parts = []
    for name in (family_name, given_name):
        decomposed = unicodedata.normalize("NFKD", name.casefold().translate(_BASE_LETTERS))
        parts.append("".join(char for char in decomposed if char.isalnum()))
    return "0".join(parts)[:255]


class Person(Record):
    """OParl Person. Only mandate data is ever shown in public; contact data stays internal."""

    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="persons")
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="person",
        verbose_name=_("Benutzerkonto"),
    )
    form_of_address = models.CharField(
        _("Anrede"), max_length=10, choices=FormOfAddress, blank=True
    )
    title = models.CharField(_("Titel"), max_length=50, blank=True, help_text=_("z. B. „Dr.“"))
    given_name = models.CharField(_("Vorname"), max_length=100)
    family_name = models.CharField(_("Nachname"), max_length=100)
    email = models.EmailField(_("E-Mail (intern)"), blank=True)
    # Set on every save from the names; bulk writes must set it themselves (person_sort_name).
    sort_name = models.CharField(_("Sortiername"), max_length=255, editable=False, default="")

    objects = PersonQuerySet.as_manager()

    class Meta:
        verbose_name = _("Person")
        verbose_name_plural = _("Personen")
        ordering = ["sort_name"]
        indexes = [models.Index(fields=["sort_name"])]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.sort_name = person_sort_name(self.family_name, self.given_name)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and {"family_name", "given_name"} & set(update_fields):
            kwargs["update_fields"] = {*update_fields, "sort_name"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("council:person", args=[self.pk])

    @property
    def name(self):
        return " ".join(part for part in (self.title, self.given_name, self.family_name) if part)

    @property
    def formal_name(self):
        """As in a letter's address: "Frau Katrin Lasser"."""
        return " ".join(part for part in (self.form_of_address, self.name) if part)


class Role(models.TextChoices):
    CHAIR = "chair", _("Vorsitz")
    DEPUTY_CHAIR = "deputy_chair", _("stellv. Vorsitz")
    MEMBER = "member", _("Mitglied")
    ADVISORY_MEMBER = "advisory_member", _("beratendes Mitglied")
    EXPERT_CITIZEN = "expert_citizen", _("sachkundige/r Bürger/in")
    FACTION_CHAIR = "faction_chair", _("Fraktionsvorsitz")
    FACTION_STAFF = "faction_staff", _("Fraktionsgeschäftsstelle")


# Roles that are a mandate (public); the rest are staff positions (never public).
MANDATE_ROLES = [
    Role.CHAIR,
    Role.DEPUTY_CHAIR,
    Role.MEMBER,
    Role.ADVISORY_MEMBER,
    Role.EXPERT_CITIZEN,
    Role.FACTION_CHAIR,
]


class Membership(Record):
    """OParl Membership: who sits where, in which role, for which faction, from when to when."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="memberships")
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="memberships"
    )
    role = models.CharField(_("Rolle"), max_length=20, choices=Role, default=Role.MEMBER)
    voting_right = models.BooleanField(_("stimmberechtigt"), default=True)
    on_behalf_of = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="delegated_memberships",
        verbose_name=_("für Fraktion"),
        limit_choices_to={"kind": OrganizationKind.FACTION},
    )
    start_date = models.DateField(_("Beginn"))
    end_date = models.DateField(_("Ende"), null=True, blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("Mitgliedschaft")
        verbose_name_plural = _("Mitgliedschaften")
        ordering = ["organization", "role", "person__sort_name"]
        indexes = [
            models.Index(fields=["organization", "end_date"]),
            models.Index(fields=["person", "end_date"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="membership_end_not_before_start",
            ),
            # One chair at a time: at most one open-ended chair per organization.
            # (Overlaps of closed terms are checked in clean(); an exclusion constraint
            # would need PostgreSQL, and the embedded SQLite must hold the same rules.)
            models.UniqueConstraint(
                fields=["organization"],
                condition=Q(role="chair", end_date__isnull=True),
                name="membership_one_current_chair",
            ),
            models.UniqueConstraint(
                fields=["person", "organization", "role", "start_date"],
                name="membership_unique_start",
            ),
        ]

    def __str__(self):
        return f"{self.person} – {self.get_role_display()} – {self.organization.short_name}"

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.role == Role.CHAIR and self.organization_id and self.start_date:
            overlapping = (
                Membership.objects.filter(organization_id=self.organization_id, role=Role.CHAIR)
                .exclude(pk=self.pk)
                .overlapping(self.start_date, self.end_date)
            )
            if overlapping.exists():
                raise ValidationError(
                    _("Für diesen Zeitraum ist bereits ein Vorsitz eingetragen."), code="two_chairs"
                )

    def is_active(self, on=None):
        on = on or timezone.localdate()
        return self.start_date <= on and (self.end_date is None or self.end_date >= on)


class Location(Record):
    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="locations")
    description = models.CharField(_("Bezeichnung"), max_length=200)
    room = models.CharField(_("Raum"), max_length=100, blank=True)
    street_address = models.CharField(_("Straße und Hausnummer"), max_length=200, blank=True)
    postal_code = models.CharField(_("PLZ"), max_length=10, blank=True)
    locality = models.CharField(_("Ort"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("Ort")
        verbose_name_plural = _("Orte")
        constraints = [
            models.UniqueConstraint(fields=["body", "description", "room"], name="location_unique")
        ]

    def __str__(self):
        return ", ".join(part for part in (self.description, self.room) if part)

    @property
    def address(self):
        town = " ".join(part for part in (self.postal_code, self.locality) if part)
        return ", ".join(part for part in (self.street_address, town) if part)


class MeetingState(models.TextChoices):
    SCHEDULED = "scheduled", _("terminiert")
    INVITED = "invited", _("eingeladen")
    HELD = "held", _("durchgeführt")
    CANCELLED = "cancelled", _("abgesagt")


class Meeting(Record):
    """OParl Meeting: a sitting of one (rarely several joint) organization(s)."""

    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="meetings")
    organizations = models.ManyToManyField(
        Organization, related_name="meetings", verbose_name=_("Gremien")
    )
    name = models.CharField(_("Bezeichnung"), max_length=200)
    start = models.DateTimeField(_("Beginn"))
    end = models.DateTimeField(_("Ende"), null=True, blank=True)
    location = models.ForeignKey(
        Location,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meetings",
        verbose_name=_("Ort"),
    )
    state = models.CharField(
        _("Status"), max_length=20, choices=MeetingState, default=MeetingState.SCHEDULED
    )

    objects = MeetingQuerySet.as_manager()

    class Meta:
        verbose_name = _("Sitzung")
        verbose_name_plural = _("Sitzungen")
        ordering = ["start"]
        indexes = [models.Index(fields=["body", "start"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=models.F("start")),
                name="meeting_end_not_before_start",
            ),
        ]

    def __str__(self):
        local = timezone.localtime(self.start)
        return f"{self.name}, {local:%d.%m.%Y}"

    def get_absolute_url(self):
        return reverse("council:meeting", args=[self.pk])

    @property
    def cancelled(self):
        return self.state == MeetingState.CANCELLED


class AgendaResult(models.TextChoices):
    ADOPTED = "adopted", _("beschlossen")
    ADOPTED_AMENDED = "adopted_amended", _("geändert beschlossen")
    REJECTED = "rejected", _("abgelehnt")
    REFERRED = "referred", _("verwiesen")
    POSTPONED = "postponed", _("vertagt")
    WITHDRAWN = "withdrawn", _("zurückgezogen")
    TAKEN_NOTE = "taken_note", _("zur Kenntnis genommen")


class AgendaItem(Record):
    """OParl AgendaItem. A non-public item's title is shown only to the entitled."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda_items")
    order = models.PositiveIntegerField(_("Reihenfolge"))
    number = models.CharField(_("TOP"), max_length=20, help_text=_("z. B. „Ö 5.1“ oder „N 2“"))
    title = models.CharField(_("Titel"), max_length=500)
    public = models.BooleanField(_("öffentlich"), default=True)
    result = models.CharField(_("Ergebnis"), max_length=20, choices=AgendaResult, blank=True)
    resolution_text = models.TextField(_("Beschlusstext"), blank=True)

    objects = AgendaItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("Tagesordnungspunkt")
        verbose_name_plural = _("Tagesordnungspunkte")
        ordering = ["meeting", "order"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "order"], name="agendaitem_unique_order"),
            models.UniqueConstraint(fields=["meeting", "number"], name="agendaitem_unique_number"),
        ]

    def __str__(self):
        # Never the title of a non-public item: __str__ ends up in logs and messages.
        return f"{self.number} {self.title if self.public else _('(nicht öffentlich)')}"

    def get_absolute_url(self):
        return f"{self.meeting.get_absolute_url()}#top-{self.pk}"
