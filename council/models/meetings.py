"""Meetings and their agendas."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from council.models.body import Body, Record
from council.models.organizations import Location, Organization
from council.querysets import AgendaItemQuerySet, MeetingQuerySet


def meeting_pdf_path(instance, filename):
    return f"meetings/{instance.pk}/{filename}"


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
    # The invitation: the agenda is public from its first publication on (see AgendaVersion).
    invited_at = models.DateTimeField(_("eingeladen am"), null=True, blank=True, editable=False)
    # Counts every change to the agenda, so that two people editing it notice each other.
    agenda_revision = models.PositiveIntegerField(default=0, editable=False)
    minutes_released_at = models.DateTimeField(
        _("Niederschrift freigegeben am"), null=True, blank=True, editable=False
    )
    # The public variants of the current agenda and of the released minutes as PDF, rendered
    # once and kept (see council.documents); never a variant with non-public titles.
    agenda_pdf = models.FileField(upload_to=meeting_pdf_path, blank=True, editable=False)
    minutes_pdf = models.FileField(upload_to=meeting_pdf_path, blank=True, editable=False)

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
            models.CheckConstraint(
                condition=~Q(state="invited") | Q(invited_at__isnull=False),
                name="meeting_invited_has_invitation_time",
            ),
            models.CheckConstraint(
                condition=Q(minutes_released_at__isnull=True) | Q(state="held"),
                name="meeting_minutes_only_when_held",
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

    @property
    def invited(self):
        return self.invited_at is not None

    @property
    def has_begun(self):
        return self.start <= timezone.now()


class AgendaResult(models.TextChoices):
    ADOPTED = "adopted", _("beschlossen")
    ADOPTED_AMENDED = "adopted_amended", _("geändert beschlossen")
    REJECTED = "rejected", _("abgelehnt")
    REFERRED = "referred", _("verwiesen")
    POSTPONED = "postponed", _("vertagt")
    WITHDRAWN = "withdrawn", _("zurückgezogen")
    TAKEN_NOTE = "taken_note", _("zur Kenntnis genommen")


class Standing(models.TextChoices):
    """Standing items frame every agenda: the opening ones come first, the closing ones last
    (in the public and in the non-public part); papers go in between."""

    NONE = "", _("Beratungspunkt")
    OPENING = "opening", _("Eröffnung")
    CLOSING = "closing", _("Abschluss")


class AgendaItem(Record):
    """OParl AgendaItem. A non-public item's title is shown only to the entitled; an item of an
    agenda that has not been published yet only to those who prepare the meeting."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda_items")
    order = models.PositiveIntegerField(_("Reihenfolge"))
    number = models.CharField(_("TOP"), max_length=20, help_text=_("z. B. „Ö 5.1“ oder „N 2“"))
    title = models.CharField(_("Titel"), max_length=500)
    public = models.BooleanField(_("öffentlich"), default=True)
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("Unterpunkt von"),
    )
    standing = models.CharField(
        _("Art"), max_length=10, choices=Standing, blank=True, default=Standing.NONE
    )
    # Published with the invitation or a supplement (Nachtrag); its number is fixed from then on.
    published_at = models.DateTimeField(_("veröffentlicht am"), null=True, blank=True)
    result = models.CharField(_("Ergebnis"), max_length=20, choices=AgendaResult, blank=True)
    resolution_text = models.TextField(_("Beschlusstext"), blank=True)
    votes_yes = models.PositiveSmallIntegerField(_("Ja-Stimmen"), null=True, blank=True)
    votes_no = models.PositiveSmallIntegerField(_("Nein-Stimmen"), null=True, blank=True)
    votes_abstain = models.PositiveSmallIntegerField(_("Enthaltungen"), null=True, blank=True)
    unanimous = models.BooleanField(_("einstimmig"), default=False)

    objects = AgendaItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("Tagesordnungspunkt")
        verbose_name_plural = _("Tagesordnungspunkte")
        ordering = ["meeting", "order"]
        indexes = [models.Index(fields=["meeting", "published_at"])]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "order"], name="agendaitem_unique_order"),
            models.UniqueConstraint(fields=["meeting", "number"], name="agendaitem_unique_number"),
            models.CheckConstraint(
                condition=Q(unanimous=False) | Q(votes_no__isnull=True) | Q(votes_no=0),
                name="agendaitem_unanimous_has_no_nays",
            ),
        ]

    def __str__(self):
        # Never the title of a non-public item: __str__ ends up in logs and messages.
        return f"{self.number} {self.title if self.public else _('(nicht öffentlich)')}"

    def get_absolute_url(self):
        return f"{self.meeting.get_absolute_url()}#top-{self.pk}"

    @property
    def has_votes(self):
        return self.unanimous or any(
            v is not None for v in (self.votes_yes, self.votes_no, self.votes_abstain)
        )


class FactionVote(models.Model):
    """How one faction voted on an item, where the minutes record it per faction."""

    agenda_item = models.ForeignKey(
        AgendaItem, on_delete=models.CASCADE, related_name="faction_votes"
    )
    faction = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"kind": "faction"},
    )
    yes = models.PositiveSmallIntegerField(_("Ja"), default=0)
    no = models.PositiveSmallIntegerField(_("Nein"), default=0)
    abstain = models.PositiveSmallIntegerField(_("Enthaltung"), default=0)

    class Meta:
        verbose_name = _("Abstimmung einer Fraktion")
        verbose_name_plural = _("Abstimmungen der Fraktionen")
        ordering = ["faction__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["agenda_item", "faction"], name="factionvote_unique_faction"
            )
        ]

    def __str__(self):
        return f"{self.faction}: {self.yes}/{self.no}/{self.abstain}"


class VersionKind(models.TextChoices):
    INVITATION = "invitation", _("Einladung")
    SUPPLEMENT = "supplement", _("Nachtrag")


def version_pdf_path(instance, filename):
    return f"meetings/{instance.meeting_id}/{filename}"


class AgendaVersion(models.Model):
    """A published state of the agenda, frozen: the invitation, then each supplement."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda_versions")
    number = models.PositiveSmallIntegerField(_("Fassung"))
    kind = models.CharField(_("Art"), max_length=20, choices=VersionKind)
    published_at = models.DateTimeField(_("veröffentlicht am"))
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    # The notice period of the rules of procedure was not kept: why the invitation is late.
    late_reason = models.TextField(_("Begründung der verkürzten Ladungsfrist"), blank=True)
    # The items as published: [{"number", "title", "public", "new"}], in order.
    items = models.JSONField(default=list)
    # The invitation or supplement as the public reads it, as PDF: rendered once and kept.
    pdf = models.FileField(upload_to=version_pdf_path, blank=True, editable=False)

    class Meta:
        verbose_name = _("Fassung der Tagesordnung")
        verbose_name_plural = _("Fassungen der Tagesordnung")
        ordering = ["meeting", "number"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "number"], name="agendaversion_unique"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.number} – {self.meeting}"


class StandingItem(models.Model):
    """The agenda template of a committee: the items every one of its agendas begins or ends with
    (Eröffnung, Feststellung der Tagesordnung, Mitteilungen der Verwaltung, Anfragen, Verschiedenes)."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="standing_items"
    )
    title = models.CharField(_("Titel"), max_length=500)
    public = models.BooleanField(_("öffentlich"), default=True)
    placement = models.CharField(
        _("Stelle"),
        max_length=10,
        choices=[(Standing.OPENING, _("am Anfang")), (Standing.CLOSING, _("am Ende"))],
        default=Standing.OPENING,
    )
    order = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)

    class Meta:
        verbose_name = _("Standardpunkt der Tagesordnung")
        verbose_name_plural = _("Standardpunkte der Tagesordnung")
        ordering = ["organization", "-public", "placement", "order", "pk"]

    def __str__(self):
        return self.title
