"""The paper's side of the administration's report: asked for, received, and the paper done."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from motions.models import (
    Action,
    Outcome,
    PaperState,
    PaperType,
    ReportKind,
    TransitionNotAllowed,
)
from motions.services.common import lock, move, require


def may_ask_for_report(paper):
    if paper.state == PaperState.DECIDED:
        return paper.outcome in (Outcome.ADOPTED, Outcome.ADOPTED_AMENDED)
    if paper.state in (PaperState.REPORT_REQUESTED, PaperState.REPORT_RECEIVED, PaperState.CLOSED):
        # A further report: an interim one, or the same question asked again later.
        return paper.report_due is not None or paper.outcome in (
            Outcome.ADOPTED,
            Outcome.ADOPTED_AMENDED,
        )
    # An inquiry, or a motion that asks only for a report, goes to the administration directly.
    asks_for_report = paper.paper_type == PaperType.INQUIRY or paper.report_kind != ReportKind.NONE
    return paper.state in (PaperState.SUBMITTED, PaperState.SCHEDULED) and asks_for_report


@transaction.atomic
def request_report(*, paper, by, due_date, comment=""):
    """The paper waits for a report of the administration, due on a date (the request itself,
    with its unit and questions, is the reports app's)."""
    paper = lock(paper)
    require(by, "motions.request_report", paper)
    if not may_ask_for_report(paper):
        raise TransitionNotAllowed(
            _("Für diesen Antrag kann (noch) kein Bericht angefordert werden.")
        )
    paper.report_due = due_date
    paper.report_received_at = None  # answered again, once the new report comes
    move(
        paper,
        by=by,
        to=PaperState.REPORT_REQUESTED,
        action=Action.REPORT_REQUESTED,
        comment=comment or f"{due_date:%d.%m.%Y}",
        fields=["report_due", "report_received_at"],
    )
    return paper


@transaction.atomic
def receive_report(*, paper, by, comment=""):
    """The administration's report has come back."""
    paper = lock(paper)
    require(by, "motions.receive_report", paper)
    paper.require_state(PaperState.REPORT_REQUESTED)
    paper.report_received_at = timezone.now()
    move(
        paper,
        by=by,
        to=PaperState.REPORT_RECEIVED,
        action=Action.REPORT_RECEIVED,
        comment=comment,
        fields=["report_received_at"],
    )
    return paper


@transaction.atomic
def move_report_due(*, paper, due_date):
    """One of several reports came back: the paper now waits for the next one, by its date."""
    paper = lock(paper)
    paper.require_state(PaperState.REPORT_REQUESTED)
    paper.report_due = due_date
    paper.save(update_fields=["report_due", "modified"])
    return paper


@transaction.atomic
def close(*, paper, by, comment="", item=None):
    """Done: the report was presented (at `item`), or the decision needs nothing further."""
    paper = lock(paper)
    require(by, "motions.close_paper", paper)
    paper.require_state(PaperState.REPORT_RECEIVED, PaperState.DECIDED)
    move(paper, by=by, to=PaperState.CLOSED, action=Action.CLOSED, comment=comment, item=item)
    return paper
