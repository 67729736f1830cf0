"""Preparing and holding a meeting in the browser's forms: agenda editor, invitation, meeting day."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from freezegun import freeze_time

from council import agenda
from council.models import AgendaItem, MeetingState, Role, StandingItem
from motions import services
from motions.models import Consultation, Notification, PaperState
from tests import factories as f

pytestmark = pytest.mark.django_db

PERSONAS = ["citizen", "spd_staff", "b2_member", "integration_unit_staff", "b2_chair", "office"]
PREPARERS = {"b2_chair", "office"}


@pytest.fixture(params=PERSONAS)
def persona(request, client):
    user = request.getfixturevalue(request.param)
    if user is not None:
        client.force_login(user)
    return request.param


@pytest.fixture
def december(b2):
    return f.MeetingFactory(
        body=b2.body,
        organizations=[b2],
        name="Sitzung des Betriebsausschusses 2",
        start=datetime.datetime(2026, 12, 10, 17, tzinfo=f.BERLIN),
    )


@pytest.fixture
def submitted(b2, spd, spd_staff):
    paper = f.draft(committee=b2, by=spd_staff, factions=[spd], title="Spielplatz am Markt")
    return services.submit(paper=paper, by=spd_staff)


def expected(persona, allowed=200):
    if persona == "citizen":
        return 302
    return allowed if persona in PREPARERS else 403


@pytest.mark.parametrize("name", ["committees:agenda", "committees:meeting_day"])
def test_only_those_who_prepare_the_meeting_open_its_screens(client, persona, december, name):
    response = client.get(reverse(name, args=[december.pk]))

    assert response.status_code == expected(persona)


def test_only_chairs_and_the_office_open_the_preparation_list(client, persona):
    response = client.get(reverse("committees:prepare"))

    assert response.status_code == expected(persona)


def test_a_chair_of_another_committee_may_not_edit_the_agenda(client, december, body):
    hfa = f.CommitteeFactory(body=body)
    person = f.PersonFactory(body=body)
    f.MembershipFactory(person=person, organization=hfa, role=Role.CHAIR)
    client.force_login(f.user_for(person))

    response = client.get(reverse("committees:agenda", args=[december.pk]))

    assert response.status_code == 403


def test_the_meeting_page_offers_the_agenda_editor_to_the_chair(client, b2_chair, december):
    client.force_login(b2_chair)

    page = client.get(december.get_absolute_url()).content.decode()

    assert reverse("committees:agenda", args=[december.pk]) in page


def test_the_meeting_page_offers_no_agenda_editor_to_a_member(client, b2_member, december):
    client.force_login(b2_member)

    page = client.get(december.get_absolute_url()).content.decode()

    assert reverse("committees:agenda", args=[december.pk]) not in page


# The agenda editor -----------------------------------------------------------------------------


def add_item(client, meeting, title, revision=None, public="on"):
    meeting.refresh_from_db()
    return client.post(
        reverse("committees:add_item", args=[meeting.pk]),
        {
            "title": title,
            "public": public,
            "revision": meeting.agenda_revision if revision is None else revision,
        },
    )


def test_the_chair_adds_a_free_item(client, b2_chair, december):
    client.force_login(b2_chair)

    add_item(client, december, "Bericht zur Schulwegsicherung")

    assert december.agenda_items.get().title == "Bericht zur Schulwegsicherung"


def test_an_item_added_on_a_stale_screen_is_refused_and_the_title_kept(client, b2_chair, december):
    client.force_login(b2_chair)
    add_item(client, december, "Erster Punkt")

    response = add_item(client, december, "Zweiter Punkt", revision=0)

    assert response.status_code == 409
    assert 'value="Zweiter Punkt"' in response.content.decode()


def test_moving_an_item_down_renumbers_the_agenda(client, b2_chair, december):
    client.force_login(b2_chair)
    first = agenda.add_item(december, title="Erster")
    agenda.add_item(december, title="Zweiter")
    december.refresh_from_db()

    client.post(
        reverse("committees:move_down", args=[december.pk, first.pk]),
        {"revision": december.agenda_revision},
    )

    assert AgendaItem.objects.get(pk=first.pk).number == "Ö 2"


def test_the_editor_offers_only_the_moves_that_move_an_item(client, b2_chair, december):
    first = agenda.add_item(december, title="Erster")
    second = agenda.add_item(december, title="Zweiter")
    client.force_login(b2_chair)

    page = client.get(reverse("committees:agenda", args=[december.pk])).content.decode()

    assert reverse("committees:move_up", args=[december.pk, first.pk]) not in page
    assert reverse("committees:move_down", args=[december.pk, first.pk]) in page
    assert reverse("committees:move_up", args=[december.pk, second.pk]) in page
    assert reverse("committees:move_down", args=[december.pk, second.pk]) not in page


@pytest.fixture
def standing_items(b2):
    StandingItem.objects.create(organization=b2, title="Eröffnung der Sitzung")
    StandingItem.objects.create(organization=b2, title="Verschiedenes", placement="closing")


def test_the_editor_names_the_standing_items_it_would_insert(
    client, b2_chair, december, standing_items
):
    agenda.add_item(december, title="Verschiedenes")
    client.force_login(b2_chair)

    page = client.get(reverse("committees:agenda", args=[december.pk])).content.decode()

    assert "Nach der Vorlage des Gremiums: Eröffnung der Sitzung</span>" in page


def test_the_editor_offers_no_standing_items_once_they_are_in(
    client, b2_chair, december, standing_items
):
    agenda.apply_template(december, by=b2_chair)
    client.force_login(b2_chair)

    page = client.get(reverse("committees:agenda", args=[december.pk])).content.decode()

    assert reverse("committees:apply_template", args=[december.pk]) not in page


def test_taking_a_paper_off_an_unpublished_agenda_sends_it_back_to_the_inbox(
    client, b2_chair, december, submitted
):
    services.schedule(paper=submitted, meeting=december, by=b2_chair)
    item = december.agenda_items.get()
    client.force_login(b2_chair)

    client.post(reverse("committees:remove_item", args=[december.pk, item.pk]), {"revision": "0"})

    submitted.refresh_from_db()
    assert (submitted.state, december.agenda_items.count()) == (PaperState.SUBMITTED, 0)


@freeze_time("2026-11-20 10:00")
def test_publishing_invites_the_members_by_mail(
    client, b2_chair, december, b2_member, django_capture_on_commit_callbacks
):
    agenda.add_item(december, title="Spielplatz Nord")
    client.force_login(b2_chair)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("committees:publish", args=[december.pk]), {"revision": "1"})

    assert b2_member.person.email in mail.outbox[-1].bcc


@freeze_time("2026-11-20 10:00")
def test_publishing_tells_the_faction_its_paper_is_on_the_agenda(
    client, b2_chair, december, submitted, spd_staff, django_capture_on_commit_callbacks
):
    services.schedule(paper=submitted, meeting=december, by=b2_chair)
    december.refresh_from_db()
    client.force_login(b2_chair)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("committees:publish", args=[december.pk]),
            {"revision": december.agenda_revision},
        )

    assert Notification.objects.filter(
        recipient=spd_staff, message__contains="steht auf der Tagesordnung"
    ).exists()


@freeze_time("2026-12-08 10:00")
def test_a_late_invitation_without_a_reason_is_refused_with_a_message(client, b2_chair, december):
    agenda.add_item(december, title="Spielplatz Nord")
    client.force_login(b2_chair)

    response = client.post(reverse("committees:publish", args=[december.pk]), {"revision": "1"})

    assert response.status_code == 400
    assert "Ladungsfrist" in response.content.decode()


@freeze_time("2026-12-08 10:00")
def test_a_late_invitation_with_a_reason_is_published(client, b2_chair, december):
    agenda.add_item(december, title="Spielplatz Nord")
    client.force_login(b2_chair)

    client.post(
        reverse("committees:publish", args=[december.pk]),
        {"revision": "1", "late_reason": "Eilige Vergabe vor Jahresende."},
    )

    december.refresh_from_db()
    assert december.state == MeetingState.INVITED


def test_a_citizen_sees_no_item_of_an_unpublished_agenda(client, december):
    agenda.add_item(december, title="Spielplatz Nord")

    page = client.get(december.get_absolute_url()).content.decode()

    assert "Spielplatz Nord" not in page


def test_a_citizen_does_not_learn_from_the_paper_page_where_it_is_scheduled(
    client, december, submitted, b2_chair
):
    services.schedule(paper=submitted, meeting=december, by=b2_chair)

    page = client.get(submitted.get_absolute_url()).content.decode()

    assert december.get_absolute_url() not in page


@pytest.mark.parametrize("count", [3, 25])
def test_the_agenda_editor_runs_a_bounded_number_of_queries(
    client, b2_chair, december, count, django_assert_max_num_queries
):
    for n in range(count):
        agenda.add_item(december, title=f"Punkt {n}")
    client.force_login(b2_chair)

    with django_assert_max_num_queries(20):
        client.get(reverse("committees:agenda", args=[december.pk]))


# Meeting day ------------------------------------------------------------------------------------------


@pytest.fixture
def sitting(b2, b2_chair, submitted, spd):
    """A meeting that has begun, its agenda published: a paper and a report on it."""
    meeting = f.MeetingFactory(
        body=b2.body, organizations=[b2], start=datetime.datetime(2026, 3, 2, 17, tzinfo=f.BERLIN)
    )
    services.schedule(paper=submitted, meeting=meeting, by=b2_chair)
    agenda.add_item(meeting, title="Bericht zur Schulwegsicherung")
    f.publish_agenda(meeting)
    for _ in range(4):
        f.MembershipFactory(organization=b2, on_behalf_of=spd)
    return meeting


def record(client, meeting, item, **data):
    prefixed = {f"top{item.pk}-{key}": value for key, value in data.items()}
    return client.post(reverse("committees:record", args=[meeting.pk, item.pk]), prefixed)


def test_the_chair_records_a_decision_on_a_paper(client, b2_chair, sitting, submitted):
    item = submitted.consultations.get().agenda_item
    client.force_login(b2_chair)

    record(client, sitting, item, result="adopted", yes="4", no="1", abstain="0")

    submitted.refresh_from_db()
    assert (submitted.state, submitted.outcome) == (PaperState.DECIDED, "adopted")


def test_the_vote_is_kept_on_the_item(client, b2_chair, sitting, submitted):
    item = submitted.consultations.get().agenda_item
    client.force_login(b2_chair)

    record(client, sitting, item, result="adopted", yes="4", no="1", abstain="0")

    item.refresh_from_db()
    assert (item.votes_yes, item.votes_no, item.votes_abstain) == (4, 1, 0)


@pytest.fixture
def imported_item(b2, sitting):
    """An item of the sitting that treats a paper imported from another system."""
    paper = f.PaperFactory(
        body=b2.body,
        committee=b2,
        state=PaperState.IMPORTED,
        reference="2019/117",
        submitted_at=datetime.datetime(2019, 11, 4, 9, 0, tzinfo=f.BERLIN),
    )
    item = f.AgendaItemFactory(meeting=sitting, number="9", order=90)
    Consultation.objects.create(
        paper=paper, meeting=sitting, agenda_item=item, organization=b2, role="decision"
    )
    return item


def test_an_item_on_an_imported_paper_gets_its_result(client, b2_chair, sitting, imported_item):
    client.force_login(b2_chair)

    record(client, sitting, imported_item, result="adopted")

    imported_item.refresh_from_db()
    assert imported_item.result == "adopted"
    assert imported_item.consultation.paper.state == PaperState.IMPORTED


def test_a_referral_needs_the_committee_it_goes_to(client, b2_chair, sitting, submitted):
    item = submitted.consultations.get().agenda_item
    client.force_login(b2_chair)

    response = record(client, sitting, item, result="referred")

    assert response.status_code == 400
    assert "verwiesen wird" in response.content.decode()


def test_a_referral_hands_the_paper_to_the_other_committee(
    client, b2_chair, sitting, submitted, body
):
    hfa = f.CommitteeFactory(body=body, name="Haupt- und Finanzausschuss")
    item = submitted.consultations.get().agenda_item
    client.force_login(b2_chair)

    record(client, sitting, item, result="referred", refer_to=str(hfa.pk))

    assert services.awaited_committee(type(submitted).objects.get(pk=submitted.pk)) == hfa


def test_adopted_as_amended_needs_the_wording(client, b2_chair, sitting, submitted):
    item = submitted.consultations.get().agenda_item
    client.force_login(b2_chair)

    response = record(client, sitting, item, result="adopted_amended")

    assert response.status_code == 400


def test_more_votes_than_members_ask_for_a_confirmation_and_keep_the_numbers(
    client, b2_chair, sitting, submitted
):
    item = submitted.consultations.get().agenda_item
    client.force_login(b2_chair)

    response = record(client, sitting, item, result="adopted", yes="9", no="0", abstain="0")

    page = response.content.decode()
    assert response.status_code == 400
    assert f'name="top{item.pk}-confirmed"' in page and 'value="9"' in page


def test_a_free_item_gets_its_result(client, b2_chair, sitting):
    item = sitting.agenda_items.get(title="Bericht zur Schulwegsicherung")
    client.force_login(b2_chair)

    record(client, sitting, item, result="taken_note")

    assert AgendaItem.objects.get(pk=item.pk).result == "taken_note"


def test_a_result_is_not_recorded_before_the_meeting_begins(client, b2_chair, december):
    item = agenda.add_item(december, title="Spielplatz Nord")
    f.publish_agenda(december)
    client.force_login(b2_chair)

    response = record(client, december, item, result="adopted")

    assert response.status_code == 400
    assert "ab Beginn der Sitzung" in response.content.decode()


def test_a_committee_member_records_nothing(client, b2_member, sitting, submitted):
    item = submitted.consultations.get().agenda_item
    client.force_login(b2_member)

    response = record(client, sitting, item, result="adopted")

    assert response.status_code == 403


def test_releasing_the_minutes_waits_for_every_paper(client, b2_chair, sitting):
    client.force_login(b2_chair)

    client.post(reverse("committees:release_minutes", args=[sitting.pk]))

    sitting.refresh_from_db()
    assert sitting.state != MeetingState.HELD


def test_releasing_the_minutes_holds_the_meeting(client, b2_chair, sitting, submitted):
    item = submitted.consultations.get().agenda_item
    client.force_login(b2_chair)
    record(client, sitting, item, result="rejected")

    client.post(reverse("committees:release_minutes", args=[sitting.pk]))

    sitting.refresh_from_db()
    assert sitting.state == MeetingState.HELD


@pytest.mark.parametrize("count", [2, 20])
def test_meeting_day_runs_a_bounded_number_of_queries(
    client, b2_chair, sitting, count, django_assert_max_num_queries
):
    for n in range(count):
        agenda.add_item(sitting, title=f"Punkt {n}")
    f.publish_agenda(sitting)
    client.force_login(b2_chair)

    with django_assert_max_num_queries(25):
        client.get(reverse("committees:meeting_day", args=[sitting.pk]))


# Every result on meeting day moves the paper where the rules of procedure say ------------------

OUTCOME_STATES = {
    "adopted": PaperState.DECIDED,
    "adopted_amended": PaperState.DECIDED,
    "rejected": PaperState.DECIDED,
    "taken_note": PaperState.DECIDED,
    "referred": PaperState.SUBMITTED,
    "postponed": PaperState.SUBMITTED,
    "withdrawn": PaperState.WITHDRAWN,
}


@pytest.mark.parametrize("result", list(OUTCOME_STATES))
def test_every_result_moves_the_paper_to_its_state(
    client, b2_chair, sitting, submitted, body, result
):
    hfa = f.CommitteeFactory(body=body)
    item = submitted.consultations.get().agenda_item
    client.force_login(b2_chair)

    record(
        client,
        sitting,
        item,
        result=result,
        refer_to=str(hfa.pk),
        resolution_text="Mit der Änderung, dass …",
    )

    submitted.refresh_from_db()
    assert submitted.state == OUTCOME_STATES[result]
