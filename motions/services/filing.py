"""Filing a paper: its reference number, its filing time and deadline, and taking it back."""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from council.models import AgendaResult, Membership, Role
from council.roles import roles_of
from motions.deadlines import filing_deadline
from motions.models import (
    DEFAULT_REFERENCE_PATTERN,
    UNDECIDED_STATES,
    Action,
    Consultation,
    Paper,
    PaperState,
    PaperType,
    ReferenceCounter,
    ReferencePattern,
    TransitionNotAllowed,
)
from motions.services.common import lock, move, require


def pending_agreements(paper):
    return [s.faction for s in paper.sponsorships.all() if s.agreed_at is None]


def submission_problems(paper, by):
    """What stands in the way of submitting the paper now, as (code, message) pairs.

    The paper page shows them before the step is offered; `submit` refuses with the same words.
    """
    problems = []
    roles = roles_of(by)
    sponsor_ids = {s.faction_id for s in paper.sponsorships.all()}
    if not roles.office and not sponsor_ids <= roles.factions:
        missing = pending_agreements(paper)
        if missing:
            names = ", ".join(f.name for f in missing)
            problems.append(
                ("agreement", _("Es fehlt noch die Zustimmung von: %(names)s.") % {"names": names})
            )
    if paper.paper_type == PaperType.AMENDMENT and not (
        paper.amends_id or paper.amends_agenda_item_id
    ):
        problems.append(
            (
                "amends_missing",
                _(
                    "Ein Änderungsantrag bezieht sich auf einen Antrag oder einen Tagesordnungspunkt."
                ),
            )
        )
    if (
        paper.paper_type != PaperType.INQUIRY
        and not paper.proposed_resolution.strip()
        and not paper.questions.exists()
    ):
        problems.append(("empty", _("Ein Antrag braucht einen Beschlussvorschlag oder Fragen.")))
    return problems


@transaction.atomic
def submit(*, paper, by, urgent=False, urgency_reason=""):
    """File the paper: give it its reference number, record the time and check the deadline."""
    paper = lock(paper)
    require(by, "motions.submit_paper", paper)
    paper.require_state(PaperState.DRAFT)
    problems = submission_problems(paper, by)
    for code, message in problems:
        if code == "agreement":
            raise TransitionNotAllowed(message)
    if problems:
        raise ValidationError([ValidationError(message, code=code) for code, message in problems])
    if urgent and not urgency_reason.strip():
        raise ValidationError(
            _("Ein Dringlichkeitsantrag braucht eine Begründung."), code="urgency_reason"
        )

    now = timezone.now()
    paper.submitted_at, paper.submitted_by = now, by
    paper.reference = next_reference(
        body=paper.body, paper_type=paper.paper_type, year=timezone.localdate(now).year
    )
    paper.letter_date = paper.letter_date or paper.received_on or timezone.localdate(now)
    paper.addressee = paper.addressee or current_chair(paper.committee)
    paper.urgent, paper.urgency_reason = urgent, urgency_reason.strip()
    paper.filing_deadline, paper.late = _deadline_and_lateness(paper)
    paper.report_due = answer_due(paper)
    comment = (
        _("verspätet eingegangen")
        if paper.late
        else (_("als Dringlichkeitsantrag") if urgent else "")
    )
    move(
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
    return paper


def filed_at(paper):
    """When the paper arrived: a letter entered by the office counts from the day it came in."""
    if paper.received_on:
        return timezone.make_aware(datetime.datetime.combine(paper.received_on, datetime.time(12)))
    return paper.submitted_at


def answer_due(paper):
    """An inquiry's answer date (rules of procedure), counted from the day the letter arrived."""
    if paper.paper_type != PaperType.INQUIRY:
        return paper.report_due
    arrived = paper.received_on or timezone.localdate(paper.submitted_at)
    return arrived + datetime.timedelta(days=paper.body.inquiry_answer_days)


def _deadline_and_lateness(paper):
    if not paper.target_meeting_id:
        return None, False
    deadline = filing_deadline(paper.target_meeting, paper.body)
    return deadline, not paper.urgent and filed_at(paper) > deadline


def correct_filing(paper, before):
    """After the office corrected a filed letter: deadline, lateness and answer date follow the
    corrected facts. Returns sentences for the history that say what changed."""
    said = []
    if paper.received_on != before.received_on and paper.received_on:
        said.append(
            _("Eingang des Schreibens: %(old)s → %(new)s.")
            % {
                "old": date_format(before.received_on, "d.m.Y") if before.received_on else "–",
                "new": date_format(paper.received_on, "d.m.Y"),
            }
        )
    paper.filing_deadline, paper.late = _deadline_and_lateness(paper)
    if paper.report_received_at is None:
        paper.report_due = answer_due(paper)
    if paper.late != before.late:
        said.append(_("Jetzt verspätet.") if paper.late else _("Jetzt fristgerecht."))
    return said


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
    pattern = (
        ReferencePattern.objects.filter(body=body, paper_type=paper_type)
        .values_list("pattern", flat=True)
        .first()
        or DEFAULT_REFERENCE_PATTERN[paper_type]
    )
    # Numbers taken by papers imported from an earlier system with the same scheme are
    # passed over: their papers keep the references they were filed under.
    while True:
        counter.last_number += 1
        reference = pattern.format(year=year, number=counter.last_number)
        if not Paper.objects.filter(body=body, reference=reference).exists():
            break
    counter.save(update_fields=["last_number"])
    return reference


@transaction.atomic
def withdraw(*, paper, by, comment=""):
    """The originators take the paper back; possible until it has been decided. A joint paper is
    taken back by its lead faction, which filed it for all."""
    paper = lock(paper)
    require(by, "motions.withdraw_paper", paper)
    paper.require_state(*UNDECIDED_STATES)
    item = None
    current = (
        Consultation.objects.select_related("agenda_item")
        .filter(paper=paper, agenda_item__isnull=False, agenda_item__result="")
        .first()
    )
    if current is not None:
        item = current.agenda_item
        item.result = AgendaResult.WITHDRAWN
        item.save(update_fields=["result", "modified"])
    # The steps still planned will not take place.
    paper.consultations.filter(meeting__isnull=True).delete()
    move(
        paper,
        by=by,
        to=PaperState.WITHDRAWN,
        action=Action.WITHDRAWN,
        comment=comment,
        item=item,
    )
    return paper
