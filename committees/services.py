"""Meeting day: one item's result and vote, recorded through the steps of whoever owns it.

An item that treats a paper takes the paper's own step (decide, refer, postpone, withdraw), so
that the paper's state and history follow; any other item gets its result on the agenda. The
vote is the council's record either way. All of it in one transaction: a refused step records
no vote either.
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from council import agenda
from council.models import AgendaResult
from motions import services as motions
from motions.models import PaperState

PAPER_OUTCOMES = {
    AgendaResult.ADOPTED,
    AgendaResult.ADOPTED_AMENDED,
    AgendaResult.REJECTED,
    AgendaResult.TAKEN_NOTE,
}


@dataclass
class Votes:
    yes: int | None = None
    no: int | None = None
    abstain: int | None = None
    unanimous: bool = False
    factions: list = field(default_factory=list)  # [(faction, yes, no, abstain)]

    @property
    def given(self):
        counts = (self.yes, self.no, self.abstain)
        return self.unanimous or bool(self.factions) or any(c is not None for c in counts)


@transaction.atomic
def record_outcome(
    item, *, by, result, resolution_text="", refer_to=None, votes=None, confirmed=False
):
    """Record what the committee did with an item on meeting day."""
    if result == AgendaResult.ADOPTED_AMENDED and not resolution_text.strip():
        raise ValidationError(
            _("Bitte tragen Sie den geänderten Beschlusstext ein."), code="amended_wording"
        )
    if votes is not None and votes.given:
        agenda.record_votes(
            item,
            by=by,
            yes=votes.yes,
            no=votes.no,
            abstain=votes.abstain,
            unanimous=votes.unanimous,
            factions=votes.factions,
            confirmed=confirmed,
        )
    paper = _paper_of(item)
    if paper is None or paper.state == PaperState.IMPORTED:
        # An imported paper is another system's history and takes no step here: its item (on a
        # meeting imported with it) gets the result, so that the minutes can be released.
        return agenda.record_result(
            item,
            by=by,
            result=result,
            resolution_text=resolution_text,
            paper_takes_no_step=paper is not None,
        )
    if result in PAPER_OUTCOMES:
        motions.decide(paper=paper, by=by, outcome=result, resolution_text=resolution_text)
    elif result == AgendaResult.REFERRED:
        if refer_to is None:
            raise ValidationError(
                _("Bitte wählen Sie das Gremium, an das verwiesen wird."), code="refer_to"
            )
        motions.refer(paper=paper, by=by, to=refer_to, comment=resolution_text)
    elif result == AgendaResult.POSTPONED:
        motions.postpone(paper=paper, by=by, comment=resolution_text)
    elif result == AgendaResult.WITHDRAWN:
        motions.withdraw(paper=paper, by=by, comment=_("in der Sitzung zurückgezogen"))
    else:
        raise ValidationError(_("Unbekanntes Ergebnis."), code="result")
    item.refresh_from_db()
    return item


def _paper_of(item):
    """The paper the item treats (its consultation's), if any."""
    if not agenda.treats_a_paper(item):
        return None
    paper = item.consultation.paper
    if paper.state == PaperState.IMPORTED:
        return paper
    if paper.state != "scheduled" or motions.current_consultation(paper).agenda_item_id != item.pk:
        raise ValidationError(
            _("Für diesen Punkt ist bereits ein Ergebnis festgehalten."), code="result_recorded"
        )
    return paper
