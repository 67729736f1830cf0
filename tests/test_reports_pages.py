"""The administration's report in the browser's pages: the writing form, and the published
report on the paper's page."""

import datetime

import pytest
from django.urls import reverse

from motions import services as paper_steps
from reports import services
from tests import factories as f

pytestmark = pytest.mark.django_db

QUESTIONS = ["Wie wird der Beschluss umgesetzt?", "Wie werden die Träger eingebunden?"]
ANSWERS = ["Mit zwei Stellen im Casemanagement.", "Über den Runden Tisch Integration."]


@pytest.fixture
def request_(b2, spd, spd_staff, b2_chair, b2_meeting, integration_unit):
    paper = f.draft(
        committee=b2,
        by=spd_staff,
        factions=[spd],
        title="Kommunales Integrationsmanagement",
        questions=QUESTIONS,
    )
    paper = paper_steps.submit(paper=paper, by=spd_staff)
    paper_steps.schedule(paper=paper, meeting=b2_meeting, by=b2_chair)
    f.publish_agenda(b2_meeting)
    paper = paper_steps.decide(paper=paper, by=b2_chair, outcome="adopted")
    return services.request_report(
        paper=paper, by=b2_chair, unit=integration_unit, due_date=datetime.date(2099, 5, 1)
    )


@pytest.fixture
def published(request_, integration_unit_staff, integration_unit_head):
    questions = list(request_.questions.order_by("order"))
    report = services.save_report(
        request=request_,
        by=integration_unit_staff,
        title="Stand des Kommunalen Integrationsmanagements",
        answers={q.pk: text for q, text in zip(questions, ANSWERS, strict=True)},
    )
    services.release(report=report, by=integration_unit_head)
    return services.publish(report=report, by=integration_unit_head)


def test_the_unit_opens_the_writing_form_before_there_is_a_report(
    client, request_, integration_unit_staff
):
    client.force_login(integration_unit_staff)

    response = client.get(reverse("reports:write", args=[request_.pk]))

    assert response.status_code == 200
    assert f"Bericht der Verwaltung zu {request_.paper.reference}" in response.content.decode()


def test_the_papers_page_shows_each_question_with_its_published_answer(client, published):
    page = client.get(published.request.paper.get_absolute_url()).content.decode()

    for question, answer in zip(QUESTIONS, ANSWERS, strict=True):
        assert question in page[page.index('class="question-answers"') :]
        assert answer in page
