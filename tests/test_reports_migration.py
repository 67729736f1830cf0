"""The data migration that turned the paper's three report fields into report requests."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("reports", "0001_report_requests_and_reports"), ("motions", "0008_number_reports_too")]
AFTER = [("reports", "0002_requests_from_papers")]
BERLIN = datetime.timezone(datetime.timedelta(hours=1))


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    # The council's own migrations stay where they are; its models as they are now.
    council = executor.loader.graph.leaf_nodes("council")
    return executor.loader.project_state([*targets, *council]).apps


@pytest.fixture
def old_papers(transactional_db):
    """Papers as they were before the reports app: one waiting for its report, one answered,
    one never asked. Written with the models of that time."""
    apps = migrate(BEFORE)
    Body = apps.get_model("council", "Body")
    Organization = apps.get_model("council", "Organization")
    Paper = apps.get_model("motions", "Paper")
    Question = apps.get_model("motions", "Question")
    TimelineEntry = apps.get_model("motions", "TimelineEntry")
    User = apps.get_model("auth", "User")
    body = Body.objects.create(name="Stadt", short_name="stadt")
    b2 = Organization.objects.create(body=body, kind="committee", name="B2", short_name="B2")
    unit = Organization.objects.create(
        body=body, kind="administration", name="Fachbereich Integration", short_name="FB 50"
    )
    chair = User.objects.create(username="vorsitz")
    asked = datetime.datetime(2026, 3, 3, 9, tzinfo=BERLIN)

    def paper(title, **fields):
        fields.setdefault("state", "submitted")
        p = Paper.objects.create(
            body=body,
            committee=b2,
            title=title,
            created_by=chair,
            reference=f"A/2026/{Paper.objects.count() + 1:04d}",
            submitted_at=asked - datetime.timedelta(days=10),
            **fields,
        )
        Question.objects.create(paper=p, order=1, text=f"Frage zu {title}?")
        return p

    waiting = paper(
        "Wartet", state="report_requested", report_unit=unit, report_due=datetime.date(2026, 4, 1)
    )
    answered = paper(
        "Beantwortet",
        state="report_received",
        report_unit=unit,
        report_due=datetime.date(2026, 4, 1),
        report_received_at=datetime.datetime(2026, 3, 30, 14, tzinfo=BERLIN),
        report_kind="written_and_oral",
    )
    paper("Ohne Bericht")
    for p in (waiting, answered):
        TimelineEntry.objects.create(
            paper=p, at=asked, actor=chair, action="report_requested", to_state="report_requested"
        )
    yield {"waiting": waiting.pk, "answered": answered.pk, "unit": unit.pk, "chair": chair.pk}
    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())


def requests_after_migration():
    apps = migrate(AFTER)
    ReportRequest = apps.get_model("reports", "ReportRequest")
    return {r.paper_id: r for r in ReportRequest.objects.prefetch_related("questions")}


def test_each_asked_paper_becomes_one_request(old_papers):
    requests = requests_after_migration()

    assert set(requests) == {old_papers["waiting"], old_papers["answered"]}


def test_the_request_keeps_unit_due_date_and_who_asked_when(old_papers):
    request = requests_after_migration()[old_papers["waiting"]]

    assert (request.unit_id, request.due_date, request.requested_by_id) == (
        old_papers["unit"],
        datetime.date(2026, 4, 1),
        old_papers["chair"],
    )
    assert request.requested_at == datetime.datetime(2026, 3, 3, 9, tzinfo=BERLIN)


def test_an_answered_request_keeps_when_it_was_answered_and_its_form(old_papers):
    request = requests_after_migration()[old_papers["answered"]]

    assert request.answered_at == datetime.datetime(2026, 3, 30, 14, tzinfo=BERLIN)
    assert request.form == "written_and_oral"


def test_the_request_takes_over_the_papers_questions(old_papers):
    request = requests_after_migration()[old_papers["waiting"]]

    assert [q.text for q in request.questions.all()] == ["Frage zu Wartet?"]
