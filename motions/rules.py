"""May this user do X to this paper? Ask with `user.has_perm("motions.<action>", paper)`.

The services ask the same question before every step, so a view can never do more than this.
"""

import rules

from council.models import Organization
from council.roles import roles_of
from council.rules import is_council_office
from motions.querysets import owed_by
from motions.services.committee import awaited_committee, current_consultation


def _sponsor_ids(paper):
    return {s.faction_id for s in paper.sponsorships.all()}


@rules.predicate
def is_faction_staff(user):
    return bool(roles_of(user).factions)


@rules.predicate
def is_staff_of_an_originator(user, paper):
    factions = roles_of(user).factions
    return bool(factions) and bool(factions & _sponsor_ids(paper))


@rules.predicate
def is_staff_of_the_lead(user, paper):
    factions = roles_of(user).factions
    return bool(factions) and any(
        s.is_lead and s.faction_id in factions for s in paper.sponsorships.all()
    )


@rules.predicate
def is_draft(user, paper):
    return paper.state == "draft"


@rules.predicate
def is_undecided(user, paper):
    return paper.state in ("draft", "submitted", "scheduled")


@rules.predicate
def chairs_addressed_committee(user, paper):
    return paper.committee_id in roles_of(user).chaired


@rules.predicate
def chairs_awaited_committee(user, paper):
    """The chair of the committee the paper waits for (after a referral, the other one)."""
    chaired = roles_of(user).chaired
    return bool(chaired) and awaited_committee(paper).pk in chaired


@rules.predicate
def chairs_current_meeting(user, paper):
    """The chair of the committee whose meeting holds the paper's open agenda item."""
    chaired = roles_of(user).chaired
    if not chaired:
        return False
    consultation = current_consultation(paper)
    return consultation is not None and any(
        o.pk in chaired for o in consultation.meeting.organizations.all()
    )


@rules.predicate
def chairs_deciding_committee(user, paper):
    """The chair of the committee that decided the paper, or, undecided, that it waits for."""
    chaired = roles_of(user).chaired
    if not chaired:
        return False
    if paper.decision_item_id:
        return Organization.objects.filter(
            meetings__agenda_items=paper.decision_item_id, pk__in=chaired
        ).exists()
    return paper.committee_id in chaired or awaited_committee(paper).pk in chaired


@rules.predicate
def works_in_report_unit(user, paper):
    """Staff of a unit that owes a report on the paper."""
    units = roles_of(user).units
    return bool(units) and type(paper).objects.filter(pk=paper.pk).filter(owed_by(units)).exists()


rules.add_perm("motions.create_paper", is_faction_staff | is_council_office)
rules.add_perm("motions.enter_on_behalf", is_council_office)
# After submission the letter is the record: only the council office may still correct it.
rules.add_perm("motions.edit_paper", (is_draft & is_staff_of_an_originator) | is_council_office)
rules.add_perm("motions.submit_paper", (is_draft & is_staff_of_an_originator) | is_council_office)


@rules.predicate
def is_scheduled(user, paper):
    return paper.state == "scheduled"


# A joint paper is filed by its lead faction for all: the lead takes it back (or drops a draft).
# Declared in the meeting, the withdrawal is recorded by the chair of that meeting.
rules.add_perm(
    "motions.withdraw_paper",
    is_undecided
    & (is_staff_of_the_lead | is_council_office | (is_scheduled & chairs_current_meeting)),
)
rules.add_perm(
    "motions.plan_consultations",
    chairs_addressed_committee | chairs_awaited_committee | is_council_office,
)
rules.add_perm("motions.schedule_paper", chairs_awaited_committee | is_council_office)
rules.add_perm("motions.decide_paper", chairs_current_meeting | is_council_office)
rules.add_perm("motions.request_report", chairs_deciding_committee | is_council_office)
# Received: published by the unit, or given orally in the meeting and recorded by its chair.
rules.add_perm(
    "motions.receive_report",
    works_in_report_unit | chairs_deciding_committee | is_council_office,
)
rules.add_perm("motions.close_paper", chairs_deciding_committee | is_council_office)
