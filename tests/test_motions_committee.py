"""The committees' steps: who records a result follows the meeting; referral, notice, planning."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from council.models import AgendaResult, Role
from motions import services
from motions.models import Action, Consultation, Outcome, PaperState
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def hfa(body):
    return f.CommitteeFactory(body=body, name="Haupt- und Finanzausschuss", short_name="HFA")


@pytest.fixture
def hfa_chair(hfa):
    person = f.PersonFactory(body=hfa.body)
    f.MembershipFactory(person=person, organization=hfa, role=Role.CHAIR)
    return f.user_for(person, username="hfa-chair")


@pytest.fixture
def hfa_meeting(hfa):
    return f.MeetingFactory(
        body=hfa.body,
        organizations=[hfa],
        start=datetime.datetime(2026, 3, 9, 17, tzinfo=f.BERLIN),
    )


@pytest.fixture
def submitted(b2, spd, spd_staff):
    paper = f.PaperFactory(body=b2.body, committee=b2, factions=[spd], created_by=spd_staff)
    return services.submit(paper=paper, by=spd_staff)


@pytest.fixture
def scheduled(submitted, b2_chair, b2_meeting):
    return services.schedule(paper=submitted, meeting=b2_meeting, by=b2_chair)


@pytest.fixture
def referred_to_hfa(scheduled, b2_chair, hfa, hfa_meeting, office):
    services.refer(paper=scheduled, by=b2_chair, to=hfa)
    return services.schedule(paper=scheduled, meeting=hfa_meeting, by=office)


# Referral -----------------------------------------------------------------------------------


def test_a_referral_leaves_the_paper_undecided_and_waiting(scheduled, b2_chair, hfa):
    paper = services.refer(paper=scheduled, by=b2_chair, to=hfa)

    assert (paper.state, paper.outcome) == (PaperState.SUBMITTED, "")


def test_a_referred_paper_waits_for_the_other_committee(scheduled, b2_chair, hfa):
    paper = services.refer(paper=scheduled, by=b2_chair, to=hfa)

    assert services.awaited_committee(paper) == hfa


def test_a_referral_is_the_result_of_the_agenda_item(scheduled, b2_chair, hfa, b2_meeting):
    services.refer(paper=scheduled, by=b2_chair, to=hfa)

    item = scheduled.consultations.get(meeting=b2_meeting).agenda_item
    assert item.result == AgendaResult.REFERRED


def test_a_referred_paper_can_still_be_withdrawn(scheduled, b2_chair, hfa, spd_staff):
    services.refer(paper=scheduled, by=b2_chair, to=hfa)

    paper = services.withdraw(paper=scheduled, by=spd_staff)

    assert paper.state == PaperState.WITHDRAWN


def test_a_referral_must_name_another_committee(scheduled, b2_chair, b2):
    with pytest.raises(ValidationError):
        services.refer(paper=scheduled, by=b2_chair, to=b2)


def test_a_referred_paper_cannot_go_back_onto_the_first_committees_agenda(
    scheduled, b2_chair, hfa, b2, body
):
    services.refer(paper=scheduled, by=b2_chair, to=hfa)
    later = f.MeetingFactory(
        body=body, organizations=[b2], start=datetime.datetime(2030, 6, 1, 17, tzinfo=f.BERLIN)
    )

    with pytest.raises(PermissionDenied):
        services.schedule(paper=scheduled, meeting=later, by=b2_chair)


# Who records the result: the chair of the committee whose meeting holds the item --------------


def test_after_a_referral_the_other_committees_chair_records_the_decision(
    referred_to_hfa, hfa_chair
):
    paper = services.decide(paper=referred_to_hfa, by=hfa_chair, outcome=Outcome.ADOPTED)

    assert (paper.state, paper.outcome) == (PaperState.DECIDED, Outcome.ADOPTED)


def test_after_a_referral_the_first_committees_chair_may_not_record_the_decision(
    referred_to_hfa, b2_chair
):
    with pytest.raises(PermissionDenied):
        services.decide(paper=referred_to_hfa, by=b2_chair, outcome=Outcome.ADOPTED)


def test_after_a_referral_the_first_committees_chair_may_not_postpone(referred_to_hfa, b2_chair):
    with pytest.raises(PermissionDenied):
        services.postpone(paper=referred_to_hfa, by=b2_chair)


def test_the_chair_holding_a_preliminary_consultation_records_the_recommendation(
    council, b2, b2_chair, b2_meeting, spd, spd_staff, office
):
    paper = f.PaperFactory(body=b2.body, committee=council, factions=[spd])
    services.submit(paper=paper, by=spd_staff)
    services.plan(
        paper=paper,
        by=office,
        steps=[(b2, Consultation.Role.PRELIMINARY), (council, Consultation.Role.DECISION)],
    )
    services.schedule(paper=paper, meeting=b2_meeting, by=b2_chair)

    paper = services.decide(paper=paper, by=b2_chair, outcome=Outcome.ADOPTED)

    assert paper.timeline.last().action == Action.RECOMMENDED


def test_the_addressed_committees_chair_may_not_record_another_committees_recommendation(
    council, b2, b2_meeting, spd, spd_staff, office
):
    person = f.PersonFactory(body=b2.body)
    f.MembershipFactory(person=person, organization=council, role=Role.CHAIR)
    mayor = f.user_for(person)
    paper = f.PaperFactory(body=b2.body, committee=council, factions=[spd])
    services.submit(paper=paper, by=spd_staff)
    services.plan(
        paper=paper,
        by=office,
        steps=[(b2, Consultation.Role.PRELIMINARY), (council, Consultation.Role.DECISION)],
    )
    services.schedule(paper=paper, meeting=b2_meeting, by=office)

    with pytest.raises(PermissionDenied):
        services.decide(paper=paper, by=mayor, outcome=Outcome.ADOPTED)


def test_a_deputy_chair_records_the_result_in_the_chairs_stead(scheduled, b2):
    person = f.PersonFactory(body=b2.body)
    f.MembershipFactory(person=person, organization=b2, role=Role.DEPUTY_CHAIR)

    paper = services.decide(paper=scheduled, by=f.user_for(person), outcome=Outcome.REJECTED)

    assert paper.outcome == Outcome.REJECTED


# The consultation sequence ------------------------------------------------------------------


def test_after_a_recommendation_the_paper_waits_for_the_next_planned_committee(
    submitted, b2, b2_chair, b2_meeting, hfa, office
):
    services.plan(
        paper=submitted,
        by=office,
        steps=[(b2, Consultation.Role.PRELIMINARY), (hfa, Consultation.Role.DECISION)],
    )
    services.schedule(paper=submitted, meeting=b2_meeting, by=b2_chair)

    paper = services.decide(paper=submitted, by=b2_chair, outcome=Outcome.ADOPTED)

    assert (paper.state, services.awaited_committee(paper)) == (PaperState.SUBMITTED, hfa)


def test_scheduling_takes_the_role_planned_for_the_step(
    submitted, b2, b2_chair, b2_meeting, hfa, office
):
    services.plan(
        paper=submitted,
        by=office,
        steps=[(b2, Consultation.Role.PRELIMINARY), (hfa, Consultation.Role.DECISION)],
    )

    services.schedule(paper=submitted, meeting=b2_meeting, by=b2_chair)

    consultation = submitted.consultations.get(meeting=b2_meeting)
    assert (consultation.role, consultation.authoritative) == (Consultation.Role.PRELIMINARY, False)


def test_the_decision_is_the_last_step_of_a_plan(submitted, b2, hfa, office):
    with pytest.raises(ValidationError):
        services.plan(
            paper=submitted,
            by=office,
            steps=[(b2, Consultation.Role.DECISION), (hfa, Consultation.Role.PRELIMINARY)],
        )


def test_faction_staff_may_not_plan_the_consultation_sequence(submitted, b2, spd_staff):
    with pytest.raises(PermissionDenied):
        services.plan(paper=submitted, by=spd_staff, steps=[(b2, Consultation.Role.DECISION)])


# Taking note (Kenntnisnahme) ----------------------------------------------------------------


@pytest.fixture
def inquiry_for_notice(b2, spd, spd_staff, b2_chair, b2_meeting):
    inquiry = f.PaperFactory(body=b2.body, committee=b2, factions=[spd], paper_type="inquiry")
    services.submit(paper=inquiry, by=spd_staff)
    return services.schedule(
        paper=inquiry, meeting=b2_meeting, by=b2_chair, role=Consultation.Role.NOTICE
    )


def test_taking_note_ends_the_route_of_an_inquiry(inquiry_for_notice, b2_chair):
    paper = services.decide(paper=inquiry_for_notice, by=b2_chair, outcome=Outcome.TAKEN_NOTE)

    assert (paper.state, paper.outcome) == (PaperState.DECIDED, Outcome.TAKEN_NOTE)


def test_taking_note_is_told_as_such_in_the_history(inquiry_for_notice, b2_chair):
    paper = services.decide(paper=inquiry_for_notice, by=b2_chair, outcome=Outcome.TAKEN_NOTE)

    assert paper.timeline.last().action == Action.TAKEN_NOTE


def test_a_paper_taken_note_of_can_be_closed(inquiry_for_notice, b2_chair):
    services.decide(paper=inquiry_for_notice, by=b2_chair, outcome=Outcome.TAKEN_NOTE)

    paper = services.close(paper=inquiry_for_notice, by=b2_chair)

    assert paper.state == PaperState.CLOSED


def test_a_notice_consultation_takes_no_vote(inquiry_for_notice, b2_chair):
    with pytest.raises(ValidationError):
        services.decide(paper=inquiry_for_notice, by=b2_chair, outcome=Outcome.ADOPTED)
