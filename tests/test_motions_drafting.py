"""Malformed input to the letter form is answered with a form error, and nothing typed is lost."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from motions import services
from motions.models import Attachment, Paper
from tests import factories as f
from tests.test_motions_views import PDF_BYTES, form_data

pytestmark = pytest.mark.django_db

INCOMPLETE = "Das Formular war unvollständig"

MALFORMED_COUNTS = ["-1", "", "abc", "\x00", "1.5", "٣", "٠", "9" * 5000, str(2**63)]


@pytest.mark.parametrize("total", MALFORMED_COUNTS)
def test_adding_a_question_to_a_malformed_form_keeps_every_question_typed(
    client, spd_staff, b2, spd, total
):
    client.force_login(spd_staff)

    response = client.post(
        reverse("motions:create"),
        form_data(b2, spd, add_question="1", **{"questions-TOTAL_FORMS": total}),
    )

    page = response.content.decode()
    assert response.status_code == 400
    assert INCOMPLETE in page
    assert "Wie wird der Beschluss des Kreises umgesetzt?" in page
    assert "Wie werden die Träger der Freien Wohlfahrtspflege eingebunden?" in page
    assert 'name="questions-TOTAL_FORMS" value="3"' in page
    assert not Paper.objects.exists()


@pytest.mark.parametrize("total", MALFORMED_COUNTS)
def test_saving_a_malformed_form_saves_nothing_and_keeps_every_question_typed(
    client, spd_staff, b2, spd, total
):
    client.force_login(spd_staff)

    response = client.post(
        reverse("motions:create"), form_data(b2, spd, **{"questions-TOTAL_FORMS": total})
    )

    page = response.content.decode()
    assert response.status_code == 400
    assert INCOMPLETE in page
    assert "Wie werden die Träger der Freien Wohlfahrtspflege eingebunden?" in page
    assert 'name="questions-TOTAL_FORMS" value="2"' in page
    assert not Paper.objects.exists()


def test_a_form_repaired_after_a_malformed_one_saves_normally(client, spd_staff, b2, spd):
    client.force_login(spd_staff)

    client.post(reverse("motions:create"), form_data(b2, spd, **{"questions-TOTAL_FORMS": "x"}))
    response = client.post(reverse("motions:create"), form_data(b2, spd))

    assert response.status_code == 302
    assert Paper.objects.get().questions.count() == 2


@pytest.mark.parametrize("field", ["co_sponsors", "signers"])
@pytest.mark.parametrize("value", [str(2**63), str(2**64), "9" * 30, "9" * 5000, "٣", "-1"])
def test_an_impossible_id_in_a_multiple_choice_is_an_invalid_choice(
    client, spd_staff, b2, spd, gruene, field, value
):
    client.force_login(spd_staff)

    response = client.post(reverse("motions:create"), form_data(b2, spd, **{field: [value]}))

    assert response.status_code == 400
    assert "Bitte eine gültige Auswahl treffen" in response.content.decode()
    assert not Paper.objects.exists()


@pytest.mark.parametrize("field", ["committee", "lead_faction", "target_meeting", "amends"])
@pytest.mark.parametrize("value", [str(2**63), "9" * 5000, "٣"])
def test_an_impossible_id_in_a_single_choice_is_an_invalid_choice(
    client, spd_staff, b2, spd, field, value
):
    client.force_login(spd_staff)
    data = form_data(b2, spd)
    data[field] = value

    response = client.post(reverse("motions:create"), data)

    assert response.status_code == 400
    assert "Bitte eine gültige Auswahl treffen" in response.content.decode()


@pytest.mark.parametrize(
    "name", ["a" * 250 + ".pdf", "Konzept " * 40 + ".pdf", "語" * 240 + ".pdf"]
)
def test_an_attachment_with_a_long_file_name_is_stored_with_a_shortened_title(
    client, spd_staff, b2, spd, settings, tmp_path, name
):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(spd_staff)
    upload = SimpleUploadedFile(name, PDF_BYTES, content_type="application/pdf")

    response = client.post(reverse("motions:create"), form_data(b2, spd, attachment=upload))

    title = Attachment.objects.get().title
    assert response.status_code == 302
    assert len(title) <= Attachment._meta.get_field("title").max_length
    assert title.endswith(".pdf")
    assert title.startswith(name[:20])


def test_a_typed_attachment_title_that_is_too_long_is_a_field_error(
    client, spd_staff, b2, spd, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(spd_staff)
    upload = SimpleUploadedFile("konzept.pdf", PDF_BYTES, content_type="application/pdf")

    response = client.post(
        reverse("motions:create"),
        form_data(b2, spd, attachment=upload, attachment_title="Konzept " * 30),
    )

    page = response.content.decode()
    assert response.status_code == 400
    assert (
        "Bezeichnung der Anlage: Bitte sicherstellen, dass der Wert aus höchstens 200 Zeichen"
        in page
    )
    assert "Stand der Umsetzung des Kommunalen Integrationsmanagements" in page
    assert not Paper.objects.exists()


def test_a_malformed_form_for_a_paper_submitted_meanwhile_is_refused_with_what_was_typed(
    client, spd_staff, b2, spd
):
    paper = f.draft(committee=b2, by=spd_staff, factions=[spd], title="Eingereicht")
    services.submit(paper=paper, by=spd_staff)
    client.force_login(spd_staff)

    response = client.post(
        reverse("motions:edit", args=[paper.pk]),
        form_data(b2, spd, add_question="1", **{"questions-TOTAL_FORMS": "abc"}),
    )

    assert response.status_code == 409
    assert "Wie werden die Träger der Freien Wohlfahrtspflege eingebunden?" in (
        response.content.decode()
    )
