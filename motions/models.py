"""The factions' papers: motions, inquiries and amendments, and the thread each one follows."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from motions.querysets import PaperQuerySet
from motions.validators import check_reference_pattern, reference_skeleton


class PaperType(models.TextChoices):
    MOTION = "motion", _("Antrag")
    INQUIRY = "inquiry", _("Anfrage")
    AMENDMENT = "amendment", _("Änderungsantrag")


# OParl paperType, and the reference pattern used when a body has configured none.
OPARL_PAPER_TYPE = {
    PaperType.MOTION: "Antrag",
    PaperType.INQUIRY: "Anfrage",
    PaperType.AMENDMENT: "Änderungsantrag",
}
# What the numbering service numbers: the factions' papers, and the administration's reports
# (Mitteilungen, OParl paperType "Bericht"), which the reports app keeps.
NUMBERED_KINDS = [*PaperType.choices, ("report", _("Bericht der Verwaltung"))]
DEFAULT_REFERENCE_PATTERN = {
    PaperType.MOTION: "A/{year}/{number:04d}",
    PaperType.INQUIRY: "AF/{year}/{number:04d}",
    PaperType.AMENDMENT: "ÄA/{year}/{number:04d}",
    "report": "M/{year}/{number:04d}",
}


class PaperState(models.TextChoices):
    DRAFT = "draft", _("Entwurf")
    SUBMITTED = "submitted", _("eingereicht")
    SCHEDULED = "scheduled", _("auf der Tagesordnung")
    DECIDED = "decided", _("entschieden")
    REPORT_REQUESTED = "report_requested", _("Bericht angefordert")
    REPORT_RECEIVED = "report_received", _("Bericht liegt vor")
    CLOSED = "closed", _("erledigt")
    WITHDRAWN = "withdrawn", _("zurückgezogen")
    # History taken over from another council system: read-only, no step leads out of it.
    IMPORTED = "imported", _("übernommen")


# States in which a paper has not been decided yet: it may still be withdrawn.
UNDECIDED_STATES = [PaperState.DRAFT, PaperState.SUBMITTED, PaperState.SCHEDULED]

# States in which no answer is owed, whatever due date a paper carries: not filed, withdrawn,
# closed, or imported (another system's history, whose deadlines ran there).
ANSWER_NOT_OWED_STATES = [
    PaperState.DRAFT,
    PaperState.WITHDRAWN,
    PaperState.CLOSED,
    PaperState.IMPORTED,
]


# What a committee decided on a paper. A referral to another committee is no outcome: the paper
# waits for that committee (see services.refer).
class Outcome(models.TextChoices):
    ADOPTED = "adopted", _("beschlossen")
    ADOPTED_AMENDED = "adopted_amended", _("geändert beschlossen")
    REJECTED = "rejected", _("abgelehnt")
    TAKEN_NOTE = "taken_note", _("zur Kenntnis genommen")


class ReportKind(models.TextChoices):
    NONE = "none", _("kein Bericht")
    WRITTEN = "written", _("schriftlich")
    ORAL = "oral", _("mündlich")
    WRITTEN_AND_ORAL = "written_and_oral", _("schriftlich und mündlich")


class TransitionNotAllowed(Exception):
    """A lifecycle step that the paper's current state does not permit."""


def letter_pdf_path(instance, filename):
    return f"letters/{instance.pk}/{filename}"


class Paper(models.Model):
    """OParl Paper of a faction: every part of a motion letter, and where it stands."""

    body = models.ForeignKey("council.Body", on_delete=models.PROTECT, related_name="papers")
    paper_type = models.CharField(
        _("Art"), max_length=20, choices=PaperType, default=PaperType.MOTION
    )
    # NULL until submission, so that drafts do not collide in the unique constraint.
    reference = models.CharField(  # noqa: DJ001
        _("Drucksachennummer"), max_length=40, null=True, blank=True, editable=False
    )
    state = models.CharField(
        _("Stand"), max_length=20, choices=PaperState, default=PaperState.DRAFT, editable=False
    )
    outcome = models.CharField(
        _("Ergebnis"), max_length=20, choices=Outcome, blank=True, editable=False
    )
    # Where the outcome was decided: the outcome is as open as this item (see with_disclosure).
    decision_item = models.ForeignKey(
        "council.AgendaItem",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    # The paper type as the system it was taken over from called it ("Beschlussvorlage", …).
    source_type = models.CharField(
        _("Art laut Herkunftssystem"), max_length=100, blank=True, editable=False
    )
    is_public = models.BooleanField(
        _("öffentlich"),
        default=True,
        help_text=_(
            "Nicht öffentliche Drucksachen sehen nur Berechtigte (z. B. Grundstücksfragen)."
        ),
    )

    # The letter.
    title = models.CharField(_("Betreff"), max_length=300)
    place = models.CharField(_("Ort"), max_length=100, blank=True)
    letter_date = models.DateField(_("Datum des Schreibens"), null=True, blank=True)
    committee = models.ForeignKey(
        "council.Organization",
        on_delete=models.PROTECT,
        related_name="papers",
        verbose_name=_("Adressiertes Gremium"),
    )
    addressee = models.ForeignKey(
        "council.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Vorsitz (bei Einreichung)"),
        help_text=_("Wird bei der Einreichung aus dem Vorsitz des Gremiums übernommen."),
    )
    request_text = models.TextField(
        _("Bitte um Behandlung"),
        blank=True,
        help_text=_(
            "z. B. „wir bitten Sie, nachfolgenden Antrag in der nächsten Sitzung … behandeln zu lassen:“"
        ),
    )
    proposed_resolution = models.TextField(_("Beschlussvorschlag"), blank=True)
    questions_intro = models.CharField(
        _("Einleitung der Fragen"),
        max_length=300,
        blank=True,
        help_text=_("z. B. „Daher soll insbesondere auf folgende Aspekte eingegangen werden:“"),
    )
    justification = models.TextField(_("Begründung"), blank=True)
    closing = models.CharField(_("Grußformel"), max_length=100, default="Mit freundlichen Grüßen")
    report_kind = models.CharField(
        _("Erbetener Bericht"), max_length=20, choices=ReportKind, default=ReportKind.NONE
    )
    report_meeting = models.ForeignKey(
        "council.Meeting",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Bericht erbeten zur Sitzung"),
    )
    target_meeting = models.ForeignKey(
        "council.Meeting",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="targeted_papers",
        verbose_name=_("Behandlung gewünscht in Sitzung"),
    )
    amends = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="amendments",
        verbose_name=_("ändert Antrag"),
    )
    amends_agenda_item = models.ForeignKey(
        "council.AgendaItem",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ändert Tagesordnungspunkt"),
    )

    # Filing.
    filing_deadline = models.DateTimeField(_("Antragsfrist"), null=True, blank=True, editable=False)
    submitted_at = models.DateTimeField(_("eingereicht am"), null=True, blank=True, editable=False)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    late = models.BooleanField(_("verspätet"), default=False, editable=False)
    urgent = models.BooleanField(_("Dringlichkeitsantrag"), default=False)
    urgency_reason = models.TextField(_("Begründung der Dringlichkeit"), blank=True)
    # Letters that arrive on paper or by e-mail are entered by the council office.
    entered_on_behalf = models.BooleanField(_("vom Sitzungsdienst erfasst"), default=False)
    received_on = models.DateField(
        _("Eingang des Schreibens"),
        null=True,
        blank=True,
        help_text=_("Zählt für die Antragsfrist, wenn der Sitzungsdienst ein Schreiben erfasst."),
    )

    # Where the administration's answer stands, as the paper shows it (the reports app keeps the
    # requests and reports themselves): the date the next answer is owed by — an inquiry's answer
    # date from its filing on, else the earliest open report request's — and when it came.
    report_due = models.DateField(_("Bericht fällig am"), null=True, blank=True, editable=False)
    report_received_at = models.DateTimeField(
        _("Bericht eingegangen am"), null=True, blank=True, editable=False
    )

    # The public letter as a PDF, rendered once per version of its text (motions/letters.py).
    letter_pdf = models.FileField(upload_to=letter_pdf_path, blank=True, editable=False)

    created = models.DateTimeField(_("angelegt"), auto_now_add=True)
    modified = models.DateTimeField(_("geändert"), auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", editable=False
    )

    objects = PaperQuerySet.as_manager()

    class Meta:
        verbose_name = _("Drucksache")
        verbose_name_plural = _("Drucksachen")
        ordering = ["-submitted_at", "-created"]
        indexes = [
            models.Index(fields=["body", "state"]),
            models.Index(fields=["committee", "state"]),
            # The register's keyset pages, newest first (see council.pagination).
            models.Index(fields=["submitted_at", "id"], name="paper_register_order"),
            # The register's filter "Bericht offen / überfällig": the few papers still owed.
            models.Index(
                fields=["report_due"],
                condition=Q(report_received_at__isnull=True, report_due__isnull=False),
                name="paper_answer_owed",
            ),
            # "Unsere Anträge" orders all of a faction's papers (the office's: all papers) by what
            # needs attention (with_attention): with every column of that order in the index,
            # PostgreSQL reads the index alone instead of the wide table.
            models.Index(
                fields=[
                    "body",
                    "state",
                    "report_due",
                    "report_received_at",
                    "filing_deadline",
                    "modified",
                    "id",
                ],
                name="paper_worklist",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["body", "reference"],
                condition=Q(reference__isnull=False),
                name="paper_unique_reference",
            ),
            models.CheckConstraint(
                condition=Q(state=PaperState.DRAFT)
                | Q(submitted_at__isnull=False, reference__isnull=False)
                | Q(state=PaperState.WITHDRAWN, submitted_at__isnull=True),
                name="paper_submitted_has_time_and_reference",
            ),
            models.CheckConstraint(
                condition=~Q(state__in=[*UNDECIDED_STATES, PaperState.WITHDRAWN]) | Q(outcome=""),
                name="paper_undecided_has_no_outcome",
            ),
            models.CheckConstraint(
                condition=~Q(state=PaperState.DECIDED) | ~Q(outcome=""),
                name="paper_decided_has_outcome",
            ),
            models.CheckConstraint(
                condition=~Q(state=PaperState.REPORT_REQUESTED) | Q(report_due__isnull=False),
                name="paper_report_requested_has_due_date",
            ),
            models.CheckConstraint(
                condition=Q(urgent=False) | ~Q(urgency_reason=""),
                name="paper_urgent_has_reason",
            ),
            models.CheckConstraint(
                condition=Q(entered_on_behalf=False) | Q(received_on__isnull=False),
                name="paper_letter_entered_has_receipt_date",
            ),
        ]

    def __str__(self):
        return f"{self.reference or _('Entwurf')}: {self.title}"

    def get_absolute_url(self):
        return reverse("motions:detail", args=[self.pk])

    @property
    def is_draft(self):
        return self.state == PaperState.DRAFT

    @property
    def oparl_type(self):
        """OParl's paperType: for an imported paper, the type its own system gave it."""
        return self.source_type or OPARL_PAPER_TYPE[self.paper_type]

    @property
    def type_label(self):
        """The paper's type as readers see it: for an imported paper, the type its own system
        gave it ("Beschlussvorlage"), which Ratsfaden counts as a motion."""
        return self.source_type or self.get_paper_type_display()

    def require_state(self, *states):
        if self.state not in states:
            raise TransitionNotAllowed(
                _("Dieser Schritt ist im Stand „%(state)s“ nicht möglich.")
                % {"state": self.get_state_display()}
            )

    @property
    def answer_owed(self):
        """Whether the administration still owes an answer with a due date: a requested report,
        or an inquiry, whose answer period runs from its filing."""
        return (
            self.report_due is not None
            and self.report_received_at is None
            and self.state not in ANSWER_NOT_OWED_STATES
        )

    @property
    def report_overdue(self):
        return self.answer_owed and self.report_due < timezone.localdate()

    @property
    def report_status(self):
        """A line for lists: has the administration answered, and on time?"""
        if self.answer_owed:
            if self.report_overdue:
                return _("überfällig")
            return _("angefordert") if self.state == PaperState.REPORT_REQUESTED else _("offen")
        if self.report_received_at:
            on_time = (
                self.report_due is None
                or timezone.localdate(self.report_received_at) <= self.report_due
            )
            return _("eingegangen (fristgerecht)") if on_time else _("eingegangen (verspätet)")
        return ""


class Sponsorship(models.Model):
    """An originating faction. A joint paper has several; each must agree before submission."""

    paper = models.ForeignKey(Paper, on_delete=models.CASCADE, related_name="sponsorships")
    faction = models.ForeignKey(
        "council.Organization",
        on_delete=models.PROTECT,
        related_name="sponsorships",
        limit_choices_to={"kind": "faction"},
    )
    is_lead = models.BooleanField(_("federführend"), default=False)
    agreed_at = models.DateTimeField(_("zugestimmt am"), null=True, blank=True)
    agreed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("Antragstellende Fraktion")
        verbose_name_plural = _("Antragstellende Fraktionen")
        ordering = ["-is_lead", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["paper", "faction"], name="sponsorship_unique"),
            models.UniqueConstraint(
                fields=["paper"], condition=Q(is_lead=True), name="sponsorship_one_lead"
            ),
            models.CheckConstraint(
                condition=Q(agreed_at__isnull=True) | Q(agreed_by__isnull=False),
                name="sponsorship_agreement_has_author",
            ),
        ]

    def __str__(self):
        return f"{self.faction} – {self.paper}"


class Signatory(models.Model):
    """A person who signs the letter, with the function line printed under the name."""

    paper = models.ForeignKey(Paper, on_delete=models.CASCADE, related_name="signatories")
    person = models.ForeignKey("council.Person", on_delete=models.PROTECT, related_name="+")
    function = models.CharField(
        _("Funktion"),
        max_length=200,
        blank=True,
        help_text=_("z. B. „Vorsitzender der SPD-Ratsfraktion“"),
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("Unterzeichner/in")
        verbose_name_plural = _("Unterzeichnende")
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["paper", "person"], name="signatory_unique"),
        ]

    def __str__(self):
        return str(self.person)


class Question(models.Model):
    """One numbered question or aspect the administration is asked to address."""

    paper = models.ForeignKey(Paper, on_delete=models.CASCADE, related_name="questions")
    order = models.PositiveSmallIntegerField()
    text = models.TextField(_("Frage oder Aspekt"))

    class Meta:
        verbose_name = _("Frage")
        verbose_name_plural = _("Fragen")
        ordering = ["order"]
        constraints = [
            models.UniqueConstraint(fields=["paper", "order"], name="question_unique_order"),
            models.CheckConstraint(condition=~Q(text=""), name="question_not_empty"),
        ]

    def __str__(self):
        return f"{self.order}. {self.text[:60]}"


class AttachmentKind(models.TextChoices):
    ATTACHMENT = "attachment", _("Anlage")
    ORIGINAL_LETTER = "original_letter", _("Originalschreiben")


def attachment_path(instance, filename):
    return f"papers/{instance.paper_id}/{filename}"


class Attachment(models.Model):
    """OParl File of a paper. Served only through a view that checks visibility."""

    paper = models.ForeignKey(Paper, on_delete=models.CASCADE, related_name="attachments")
    kind = models.CharField(
        _("Art"), max_length=20, choices=AttachmentKind, default=AttachmentKind.ATTACHMENT
    )
    title = models.CharField(_("Bezeichnung"), max_length=200)
    file = models.FileField(_("Datei"), upload_to=attachment_path)
    content_type = models.CharField(max_length=100, editable=False)
    size = models.PositiveIntegerField(editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", editable=False
    )
    created = models.DateTimeField(auto_now_add=True)
    modified = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("Anlage")
        verbose_name_plural = _("Anlagen")
        ordering = ["kind", "pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("motions:attachment", args=[self.paper_id, self.pk])


class Consultation(models.Model):
    """OParl Consultation: one step of the paper's consultation sequence. Planned, it names only
    the committee and its role; scheduled, also the meeting and the agenda item."""

    class Role(models.TextChoices):
        PRELIMINARY = "preliminary", _("Vorberatung")
        DECISION = "decision", _("Entscheidung")
        NOTICE = "notice", _("Kenntnisnahme")

    paper = models.ForeignKey(Paper, on_delete=models.CASCADE, related_name="consultations")
    position = models.PositiveSmallIntegerField(_("Position in der Beratungsfolge"), default=1)
    meeting = models.ForeignKey(
        "council.Meeting",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="consultations",
    )
    agenda_item = models.OneToOneField(
        "council.AgendaItem",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="consultation",
    )
    organization = models.ForeignKey(
        "council.Organization", on_delete=models.PROTECT, related_name="consultations"
    )
    role = models.CharField(_("Rolle"), max_length=20, choices=Role, default=Role.DECISION)
    # OParl: whether the paper is decided in this consultation. Preliminary consultations
    # recommend; taking note decides nothing, though it may end the paper's route.
    authoritative = models.BooleanField(_("entscheidend"), default=True)
    created = models.DateTimeField(auto_now_add=True)
    modified = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("Beratung")
        verbose_name_plural = _("Beratungsfolge")
        ordering = ["position", "pk"]
        indexes = [models.Index(fields=["organization", "meeting"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(meeting__isnull=True, agenda_item__isnull=True)
                | Q(meeting__isnull=False, agenda_item__isnull=False),
                name="consultation_scheduled_has_meeting_and_item",
            ),
            models.CheckConstraint(
                condition=Q(authoritative=False) | Q(role="decision"),
                name="consultation_only_decision_is_authoritative",
            ),
        ]

    def __str__(self):
        return f"{self.paper} – {self.meeting or self.organization}"

    @property
    def is_planned(self):
        return self.meeting_id is None


class Action(models.TextChoices):
    CREATED = "created", _("Entwurf angelegt")
    EDITED = "edited", _("bearbeitet")
    AGREED = "agreed", _("Mitantragstellung bestätigt")
    SUBMITTED = "submitted", _("eingereicht")
    SCHEDULED = "scheduled", _("auf die Tagesordnung gesetzt")
    UNSCHEDULED = "unscheduled", _("von der Tagesordnung genommen")
    POSTPONED = "postponed", _("vertagt")
    REFERRED = "referred", _("verwiesen")
    DECIDED = "decided", _("entschieden")
    RECOMMENDED = "recommended", _("Beschlussempfehlung (Vorberatung)")
    TAKEN_NOTE = "taken_note", _("zur Kenntnis genommen")
    REPORT_REQUESTED = "report_requested", _("Bericht angefordert")
    REPORT_RECEIVED = "report_received", _("Bericht eingegangen")
    CLOSED = "closed", _("erledigt")
    WITHDRAWN = "withdrawn", _("zurückgezogen")


# Steps of the draft phase are internal to the factions; the rest is the public record.
INTERNAL_ACTIONS = [Action.CREATED, Action.EDITED, Action.AGREED]


class TimelineEntry(models.Model):
    """Who did what to a paper, and when. Written only by the services, never edited."""

    paper = models.ForeignKey(Paper, on_delete=models.CASCADE, related_name="timeline")
    at = models.DateTimeField(default=timezone.now)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    action = models.CharField(max_length=20, choices=Action)
    from_state = models.CharField(max_length=20, choices=PaperState, blank=True)
    to_state = models.CharField(max_length=20, choices=PaperState, blank=True)
    comment = models.TextField(blank=True)
    # The agenda item a step took place at: the entry is as open as that item (a decision taken
    # in a non-public item is not told in the public history).
    # A paper taken off an unpublished agenda takes its item along; the entry stays, untold.
    agenda_item = models.ForeignKey(
        "council.AgendaItem",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("Verlaufseintrag")
        verbose_name_plural = _("Verlauf")
        ordering = ["at", "pk"]
        indexes = [models.Index(fields=["paper", "at"])]

    def __str__(self):
        return f"{self.at:%d.%m.%Y %H:%M} {self.get_action_display()}"

    @property
    def is_internal(self):
        return self.action in INTERNAL_ACTIONS


class ReferenceCounter(models.Model):
    """The last number given per body, paper type and year. Locked while a number is taken."""

    body = models.ForeignKey("council.Body", on_delete=models.CASCADE, related_name="+")
    paper_type = models.CharField(max_length=20, choices=NUMBERED_KINDS)
    year = models.PositiveSmallIntegerField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["body", "paper_type", "year"], name="referencecounter_unique"
            ),
        ]

    def __str__(self):
        return f"{self.paper_type} {self.year}: {self.last_number}"


validate_reference_pattern = RegexValidator(
    r"^[^{}]*(\{(year|number(:0?\d+d)?)\}[^{}]*)*$",
    _("Erlaubt sind nur die Platzhalter {year} und {number} (z. B. {number:04d})."),
)


class ReferencePattern(models.Model):
    """How a body numbers a paper type, e.g. "A/{year}/{number:04d}" → A/2026/0042."""

    body = models.ForeignKey("council.Body", on_delete=models.CASCADE, related_name="+")
    paper_type = models.CharField(_("Art"), max_length=20, choices=NUMBERED_KINDS)
    pattern = models.CharField(
        _("Muster"),
        max_length=60,
        validators=[validate_reference_pattern],
        help_text=_("Platzhalter: {year} und {number}, z. B. „A/{year}/{number:04d}“."),
    )

    class Meta:
        verbose_name = _("Nummernkreis")
        verbose_name_plural = _("Nummernkreise")
        constraints = [
            models.UniqueConstraint(fields=["body", "paper_type"], name="referencepattern_unique"),
        ]

    def __str__(self):
        return f"{self.get_paper_type_display()}: {self.pattern}"

    def clean(self):
        super().clean()
        max_length = Paper._meta.get_field("reference").max_length
        try:
            check_reference_pattern(self.pattern, max_length=max_length)
        except ValidationError as error:
            raise ValidationError({"pattern": error}) from None
        # References are unique within a body across all paper types.
        for paper_type, pattern in self._patterns_of_other_types().items():
            if reference_skeleton(pattern) == reference_skeleton(self.pattern):
                raise ValidationError(
                    {
                        "pattern": ValidationError(
                            _("Dieses Muster ergibt dieselben Nummern wie das für „%(type)s“.")
                            % {"type": PaperType(paper_type).label},
                            code="same_as_other_type",
                        )
                    }
                )

    def _patterns_of_other_types(self):
        """The patterns the body's other paper types number by, configured or by default."""
        if self.body_id is None:
            return {}
        configured = ReferencePattern.objects.filter(body_id=self.body_id).exclude(
            paper_type=self.paper_type
        )
        return {
            **{t: p for t, p in DEFAULT_REFERENCE_PATTERN.items() if t != self.paper_type},
            **dict(configured.values_list("paper_type", "pattern")),
        }


class Notification(models.Model):
    """An in-app notice to a user about a paper; also sent by e-mail."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    paper = models.ForeignKey(Paper, on_delete=models.CASCADE, related_name="notifications")
    message = models.CharField(max_length=300)
    created = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("Benachrichtigung")
        verbose_name_plural = _("Benachrichtigungen")
        ordering = ["-created", "-pk"]
        indexes = [models.Index(fields=["recipient", "read_at"])]

    def __str__(self):
        return self.message


def letter_upload_path(instance, filename):
    return f"letters/{filename}"


class LetterUpload(models.Model):
    """A letter read for a new draft: kept until the draft is saved (its file then becomes the
    paper's "Originalschreiben") or, unsaved, for a day (see LetterUpload.remove_stale)."""

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)
    file = models.FileField(upload_to=letter_upload_path, blank=True)
    name = models.CharField(max_length=200, blank=True)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField(default=0)
    text = models.TextField()

    class Meta:
        verbose_name = _("eingelesener Brief")
        verbose_name_plural = _("eingelesene Briefe")
        indexes = [models.Index(fields=["created"])]

    def __str__(self):
        return self.name or _("eingefügter Text")

    @classmethod
    def remove_stale(cls, *, older_than=datetime.timedelta(days=1)):
        """Letters read but never saved as a draft go after a day, files included."""
        stale = cls.objects.filter(created__lt=timezone.now() - older_than)
        for upload in stale:
            upload.discard()

    def discard(self):
        if self.file:
            self.file.delete(save=False)
        self.delete()
