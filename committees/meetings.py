"""Preparing and holding a meeting: the agenda editor, the invitation, meeting day, the minutes.

Every screen is for those who prepare the meeting (its committees' chairs and the office). A
change made on a screen that is no longer current is refused with the current agenda shown and
what was typed kept (status 409).
"""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from committees.forms import AddItemForm, OutcomeForm, PublishForm
from committees.services import Votes, record_outcome
from council import agenda
from council.models import AgendaItem, Meeting, MeetingState, Membership, Organization, Standing
from council.roles import roles_of
from motions import services as motions
from motions.models import TransitionNotAllowed


def _meeting(request, pk):
    meeting = get_object_or_404(
        Meeting.objects.select_related("body", "location").prefetch_related("organizations"),
        pk=pk,
    )
    if not request.user.has_perm("council.manage_meeting", meeting):
        raise PermissionDenied
    return meeting


def _items(meeting):
    return list(
        AgendaItem.objects.filter(meeting=meeting)
        .select_related("consultation__paper", "consultation")
        .order_by("order")
    )


def _text(exc):
    return " ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)


@login_required
@require_safe
def prepare(request):
    """ "Sitzungen vorbereiten": the meetings the user prepares that are not closed yet."""
    roles = roles_of(request.user)
    if not (roles.office or roles.chaired):
        raise PermissionDenied
    meetings = Meeting.objects.exclude(state=MeetingState.CANCELLED).filter(
        minutes_released_at__isnull=True
    )
    if not roles.office:
        meetings = meetings.filter(organizations__in=roles.chaired)
    recent = timezone.now() - datetime.timedelta(days=60)
    meetings = (
        meetings.filter(start__gte=recent)
        .distinct()
        .select_related("location")
        .prefetch_related("organizations")
        .order_by("start")[:40]
    )
    return render(request, "committees/prepare.html", {"meetings": meetings})


# The agenda editor ---------------------------------------------------------------------------------


def _agenda_page(request, meeting, *, add_form=None, publish_form=None, status=200):
    meeting.refresh_from_db()
    revision = {"revision": meeting.agenda_revision}
    items = _items(meeting)
    moves = agenda.possible_moves(items)
    for item in items:
        item.can_move_up, item.can_move_down = moves[item.pk]
    return render(
        request,
        "committees/agenda.html",
        {
            "meeting": meeting,
            "items": items,
            "add_form": add_form or AddItemForm(meeting=meeting, initial=revision),
            "publish_form": publish_form or PublishForm(initial=revision),
            "versions": meeting.agenda_versions.all(),
            "notice_deadline": agenda.notice_deadline(meeting),
            "late": not meeting.invited and agenda.invitation_is_late(meeting),
            "missing_standing": agenda.missing_standing_items(meeting, items),
            "pending": any(i.published_at is None for i in items),
        },
        status=status,
    )


@login_required
@require_safe
def agenda_editor(request, pk):
    return _agenda_page(request, _meeting(request, pk))


def _revision(request):
    value = request.POST.get("revision", "")
    return int(value) if value.isascii() and value.isdigit() and len(value) < 10 else -1


def _agenda_step(request, meeting, step, success):
    """Take a step that needs no typed input; a refusal is told, and the agenda shown again."""
    try:
        step()
    except (ValidationError, TransitionNotAllowed) as exc:
        messages.error(request, _text(exc))
    else:
        if success:
            messages.success(request, success)
    return redirect("committees:agenda", pk=meeting.pk)


@login_required
@require_POST
def add_item(request, pk):
    meeting = _meeting(request, pk)
    form = AddItemForm(request.POST, meeting=meeting)
    if not form.is_valid():
        return _agenda_page(request, meeting, add_form=form, status=400)
    data = form.cleaned_data
    try:
        agenda.add_item(
            meeting,
            title=data["title"],
            public=data["public"],
            parent=data["parent"],
            by=request.user,
            seen_revision=data["revision"],
        )
    except ValidationError as exc:
        form.add_error(None, _text(exc))
        status = 409 if isinstance(exc, agenda.AgendaChanged) else 400
        return _agenda_page(request, meeting, add_form=form, status=status)
    messages.success(request, _("Der Punkt ist aufgenommen."))
    return redirect("committees:agenda", pk=meeting.pk)


def _item(meeting, item_pk):
    return get_object_or_404(AgendaItem, meeting=meeting, pk=item_pk)


@login_required
@require_POST
def move_item(request, pk, item_pk, direction):
    meeting = _meeting(request, pk)
    item = _item(meeting, item_pk)
    return _agenda_step(
        request,
        meeting,
        lambda: agenda.move(
            item, direction=direction, by=request.user, seen_revision=_revision(request)
        ),
        None,
    )


@login_required
@require_POST
def remove_item(request, pk, item_pk):
    meeting = _meeting(request, pk)
    item = _item(meeting, item_pk)
    if agenda.treats_a_paper(item):
        paper = item.consultation.paper
        return _agenda_step(
            request,
            meeting,
            lambda: motions.unschedule(paper=paper, by=request.user),
            _("%(reference)s wartet wieder im Eingang.") % {"reference": paper.reference},
        )
    return _agenda_step(
        request,
        meeting,
        lambda: agenda.remove_item(item, by=request.user, seen_revision=_revision(request)),
        _("Der Punkt ist entfernt."),
    )


@login_required
@require_POST
def apply_template(request, pk):
    meeting = _meeting(request, pk)
    return _agenda_step(
        request,
        meeting,
        lambda: agenda.apply_template(meeting, by=request.user, seen_revision=_revision(request)),
        _("Die Standardpunkte sind eingefügt."),
    )


@login_required
@require_POST
def publish(request, pk):
    meeting = _meeting(request, pk)
    form = PublishForm(request.POST)
    if not form.is_valid():
        return _agenda_page(request, meeting, publish_form=form, status=400)
    try:
        version = agenda.publish(
            meeting,
            by=request.user,
            late_reason=form.cleaned_data["late_reason"],
            seen_revision=form.cleaned_data["revision"],
        )
    except ValidationError as exc:
        form.add_error(None, _text(exc))
        status = 409 if isinstance(exc, agenda.AgendaChanged) else 400
        return _agenda_page(request, meeting, publish_form=form, status=status)
    messages.success(
        request,
        _("Veröffentlicht: %(kind)s vom %(date)s.")
        % {"kind": version.get_kind_display(), "date": f"{timezone.localdate():%d.%m.%Y}"},
    )
    return redirect("committees:agenda", pk=meeting.pk)


# Meeting day ----------------------------------------------------------------------------------------


def _voting_factions(meeting):
    """The factions with a voting seat in the meeting's organizations, for votes by faction."""
    seats = Membership.objects.active(timezone.localdate(meeting.start)).filter(
        organization__in=meeting.organizations.all(), voting_right=True
    )
    return list(Organization.objects.filter(pk__in=seats.values("on_behalf_of")).order_by("name"))


def _outcome_form(item, meeting, factions, committees, data=None):
    consultation = getattr(item, "consultation", None) if agenda.treats_a_paper(item) else None
    return OutcomeForm(
        data,
        item=item,
        consultation=consultation,
        factions=factions,
        committees=committees,
    )


def _meeting_day_page(request, meeting, bound=None, status=200):
    factions = _voting_factions(meeting)
    committees = (
        Organization.objects.current()
        .filter(body=meeting.body)
        .committees()
        .exclude(pk__in=meeting.organizations.all())
        .order_by("name")
    )
    rows = []
    for item in _items(meeting):
        if item.published_at is None:
            continue  # not on the agenda the committee was invited to
        form = None
        if not item.result and item.standing != Standing.OPENING:
            form = bound if bound is not None and bound.item.pk == item.pk else None
            form = form or _outcome_form(item, meeting, factions, committees)
        rows.append((item, form))
    begun = meeting.has_begun
    response = render(
        request,
        "committees/meeting_day.html",
        {
            "meeting": meeting,
            "rows": rows,
            "begun": begun,
            "voting_members": agenda.voting_members(meeting),
        },
        status=status,
    )
    if not begun:
        # The page changes at the minute the meeting begins (its forms open): kept by no one.
        add_never_cache_headers(response)
    return response


@login_required
@require_safe
def meeting_day(request, pk):
    return _meeting_day_page(request, _meeting(request, pk))


@login_required
@require_POST
def record(request, pk, item_pk):
    meeting = _meeting(request, pk)
    item = get_object_or_404(
        AgendaItem.objects.select_related("consultation__paper"), meeting=meeting, pk=item_pk
    )
    factions = _voting_factions(meeting)
    committees = Organization.objects.filter(body=meeting.body).committees()
    form = _outcome_form(item, meeting, factions, committees, data=request.POST)
    if not form.is_valid():
        return _meeting_day_page(request, meeting, bound=form, status=400)
    data = form.cleaned_data
    votes = Votes(
        yes=data["yes"],
        no=data["no"],
        abstain=data["abstain"],
        unanimous=data["unanimous"],
        factions=form.faction_votes(),
    )
    try:
        record_outcome(
            item,
            by=request.user,
            result=data["result"],
            resolution_text=data["resolution_text"],
            refer_to=data["refer_to"],
            votes=votes,
            confirmed=data["confirmed"],
        )
    except (ValidationError, TransitionNotAllowed) as exc:
        form.add_error(None, _text(exc))
        if isinstance(exc, ValidationError) and getattr(exc, "code", "") == "too_many_votes":
            form.needs_confirmation = True
        return _meeting_day_page(request, meeting, bound=form, status=400)
    messages.success(request, _("%(number)s: Ergebnis gespeichert.") % {"number": item.number})
    return redirect(reverse("committees:meeting_day", args=[meeting.pk]) + f"#top-{item.pk}")


@login_required
@require_POST
def release_minutes(request, pk):
    meeting = _meeting(request, pk)
    try:
        agenda.release_minutes(meeting, by=request.user)
    except ValidationError as exc:
        messages.error(request, _text(exc))
        return redirect("committees:meeting_day", pk=meeting.pk)
    messages.success(request, _("Die Niederschrift ist freigegeben; die Sitzung ist durchgeführt."))
    return redirect(meeting)
