"""Reading papers and taking the factions' steps: thin views over querysets and services."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from council.forms import is_id
from council.models import AgendaItem, Organization, current_body
from council.pagination import BoundedPaginator, keyset_page
from council.roles import roles_of
from motions import services
from motions.filters import filter_papers
from motions.forms import DashboardFilterForm, SubmitForm, WithdrawForm
from motions.models import (
    Action,
    Consultation,
    Paper,
    Signatory,
    Sponsorship,
    TimelineEntry,
    TransitionNotAllowed,
)
from motions.querysets import disclose_outcomes

PAGE_SIZE = 50
# "Unsere Anträge" counts and pages this many papers at most (100 pages); filters narrow it.
WORK_LIST_BOUND = 5000


def _papers(user):
    return (
        Paper.objects.visible_to(user)
        .with_outcome_disclosure(user)
        .select_related("committee", "target_meeting")
        .prefetch_related(
            Prefetch("sponsorships", queryset=Sponsorship.objects.select_related("faction"))
        )
    )


def _get_paper(request, pk):
    """The paper if the user may see it; a 404 otherwise, so a hidden draft stays unknown."""
    return get_object_or_404(
        _papers(request.user)
        .select_related(
            "body", "addressee", "report_meeting", "amends", "amends_agenda_item__meeting"
        )
        .prefetch_related(
            Prefetch("signatories", queryset=Signatory.objects.select_related("person")),
            "questions",
            "attachments",
        ),
        pk=pk,
    )


@require_safe
def paper_list(request):
    """The register: every submitted paper the user may see, filtered by the query string."""
    body = current_body(request)
    papers = (
        Paper.objects.visible_to(request.user)
        .filter(body=body)
        .exclude(state="draft")
        .select_related("committee")
        .prefetch_related(
            Prefetch("sponsorships", queryset=Sponsorship.objects.select_related("faction"))
        )
    )
    papers, filters, order = filter_papers(papers, request.GET, body=body)
    page = keyset_page(papers, order, request.GET.get("nach"), PAGE_SIZE)
    disclose_outcomes(page.object_list, request.user)
    return render(
        request,
        "motions/paper_list.html",
        {
            "page": page,
            "filters": filters,
            "faction": filters.cleaned_data.get("fraktion"),
            "committee": filters.cleaned_data.get("gremium"),
            "problems": [*filters.problems(), page.problem] if page.problem else filters.problems(),
        },
    )


@require_safe
def detail(request, pk):
    paper = _get_paper(request, pk)
    roles = roles_of(request.user)
    insider = roles.office or bool(
        roles.factions & {s.faction_id for s in paper.sponsorships.all()}
    )
    pending = services.pending_agreements(paper) if paper.is_draft else []
    can_submit = paper.is_draft and request.user.has_perm("motions.submit_paper", paper)
    return render(
        request,
        "motions/paper_detail.html",
        {
            **letter_context(request, paper),
            "timeline": _timeline(paper, request.user, insider),
            "consultations": _consultations(paper, request.user),
            "pending": pending,
            "my_pending": [faction for faction in pending if faction.pk in roles.factions],
            # Who took a step is the factions' and the office's business, not the public's.
            "show_actors": insider,
            "version": services.version_of(paper),
            "can_submit": can_submit,
            # Said before the step is offered, not after "Jetzt verbindlich einreichen".
            "submission_problems": [
                message for _code, message in services.submission_problems(paper, request.user)
            ]
            if can_submit
            else [],
        },
    )


def letter_context(request, paper):
    """What the letter shows; an amended paper is named only to who may see it."""
    amends = None
    if (
        paper.amends_id
        and Paper.objects.visible_to(request.user).filter(pk=paper.amends_id).exists()
    ):
        amends = paper.amends
    return {
        "paper": paper,
        "chair": paper.addressee
        or (services.current_chair(paper.committee) if paper.is_draft else None),
        "amends": amends,
    }


def _timeline(paper, user, insider):
    """The paper's history. The drafting is the factions' own business: the public record
    starts with submission. A step taken at a non-public agenda item is as closed as the item:
    who may not read the item learns only that the step happened."""
    entries = list(
        TimelineEntry.objects.filter(paper=paper).select_related(
            "actor__person", "agenda_item__meeting"
        )
    )
    if not insider:
        entries = [entry for entry in entries if not entry.is_internal]
    at_items = [e.agenda_item_id for e in entries if e.agenda_item_id]
    readable = set(
        AgendaItem.objects.visible_to(user).filter(pk__in=at_items).values_list("pk", flat=True)
    )
    public = set(
        AgendaItem.objects.filter(pk__in=at_items, public=True).values_list("pk", flat=True)
    )
    for entry in entries:
        entry.closed = bool(entry.agenda_item_id) and entry.agenda_item_id not in readable
        if entry.closed:
            # A public item is closed only while its agenda is unpublished.
            entry.closed_because = (
                _("Tagesordnung noch nicht veröffentlicht")
                if entry.agenda_item_id in public
                else _("in nicht öffentlicher Sitzung")
            )
            entry.comment = ""
        elif entry.action == Action.SCHEDULED and entry.agenda_item_id:
            entry.comment = f"{entry.agenda_item.meeting} – {entry.agenda_item.number}"
    return entries


def _consultations(paper, user):
    """The consultation sequence; an agenda item's title only where the user may read it."""
    consultations = list(
        Consultation.objects.filter(paper=paper).select_related("meeting", "organization")
    )
    items = (
        AgendaItem.objects.select_related("meeting")
        .listed_for(user)
        .with_disclosure(user)
        .in_bulk([c.agenda_item_id for c in consultations if c.agenda_item_id])
    )
    for consultation in consultations:
        # A planned step has no item yet; an unpublished agenda's item is not told.
        consultation.item = items.get(consultation.agenda_item_id)
    return consultations


@login_required
@require_safe
def dashboard(request):
    """ "Unsere Anträge": every paper of the user's factions, what needs attention first."""
    roles = roles_of(request.user)
    if not (roles.factions or roles.office):
        raise PermissionDenied
    body = current_body(request)
    # A faction's own papers are visible to its staff by definition (Paper.visible_to), so the
    # list starts from them rather than from everything the user may read.
    papers = Paper.objects.filter(body=body)
    if not roles.office:
        papers = papers.of_factions(roles.factions)
    filters = DashboardFilterForm(request.GET or None, body=body)
    if filters.is_valid():
        if filters.cleaned_data["state"]:
            papers = papers.filter(state=filters.cleaned_data["state"])
        if filters.cleaned_data["committee"]:
            papers = papers.filter(committee=filters.cleaned_data["committee"])
    # Sorted as ids only: the order is computed over all the faction's papers (tens of thousands
    # after some years), and only the page's fifty are then read whole.
    ordered = papers.with_attention(factions=roles.factions).values_list("pk", flat=True)
    paginator = BoundedPaginator(ordered, PAGE_SIZE, counted=papers, bound=WORK_LIST_BOUND)
    page = paginator.get_page(request.GET.get("seite"))
    # The latest consultation is the paper's agenda slot; its number is public, its title not needed.
    # The units asked for a report: the requests the reports app keeps, reached by their name.
    rows = (
        _papers(request.user)
        .with_attention(factions=roles.factions)
        .prefetch_related(
            "report_requests__unit",
            Prefetch(
                "consultations",
                queryset=Consultation.objects.filter(meeting__isnull=False)
                .select_related("meeting", "agenda_item__meeting")
                .order_by("-meeting__start", "-pk"),
            ),
        )
    )
    rows = rows.in_bulk(list(page.object_list))
    page.object_list = [rows[pk] for pk in page.object_list if pk in rows]
    factions = Organization.objects.filter(pk__in=roles.factions).order_by("name")
    return render(
        request,
        "motions/dashboard.html",
        {"page": page, "filters": filters, "factions": factions, "today": timezone.localdate()},
    )


@login_required
@require_POST
def agree(request, pk):
    paper = _get_paper(request, pk)
    faction_id = request.POST.get("faction", "")
    if not is_id(faction_id):
        raise Http404
    faction = get_object_or_404(Organization, pk=faction_id, kind="faction")
    return _step(
        request,
        paper,
        services.agree,
        _("Die Zustimmung Ihrer Fraktion ist vermerkt."),
        faction=faction,
        seen_version=request.POST.get("version", ""),
    )


@login_required
def submit(request, pk):
    return _confirmed_step(
        request,
        pk,
        permission="motions.submit_paper",
        form_class=SubmitForm,
        template="motions/submit.html",
        service=services.submit,
        success=_("Eingereicht. Die Drucksachennummer ist vergeben."),
        arguments=lambda data: {"urgent": data["urgent"], "urgency_reason": data["urgency_reason"]},
    )


@login_required
def withdraw(request, pk):
    return _confirmed_step(
        request,
        pk,
        permission="motions.withdraw_paper",
        form_class=WithdrawForm,
        template="motions/withdraw.html",
        service=services.withdraw,
        success=_("Der Antrag ist zurückgezogen."),
        arguments=lambda data: {"comment": data["comment"]},
    )


def _confirmed_step(request, pk, *, permission, form_class, template, service, success, arguments):
    """A step that asks first: GET shows the confirmation form, POST takes the step."""
    paper = _get_paper(request, pk)
    if not request.user.has_perm(permission, paper):
        raise PermissionDenied
    form = form_class(request.POST if request.method == "POST" else None)
    if not form.is_bound or not form.is_valid():
        status = 400 if form.is_bound else 200
        return render(request, template, {"paper": paper, "form": form}, status=status)
    return _step(request, paper, service, success, **arguments(form.cleaned_data))


def _step(request, paper, service, success, **kwargs):
    try:
        service(paper=paper, by=request.user, **kwargs)
    except PermissionDenied:
        raise
    except (TransitionNotAllowed, ValidationError) as exc:
        messages.error(
            request, " ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
        )
    else:
        messages.success(request, success)
    return redirect(paper)


@require_safe
def attachment(request, pk, attachment_pk):
    paper = _get_paper(request, pk)
    file = next((a for a in paper.attachments.all() if a.pk == attachment_pk), None)
    if file is None:
        raise Http404
    return FileResponse(
        file.file.open("rb"),
        content_type=file.content_type,
        as_attachment=False,
        filename=file.file.name.rsplit("/", 1)[-1],
    )


@login_required
def notifications(request):
    """The user's notices; reading them is a POST ("mark all as read"), never a side effect."""
    if request.method == "POST":
        request.user.notifications.filter(read_at__isnull=True).update(read_at=timezone.now())
        return redirect("motions:notifications")
    # Only about papers the user may still see: a mandate that ended takes its notices along.
    notices = request.user.notifications.filter(
        paper__in=Paper.objects.visible_to(request.user)
    ).select_related("paper")[:100]
    return render(request, "motions/notifications.html", {"notices": notices})
