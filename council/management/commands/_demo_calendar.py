"""The demo council's calendar and agendas, as rows: the meetings from January 2026 to June
2027, the monthly meetings of the history, and each agenda from a generator seeded with its
meeting, so that it is the same on every run."""

import datetime
import random

import holidays

from council.management.commands import _demo_data as data
from council.models import AgendaResult, MeetingState

CALENDAR_START, CALENDAR_END = datetime.date(2026, 1, 1), datetime.date(2027, 6, 30)
# A fixed date, not today: a run on another day must give every meeting the same state.
HELD_BEFORE = datetime.date(2026, 11, 25)
BREAKS = [  # no sittings in the summer and Christmas holidays of the demo calendar
    (datetime.date(2026, 7, 20), datetime.date(2026, 8, 31)),
    (datetime.date(2026, 12, 21), datetime.date(2027, 1, 6)),
]
# Years are added as they are looked up: the history of `--papers N` reaches back to 2016.
HOLIDAYS = holidays.Germany(subdiv="NW")


def sitting_days(first, weeks):
    """Every `weeks` weeks from `first`, on its weekday, moved past breaks and holidays."""
    day = first
    while True:
        while day in HOLIDAYS or any(start <= day <= end for start, end in BREAKS):
            day += datetime.timedelta(weeks=1)
        if day > CALENDAR_END:
            return
        yield day
        day += datetime.timedelta(weeks=weeks)


def meeting_plan():
    """(committee, start, state) of every meeting of the demo calendar, in order of time."""
    plan = [(data.B2, data.SAMPLE_MEETING_START)] + [
        (committee, datetime.datetime.combine(day, committee.sitting_time, data.BERLIN))
        for committee in [data.COUNCIL, *data.COMMITTEES]
        for day in sitting_days(committee.first_sitting, committee.weeks)
    ]
    plan.sort(key=lambda sitting: (sitting[1], sitting[0].short_name))
    held = sum(start.date() < HELD_BEFORE for _committee, start in plan)
    # The next two are invited, the fifth after them is cancelled, the rest only scheduled.
    future = {0: MeetingState.INVITED, 1: MeetingState.INVITED, 4: MeetingState.CANCELLED}
    states = [MeetingState.HELD] * held
    states += [future.get(i, MeetingState.SCHEDULED) for i in range(len(plan) - held)]
    return [(*sitting, state) for sitting, state in zip(plan, states, strict=True)]


def _free(day):
    """No public holiday and not in the Christmas break (21 December to 6 January)."""
    christmas = (day.month == 12 and day.day > 20) or (day.month == 1 and day.day < 7)
    return day not in HOLIDAYS and not christmas


def monthly_sittings(committee, first, last):
    """The history's calendar: a meeting a month from `first` to `last`, none in July and
    August; on the committee's weekday in its week of the month, or a week later (earlier,
    where later leaves the month) if that day is a holiday. The sample letter's meeting is B2's
    meeting of its month."""
    sittings, month, sample = [], first.replace(day=1), data.SAMPLE_MEETING_START
    while month <= last:
        if month.month not in (7, 8):
            day = month + datetime.timedelta(days=(committee.weekday - month.weekday()) % 7)
            day += datetime.timedelta(weeks=committee.week)
            if not _free(day):
                later = day + datetime.timedelta(weeks=1)
                moved = later.month == day.month and _free(later)
                day = later if moved else day - datetime.timedelta(weeks=1)
            start = datetime.datetime.combine(day, committee.sitting_time, data.BERLIN)
            if committee == data.B2 and (day.year, day.month) == (sample.year, sample.month):
                start = sample
            if first <= start.date() <= last:
                sittings.append(start)
        month = (month + datetime.timedelta(days=32)).replace(day=1)
    return sittings


def meeting_state(start):
    """Held before the demo's today; invited for the fortnight after it; else only scheduled."""
    if start.date() < HELD_BEFORE:
        return MeetingState.HELD
    soon = start.date() < HELD_BEFORE + datetime.timedelta(days=14)
    return MeetingState.INVITED if soon else MeetingState.SCHEDULED


def topics(committee, day, number, rng):
    """`number` proposals of the administration for the committee, dated to the meeting."""
    pool = data.TOPICS.get(committee.short_name, data.TOPICS["district"])
    y = day.year
    years = {"year": y, "last": y - 1, "next": y + 1, "next2": f"{(y + 1) % 100:02d}"}
    return [
        title.format(**years, plus4=y + 4, plus5=y + 5)
        for title in rng.sample(pool, min(number, len(pool)))
    ]


def agenda(committee, day, previous, rng):
    """(number, title, public) of one meeting: formalities, the administration's proposals,
    its notices, and non-public matters. A faction's paper comes only with its consultation."""
    asks = committee.short_name in data.QUESTION_TIME_IN or committee.first_sitting is None
    titles = [
        data.OPENING,
        *([data.QUESTION_TIME] if asks else []),
        data.MINUTES.format(previous=f"{previous:%d.%m.%Y}"),
        *topics(committee, day, rng.randint(1, 2 if asks else 3), rng),
        data.NOTICES,
    ]
    closed = rng.sample(data.CONFIDENTIAL, rng.randint(1, 2))
    return [(f"Ö {n}", title, True) for n, title in enumerate(titles, 1)] + [
        (f"N {n}", title, False) for n, title in enumerate(closed, 1)
    ]


def outcome(title, organ, rng):
    """(result, resolution text) of an item of a held meeting; formalities have none."""
    if title in (data.OPENING, data.QUESTION_TIME):
        return "", ""
    if title.startswith(data.MINUTES.split("{")[0]):
        return AgendaResult.ADOPTED, ""
    if title == data.NOTICES:
        return AgendaResult.TAKEN_NOTE, ""
    result = rng.choice(data.ITEM_RESULTS)
    if rng.random() < 0.4:
        return result, ""
    against = rng.choice([0, 0, 0, 2, 3, 5])
    vote = f"mehrheitlich bei {against} Gegenstimmen" if against else "einstimmig"
    return result, data.RESOLUTIONS[result].format(organ=organ, vote=vote)


def organ(committee):
    """Who resolves, in a resolution's words."""
    if committee is data.COUNCIL:
        return "Der Rat"
    return "Die Bezirksvertretung" if committee.first_sitting is None else "Der Ausschuss"


def planned_meeting(body, committee, start, previous, state, locations):
    """(meeting row, organization short name, agenda item rows) of one meeting."""
    rng = random.Random(f"{committee.short_name}|{start:%Y-%m-%d}")
    held = state == MeetingState.HELD
    # Invited nine days before; the minutes of a held meeting released three days after.
    invited_at = (
        start - datetime.timedelta(days=9)
        if state in (MeetingState.INVITED, MeetingState.HELD)
        else None
    )
    sample = start == data.SAMPLE_MEETING_START
    listing = data.SAMPLE_AGENDA if sample else agenda(committee, start.date(), previous, rng)
    items = []
    for order, (number, title, public) in enumerate(listing, 1):
        result, text = outcome(title, organ(committee), rng) if held else ("", "")
        items.append(
            {
                "order": order,
                "number": number,
                "title": title,
                "public": public,
                "result": result,
                "resolution_text": text,
                "published_at": invited_at,
            }
        )
    end = start + datetime.timedelta(minutes=60 + 15 * len(items))
    meeting = {
        "body_id": body.pk,
        "name": f"Sitzung {committee.genitive}",
        "start": start,
        "end": end if held else None,
        "state": state,
        "invited_at": invited_at,
        "minutes_released_at": start + datetime.timedelta(days=3) if held else None,
        "location_id": locations["Ratssaal" if sample else committee.room],
    }
    return meeting, committee.short_name, items


def plan_meetings(body, locations):
    previous, planned = {}, []
    for committee, start, state in meeting_plan():
        day = start.date()
        last = previous.get(committee, day - datetime.timedelta(weeks=committee.weeks))
        if day >= CALENDAR_START:
            previous[committee] = day
        planned.append(planned_meeting(body, committee, start, last, state, locations))
    return planned
