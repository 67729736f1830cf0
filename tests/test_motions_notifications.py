"""Who hears of each step of a paper, in the app and by e-mail, and what they are told."""

import pytest
from django.core import mail

from council.models import Role
from motions import services
from motions.models import Notification, Outcome
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted(b2, spd, spd_staff):
    paper = f.draft(committee=b2, by=spd_staff, factions=[spd])
    return services.submit(paper=paper, by=spd_staff)


def notices_of(user):
    return list(Notification.objects.filter(recipient=user).values_list("message", flat=True))


def test_scheduling_notifies_the_originating_faction(submitted, spd_staff, b2_chair, b2_meeting):
    services.schedule(paper=submitted, meeting=b2_meeting, by=b2_chair)

    assert any("auf die Tagesordnung gesetzt" in n for n in notices_of(spd_staff))


def test_a_decision_notifies_the_originating_faction_with_its_result(
    submitted, spd_staff, b2_chair, b2_meeting
):
    services.schedule(paper=submitted, meeting=b2_meeting, by=b2_chair)
    f.publish_agenda(b2_meeting)

    services.decide(paper=submitted, by=b2_chair, outcome=Outcome.ADOPTED)

    assert any("beschlossen" in n for n in notices_of(spd_staff))


def test_a_decision_at_a_nonpublic_item_is_told_without_its_result(
    submitted, spd_staff, b2_chair, b2_meeting
):
    services.schedule(paper=submitted, meeting=b2_meeting, by=b2_chair, public=False)

    services.decide(paper=submitted, by=b2_chair, outcome=Outcome.REJECTED)

    decided = notices_of(spd_staff)[0]
    assert "nicht öffentlicher Sitzung" in decided and "abgelehnt" not in decided


def test_the_faction_mailbox_is_not_told_a_nonpublic_result(
    submitted, spd, b2_chair, b2_meeting, django_capture_on_commit_callbacks
):
    spd.email = "fraktion@example.org"
    spd.save()
    services.schedule(paper=submitted, meeting=b2_meeting, by=b2_chair, public=False)

    with django_capture_on_commit_callbacks(execute=True):
        services.decide(paper=submitted, by=b2_chair, outcome=Outcome.REJECTED)

    to_faction = [m for m in mail.outbox if "fraktion@example.org" in m.to]
    assert to_faction and all("abgelehnt" not in m.body for m in to_faction)


def test_every_mail_links_to_the_paper_with_an_absolute_url(
    submitted, b2_chair, b2_meeting, settings, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://rat.example.org"

    with django_capture_on_commit_callbacks(execute=True):
        services.schedule(paper=submitted, meeting=b2_meeting, by=b2_chair)

    assert f"https://rat.example.org/antraege/{submitted.pk}/" in mail.outbox[0].body


def test_whoever_takes_a_step_is_not_notified_of_it(submitted, office, b2_meeting):
    services.schedule(paper=submitted, meeting=b2_meeting, by=office)

    assert notices_of(office) == []


def test_a_joint_draft_asks_the_partner_faction_for_its_agreement(
    b2, spd, gruene, spd_staff, gruene_staff
):
    f.draft(committee=b2, by=spd_staff, factions=[spd, gruene])

    assert any("Zustimmung" in n for n in notices_of(gruene_staff))


def test_the_lead_faction_hears_when_the_partner_agrees(b2, spd, gruene, spd_staff, gruene_staff):
    paper = f.draft(committee=b2, by=spd_staff, factions=[spd, gruene])

    services.agree(paper=paper, faction=gruene, by=gruene_staff)

    assert any("bestätigt" in n for n in notices_of(spd_staff))


def test_a_deputy_chair_hears_of_a_submission(b2, spd, spd_staff):
    person = f.PersonFactory(body=b2.body)
    f.MembershipFactory(person=person, organization=b2, role=Role.DEPUTY_CHAIR)
    deputy = f.user_for(person)

    services.submit(paper=f.draft(committee=b2, by=spd_staff, factions=[spd]), by=spd_staff)

    assert notices_of(deputy)


def test_the_other_committees_chair_hears_of_a_referral(submitted, b2_chair, b2_meeting, body):
    hfa = f.CommitteeFactory(body=body)
    person = f.PersonFactory(body=body)
    f.MembershipFactory(person=person, organization=hfa, role=Role.CHAIR)
    hfa_chair = f.user_for(person)
    services.schedule(paper=submitted, meeting=b2_meeting, by=b2_chair)

    services.refer(paper=submitted, by=b2_chair, to=hfa)

    assert any("verwiesen" in n for n in notices_of(hfa_chair))
