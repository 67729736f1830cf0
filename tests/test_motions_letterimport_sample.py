"""The sample letter, read from every format it may arrive in, gives exactly the demo's sample
motion: its text by the rules, its factions, committee, persons and meetings by the matching."""

import datetime
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from council.models import Body
from motions.demo.letters import SAMPLE
from motions.letterimport.draft import draft_from_text
from motions.letterimport.extract import extract_text
from motions.letterimport.rules import read
from motions.models import Paper
from tests.letter_files import docx_bytes, odt_bytes, pdf_bytes

# The real sample letter (Castrop-Rauxel, 30 March 2021), as it came.
SAMPLE_TEXT = (Path(__file__).parent / "letters" / "sample.txt").read_text(encoding="utf-8")
FORMATS = {
    "txt": lambda text: text.encode("utf-8"),
    "docx": docx_bytes,
    "odt": odt_bytes,
    "pdf": pdf_bytes,
}


@pytest.fixture(scope="module", params=list(FORMATS))
def sample_reading(request):
    text, _content_type = extract_text(FORMATS[request.param](SAMPLE_TEXT), name="brief")
    return read(text)


def test_sample_in_every_format_gives_the_demo_texts(sample_reading):
    fields = {name: sample_reading[name].value for name in sample_reading.fields}

    assert fields["paper_type"] == SAMPLE.paper_type
    assert fields["title"] == SAMPLE.title
    assert fields["place"] == "Castrop-Rauxel"
    assert fields["letter_date"] == datetime.date.fromisoformat(SAMPLE.letter_date)
    assert fields["request_text"] == SAMPLE.request_text
    assert fields["proposed_resolution"] == SAMPLE.proposed_resolution
    assert fields["questions_intro"] == SAMPLE.questions_intro
    assert fields["questions"] == list(SAMPLE.questions)
    assert fields["justification"] == SAMPLE.justification.strip()
    assert fields["report_kind"] == SAMPLE.report_kind
    assert fields["report_meeting"] == datetime.date.fromisoformat(SAMPLE.report_meeting)
    assert [(s["name"], s["function"]) for s in fields["signatories"]] == [
        (f"{given} {family}", function) for given, family, function in SAMPLE.signatories
    ]


@pytest.fixture(scope="module")
def demo_council(django_db_setup, django_db_blocker):
    """The demo, built once for this module and rolled back after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
            call_command("demo", stdout=StringIO())
        yield Body.objects.current()
        transaction.set_rollback(True)


@pytest.mark.django_db
@pytest.mark.parametrize("file_format", list(FORMATS))
def test_sample_in_every_format_matches_the_demo_sample_motion(demo_council, file_format):
    sample = Paper.objects.get(title=SAMPLE.title)
    text, _content_type = extract_text(FORMATS[file_format](SAMPLE_TEXT))

    draft = draft_from_text(text, demo_council)

    assert draft["factions"].value == [s.faction for s in sample.sponsorships.all()]
    assert draft["committee"].value == sample.committee
    assert draft["addressee"].value == sample.addressee
    assert draft["target_meeting"].value == sample.target_meeting
    assert draft["report_meeting"].value == sample.report_meeting
    for name in (
        "paper_type",
        "title",
        "place",
        "letter_date",
        "request_text",
        "proposed_resolution",
        "questions_intro",
        "justification",
        "report_kind",
    ):
        assert draft[name].value == getattr(sample, name), name
    assert draft.questions == [q.text for q in sample.questions.all()]
    assert [(s["person"], s["function"]) for s in draft["signatories"].value] == [
        (s.person, s.function) for s in sample.signatories.all()
    ]
