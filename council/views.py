"""Public pages of the council's structure: committees, factions, meetings, persons."""

import datetime

from django.contrib.auth import views as auth_views
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_safe

from council.filters import UPCOMING, filter_meetings, filter_memberships, month_or_this
from council.forms import LoginForm
from council.models import AgendaItem, Meeting, Membership, Organization, Person, Role, current_body
from council.pagination import keyset_page

MEETINGS_PER_SECTION = 10
MEETINGS_PER_PAGE = 50

# Chair first, then deputies, members, advisory members, expert citizens (as on a committee's roll).
ROLE_ORDER = [
    Role.CHAIR,
    Role.DEPUTY_CHAIR,
    Role.FACTION_CHAIR,
    Role.MEMBER,
    Role.ADVISORY_MEMBER,
    Role.EXPERT_CITIZEN,
]


def _meetings():
    return Meeting.objects.select_related("location").prefetch_related("organizations")


@require_safe
def home(request):
    return render(
        request,
        "council/home.html",
        {"upcoming": _meetings().upcoming()[:MEETINGS_PER_SECTION]},
    )


@require_safe
def organization_list(request):
    organizations = (
        Organization.objects.current().filter(body=current_body(request)).order_by("name")
    )
    return render(
        request,
        "council/organization_list.html",
        {
            # The council heads the list: the committees are its own.
            "committees": sorted(
                (o for o in organizations if o.kind in ("council", "committee", "other")),
                key=lambda o: o.kind != "council",
            ),
            "factions": [o for o in organizations if o.kind == "faction"],
            "units": [o for o in organizations if o.kind == "administration"],
        },
    )


@require_safe
def organization_detail(request, pk):
    organization = get_object_or_404(Organization.objects.select_related("parent"), pk=pk)
    members = sorted(
        Membership.objects.public()
        .active()
        .filter(organization=organization)
        .select_related("person", "on_behalf_of"),
        key=lambda m: (ROLE_ORDER.index(m.role), m.person.sort_name),
    )
    meetings = _meetings().of_organization(organization)
    return render(
        request,
        "council/organization_detail.html",
        {
            "organization": organization,
            "members": members,
            "upcoming": meetings.upcoming()[:MEETINGS_PER_SECTION],
            "past": meetings.past()[:MEETINGS_PER_SECTION],
        },
    )


@require_safe
def meeting_calendar(request):
    """The month calendar; with `?zeit=kommend` or `vergangen` all meetings in keyset pages.
    Both narrow to one committee with `?gremium=`."""
    meetings, filters, values = filter_meetings(
        _meetings(), request.GET, body=current_body(request)
    )
    context = {
        "filters": filters,
        "problems": filters.problems(),
        "committee": values.get("gremium"),
    }
    if "zeit" in values:
        return _meeting_list(request, meetings, values["zeit"], context)
    month = month_or_this(values)
    days = {}
    for meeting in meetings.in_month(month.year, month.month):
        days.setdefault(timezone.localdate(meeting.start), []).append(meeting)
    previous_month = (month - datetime.timedelta(days=1)).replace(day=1)
    next_month = (month + datetime.timedelta(days=32)).replace(day=1)
    return render(
        request,
        "council/meeting_calendar.html",
        {
            **context,
            "month": month,
            "days": days.items(),
            "previous_month": previous_month,
            "next_month": next_month,
        },
    )


def _meeting_list(request, meetings, period, context):
    now = timezone.now()
    if period == UPCOMING:
        meetings, order = meetings.upcoming(now), ["start"]
    else:
        meetings, order = meetings.past(now), ["-start"]
    page = keyset_page(meetings, order, request.GET.get("nach"), MEETINGS_PER_PAGE)
    if page.problem:
        context["problems"].append(page.problem)
    return render(
        request,
        "council/meeting_list.html",
        {**context, "page": page, "upcoming": period == UPCOMING},
    )


@require_safe
def meeting_detail(request, pk):
    meeting = get_object_or_404(_meetings(), pk=pk)
    # The paper an item treats is its consultation's (a relation the motions app adds).
    items = (
        AgendaItem.objects.filter(meeting=meeting)
        .listed_for(request.user)
        .with_disclosure(request.user)
        .select_related("consultation__paper")
    )
    return render(request, "council/meeting_detail.html", {"meeting": meeting, "items": items})


@require_safe
def person_list(request):
    """The council's members today, or a committee's (`?gremium=`), for one faction
    (`?fraktion=`)."""
    body = current_body(request)
    council = Organization.objects.current().filter(body=body, kind="council").first()
    memberships, filters, organization = filter_memberships(request.GET, body=body, council=council)
    members = memberships.select_related("person", "on_behalf_of").order_by("person__sort_name")
    return render(
        request,
        "council/person_list.html",
        {
            "council": council,
            "organization": organization,
            "members": members,
            "filters": filters,
            "problems": filters.problems(),
        },
    )


@require_safe
def person_detail(request, pk):
    person = get_object_or_404(
        Person.objects.visible_to(request.user).prefetch_related(
            Prefetch(
                "memberships",
                queryset=Membership.objects.public()
                .select_related("organization", "on_behalf_of")
                .order_by("end_date", "-start_date"),
                to_attr="mandates",
            )
        ),
        pk=pk,
    )
    today = timezone.localdate()
    return render(
        request,
        "council/person_detail.html",
        {
            "person": person,
            "current": [m for m in person.mandates if m.is_active(today)],
            "former": [m for m in person.mandates if not m.is_active(today)],
        },
    )


class LoginView(auth_views.LoginView):
    """Django's login, answering a failed attempt with 400 like every other form with errors."""

    authentication_form = LoginForm

    def form_invalid(self, form):
        response = super().form_invalid(form)
        response.status_code = 400
        return response
