"""Enters the demo letters through the services, as the demo logins, each step at its moment."""

import datetime
from contextlib import contextmanager
from unittest import mock

from django.contrib.auth import get_user_model
from django.db.models import F, Max
from django.utils import timezone

from council.models import Meeting, MeetingState, Membership, Organization, Person, Role
from council.roles import roles_of
from motions import notifications, services
from motions.demo.letters import (
    BERLIN,
    CHAIR_LOGINS,
    DEMO_NOW,
    DEMO_TODAY,
    FACTION_LOGINS,
    FICTIONAL,
    LOGINS,
    OFFICE,
    PLACE,
    SAMPLE,
)
from motions.models import (
    Notification,
    Paper,
    PaperType,
    TimelineEntry,
)


def _moment(text):
    return datetime.datetime.fromisoformat(text).replace(tzinfo=BERLIN)


def _day(text):
    return datetime.date.fromisoformat(text) if text else None


@contextmanager
def clock(at):
    """Stop the clock at `at` while the services run (see the module docstring). The e-mails
    about a step in the past are held back; its notices in the app are kept."""
    with (
        mock.patch.object(timezone, "now", return_value=at),
        mock.patch.object(notifications, "transaction"),
    ):
        yield


@contextmanager
def _reopened(meeting):
    """History is written into meetings the demo calendar already shows as held: the meeting is
    open again while a paper is put on its agenda, which then counts as published."""
    if meeting.state != MeetingState.HELD:
        yield
        return
    state, released = meeting.state, meeting.minutes_released_at
    Meeting.objects.filter(pk=meeting.pk).update(
        state=MeetingState.INVITED, minutes_released_at=None
    )
    meeting.state, meeting.minutes_released_at = MeetingState.INVITED, None
    try:
        yield
    finally:
        Meeting.objects.filter(pk=meeting.pk).update(state=state, minutes_released_at=released)
        meeting.state, meeting.minutes_released_at = state, released
        if meeting.invited_at:
            meeting.agenda_items.filter(published_at=None).update(published_at=meeting.invited_at)


def faction_chairs(body):
    """{faction short name: the person chairing it on the demo's today}."""
    chairs = (
        Membership.objects.active(DEMO_TODAY)
        .filter(organization__body=body, organization__kind="faction", role=Role.FACTION_CHAIR)
        .select_related("person", "organization")
    )
    return {m.organization.short_name: m.person for m in chairs}


def request_text(paper_type, meeting):
    """The letter's request, after the sample: "wir bitten Sie, nachfolgenden Antrag …"."""
    if paper_type == PaperType.INQUIRY:
        return "wir bitten die Verwaltung, die folgenden Fragen schriftlich zu beantworten:"
    kind = "Änderungsantrag" if paper_type == PaperType.AMENDMENT else "Antrag"
    sitting = meeting.name if meeting else "Sitzung"
    return f"wir bitten Sie, nachfolgenden {kind} in der nächsten {sitting} behandeln zu lassen:"


class Desk:
    """Enters letters through the services as the demo logins, each step at its own moment."""

    def __init__(self, body):
        self.body = body
        self.organizations = {o.short_name: o for o in Organization.objects.filter(body=body)}
        self.users = {u.username: u for u in get_user_model().objects.filter(username__in=LOGINS)}
        for user in self.users.values():
            roles_of(user)  # today's roles, cached on the user before the clock turns back
        self.chairs = faction_chairs(body)
        self.papers = {}

    def enter(self, letter):
        paper, meeting = self._new_paper(letter), None
        for verb, at, *args in letter.steps:
            if verb == "schedule":
                meeting = self._meeting(letter.committee, args[0])
                args = [meeting]
            at = _moment(at) if at else meeting.start + datetime.timedelta(minutes=50)
            mark = TimelineEntry.objects.aggregate(last=Max("pk"))["last"] or 0
            with clock(at):
                paper = self._service(paper, letter, verb, *args)
            TimelineEntry.objects.filter(paper=paper, pk__gt=mark).update(at=at)
        self.papers[letter.title] = paper
        return paper

    def _service(self, paper, letter, verb, *args):
        author = self.users[FACTION_LOGINS.get(letter.factions[0], OFFICE)]
        chair = self.users[CHAIR_LOGINS.get(letter.committee, OFFICE)]
        match verb, args:
            case "draft", ():
                factions = [self.organizations[short] for short in letter.factions]
                return services.save_draft(
                    paper=paper,
                    by=author,
                    factions=factions,
                    questions=letter.questions,
                    signatories=self._signatories(letter),
                )
            case "agree", (faction,):
                by = self.users[FACTION_LOGINS[faction]]
                return services.agree(paper=paper, faction=self.organizations[faction], by=by)
            case "submit", ():
                reason = letter.urgency_reason
                return services.submit(
                    paper=paper, by=author, urgent=bool(reason), urgency_reason=reason
                )
            case "schedule", (meeting,):
                with _reopened(meeting):
                    return services.schedule(paper=paper, meeting=meeting, by=self.users[OFFICE])
            case "decide", (outcome, text):
                return services.decide(paper=paper, by=chair, outcome=outcome, resolution_text=text)
            case "refer", (committee, comment):
                to = self.organizations[committee]
                return services.refer(paper=paper, by=chair, to=to, comment=comment)
            case "postpone", (comment,):
                return services.postpone(paper=paper, by=chair, comment=comment)
            case "close", (comment,):
                return services.close(paper=paper, by=chair, comment=comment)
            case "withdraw", (comment,):
                return services.withdraw(paper=paper, by=author, comment=comment)
        raise ValueError(f"{letter.title}: {verb} {args}")

    def _new_paper(self, letter):
        target = self._meeting(letter.committee, letter.target) if letter.target else None
        report_meeting = letter.report_meeting and self._meeting(
            letter.committee, letter.report_meeting
        )
        return Paper(
            body=self.body,
            paper_type=letter.paper_type,
            title=letter.title,
            place=PLACE,
            letter_date=_day(letter.letter_date),
            committee=self.organizations[letter.committee],
            addressee=self._person(*letter.addressee) if letter.addressee else None,
            request_text=letter.request_text or request_text(letter.paper_type, target),
            proposed_resolution=letter.proposed_resolution,
            questions_intro=letter.questions_intro,
            justification=letter.justification,
            report_kind=letter.report_kind,
            report_meeting=report_meeting or None,
            target_meeting=target,
            amends=self.papers[letter.amends] if letter.amends else None,
            is_public=letter.is_public,
            entered_on_behalf=bool(letter.received_on),
            received_on=_day(letter.received_on),
        )

    def _signatories(self, letter):
        if letter.signatories:
            return [
                (self._person(given, family), function)
                for given, family, function in letter.signatories
            ]
        # An empty function takes the person's function in the faction (services).
        return [(self.chairs[short], "") for short in letter.factions]

    def _person(self, given_name, family_name):
        return Person.objects.get(body=self.body, given_name=given_name, family_name=family_name)

    def _meeting(self, committee, on_or_after):
        """The committee's first meeting on or after the day that is not cancelled."""
        meetings = Meeting.objects.filter(
            body=self.body,
            organizations=self.organizations[committee],
            start__date__gte=_day(on_or_after),
        )
        return meetings.exclude(state=MeetingState.CANCELLED).earliest("start")


def enter_letters(body):
    """The sample and the fictional papers, filed in the order of filing (so are their numbers).
    Returns how many."""
    desk = Desk(body)
    papers = [desk.enter(letter) for letter in [SAMPLE, *sorted(FICTIONAL, key=_filing)]]
    # Five years of notices: all but the last fortnight's have been read.
    Notification.objects.filter(
        paper__in=papers, created__lt=DEMO_NOW - datetime.timedelta(days=14)
    ).update(read_at=F("created") + datetime.timedelta(hours=2))
    return len(papers)


def _filing(letter):
    """Filed letters by the moment of filing, then the drafts."""
    moments = {verb: at for verb, at, *_args in letter.steps}
    return ("submit" not in moments, moments.get("submit") or moments["draft"])
