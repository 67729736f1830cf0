"""Reading the text of a letter file: every format, every encoding, and hostile or broken
files refused with a clear message (never an exception of a library)."""

import io
import json
import zipfile
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from motions.letterimport.extract import (
    DOCX,
    ODT,
    PDF,
    TEXT,
    LetterUnreadable,
    decode_text,
    extract_text,
)
from tests.letter_files import build_letter_council, docx_bytes, odt_bytes, pdf_bytes

LETTERS = Path(__file__).parent / "letters"
TEXT_OF_LETTER = "Antrag:\n\nMehr Bäume\n\nSehr geehrte Damen und Herren,"


@pytest.mark.parametrize(
    ("make", "content_type"),
    [
        (docx_bytes, DOCX),
        (odt_bytes, ODT),
        (pdf_bytes, PDF),
        (lambda text: text.encode("utf-8"), TEXT),
    ],
)
def test_each_format_is_recognised_by_its_content_and_read(make, content_type):
    text, found_type = extract_text(make(TEXT_OF_LETTER), name="brief.bin")

    assert found_type == content_type
    assert "Mehr Bäume" in text


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1252", "latin-1"])
def test_text_in_the_encodings_letters_come_in_is_decoded(encoding):
    assert decode_text("Grüße aus Castrop-Rauxel".encode(encoding)) == "Grüße aus Castrop-Rauxel"


def test_empty_file_is_refused():
    with pytest.raises(LetterUnreadable, match="leer"):
        extract_text(b"")


def test_file_over_the_upload_limit_is_refused(settings):
    settings.UPLOAD_MAX_BYTES = 100

    with pytest.raises(LetterUnreadable, match="höchstens"):
        extract_text(b"x" * 101)


def test_binary_file_is_refused_with_the_formats_named():
    with pytest.raises(LetterUnreadable, match="DOCX, ODT, PDF oder Text"):
        extract_text(b"\x89PNG\r\n\x1a\n\x00\x00\x00", name="bild.png")


def test_zip_that_is_no_document_is_refused():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("a.txt", "hallo")

    with pytest.raises(LetterUnreadable):
        extract_text(out.getvalue(), name="brief.docx")


def test_zip_bomb_in_a_docx_is_refused_before_unpacking():
    document = io.BytesIO(docx_bytes(TEXT_OF_LETTER))
    out = io.BytesIO()
    with (
        zipfile.ZipFile(document) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as bomb,
    ):
        for item in source.infolist():
            bomb.writestr(item, source.read(item))
        bomb.writestr("word/media/bomb.bin", b"\x00" * (20 * 1024 * 1024))

    with pytest.raises(LetterUnreadable, match="unverhältnismäßig"):
        extract_text(out.getvalue(), name="bombe.docx")


def test_broken_docx_is_refused_as_damaged():
    data = docx_bytes(TEXT_OF_LETTER)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as broken:
        for item in source.infolist():
            content = (
                b"<w:document>kaputt" if item.filename == "word/document.xml" else source.read(item)
            )
            broken.writestr(item, content)

    with pytest.raises(LetterUnreadable, match="beschädigt"):
        extract_text(out.getvalue())


def test_truncated_pdf_is_refused_as_damaged():
    with pytest.raises(LetterUnreadable):
        extract_text(pdf_bytes(TEXT_OF_LETTER)[:400])


def test_encrypted_pdf_is_refused_with_a_password_message():
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_bytes(TEXT_OF_LETTER))))
    writer.encrypt(user_password="geheim", owner_password="geheim")
    out = io.BytesIO()
    writer.write(out)

    with pytest.raises(LetterUnreadable, match="Kennwort"):
        extract_text(out.getvalue())


def test_pdf_with_too_many_pages_is_refused():
    from pypdf import PdfWriter

    writer = PdfWriter()
    for _page in range(61):
        writer.add_blank_page(width=200, height=200)
    out = io.BytesIO()
    writer.write(out)

    with pytest.raises(LetterUnreadable, match="Seiten"):
        extract_text(out.getvalue())


def test_pdf_without_text_layer_asks_for_the_text():
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    out = io.BytesIO()
    writer.write(out)

    with pytest.raises(LetterUnreadable, match="kein lesbarer Text"):
        extract_text(out.getvalue())


# read_letter ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_read_letter_prints_the_fields_as_json_and_saves_nothing(body):
    from motions.models import LetterUpload, Paper

    build_letter_council(body)
    out = StringIO()

    call_command("read_letter", str(LETTERS / "sample.txt"), stdout=out)

    result = json.loads(out.getvalue())
    assert (
        result["title"]
        == "Stand der Umsetzung des Kommunalen Integrationsmanagements in Castrop-Rauxel"
    )
    assert result["committee"]["name"] == "Betriebsausschuss 2"
    assert [f["name"] for f in result["factions"]] == [
        "SPD-Fraktion",
        "Fraktion Bündnis 90/Die Grünen",
    ]
    assert len(result["questions"]) == 2
    assert [s["name"] for s in result["signatories"]] == ["Daniel Molloisch", "Bert Wagener"]
    assert result["found"]["title"] is True
    assert result["found"]["received_on"] is False
    assert Paper.objects.count() == LetterUpload.objects.count() == 0


@pytest.mark.django_db
def test_read_letter_refuses_an_unreadable_file_with_the_message(body, tmp_path):
    path = tmp_path / "bild.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")

    with pytest.raises(CommandError, match="DOCX, ODT, PDF oder Text"):
        call_command("read_letter", str(path))


@pytest.mark.django_db
def test_read_letter_refuses_a_missing_file(body, tmp_path):
    with pytest.raises(CommandError):
        call_command("read_letter", str(tmp_path / "fehlt.txt"))
