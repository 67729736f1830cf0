"""The table of invented test letters (tests/letters/, expected.toml): each yields the fields
written down for it, and nothing where nothing is written down. The last test counts the
fields found correctly over all letters (the measure the README states)."""

import datetime
import tomllib
from pathlib import Path

import pytest

from motions.letterimport.draft import draft_from_text
from motions.letterimport.extract import extract_text
from tests.letter_files import build_letter_council

LETTERS = Path(__file__).parent / "letters"
with (LETTERS / "expected.toml").open("rb") as _file:
    EXPECTED = tomllib.load(_file)["letter"]
TEXT_FIELDS = [
    "paper_type",
    "place",
    "title",
    "request_text",
    "proposed_resolution",
    "questions_intro",
    "report_kind",
]
DATE_FIELDS = ["letter_date", "received_on"]
MEETING_FIELDS = ["target_meeting", "report_meeting"]
# Every field a letter can yield; one not written down for a letter must stay empty.
FIELDS = [
    *TEXT_FIELDS,
    *DATE_FIELDS,
    *MEETING_FIELDS,
    "factions",
    "committee",
    "addressee",
    "questions",
    "justification",
    "signatories",
    "urgent",
]


@pytest.fixture
def letter_council(body):
    build_letter_council(body)
    return body


def read_letter(name, body):
    text, _content_type = extract_text((LETTERS / name).read_bytes(), name=name)
    return draft_from_text(text, body)


def actual(draft, name):
    """The draft's value of a field in the table's terms."""
    value = draft[name].value if name in draft.fields else None
    if name in MEETING_FIELDS:
        return value.start.date().isoformat() if value else None
    if name in DATE_FIELDS:
        return value.isoformat() if value else None
    if name == "factions":
        return [f.short_name for f in value] or None
    if name == "committee":
        if draft["committee"].choices:
            return sorted(c.short_name for c in draft["committee"].choices)
        return value.short_name if value else None
    if name == "addressee":
        return value.name if value else None
    if name == "questions":
        return value or None
    if name == "justification":
        return value or None
    if name == "signatories":
        if not value:
            return None
        return [
            [
                s["name"],
                s["function"],
                s["person"].name if s["person"] else "?" if s["choices"] else "",
            ]
            for s in value
        ]
    if name == "urgent":
        return draft.urgent or None
    return value or None


def expected(letter, name):
    if name == "committee" and "committee_choices" in letter:
        return letter["committee_choices"]
    if name == "justification":
        return letter.get("justification_start")
    return letter.get(name)


def field_is_right(draft, letter, name):
    want, got = expected(letter, name), actual(draft, name)
    if name == "justification" and want is not None:
        return bool(got) and got.startswith(want)
    return want == got


@pytest.mark.django_db
@pytest.mark.parametrize("letter", EXPECTED, ids=[letter["file"] for letter in EXPECTED])
def test_letter_yields_the_fields_written_down_for_it(letter_council, letter):
    draft = read_letter(letter["file"], letter_council)

    wrong = {
        name: (expected(letter, name), actual(draft, name))
        for name in FIELDS
        if not field_is_right(draft, letter, name)
    }

    assert wrong == {}
    if "note" in letter:
        assert any(letter["note"] in note for note in draft.notes)


def test_there_are_at_least_ten_invented_letters():
    assert len([letter for letter in EXPECTED if letter["file"] != "sample.txt"]) >= 10


@pytest.mark.django_db
def test_measure_fields_found_correctly_over_all_letters(letter_council, capsys):
    """Counts the fields each letter has (those written down for it) found correctly."""
    right = total = 0
    for letter in EXPECTED:
        draft = read_letter(letter["file"], letter_council)
        for name in FIELDS:
            if expected(letter, name) is None:
                continue
            total += 1
            right += field_is_right(draft, letter, name)

    with capsys.disabled():
        print(f"\nBriefe einlesen: {right} von {total} Feldern richtig ({len(EXPECTED)} Briefe)")
    assert right == total


def test_dates_in_the_table_are_days():
    for letter in EXPECTED:
        for name in (*DATE_FIELDS, *MEETING_FIELDS):
            if name in letter:
                datetime.date.fromisoformat(letter[name])
