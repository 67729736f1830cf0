"""What each kind of public thing puts into the index. Every source starts from the public
queryset its app defines (`Paper.objects.public()`, `Report.objects.visible_to(anonymous)` …),
so whatever a citizen may not read never reaches the index.

Each source reads a batch of ids in a bounded number of queries and returns one document per
public object: {object_id, kind, title, label, body, date, url, organizations}.
"""

from django.contrib.auth.models import AnonymousUser
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.formats import date_format

from council.models import AgendaItem, Meeting, Membership, Person
from motions.models import Paper, Sponsorship
from reports.models import Report
from search import pdftext
from search.models import Kind, Source

# Marks the search's highlighting uses; never part of indexed text (see search.engine).
HIGHLIGHT_MARKS = ("\ue000", "\ue001")
MAX_BODY_CHARS = 200_000


def _clean(text):
    """Text as the index keeps it: no NUL (PostgreSQL refuses it), no highlight marks."""
    for mark in ("\x00", *HIGHLIGHT_MARKS):
        text = text.replace(mark, " ")
    return text


def _document(obj, *, kind, title, label="", parts=(), date=None, organizations=()):
    body = "\n".join(part for part in parts if part)
    return {
        "object_id": obj.pk,
        "kind": kind,
        "title": _clean(title)[:500],
        "label": _clean(label)[:300],
        "body": _clean(body)[:MAX_BODY_CHARS],
        "date": date,
        "url": obj.get_absolute_url(),
        "organizations": sorted(set(organizations)),
    }


def _local_date(moment):
    return timezone.localdate(moment) if moment else None


def papers(ids):
    queryset = (
        Paper.objects.public()
        .filter(pk__in=ids)
        .select_related("committee")
        .prefetch_related(
            "questions",
            "attachments",
            Prefetch("sponsorships", queryset=Sponsorship.objects.select_related("faction")),
        )
    )
    for paper in queryset:
        factions = [s.faction for s in paper.sponsorships.all()]
        yield _document(
            paper,
            kind=paper.paper_type,
            title=paper.title,
            label=paper.reference or "",
            parts=[
                paper.request_text,
                paper.proposed_resolution,
                paper.questions_intro,
                *(q.text for q in paper.questions.all()),
                paper.justification,
                paper.committee.name,
                *(f.name for f in factions),
                *(pdftext.text_of(a.file) for a in paper.attachments.all()),
            ],
            date=_local_date(paper.submitted_at),
            organizations=[paper.committee_id, *(f.pk for f in factions)],
        )


def reports(ids):
    """A published report reads as its latest version: a correction in the making (the working
    copy of a published report) is not public, so it is not indexed either."""
    queryset = (
        Report.objects.visible_to(AnonymousUser())
        .filter(pk__in=ids)
        .select_related("request__paper")
        .prefetch_related(
            "attachments",
            "versions",
            "answers__question",
            Prefetch("request__paper__sponsorships", queryset=Sponsorship.objects.all()),
        )
    )
    for report in queryset:
        versions = sorted(report.versions.all(), key=lambda v: v.number)
        content = versions[-1].content if versions else _working_copy(report)
        paper = report.request.paper
        yield _document(
            report,
            kind=Kind.REPORT,
            title=content.get("title") or report.title,
            label=report.reference or "",
            parts=[
                content.get("introduction", ""),
                *(
                    f"{answer.get('question', '')}\n{answer.get('text', '')}"
                    for answer in content.get("answers", [])
                ),
                content.get("conclusion", ""),
                content.get("oral_summary", ""),
                *(pdftext.text_of(a.file) for a in report.attachments.all()),
            ],
            date=_local_date(report.published_at),
            organizations=[paper.committee_id, *(s.faction_id for s in paper.sponsorships.all())],
        )


def _working_copy(report):
    return {
        "title": report.title,
        "introduction": report.introduction,
        "answers": [
            {"question": a.question.text, "text": a.text}
            for a in sorted(report.answers.all(), key=lambda a: a.question.order)
        ],
        "conclusion": report.conclusion,
        "oral_summary": report.oral_summary,
    }


def agenda_items(ids):
    """Published public items; the result only once the minutes are released (before that the
    minutes are a draft that only the chair and the office read)."""
    queryset = (
        AgendaItem.objects.visible_to(AnonymousUser())
        .filter(pk__in=ids)
        .select_related("meeting")
        .prefetch_related("meeting__organizations")
    )
    for item in queryset:
        meeting = item.meeting
        released = meeting.minutes_released_at is not None
        start = timezone.localtime(meeting.start)
        yield _document(
            item,
            kind=Kind.AGENDA_ITEM,
            title=item.title,
            label=f"{item.number} · {meeting.name}, {date_format(start, 'd.m.Y')}",
            parts=[
                item.get_result_display() if released else "",
                item.resolution_text if released else "",
            ],
            date=start.date(),
            organizations=[o.pk for o in meeting.organizations.all()],
        )


def meetings(ids):
    queryset = (
        Meeting.objects.filter(pk__in=ids)
        .select_related("location")
        .prefetch_related("organizations")
    )
    for meeting in queryset:
        organizations = list(meeting.organizations.all())
        location = meeting.location
        yield _document(
            meeting,
            kind=Kind.MEETING,
            title=meeting.name,
            label=", ".join(o.name for o in organizations),
            parts=[
                meeting.get_state_display(),
                str(location.description) if location else "",
                str(location.room) if location else "",
            ],
            date=timezone.localdate(meeting.start),
            organizations=[o.pk for o in organizations],
        )


def persons(ids):
    """Persons with a public mandate, with their mandates only (never contact data)."""
    mandates = Membership.objects.public().select_related("organization", "on_behalf_of")
    queryset = (
        Person.objects.public()
        .filter(pk__in=ids)
        .prefetch_related(Prefetch("memberships", queryset=mandates, to_attr="mandates"))
    )
    for person in queryset:
        parts, organizations = [], []
        for mandate in person.mandates:
            parts.append(f"{mandate.get_role_display()} {mandate.organization.name}")
            organizations.append(mandate.organization_id)
            if mandate.on_behalf_of_id:
                parts.append(mandate.on_behalf_of.name)
                organizations.append(mandate.on_behalf_of_id)
        yield _document(
            person,
            kind=Kind.PERSON,
            title=person.name,
            parts=parts,
            organizations=organizations,
        )


# Each source: how to read its documents, and all its public ids (for a rebuild).
SOURCES = {
    Source.PAPER: (papers, lambda: Paper.objects.public()),
    Source.REPORT: (reports, lambda: Report.objects.visible_to(AnonymousUser())),
    Source.AGENDA_ITEM: (agenda_items, lambda: AgendaItem.objects.visible_to(AnonymousUser())),
    Source.MEETING: (meetings, lambda: Meeting.objects.all()),
    Source.PERSON: (persons, lambda: Person.objects.public()),
}
