"""Filters of the public lists of meetings and persons, read from the query string.

Pages and feeds call `filter_meetings` and `filter_memberships` with the GET parameters, so one
filter state is the same list wherever it is shown. A malformed value never fails the page: it
is dropped and named in a message.
"""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from council.forms import IdChoiceField
from council.models import Membership, Organization

UPCOMING, PAST = "kommend", "vergangen"


class ListFilterForm(forms.Form):
    """A form whose invalid fields are dropped and reported rather than failing the page."""

    def valid_data(self):
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value}

    def problems(self):
        return [
            _("„%(label)s“: %(error)s Der Filter wurde nicht angewandt.")
            % {"label": self.fields[name].label, "error": " ".join(errors)}
            for name, errors in self.errors.items()
        ]


def _organizations(body, kinds):
    return Organization.objects.filter(body=body, kind__in=kinds).order_by("name")


class MonthField(forms.Field):
    """A month as "YYYY-MM" (what a browser's month input sends), cleaned to its first day."""

    def to_python(self, value):
        if not value:
            return None
        try:
            month = datetime.datetime.strptime(value, "%Y-%m").date()
        except ValueError:
            raise forms.ValidationError(
                _("Kein gültiger Monat (erwartet: JJJJ-MM)."), code="invalid"
            ) from None
        if not 1900 <= month.year <= 2199:  # and the neighbouring months stay representable
            raise forms.ValidationError(_("Dieser Monat liegt außerhalb."), code="out_of_range")
        return month


class MeetingFilterForm(ListFilterForm):
    gremium = IdChoiceField(
        label=_("Gremium"), queryset=Organization.objects.none(), required=False
    )
    zeit = forms.ChoiceField(
        label=_("Zeitraum"),
        required=False,
        choices=[
            ("", _("Monatskalender")),
            (UPCOMING, _("alle kommenden Sitzungen")),
            (PAST, _("alle vergangenen Sitzungen")),
        ],
    )
    monat = MonthField(label=_("Monat"), required=False)

    def __init__(self, data=None, *, body):
        super().__init__(data)
        self.fields["gremium"].queryset = _organizations(body, ["council", "committee", "other"])
        self.fields["gremium"].empty_label = _("alle")
        self.fields["monat"].widget = forms.TextInput(
            attrs={"type": "month", "placeholder": "JJJJ-MM", "size": 8}
        )


def filter_meetings(meetings, params, *, body):
    """Narrow `meetings` by committee; returns the meetings, the bound form and its values."""
    form = MeetingFilterForm(params, body=body)
    values = form.valid_data()
    if "gremium" in values:
        meetings = meetings.of_organization(values["gremium"])
    return meetings, form, values


def month_or_this(values):
    return values.get("monat") or timezone.localdate().replace(day=1)


class PersonFilterForm(ListFilterForm):
    fraktion = IdChoiceField(
        label=_("Fraktion"), queryset=Organization.objects.none(), required=False
    )
    gremium = IdChoiceField(
        label=_("Gremium"), queryset=Organization.objects.none(), required=False
    )

    def __init__(self, data=None, *, body):
        super().__init__(data)
        today = timezone.localdate()
        self.fields["fraktion"].queryset = _organizations(body, ["faction"]).current(today)
        self.fields["fraktion"].empty_label = _("alle")
        self.fields["gremium"].queryset = _organizations(
            body, ["council", "committee", "other"]
        ).current(today)
        self.fields["gremium"].empty_label = _("Rat")


def filter_memberships(params, *, body, council):
    """Today's public mandates in the committee asked for (the council by default), narrowed to
    the members for one faction; returns the memberships, the form and the committee."""
    form = PersonFilterForm(params, body=body)
    values = form.valid_data()
    organization = values.get("gremium") or council
    if organization is None:
        return Membership.objects.none(), form, None
    memberships = Membership.objects.public().active().filter(organization=organization)
    if "fraktion" in values:
        memberships = memberships.filter(on_behalf_of=values["fraktion"])
    return memberships, form, organization
