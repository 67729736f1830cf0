"""What the administration owes: every open report request of the user's units, urgent first."""

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Case, IntegerField, Q, Value, When
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST, require_safe

from council.models import Membership, Organization
from council.roles import roles_of
from reports import services
from reports.forms import AssignForm
from reports.models import Report, ReportRequest

STATES = [
    ("offen", gettext_lazy("offen")),
    ("ueberfaellig", gettext_lazy("überfällig")),
    ("beantwortet", gettext_lazy("beantwortet")),
    ("alle", gettext_lazy("alle")),
]


class InboxFilter(forms.Form):
    stand = forms.ChoiceField(label=gettext_lazy("Stand"), choices=STATES, required=False)
    gremium = forms.ModelChoiceField(
        label=gettext_lazy("Gremium"),
        queryset=Organization.objects.none(),
        required=False,
        empty_label=gettext_lazy("alle"),
    )

    def __init__(self, *args, body_ids, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["gremium"].queryset = (
            Organization.objects.current().filter(body__in=body_ids).committees().order_by("name")
        )


def _units(user):
    roles = roles_of(user)
    if roles.office:
        return Organization.objects.administration()
    if not roles.units:
        raise PermissionDenied
    return Organization.objects.filter(pk__in=roles.units)


@login_required
@require_safe
def inbox(request):
    units = list(_units(request.user))
    requests = ReportRequest.objects.filter(unit__in=units).select_related(
        "paper__committee", "unit", "assignee__person", "due_meeting", "report"
    )
    filters = InboxFilter(request.GET or None, body_ids={u.body_id for u in units})
    state = "offen"
    if filters.is_valid():
        state = filters.cleaned_data["stand"] or "offen"
        if filters.cleaned_data["gremium"]:
            requests = requests.filter(paper__committee=filters.cleaned_data["gremium"])
    today = timezone.localdate()
    if state == "offen":
        requests = requests.filter(answered_at__isnull=True)
    elif state == "ueberfaellig":
        requests = requests.filter(answered_at__isnull=True, due_date__lt=today)
    elif state == "beantwortet":
        requests = requests.filter(answered_at__isnull=False)
    requests = requests.annotate(
        urgency=Case(
            When(Q(answered_at__isnull=True, due_date__lt=today), then=Value(0)),
            When(answered_at__isnull=True, then=Value(1)),
            default=Value(2),
            output_field=IntegerField(),
        )
    ).order_by("urgency", "due_date", "pk")[:200]
    return render(
        request,
        "reports/inbox.html",
        {"requests": requests, "filters": filters, "units": units, "today": today},
    )


@login_required
@require_safe
def request_detail(request, pk):
    """A request: what is asked, by when, who works on it, and where its report stands."""
    report_request = get_object_or_404(
        ReportRequest.objects.visible_to(request.user)
        .select_related("paper", "unit", "assignee__person", "due_meeting")
        .prefetch_related("questions"),
        pk=pk,
    )
    works_on_it = request.user.has_perm("reports.work_on_request", report_request)
    report = Report.objects.visible_to(request.user).filter(request=report_request).first()
    assign_form = None
    if works_on_it:
        assign_form = AssignForm(
            people=_colleagues(report_request.unit),
            initial={"assignee": report_request.assignee},
        )
    return render(
        request,
        "reports/request_detail.html",
        {
            "report_request": report_request,
            "report": report,
            "works_on_it": works_on_it,
            "assign_form": assign_form,
        },
    )


def _colleagues(unit):
    people = Membership.objects.active().filter(organization=unit).values("person")
    return (
        get_user_model().objects.filter(is_active=True, person__in=people).select_related("person")
    )


@login_required
@require_POST
def assign(request, pk):
    report_request = get_object_or_404(ReportRequest, pk=pk)
    form = AssignForm(request.POST, people=_colleagues(report_request.unit))
    if not form.is_valid():
        messages.error(request, _("Bitte wählen Sie jemanden aus der Einheit."))
        return redirect(report_request)
    try:
        services.assign(
            request=report_request, by=request.user, assignee=form.cleaned_data["assignee"]
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Die Bearbeitung ist zugewiesen."))
    return redirect(report_request)
