"""Matching a letter's words to the body: factions in every spelling, committees by name, short
name or chair, persons by name, meetings by day; what fits several is offered as a choice."""

import datetime

import pytest

from motions.letterimport import matching as m
from tests.letter_files import build_letter_council

pytestmark = pytest.mark.django_db


@pytest.fixture
def letter_council(body):
    committees, factions, people = build_letter_council(body)
    return body, committees, factions, people


def shorts(found):
    return [organization.short_name for organization in found.value]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("SPD / GRÜNE", ["SPD", "GRÜNE"]),
        ("Fraktion FW|FÜR", ["FW|FÜR"]),
        ("Gruppe KAL/Die PARTEI", ["KAL/PARTEI"]),
        ("B'90/DIE GRÜNEN · DIE LINKE.", ["GRÜNE", "LINKE"]),
        ("Vorsitzender der SPD Ratsfraktion", ["SPD"]),
        ("Fraktionsvorsitzender Bündnis90/ Die Grünen", ["GRÜNE"]),
        ("CDU-Fraktion", ["CDU"]),
    ],
)
def test_factions_are_found_in_every_spelling_in_the_order_named(letter_council, text, expected):
    body, *_rest = letter_council

    assert shorts(m.match_factions([text], body)) == expected


def test_factions_from_the_head_come_before_those_of_the_signatures(letter_council):
    body, *_rest = letter_council

    found = m.match_factions(["Fraktion Die Linke", "SPD-Fraktion"], body)

    assert shorts(found) == ["LINKE", "SPD"]


def test_a_text_without_faction_finds_none(letter_council):
    body, *_rest = letter_council

    assert m.match_factions(["Sehr geehrte Damen und Herren"], body).value == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Die Vorsitzenden des Betriebsausschusses 2", "B2"),
        ("in der Sitzung des B2", "B2"),
        ("An den Vorsitzenden des Haupt- und Finanzausschusses", "HFA"),
        ("An den Rat der Stadt Castrop-Rauxel", "Rat"),
        ("als Vorsitzenden des Rates", "Rat"),
        ("An Frau Katrin Lasser", "B2"),
    ],
)
def test_committee_is_found_by_name_short_name_or_chair(letter_council, text, expected):
    body, *_rest = letter_council

    assert m.match_committee([text], body).value.short_name == expected


def test_a_committee_word_that_fits_two_is_offered_as_a_choice(letter_council):
    body, *_rest = letter_council

    found = m.match_committee(["An den Betriebsausschuss"], body)

    assert found.value is None
    assert sorted(c.short_name for c in found.choices) == ["B1", "B2"]


def test_committee_is_searched_in_the_next_text_when_the_first_names_none(letter_council):
    body, *_rest = letter_council

    found = m.match_committee(["Sehr geehrte Damen", "im Jugendhilfeausschuss"], body)

    assert found.value.short_name == "JHA"


def test_person_is_found_by_full_name_without_titles(letter_council):
    body, _committees, _factions, people = letter_council

    assert m.match_person("Dr. Petra Voß", body).value == people["Petra Voß"]


def test_person_is_found_by_family_name_among_the_factions_members(letter_council):
    body, _committees, factions, people = letter_council

    found = m.match_person("Frau Roth", body, among=m.members_of([factions["LINKE"]]))

    assert found.value == people["Lea Roth"]


def test_two_persons_of_one_name_are_offered_as_a_choice(letter_council):
    body, *_rest = letter_council

    found = m.match_person("Peter Schmidt", body)

    assert found.value is None
    assert len(found.choices) == 2


def test_an_unknown_person_is_not_found(letter_council):
    body, *_rest = letter_council

    found = m.match_person("Erika Mustermann", body)

    assert (found.value, found.choices) == (None, [])


def test_addressee_is_the_person_named_after_frau_or_herrn(letter_council):
    body, committees, _factions, people = letter_council

    found = m.match_addressee("Die Vorsitzende, Frau Katrin Lasser,", body, committees["B2"])

    assert found.value == people["Katrin Lasser"]


def test_meeting_is_the_committees_meeting_on_the_day_named(letter_council):
    body, committees, *_rest = letter_council

    meeting = m.match_meeting(datetime.date(2099, 4, 15), committees["B2"], body)

    assert meeting.start.date() == datetime.date(2099, 4, 15)


def test_next_meeting_is_the_first_after_the_letters_date(letter_council):
    body, committees, *_rest = letter_council

    meeting = m.match_meeting("next", committees["Rat"], body, after=datetime.date(2099, 5, 2))

    assert meeting.start.date() == datetime.date(2099, 5, 20)


def test_a_day_without_meeting_finds_none(letter_council):
    body, committees, *_rest = letter_council

    assert m.match_meeting(datetime.date(2099, 1, 1), committees["B2"], body) is None
