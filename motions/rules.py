"""May this user do X to this paper? Ask with `user.has_perm("motions.<action>", paper)`.

The services ask the same question before every step, so a view can never do more than this.
"""

import rules

from council.roles import roles_of
from council.rules import is_council_office


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
def is_draft(user, paper):
    return paper.state == "draft"


@rules.predicate
def is_undecided(user, paper):
    return paper.state in ("draft", "submitted", "scheduled")


@rules.predicate
def chairs_addressed_committee(user, paper):
    return paper.committee_id in roles_of(user).chaired


@rules.predicate
def works_in_report_unit(user, paper):
    return paper.report_unit_id is not None and paper.report_unit_id in roles_of(user).units


rules.add_perm("motions.create_paper", is_faction_staff | is_council_office)
rules.add_perm("motions.enter_on_behalf", is_council_office)
# After submission the letter is the record: only the council office may still correct it.
rules.add_perm("motions.edit_paper", (is_draft & is_staff_of_an_originator) | is_council_office)
rules.add_perm("motions.submit_paper", (is_draft & is_staff_of_an_originator) | is_council_office)
rules.add_perm(
    "motions.withdraw_paper", is_undecided & (is_staff_of_an_originator | is_council_office)
)
rules.add_perm("motions.schedule_paper", chairs_addressed_committee | is_council_office)
rules.add_perm("motions.decide_paper", chairs_addressed_committee | is_council_office)
rules.add_perm("motions.request_report", chairs_addressed_committee | is_council_office)
rules.add_perm("motions.receive_report", works_in_report_unit | is_council_office)
rules.add_perm("motions.close_paper", chairs_addressed_committee | is_council_office)
