"""The administration's screens and the reports' pages, as every role."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from freezegun import freeze_time

from motions import services as paper_steps
from motions.models import PaperState
from reports import services
from reports.models import Report, ReportRequest, ReportState
from tests import factories as f

pytestmark = pytest.mark.django_db

PERSONAS = [
    "citizen",
    "spd_staff",
    "b2_member",
    "b2_chair",
    "integration_unit_staff",
    "integration_unit_head",
    "planning_unit_staff",
    "office",
]
DUE = datetime.date(2030, 5, 1)
PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(params=PERSONAS)
def persona(request, client):
    user = request.getfixturevalue(request.param)
    if user is not None:
        client.force_login(user)
    return request.param


@pytest.fixture
def adopted(b2, spd, spd_staff, b2_chair, b2_meeting):
    paper = f.draft(
        committee=b2,
        by=spd_staff,
        factions=[spd],
        questions=["Wie wird der Beschluss umgesetzt?", "Wie werden die Träger eingebunden?"],
        title="Kommunales Integrationsmanagement",
    )
    paper_steps.submit(paper=paper, by=spd_staff)
    paper_steps.schedule(paper=paper, meeting=b2_meeting, by=b2_chair)
    f.publish_agenda(b2_meeting)
    return paper_steps.decide(paper=paper, by=b2_chair, outcome="adopted")


@pytest.fixture
def report_request(adopted, b2_chair, integration_unit):
    return services.request_report(paper=adopted, by=b2_chair, unit=integration_unit, due_date=DUE)


@pytest.fixture
def draft_report(report_request, integration_unit_staff):
    questions = list(report_request.questions.all())
    return services.save_report(
        request=report_request,
        by=integration_unit_staff,
        title="Stand des KIM",
        introduction="ENTWURFSTEXT der Verwaltung.",
        answers={questions[0].pk: "Erste Antwort.", questions[1].pk: "Zweite Antwort."},
    )


@pytest.fixture
def published(draft_report, integration_unit_head):
    services.release(report=draft_report, by=integration_unit_head)
    return services.publish(report=draft_report, by=integration_unit_head)


# Who may open what ---------------------------------------------------------------------------


def expected(persona, allowed):
    if persona in allowed:
        return 200
    return 302 if persona == "citizen" else 403


ADMINISTRATION = {
    "integration_unit_staff",
    "integration_unit_head",
    "planning_unit_staff",
    "office",
}
THE_UNIT = {"integration_unit_staff", "integration_unit_head", "office"}


def test_only_the_administration_opens_the_inbox(client, persona):
    response = client.get(reverse("reports:inbox"))

    assert response.status_code == expected(persona, ADMINISTRATION)


def test_only_the_unit_and_the_office_open_the_writing_form(client, persona, report_request):
    response = client.get(reverse("reports:write", args=[report_request.pk]))

    assert response.status_code == expected(persona, THE_UNIT)


def test_only_the_deciding_chair_and_the_office_ask_for_a_report(client, persona, adopted):
    response = client.get(reverse("reports:request_report", args=[adopted.pk]))

    assert response.status_code == expected(persona, {"b2_chair", "office"})


def test_only_the_head_and_the_office_open_the_release(client, persona, draft_report):
    response = client.get(reverse("reports:release", args=[draft_report.pk]))

    assert response.status_code == expected(persona, {"integration_unit_head", "office"})


DRAFT_READERS = {"integration_unit_staff", "integration_unit_head", "office"}


def test_a_draft_report_is_read_only_by_its_unit_and_the_office(client, persona, draft_report):
    response = client.get(draft_report.get_absolute_url())

    assert response.status_code == (200 if persona in DRAFT_READERS else 404)


def test_every_role_reads_a_published_report(client, persona, published):
    response = client.get(published.get_absolute_url())

    assert response.status_code == 200


def test_the_paper_page_tells_no_one_a_draft_reports_text(client, persona, draft_report, adopted):
    page = client.get(adopted.get_absolute_url()).content.decode()

    assert "ENTWURFSTEXT" not in page


# Asking for a report ----------------------------------------------------------------------------


REQUEST_BUTTON = "Bericht anfordern …"


def test_the_chair_is_offered_to_ask_for_a_report_on_an_adopted_motion(client, b2_chair, adopted):
    client.force_login(b2_chair)

    assert REQUEST_BUTTON in client.get(adopted.get_absolute_url()).content.decode()


@pytest.fixture
def rejected(b2, spd, spd_staff, b2_chair, b2_meeting):
    paper = f.draft(committee=b2, by=spd_staff, factions=[spd], questions=[], title="Abgelehnt")
    paper_steps.submit(paper=paper, by=spd_staff)
    paper_steps.schedule(paper=paper, meeting=b2_meeting, by=b2_chair)
    f.publish_agenda(b2_meeting)
    return paper_steps.decide(paper=paper, by=b2_chair, outcome="rejected")


@pytest.fixture
def imported(b2):
    return f.PaperFactory(
        body=b2.body,
        committee=b2,
        state="imported",
        reference="2019/117",
        submitted_at=datetime.datetime(2019, 11, 4, 9, 0, tzinfo=f.BERLIN),
    )


@pytest.mark.parametrize("paper", ["rejected", "imported"])
def test_no_one_is_offered_to_ask_for_a_report_that_cannot_be_asked(request, client, office, paper):
    paper = request.getfixturevalue(paper)
    client.force_login(office)

    assert REQUEST_BUTTON not in client.get(paper.get_absolute_url()).content.decode()


def test_the_request_form_of_a_paper_that_takes_no_report_says_why_instead(
    client, office, rejected
):
    client.force_login(office)

    page = client.get(reverse("reports:request_report", args=[rejected.pk])).content.decode()

    assert "kann (noch) kein Bericht angefordert werden" in page
    assert 'method="post"' not in page.split("<main", 1)[1]


def test_the_chair_asks_for_a_report_with_the_motions_questions(
    client, b2_chair, adopted, integration_unit
):
    client.force_login(b2_chair)

    client.post(
        reverse("reports:request_report", args=[adopted.pk]),
        {
            "unit": integration_unit.pk,
            "form": "written",
            "due_date": "2030-05-01",
            "questions": "Wie wird der Beschluss umgesetzt?\n\nWie werden die Träger eingebunden?",
        },
    )

    request = ReportRequest.objects.get()
    assert request.questions.count() == 2


def test_a_request_without_a_date_or_meeting_keeps_what_was_typed(
    client, b2_chair, adopted, integration_unit
):
    client.force_login(b2_chair)

    response = client.post(
        reverse("reports:request_report", args=[adopted.pk]),
        {"unit": integration_unit.pk, "form": "written", "questions": "Eigene Frage?"},
    )

    assert response.status_code == 400
    assert "Eigene Frage?" in response.content.decode()


def test_the_request_form_offers_the_unit_serving_the_committee(
    client, b2_chair, adopted, integration_unit
):
    client.force_login(b2_chair)

    response = client.get(reverse("reports:request_report", args=[adopted.pk]))

    assert response.context["form"].initial["unit"] == integration_unit


# The unit's inbox --------------------------------------------------------------------------------


@freeze_time("2030-05-10 10:00")
def test_the_inbox_puts_an_overdue_request_first(
    client, integration_unit_staff, report_request, adopted, b2_chair, integration_unit
):
    later = services.request_report(
        paper=adopted, by=b2_chair, unit=integration_unit, due_date=datetime.date(2030, 6, 1)
    )
    client.force_login(integration_unit_staff)

    response = client.get(reverse("reports:inbox"))

    assert list(response.context["requests"]) == [report_request, later]


def test_the_inbox_shows_only_the_units_requests(client, planning_unit_staff, report_request):
    client.force_login(planning_unit_staff)

    response = client.get(reverse("reports:inbox"))

    assert list(response.context["requests"]) == []


@pytest.mark.parametrize("count", [2, 20])
def test_the_inbox_runs_a_bounded_number_of_queries(
    client,
    integration_unit_staff,
    adopted,
    b2_chair,
    integration_unit,
    count,
    django_assert_max_num_queries,
):
    for n in range(count):
        services.request_report(
            paper=adopted, by=b2_chair, unit=integration_unit, due_date=DUE + datetime.timedelta(n)
        )
    client.force_login(integration_unit_staff)

    with django_assert_max_num_queries(10):
        client.get(reverse("reports:inbox"))


def test_a_colleague_takes_the_request_over(client, integration_unit_staff, report_request):
    client.force_login(integration_unit_staff)

    client.post(
        reverse("reports:assign", args=[report_request.pk]),
        {"assignee": integration_unit_staff.pk},
    )

    assert ReportRequest.objects.get().assignee == integration_unit_staff


# Writing -----------------------------------------------------------------------------------------------


def writing_data(request, **fields):
    questions = list(request.questions.all())
    data = {"title": "Stand", "introduction": "Einleitung.", "version": ""}
    data |= {f"answer_{q.pk}": f"Antwort {q.order}." for q in questions}
    return data | fields


def test_the_unit_writes_the_report_answer_by_answer(
    client, integration_unit_staff, report_request
):
    client.force_login(integration_unit_staff)

    client.post(reverse("reports:write", args=[report_request.pk]), writing_data(report_request))

    report = Report.objects.get()
    assert [a.text for a in report.answers.all()] == ["Antwort 1.", "Antwort 2."]


def test_a_save_on_a_stale_copy_is_refused_with_what_was_typed_kept(
    client, integration_unit_staff, report_request, draft_report
):
    client.force_login(integration_unit_staff)

    response = client.post(
        reverse("reports:write", args=[report_request.pk]),
        writing_data(report_request, version="2000-01-01T00:00:00+00:00", introduction="Meins."),
    )

    assert response.status_code == 409
    assert "Meins." in response.content.decode()


def test_an_attachment_that_is_no_document_is_refused(
    client, integration_unit_staff, report_request
):
    client.force_login(integration_unit_staff)
    fake = SimpleUploadedFile("bericht.pdf", b"MZ\x90\x00 not a pdf")

    response = client.post(
        reverse("reports:write", args=[report_request.pk]),
        writing_data(report_request, attachment=fake),
    )

    assert response.status_code == 400
    assert not Report.objects.exists()


def test_an_attachment_is_kept_with_the_report(client, integration_unit_staff, report_request):
    client.force_login(integration_unit_staff)
    pdf = SimpleUploadedFile("statistik.pdf", PDF_BYTES)

    client.post(
        reverse("reports:write", args=[report_request.pk]),
        writing_data(report_request, attachment=pdf),
    )

    assert Report.objects.get().attachments.get().title == "statistik.pdf"


def test_the_head_releases_and_publishes_through_the_pages(
    client, integration_unit_head, draft_report, adopted
):
    client.force_login(integration_unit_head)

    client.post(reverse("reports:release", args=[draft_report.pk]))
    client.post(reverse("reports:publish", args=[draft_report.pk]), {})

    adopted.refresh_from_db()
    assert Report.objects.get().state == ReportState.PUBLISHED
    assert adopted.state == PaperState.REPORT_RECEIVED


def test_publishing_with_an_open_question_asks_why(
    client, integration_unit_head, report_request, integration_unit_staff
):
    report = services.save_report(request=report_request, by=integration_unit_staff, title="T")
    services.release(report=report, by=integration_unit_head)
    client.force_login(integration_unit_head)

    response = client.post(reverse("reports:publish", args=[report.pk]), {})

    assert response.status_code == 400
    assert "Unbeantwortet: 1, 2" in response.content.decode()


# Reading: each question beside its answer ------------------------------------------------------


def test_the_paper_page_shows_each_question_beside_its_answer(client, persona, published, adopted):
    page = client.get(adopted.get_absolute_url()).content.decode()
    page = page.split('id="reports-heading"')[1]  # the letter above lists the questions, too

    first = page.index("Wie wird der Beschluss umgesetzt?")
    assert first < page.index("Erste Antwort.") < page.index("Wie werden die Träger eingebunden?")


def test_the_paper_page_says_when_a_request_is_overdue(client, report_request, adopted):
    with freeze_time("2030-05-02 10:00"):
        page = client.get(adopted.get_absolute_url()).content.decode()

    assert "überfällig" in page


def test_a_nonpublic_papers_report_stays_with_the_entitled(
    client,
    b2,
    spd,
    spd_staff,
    b2_chair,
    integration_unit,
    integration_unit_staff,
    integration_unit_head,
):
    paper = f.draft(committee=b2, by=spd_staff, factions=[spd], is_public=False, questions=["?"])
    paper.report_kind = "written"
    paper.save()
    paper_steps.submit(paper=paper, by=spd_staff)
    request = services.request_report(paper=paper, by=b2_chair, unit=integration_unit, due_date=DUE)
    report = services.save_report(
        request=request,
        by=integration_unit_staff,
        title="GEHEIMER BERICHT",
        answers={request.questions.get().pk: "x"},
    )
    services.release(report=report, by=integration_unit_head)
    services.publish(report=report, by=integration_unit_head)

    assert client.get(report.get_absolute_url()).status_code == 404
    assert "GEHEIMER BERICHT" not in client.get(reverse("reports:list")).content.decode()


def test_the_public_list_shows_published_reports(client, published):
    page = client.get(reverse("reports:list")).content.decode()

    assert published.reference in page


# Presentation -------------------------------------------------------------------------------------------


def test_the_chair_records_the_presentation_at_an_item(
    client, b2_chair, published, b2_meeting, adopted
):
    item = adopted.consultations.get().agenda_item
    client.force_login(b2_chair)

    client.post(reverse("reports:present", args=[published.pk]), {"item": item.pk})

    adopted.refresh_from_db()
    assert adopted.state == PaperState.CLOSED


def test_a_faction_may_not_record_a_presentation(client, spd_staff, published):
    client.force_login(spd_staff)

    assert client.get(reverse("reports:present", args=[published.pk])).status_code == 403


# The report as a PDF ---------------------------------------------------------------------------


def pdf_text(response):
    import io

    import pypdf

    reader = pypdf.PdfReader(io.BytesIO(response.content))
    return " ".join(page.extract_text() for page in reader.pages)


def test_the_report_prints_each_question_with_its_answer(client, published, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path

    text = pdf_text(client.get(reverse("reports:pdf", args=[published.pk])))

    assert "Wie wird der Beschluss umgesetzt?" in text and "Zweite Antwort." in text


def test_a_public_reports_pdf_is_rendered_once_and_kept(client, published, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.get(reverse("reports:pdf", args=[published.pk]))
    kept = published.versions.get().pdf.name

    client.get(reverse("reports:pdf", args=[published.pk]))

    assert kept and published.versions.get().pdf.name == kept


def test_a_draft_has_no_pdf(client, integration_unit_staff, draft_report):
    client.force_login(integration_unit_staff)

    assert client.get(reverse("reports:pdf", args=[draft_report.pk])).status_code == 404
