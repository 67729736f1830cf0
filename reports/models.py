"""The administration's side of the thread: what a committee asked it to report on, and the
report that answers, question by question, until it is presented in a meeting."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from council.deadlines import AnsweredByDueDate
from reports.querysets import ReportQuerySet, ReportRequestQuerySet


class ReportForm(models.TextChoices):
    WRITTEN = "written", _("schriftlich")
    ORAL = "oral", _("mündlich")
    WRITTEN_AND_ORAL = "written_and_oral", _("schriftlich und mündlich")


class ReportRequest(AnsweredByDueDate, models.Model):
    """Berichtsauftrag: a unit owes a report on a paper, in a form, by a date or meeting."""

    paper = models.ForeignKey(
        "motions.Paper", on_delete=models.PROTECT, related_name="report_requests"
    )
    unit = models.ForeignKey(
        "council.Organization",
        on_delete=models.PROTECT,
        related_name="report_requests",
        limit_choices_to={"kind": "administration"},
        verbose_name=_("berichtende Verwaltungseinheit"),
    )
    form = models.CharField(
        _("Form"), max_length=20, choices=ReportForm, default=ReportForm.WRITTEN
    )
    due_date = models.DateField(_("fällig am"))
    due_meeting = models.ForeignKey(
        "council.Meeting",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("zur Sitzung"),
    )
    interim = models.BooleanField(_("Zwischenbericht"), default=False)
    requested_at = models.DateTimeField(_("angefordert am"), default=timezone.now)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_report_requests",
        verbose_name=_("bearbeitet von"),
    )
    # When the report was published: the request is answered from then on.
    answered_at = models.DateTimeField(_("beantwortet am"), null=True, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    modified = models.DateTimeField(auto_now=True)

    objects = ReportRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("Berichtsauftrag")
        verbose_name_plural = _("Berichtsaufträge")
        ordering = ["due_date", "pk"]
        indexes = [
            models.Index(fields=["unit", "answered_at", "due_date"]),
            models.Index(fields=["paper", "answered_at"]),
        ]

    def __str__(self):
        return f"{self.paper.reference}: {self.unit.short_name}, {self.due_date:%d.%m.%Y}"

    def get_absolute_url(self):
        return reverse("reports:request", args=[self.pk])


class RequestQuestion(models.Model):
    """A question the report must answer: taken over from the motion, editable."""

    request = models.ForeignKey(ReportRequest, on_delete=models.CASCADE, related_name="questions")
    order = models.PositiveSmallIntegerField()
    text = models.TextField(_("Frage"))

    class Meta:
        verbose_name = _("Frage des Berichtsauftrags")
        verbose_name_plural = _("Fragen des Berichtsauftrags")
        ordering = ["order"]
        constraints = [
            models.UniqueConstraint(fields=["request", "order"], name="requestquestion_order"),
            models.CheckConstraint(condition=~Q(text=""), name="requestquestion_not_empty"),
        ]

    def __str__(self):
        return f"{self.order}. {self.text[:60]}"


class ReportState(models.TextChoices):
    DRAFT = "draft", _("Entwurf")
    RELEASED = "released", _("freigegeben")
    PUBLISHED = "published", _("veröffentlicht")
    PRESENTED = "presented", _("vorgetragen")


class Report(models.Model):
    """Mitteilung / Bericht der Verwaltung: the answer to a request, point by point."""

    request = models.OneToOneField(ReportRequest, on_delete=models.PROTECT, related_name="report")
    body = models.ForeignKey("council.Body", on_delete=models.PROTECT, related_name="+")
    # NULL until released, so that drafts do not collide in the unique constraint.
    reference = models.CharField(  # noqa: DJ001
        _("Nummer"), max_length=40, null=True, blank=True, editable=False
    )
    title = models.CharField(_("Titel"), max_length=300)
    introduction = models.TextField(_("Einleitung"), blank=True)
    conclusion = models.TextField(_("Schluss"), blank=True)
    oral_summary = models.TextField(
        _("Zusammenfassung des mündlichen Berichts"),
        blank=True,
        help_text=_("Für einen nur mündlichen Bericht: was in der Sitzung berichtet wurde."),
    )
    state = models.CharField(
        _("Stand"), max_length=20, choices=ReportState, default=ReportState.DRAFT, editable=False
    )
    # Public unless the paper or the item it is presented at is not (set when published).
    is_public = models.BooleanField(_("öffentlich"), default=False, editable=False)
    released_at = models.DateTimeField(null=True, blank=True, editable=False)
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    published_at = models.DateTimeField(_("veröffentlicht am"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    # Published although questions stayed unanswered: why.
    unanswered_reason = models.TextField(blank=True, editable=False)
    presented_at = models.DateTimeField(null=True, blank=True, editable=False)
    presented_item = models.ForeignKey(
        "council.AgendaItem",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("vorgetragen zu"),
    )
    created = models.DateTimeField(auto_now_add=True)
    modified = models.DateTimeField(auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    objects = ReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("Bericht der Verwaltung")
        verbose_name_plural = _("Berichte der Verwaltung")
        ordering = ["-published_at", "-pk"]
        indexes = [models.Index(fields=["is_public", "published_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["body", "reference"],
                condition=Q(reference__isnull=False),
                name="report_unique_reference",
            ),
            models.CheckConstraint(
                condition=Q(state="draft") | Q(reference__isnull=False, released_at__isnull=False),
                name="report_released_has_reference",
            ),
            models.CheckConstraint(
                condition=~Q(state__in=["published", "presented"]) | Q(published_at__isnull=False),
                name="report_published_has_time",
            ),
            models.CheckConstraint(
                condition=Q(is_public=False) | Q(state__in=["published", "presented"]),
                name="report_public_only_when_published",
            ),
        ]

    def __str__(self):
        return f"{self.reference or _('Entwurf')}: {self.title}"

    def get_absolute_url(self):
        return reverse("reports:detail", args=[self.pk])

    @property
    def is_draft(self):
        return self.state == ReportState.DRAFT

    @property
    def is_published(self):
        return self.state in (ReportState.PUBLISHED, ReportState.PRESENTED)


class Answer(models.Model):
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(RequestQuestion, on_delete=models.CASCADE, related_name="answers")
    text = models.TextField(_("Antwort"), blank=True)

    class Meta:
        verbose_name = _("Antwort")
        verbose_name_plural = _("Antworten")
        ordering = ["question__order"]
        constraints = [
            models.UniqueConstraint(fields=["report", "question"], name="answer_one_per_question")
        ]

    def __str__(self):
        return f"{self.question.order}: {self.text[:60]}"


def attachment_path(instance, filename):
    return f"reports/{instance.report_id}/{filename}"


class ReportAttachment(models.Model):
    """A file of the report. Served only through a view that checks visibility."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="attachments")
    title = models.CharField(_("Bezeichnung"), max_length=200)
    file = models.FileField(_("Datei"), upload_to=attachment_path)
    content_type = models.CharField(max_length=100, editable=False)
    size = models.PositiveIntegerField(editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", editable=False
    )
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Anlage des Berichts")
        verbose_name_plural = _("Anlagen des Berichts")
        ordering = ["pk"]

    def __str__(self):
        return self.title


def version_pdf_path(instance, filename):
    return f"reports/{instance.report_id}/{filename}"


class ReportVersion(models.Model):
    """A published state of the report, kept whole: corrections stay visible."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField()
    published_at = models.DateTimeField()
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    note = models.TextField(_("Was wurde geändert?"), blank=True)
    # {"title", "introduction", "answers": [{"question", "text"}], "conclusion"}
    content = models.JSONField()
    # The version as a PDF for the public, rendered on first request and kept.
    pdf = models.FileField(upload_to=version_pdf_path, blank=True, editable=False)

    class Meta:
        verbose_name = _("Fassung des Berichts")
        verbose_name_plural = _("Fassungen des Berichts")
        ordering = ["report", "number"]
        constraints = [
            models.UniqueConstraint(fields=["report", "number"], name="reportversion_unique")
        ]

    def __str__(self):
        return f"{self.report} – {self.number}"


class ReminderKind(models.TextChoices):
    DUE_SOON = "due_soon", _("Frist naht")
    OVERDUE = "overdue", _("überfällig")
    OFFICE_OVERDUE = "office_overdue", _("überfällig (Sitzungsdienst)")


class Reminder(models.Model):
    """A reminder sent, once: the row is claimed before the mail is queued."""

    request = models.ForeignKey(ReportRequest, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(max_length=20, choices=ReminderKind)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Erinnerung")
        verbose_name_plural = _("Erinnerungen")
        constraints = [models.UniqueConstraint(fields=["request", "kind"], name="reminder_once")]

    def __str__(self):
        return f"{self.request}: {self.get_kind_display()}"
