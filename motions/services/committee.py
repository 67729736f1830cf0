"""The committees' steps: the consultation sequence, scheduling, postponing, referring and
deciding. The right to record a result follows the meeting, not the addressed committee: after a
referral the other committee's chair records its decision, and a preliminary consultation is
recorded by the chair of the committee that held it."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from council import agenda
from council.models import AgendaResult, MeetingState, OrganizationKind
from motions.models import Action, Consultation, Outcome, PaperState, TransitionNotAllowed
from motions.services.common import lock, move, require

COMMITTEE_KINDS = [OrganizationKind.COUNCIL, OrganizationKind.COMMITTEE, OrganizationKind.OTHER]


def next_planned(paper):
    """The first step of the sequence that is not on an agenda yet, or None."""
    return (
        paper.consultations.filter(meeting__isnull=True)
        .select_related("organization")
        .order_by("position", "pk")
        .first()
    )


def awaited_committee(paper):
    """The committee the paper waits for: its next planned step's, or the addressed one."""
    planned = next_planned(paper)
    return planned.organization if planned else paper.committee


def current_consultation(paper):
    """The consultation on whose agenda item the paper sits now: a scheduled paper has exactly
    one item without a result."""
    return (
        paper.consultations.select_related("agenda_item", "meeting", "organization")
        .filter(agenda_item__isnull=False, agenda_item__result="")
        .first()
    )


@transaction.atomic
def plan(*, paper, by, steps):
    """Plan the consultation sequence ahead: `steps` is a list of (committee, role) in order.

    Replaces the steps not yet on an agenda; what has been scheduled or held stays as it was.
    """
    paper = lock(paper)
    require(by, "motions.plan_consultations", paper)
    paper.require_state(PaperState.SUBMITTED, PaperState.SCHEDULED)
    for n, (committee, role) in enumerate(steps, start=1):
        if committee.kind not in COMMITTEE_KINDS:
            raise ValidationError(_("Beraten können nur Rat und Ausschüsse."), code="committee")
        if role not in Consultation.Role.values:
            raise ValidationError(_("Unbekannte Rolle."), code="role")
        if role == Consultation.Role.DECISION and n < len(steps):
            raise ValidationError(
                _("Die Entscheidung ist der letzte Schritt der Beratungsfolge."),
                code="decision_last",
            )
    paper.consultations.filter(meeting__isnull=True).delete()
    held = paper.consultations.order_by("-position").values_list("position", flat=True).first()
    Consultation.objects.bulk_create(
        Consultation(
            paper=paper,
            position=(held or 0) + n,
            organization=committee,
            role=role,
            authoritative=role == Consultation.Role.DECISION,
        )
        for n, (committee, role) in enumerate(steps, start=1)
    )
    return paper


@transaction.atomic
def schedule(*, paper, meeting, by, public=None, role=None):
    """Put the paper on a meeting's agenda as a new item at its end: the next planned step of its
    consultation sequence, or (with none planned) a consultation of the addressed committee."""
    paper = lock(paper)
    require(by, "motions.schedule_paper", paper)
    if not by.has_perm("council.manage_meeting", meeting):
        raise PermissionDenied(_("Sie können nur Sitzungen Ihres Gremiums planen."))
    if meeting.cancelled or meeting.minutes_released_at or meeting.state == MeetingState.HELD:
        raise ValidationError(
            _("Die Sitzung ist %(state)s; sie nimmt keine Punkte mehr auf.")
            % {"state": meeting.get_state_display()},
            code="meeting_closed",
        )
    paper.require_state(PaperState.SUBMITTED)
    committee = awaited_committee(paper)
    if not meeting.organizations.filter(pk=committee.pk).exists():
        raise ValidationError(
            _("Der Antrag wartet auf die Beratung in: %(name)s.") % {"name": committee.name},
            code="foreign_meeting",
        )
    public = paper.is_public if public is None else public
    item = append_agenda_item(meeting, title=f"{paper.reference} {paper.title}", public=public)
    consultation = next_planned(paper) or Consultation(
        paper=paper, position=_last_position(paper) + 1, organization=committee
    )
    consultation.role = role or (
        consultation.role if consultation.pk else Consultation.Role.DECISION
    )
    consultation.authoritative = consultation.role == Consultation.Role.DECISION
    consultation.meeting, consultation.agenda_item = meeting, item
    consultation.save()
    # Where it was put is told from the item, as long as the item exists and may be read.
    move(paper, by=by, to=PaperState.SCHEDULED, action=Action.SCHEDULED, item=item)
    return paper


def _last_position(paper):
    return paper.consultations.order_by("-position").values_list("position", flat=True).first() or 0


def append_agenda_item(meeting, *, title, public):
    """A new item for a paper, where papers go on the agenda (see council.agenda)."""
    return agenda.add_item(meeting, title=title, public=public)


def _sitting(paper, by):
    """The paper's current consultation, if `by` may record its result."""
    paper.require_state(PaperState.SCHEDULED)
    consultation = current_consultation(paper)
    if consultation is None:
        raise TransitionNotAllowed(_("Der Antrag steht auf keiner Tagesordnung."))
    if not by.has_perm("council.manage_meeting", consultation.meeting):
        raise PermissionDenied(
            _("Ergebnisse hält der Vorsitz des beratenden Gremiums oder der Sitzungsdienst fest.")
        )
    return consultation


def _close_item(item, result, resolution_text=""):
    agenda.close_item(item, result, resolution_text)


@transaction.atomic
def unschedule(*, paper, by, comment=""):
    """Take the paper off an agenda that has not been published yet: it waits again. Once
    published, the item stays; the committee postpones it in the meeting."""
    paper = lock(paper)
    paper.require_state(PaperState.SCHEDULED)
    consultation = current_consultation(paper)
    if not by.has_perm("council.manage_meeting", consultation.meeting):
        raise PermissionDenied(_("Nur Vorsitz und Sitzungsdienst bereiten diese Sitzung vor."))
    item = consultation.agenda_item
    if item.published_at:
        raise ValidationError(
            _("Die Tagesordnung ist veröffentlicht; vertagen Sie den Punkt in der Sitzung."),
            code="published",
        )
    consultation.meeting, consultation.agenda_item = None, None
    consultation.save(update_fields=["meeting", "agenda_item", "modified"])
    agenda.drop_item(item)
    move(paper, by=by, to=PaperState.SUBMITTED, action=Action.UNSCHEDULED, comment=comment)
    return paper


@transaction.atomic
def postpone(*, paper, by, comment=""):
    """The committee postpones: the same step waits to be scheduled again."""
    paper = lock(paper)
    consultation = _sitting(paper, by)
    _close_item(consultation.agenda_item, AgendaResult.POSTPONED)
    Consultation.objects.create(
        paper=paper,
        position=consultation.position,
        organization=consultation.organization,
        role=consultation.role,
        authoritative=consultation.authoritative,
    )
    move(
        paper,
        by=by,
        to=PaperState.SUBMITTED,
        action=Action.POSTPONED,
        comment=comment,
        item=consultation.agenda_item,
    )
    return paper


@transaction.atomic
def refer(*, paper, by, to, comment=""):
    """The committee hands the paper to another committee. No decision on the motion: the paper
    waits for that committee (and can still be withdrawn)."""
    paper = lock(paper)
    consultation = _sitting(paper, by)
    if to.kind not in COMMITTEE_KINDS or to.pk == consultation.organization_id:
        raise ValidationError(
            _("Bitte wählen Sie das Gremium, an das verwiesen wird."), code="refer_to"
        )
    _close_item(consultation.agenda_item, AgendaResult.REFERRED)
    # The referred committee's consultation comes next, before any step still planned.
    paper.consultations.filter(position__gt=consultation.position).update(
        position=F("position") + 1
    )
    Consultation.objects.create(
        paper=paper, position=consultation.position + 1, organization=to, role="decision"
    )
    move(
        paper,
        by=by,
        to=PaperState.SUBMITTED,
        action=Action.REFERRED,
        comment=comment or _("an %(name)s") % {"name": to.name},
        item=consultation.agenda_item,
    )
    return paper


@transaction.atomic
def decide(*, paper, by, outcome, resolution_text="", comment=""):
    """Record the committee's result on the paper's agenda item.

    A deciding consultation decides the paper; a preliminary one records a recommendation and
    the paper waits for the next step; taking note decides nothing but ends the paper's route
    unless further steps are planned.
    """
    paper = lock(paper)
    consultation = _sitting(paper, by)
    if outcome not in Outcome.values:
        raise ValidationError(_("Unbekanntes Ergebnis."), code="outcome")
    role = consultation.role
    if role == Consultation.Role.NOTICE and outcome != Outcome.TAKEN_NOTE:
        raise ValidationError(
            _(
                "Bei einer Kenntnisnahme wird nicht abgestimmt: das Ergebnis ist „zur Kenntnis genommen“."
            ),
            code="notice_only",
        )
    item = consultation.agenda_item
    _close_item(item, outcome, resolution_text)
    label = comment or Outcome(outcome).label
    more_to_come = next_planned(paper) is not None
    if role == Consultation.Role.PRELIMINARY or (role == Consultation.Role.NOTICE and more_to_come):
        action = Action.RECOMMENDED if role == Consultation.Role.PRELIMINARY else Action.TAKEN_NOTE
        move(paper, by=by, to=PaperState.SUBMITTED, action=action, comment=label, item=item)
        return paper
    paper.outcome, paper.decision_item = outcome, item
    action = Action.TAKEN_NOTE if role == Consultation.Role.NOTICE else Action.DECIDED
    # A decision ends the route: steps still planned after it will not take place.
    paper.consultations.filter(meeting__isnull=True).delete()
    move(
        paper,
        by=by,
        to=PaperState.DECIDED,
        action=action,
        comment=label,
        fields=["outcome", "decision_item"],
        item=item,
    )
    return paper
