"""The shape of the committees' input: scheduling a paper, planning its consultation sequence."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from council.models import AgendaResult, Meeting, MeetingState, Organization
from motions.forms import meeting_label
from motions.models import Consultation


class ScheduleForm(forms.Form):
    meeting = forms.ModelChoiceField(
        label=_("Sitzung"), queryset=Meeting.objects.none(), empty_label=None
    )
    role = forms.ChoiceField(
        label=_("Rolle der Beratung"),
        choices=Consultation.Role.choices,
        widget=forms.RadioSelect,
        initial=Consultation.Role.DECISION,
    )
    public = forms.BooleanField(
        label=_("öffentlicher Tagesordnungspunkt"),
        required=False,
        help_text=_("Nicht öffentliche Drucksachen werden immer nicht öffentlich beraten."),
    )

    def __init__(self, *args, paper, committee, planned_role=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.paper = paper
        self.fields["meeting"].queryset = (
            Meeting.objects.filter(organizations=committee, start__gte=timezone.now())
            .exclude(state__in=[MeetingState.CANCELLED, MeetingState.HELD])
            .order_by("start")
        )
        self.fields["meeting"].label_from_instance = meeting_label
        self.fields["public"].initial = paper.is_public
        if planned_role:
            self.fields["role"].initial = planned_role
        if target := paper.target_meeting_id:
            self.fields["meeting"].initial = target

    def clean_public(self):
        public = self.cleaned_data["public"]
        if public and not self.paper.is_public:
            raise forms.ValidationError(
                _("Diese Drucksache ist nicht öffentlich; sie wird nicht öffentlich beraten."),
                code="nonpublic_paper",
            )
        return public


class StepForm(forms.Form):
    committee = forms.ModelChoiceField(
        label=_("Gremium"), queryset=Organization.objects.none(), required=False
    )
    role = forms.ChoiceField(label=_("Rolle"), choices=Consultation.Role.choices)

    def __init__(self, *args, body, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["committee"].queryset = (
            Organization.objects.current().filter(body=body).committees().order_by("name")
        )
        self.fields["committee"].empty_label = _("– kein Schritt –")


class BaseStepFormSet(forms.BaseFormSet):
    def steps(self):
        """(committee, role) in the order given, rows without a committee left out."""
        return [
            (form.cleaned_data["committee"], form.cleaned_data["role"])
            for form in self.forms
            if form.cleaned_data.get("committee")
        ]


def step_formset(data=None, *, body, initial=()):
    """The planned steps, and two empty rows to add more (without JavaScript)."""
    initial = list(initial)
    formset = forms.formset_factory(
        StepForm, formset=BaseStepFormSet, extra=2, max_num=12, absolute_max=12
    )
    return formset(data, initial=initial, prefix="steps", form_kwargs={"body": body})


class AddItemForm(forms.Form):
    title = forms.CharField(label=_("Titel des Tagesordnungspunkts"), max_length=500)
    public = forms.BooleanField(label=_("öffentlich"), required=False, initial=True)
    parent = forms.ModelChoiceField(
        label=_("Unterpunkt von"),
        queryset=None,
        required=False,
        empty_label=_("– eigener Punkt –"),
    )
    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=0, max_value=2**31)

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = meeting.agenda_items.filter(
            parent__isnull=True, standing=""
        ).order_by("order")
        self.fields["parent"].label_from_instance = lambda item: f"{item.number} {item.title}"[:90]


class PublishForm(forms.Form):
    late_reason = forms.CharField(
        label=_("Begründung der verkürzten Ladungsfrist"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Nur nötig, wenn die Ladungsfrist nicht mehr eingehalten werden kann."),
    )
    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=0, max_value=2**31)


COUNT = {"min_value": 0, "max_value": 999, "required": False}


class OutcomeForm(forms.Form):
    """One item's result and vote on meeting day."""

    result = forms.ChoiceField(label=_("Ergebnis"))
    resolution_text = forms.CharField(
        label=_("Beschlusstext / Anmerkung"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Bei „geändert beschlossen“ der beschlossene Wortlaut."),
    )
    refer_to = forms.ModelChoiceField(
        label=_("verwiesen an"), queryset=Organization.objects.none(), required=False
    )
    unanimous = forms.BooleanField(label=_("einstimmig"), required=False)
    yes = forms.IntegerField(label=_("Ja"), **COUNT)
    no = forms.IntegerField(label=_("Nein"), **COUNT)
    abstain = forms.IntegerField(label=_("Enthaltung"), **COUNT)
    confirmed = forms.BooleanField(
        label=_("Die Zahlen stimmen (mehr Stimmen als stimmberechtigte Mitglieder)."),
        required=False,
    )

    def __init__(self, *args, item, consultation, factions, committees, **kwargs):
        super().__init__(*args, prefix=f"top{item.pk}", **kwargs)
        self.item, self.factions = item, factions
        choices = result_choices(consultation)
        self.fields["result"].choices = [("", _("– Ergebnis wählen –")), *choices]
        self.fields["refer_to"].queryset = committees
        self.fields["refer_to"].empty_label = _("– Gremium –")
        for faction in factions:
            for vote, label in (("yes", _("Ja")), ("no", _("Nein")), ("abstain", _("Enthaltung"))):
                self.fields[f"f{faction.pk}_{vote}"] = forms.IntegerField(
                    label=f"{faction.short_name}: {label}", **COUNT
                )

    def faction_fields(self):
        return [
            (faction, [self[f"f{faction.pk}_{vote}"] for vote in ("yes", "no", "abstain")])
            for faction in self.factions
        ]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("result") == "referred" and not cleaned.get("refer_to"):
            self.add_error(
                "refer_to",
                forms.ValidationError(
                    _("Bitte wählen Sie das Gremium, an das verwiesen wird."), code="refer_to"
                ),
            )
        if cleaned.get("unanimous") and cleaned.get("no"):
            self.add_error("no", forms.ValidationError(_("Einstimmig heißt: keine Gegenstimmen.")))
        return cleaned

    def faction_votes(self):
        votes = []
        for faction in self.factions:
            counts = [self.cleaned_data.get(f"f{faction.pk}_{v}") for v in ("yes", "no", "abstain")]
            if any(c is not None for c in counts):
                votes.append((faction, *[c or 0 for c in counts]))
        return votes


def result_choices(consultation):
    """What may come of an item: taking note (Kenntnisnahme) takes no vote on the paper."""
    excluded = set()
    if consultation is not None and consultation.role == Consultation.Role.NOTICE:
        excluded = {AgendaResult.ADOPTED, AgendaResult.ADOPTED_AMENDED, AgendaResult.REJECTED}
    return [(value, label) for value, label in AgendaResult.choices if value not in excluded]
