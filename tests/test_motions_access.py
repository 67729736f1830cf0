"""Every role against every paper view: what each may open, and what is refused."""

import datetime

import pytest
from django.urls import reverse

from motions import services
from reports import services as reports_services
from tests import factories as f

pytestmark = pytest.mark.django_db

PERSONAS = [
    "citizen",
    "spd_staff",
    "gruene_staff",
    "b2_chair",
    "b2_member",
    "office",
    "integration_unit_staff",
]


@pytest.fixture
def submitted(b2, spd, spd_staff):
    paper = f.draft(committee=b2, by=spd_staff, factions=[spd], questions=["Wie?"])
    return services.submit(paper=paper, by=spd_staff)


@pytest.fixture(params=PERSONAS)
def persona(request, client):
    user = request.getfixturevalue(request.param)
    if user is not None:
        client.force_login(user)
    return request.param


READABLE = ["motions:detail", "motions:letter", "motions:letter_pdf"]


@pytest.mark.parametrize("view", READABLE)
def test_every_role_may_read_a_public_submitted_paper(client, persona, submitted, view):
    response = client.get(reverse(view, args=[submitted.pk]))

    assert response.status_code == 200


def test_every_role_may_read_the_register(client, persona, submitted):
    response = client.get(reverse("motions:list"))

    assert submitted.title in response.content.decode()


EDIT_EXPECTED = {
    "citizen": 302,  # to the login page
    "spd_staff": 302,  # back to the paper with a message: submitted papers are not edited
    "gruene_staff": 302,
    "b2_chair": 302,
    "b2_member": 302,
    "office": 200,  # the council office may correct it
    "integration_unit_staff": 302,
}


def test_only_the_council_office_may_open_a_submitted_papers_form(client, persona, submitted):
    response = client.get(reverse("motions:edit", args=[submitted.pk]))

    assert response.status_code == EDIT_EXPECTED[persona]


WITHDRAW_EXPECTED = {
    "citizen": 302,
    "spd_staff": 200,
    "gruene_staff": 403,
    "b2_chair": 403,
    "b2_member": 403,
    "office": 200,
    "integration_unit_staff": 403,
}


def test_only_the_originators_and_the_office_may_open_the_withdrawal(client, persona, submitted):
    response = client.get(reverse("motions:withdraw", args=[submitted.pk]))

    assert response.status_code == WITHDRAW_EXPECTED[persona]


def test_submitting_an_already_submitted_paper_changes_nothing(client, persona, submitted):
    response = client.post(reverse("motions:submit", args=[submitted.pk]))

    submitted.refresh_from_db()
    assert response.status_code in (302, 403)
    assert submitted.reference.endswith("/0001")


# A decision taken at a non-public item ---------------------------------------------------------

# Who may read the rejection recorded at a non-public item: the committee, the unit serving it
# and the office. The sponsoring faction has no seat in B2 and learns only that it was decided.
SEES_NONPUBLIC_RESULT = {
    "citizen": False,
    "spd_staff": False,
    "gruene_staff": False,
    "b2_chair": True,
    "b2_member": True,
    "office": True,
    "integration_unit_staff": True,
}


@pytest.fixture
def rejected_in_private(submitted, b2_chair, b2_meeting):
    services.schedule(paper=submitted, meeting=b2_meeting, by=b2_chair, public=False)
    f.publish_agenda(b2_meeting)
    return services.decide(
        paper=submitted,
        by=b2_chair,
        outcome="rejected",
        comment="Abgelehnt mit 9 zu 4 Stimmen",
    )


def test_the_history_tells_a_nonpublic_result_only_to_the_entitled(
    client, persona, rejected_in_private
):
    response = client.get(reverse("motions:detail", args=[rejected_in_private.pk]))

    page = response.content.decode()
    assert ("9 zu 4" in page) is SEES_NONPUBLIC_RESULT[persona]


def test_the_state_tells_a_nonpublic_result_only_to_the_entitled(
    client, persona, rejected_in_private
):
    response = client.get(reverse("motions:detail", args=[rejected_in_private.pk]))

    page = response.content.decode()
    assert ("entschieden: abgelehnt" in page) is SEES_NONPUBLIC_RESULT[persona]


def test_the_register_tells_a_nonpublic_result_only_to_the_entitled(
    client, persona, rejected_in_private
):
    response = client.get(reverse("motions:list"))

    assert ("abgelehnt" in response.content.decode()) is SEES_NONPUBLIC_RESULT[persona]


# Non-public papers: the administration reads those of the committees it serves ---------------


@pytest.fixture
def nonpublic(b2, spd, spd_staff):
    paper = f.draft(committee=b2, by=spd_staff, factions=[spd], is_public=False, title="Grundstück")
    return services.submit(paper=paper, by=spd_staff)


def test_the_unit_serving_the_committee_reads_its_nonpublic_paper(
    client, integration_unit_staff, nonpublic
):
    client.force_login(integration_unit_staff)

    assert client.get(nonpublic.get_absolute_url()).status_code == 200


def test_a_unit_serving_other_committees_does_not_read_the_nonpublic_paper(
    client, planning_unit_staff, nonpublic
):
    client.force_login(planning_unit_staff)

    assert client.get(nonpublic.get_absolute_url()).status_code == 404


def test_a_unit_that_owes_a_report_reads_the_nonpublic_paper(
    client, planning_unit, planning_unit_staff, nonpublic, office
):
    nonpublic.report_kind = "written"
    nonpublic.save()
    reports_services.request_report(
        paper=nonpublic, by=office, unit=planning_unit, due_date=datetime.date(2030, 1, 1)
    )
    client.force_login(planning_unit_staff)

    assert client.get(nonpublic.get_absolute_url()).status_code == 200
