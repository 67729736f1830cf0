"""Report requests and reports for the generated papers (`manage.py demo --papers N`), written in
bulk from what each paper's history says: asked for (when, by whom, due when) and, where the
report came, released and published at that moment. Each report answers every question of its
paper with sentences chosen per paper, so the same data comes out on every run."""

import random
from itertools import batched

from django.db.models import Exists, OuterRef
from django.utils import timezone

from council.models import Organization
from motions.models import (
    DEFAULT_REFERENCE_PATTERN,
    Action,
    Paper,
    ReferenceCounter,
    ReferencePattern,
    TimelineEntry,
)
from reports.demo import DATA
from reports.models import (
    Answer,
    Report,
    ReportRequest,
    ReportState,
    ReportVersion,
    RequestQuestion,
)

BATCH = 2000
TEXTS = DATA["generated"]


def add_generated(body):
    """Requests (and reports) for the papers whose history asked for one; returns how many."""
    asked = TimelineEntry.objects.filter(paper=OuterRef("pk"), action=Action.REPORT_REQUESTED)
    has_request = ReportRequest.objects.filter(paper=OuterRef("pk"))
    papers = (
        Paper.objects.filter(body=body)
        .filter(Exists(asked))
        .exclude(Exists(has_request))
        .only("pk", "committee_id", "report_due", "report_kind", "is_public", "reference", "title")
        .order_by("pk")
    )
    units = _units(body)
    added = 0
    for batch in batched(papers.iterator(chunk_size=BATCH), BATCH):
        added += _write(body, list(batch), units)
    return added


def _units(body):
    """The unit that reports to each committee: the first that serves it, else the office's."""
    through = Organization.serves.through
    units = {}
    for unit_id, committee_id in (
        through.objects.filter(from_organization__body=body)
        .order_by("from_organization_id")
        .values_list("from_organization_id", "to_organization_id")
    ):
        units.setdefault(committee_id, unit_id)
    fallback = Organization.objects.filter(body=body, kind="administration").order_by("pk").first()
    return units, fallback.pk if fallback else None


def _steps(papers):
    entries = TimelineEntry.objects.filter(
        paper__in=papers, action__in=[Action.REPORT_REQUESTED, Action.REPORT_RECEIVED]
    ).order_by("paper_id", "at")
    steps = {}
    for entry in entries:
        steps.setdefault(entry.paper_id, {})[entry.action] = entry
    return steps


def _write(body, papers, units):
    by_committee, fallback = units
    steps = _steps(papers)
    questions = {}
    for question in Paper.questions.rel.related_model.objects.filter(paper__in=papers).order_by(
        "order"
    ):
        questions.setdefault(question.paper_id, []).append(question)
    requests = []
    for paper in papers:
        asked = steps[paper.pk][Action.REPORT_REQUESTED]
        received = steps[paper.pk].get(Action.REPORT_RECEIVED)
        unit = by_committee.get(paper.committee_id, fallback)
        requests.append(
            ReportRequest(
                paper=paper,
                unit_id=unit,
                form=paper.report_kind if paper.report_kind != "none" else "written",
                due_date=paper.report_due or timezone.localdate(asked.at),
                requested_at=asked.at,
                requested_by_id=asked.actor_id,
                answered_at=received.at if received else None,
            )
        )
    ReportRequest.objects.bulk_create(requests, batch_size=BATCH)
    request_questions = [
        RequestQuestion(request=request, order=q.order, text=q.text)
        for request in requests
        for q in questions.get(request.paper_id, [])
    ]
    RequestQuestion.objects.bulk_create(request_questions, batch_size=BATCH)
    by_request = {}
    for question in request_questions:
        by_request.setdefault(question.request_id, []).append(question)
    _reports(body, [r for r in requests if r.answered_at], by_request, steps)
    return len(requests)


def _reports(body, answered, by_request, steps):
    numbers = _references(body, answered)
    reports, answers, versions = [], [], []
    for request in answered:
        rng = random.Random(f"ratsfaden-demo-report-{request.paper_id}")
        at = request.answered_at
        clerk = steps[request.paper_id][Action.REPORT_RECEIVED].actor_id
        report = Report(
            request=request,
            body=body,
            reference=numbers[request.pk],
            title=f"Bericht der Verwaltung zu {request.paper.reference}: {request.paper.title}"[
                :300
            ],
            introduction=rng.choice(TEXTS["introductions"]),
            conclusion=rng.choice(TEXTS["conclusions"]),
            state=ReportState.PUBLISHED,
            is_public=request.paper.is_public,
            released_at=at,
            released_by_id=clerk,
            published_at=at,
            published_by_id=clerk,
            created_by_id=clerk,
        )
        reports.append(report)
        report._answers = [
            Answer(report=report, question=q, text=rng.choice(TEXTS["answers"]))
            for q in by_request.get(request.pk, [])
        ]
    Report.objects.bulk_create(reports, batch_size=BATCH)
    for report in reports:
        answers += report._answers
        versions.append(
            ReportVersion(
                report=report,
                number=1,
                published_at=report.published_at,
                published_by_id=report.published_by_id,
                content={
                    "title": report.title,
                    "introduction": report.introduction,
                    "answers": [
                        {"question": a.question.text, "order": a.question.order, "text": a.text}
                        for a in report._answers
                    ],
                    "conclusion": report.conclusion,
                    "oral_summary": "",
                },
            )
        )
    Answer.objects.bulk_create(answers, batch_size=BATCH)
    ReportVersion.objects.bulk_create(versions, batch_size=BATCH)


def _references(body, answered):
    """Report numbers in the order of publication, from the numbering service's counters."""
    pattern = (
        ReferencePattern.objects.filter(body=body, paper_type="report")
        .values_list("pattern", flat=True)
        .first()
        or DEFAULT_REFERENCE_PATTERN["report"]
    )
    counters, numbers = {}, {}
    for request in sorted(answered, key=lambda r: (r.answered_at, r.pk)):
        year = timezone.localdate(request.answered_at).year
        if year not in counters:
            counters[year] = ReferenceCounter.objects.select_for_update().get_or_create(
                body=body, paper_type="report", year=year
            )[0]
        counters[year].last_number += 1
        numbers[request.pk] = pattern.format(year=year, number=counters[year].last_number)
    ReferenceCounter.objects.bulk_update(counters.values(), ["last_number"])
    return numbers
