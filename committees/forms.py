"""The shape of the committees' input: scheduling a paper, planning its consultation sequence."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from council.models import Meeting, MeetingState, Organization
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
