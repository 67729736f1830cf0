"""Filing rules that follow the facts: deadlines, lateness, answer dates, who may take a paper back."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from freezegun import freeze_time

from council.signals import meeting_moved
from motions import services
from motions.models import Paper, PaperState
from tests import factories as f

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture
def december_meeting(b2):
    return f.MeetingFactory(
        body=b2.body,
        organizations=[b2],
        start=datetime.datetime(2026, 12, 10, 17, tzinfo=f.BERLIN),
    )


# Deadlines of drafts follow their target meeting ---------------------------------------------


@freeze_time("2026-11-01 10:00")
def test_removing_the_target_meeting_clears_the_drafts_filing_deadline(
    b2, spd, spd_staff, december_meeting
):
    paper = f.draft(committee=b2, by=spd_staff, factions=[spd], target_meeting=december_meeting)
    paper.target_meeting = None

    services.save_draft(paper=paper, by=spd_staff, factions=[spd], questions=[])

    assert Paper.objects.get(pk=paper.pk).filing_deadline is None


@freeze_time("2026-11-01 10:00")
def test_moving_the_meeting_moves_the_drafts_filing_deadline(b2, spd, spd_staff, december_meeting):
    paper = f.draft(committee=b2, by=spd_staff, factions=[spd], target_meeting=december_meeting)
    december_meeting.start = datetime.datetime(2026, 12, 17, 17, tzinfo=f.BERLIN)
    december_meeting.save()

    meeting_moved.send(sender=type(december_meeting), meeting=december_meeting)

    paper.refresh_from_db()
    # Ten days before Thursday 17 December 2026: Monday 7 December.
    assert paper.filing_deadline.date() == D(2026, 12, 7)


@freeze_time("2026-11-01 10:00")
def test_moving_a_meeting_in_the_admin_moves_the_drafts_filing_deadline(
    client, b2, spd, spd_staff, december_meeting, django_user_model
):
    paper = f.draft(committee=b2, by=spd_staff, factions=[spd], target_meeting=december_meeting)
    admin = django_user_model.objects.create_superuser("chef", "chef@example.org", "pw")
    client.force_login(admin)

    client.post(
        f"/verwaltung/council/meeting/{december_meeting.pk}/change/",
        {
            "body": december_meeting.body_id,
            "organizations": [b2.pk],
            "name": december_meeting.name,
            "start_0": "2026-12-17",
            "start_1": "17:00",
            "state": "scheduled",
            "agenda_items-TOTAL_FORMS": "0",
            "agenda_items-INITIAL_FORMS": "0",
        },
    )

    paper.refresh_from_db()
    assert paper.filing_deadline.date() == D(2026, 12, 7)


# The office corrects a letter's receipt date --------------------------------------------------


@pytest.fixture
def late_letter(b2, spd, office, december_meeting):
    # The deadline for the meeting on 10 December is the end of Monday 30 November.
    with freeze_time("2026-12-04 10:00"):
        paper = f.draft(
            committee=b2,
            by=office,
            factions=[spd],
            target_meeting=december_meeting,
            entered_on_behalf=True,
            received_on=D(2026, 12, 3),
        )
        return services.submit(paper=paper, by=office)


def test_a_letter_received_after_the_deadline_is_late(late_letter):
    assert late_letter.late


@freeze_time("2026-12-04 11:00")
def test_correcting_the_receipt_date_makes_the_letter_timely(late_letter, spd, office):
    late_letter.received_on = D(2026, 11, 27)

    services.save_draft(paper=late_letter, by=office, factions=[spd], questions=[])

    assert not Paper.objects.get(pk=late_letter.pk).late


@freeze_time("2026-12-04 11:00")
def test_the_history_says_what_the_correction_changed(late_letter, spd, office):
    late_letter.received_on = D(2026, 11, 27)

    services.save_draft(paper=late_letter, by=office, factions=[spd], questions=[])

    comment = late_letter.timeline.last().comment
    assert "03.12.2026 → 27.11.2026" in comment
    assert "fristgerecht" in comment


# Inquiries: the answer period --------------------------------------------------------------------


@freeze_time("2026-11-28 10:00")
def test_an_inquiry_entered_by_the_office_counts_its_answer_period_from_its_arrival(
    b2, spd, office, body
):
    inquiry = f.draft(
        committee=b2,
        by=office,
        factions=[spd],
        paper_type="inquiry",
        entered_on_behalf=True,
        received_on=D(2026, 11, 20),
    )

    paper = services.submit(paper=inquiry, by=office)

    assert paper.report_due == D(2026, 11, 20) + datetime.timedelta(days=body.inquiry_answer_days)


@pytest.fixture
def unanswered_inquiry(b2, spd, spd_staff):
    with freeze_time("2026-10-01 10:00"):
        inquiry = f.draft(committee=b2, by=spd_staff, factions=[spd], paper_type="inquiry")
        return services.submit(paper=inquiry, by=spd_staff)


@freeze_time("2026-11-28 10:00")
def test_an_inquiry_past_its_answer_date_is_overdue(unanswered_inquiry):
    assert unanswered_inquiry.report_overdue


@freeze_time("2026-11-28 10:00")
def test_an_overdue_inquiry_comes_first_on_the_dashboard(
    client, b2, spd, spd_staff, unanswered_inquiry
):
    services.submit(paper=f.draft(committee=b2, by=spd_staff, factions=[spd]), by=spd_staff)
    client.force_login(spd_staff)

    response = client.get("/antraege/unsere/")

    first = response.context["page"].object_list[0]
    assert (first, first.next_deadline) == (unanswered_inquiry, unanswered_inquiry.report_due)


@freeze_time("2026-10-05 10:00")
def test_an_inquiry_within_its_answer_period_is_open_not_overdue(unanswered_inquiry):
    assert unanswered_inquiry.report_status == "offen"


# Joint papers: the lead faction takes the paper back ----------------------------------------------


@pytest.fixture
def joint(b2, spd, gruene, spd_staff, gruene_staff):
    paper = f.draft(committee=b2, by=spd_staff, factions=[spd, gruene])
    services.agree(paper=paper, faction=gruene, by=gruene_staff)
    return services.submit(paper=paper, by=spd_staff)


def test_a_co_sponsor_alone_may_not_withdraw_a_joint_paper(joint, gruene_staff):
    with pytest.raises(PermissionDenied):
        services.withdraw(paper=joint, by=gruene_staff)


def test_the_lead_faction_withdraws_a_joint_paper(joint, spd_staff):
    assert services.withdraw(paper=joint, by=spd_staff).state == PaperState.WITHDRAWN


# A dissolved faction ---------------------------------------------------------------------------------


def test_staff_of_a_dissolved_faction_lose_its_rights(b2, spd, spd_staff):
    paper = f.draft(committee=b2, by=spd_staff, factions=[spd])
    spd.end_date = datetime.date.today() - datetime.timedelta(days=1)
    spd.save()
    staff = type(spd_staff).objects.get(pk=spd_staff.pk)  # roles are resolved afresh

    with pytest.raises(PermissionDenied):
        services.submit(paper=paper, by=staff)


@freeze_time("2026-03-02 10:00:00+01:00")
def test_a_number_held_by_an_imported_paper_is_passed_over(b2, spd, spd_staff):
    f.PaperFactory(
        body=b2.body,
        committee=b2,
        state=PaperState.IMPORTED,
        reference="A/2026/0001",
        submitted_at=datetime.datetime(2026, 1, 5, 9, 0, tzinfo=f.BERLIN),
    )
    paper = f.draft(committee=b2, by=spd_staff, factions=[spd])

    services.submit(paper=paper, by=spd_staff)

    assert Paper.objects.get(pk=paper.pk).reference == "A/2026/0002"
