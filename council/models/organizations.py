"""Who is who: the council, committees, factions and administration units, their people and
seats, and the places where they meet."""

import unicodedata

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from council.models.body import Body, LegislativeTerm, Record
from council.querysets import MembershipQuerySet, OrganizationQuerySet, PersonQuerySet


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
    # Which committees an administration unit works for: it reads their non-public papers and
    # items (least privilege: not those of every committee).
    serves = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="served_by",
        verbose_name=_("zuständig für (Gremien)"),
        limit_choices_to={"kind__in": ["council", "committee", "other"]},
        help_text=_(
            "Nur für Verwaltungseinheiten: die Gremien, deren nicht öffentliche Unterlagen die "
            "Einheit lesen darf."
        ),
    )

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
    UNIT_HEAD = "unit_head", _("Leitung (Verwaltung)")


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
