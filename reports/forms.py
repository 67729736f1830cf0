"""The shape of the administration's input: a report request, and the report itself."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from council.models import Meeting, MeetingState, Organization
from motions.forms import meeting_label, title_from_file_name
from motions.validators import validate_document
from reports.models import ReportForm


class RequestForm(forms.Form):
    unit = forms.ModelChoiceField(
        label=_("Berichtende Verwaltungseinheit"), queryset=Organization.objects.none()
    )
    form = forms.ChoiceField(label=_("Form"), choices=ReportForm.choices, widget=forms.RadioSelect)
    due_meeting = forms.ModelChoiceField(
        label=_("Bericht zur Sitzung"),
        queryset=Meeting.objects.none(),
        required=False,
        empty_label=_("– keine bestimmte Sitzung –"),
        help_text=_("Ohne eigenes Datum ist der Bericht zum Sitzungstag fällig."),
    )
    due_date = forms.DateField(
        label=_("fällig am"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    questions = forms.CharField(
        label=_("Fragen, die der Bericht beantworten soll"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "Eine Frage je Absatz (durch eine Leerzeile getrennt); aus dem Antrag übernommen."
        ),
    )
    interim = forms.BooleanField(label=_("Zwischenbericht"), required=False)

    def __init__(self, *args, paper, **kwargs):
        super().__init__(*args, **kwargs)
        body = paper.body
        self.fields["unit"].queryset = (
            Organization.objects.current().filter(body=body).administration().order_by("name")
        )
        self.fields["unit"].label_from_instance = lambda unit: f"{unit.name} ({unit.short_name})"
        self.fields["due_meeting"].queryset = (
            Meeting.objects.filter(organizations=paper.committee, start__gte=timezone.now())
            .exclude(state__in=[MeetingState.CANCELLED, MeetingState.HELD])
            .order_by("start")
        )
        self.fields["due_meeting"].label_from_instance = meeting_label
        serving = paper.committee.served_by.order_by("pk").first()
        self.initial.setdefault("unit", serving)
        self.initial.setdefault(
            "form", paper.report_kind if paper.report_kind != "none" else "written"
        )
        if paper.report_meeting_id and paper.report_meeting.start >= timezone.now():
            self.initial.setdefault("due_meeting", paper.report_meeting)
        self.initial.setdefault("questions", "\n\n".join(q.text for q in paper.questions.all()))

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("due_date") and not cleaned.get("due_meeting"):
            self.add_error(
                "due_date",
                forms.ValidationError(
                    _("Bitte nennen Sie ein Datum oder eine Sitzung."), code="due"
                ),
            )
        return cleaned

    def question_texts(self):
        text = self.cleaned_data.get("questions", "").replace("\r\n", "\n")
        return [part.strip() for part in text.split("\n\n") if part.strip()]


class ReportWritingForm(forms.Form):
    title = forms.CharField(label=_("Titel"), max_length=300)
    introduction = forms.CharField(
        label=_("Einleitung"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    conclusion = forms.CharField(
        label=_("Schluss"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    oral_summary = forms.CharField(
        label=_("Zusammenfassung des mündlichen Berichts"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    attachment = forms.FileField(
        label=_("Anlage hinzufügen"),
        required=False,
        help_text=_("PDF, ODT oder DOCX. Die Datei wird beim Speichern geprüft."),
    )
    attachment_title = forms.CharField(
        label=_("Bezeichnung der Anlage"), required=False, max_length=200
    )
    version = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, questions, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        for question in self.questions:
            self.fields[f"answer_{question.pk}"] = forms.CharField(
                label=f"{question.order}. {question.text}",
                required=False,
                widget=forms.Textarea(attrs={"rows": 5}),
            )

    def answer_fields(self):
        return [self[f"answer_{q.pk}"] for q in self.questions]

    def answers(self):
        return {q.pk: self.cleaned_data.get(f"answer_{q.pk}", "") for q in self.questions}

    def clean_attachment(self):
        upload = self.cleaned_data.get("attachment")
        if upload:
            self.attachment_content_type = validate_document(upload)
        return upload

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("attachment")
        if upload and not cleaned.get("attachment_title"):
            cleaned["attachment_title"] = title_from_file_name(upload.name)
        return cleaned


class PublishForm(forms.Form):
    unanswered_reason = forms.CharField(
        label=_("Warum bleiben Fragen unbeantwortet?"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    note = forms.CharField(
        label=_("Was wurde an der veröffentlichten Fassung geändert?"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class PresentForm(forms.Form):
    item = forms.ModelChoiceField(label=_("Tagesordnungspunkt"), queryset=None)
    oral_summary = forms.CharField(
        label=_("Zusammenfassung des mündlichen Berichts"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, items, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].queryset = items
        self.fields["item"].label_from_instance = lambda item: (
            f"{item.meeting} – {item.number} {item.title}"[:120]
        )


class AssignForm(forms.Form):
    assignee = forms.ModelChoiceField(
        label=_("bearbeitet von"), queryset=None, required=False, empty_label=_("– niemand –")
    )

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = people
        self.fields["assignee"].label_from_instance = lambda user: (
            user.person.name if hasattr(user, "person") else user.get_username()
        )
