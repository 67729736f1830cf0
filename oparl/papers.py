"""Papers as OParl objects: the factions' motions, inquiries and amendments, the
administration's published reports (paperType "Bericht"), and the consultations."""

from django.db.models import Exists, OuterRef, Prefetch
from django.utils import timezone

from council.links import absolute_url
from council.models import AgendaItem, Person
from motions.models import Consultation, Paper, Signatory
from oparl.base import CITIZEN, EXT, Source, compact, day, head, object_url, stamp
from reports.models import Report, ReportRequest

REPORT_PAPER_TYPE = "Bericht"


def papers():
    return Paper.objects.public().with_outcome_disclosure(CITIZEN)


def prepare_papers(queryset):
    public_persons = Person.objects.public()
    return queryset.prefetch_related(
        "sponsorships",
        "questions",
        "attachments",
        Prefetch(
            "signatories",
            Signatory.objects.filter(person__in=public_persons),
            to_attr="public_signatories",
        ),
        Prefetch("amendments", Paper.objects.public(), to_attr="public_amendments"),
        Prefetch("consultations", prepare_consultations(Consultation.objects.all())),
        Prefetch(
            "report_requests",
            ReportRequest.objects.select_related("unit").prefetch_related(
                Prefetch("report", Report.objects.visible_to(CITIZEN).only("pk", "request"))
            ),
        ),
    ).annotate(amends_public=Exists(Paper.objects.public().filter(pk=OuterRef("amends_id"))))


def render_paper(paper, embed=True):
    from oparl.files import render_attachment

    data = head("Paper", "paper", paper)
    date = paper.letter_date or (
        timezone.localdate(paper.submitted_at) if paper.submitted_at else None
    )
    data.update(
        body=object_url("body", paper.body_id),
        name=paper.title,
        reference=paper.reference,
        date=day(date),
        paperType=paper.oparl_type,
        superordinatedPaper=[object_url("paper", paper.amends_id)] if paper.amends_public else None,
        subordinatedPaper=[object_url("paper", p.pk) for p in paper.public_amendments],
        originatorOrganization=[
            object_url("organization", s.faction_id) for s in paper.sponsorships.all()
        ],
        originatorPerson=[object_url("person", s.person_id) for s in paper.public_signatories],
        # The units that owe the answer: OParl's "Federführung" for the content of a reply.
        underDirectionOf=sorted(
            {object_url("organization", r.unit_id) for r in paper.report_requests.all()}
        ),
        web=absolute_url(paper.get_absolute_url()),
    )
    if embed:
        data["auxiliaryFile"] = [render_attachment(a) for a in paper.attachments.all()]
        data["consultation"] = [render_consultation(c) for c in paper.consultations.all()]
    data.update(_paper_extensions(paper))
    return compact(data)


def _paper_extensions(paper):
    """What OParl has no field for (see README: "Erweiterungsfelder")."""
    ext = {
        "committee": object_url("organization", paper.committee_id),
        "state": paper.state,
        "outcome": paper.outcome if paper.outcome_disclosed else None,
        "proposedResolution": paper.proposed_resolution,
        "questionsIntro": paper.questions_intro,
        "questions": [q.text for q in paper.questions.all()],
        "justification": paper.justification,
        "place": paper.place,
        "submitted": stamp(paper.submitted_at) if paper.submitted_at else None,
        "filingDeadline": stamp(paper.filing_deadline) if paper.filing_deadline else None,
        "late": paper.late or None,
        "urgent": paper.urgent or None,
        "urgencyReason": paper.urgency_reason,
        "reportKind": paper.report_kind if paper.report_kind != "none" else None,
        "reportDue": day(paper.report_due),
        "reportReceived": stamp(paper.report_received_at) if paper.report_received_at else None,
        "reportRequests": [_request(r) for r in paper.report_requests.all()],
    }
    return {EXT + k: v for k, v in compact(ext).items()}


def _request(request):
    status = (
        ("overdue" if request.overdue else "open")
        if request.is_open
        else ("answeredOnTime" if request.on_time else "answeredLate")
    )
    report = getattr(request, "report", None)
    return compact(
        {
            "unit": object_url("organization", request.unit_id),
            "form": request.form,
            "dueDate": day(request.due_date),
            "dueMeeting": object_url("meeting", request.due_meeting_id)
            if request.due_meeting_id
            else None,
            "interim": request.interim or None,
            "requested": stamp(request.requested_at),
            "answered": stamp(request.answered_at) if request.answered_at else None,
            "status": status,
            "report": object_url("report", report.pk) if report else None,
        }
    )


def prepare_consultations(queryset):
    listed = AgendaItem.objects.listed_for(CITIZEN).filter(pk=OuterRef("agenda_item_id"))
    return queryset.annotate(item_listed=Exists(listed)).order_by("position", "pk")


def consultations():
    return Consultation.objects.filter(paper__in=Paper.objects.public().values("pk"))


def render_consultation(consultation, embed=True):
    data = head("Consultation", "consultation", consultation)
    data.update(
        paper=object_url("paper", consultation.paper_id),
        # An item of an agenda not yet published is not told (as on the paper's page).
        agendaItem=object_url("agenda-item", consultation.agenda_item_id)
        if consultation.agenda_item_id and consultation.item_listed
        else None,
        meeting=object_url("meeting", consultation.meeting_id) if consultation.meeting_id else None,
        organization=[object_url("organization", consultation.organization_id)],
        authoritative=consultation.authoritative,
        role=consultation.get_role_display(),
    )
    data[EXT + "role"] = consultation.role
    data[EXT + "position"] = consultation.position
    return compact(data)


def reports():
    return Report.objects.visible_to(CITIZEN)


def prepare_reports(queryset):
    from reports.models import ReportVersion

    return (
        queryset.select_related("request")
        .prefetch_related(
            "attachments",
            Prefetch("versions", ReportVersion.objects.order_by("number")),
        )
        .annotate(
            paper_public=Exists(Paper.objects.public().filter(pk=OuterRef("request__paper_id"))),
            item_disclosed=Exists(
                AgendaItem.objects.visible_to(CITIZEN).filter(pk=OuterRef("presented_item_id"))
            ),
        )
    )


def render_report(report, embed=True):
    from oparl.files import render_attachment, render_report_pdf

    versions = list(report.versions.all())
    latest = versions[-1] if versions else None
    content = latest.content if latest else {}
    data = head("Paper", "report", report)
    request = report.request
    data.update(
        body=object_url("body", report.body_id),
        name=content.get("title") or report.title,
        reference=report.reference,
        date=day(timezone.localdate(report.published_at)) if report.published_at else None,
        paperType=REPORT_PAPER_TYPE,
        relatedPaper=[object_url("paper", request.paper_id)] if report.paper_public else None,
        originatorOrganization=[object_url("organization", request.unit_id)],
        underDirectionOf=[object_url("organization", request.unit_id)],
        web=absolute_url(report.get_absolute_url()),
    )
    if embed:
        if latest and latest.pdf:
            data["mainFile"] = render_report_pdf(latest, report=report)
        data["auxiliaryFile"] = [render_attachment(a) for a in report.attachments.all()]
    ext = {
        "state": report.state,
        "introduction": content.get("introduction"),
        "answers": [
            compact({"question": a.get("question"), "answer": a.get("text")})
            for a in content.get("answers", [])
        ],
        "conclusion": content.get("conclusion"),
        "oralSummary": report.oral_summary,
        "published": stamp(report.published_at) if report.published_at else None,
        "presented": stamp(report.presented_at) if report.presented_at else None,
        "presentedAt": object_url("agenda-item", report.presented_item_id)
        if report.presented_item_id and report.item_disclosed
        else None,
        "reportRequest": _request(request) if report.paper_public else None,
        "versions": len(versions) or None,
    }
    data.update({EXT + k: v for k, v in compact(ext).items()})
    return compact(data)


SOURCES = [
    Source("paper", "Paper", papers, render_paper, prepare_papers),
    Source("report", "Paper", reports, render_report, prepare_reports),
    Source(
        "consultation",
        "Consultation",
        consultations,
        render_consultation,
        prepare_consultations,
        in_body="paper__body",
    ),
]
