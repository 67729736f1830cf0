"""The text of PDF attachments: extracted once, within bounds, and searchable."""

import datetime
import functools

import pytest
import weasyprint
from django.core.files.uploadedfile import SimpleUploadedFile

from motions.models import Attachment
from search import engine, pdftext
from search.models import FileText
from tests import factories as f

pytestmark = pytest.mark.django_db


@functools.cache
def pdf_with(text):
    """A real PDF with text (WeasyPrint is slow to start: each text is rendered once)."""
    return weasyprint.HTML(string=f"<p>{text}</p>").write_pdf()


@pytest.fixture
def paper(b2, spd, spd_staff):
    return f.PaperFactory(
        committee=b2,
        title="Bänke im Stadtgarten",
        state="submitted",
        reference="A/2026/0001",
        submitted_at=datetime.datetime(2026, 3, 2, 9, tzinfo=f.BERLIN),
        created_by=spd_staff,
        factions=[spd],
    )


def attach(paper, name, content):
    return Attachment.objects.create(
        paper=paper,
        title="Anlage",
        file=SimpleUploadedFile(name, content, content_type="application/pdf"),
        content_type="application/pdf",
        size=len(content),
        uploaded_by=paper.created_by,
    )


def test_the_text_of_a_pdf_attachment_is_searchable(
    settings, tmp_path, paper, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path

    with django_capture_on_commit_callbacks(execute=True):
        attach(paper, "konzept.pdf", pdf_with("Parkbänke aus Lärchenholz"))

    (found,) = engine.search("Lärchenholz").entries
    assert found.url == paper.get_absolute_url()


def test_the_text_is_extracted_once_per_file(settings, tmp_path, paper):
    settings.MEDIA_ROOT = tmp_path
    attachment = attach(paper, "konzept.pdf", pdf_with("Parkbänke aus Lärchenholz"))
    pdftext.text_of(attachment.file)
    FileText.objects.filter(path=attachment.file.name).update(text="aus dem Speicher")

    assert pdftext.text_of(attachment.file) == "aus dem Speicher"


def test_a_broken_pdf_gives_no_text_and_no_error(settings, tmp_path, paper):
    settings.MEDIA_ROOT = tmp_path
    attachment = attach(paper, "kaputt.pdf", b"%PDF-1.4 nothing else")

    assert pdftext.text_of(attachment.file) == ""


def test_a_file_over_the_size_limit_is_not_read(settings, tmp_path, paper, monkeypatch):
    settings.MEDIA_ROOT = tmp_path
    monkeypatch.setattr(pdftext, "MAX_FILE_BYTES", 10)
    attachment = attach(paper, "gross.pdf", pdf_with("Parkbänke aus Lärchenholz"))

    assert pdftext.extract(attachment.file) == ""


def test_other_files_are_not_read(settings, tmp_path, paper):
    settings.MEDIA_ROOT = tmp_path
    attachment = attach(paper, "brief.odt", b"PK\x03\x04")

    assert pdftext.text_of(attachment.file) == ""
    assert not FileText.objects.exists()
