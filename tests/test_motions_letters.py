"""The letter as a PDF: what the public reads is rendered once per version and then kept."""

import datetime
import io

import pypdf
import pytest
from django.urls import reverse

from council import documents
from motions import letters, services
from motions.models import Paper
from tests import factories as f


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def renderings(monkeypatch):
    """Every WeasyPrint rendering, wherever it is asked for."""
    calls = []
    render = documents.render_pdf

    def counting(html):
        calls.append(html)
        return render(html)

    monkeypatch.setattr(documents, "render_pdf", counting)
    monkeypatch.setattr(letters, "render_pdf", counting)
    return calls


@pytest.fixture
def filed(b2, spd, spd_staff):
    paper = f.draft(committee=b2, by=spd_staff, factions=[spd], title="Radwege am Marktplatz")
    return services.submit(paper=paper, by=spd_staff)


@pytest.fixture
def confidential(b2, spd, spd_staff):
    paper = f.draft(
        committee=b2, by=spd_staff, factions=[spd], title="Grundstück Geheimweg", is_public=False
    )
    return services.submit(paper=paper, by=spd_staff)


def pdf_url(paper):
    return reverse("motions:letter_pdf", args=[paper.pk])


def pdf_text(content):
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(content)).pages)


def test_the_public_letter_is_rendered_once_and_then_served_from_storage(client, filed, renderings):
    first = client.get(pdf_url(filed))

    second = client.get(pdf_url(filed))

    assert len(renderings) == 1
    assert second.content == first.content
    assert second["Content-Type"] == "application/pdf"


def test_the_kept_letter_lies_in_storage_under_the_papers_number(client, filed):
    client.get(pdf_url(filed))

    filed.refresh_from_db()
    assert filed.letter_pdf.name.startswith(
        f"letters/{filed.pk}/{filed.reference.replace('/', '-')}-"
    )
    assert filed.letter_pdf.storage.exists(filed.letter_pdf.name)


def test_keeping_the_letter_is_no_change_to_the_paper(client, filed):
    modified = Paper.objects.get(pk=filed.pk).modified

    client.get(pdf_url(filed))

    assert Paper.objects.get(pk=filed.pk).modified == modified


def test_a_changed_letter_is_rendered_again_and_replaces_the_old_file(client, filed, renderings):
    client.get(pdf_url(filed))
    old = Paper.objects.get(pk=filed.pk).letter_pdf
    Paper.objects.filter(pk=filed.pk).update(title="Radwege am Rathausplatz")

    response = client.get(pdf_url(filed))

    assert len(renderings) == 2
    assert "Radwege am Rathausplatz" in pdf_text(response.content)
    assert not old.storage.exists(old.name)


def test_a_file_lost_from_storage_is_rendered_again(client, filed, renderings):
    client.get(pdf_url(filed))
    kept = Paper.objects.get(pk=filed.pk).letter_pdf
    kept.storage.delete(kept.name)

    response = client.get(pdf_url(filed))

    assert response.status_code == 200
    assert len(renderings) == 2


def test_a_non_public_letter_is_never_kept(client, confidential, spd_staff, renderings):
    client.force_login(spd_staff)

    client.get(pdf_url(confidential))
    response = client.get(pdf_url(confidential))

    assert response.status_code == 200
    assert len(renderings) == 2
    assert not Paper.objects.get(pk=confidential.pk).letter_pdf


def test_the_public_never_gets_a_non_public_letter(client, confidential, spd_staff):
    client.force_login(spd_staff)
    client.get(pdf_url(confidential))
    client.logout()

    response = client.get(pdf_url(confidential))

    assert response.status_code == 404


def test_a_letter_made_non_public_after_it_was_kept_is_no_longer_served(client, filed):
    client.get(pdf_url(filed))
    Paper.objects.filter(pk=filed.pk).update(is_public=False)

    response = client.get(pdf_url(filed))

    assert response.status_code == 404


def test_a_letter_naming_a_paper_the_public_may_not_see_is_not_kept_for_its_faction(
    client, b2, spd, spd_staff, confidential, renderings
):
    amendment = services.submit(
        paper=f.draft(committee=b2, by=spd_staff, factions=[spd], amends=confidential),
        by=spd_staff,
    )
    client.force_login(spd_staff)

    response = client.get(pdf_url(amendment))

    assert "Grundstück Geheimweg" in pdf_text(response.content)
    assert not Paper.objects.get(pk=amendment.pk).letter_pdf


def test_the_public_variant_of_such_a_letter_leaves_the_hidden_paper_out(
    client, b2, spd, spd_staff, confidential
):
    amendment = services.submit(
        paper=f.draft(committee=b2, by=spd_staff, factions=[spd], amends=confidential),
        by=spd_staff,
    )

    response = client.get(pdf_url(amendment))

    assert "Geheimweg" not in pdf_text(response.content)


@pytest.mark.parametrize(
    "persona", [None, "spd_staff", "gruene_staff", "b2_chair", "office", "integration_unit_staff"]
)
def test_every_role_reads_the_same_kept_letter(client, filed, persona, request, renderings):
    client.get(pdf_url(filed))
    if persona:
        client.force_login(request.getfixturevalue(persona))

    response = client.get(pdf_url(filed))

    assert response.status_code == 200
    assert len(renderings) == 1


def test_serving_a_kept_letter_takes_a_bounded_number_of_queries(
    client, filed, django_assert_max_num_queries
):
    client.get(pdf_url(filed))

    with django_assert_max_num_queries(10):
        client.get(pdf_url(filed))


def test_a_malformed_number_is_a_404(client, db):
    assert client.get("/antraege/99999999999999999999/brief.pdf").status_code == 404


def _imported(committee, **fields):
    """A paper taken over from another system: its record, not its wording."""
    return f.PaperFactory(
        body=committee.body,
        committee=committee,
        state="imported",
        reference="2019/117",
        proposed_resolution="",
        submitted_at=datetime.datetime(2019, 11, 4, 9, 0, tzinfo=f.BERLIN),
        **fields,
    )


@pytest.mark.parametrize("suffix", ["brief/", "brief.pdf"])
def test_an_imported_paper_has_no_letter_written_back(client, b2, suffix):
    paper = _imported(b2)

    assert client.get(f"/antraege/{paper.pk}/{suffix}").status_code == 404


def test_an_imported_papers_page_frames_no_letter_around_its_title(client, b2, spd):
    paper = _imported(b2, title="Schulwegsicherung", factions=[spd])

    page = client.get(paper.get_absolute_url()).text

    assert "aus dem bisherigen Ratsinformationssystem übernommen" in page
    assert 'class="letter"' not in page
    assert "Mit freundlichen Grüßen" not in page
