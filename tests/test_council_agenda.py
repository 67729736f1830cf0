"""The agenda: order and numbers, standing items, the invitation and its supplements, the notice
period, meeting day results and votes, and the minutes."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from freezegun import freeze_time

from council import agenda
from council.models import AgendaItem, MeetingState, Role, Standing, StandingItem
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting(b2):
    return f.MeetingFactory(
        body=b2.body,
        organizations=[b2],
        start=datetime.datetime(2026, 12, 10, 17, tzinfo=f.BERLIN),
    )


@pytest.fixture
def template(b2):
    for order, (title, placement) in enumerate(
        [
            ("Eröffnung der Sitzung", Standing.OPENING),
            ("Feststellung der Tagesordnung", Standing.OPENING),
            ("Mitteilungen der Verwaltung", Standing.CLOSING),
            ("Verschiedenes", Standing.CLOSING),
        ]
    ):
        StandingItem.objects.create(organization=b2, title=title, placement=placement, order=order)
    StandingItem.objects.create(
        organization=b2, title="Mitteilungen (nicht öffentlich)", public=False, placement="closing"
    )


def numbers(meeting):
    return list(meeting.agenda_items.order_by("order").values_list("number", "title"))


def add(meeting, title, public=True, **kwargs):
    return agenda.add_item(meeting, title=title, public=public, **kwargs)


# Order and numbers ---------------------------------------------------------------------------------


def test_the_template_frames_the_agenda(meeting, template, b2_chair):
    agenda.apply_template(meeting, by=b2_chair)

    assert numbers(meeting) == [
        ("Ö 1", "Eröffnung der Sitzung"),
        ("Ö 2", "Feststellung der Tagesordnung"),
        ("Ö 3", "Mitteilungen der Verwaltung"),
        ("Ö 4", "Verschiedenes"),
        ("N 1", "Mitteilungen (nicht öffentlich)"),
    ]


def test_applying_the_template_twice_adds_nothing(meeting, template, b2_chair):
    agenda.apply_template(meeting, by=b2_chair)

    assert agenda.apply_template(meeting, by=b2_chair) == 0


def test_new_items_go_between_the_opening_and_the_closing_items(meeting, template, b2_chair):
    agenda.apply_template(meeting, by=b2_chair)

    add(meeting, "Spielplatz Nord")
    add(meeting, "Grundstück Am Markt", public=False)

    assert numbers(meeting) == [
        ("Ö 1", "Eröffnung der Sitzung"),
        ("Ö 2", "Feststellung der Tagesordnung"),
        ("Ö 3", "Spielplatz Nord"),
        ("Ö 4", "Mitteilungen der Verwaltung"),
        ("Ö 5", "Verschiedenes"),
        ("N 1", "Grundstück Am Markt"),
        ("N 2", "Mitteilungen (nicht öffentlich)"),
    ]


def test_sub_items_are_numbered_under_their_item(meeting):
    parent = add(meeting, "Anträge der Fraktionen")
    add(meeting, "Antrag A", parent=parent)
    add(meeting, "Antrag B", parent=parent)
    add(meeting, "Bericht")

    assert [n for n, _t in numbers(meeting)] == ["Ö 1", "Ö 1.1", "Ö 1.2", "Ö 2"]


def test_moving_an_item_up_renumbers_the_agenda(meeting, b2_chair):
    add(meeting, "Erster")
    second = add(meeting, "Zweiter")

    agenda.move(second, direction="up", by=b2_chair)

    assert numbers(meeting) == [("Ö 1", "Zweiter"), ("Ö 2", "Erster")]


def test_an_item_moves_with_its_sub_items(meeting, b2_chair):
    first = add(meeting, "Erster")
    add(meeting, "Unterpunkt", parent=first)
    add(meeting, "Zweiter")

    agenda.move(first, direction="down", by=b2_chair)

    assert numbers(meeting) == [("Ö 1", "Zweiter"), ("Ö 2", "Erster"), ("Ö 2.1", "Unterpunkt")]


def test_an_item_does_not_move_past_the_closing_items(meeting, template, b2_chair):
    agenda.apply_template(meeting, by=b2_chair)
    item = add(meeting, "Spielplatz Nord")

    agenda.move(item, direction="down", by=b2_chair)

    assert AgendaItem.objects.get(pk=item.pk).number == "Ö 3"


class Undo(Exception):
    pass


def moves_it(item, direction, by):
    """Whether `move` would change the agenda's order (tried, then rolled back)."""
    before = numbers(item.meeting)
    try:
        with transaction.atomic():
            agenda.move(item, direction=direction, by=by)
            after = numbers(item.meeting)
            raise Undo
    except Undo:
        return after != before
    except ValidationError:
        return False


@freeze_time("2026-11-20 10:00")
def test_the_possible_moves_are_exactly_those_that_move_an_item(meeting, template, b2_chair):
    agenda.apply_template(meeting, by=b2_chair)
    first = add(meeting, "Spielplatz Nord")
    add(meeting, "Grundstück Am Markt", public=False)
    agenda.publish(meeting, by=b2_chair)
    add(meeting, "Erster Unterpunkt", parent=first)
    add(meeting, "Zweiter Unterpunkt", parent=first)
    add(meeting, "Dringlichkeitsantrag Hochwasser")
    add(meeting, "Nachtrag Radweg")
    items = list(meeting.agenda_items.order_by("order"))

    possible = agenda.possible_moves(items)

    assert possible == {
        item.pk: (moves_it(item, "up", b2_chair), moves_it(item, "down", b2_chair))
        for item in items
    }
    assert sum(up + down for up, down in possible.values()) == 4


def test_the_first_item_of_its_part_moves_only_down(meeting, template, b2_chair):
    agenda.apply_template(meeting, by=b2_chair)
    first = add(meeting, "Spielplatz Nord")
    add(meeting, "Radweg Süd")

    possible = agenda.possible_moves(list(meeting.agenda_items.order_by("order")))

    assert possible[first.pk] == (False, True)


def test_the_missing_standing_items_are_those_the_agenda_lacks(meeting, template, b2_chair):
    add(meeting, "Verschiedenes")

    missing = agenda.missing_standing_items(meeting)

    assert [t.title for t in missing] == [
        "Eröffnung der Sitzung",
        "Feststellung der Tagesordnung",
        "Mitteilungen der Verwaltung",
        "Mitteilungen (nicht öffentlich)",
    ]


def test_a_change_on_a_stale_screen_is_refused(meeting, b2_chair):
    item = add(meeting, "Erster")
    add(meeting, "Zweiter")
    seen = meeting.agenda_revision  # the screen was loaded before the second item came

    with pytest.raises(agenda.AgendaChanged):
        agenda.move(item, direction="down", by=b2_chair, seen_revision=seen)


def test_only_those_who_prepare_the_meeting_change_its_agenda(meeting, b2_member):
    with pytest.raises(PermissionDenied):
        agenda.add_item(meeting, title="Neu", by=b2_member)


def test_a_free_item_can_be_taken_off_an_unpublished_agenda(meeting, b2_chair):
    item = add(meeting, "Erster")
    add(meeting, "Zweiter")

    agenda.remove_item(item, by=b2_chair)

    assert numbers(meeting) == [("Ö 1", "Zweiter")]


# The invitation and supplements --------------------------------------------------------------------


@freeze_time("2026-11-20 10:00")
def test_publishing_sends_the_invitation(meeting, b2_chair):
    add(meeting, "Spielplatz Nord")

    version = agenda.publish(meeting, by=b2_chair)

    meeting.refresh_from_db()
    assert (meeting.state, version.kind) == (MeetingState.INVITED, "invitation")


@freeze_time("2026-11-20 10:00")
def test_the_published_agenda_is_frozen_as_a_version(meeting, b2_chair):
    add(meeting, "Spielplatz Nord")

    version = agenda.publish(meeting, by=b2_chair)

    assert version.items == [
        {"number": "Ö 1", "title": "Spielplatz Nord", "public": True, "new": True}
    ]


@freeze_time("2026-11-20 10:00")
def test_an_agenda_without_a_topic_is_not_published(meeting, template, b2_chair):
    agenda.apply_template(meeting, by=b2_chair)

    with pytest.raises(ValidationError, match="keinen Beratungspunkt"):
        agenda.publish(meeting, by=b2_chair)


@freeze_time("2026-11-20 10:00")
def test_a_later_item_is_published_as_a_supplement_with_a_letter(meeting, template, b2_chair):
    agenda.apply_template(meeting, by=b2_chair)
    add(meeting, "Spielplatz Nord")
    agenda.publish(meeting, by=b2_chair)
    add(meeting, "Dringlichkeitsantrag Hochwasser")

    version = agenda.publish(meeting, by=b2_chair)

    assert version.kind == "supplement"
    assert ("Ö 3a", "Dringlichkeitsantrag Hochwasser") in numbers(meeting)


@freeze_time("2026-11-20 10:00")
def test_a_supplement_leaves_every_published_number_as_it_was(meeting, template, b2_chair):
    agenda.apply_template(meeting, by=b2_chair)
    add(meeting, "Spielplatz Nord")
    agenda.publish(meeting, by=b2_chair)
    before = [n for n, _t in numbers(meeting)]

    add(meeting, "Dringlichkeitsantrag Hochwasser")

    after = [n for n, _t in numbers(meeting) if n != "Ö 3a"]
    assert after == before


@freeze_time("2026-11-20 10:00")
def test_nothing_new_is_no_supplement(meeting, b2_chair):
    add(meeting, "Spielplatz Nord")
    agenda.publish(meeting, by=b2_chair)

    with pytest.raises(ValidationError, match="nichts hinzugekommen"):
        agenda.publish(meeting, by=b2_chair)


@freeze_time("2026-11-20 10:00")
def test_a_published_item_keeps_its_place(meeting, b2_chair):
    item = add(meeting, "Erster")
    add(meeting, "Zweiter")
    agenda.publish(meeting, by=b2_chair)

    with pytest.raises(ValidationError):
        agenda.move(item, direction="down", by=b2_chair)


# The notice period ------------------------------------------------------------------------------------

# A meeting on Thursday 10 December 2026 with 7 full days' notice: the invitation must go out
# by Wednesday 2 December (3 to 9 December are the seven full days in between).


def test_the_notice_deadline_leaves_seven_full_days(meeting):
    assert agenda.notice_deadline(meeting) == datetime.date(2026, 12, 2)


@freeze_time("2026-12-02 22:30")  # 23:30 in Berlin
def test_an_invitation_on_the_last_day_is_on_time(meeting, b2_chair):
    add(meeting, "Spielplatz Nord")

    assert agenda.publish(meeting, by=b2_chair).late_reason == ""


@freeze_time("2026-12-03 08:00")
def test_a_late_invitation_needs_a_reason(meeting, b2_chair):
    add(meeting, "Spielplatz Nord")

    with pytest.raises(ValidationError, match="Ladungsfrist"):
        agenda.publish(meeting, by=b2_chair)


@freeze_time("2026-12-03 08:00")
def test_a_late_invitation_records_its_reason(meeting, b2_chair):
    add(meeting, "Spielplatz Nord")

    version = agenda.publish(meeting, by=b2_chair, late_reason="Eilbedürftige Vergabe.")

    assert version.late_reason == "Eilbedürftige Vergabe."


def test_the_notice_period_counts_calendar_days_across_the_change_to_summer_time(b2):
    # Summer time begins on Sunday 29 March 2026: the day has 23 hours, the count stays 7.
    meeting = f.MeetingFactory(
        body=b2.body, start=datetime.datetime(2026, 4, 2, 17, tzinfo=f.BERLIN)
    )

    assert agenda.notice_deadline(meeting) == datetime.date(2026, 3, 25)


@freeze_time("2026-03-25 23:59:59", tz_offset=0)
def test_an_invitation_late_in_the_evening_before_summer_time_counts_by_the_local_date(
    b2, b2_chair
):
    meeting = f.MeetingFactory(
        body=b2.body, organizations=[b2], start=datetime.datetime(2026, 4, 2, 9, tzinfo=f.BERLIN)
    )
    add(meeting, "Spielplatz Nord")

    # 23:59 UTC is already 26 March in Berlin (UTC+1): one day too late.
    with pytest.raises(ValidationError, match="Ladungsfrist"):
        agenda.publish(meeting, by=b2_chair)


def test_public_holidays_count_as_days_of_the_notice_period(b2):
    # Easter 2026: Good Friday 3 April and Easter Monday 6 April lie in the period.
    meeting = f.MeetingFactory(
        body=b2.body, start=datetime.datetime(2026, 4, 9, 17, tzinfo=f.BERLIN)
    )

    assert agenda.notice_deadline(meeting) == datetime.date(2026, 4, 1)


# Who sees an agenda before it is published ---------------------------------------------------------


@pytest.fixture
def draft_item(meeting):
    return add(meeting, "Spielplatz Nord")


def test_a_citizen_does_not_see_an_unpublished_agenda(draft_item):
    assert draft_item not in AgendaItem.objects.listed_for(AnonymousUser())


def test_a_committee_member_does_not_see_an_unpublished_agenda(draft_item, b2_member):
    assert draft_item not in AgendaItem.objects.listed_for(b2_member)


def test_the_chair_sees_the_agenda_in_the_making(draft_item, b2_chair):
    assert draft_item in AgendaItem.objects.visible_to(b2_chair)


@freeze_time("2026-11-20 10:00")
def test_a_citizen_sees_the_published_agenda(draft_item, meeting, b2_chair):
    agenda.publish(meeting, by=b2_chair)

    assert draft_item in AgendaItem.objects.visible_to(AnonymousUser())


# Meeting day ---------------------------------------------------------------------------------------------


@pytest.fixture
def held_item(b2, b2_chair):
    meeting = f.MeetingFactory(
        body=b2.body, organizations=[b2], start=datetime.datetime(2026, 3, 2, 17, tzinfo=f.BERLIN)
    )
    item = add(meeting, "Bericht zur Schulwegsicherung")
    f.publish_agenda(meeting)
    return item


def test_a_result_is_recorded_for_an_item_without_a_paper(held_item, b2_chair):
    agenda.record_result(held_item, by=b2_chair, result="taken_note")

    assert AgendaItem.objects.get(pk=held_item.pk).result == "taken_note"


def test_a_result_is_not_recorded_twice(held_item, b2_chair):
    agenda.record_result(held_item, by=b2_chair, result="taken_note")

    with pytest.raises(ValidationError, match="bereits"):
        agenda.record_result(held_item, by=b2_chair, result="adopted")


def test_a_result_is_not_recorded_before_the_meeting_begins(draft_item, b2_chair):
    with pytest.raises(ValidationError, match="ab Beginn"):
        agenda.record_result(draft_item, by=b2_chair, result="adopted")


def test_a_committee_member_records_no_result(held_item, b2_member):
    with pytest.raises(PermissionDenied):
        agenda.record_result(held_item, by=b2_member, result="adopted")


@pytest.fixture
def six_voters(b2, b2_chair, spd):
    """The chair and five members."""
    for _ in range(5):
        f.MembershipFactory(organization=b2, role=Role.MEMBER, on_behalf_of=spd)


def test_votes_are_recorded_on_the_item(held_item, b2_chair, six_voters):
    agenda.record_votes(held_item, by=b2_chair, yes=3, no=1, abstain=1)

    item = AgendaItem.objects.get(pk=held_item.pk)
    assert (item.votes_yes, item.votes_no, item.votes_abstain) == (3, 1, 1)


def test_more_votes_than_voting_members_need_a_confirmation(held_item, b2_chair, six_voters):
    with pytest.raises(ValidationError, match="stimmberechtigte"):
        agenda.record_votes(held_item, by=b2_chair, yes=6, no=1, abstain=0)


def test_more_votes_than_voting_members_are_kept_when_confirmed(held_item, b2_chair, six_voters):
    agenda.record_votes(held_item, by=b2_chair, yes=6, no=1, abstain=0, confirmed=True)

    assert AgendaItem.objects.get(pk=held_item.pk).votes_yes == 6


def test_unanimous_means_no_nays(held_item, b2_chair, six_voters):
    agenda.record_votes(held_item, by=b2_chair, yes=5, unanimous=True)

    item = AgendaItem.objects.get(pk=held_item.pk)
    assert (item.unanimous, item.votes_no) == (True, 0)


def test_votes_per_faction_add_up_to_the_count(held_item, b2_chair, six_voters, spd, gruene):
    agenda.record_votes(held_item, by=b2_chair, factions=[(spd, 3, 0, 0), (gruene, 0, 1, 1)])

    item = AgendaItem.objects.get(pk=held_item.pk)
    assert (item.votes_yes, item.votes_no, item.votes_abstain) == (3, 1, 1)


# Minutes ----------------------------------------------------------------------------------------------------


def test_releasing_the_minutes_marks_the_meeting_held(held_item, b2_chair):
    meeting = agenda.release_minutes(held_item.meeting, by=b2_chair)

    assert (meeting.state, meeting.minutes_released_at is not None) == (MeetingState.HELD, True)


def test_the_minutes_are_not_released_twice(held_item, b2_chair):
    agenda.release_minutes(held_item.meeting, by=b2_chair)

    with pytest.raises(ValidationError):
        agenda.release_minutes(held_item.meeting, by=b2_chair)


def test_the_minutes_wait_for_the_results_of_every_paper(b2, b2_chair, spd, spd_staff):
    from motions import services

    meeting = f.MeetingFactory(
        body=b2.body, organizations=[b2], start=datetime.datetime(2026, 3, 2, 17, tzinfo=f.BERLIN)
    )
    paper = services.submit(paper=f.draft(committee=b2, by=spd_staff, factions=[spd]), by=spd_staff)
    services.schedule(paper=paper, meeting=meeting, by=b2_chair)
    f.publish_agenda(meeting)

    with pytest.raises(ValidationError, match="fehlt noch das Ergebnis"):
        agenda.release_minutes(meeting, by=b2_chair)
