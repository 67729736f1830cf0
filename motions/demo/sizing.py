"""How `demo --papers N` sizes the council: the meeting each paper is filed for, how far back
the history reaches, and how many district councils it takes.

The rule. A meeting takes the papers filed for it, between the filing deadline of the meeting
before and its own: some 5 to 25, depending on the committee (data/generator.toml), so that with
its formalities and the papers that come back to it (postponed, referred, or recommended by a
preliminary consultation) its agenda holds 10 to 40 items, as in real councils. Papers are filed
for the meetings from the demo's today backwards: the council and its committees first, month by
month back to September 2016, which holds some 11,000 papers; beyond them every 2,100-odd papers
bring a district council ("Bezirksvertretung k") with ten years of monthly meetings of its own,
its members, chair and serving unit (some 42 of them for 100,000 papers). Paper n is filed for
the same meeting on every run, so `--papers 20000` after `--papers 10000` adds the papers 10,001
to 20,000, further back in time or in the next district councils. An agenda the papers leave
short (at the far end of the history) is filled up to 10 items with proposals of the
administration (generator.fill_short_agendas).
"""

import datetime
import random
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from council.management.commands import _demo_data as council_data
from council.management.commands._demo_calendar import (
    CALENDAR_END,
    CALENDAR_START,
    meeting_plan,
    monthly_sittings,
)
from council.models import Meeting, MeetingState
from motions.deadlines import filing_deadline
from motions.demo.letters import DEMO_NOW

with (Path(__file__).parent / "data" / "generator.toml").open("rb") as _file:
    SETTINGS = tomllib.load(_file)
HISTORY_START = SETTINGS["history_start"]


@dataclass(frozen=True)
class Slot:
    """A meeting that papers are filed for, and how many."""

    tier: int  # 0: the council and its committees; k: district council k
    committee: council_data.Committee
    start: datetime.datetime
    opens: datetime.datetime  # the filing deadline of the committee's meeting before
    deadline: datetime.datetime
    capacity: int


@cache
def calendar(tier):
    """{committee: [start, …]} of a tier: the history, and the demo calendar from 2026 on."""
    if tier:
        district = council_data.district(tier)
        return {district: monthly_sittings(district, HISTORY_START, CALENDAR_END)}
    demo = {}
    for committee, start, state in meeting_plan():
        if state != MeetingState.CANCELLED and start.date() >= CALENDAR_START:
            demo.setdefault(committee, []).append(start)
    history_end = CALENDAR_START - datetime.timedelta(days=1)
    return {
        committee: monthly_sittings(committee, HISTORY_START, history_end) + demo[committee]
        for committee in [council_data.COUNCIL, *council_data.COMMITTEES]
    }


def papers_per_meeting(committee):
    key = "district" if committee.first_sitting is None else committee.short_name
    return SETTINGS["papers_per_meeting"].get(key)


def slots(tier, body):
    """The tier's meetings that papers are filed for by the demo's today, newest first."""
    found = []
    for committee, starts in calendar(tier).items():
        papers = papers_per_meeting(committee)
        if not papers:
            continue
        deadlines = [filing_deadline(Meeting(start=start), body) for start in starts]
        for i, start in enumerate(starts):
            opens = deadlines[i - 1] if i else start - datetime.timedelta(weeks=5)
            if opens >= DEMO_NOW:
                continue
            capacity = random.Random(f"{committee.short_name}|{start:%Y-%m-%d}").randint(*papers)
            # A window the demo's today cuts short has had time for only some of its papers.
            share = (DEMO_NOW - opens) / (deadlines[i] - opens)
            capacity = round(capacity * min(1, share))
            if capacity:
                found.append(Slot(tier, committee, start, opens, deadlines[i], capacity))
    return sorted(found, key=lambda slot: (slot.start, slot.committee.short_name), reverse=True)


@dataclass
class Plan:
    """Papers `first` to `last` with their slots, and the meetings they need."""

    assignments: list  # [(n, slot)]
    since: dict  # tier -> the first day from which its meetings are needed
    districts: int


def plan(body, first, last):
    """Where papers `first` to `last` (numbered from 1) are filed: slot by slot, newest first,
    the council's committees before the district councils."""
    assignments, since, filled, tier = [], {}, 0, 0
    while filled < last:
        for slot in slots(tier, body):
            numbers = range(max(first, filled + 1), min(last, filled + slot.capacity) + 1)
            if numbers:
                assignments += [(n, slot) for n in numbers]
                since[tier] = slot.start.date()
            filled += slot.capacity
            if filled >= last:
                break
        else:
            tier += 1
    return Plan(assignments, since, districts=tier)
