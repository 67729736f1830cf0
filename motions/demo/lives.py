"""The life of a generated paper, step by step as the services take it, kept in memory.

Each step mirrors a service of motions/services: it requires the state the service requires,
sets the same fields, and writes the same timeline entry, consultation and agenda item, at a
moment of the demo's past. A step that would fall on or after the demo's today is not taken: the
paper stands where the last step left it. Left out are only the row locks, the notifications and
the queries per paper, so that a hundred thousand papers can be written in bulk.
"""

import datetime
import random
from dataclasses import dataclass

from django.utils import timezone

from council.models import AgendaItem, AgendaResult
from motions import services
from motions.demo.letters import DEMO_NOW
from motions.demo.sizing import SETTINGS
from motions.models import (
    Action,
    Consultation,
    Outcome,
    Paper,
    PaperState,
    PaperType,
    Question,
    Signatory,
    Sponsorship,
    TimelineEntry,
    TransitionNotAllowed,
)

SHARES = SETTINGS["shares"]
RESOLUTIONS = SETTINGS["resolutions"]
Role = Consultation.Role


class Today(Exception):
    """The next step would fall on or after the demo's today."""


@dataclass
class Head:
    """What is known of paper n before its life: all its reference number depends on."""

    kind: str  # "motion", "inquiry" or "closed" (a non-public motion)
    filed: datetime.datetime  # when it was (or will be) submitted
    draft: bool  # still a draft on the demo's today
    abandoned: bool  # withdrawn as a draft

    @property
    def paper_type(self):
        return PaperType.INQUIRY if self.kind == "inquiry" else PaperType.MOTION

    @property
    def submitted(self):
        return not (self.draft or self.abandoned)


def _between(rng, first, last):
    """A moment in office hours between `first` and `last` (as near as the window allows)."""
    moment = first + (last - first) * rng.random()
    office = moment.replace(hour=rng.randint(8, 17), minute=rng.randrange(0, 60, 5))
    return min(max(office, first), last - datetime.timedelta(minutes=1))


def head(n, slot):
    """Paper n's kind and moment of filing: in its slot's window, now and then after it."""
    rng = random.Random(n)
    share = rng.random()
    kind = "inquiry" if share < SHARES["inquiry"] else "motion"
    if SHARES["inquiry"] <= share < SHARES["inquiry"] + SHARES["closed"]:
        kind = "closed"
    last = min(slot.deadline, DEMO_NOW)
    before = slot.start - datetime.timedelta(days=1)
    if (
        kind != "inquiry"
        and rng.random() < SHARES["late"]
        and slot.deadline < min(before, DEMO_NOW)
    ):
        filed = _between(rng, slot.deadline + datetime.timedelta(minutes=1), min(before, DEMO_NOW))
    else:
        filed = _between(rng, slot.opens, last)
    recent = filed > DEMO_NOW - datetime.timedelta(weeks=3)
    draft = recent and rng.random() < SHARES["draft"]
    abandoned = not draft and rng.random() < SHARES["abandoned"]
    return Head(kind, filed, draft, abandoned)


def days(rng, least, most):
    return datetime.timedelta(days=rng.randint(least, most))


def at_hour(moment, hour):
    return moment.replace(hour=hour, minute=0, second=0, microsecond=0)


def choose(rng, weights):
    return rng.choices(list(weights), weights=list(weights.values()))[0]


class Life:
    """Paper n, filed for `slot`, from its draft to where it stands on the demo's today."""

    def __init__(self, world, n, slot, reference):
        self.world, self.n, self.slot, self.reference = world, n, slot, reference
        self.head = head(n, slot)
        self.rng = random.Random(-n)
        self.consultations, self.items, self.timeline = [], [], []
        self.sponsorships, self.signatories, self.questions = [], [], []
        self.paper = None

    # The steps, as the services take them -------------------------------------------------

    def _step(self, at, actor, action, to_state=None, comment="", item=None, internal=False):
        if at >= DEMO_NOW:
            raise Today
        paper = self.paper
        from_state = "" if internal else paper.state
        paper.state = to_state or paper.state
        paper.modified = at
        self.timeline.append(
            TimelineEntry(
                paper=paper,
                at=at,
                actor=actor,
                action=action,
                from_state=from_state,
                to_state=paper.state,
                comment=comment,
                agenda_item=item,
            )
        )

    def _require(self, at, *states):
        """The service's check of the state; and no step on or after the demo's today."""
        if self.paper.state not in states:
            raise TransitionNotAllowed(f"{self.paper.state} → {states}")
        if at >= DEMO_NOW:
            raise Today

    def create(self, at):
        """The draft is begun (services.save_draft)."""
        self._step(at, self.paper.created_by, Action.CREATED, internal=True)

    def edit(self, at):
        self._require(at, PaperState.DRAFT)
        self._step(at, self.paper.created_by, Action.EDITED, internal=True)

    def agree(self, at, sponsorship, by):
        """A partner faction agrees to the joint paper as it reads (services.agree)."""
        self._require(at, PaperState.DRAFT)
        self._step(at, by, Action.AGREED, comment=sponsorship.faction.name, internal=True)
        sponsorship.agreed_at, sponsorship.agreed_by = at, by

    def submit(self, at, urgency_reason=""):
        paper = self.paper
        self._require(at, PaperState.DRAFT)
        paper.submitted_at, paper.submitted_by = at, paper.created_by
        paper.reference = self.reference
        paper.letter_date = paper.letter_date or paper.received_on or timezone.localdate(at)
        paper.addressee_id = self.world.chair(paper.committee_id, at.date())
        paper.urgent, paper.urgency_reason = bool(urgency_reason), urgency_reason
        if paper.target_meeting_id:
            paper.filing_deadline = self.world.sittings[paper.target_meeting_id].deadline
            paper.late = not paper.urgent and services.filed_at(paper) > paper.filing_deadline
        paper.report_due = services.answer_due(paper)
        comment = "als Dringlichkeitsantrag" if paper.urgent else ""
        comment = "verspätet eingegangen" if paper.late else comment
        self._step(at, paper.created_by, Action.SUBMITTED, PaperState.SUBMITTED, comment)

    def plan(self, steps, at):
        """The consultation sequence, planned ahead (the services record no step for it)."""
        self._require(at, PaperState.SUBMITTED)
        for position, (committee, role) in enumerate(steps, start=1):
            self._consult(committee, role, position, at)

    def _consult(self, committee, role, position, at):
        consultation = Consultation(
            paper=self.paper,
            position=position,
            organization_id=self.world.organizations[committee].pk,
            role=role,
            authoritative=role == Role.DECISION,
            created=at,
            modified=at,
        )
        self.consultations.append(consultation)
        return consultation

    def _planned(self):
        planned = [c for c in self.consultations if c.meeting_id is None]
        return min(planned, key=lambda c: c.position) if planned else None

    def _current(self):
        return next(c for c in self.consultations if c.agenda_item and not c.agenda_item.result)

    def schedule(self, sitting, at, role=Role.DECISION):
        paper = self.paper
        self._require(at, PaperState.SUBMITTED)
        public = paper.is_public
        order, number = sitting.place(public)
        item = AgendaItem(
            meeting_id=sitting.pk,
            order=order,
            number=number,
            title=f"{paper.reference} {paper.title}",
            public=public,
            created=at,
            modified=at,
        )
        self.items.append(item)
        consultation = self._planned()
        if consultation is None:
            position = max((c.position for c in self.consultations), default=0) + 1
            consultation = self._consult(sitting.short_name, role, position, at)
        consultation.meeting_id, consultation.agenda_item, consultation.modified = (
            sitting.pk,
            item,
            at,
        )
        actor = self.world.chair_login(sitting.short_name)
        comment = f"{sitting.label} – {number}"
        self._step(at, actor, Action.SCHEDULED, PaperState.SCHEDULED, comment, item)
        return item

    def _close_item(self, at, result, text=""):
        consultation = self._current()
        item = consultation.agenda_item
        item.result, item.resolution_text, item.modified = result, text, at
        consultation.modified = at
        return consultation, item

    def decide(self, at, outcome, text):
        self._require(at, PaperState.SCHEDULED)
        consultation, item = self._close_item(at, outcome, text)
        actor = self.world.chair_login(self.world.short_names[consultation.organization_id])
        label = str(Outcome(outcome).label)
        more = self._planned() is not None
        if consultation.role == Role.PRELIMINARY or (consultation.role == Role.NOTICE and more):
            action = (
                Action.RECOMMENDED if consultation.role == Role.PRELIMINARY else Action.TAKEN_NOTE
            )
            self._step(at, actor, action, PaperState.SUBMITTED, label, item)
            return
        self.paper.outcome, self.paper.decision_item = outcome, item
        action = Action.TAKEN_NOTE if consultation.role == Role.NOTICE else Action.DECIDED
        self._step(at, actor, action, PaperState.DECIDED, label, item)

    def postpone(self, at, comment=""):
        self._require(at, PaperState.SCHEDULED)
        consultation, item = self._close_item(at, AgendaResult.POSTPONED)
        again = self._consult(
            self.world.short_names[consultation.organization_id],
            consultation.role,
            consultation.position,
            at,
        )
        again.authoritative = consultation.authoritative
        actor = self.world.chair_login(self.world.short_names[consultation.organization_id])
        self._step(at, actor, Action.POSTPONED, PaperState.SUBMITTED, comment, item)

    def refer(self, at, to):
        self._require(at, PaperState.SCHEDULED)
        consultation, item = self._close_item(at, AgendaResult.REFERRED)
        for later in self.consultations:
            if later.position > consultation.position:
                later.position += 1
        self._consult(to, Role.DECISION, consultation.position + 1, at)
        actor = self.world.chair_login(self.world.short_names[consultation.organization_id])
        comment = f"an {self.world.organizations[to].name}"
        self._step(at, actor, Action.REFERRED, PaperState.SUBMITTED, comment, item)

    def withdraw(self, at, comment=""):
        self._require(at, PaperState.DRAFT, PaperState.SUBMITTED, PaperState.SCHEDULED)
        item = None
        if self.paper.state == PaperState.SCHEDULED:
            text = RESOLUTIONS["withdrawn"]
            _consultation, item = self._close_item(at, AgendaResult.WITHDRAWN, text)
        # The steps still planned will not take place.
        self.consultations = [c for c in self.consultations if c.meeting_id is not None]
        author = self.paper.created_by
        self._step(at, author, Action.WITHDRAWN, PaperState.WITHDRAWN, comment, item)

    def request_report(self, at, due):
        paper = self.paper
        if not services.may_ask_for_report(paper):
            raise TransitionNotAllowed(paper.state)
        unit = self.world.units[paper.committee_id]
        if at >= DEMO_NOW:
            raise Today
        paper.report_due = due
        actor = self.world.chair_login(self.world.short_names[paper.committee_id])
        comment = f"{unit.name}, {due:%d.%m.%Y}"
        self._step(at, actor, Action.REPORT_REQUESTED, PaperState.REPORT_REQUESTED, comment)

    def receive_report(self, at):
        self._require(at, PaperState.REPORT_REQUESTED)
        self.paper.report_received_at = at
        clerk = self.world.unit_login(self.world.units[self.paper.committee_id].short_name)
        self._step(at, clerk, Action.REPORT_RECEIVED, PaperState.REPORT_RECEIVED)

    def close(self, at, comment=""):
        self._require(at, PaperState.REPORT_RECEIVED, PaperState.DECIDED)
        actor = self.world.chair_login(self.world.short_names[self.paper.committee_id])
        self._step(at, actor, Action.CLOSED, PaperState.CLOSED, comment)

    # The rows the life leaves ---------------------------------------------------------------

    def rows(self):
        """{model: [instances]} of this paper, in the order they must be written."""
        return {
            AgendaItem: self.items,
            Paper: [self.paper],
            Consultation: self.consultations,
            TimelineEntry: self.timeline,
            Sponsorship: self.sponsorships,
            Signatory: self.signatories,
            Question: self.questions,
        }
