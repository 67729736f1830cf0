"""The shape of the letter as a form. Errors carry codes; procedure is the services' business."""

import os
import re

from django import forms
from django.db.models import Q
from django.forms.formsets import INITIAL_FORM_COUNT, TOTAL_FORM_COUNT
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from council.forms import IdChoiceField, IdMultipleChoiceField, is_id
from council.models import AgendaItem, Meeting, Membership, Organization, Person, Role
from council.roles import roles_of
from motions.models import Attachment, Paper, PaperState
from motions.services import version_of
from motions.validators import validate_document


def meeting_label(meeting):
    local = timezone.localtime(meeting.start)
    return f"{meeting.name} – {local:%d.%m.%Y, %H:%M} Uhr"


ATTACHMENT_TITLE_LENGTH = Attachment._meta.get_field("title").max_length


def title_from_file_name(name, max_length=ATTACHMENT_TITLE_LENGTH):
    """A file's name as its title, shortened in the middle to fit; the extension stays."""
    if len(name) <= max_length:
        return name
    stem, extension = os.path.splitext(name)
    if len(extension) > 10:  # not an extension worth keeping, just a dot in a long name
        stem, extension = name, ""
    return stem[: max_length - len(extension) - 1].rstrip() + "…" + extension


class GroupedCheckboxSelectMultiple(forms.CheckboxSelectMultiple):
    """Checkboxes in groups, each group a fieldset with its legend (a faction's members)."""

    template_name = "motions/widgets/grouped_checkboxes.html"


class PaperForm(forms.ModelForm):
    lead_faction = IdChoiceField(
        label=_("Antragstellende Fraktion"),
        queryset=Organization.objects.none(),
        empty_label=None,
    )
    co_sponsors = IdMultipleChoiceField(
        label=_("Gemeinsam mit (weitere Fraktionen)"),
        queryset=Organization.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Jede weitere Fraktion muss dem gemeinsamen Antrag vor der Einreichung zustimmen."
        ),
    )
    signers = IdMultipleChoiceField(
        label=_("Unterzeichnende"),
        queryset=Person.objects.none(),
        required=False,
        widget=GroupedCheckboxSelectMultiple,
        help_text=_(
            "In der Regel die Fraktionsvorsitzenden. Angeboten werden die Mitglieder der "
            "antragstellenden Fraktionen; die einer neu gewählten weiteren Fraktion nach dem "
            "Speichern."
        ),
    )
    attachment = forms.FileField(
        label=_("Anlage hinzufügen"),
        required=False,
        help_text=_("PDF, ODT oder DOCX. Die Datei wird beim Speichern geprüft."),
    )
    attachment_title = forms.CharField(
        label=_("Bezeichnung der Anlage"), required=False, max_length=ATTACHMENT_TITLE_LENGTH
    )
    # The version of the text the user started from: a colleague's later save is not overwritten.
    version = forms.CharField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Paper
        fields = [
            "paper_type",
            "title",
            "committee",
            "target_meeting",
            "place",
            "letter_date",
            "request_text",
            "proposed_resolution",
            "questions_intro",
            "justification",
            "report_kind",
            "report_meeting",
            "amends",
            "amends_agenda_item",
            "is_public",
        ]
        field_classes = {
            name: IdChoiceField
            for name in (
                "committee",
                "target_meeting",
                "report_meeting",
                "amends",
                "amends_agenda_item",
            )
        }
        widgets = {
            "paper_type": forms.RadioSelect,
            "report_kind": forms.RadioSelect,
            "letter_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "request_text": forms.Textarea(attrs={"rows": 3}),
            "proposed_resolution": forms.Textarea(attrs={"rows": 6}),
            "justification": forms.Textarea(attrs={"rows": 10}),
        }
        help_texts = {
            "justification": _(
                "Absätze durch Leerzeilen trennen; Zeilen mit „-“ oder „→“ werden zur Liste; Links werden verlinkt."
            ),
            "target_meeting": _("Bestimmt die Antragsfrist nach der Geschäftsordnung."),
        }

    def __init__(self, *args, user, body, **kwargs):
        super().__init__(*args, **kwargs)
        self.user, self.body = user, body
        roles = roles_of(user)
        factions = Organization.objects.current().filter(body=body, kind="faction")
        own = Q(pk__in=roles.factions)
        if self.instance.pk:
            # A co-sponsor editing the text keeps the lead faction as it is.
            own |= Q(pk__in=self.instance.sponsorships.filter(is_lead=True).values("faction"))
        self.fields["lead_faction"].queryset = factions if roles.office else factions.filter(own)
        leads = self.fields["lead_faction"].queryset
        # Staff of a single faction are not offered their own faction as its co-sponsor.
        self.fields["co_sponsors"].queryset = (
            factions.exclude(pk__in=leads) if len(leads) == 1 else factions
        )
        for name, label in (
            ("committee", _("– Gremium wählen –")),
            ("amends", _("– keiner –")),
            ("amends_agenda_item", _("– keiner –")),
        ):
            self.fields[name].empty_label = label
        self.fields["committee"].queryset = Organization.objects.current().filter(
            body=body, kind__in=["council", "committee", "other"]
        )
        self.fields["committee"].label = _("An (Gremium)")
        self._signers(factions, roles)
        self._limit_meetings(body)
        # An amendment changes a motion that is still under consultation.
        self.fields["amends"].queryset = (
            Paper.objects.visible_to(user)
            .filter(body=body, state__in=[PaperState.SUBMITTED, PaperState.SCHEDULED])
            .exclude(pk=self.instance.pk)
        )
        self.fields["amends_agenda_item"].queryset = (
            AgendaItem.objects.visible_to(user)
            .filter(meeting__body=body, meeting__start__gte=timezone.now())
            .select_related("meeting")
        )
        self.fields["amends_agenda_item"].label_from_instance = lambda item: (
            f"{meeting_label(item.meeting)}: {item.number} {item.title}"
        )
        if self.instance.pk:
            sponsorships = list(self.instance.sponsorships.all())
            lead = next((s.faction for s in sponsorships if s.is_lead), None)
            self.initial.setdefault("lead_faction", lead)
            self.initial.setdefault(
                "co_sponsors", [s.faction for s in sponsorships if not s.is_lead]
            )
            self.initial.setdefault("signers", [s.person for s in self.instance.signatories.all()])
            self.initial.setdefault("version", version_of(self.instance))
        elif self.initial.get("letter_date") is None:
            self.initial["letter_date"] = timezone.localdate()

    def _signers(self, factions, roles):
        """Offers the members of the originating factions, grouped by faction, lead first.

        The field accepts any faction member (and the paper's saved signatories), so that
        someone outside the originating factions is refused with a reason in clean()."""
        members = Membership.objects.active().filter(
            organization__in=factions, role__in=[Role.FACTION_CHAIR, Role.MEMBER]
        )
        saved = (
            self.instance.signatories.values("person")
            if self.instance.pk
            else Person.objects.none().values("pk")
        )
        field = self.fields["signers"]
        field.queryset = Person.objects.filter(
            Q(pk__in=members.values("person")) | Q(pk__in=saved)
        ).order_by("sort_name")
        originators = self._originators(factions, roles)
        groups = {faction.pk: [] for faction in originators}
        offered = set()
        for membership in (
            members.filter(organization__in=originators)
            .select_related("person")
            .order_by("person__sort_name", "pk")
        ):
            if membership.person_id not in offered:  # a person in two factions is listed once
                offered.add(membership.person_id)
                label = membership.person.name
                if membership.role == Role.FACTION_CHAIR:
                    label = f"{label} ({membership.get_role_display()})"
                groups[membership.organization_id].append((membership.person_id, label))
        choices = [(f.name, groups[f.pk]) for f in originators if groups[f.pk]]
        # A chosen signatory outside them stays in sight, so that it can be unticked.
        strays = field.queryset.filter(pk__in=self._chosen_signers()).exclude(pk__in=offered)
        if strays:
            choices.append(
                (
                    _("Nicht Mitglied der antragstellenden Fraktionen"),
                    [(person.pk, person.name) for person in strays],
                )
            )
        field.widget.choices = choices

    def _originators(self, factions, roles):
        """The factions the letter is from, as chosen in the form, else as saved; for a new
        paper the user's own factions (the council office: every faction)."""
        if self.is_bound:
            chosen = [
                self.data.get(self.add_prefix("lead_faction")),
                *_values(self.data, self.add_prefix("co_sponsors")),
            ]
            ids = [int(v) for v in map(str, chosen) if is_id(v)]
            found = factions.in_bulk([i for i in ids if i <= 2**63 - 1])
            if found:
                return list(dict.fromkeys(found[i] for i in ids if i in found))
        if self.instance.pk:
            return [s.faction for s in self.instance.sponsorships.select_related("faction")]
        if self.initial.get("lead_faction"):
            # A letter read names its factions: their members are offered as signatories.
            named = [self.initial["lead_faction"], *self.initial.get("co_sponsors", [])]
            return [f for f in named if f in factions]
        return list(factions if roles.office else factions.filter(pk__in=roles.factions))

    def _chosen_signers(self):
        if self.is_bound:
            values = [str(v) for v in _values(self.data, self.add_prefix("signers"))]
            return [int(v) for v in values if v.isascii() and v.isdigit() and len(v) < 19]
        if self.instance.pk:
            return list(self.instance.signatories.values_list("person", flat=True))
        return []

    def _limit_meetings(self, body):
        # Validation accepts any meeting of the body, so that a past or foreign meeting gets a
        # clear error of its own; the choice lists offer only upcoming meetings.
        meetings = Meeting.objects.filter(body=body)
        upcoming = [("", _("– keine –"))] + [
            (m.pk, meeting_label(m)) for m in meetings.upcoming().exclude(state="cancelled")
        ]
        for name in ("target_meeting", "report_meeting"):
            self.fields[name].queryset = meetings
            self.fields[name].widget.choices = upcoming

    def clean(self):
        cleaned = super().clean()
        committee = cleaned.get("committee")
        for name in ("target_meeting", "report_meeting"):
            meeting = cleaned.get(name)
            if not meeting:
                continue
            if meeting.start < timezone.now():
                self.add_error(
                    name,
                    forms.ValidationError(
                        _("Diese Sitzung hat bereits stattgefunden."), code="past_meeting"
                    ),
                )
            elif committee and not meeting.organizations.filter(pk=committee.pk).exists():
                self.add_error(
                    name,
                    forms.ValidationError(
                        _("Diese Sitzung ist keine Sitzung des adressierten Gremiums (%(name)s).")
                        % {"name": committee.name},
                        code="foreign_meeting",
                    ),
                )
        lead = cleaned.get("lead_faction")
        if lead and lead in (cleaned.get("co_sponsors") or []):
            cleaned["co_sponsors"] = [f for f in cleaned["co_sponsors"] if f != lead]
        if cleaned.get("paper_type") == "amendment" and not (
            cleaned.get("amends") or cleaned.get("amends_agenda_item")
        ):
            self.add_error(
                "amends",
                forms.ValidationError(
                    _(
                        "Ein Änderungsantrag bezieht sich auf einen Antrag oder einen Tagesordnungspunkt."
                    ),
                    code="amends_missing",
                ),
            )
        signers = cleaned.get("signers")
        if signers and lead:
            factions = [lead, *cleaned.get("co_sponsors", [])]
            members = set(
                Membership.objects.active()
                .filter(organization__in=factions, person__in=signers)
                .values_list("person_id", flat=True)
            )
            strangers = [person.name for person in signers if person.pk not in members]
            if strangers:
                self.add_error(
                    "signers",
                    forms.ValidationError(
                        _(
                            "Unterzeichnen können nur Mitglieder der antragstellenden Fraktionen: %(names)s."
                        )
                        % {"names": ", ".join(strangers)},
                        code="foreign_signatory",
                    ),
                )
        if cleaned.get("attachment") and not cleaned.get("attachment_title"):
            cleaned["attachment_title"] = title_from_file_name(cleaned["attachment"].name)
        return cleaned

    def clean_attachment(self):
        upload = self.cleaned_data.get("attachment")
        if upload:
            self.attachment_content_type = validate_document(upload)
        return upload

    def factions(self):
        return [self.cleaned_data["lead_faction"], *self.cleaned_data.get("co_sponsors", [])]


def _values(data, name):
    """All values sent for a multiple-choice field, from a QueryDict or a plain dict."""
    if hasattr(data, "getlist"):
        return data.getlist(name)
    value = data.get(name)
    return value if isinstance(value, list | tuple) else [] if value is None else [value]


class OnBehalfForm(forms.Form):
    """The council office enters a letter that came on paper or by e-mail."""

    received_on = forms.DateField(
        label=_("Eingang des Schreibens"),
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Zählt für die Antragsfrist."),
    )
    original_letter = forms.FileField(
        label=_("Originalschreiben (PDF)"),
        required=False,
        help_text=_("Der eingegangene Brief oder die E-Mail als PDF."),
    )

    def clean_original_letter(self):
        upload = self.cleaned_data.get("original_letter")
        if upload:
            self.letter_content_type = validate_document(upload)
        return upload


class QuestionForm(forms.Form):
    text = forms.CharField(
        label=_("Frage oder Aspekt"),
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={
            "required": _("Diese Frage ist leer. Bitte ausfüllen oder zum Entfernen markieren.")
        },
    )


class RowsFormSet(forms.BaseFormSet):
    """A formset that keeps the rows sent even when its management form comes back malformed
    (a stale or hand-made request): it counts the rows itself, shows them all, and is invalid
    with a message, so that saving asks the user to check rather than losing or crashing.
    `add_row` adds an empty row ("Frage hinzufügen") without judging anything."""

    malformed_message = _(
        "Das Formular war unvollständig oder beschädigt. Bitte prüfen Sie die Fragen und "
        "speichern Sie erneut."
    )

    def __init__(self, *args, add_row=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.malformed = False
        if self.is_bound:
            self._count_rows(add_row)

    def _count_rows(self, add_row):
        total, initial = (self._sent(name) for name in (TOTAL_FORM_COUNT, INITIAL_FORM_COUNT))
        if total is None or initial is None or initial > total:
            self.malformed = True
            total = self._rows_sent()
            initial = min(len(self.initial or ()), total)
        total = min(total + 1 if add_row else total, self.absolute_max)
        # The management form is rendered from the data: it must carry the sound counts.
        self.data = self.data.copy()
        self.data[self.add_prefix(TOTAL_FORM_COUNT)] = str(total)
        self.data[self.add_prefix(INITIAL_FORM_COUNT)] = str(initial)

    def _sent(self, name):
        value = self.data.get(self.add_prefix(name))
        if not (isinstance(value, str) and value.isascii() and value.isdigit()):
            return None
        return int(value) if len(value) <= 6 and int(value) <= self.absolute_max else None

    def _rows_sent(self):
        """One more than the highest row number among the fields sent (`questions-3-text`)."""
        field = re.compile(rf"{re.escape(self.prefix)}-([0-9]{{1,6}})-")
        rows = {int(match[1]) for key in [*self.data, *self.files] if (match := field.match(key))}
        return max((row for row in rows if row < self.absolute_max), default=-1) + 1

    def full_clean(self):
        super().full_clean()
        if self.malformed:
            self._non_form_errors.append(
                forms.ValidationError(self.malformed_message, code="malformed")
            )


# Far more questions than any letter asks; it bounds the rows a malformed request can conjure.
MAX_QUESTIONS = 200

QuestionFormSet = forms.formset_factory(
    QuestionForm,
    formset=RowsFormSet,
    extra=0,
    can_order=True,
    can_delete=True,
    max_num=MAX_QUESTIONS,
    absolute_max=MAX_QUESTIONS,
)


def question_formset(data=None, *, initial=None, add=False):
    """The questions, in order; every row shown must be filled in or marked for removal."""
    return QuestionFormSet(
        data,
        initial=initial,
        prefix="questions",
        form_kwargs={"empty_permitted": False},
        add_row=add and data is not None,
    )


def ordered_questions(formset):
    """The question texts in the order the user gave, without those marked for removal."""
    return [form.cleaned_data["text"].strip() for form in formset.ordered_forms]


class SubmitForm(forms.Form):
    urgent = forms.BooleanField(
        label=_("Als Dringlichkeitsantrag einreichen"),
        required=False,
        help_text=_(
            "Nur wenn die Sache keinen Aufschub bis zur nächsten regulären Sitzung duldet."
        ),
    )
    urgency_reason = forms.CharField(
        label=_("Begründung der Dringlichkeit"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("urgent") and not cleaned.get("urgency_reason", "").strip():
            self.add_error(
                "urgency_reason",
                forms.ValidationError(
                    _("Bitte begründen Sie die Dringlichkeit."), code="urgency_reason"
                ),
            )
        return cleaned


class WithdrawForm(forms.Form):
    comment = forms.CharField(
        label=_("Anmerkung (optional)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    confirm = forms.BooleanField(
        label=_("Ja, den Antrag zurückziehen"),
        error_messages={"required": _("Bitte bestätigen Sie das Zurückziehen.")},
    )


class DashboardFilterForm(forms.Form):
    state = forms.ChoiceField(label=_("Stand"), required=False)
    committee = IdChoiceField(
        label=_("Gremium"),
        queryset=Organization.objects.none(),
        required=False,
        empty_label=_("alle"),
    )

    def __init__(self, *args, body, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["state"].choices = [("", _("alle"))] + list(PaperState.choices)
        self.fields["committee"].queryset = (
            Organization.objects.current().filter(body=body).committees()
        )
