"""Filing deadlines from the rules of procedure (Geschäftsordnung), NRW public holidays known.

A typical rule reads: "Anträge müssen spätestens am zehnten Tag vor der Sitzung schriftlich
eingehen." The deadline is the end of that day. Counted in calendar days, a deadline that falls on
a weekend or public holiday moves back to the working day before, since no letter can be received
at a closed office. Counted in working days, only Monday to Friday outside public holidays count.
Christmas Eve and New Year's Eve are no public holidays, but the offices of most councils are
closed on both (TVöD § 6 Abs. 3); each body says whether they count (Body.december_24_31_closed).
"""

import datetime
from functools import cache

import holidays
from django.utils import timezone


@cache
def _holidays(state, year):
    return holidays.country_holidays("DE", subdiv=state, years=year)


def is_working_day(day, state="NW", december_24_31_closed=True):
    if december_24_31_closed and (day.month, day.day) in ((12, 24), (12, 31)):
        return False
    return day.weekday() < 5 and day not in _holidays(state, day.year)


def _previous_working_day(day, **calendar):
    while not is_working_day(day, **calendar):
        day -= datetime.timedelta(days=1)
    return day


def deadline_day(meeting_day, *, days, working_days=False, state="NW", december_24_31_closed=True):
    """The last day on which a paper for a meeting on `meeting_day` is on time."""
    calendar = {"state": state, "december_24_31_closed": december_24_31_closed}
    if not working_days:
        return _previous_working_day(meeting_day - datetime.timedelta(days=days), **calendar)
    day = meeting_day
    for _ in range(days):
        day = _previous_working_day(day - datetime.timedelta(days=1), **calendar)
    return day


def filing_deadline(meeting, body):
    """The moment (end of the deadline day, local time) by which a paper must have arrived."""
    day = deadline_day(
        timezone.localdate(meeting.start),
        days=body.filing_deadline_days,
        working_days=body.filing_deadline_working_days,
        state=body.state,
        december_24_31_closed=body.december_24_31_closed,
    )
    end_of_day = datetime.datetime.combine(day, datetime.time(23, 59, 59, 999999))
    return timezone.make_aware(end_of_day)
