"""The committees' workspaces: inbox, scheduling and planning, as every role."""

import datetime

import pytest
from django.urls import reverse

from council.models import Role
from motions import services
from motions.models import Consultation, PaperState
from tests import factories as f

pytestmark = pytest.mark.django_db

PERSONAS = [
    "citizen",
    "spd_staff",
    "b2_member",
    "integration_unit_staff",
    "b2_chair",
    "office",
]


@pytest.fixture
def submitted(b2, spd, spd_staff):
    paper = f.draft(committee=b2, by=spd_staff, factions=[spd], title="Spielplatz am Markt")
    return services.submit(paper=paper, by=spd_staff)


@pytest.fixture
def hfa(body):
    return f.CommitteeFactory(body=body, name="Haupt- und Finanzausschuss", short_name="HFA")


@pytest.fixture(params=PERSONAS)
def persona(request, client):
    user = request.getfixturevalue(request.param)
    if user is not None:
        client.force_login(user)
    return request.param


WORKSPACE_EXPECTED = {
    "citizen": 302,
    "spd_staff": 403,
    "b2_member": 403,
    "integration_unit_staff": 403,
    "b2_chair": 200,
    "office": 200,
}


def test_only_the_chair_and_the_office_open_the_committees_workspace(client, persona, b2):
    response = client.get(reverse("committees:workspace", args=[b2.pk]))

    assert response.status_code == WORKSPACE_EXPECTED[persona]


def test_a_chair_may_not_open_another_committees_workspace(client, b2_chair, hfa):
    client.force_login(b2_chair)

    response = client.get(reverse("committees:workspace", args=[hfa.pk]))

    assert response.status_code == 403


def test_my_committee_leads_a_chair_of_one_committee_to_it(client, b2_chair, b2):
    client.force_login(b2_chair)

    response = client.get(reverse("committees:workspaces"))

    assert response.url == reverse("committees:workspace", args=[b2.pk])


def test_the_inbox_lists_a_submitted_paper_addressed_to_the_committee(
    client, b2_chair, b2, submitted
):
    client.force_login(b2_chair)

    response = client.get(reverse("committees:workspace", args=[b2.pk]))

    assert list(response.context["papers"]) == [submitted]


def test_the_inbox_leaves_out_drafts_and_scheduled_papers(
    client, b2_chair, b2, spd, spd_staff, submitted, b2_meeting
):
    f.draft(committee=b2, by=spd_staff, factions=[spd])
    services.schedule(paper=submitted, meeting=b2_meeting, by=b2_chair)
    client.force_login(b2_chair)

    response = client.get(reverse("committees:workspace", args=[b2.pk]))

    assert list(response.context["papers"]) == []


def test_a_referred_paper_waits_in_the_other_committees_inbox(
    client, office, b2_chair, b2_meeting, hfa, submitted
):
    services.schedule(paper=submitted, meeting=b2_meeting, by=b2_chair)
    services.refer(paper=submitted, by=b2_chair, to=hfa)
    client.force_login(office)

    response = client.get(reverse("committees:workspace", args=[hfa.pk]))

    assert list(response.context["papers"]) == [submitted]


def test_the_inbox_puts_papers_for_the_nearest_meeting_first(client, b2_chair, b2, spd, spd_staff):
    def meeting(day):
        start = datetime.datetime(2030, 5, day, 17, tzinfo=f.BERLIN)
        return f.MeetingFactory(body=b2.body, organizations=[b2], start=start)

    later, sooner = meeting(20), meeting(6)
    papers = []
    for target in (None, later, sooner):
        paper = f.draft(committee=b2, by=spd_staff, factions=[spd], target_meeting=target)
        papers.append(services.submit(paper=paper, by=spd_staff))
    client.force_login(b2_chair)

    response = client.get(reverse("committees:workspace", args=[b2.pk]))

    assert list(response.context["papers"]) == [papers[2], papers[1], papers[0]]


def test_the_inbox_runs_a_bounded_number_of_queries(
    client, b2_chair, b2, spd, spd_staff, django_assert_max_num_queries
):
    for _ in range(12):
        services.submit(paper=f.draft(committee=b2, by=spd_staff, factions=[spd]), by=spd_staff)
    client.force_login(b2_chair)

    with django_assert_max_num_queries(14):
        client.get(reverse("committees:workspace", args=[b2.pk]))


def test_the_office_inbox_groups_the_waiting_papers_by_committee(client, office, b2, submitted):
    client.force_login(office)

    response = client.get(reverse("committees:inbox"))

    assert (b2, [submitted]) in response.context["groups"]


# Scheduling --------------------------------------------------------------------------------------


def test_the_chair_puts_a_paper_on_her_committees_agenda(
    client, b2_chair, submitted, upcoming_b2_meeting
):
    client.force_login(b2_chair)

    client.post(
        reverse("committees:schedule", args=[submitted.pk]),
        {"meeting": upcoming_b2_meeting.pk, "role": "decision", "public": "on"},
    )

    submitted.refresh_from_db()
    assert submitted.state == PaperState.SCHEDULED


SCHEDULE_EXPECTED = {
    "citizen": 302,
    "spd_staff": 403,
    "b2_member": 403,
    "integration_unit_staff": 403,
    "b2_chair": 200,
    "office": 200,
}


def test_only_the_chair_and_the_office_open_the_scheduling_form(client, persona, submitted):
    response = client.get(reverse("committees:schedule", args=[submitted.pk]))

    assert response.status_code == SCHEDULE_EXPECTED[persona]


def test_another_committees_meeting_is_refused_with_the_form_kept(client, b2_chair, submitted, hfa):
    foreign = f.MeetingFactory(body=hfa.body, organizations=[hfa])
    client.force_login(b2_chair)

    response = client.post(
        reverse("committees:schedule", args=[submitted.pk]),
        {"meeting": foreign.pk, "role": "decision"},
    )

    assert response.status_code == 400
    assert "meeting" in response.context["form"].errors


def test_a_nonpublic_paper_cannot_become_a_public_item(
    client, b2_chair, b2, spd, spd_staff, upcoming_b2_meeting
):
    paper = f.draft(committee=b2, by=spd_staff, factions=[spd], is_public=False)
    services.submit(paper=paper, by=spd_staff)
    client.force_login(b2_chair)

    response = client.post(
        reverse("committees:schedule", args=[paper.pk]),
        {"meeting": upcoming_b2_meeting.pk, "role": "decision", "public": "on"},
    )

    assert "public" in response.context["form"].errors


def test_a_cancelled_meeting_is_not_offered(client, b2_chair, submitted, upcoming_b2_meeting):
    upcoming_b2_meeting.state = "cancelled"
    upcoming_b2_meeting.save()
    client.force_login(b2_chair)

    response = client.get(reverse("committees:schedule", args=[submitted.pk]))

    assert upcoming_b2_meeting not in response.context["form"].fields["meeting"].queryset


def test_an_upcoming_meeting_of_the_committee_is_offered(
    client, b2_chair, submitted, upcoming_b2_meeting
):
    client.force_login(b2_chair)

    response = client.get(reverse("committees:schedule", args=[submitted.pk]))

    assert upcoming_b2_meeting in response.context["form"].fields["meeting"].queryset


def test_a_scheduled_paper_cannot_be_scheduled_twice(client, b2_chair, submitted, b2_meeting, b2):
    services.schedule(paper=submitted, meeting=b2_meeting, by=b2_chair)
    other = f.MeetingFactory(body=b2.body, organizations=[b2])
    client.force_login(b2_chair)

    response = client.post(
        reverse("committees:schedule", args=[submitted.pk]),
        {"meeting": other.pk, "role": "decision", "public": "on"},
    )

    assert response.status_code == 400
    assert "Stand" in response.content.decode()


# Planning the consultation sequence ------------------------------------------------------------


def test_the_office_plans_a_consultation_sequence(client, office, submitted, b2, hfa, council):
    client.force_login(office)

    client.post(
        reverse("committees:plan", args=[submitted.pk]),
        {
            "steps-TOTAL_FORMS": "3",
            "steps-INITIAL_FORMS": "0",
            "steps-0-committee": b2.pk,
            "steps-0-role": "preliminary",
            "steps-1-committee": hfa.pk,
            "steps-1-role": "preliminary",
            "steps-2-committee": council.pk,
            "steps-2-role": "decision",
        },
    )

    planned = submitted.consultations.filter(meeting=None).order_by("position")
    assert [(c.organization, c.role) for c in planned] == [
        (b2, Consultation.Role.PRELIMINARY),
        (hfa, Consultation.Role.PRELIMINARY),
        (council, Consultation.Role.DECISION),
    ]


def test_every_planned_step_shows_on_the_papers_page(client, office, submitted, b2, hfa):
    services.plan(
        paper=submitted,
        by=office,
        steps=[(b2, Consultation.Role.PRELIMINARY), (hfa, Consultation.Role.DECISION)],
    )

    response = client.get(submitted.get_absolute_url())

    assert response.content.decode().count("noch nicht terminiert") == 2


def test_a_plan_with_the_decision_in_the_middle_is_refused_with_a_message(
    client, office, submitted, b2, hfa
):
    client.force_login(office)

    response = client.post(
        reverse("committees:plan", args=[submitted.pk]),
        {
            "steps-TOTAL_FORMS": "2",
            "steps-INITIAL_FORMS": "0",
            "steps-0-committee": b2.pk,
            "steps-0-role": "decision",
            "steps-1-committee": hfa.pk,
            "steps-1-role": "notice",
        },
    )

    assert response.status_code == 400
    assert "letzte Schritt" in response.content.decode()


def test_a_chair_of_an_uninvolved_committee_may_not_plan(client, submitted, hfa):
    person = f.PersonFactory(body=hfa.body)
    f.MembershipFactory(person=person, organization=hfa, role=Role.CHAIR)
    client.force_login(f.user_for(person))

    response = client.get(reverse("committees:plan", args=[submitted.pk]))

    assert response.status_code == 403
