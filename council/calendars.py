"""Meetings as iCalendar (RFC 5545) for calendar programs: a feed of all meetings, one for each
committee, and a single meeting to add once.

A feed reads the same for everyone, as a citizen sees it: calendar programs fetch it without a
login, and whatever they fetched would end up in shared calendars. So a non-public item shows only
its number, and an agenda appears in a meeting's description once it is published.

A feed reaches twelve months back (from the first of that month) and into the whole future, so
that its size follows the council's calendar, not its history; a single meeting has no limit.
In a feed, a meeting's description names its first FEED_AGENDA_ITEMS items and points to the
meeting's page for the rest: an agenda of hundreds of items is unreadable in a calendar program,
and it made the feed of all meetings megabytes long and a second to build.
"""

import datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from icalendar import Calendar, Event, Timezone, TimezoneDaylight, TimezoneStandard, vDuration

from council.links import absolute_url
from council.models import AgendaItem, Meeting, Organization, current_body

FEED_MONTHS_BACK = 12
FEED_AGENDA_ITEMS = 30
# Calendar programs that honour it fetch a subscribed feed again after this long.
REFRESH_INTERVAL = datetime.timedelta(hours=1)


def _meetings(items=None):
    """Meetings with their agenda as a citizen sees it: the first `items` items, or all."""
    citizen = AnonymousUser()
    agenda = AgendaItem.objects.listed_for(citizen).with_disclosure(citizen).order_by("order")
    if items is not None:
        agenda = agenda[: items + 1]  # one more tells that there are more
    return (
        Meeting.objects.select_related("location")
        .prefetch_related(
            "organizations", Prefetch("agenda_items", queryset=agenda, to_attr="listed_items")
        )
        .order_by("start", "pk")
    )


def feed_start(today=None):
    """The first day a feed shows: the first of the month twelve months ago, in local time."""
    today = today or timezone.localdate()
    first = today.replace(day=1)
    first = first.replace(year=first.year - FEED_MONTHS_BACK // 12)
    return datetime.datetime.combine(
        first, datetime.time.min, tzinfo=timezone.get_current_timezone()
    )


def _berlin():
    """Europe/Berlin by the rule in force since 1996 (summer time from the last Sunday of March
    to the last Sunday of October): short, understood by every calendar program, and valid for
    every future meeting, where a list of transitions would run out."""
    zone = Timezone()
    zone.add("tzid", "Europe/Berlin")
    for part, name, start, before, after, month in (
        (TimezoneDaylight(), "CEST", datetime.datetime(1996, 3, 31, 2), 1, 2, 3),
        (TimezoneStandard(), "CET", datetime.datetime(1996, 10, 27, 3), 2, 1, 10),
    ):
        part.add("tzname", name)
        part.add("dtstart", start)
        part.add("tzoffsetfrom", datetime.timedelta(hours=before))
        part.add("tzoffsetto", datetime.timedelta(hours=after))
        part.add("rrule", {"freq": "yearly", "bymonth": month, "byday": "-1su"})
        zone.add_component(part)
    return zone


def _description(meeting, url, items=None):
    lines = [", ".join(organization.name for organization in meeting.organizations.all())]
    if meeting.cancelled:
        lines.append(_("Die Sitzung ist abgesagt."))
    if meeting.listed_items:
        lines += ["", _("Tagesordnung:")]
        for item in meeting.listed_items[:items]:
            title = item.title if item.disclosed else _("nicht öffentlich")
            lines.append(f"{item.number} {title}")
        if items is not None and len(meeting.listed_items) > items:
            lines.append(_("… weitere Punkte: die ganze Tagesordnung unter der Adresse unten"))
    lines += ["", url]
    return "\n".join(lines)


def _event(meeting, host, items=None):
    url = absolute_url(meeting.get_absolute_url())
    event = Event()
    # The primary key never changes: a calendar program recognises a moved meeting as the same.
    event.add("uid", f"meeting-{meeting.pk}@{host}")
    event.add("dtstamp", meeting.modified)
    event.add("last-modified", meeting.modified)
    summary = meeting.name
    if meeting.cancelled:
        summary = _("Abgesagt: %(name)s") % {"name": meeting.name}
    event.add("summary", summary)
    event.add("dtstart", timezone.localtime(meeting.start))
    if meeting.end:
        event.add("dtend", timezone.localtime(meeting.end))
    if meeting.location:
        place = ", ".join(p for p in (str(meeting.location), meeting.location.address) if p)
        event.add("location", place)
    event.add("description", _description(meeting, url, items))
    event.add("url", url)
    event.add("status", "CANCELLED" if meeting.cancelled else "CONFIRMED")
    return event


def calendar(name, meetings, items=None):
    """An iCalendar of `meetings` (from `_meetings(items)`), in German, as bytes."""
    with translation.override(settings.LANGUAGE_CODE):
        host = urlsplit(absolute_url("/")).hostname or "localhost"
        cal = Calendar()
        cal.add("prodid", "-//Ratsfaden//Sitzungskalender//DE")
        cal.add("version", "2.0")
        cal.add("calscale", "GREGORIAN")
        cal.add("method", "PUBLISH")
        cal.add("x-wr-calname", name)
        cal.add("x-wr-timezone", "Europe/Berlin")
        cal.add("refresh-interval", REFRESH_INTERVAL, parameters={"VALUE": "DURATION"})
        cal.add("x-published-ttl", vDuration(REFRESH_INTERVAL))
        cal.add_component(_berlin())
        for meeting in meetings:
            cal.add_component(_event(meeting, host, items))
        return cal.to_ical()


def _response(content, filename, disposition="inline"):
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response


@require_safe
def feed(request):
    body = current_body(request)
    name = _("Sitzungen – %(body)s") % {"body": body.name} if body else _("Sitzungen")
    meetings = _meetings(FEED_AGENDA_ITEMS).filter(start__gte=feed_start())
    return _response(calendar(name, meetings, FEED_AGENDA_ITEMS), "sitzungen.ics")


@require_safe
def organization_feed(request, pk):
    organization = get_object_or_404(Organization.objects.committees(), pk=pk)
    meetings = (
        _meetings(FEED_AGENDA_ITEMS).of_organization(organization).filter(start__gte=feed_start())
    )
    name = _("Sitzungen: %(organization)s") % {"organization": organization.name}
    return _response(
        calendar(name, meetings, FEED_AGENDA_ITEMS), f"sitzungen-{organization.pk}.ics"
    )


@require_safe
def meeting_event(request, pk):
    meeting = get_object_or_404(_meetings(), pk=pk)
    return _response(
        calendar(str(meeting), [meeting]), f"sitzung-{meeting.pk}.ics", disposition="attachment"
    )
