"""The committees' workspaces: what waits for a committee, and putting it on an agenda."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from committees.forms import ScheduleForm, step_formset
from council.models import Meeting, MeetingState, Organization, current_body
from council.roles import roles_of
from motions import services
from motions.models import Paper, Sponsorship, TransitionNotAllowed

UPCOMING_MEETINGS = 6


def managed_committees(request):
    """The committees whose work the user does: the office all, a chair (or deputy) hers."""
    roles = roles_of(request.user)
    committees = Organization.objects.current().filter(body=current_body(request)).committees()
    if not roles.office:
        committees = committees.filter(pk__in=roles.chaired)
    return committees.order_by("kind", "name")


def _require_manager(request, committee):
    if not request.user.has_perm("council.manage_committee", committee):
        raise PermissionDenied


def _inbox(user, committees):
    return (
        Paper.objects.visible_to(user)
        .awaiting(committees)
        .in_inbox_order()
        .select_related("committee", "target_meeting", "report_meeting")
        .prefetch_related(
            Prefetch("sponsorships", queryset=Sponsorship.objects.select_related("faction"))
        )
    )


@login_required
@require_safe
def workspaces(request):
    """ "Mein Ausschuss": straight to the committee of a chair of one; a choice otherwise."""
    committees = list(managed_committees(request))
    if not committees:
        raise PermissionDenied
    if len(committees) == 1:
        return redirect("committees:workspace", pk=committees[0].pk)
    return redirect("committees:inbox")


@login_required
@require_safe
def inbox(request):
    """ "Eingang": every committee's waiting papers, for all committees the user manages."""
    committees = list(managed_committees(request))
    if not committees:
        raise PermissionDenied
    by_committee = {c.pk: [] for c in committees}
    for paper in _inbox(request.user, by_committee):
        by_committee[paper.awaited_id].append(paper)
    return render(
        request,
        "committees/inbox.html",
        {"groups": [(c, by_committee[c.pk]) for c in committees]},
    )


@login_required
@require_safe
def workspace(request, pk):
    """One committee: its inbox and the meetings to prepare."""
    committee = get_object_or_404(Organization.objects.committees(), pk=pk)
    _require_manager(request, committee)
    meetings = (
        Meeting.objects.filter(organizations=committee)
        .exclude(state=MeetingState.CANCELLED)
        .filter(Q(start__gte=timezone.now()) | ~Q(state=MeetingState.HELD))
        .annotate(item_count=Count("agenda_items"))
        .order_by("start")[:UPCOMING_MEETINGS]
    )
    return render(
        request,
        "committees/workspace.html",
        {
            "committee": committee,
            "papers": _inbox(request.user, [committee.pk]),
            "meetings": meetings,
        },
    )


def _paper(request, pk):
    return get_object_or_404(Paper.objects.visible_to(request.user).select_related("body"), pk=pk)


@login_required
def schedule(request, pk):
    """Put a waiting paper on an agenda of the committee it waits for."""
    paper = _paper(request, pk)
    if not request.user.has_perm("motions.schedule_paper", paper):
        raise PermissionDenied
    committee = services.awaited_committee(paper)
    planned = services.next_planned(paper)
    form = ScheduleForm(
        request.POST if request.method == "POST" else None,
        paper=paper,
        committee=committee,
        planned_role=planned.role if planned else None,
    )
    context = {"paper": paper, "committee": committee, "form": form}
    if request.method != "POST" or not form.is_valid():
        status = 400 if form.is_bound else 200
        return render(request, "committees/schedule.html", context, status=status)
    data = form.cleaned_data
    try:
        services.schedule(
            paper=paper,
            meeting=data["meeting"],
            by=request.user,
            public=data["public"],
            role=data["role"],
        )
    except (TransitionNotAllowed, ValidationError) as exc:
        form.add_error(None, _messages(exc))
        return render(request, "committees/schedule.html", context, status=400)
    messages.success(
        request,
        _("Auf die Tagesordnung gesetzt: %(meeting)s.") % {"meeting": data["meeting"]},
    )
    return redirect("committees:workspace", pk=committee.pk)


@login_required
def plan(request, pk):
    """Plan the consultation sequence ahead (e.g. B2 → HFA → Rat)."""
    paper = _paper(request, pk)
    if not request.user.has_perm("motions.plan_consultations", paper):
        raise PermissionDenied
    planned = paper.consultations.filter(meeting__isnull=True).select_related("organization")
    initial = [{"committee": c.organization, "role": c.role} for c in planned]
    formset = step_formset(
        request.POST if request.method == "POST" else None, body=paper.body, initial=initial
    )
    context = {"paper": paper, "formset": formset, "held": _held_steps(paper)}
    if request.method != "POST" or not formset.is_valid():
        status = 400 if formset.is_bound else 200
        return render(request, "committees/plan.html", context, status=status)
    try:
        services.plan(paper=paper, by=request.user, steps=formset.steps())
    except (TransitionNotAllowed, ValidationError) as exc:
        context["error"] = _messages(exc)
        return render(request, "committees/plan.html", context, status=400)
    messages.success(request, _("Die Beratungsfolge ist gespeichert."))
    return redirect(paper)


def _held_steps(paper):
    return paper.consultations.filter(meeting__isnull=False).select_related(
        "organization", "meeting", "agenda_item"
    )


def _messages(exc):
    return " ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
