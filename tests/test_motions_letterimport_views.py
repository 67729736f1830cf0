"""'Brief einlesen': upload or paste a letter, get the letter form filled in, save the draft with
the original letter attached. For the council office and faction staff only; nothing is saved
before the user saves."""

import datetime
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from council.models import Role
from motions.models import AttachmentKind, LetterUpload, Paper
from tests import factories as f
from tests.letter_files import docx_bytes

pytestmark = pytest.mark.django_db

SAMPLE = (Path(__file__).parent / "letters" / "sample.txt").read_bytes()
TITLE = "Stand der Umsetzung des Kommunalen Integrationsmanagements in Castrop-Rauxel"
UPLOAD = reverse("motions:letter_import")


@pytest.fixture
def signers(spd, gruene):
    """The sample's signatories as chairs of their factions."""
    people = []
    for given, family, faction in [("Daniel", "Molloisch", spd), ("Bert", "Wagener", gruene)]:
        person = f.PersonFactory(body=spd.body, given_name=given, family_name=family)
        f.MembershipFactory(person=person, organization=faction, role=Role.FACTION_CHAIR)
        people.append(person)
    return people


@pytest.fixture
def letter_setup(b2, b2_chair, council, signers):
    return b2


class FormFields(HTMLParser):
    """What a browser sends for the page's letter form: every field's value as shown."""

    def __init__(self):
        super().__init__()
        self.data, self._textarea, self._select, self._in_form = [], None, None, False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and "paper-form" in (attrs.get("class") or ""):
            self._in_form = True
        if not self._in_form:
            return
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type") not in ("submit", "file"):
            if attrs.get("type") in ("checkbox", "radio") and "checked" not in attrs:
                return
            self.data.append((name, attrs.get("value", "")))
        elif tag == "textarea":
            self._textarea = [name, ""]
        elif tag == "select":
            self._select = name
        elif tag == "option" and self._select and "selected" in attrs:
            self.data.append((self._select, attrs.get("value", "")))

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "textarea" and self._textarea:
            # The browser drops the newline that follows <textarea>.
            self.data.append((self._textarea[0], self._textarea[1].removeprefix("\n")))
            self._textarea = None
        elif tag == "select":
            self._select = None
        elif tag == "form":
            self._in_form = False


def as_browser_sends(page):
    parser = FormFields()
    parser.feed(page)
    data = {}
    for name, value in parser.data:
        data.setdefault(name, []).append(value)
    return data


def upload(client, content=SAMPLE, name="antrag.txt"):
    return client.post(UPLOAD, {"letter": SimpleUploadedFile(name, content)})


# Who may ------------------------------------------------------------------------------------


def test_anonymous_is_sent_to_log_in(client):
    response = client.get(UPLOAD)

    assert response.status_code == 302
    assert "anmelden" in response["Location"] or "login" in response["Location"]


@pytest.mark.parametrize("persona", ["office", "spd_staff"])
def test_office_and_faction_staff_get_the_upload_page(client, persona, request):
    client.force_login(request.getfixturevalue(persona))

    response = client.get(UPLOAD)

    assert response.status_code == 200
    assert "Brief einlesen" in response.content.decode()


@pytest.mark.parametrize("persona", ["b2_chair", "integration_unit_staff"])
def test_chair_and_administration_are_refused(client, persona, request):
    client.force_login(request.getfixturevalue(persona))

    assert client.get(UPLOAD).status_code == 403
    assert upload(client).status_code == 403
    assert not LetterUpload.objects.exists()


@pytest.mark.parametrize("persona", ["b2_chair", "integration_unit_staff"])
def test_chair_and_administration_cannot_open_a_letter_read(client, office, persona, request):
    letter = LetterUpload.objects.create(created_by=office, content_type="text/plain", text="x")
    client.force_login(request.getfixturevalue(persona))

    response = client.get(reverse("motions:letter_draft", args=[letter.pk]))

    assert response.status_code == 403


def test_a_letter_read_by_someone_else_is_not_found(client, office, spd_staff):
    letter = LetterUpload.objects.create(created_by=office, content_type="text/plain", text="x")
    client.force_login(spd_staff)

    assert client.get(reverse("motions:letter_draft", args=[letter.pk])).status_code == 404


def test_a_letter_that_does_not_exist_is_not_found(client, office):
    client.force_login(office)

    assert client.get(reverse("motions:letter_draft", args=[999999])).status_code == 404


# Reading --------------------------------------------------------------------------------------


def test_upload_opens_the_filled_in_form_and_saves_no_paper(client, office, letter_setup):
    client.force_login(office)

    response = client.get(upload(client)["Location"])

    page = response.content.decode()
    assert response.status_code == 200
    assert TITLE in page
    assert "gefunden:" in page
    assert "Aus dem Brief gelesen" in page
    assert not Paper.objects.exists()


def test_the_form_page_is_built_with_a_bounded_number_of_queries(
    client, office, letter_setup, django_assert_max_num_queries
):
    client.force_login(office)
    location = upload(client)["Location"]

    with django_assert_max_num_queries(60):
        client.get(location)


def test_a_field_not_found_is_marked_for_the_user(client, office, letter_setup):
    client.force_login(office)

    page = client.get(upload(client)["Location"]).content.decode()

    # The sample's B2 meeting of 2021 is not among this council's meetings.
    assert "nicht gefunden" in page


def test_pasted_text_is_read_like_a_file(client, spd_staff, letter_setup):
    client.force_login(spd_staff)

    response = client.post(UPLOAD, {"text": SAMPLE.decode()})

    assert TITLE in client.get(response["Location"]).content.decode()


def test_neither_file_nor_text_asks_for_one(client, office):
    client.force_login(office)

    response = client.post(UPLOAD, {})

    assert response.status_code == 400
    assert "Bitte wählen Sie eine Datei" in response.content.decode()


@pytest.mark.parametrize(
    "content",
    [b"\x89PNG\r\n\x1a\n\x00\x00", b"PK\x03\x04kaputt", b"%PDF-1.7 kaputt", b""],
)
def test_unreadable_file_gets_a_clear_message_and_nothing_is_kept(client, office, content):
    client.force_login(office)

    response = upload(client, content, name="brief.docx")

    assert response.status_code == 400
    assert "Der Brief konnte nicht gelesen werden" in response.content.decode()
    assert not LetterUpload.objects.exists()


def test_ambiguous_committee_is_offered_as_a_choice(client, office, b2):
    f.CommitteeFactory(body=b2.body, name="Betriebsausschuss 1", short_name="B1")
    client.force_login(office)
    text = "An den Betriebsausschuss\n\nAntrag\n\nBänke\n\nSehr geehrte Damen,\n\nBegründung\n\nX"

    page = client.get(client.post(UPLOAD, {"text": text})["Location"]).content.decode()

    assert "Mehrdeutig – bitte wählen:" in page
    assert "Betriebsausschuss 1, Betriebsausschuss 2" in page


def test_letter_text_is_escaped_in_the_field_statuses(client, office, b2):
    client.force_login(office)
    text = "Antrag: <script>alert(1)</script>\n\nSehr geehrte,\n\nBegründung\n\nX"

    page = client.get(client.post(UPLOAD, {"text": text})["Location"]).content.decode()

    assert "<script>alert(1)" not in page


# Saving -------------------------------------------------------------------------------------


def test_saving_the_form_as_shown_saves_the_letter_as_a_draft(
    client, office, letter_setup, signers
):
    client.force_login(office)
    page = client.get(location := upload(client)["Location"]).content.decode()

    response = client.post(location, {**as_browser_sends(page), "save": "1"})

    assert response.status_code == 302, response.content.decode()[:3000]
    paper = Paper.objects.get()
    assert paper.title == TITLE
    assert paper.committee == letter_setup
    assert [q.text for q in paper.questions.all()][0].startswith("wie wird der Beschluss")
    assert [s.faction.short_name for s in paper.sponsorships.all()] == ["SPD", "GRÜNE"]
    assert [(s.person, s.function) for s in paper.signatories.all()] == [
        (signers[0], "Vorsitzender der SPD Ratsfraktion"),
        (signers[1], "Fraktionsvorsitzender Bündnis90/ Die Grünen"),
    ]
    assert paper.report_kind == "written_and_oral"
    assert paper.letter_date == datetime.date(2021, 3, 30)


def test_saving_keeps_the_original_file_as_originalschreiben_and_drops_the_upload(
    client, office, letter_setup
):
    client.force_login(office)
    location = upload(client, docx_bytes(SAMPLE.decode()), name="antrag.docx")["Location"]
    page = client.get(location).content.decode()

    client.post(location, {**as_browser_sends(page), "save": "1"})

    attachment = Paper.objects.get().attachments.get()
    assert attachment.kind == AttachmentKind.ORIGINAL_LETTER
    assert attachment.title == "Originalschreiben"
    assert attachment.file.read().startswith(b"PK")
    assert not LetterUpload.objects.exists()


def test_office_is_asked_for_the_receipt_date_as_today(client, office, letter_setup):
    client.force_login(office)

    page = client.get(upload(client)["Location"]).content.decode()

    assert as_browser_sends(page)["received_on"] == [timezone.localdate().isoformat()]


def test_office_saves_the_letter_as_entered_on_behalf(client, office, letter_setup):
    client.force_login(office)
    page = client.get(location := upload(client)["Location"]).content.decode()

    client.post(location, {**as_browser_sends(page), "save": "1"})

    paper = Paper.objects.get()
    assert paper.entered_on_behalf
    assert paper.received_on == timezone.localdate()


def test_faction_staff_file_for_their_faction_with_the_other_as_co_sponsor(
    client, gruene_staff, letter_setup
):
    client.force_login(gruene_staff)
    page = client.get(location := upload(client)["Location"]).content.decode()

    client.post(location, {**as_browser_sends(page), "save": "1"})

    paper = Paper.objects.get()
    assert [(s.faction.short_name, s.is_lead) for s in paper.sponsorships.all()] == [
        ("GRÜNE", True),
        ("SPD", False),
    ]
    assert not paper.entered_on_behalf


def test_a_corrected_field_is_saved_as_corrected(client, office, letter_setup):
    client.force_login(office)
    page = client.get(location := upload(client)["Location"]).content.decode()

    client.post(location, {**as_browser_sends(page), "title": "Neuer Betreff", "save": "1"})

    assert Paper.objects.get().title == "Neuer Betreff"


def test_a_form_with_errors_keeps_the_statuses_and_what_was_typed(client, office, letter_setup):
    client.force_login(office)
    page = client.get(location := upload(client)["Location"]).content.decode()

    response = client.post(location, {**as_browser_sends(page), "title": "", "save": "1"})

    page = response.content.decode()
    assert response.status_code == 400
    assert "gefunden:" in page
    assert "wir bitten Sie, nachfolgenden Antrag" in page
    assert not Paper.objects.exists()


def test_malformed_post_gives_a_form_error_not_a_server_error(client, office, letter_setup):
    client.force_login(office)
    location = upload(client)["Location"]

    response = client.post(location, {"questions-TOTAL_FORMS": "x", "lead_faction": "abc"})

    assert response.status_code == 400
    assert not Paper.objects.exists()


def test_letters_read_more_than_a_day_ago_are_removed_with_the_next_upload(client, office):
    old = LetterUpload.objects.create(created_by=office, content_type="text/plain", text="x")
    LetterUpload.objects.filter(pk=old.pk).update(
        created=timezone.now() - datetime.timedelta(days=2)
    )
    client.force_login(office)

    upload(client)

    assert not LetterUpload.objects.filter(pk=old.pk).exists()
    assert LetterUpload.objects.count() == 1


def test_a_pasted_letter_is_saved_without_attachment(client, spd_staff, letter_setup):
    client.force_login(spd_staff)
    location = client.post(UPLOAD, {"text": SAMPLE.decode()})["Location"]
    page = client.get(location).content.decode()

    client.post(location, {**as_browser_sends(page), "save": "1"})

    assert not Paper.objects.get().attachments.exists()
    assert not LetterUpload.objects.exists()
