"""The lifecycle of a paper: every step, allowed and refused, per role."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from council.models import AgendaResult
from motions import services
from motions.models import (
    Action,
    Notification,
    Outcome,
    PaperState,
    ReferencePattern,
    TransitionNotAllowed,
)
from reports import services as reports_services
from tests import factories as f

pytestmark = pytest.mark.django_db

YEAR = datetime.date.today().year


@pytest.fixture
def spd_draft(b2, spd, spd_staff):
    return f.PaperFactory(body=b2.body, committee=b2, factions=[spd], created_by=spd_staff)


@pytest.fixture
def joint_draft(b2, spd, gruene, spd_staff):
    return f.PaperFactory(body=b2.body, committee=b2, factions=[spd, gruene], created_by=spd_staff)


@pytest.fixture
def submitted(spd_draft, spd_staff):
    return services.submit(paper=spd_draft, by=spd_staff)


@pytest.fixture
def scheduled(submitted, b2_chair, b2_meeting):
    return services.schedule(paper=submitted, meeting=b2_meeting, by=b2_chair)


@pytest.fixture
def adopted(scheduled, b2_chair):
    return services.decide(paper=scheduled, by=b2_chair, outcome=Outcome.ADOPTED)


@pytest.fixture
def report_requested(adopted, b2_chair, integration_unit):
    reports_services.request_report(
        paper=adopted, by=b2_chair, unit=integration_unit, due_date=datetime.date(2030, 5, 1)
    )
    adopted.refresh_from_db()
    return adopted


# Submission ---------------------------------------------------------------------------------


def test_faction_staff_submit_their_draft_and_it_gets_a_reference(spd_draft, spd_staff):
    paper = services.submit(paper=spd_draft, by=spd_staff)

    assert paper.state == PaperState.SUBMITTED
    assert paper.reference == f"A/{YEAR}/0001"
    assert paper.submitted_at is not None


def test_references_count_up_per_type_and_year(b2, spd, spd_staff):
    first = f.PaperFactory(body=b2.body, committee=b2, factions=[spd])
    second = f.PaperFactory(body=b2.body, committee=b2, factions=[spd])
    inquiry = f.PaperFactory(body=b2.body, committee=b2, factions=[spd], paper_type="inquiry")

    references = [
        services.submit(paper=p, by=spd_staff).reference for p in (first, second, inquiry)
    ]

    assert references == [f"A/{YEAR}/0001", f"A/{YEAR}/0002", f"AF/{YEAR}/0001"]


def test_reference_follows_the_bodys_configured_pattern(spd_draft, spd_staff, body):
    ReferencePattern.objects.create(
        body=body, paper_type="motion", pattern="{year}-ANT-{number:03d}"
    )

    paper = services.submit(paper=spd_draft, by=spd_staff)

    assert paper.reference == f"{YEAR}-ANT-001"


def test_a_rolled_back_submission_leaves_no_gap_in_the_numbers(b2, spd, spd_staff):
    first = f.PaperFactory(body=b2.body, committee=b2, factions=[spd])
    second = f.PaperFactory(body=b2.body, committee=b2, factions=[spd])
    with pytest.raises(RuntimeError), transaction.atomic():
        services.submit(paper=first, by=spd_staff)
        raise RuntimeError("mail server exploded")

    paper = services.submit(paper=second, by=spd_staff)

    assert paper.reference == f"A/{YEAR}/0001"


def test_submission_writes_a_timeline_entry(spd_draft, spd_staff):
    paper = services.submit(paper=spd_draft, by=spd_staff)

    entry = paper.timeline.last()
    assert (entry.action, entry.actor, entry.from_state, entry.to_state) == (
        Action.SUBMITTED,
        spd_staff,
        PaperState.DRAFT,
        PaperState.SUBMITTED,
    )


def test_submission_records_the_chair_as_addressee(spd_draft, spd_staff, b2_chair):
    paper = services.submit(paper=spd_draft, by=spd_staff)

    assert paper.addressee == b2_chair.person


@pytest.mark.parametrize(
    "persona", ["gruene_staff", "b2_chair", "b2_member", "integration_unit_staff"]
)
def test_others_may_not_submit_a_factions_draft(request, spd_draft, persona):
    user = request.getfixturevalue(persona)

    with pytest.raises(PermissionDenied):
        services.submit(paper=spd_draft, by=user)


def test_council_office_may_submit_on_behalf_of_a_faction(spd_draft, office):
    paper = services.submit(paper=spd_draft, by=office)

    assert paper.state == PaperState.SUBMITTED


def test_a_submitted_paper_cannot_be_submitted_again(submitted, spd_staff):
    with pytest.raises(PermissionDenied):
        services.submit(paper=submitted, by=spd_staff)


def test_council_office_cannot_submit_twice_either(submitted, office):
    with pytest.raises(TransitionNotAllowed):
        services.submit(paper=submitted, by=office)


def test_submission_notifies_council_office_and_chair(
    spd_draft, spd_staff, office, b2_chair, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.submit(paper=spd_draft, by=spd_staff)

    assert set(Notification.objects.values_list("recipient__username", flat=True)) == {
        "office",
        "b2-chair",
    }
    assert {"office@example.org", "b2-chair@example.org"} <= set(mail.outbox[0].to)


def test_a_paper_without_resolution_or_questions_cannot_be_submitted(b2, spd, spd_staff):
    paper = f.PaperFactory(body=b2.body, committee=b2, factions=[spd], proposed_resolution="")

    with pytest.raises(ValidationError):
        services.submit(paper=paper, by=spd_staff)


# Joint papers ---------------------------------------------------------------------------------


def test_joint_paper_waits_for_the_co_sponsors_agreement(joint_draft, spd_staff):
    with pytest.raises(TransitionNotAllowed, match="Zustimmung"):
        services.submit(paper=joint_draft, by=spd_staff)


def test_joint_paper_can_be_submitted_once_the_co_sponsor_agreed(
    joint_draft, spd, spd_staff, gruene, gruene_staff
):
    services.agree(paper=joint_draft, faction=spd, by=spd_staff)
    services.agree(paper=joint_draft, faction=gruene, by=gruene_staff)

    paper = services.submit(paper=joint_draft, by=spd_staff)

    assert paper.state == PaperState.SUBMITTED


def test_staff_of_all_originating_factions_may_submit_without_confirmations(
    joint_draft, spd, gruene
):
    person = f.PersonFactory()
    f.MembershipFactory(person=person, organization=spd, role="faction_staff")
    f.MembershipFactory(person=person, organization=gruene, role="faction_staff")
    both = f.user_for(person)

    paper = services.submit(paper=joint_draft, by=both)

    assert paper.state == PaperState.SUBMITTED


def test_only_the_factions_own_staff_can_agree_for_it(joint_draft, gruene, spd_staff):
    with pytest.raises(PermissionDenied):
        services.agree(paper=joint_draft, faction=gruene, by=spd_staff)


def test_editing_a_joint_draft_resets_the_co_sponsors_agreement(
    joint_draft, spd, gruene, spd_staff, gruene_staff
):
    services.agree(paper=joint_draft, faction=gruene, by=gruene_staff)
    joint_draft.title = "Neuer Betreff"

    services.save_draft(
        paper=joint_draft, by=spd_staff, factions=[spd, gruene], questions=["Frage?"]
    )

    assert [s.faction for s in joint_draft.sponsorships.filter(agreed_at__isnull=True)] == [gruene]


# Editing ----------------------------------------------------------------------------------------


def test_faction_staff_may_not_edit_a_submitted_paper(submitted, spd, spd_staff):
    submitted.title = "Anders"

    with pytest.raises(PermissionDenied):
        services.save_draft(paper=submitted, by=spd_staff, factions=[spd], questions=[])


def test_council_office_may_correct_a_submitted_paper_and_it_is_recorded(submitted, spd, office):
    submitted.title = "Korrigierter Betreff"

    services.save_draft(paper=submitted, by=office, factions=[spd], questions=[])

    submitted.refresh_from_db()
    assert submitted.title == "Korrigierter Betreff"
    assert submitted.state == PaperState.SUBMITTED
    assert "Sitzungsdienst" in submitted.timeline.last().comment


def test_a_stale_form_cannot_reset_the_state(spd_draft, spd, spd_staff, office):
    stale = type(spd_draft).objects.get(pk=spd_draft.pk)
    services.submit(paper=spd_draft, by=spd_staff)
    stale.title = "Korrektur"

    services.save_draft(paper=stale, by=office, factions=[spd], questions=[])

    spd_draft.refresh_from_db()
    assert spd_draft.state == PaperState.SUBMITTED
    assert spd_draft.reference


def test_faction_staff_cannot_create_a_paper_for_another_faction(b2, gruene, spd_staff):
    paper = f.PaperFactory.build(body=b2.body, committee=b2)

    with pytest.raises(PermissionDenied):
        services.save_draft(paper=paper, by=spd_staff, factions=[gruene], questions=[])


def test_a_paper_needs_an_originating_faction(b2, office):
    paper = f.PaperFactory.build(body=b2.body, committee=b2)

    with pytest.raises(ValidationError):
        services.save_draft(paper=paper, by=office, factions=[], questions=[])


# Withdrawal ----------------------------------------------------------------------------------------


def test_faction_staff_may_withdraw_a_submitted_paper(submitted, spd_staff):
    paper = services.withdraw(paper=submitted, by=spd_staff, comment="Hat sich erledigt")

    assert paper.state == PaperState.WITHDRAWN


def test_withdrawing_a_scheduled_paper_marks_its_agenda_item(scheduled, spd_staff):
    services.withdraw(paper=scheduled, by=spd_staff)

    assert scheduled.consultations.get().agenda_item.result == AgendaResult.WITHDRAWN


def test_a_decided_paper_cannot_be_withdrawn(adopted, spd_staff):
    with pytest.raises(PermissionDenied):
        services.withdraw(paper=adopted, by=spd_staff)


def test_another_faction_may_not_withdraw_a_paper(submitted, gruene_staff):
    with pytest.raises(PermissionDenied):
        services.withdraw(paper=submitted, by=gruene_staff)


# The committee -------------------------------------------------------------------------------------


def test_chair_schedules_a_paper_as_a_new_agenda_item(submitted, b2_chair, b2_meeting):
    paper = services.schedule(paper=submitted, meeting=b2_meeting, by=b2_chair)

    consultation = paper.consultations.get()
    assert paper.state == PaperState.SCHEDULED
    assert consultation.agenda_item.meeting == b2_meeting
    assert consultation.agenda_item.number == "Ö 1"
    assert paper.reference in consultation.agenda_item.title


def test_a_nonpublic_paper_becomes_a_nonpublic_agenda_item(submitted, b2_chair, b2_meeting):
    submitted.is_public = False
    submitted.save()

    paper = services.schedule(paper=submitted, meeting=b2_meeting, by=b2_chair)

    assert paper.consultations.get().agenda_item.number == "N 1"


@pytest.mark.parametrize("persona", ["spd_staff", "b2_member", "integration_unit_staff"])
def test_only_chair_or_office_may_schedule(request, submitted, b2_meeting, persona):
    with pytest.raises(PermissionDenied):
        services.schedule(paper=submitted, meeting=b2_meeting, by=request.getfixturevalue(persona))


def test_chair_may_not_schedule_onto_another_committees_meeting(submitted, b2_chair, body):
    other = f.MeetingFactory(body=body, organizations=[f.CommitteeFactory(body=body)])

    with pytest.raises(PermissionDenied):
        services.schedule(paper=submitted, meeting=other, by=b2_chair)


def test_council_office_may_schedule(submitted, office, b2_meeting):
    assert (
        services.schedule(paper=submitted, meeting=b2_meeting, by=office).state
        == PaperState.SCHEDULED
    )


def test_a_draft_cannot_be_scheduled(spd_draft, office, b2_meeting):
    with pytest.raises(TransitionNotAllowed):
        services.schedule(paper=spd_draft, meeting=b2_meeting, by=office)


def test_postponing_sends_the_paper_back_to_waiting(scheduled, b2_chair, b2_meeting):
    paper = services.postpone(paper=scheduled, by=b2_chair)

    assert paper.state == PaperState.SUBMITTED
    assert paper.consultations.get(meeting=b2_meeting).agenda_item.result == AgendaResult.POSTPONED


def test_a_postponed_paper_waits_for_the_same_committee_again(scheduled, b2_chair, b2):
    paper = services.postpone(paper=scheduled, by=b2_chair)

    assert services.next_planned(paper).organization == b2


def test_a_postponed_paper_can_be_scheduled_again(scheduled, b2_chair, body, b2):
    services.postpone(paper=scheduled, by=b2_chair)
    later = f.MeetingFactory(
        body=body, organizations=[b2], start=datetime.datetime(2026, 6, 1, 17, tzinfo=f.BERLIN)
    )

    paper = services.schedule(paper=scheduled, meeting=later, by=b2_chair)

    assert paper.consultations.count() == 2


@pytest.mark.parametrize("outcome", list(Outcome))
def test_chair_records_each_outcome_on_the_agenda_item(scheduled, b2_chair, outcome):
    paper = services.decide(
        paper=scheduled, by=b2_chair, outcome=outcome, resolution_text="Beschluss."
    )

    assert (paper.state, paper.outcome) == (PaperState.DECIDED, outcome)
    assert paper.consultations.get().agenda_item.result == outcome


def test_faction_staff_may_not_record_a_decision(scheduled, spd_staff):
    with pytest.raises(PermissionDenied):
        services.decide(paper=scheduled, by=spd_staff, outcome=Outcome.ADOPTED)


def test_a_paper_not_on_an_agenda_cannot_be_decided(submitted, b2_chair):
    with pytest.raises(TransitionNotAllowed):
        services.decide(paper=submitted, by=b2_chair, outcome=Outcome.ADOPTED)


def test_a_referred_paper_can_be_scheduled_in_another_committee(scheduled, b2_chair, office, body):
    hfa = f.CommitteeFactory(body=body)
    services.refer(paper=scheduled, by=b2_chair, to=hfa)
    other = f.MeetingFactory(body=body, organizations=[hfa])

    paper = services.schedule(paper=scheduled, meeting=other, by=office)

    assert (paper.state, paper.outcome) == (PaperState.SCHEDULED, "")


# The report ---------------------------------------------------------------------------------------


def test_chair_asks_the_administration_for_a_report_on_an_adopted_motion(
    report_requested, integration_unit
):
    assert report_requested.state == PaperState.REPORT_REQUESTED
    assert report_requested.report_requests.get().unit == integration_unit


def test_report_request_notifies_the_units_staff(
    adopted, b2_chair, integration_unit, integration_unit_staff
):
    reports_services.request_report(
        paper=adopted, by=b2_chair, unit=integration_unit, due_date=datetime.date(2030, 5, 1)
    )

    assert Notification.objects.filter(recipient=integration_unit_staff).exists()


def test_no_report_can_be_asked_for_on_a_rejected_motion(scheduled, b2_chair, integration_unit):
    services.decide(paper=scheduled, by=b2_chair, outcome=Outcome.REJECTED)

    with pytest.raises(TransitionNotAllowed):
        reports_services.request_report(
            paper=scheduled, by=b2_chair, unit=integration_unit, due_date=datetime.date(2030, 5, 1)
        )


def test_a_motion_asking_only_for_a_report_goes_to_the_administration_directly(
    submitted, b2_chair, integration_unit
):
    submitted.report_kind = "written_and_oral"
    submitted.save()

    reports_services.request_report(
        paper=submitted, by=b2_chair, unit=integration_unit, due_date=datetime.date(2030, 5, 1)
    )

    submitted.refresh_from_db()
    assert submitted.state == PaperState.REPORT_REQUESTED


def test_the_unit_marks_the_report_received(report_requested, integration_unit_staff):
    paper = services.receive_report(paper=report_requested, by=integration_unit_staff)

    assert paper.state == PaperState.REPORT_RECEIVED
    assert paper.report_received_at is not None


def test_another_unit_may_not_mark_the_report_received(report_requested, body):
    person = f.PersonFactory(body=body)
    f.MembershipFactory(person=person, organization=f.AdministrationUnitFactory(body=body))

    with pytest.raises(PermissionDenied):
        services.receive_report(paper=report_requested, by=f.user_for(person))


def test_chair_closes_the_paper_after_the_report(
    report_requested, integration_unit_staff, b2_chair
):
    services.receive_report(paper=report_requested, by=integration_unit_staff)

    paper = services.close(paper=report_requested, by=b2_chair)

    assert paper.state == PaperState.CLOSED


def test_a_paper_still_waiting_for_its_report_cannot_be_closed(report_requested, b2_chair):
    with pytest.raises(TransitionNotAllowed):
        services.close(paper=report_requested, by=b2_chair)


def test_the_whole_thread_is_on_the_timeline(report_requested, integration_unit_staff, b2_chair):
    services.receive_report(paper=report_requested, by=integration_unit_staff)
    services.close(paper=report_requested, by=b2_chair)

    assert list(report_requested.timeline.values_list("action", flat=True)) == [
        Action.SUBMITTED,
        Action.SCHEDULED,
        Action.DECIDED,
        Action.REPORT_REQUESTED,
        Action.REPORT_RECEIVED,
        Action.CLOSED,
    ]


def test_an_inquiry_gets_an_answer_date_from_the_rules_of_procedure(b2, spd, spd_staff, body):
    inquiry = f.PaperFactory(body=body, committee=b2, factions=[spd], paper_type="inquiry")

    paper = services.submit(paper=inquiry, by=spd_staff)

    # Counted from the German calendar day of submission (late in the evening UTC is tomorrow).
    submitted_on = timezone.localdate(paper.submitted_at)
    assert (paper.report_due - submitted_on).days == body.inquiry_answer_days


def test_a_scheduled_public_item_goes_before_the_nonpublic_ones(submitted, b2_chair, b2_meeting):
    f.AgendaItemFactory(meeting=b2_meeting, order=1, number="Ö 1", public=True)
    f.AgendaItemFactory(meeting=b2_meeting, order=2, number="Ö 5.1", public=True)
    f.AgendaItemFactory(meeting=b2_meeting, order=3, number="N 1", public=False)

    services.schedule(paper=submitted, meeting=b2_meeting, by=b2_chair)

    agenda = list(b2_meeting.agenda_items.order_by("order").values_list("number", flat=True))
    assert agenda == ["Ö 1", "Ö 5.1", "Ö 6", "N 1"]


def test_a_cancelled_meeting_takes_no_papers(submitted, b2_chair, b2_meeting):
    b2_meeting.state = "cancelled"
    b2_meeting.save()

    with pytest.raises(ValidationError):
        services.schedule(paper=submitted, meeting=b2_meeting, by=b2_chair)


def test_a_report_cannot_be_due_in_the_past(adopted, b2_chair, integration_unit):
    with pytest.raises(ValidationError):
        reports_services.request_report(
            paper=adopted, by=b2_chair, unit=integration_unit, due_date=datetime.date(2000, 1, 1)
        )


def test_an_amendment_names_what_it_amends_before_it_is_submitted(b2, spd, spd_staff):
    amendment = f.PaperFactory(body=b2.body, committee=b2, factions=[spd], paper_type="amendment")

    with pytest.raises(ValidationError):
        services.submit(paper=amendment, by=spd_staff)


def test_an_amendment_of_a_motion_can_be_submitted(submitted, b2, spd, spd_staff):
    amendment = f.PaperFactory(
        body=b2.body, committee=b2, factions=[spd], paper_type="amendment", amends=submitted
    )

    assert services.submit(paper=amendment, by=spd_staff).reference.startswith("ÄA/")


def test_a_co_sponsor_may_not_take_over_the_lead(joint_draft, gruene, gruene_staff):
    with pytest.raises(PermissionDenied):
        services.save_draft(paper=joint_draft, by=gruene_staff, factions=[gruene], questions=[])


def test_a_co_sponsor_may_edit_the_text_keeping_the_originators(
    joint_draft, spd, gruene, gruene_staff
):
    joint_draft.title = "Verbessert"

    paper = services.save_draft(
        paper=joint_draft, by=gruene_staff, factions=[spd, gruene], questions=[]
    )

    assert paper.title == "Verbessert"


def test_a_decision_is_recorded_on_the_item_the_paper_sits_on(submitted, b2_chair, body, b2):
    june = f.MeetingFactory(
        body=body, organizations=[b2], start=datetime.datetime(2026, 6, 10, 17, tzinfo=f.BERLIN)
    )
    may = f.MeetingFactory(
        body=body, organizations=[b2], start=datetime.datetime(2026, 5, 20, 17, tzinfo=f.BERLIN)
    )
    services.schedule(paper=submitted, meeting=june, by=b2_chair)
    services.postpone(paper=submitted, by=b2_chair)
    services.schedule(paper=submitted, meeting=may, by=b2_chair)

    services.decide(paper=submitted, by=b2_chair, outcome=Outcome.ADOPTED)

    results = dict(
        submitted.consultations.values_list("meeting__start__month", "agenda_item__result")
    )
    assert results == {6: AgendaResult.POSTPONED, 5: AgendaResult.ADOPTED}


def test_a_preliminary_consultation_recommends_and_the_paper_waits_for_the_decision(
    submitted, b2_chair, b2_meeting
):
    from motions.models import Consultation

    services.schedule(
        paper=submitted, meeting=b2_meeting, by=b2_chair, role=Consultation.Role.PRELIMINARY
    )

    paper = services.decide(paper=submitted, by=b2_chair, outcome=Outcome.ADOPTED)

    assert (paper.state, paper.outcome) == (PaperState.SUBMITTED, "")
    assert paper.consultations.get().agenda_item.result == AgendaResult.ADOPTED
    assert paper.timeline.last().action == Action.RECOMMENDED
