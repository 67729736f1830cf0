"""Report requests that lived as three fields on the paper become ReportRequest rows: the unit,
the due date, when it was asked for (and by whom) and when the report came in."""

from django.db import migrations

FORMS = {"written": "written", "oral": "oral", "written_and_oral": "written_and_oral"}


def requests_from_papers(apps, schema_editor):
    Paper = apps.get_model("motions", "Paper")
    TimelineEntry = apps.get_model("motions", "TimelineEntry")
    ReportRequest = apps.get_model("reports", "ReportRequest")
    RequestQuestion = apps.get_model("reports", "RequestQuestion")
    papers = Paper.objects.filter(report_unit__isnull=False, report_due__isnull=False)
    for paper in papers.iterator(chunk_size=500):
        asked = (
            TimelineEntry.objects.filter(paper=paper, action="report_requested")
            .order_by("-at")
            .first()
        )
        request = ReportRequest.objects.create(
            paper=paper,
            unit_id=paper.report_unit_id,
            form=FORMS.get(paper.report_kind, "written"),
            due_date=paper.report_due,
            requested_at=asked.at if asked else paper.modified,
            requested_by_id=asked.actor_id if asked else paper.created_by_id,
            answered_at=paper.report_received_at,
        )
        RequestQuestion.objects.bulk_create(
            RequestQuestion(request=request, order=q.order, text=q.text)
            for q in paper.questions.all()
        )


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0001_report_requests_and_reports"),
        ("motions", "0008_number_reports_too"),
    ]

    operations = [migrations.RunPython(requests_from_papers, migrations.RunPython.noop)]
