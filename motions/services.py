"""Every step of a paper's life. Each one locks the paper, checks who acts and the state, changes
it and writes the timeline entry, in one transaction. Nothing else changes a paper's state."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from council.models import AgendaItem, AgendaResult, Membership, Role
from council.roles import roles_of
from motions import notifications
from motions.deadlines import filing_deadline
from motions.models import (
    DEFAULT_REFERENCE_PATTERN,
    UNDECIDED_STATES,
    Action,
    Consultation,
    Outcome,
    Paper,
    PaperState,
    PaperType,
    Question,
    ReferenceCounter,
    ReferencePattern,
    ReportKind,
    Signatory,
    Sponsorship,
    TimelineEntry,
    TransitionNotAllowed,
)


def _require(user, permission, paper):
    if not user.has_perm(permission, paper):
        raise PermissionDenied(_("Dazu sind Sie nicht berechtigt."))


def _lock(paper):
    return Paper.objects.select_for_update().get(pk=paper.pk)


def _record(paper, *, by, action, from_state="", comment=""):
    return TimelineEntry.objects.create(
        paper=paper,
        actor=by,
        action=action,
        from_state=from_state,
        to_state=paper.state,
        comment=comment,
    )


def _move(paper, *, by, to, action, comment="", fields=()):
    """Change the state, save the named fields and write the timeline entry."""
    from_state = paper.state
    paper.state = to
    paper.save(update_fields=["state", "modified", *fields])
    return _record(paper, by=by, action=action, from_state=from_state, comment=comment)


# Drafting -----------------------------------------------------------------------------------


@transaction.atomic
def save_draft(*, paper, by, factions, questions, signatories=(), seen_version=None):
    """Create or update a paper's letter: its fields, originators, questions and signatories.

    `factions` lists the originating factions, the lead faction first; `questions` the texts in
    order; `signatories` (person, function) pairs, each a member of an originating faction.
    Editing resets the co-sponsors' agreement, since they agreed to the text as it was; only the
    lead faction (or the office) may change who files the paper. After submission only the
    council office may edit, and the edit is recorded. With `seen_version`, an edit made on a
    copy that has changed since is refused instead of overwriting a colleague's work.
    """
    creating = paper.pk is None
    if creating:
        if not by.has_perm("motions.create_paper"):
            raise PermissionDenied(_("Dazu sind Sie nicht berechtigt."))
        if not roles_of(by).office and not roles_of(by).factions & {f.pk for f in factions}:
            raise PermissionDenied(_("Sie können nur für Ihre eigene Fraktion Anträge anlegen."))
        paper.created_by = by
    else:
        locked = _lock(paper)
        _require(by, "motions.edit_paper", locked)
        _require_version(locked, seen_version)
        _require_lead_for_originator_changes(locked, factions, by)
        # Only the letter's fields come from the form; state, reference and times from the row.
        for field in Paper._meta.concrete_fields:
            if field.editable and not field.primary_key:
                setattr(locked, field.attname, getattr(paper, field.attname))
        paper = locked
    if not factions:
        raise ValidationError(
            _("Mindestens eine Fraktion muss den Antrag stellen."), code="no_originator"
        )
    _require_signatories_of(factions, [person for person, _function in signatories])
    if paper.target_meeting_id and paper.is_draft:
        paper.filing_deadline = filing_deadline(paper.target_meeting, paper.body)
    paper.save()
    _sync_sponsorships(paper, factions, by)
    paper.questions.all().delete()
    Question.objects.bulk_create(
        Question(paper=paper, order=n, text=text) for n, text in enumerate(questions, start=1)
    )
    paper.signatories.all().delete()
    Signatory.objects.bulk_create(
        Signatory(
            paper=paper,
            person=person,
            function=function or default_function(person, factions),
            order=n,
        )
        for n, (person, function) in enumerate(signatories)
    )
    if creating:
        _record(paper, by=by, action=Action.CREATED)
    elif paper.is_draft:
        _record(paper, by=by, action=Action.EDITED)
    else:
        _record(
            paper,
            by=by,
            action=Action.EDITED,
            comment=_("Nach der Einreichung vom Sitzungsdienst geändert."),
        )
    return paper


def _require_lead_for_originator_changes(paper, factions, by):
    roles = roles_of(by)
    current = [s.faction_id for s in paper.sponsorships.order_by("-is_lead", "pk")]
    wanted = [f.pk for f in factions]
    unchanged = current[:1] == wanted[:1] and set(current) == set(wanted)
    if not unchanged and not roles.office and current and current[0] not in roles.factions:
        raise PermissionDenied(
            _("Nur die federführende Fraktion kann ändern, wer den Antrag stellt.")
        )


def _require_signatories_of(factions, people):
    members = set(
        Membership.objects.active()
        .filter(organization__in=factions, person__in=people)
        .values_list("person_id", flat=True)
    )
    strangers = [person for person in people if person.pk not in members]
    if strangers:
        names = ", ".join(person.name for person in strangers)
        raise ValidationError(
            _("Unterzeichnen können nur Mitglieder der antragstellenden Fraktionen: %(names)s.")
            % {"names": names},
            code="foreign_signatory",
        )


def _sync_sponsorships(paper, factions, by):
    own = roles_of(by).factions
    existing = {s.faction_id: s for s in paper.sponsorships.all()}
    wanted = [f.pk for f in factions]
    Sponsorship.objects.filter(paper=paper).exclude(faction_id__in=wanted).delete()
    Sponsorship.objects.filter(paper=paper).update(is_lead=False)
    now = timezone.now()
    for position, faction_id in enumerate(wanted):
        sponsorship = existing.get(faction_id) or Sponsorship(paper=paper, faction_id=faction_id)
        sponsorship.is_lead = position == 0
        # The author's own factions agree by writing; the others must confirm the new text.
        if faction_id in own:
            sponsorship.agreed_at, sponsorship.agreed_by = now, by
        elif paper.is_draft:
            sponsorship.agreed_at, sponsorship.agreed_by = None, None
        sponsorship.save()


def default_function(person, factions):
    """The line under a signature: the person's function in one of the originating factions."""
    membership = (
        Membership.objects.active()
        .filter(person=person, organization__in=factions)
        .select_related("organization")
        .order_by("role")
        .first()
    )
    if membership is None:
        return ""
    if membership.role == Role.FACTION_CHAIR:
        return _("Vorsitz der %(faction)s") % {"faction": membership.organization.name}
    return membership.organization.name


@transaction.atomic
def agree(*, paper, faction, by, seen_version=None):
    """A co-sponsoring faction's staff confirm the joint paper as it now reads.

    `seen_version` is the paper's version (see `version_of`) when the text was shown; if the
    text changed since, the agreement would be to words nobody from the faction has read.
    """
    paper = _lock(paper)
    paper.require_state(PaperState.DRAFT)
    if faction.pk not in roles_of(by).factions:
        raise PermissionDenied(_("Nur die Fraktion selbst kann ihre Mitantragstellung bestätigen."))
    _require_version(paper, seen_version)
    sponsorship = paper.sponsorships.filter(faction=faction).first()
    if sponsorship is None:
        raise PermissionDenied(_("Diese Fraktion stellt den Antrag nicht mit."))
    sponsorship.agreed_at, sponsorship.agreed_by = timezone.now(), by
    sponsorship.save(update_fields=["agreed_at", "agreed_by"])
    _record(paper, by=by, action=Action.AGREED, comment=faction.name)
    return paper


def version_of(paper):
    """An opaque version of the paper's text, for forms that must not act on a stale copy."""
    return paper.modified.isoformat() if paper.modified else ""


def _require_version(paper, seen_version):
    if seen_version is not None and seen_version != version_of(paper):
        raise TransitionNotAllowed(
            _("Der Antrag wurde inzwischen geändert. Bitte lesen Sie die aktuelle Fassung.")
        )


def pending_agreements(paper):
    return [s.faction for s in paper.sponsorships.all() if s.agreed_at is None]


# Submission ----------------------------------------------------------------------------------


@transaction.atomic
def submit(*, paper, by, urgent=False, urgency_reason=""):
    """File the paper: give it its reference number, record the time and check the deadline."""
    paper = _lock(paper)
    _require(by, "motions.submit_paper", paper)
    paper.require_state(PaperState.DRAFT)
    roles = roles_of(by)
    sponsor_ids = {s.faction_id for s in paper.sponsorships.all()}
    if not roles.office and not sponsor_ids <= roles.factions:
        missing = pending_agreements(paper)
        if missing:
            names = ", ".join(f.name for f in missing)
            raise TransitionNotAllowed(
                _("Es fehlt noch die Zustimmung von: %(names)s.") % {"names": names}
            )
    if urgent and not urgency_reason.strip():
        raise ValidationError(
            _("Ein Dringlichkeitsantrag braucht eine Begründung."), code="urgency_reason"
        )
    if paper.paper_type == PaperType.AMENDMENT and not (
        paper.amends_id or paper.amends_agenda_item_id
    ):
        raise ValidationError(
            _("Ein Änderungsantrag bezieht sich auf einen Antrag oder einen Tagesordnungspunkt."),
            code="amends_missing",
        )
    if (
        not paper.questions.exists()
        and not paper.proposed_resolution.strip()
        and paper.paper_type != PaperType.INQUIRY
    ):
        raise ValidationError(
            _("Ein Antrag braucht einen Beschlussvorschlag oder Fragen."), code="empty"
        )

    now = timezone.now()
    paper.submitted_at, paper.submitted_by = now, by
    paper.reference = next_reference(
        body=paper.body, paper_type=paper.paper_type, year=timezone.localdate(now).year
    )
    paper.letter_date = paper.letter_date or paper.received_on or timezone.localdate(now)
    paper.addressee = paper.addressee or current_chair(paper.committee)
    paper.urgent, paper.urgency_reason = urgent, urgency_reason.strip()
    if paper.target_meeting_id:
        paper.filing_deadline = filing_deadline(paper.target_meeting, paper.body)
        paper.late = not urgent and filed_at(paper) > paper.filing_deadline
    if paper.paper_type == PaperType.INQUIRY:
        paper.report_due = timezone.localdate(now) + datetime.timedelta(
            days=paper.body.inquiry_answer_days
        )
    comment = (
        _("verspätet eingegangen")
        if paper.late
        else (_("als Dringlichkeitsantrag") if urgent else "")
    )
    entry = _move(
        paper,
        by=by,
        to=PaperState.SUBMITTED,
        action=Action.SUBMITTED,
        comment=comment,
        fields=[
            "submitted_at",
            "submitted_by",
            "reference",
            "letter_date",
            "addressee",
            "urgent",
            "urgency_reason",
            "filing_deadline",
            "late",
            "report_due",
        ],
    )
    notifications.paper_submitted(paper, entry)
    return paper


def filed_at(paper):
    """When the paper arrived: a letter entered by the office counts from the day it came in."""
    if paper.received_on:
        return timezone.make_aware(datetime.datetime.combine(paper.received_on, datetime.time(12)))
    return paper.submitted_at


def current_chair(committee):
    membership = (
        Membership.objects.active()
        .filter(organization=committee, role=Role.CHAIR)
        .select_related("person")
        .first()
    )
    return membership.person if membership else None


def next_reference(*, body, paper_type, year):
    """The next number for the type and year, gap-free: the counter row stays locked until the
    submitting transaction ends, and is rolled back with it if the submission fails."""
    try:
        with transaction.atomic():
            ReferenceCounter.objects.get_or_create(body=body, paper_type=paper_type, year=year)
    except IntegrityError:
        pass  # created by a concurrent submission in the meantime
    counter = ReferenceCounter.objects.select_for_update().get(
        body=body, paper_type=paper_type, year=year
    )
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    pattern = (
        ReferencePattern.objects.filter(body=body, paper_type=paper_type)
        .values_list("pattern", flat=True)
        .first()
        or DEFAULT_REFERENCE_PATTERN[paper_type]
    )
    return pattern.format(year=year, number=counter.last_number)


@transaction.atomic
def withdraw(*, paper, by, comment=""):
    """The originators take the paper back; possible until it has been decided."""
    paper = _lock(paper)
    _require(by, "motions.withdraw_paper", paper)
    paper.require_state(*UNDECIDED_STATES)
    if paper.state == PaperState.SCHEDULED:
        _set_result(paper, AgendaResult.WITHDRAWN)
    _move(paper, by=by, to=PaperState.WITHDRAWN, action=Action.WITHDRAWN, comment=comment)
    return paper


# The committee's steps ------------------------------------------------------------------------


@transaction.atomic
def schedule(*, paper, meeting, by, public=None, role=Consultation.Role.DECISION):
    """Put the paper on a meeting's agenda as a new item at its end."""
    paper = _lock(paper)
    _require(by, "motions.schedule_paper", paper)
    if not by.has_perm("council.manage_meeting", meeting):
        raise PermissionDenied(_("Sie können nur Sitzungen Ihres Gremiums planen."))
    if meeting.cancelled:
        raise ValidationError(_("Die Sitzung ist abgesagt."), code="meeting_cancelled")
    if paper.state == PaperState.DECIDED and paper.outcome == Outcome.REFERRED:
        paper.outcome = ""  # referred to another committee: it is open again there
    else:
        paper.require_state(PaperState.SUBMITTED)
    public = paper.is_public if public is None else public
    item = append_agenda_item(meeting, title=f"{paper.reference} {paper.title}", public=public)
    organization = (
        meeting.organizations.filter(pk=paper.committee_id).first() or meeting.organizations.first()
    )
    Consultation.objects.create(
        paper=paper,
        meeting=meeting,
        agenda_item=item,
        organization=organization,
        role=role,
        authoritative=role == Consultation.Role.DECISION,
    )
    _move(
        paper,
        by=by,
        to=PaperState.SCHEDULED,
        action=Action.SCHEDULED,
        comment=f"{meeting} – {item.number}",
        fields=["outcome"],
    )
    return paper


def append_agenda_item(meeting, *, title, public):
    """A new item after the last item of its kind: public items stay before non-public ones,
    and it takes the next top-level number ("Ö 6" after "Ö 5.1")."""
    # The meeting row is the lock: an empty agenda has no item rows to lock.
    type(meeting).objects.select_for_update().filter(pk=meeting.pk).first()
    items = list(AgendaItem.objects.select_for_update().filter(meeting=meeting).order_by("order"))
    same_kind = [item for item in items if item.public == public]
    number = max((_top_level_number(item.number) for item in same_kind), default=0) + 1
    if public:
        position = max((item.order for item in same_kind), default=0) + 1
        # Make room before the non-public items; two steps keep (meeting, order) unique.
        later = AgendaItem.objects.filter(meeting=meeting, order__gte=position)
        later.update(order=F("order") + 100_000)
        later.update(order=F("order") - 99_999)
    else:
        position = max((item.order for item in items), default=0) + 1
    prefix = "Ö" if public else "N"
    return AgendaItem.objects.create(
        meeting=meeting, order=position, number=f"{prefix} {number}", title=title, public=public
    )


def _top_level_number(number):
    digits = number.split()[-1].split(".")[0] if number.split() else ""
    return int(digits) if digits.isdigit() else 0


def _current_consultation(paper):
    """The consultation the paper sits on now: the latest one created (a postponed paper may be
    rescheduled onto an earlier meeting than the one it was first put on)."""
    return paper.consultations.select_related("agenda_item").order_by("-pk").first()


def _current_item(paper):
    consultation = _current_consultation(paper)
    return consultation.agenda_item if consultation else None


def _set_result(paper, result, resolution_text=""):
    item = _current_item(paper)
    if item is not None:
        item.result = result
        item.resolution_text = resolution_text or item.resolution_text
        item.save(update_fields=["result", "resolution_text", "modified"])


@transaction.atomic
def postpone(*, paper, by, comment=""):
    """The committee postpones: the paper waits to be scheduled again."""
    paper = _lock(paper)
    _require(by, "motions.decide_paper", paper)
    paper.require_state(PaperState.SCHEDULED)
    _set_result(paper, AgendaResult.POSTPONED)
    _move(paper, by=by, to=PaperState.SUBMITTED, action=Action.POSTPONED, comment=comment)
    return paper


@transaction.atomic
def decide(*, paper, by, outcome, resolution_text="", comment=""):
    """Record the committee's decision on the paper's agenda item."""
    paper = _lock(paper)
    _require(by, "motions.decide_paper", paper)
    paper.require_state(PaperState.SCHEDULED)
    if outcome not in Outcome.values:
        raise ValidationError(_("Unbekanntes Ergebnis."), code="outcome")
    _set_result(paper, outcome, resolution_text)
    consultation = _current_consultation(paper)
    if consultation is not None and not consultation.authoritative:
        # A preliminary consultation recommends; the paper waits for the deciding committee.
        _move(
            paper,
            by=by,
            to=PaperState.SUBMITTED,
            action=Action.RECOMMENDED,
            comment=comment or Outcome(outcome).label,
        )
        return paper
    paper.outcome = outcome
    _move(
        paper,
        by=by,
        to=PaperState.DECIDED,
        action=Action.DECIDED,
        comment=comment or Outcome(outcome).label,
        fields=["outcome"],
    )
    return paper


# The report ------------------------------------------------------------------------------------


def _may_ask_for_report(paper):
    if paper.state == PaperState.DECIDED:
        return paper.outcome in (Outcome.ADOPTED, Outcome.ADOPTED_AMENDED)
    # An inquiry, or a motion that asks only for a report, goes to the administration directly.
    asks_for_report = paper.paper_type == PaperType.INQUIRY or paper.report_kind != ReportKind.NONE
    return paper.state in (PaperState.SUBMITTED, PaperState.SCHEDULED) and asks_for_report


@transaction.atomic
def request_report(*, paper, by, unit, due_date, comment=""):
    """Ask an administration unit for the report, due on a date."""
    paper = _lock(paper)
    _require(by, "motions.request_report", paper)
    if not _may_ask_for_report(paper):
        raise TransitionNotAllowed(
            _("Für diesen Antrag kann (noch) kein Bericht angefordert werden.")
        )
    if unit.kind != "administration":
        raise ValidationError(_("Berichte schreibt eine Verwaltungseinheit."), code="unit")
    if due_date < timezone.localdate():
        raise ValidationError(
            _("Das Fälligkeitsdatum liegt in der Vergangenheit."), code="due_past"
        )
    paper.report_unit, paper.report_due = unit, due_date
    entry = _move(
        paper,
        by=by,
        to=PaperState.REPORT_REQUESTED,
        action=Action.REPORT_REQUESTED,
        comment=comment or f"{unit.name}, {due_date:%d.%m.%Y}",
        fields=["report_unit", "report_due"],
    )
    notifications.report_requested(paper, entry)
    return paper


@transaction.atomic
def receive_report(*, paper, by, comment=""):
    """The administration's report has come back."""
    paper = _lock(paper)
    _require(by, "motions.receive_report", paper)
    paper.require_state(PaperState.REPORT_REQUESTED)
    paper.report_received_at = timezone.now()
    _move(
        paper,
        by=by,
        to=PaperState.REPORT_RECEIVED,
        action=Action.REPORT_RECEIVED,
        comment=comment,
        fields=["report_received_at"],
    )
    return paper


@transaction.atomic
def close(*, paper, by, comment=""):
    """Done: the report was presented, or the decision needs nothing further."""
    paper = _lock(paper)
    _require(by, "motions.close_paper", paper)
    paper.require_state(PaperState.REPORT_RECEIVED, PaperState.DECIDED)
    _move(paper, by=by, to=PaperState.CLOSED, action=Action.CLOSED, comment=comment)
    return paper
