"""A meeting's documents: the invitation and its supplements, the current agenda and the minutes
of results, as pages and as tagged PDFs, for every role; the public PDFs rendered once and kept."""

import datetime
import io

import pypdf
import pytest
from django.urls import reverse
from django.utils import timezone
from freezegun import freeze_time

from council import agenda, documents
from council.models import AgendaVersion, FactionVote, Meeting
from tests import factories as f

pytestmark = pytest.mark.django_db

PERSONAS = ["citizen", "spd_staff", "b2_chair", "b2_member", "office", "integration_unit_staff"]
# Who reads the non-public items of a B2 meeting: its members (the chair is one), the council
# office, and the administration unit that works for B2.
ENTITLED = {"b2_chair", "b2_member", "office", "integration_unit_staff"}
SECRET = "Grundstücksverkauf Am Markt 3"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(params=PERSONAS)
def persona_client(request, client):
    user = request.getfixturevalue(request.param)
    if user is not None:
        client.force_login(user)
    client.persona = request.param
    return client


def pdf_text(content):
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(content)).pages)


@pytest.fixture
def invited(upcoming_b2_meeting, b2_chair):
    """An upcoming B2 meeting that sent its invitation: a public and a non-public item."""
    agenda.add_item(upcoming_b2_meeting, title="Spielplatz Nord")
    agenda.add_item(upcoming_b2_meeting, title=SECRET, public=False)
    agenda.publish(upcoming_b2_meeting, by=b2_chair)
    return upcoming_b2_meeting


def invitation_url(meeting, number=1):
    return reverse("council:invitation_pdf", args=[meeting.pk, number])


def agenda_url(meeting):
    return reverse("council:agenda_pdf", args=[meeting.pk])


def minutes_url(meeting):
    return reverse("council:minutes", args=[meeting.pk])


def minutes_pdf_url(meeting):
    return reverse("council:minutes_pdf", args=[meeting.pk])


# The invitation -----------------------------------------------------------------------------------


def test_the_invitation_is_a_pdf_with_the_meeting_and_its_agenda(client, invited):
    response = client.get(invitation_url(invited))

    text = pdf_text(response.content)
    assert response["Content-Type"] == "application/pdf"
    assert "Einladung zur Sitzung des Betriebsausschusses 2 im April" in text
    assert "Ö 1" in text and "Spielplatz Nord" in text
    assert "15. April 2099, 17:00 Uhr" in text


def test_the_invitation_is_a_tagged_pdf_for_screen_readers(client, invited):
    response = client.get(invitation_url(invited))

    root = pypdf.PdfReader(io.BytesIO(response.content)).trailer["/Root"]
    assert "/StructTreeRoot" in root
    assert root["/Lang"] == "de"


def test_a_citizen_reads_a_nonpublic_item_of_the_invitation_only_as_its_number(client, invited):
    response = client.get(invitation_url(invited))

    text = pdf_text(response.content)
    assert "N 1" in text and "nicht öffentlich" in text
    assert "Grundstücksverkauf" not in text


def test_a_committee_member_reads_the_nonpublic_titles_of_the_invitation(
    client, invited, b2_member
):
    client.force_login(b2_member)

    response = client.get(invitation_url(invited))

    assert SECRET in pdf_text(response.content)


def test_faction_staff_outside_the_committee_read_no_nonpublic_title(client, invited, spd_staff):
    client.force_login(spd_staff)

    response = client.get(invitation_url(invited))

    assert "Grundstücksverkauf" not in pdf_text(response.content)


def test_a_supplement_says_so_and_marks_its_new_items(client, invited, b2_chair):
    agenda.add_item(invited, title="Dringlichkeitsantrag Hochwasser")
    version = agenda.publish(invited, by=b2_chair)

    response = client.get(invitation_url(invited, version.number))

    text = pdf_text(response.content)
    assert f"Nachtrag vom {timezone.localtime(version.published_at):%d.%m.%Y}" in text
    new_line = next(line for line in text.splitlines() if "Dringlichkeitsantrag" in line)
    assert "NEU" in new_line
    old_line = next(line for line in text.splitlines() if "Spielplatz Nord" in line)
    assert "NEU" not in old_line


def test_the_first_invitation_marks_no_item_as_new(client, invited):
    response = client.get(invitation_url(invited))

    assert "NEU" not in pdf_text(response.content)


@freeze_time("2026-12-03 08:00")
def test_a_late_invitation_gives_its_reason(client, b2, b2_chair):
    meeting = f.MeetingFactory(
        body=b2.body, organizations=[b2], start=datetime.datetime(2026, 12, 10, 17, tzinfo=f.BERLIN)
    )
    agenda.add_item(meeting, title="Vergabe Schulsanierung")
    agenda.publish(meeting, by=b2_chair, late_reason="Eilbedürftige Vergabe vor Fristablauf.")

    response = client.get(invitation_url(meeting))

    text = pdf_text(response.content)
    assert "Verkürzte Ladungsfrist" in text
    assert "Eilbedürftige Vergabe vor Fristablauf." in text


def test_an_unpublished_agenda_has_no_invitation(client, upcoming_b2_meeting):
    agenda.add_item(upcoming_b2_meeting, title="Spielplatz Nord")

    assert client.get(invitation_url(upcoming_b2_meeting)).status_code == 404


def test_an_invitation_that_does_not_exist_is_not_found(client, invited):
    assert client.get(invitation_url(invited, 7)).status_code == 404


# The current agenda -------------------------------------------------------------------------------


def test_an_unpublished_agenda_has_no_pdf_for_citizens(client, upcoming_b2_meeting):
    agenda.add_item(upcoming_b2_meeting, title="Spielplatz Nord")

    assert client.get(agenda_url(upcoming_b2_meeting)).status_code == 404


def test_an_unpublished_agenda_has_no_pdf_for_committee_members(
    client, upcoming_b2_meeting, b2_member
):
    agenda.add_item(upcoming_b2_meeting, title="Spielplatz Nord")
    client.force_login(b2_member)

    assert client.get(agenda_url(upcoming_b2_meeting)).status_code == 404


def test_the_current_agenda_has_every_supplement(client, invited, b2_chair):
    agenda.add_item(invited, title="Dringlichkeitsantrag Hochwasser")
    agenda.publish(invited, by=b2_chair)

    text = pdf_text(client.get(agenda_url(invited)).content)

    assert "Spielplatz Nord" in text and "Dringlichkeitsantrag Hochwasser" in text


def test_the_current_agenda_shows_citizens_no_nonpublic_title(client, invited):
    text = pdf_text(client.get(agenda_url(invited)).content)

    assert "N 1" in text
    assert "Grundstücksverkauf" not in text


def test_the_office_reads_the_nonpublic_titles_of_the_current_agenda(client, invited, office):
    client.force_login(office)

    assert SECRET in pdf_text(client.get(agenda_url(invited)).content)


def test_a_public_pdf_reads_german_for_a_reader_who_chose_english(client, invited):
    client.cookies["django_language"] = "en"

    text = pdf_text(client.get(agenda_url(invited)).content)

    assert "Öffentlicher Teil" in text and "April 2099" in text


# Kept files ---------------------------------------------------------------------------------------


@pytest.fixture
def count_renderings(monkeypatch):
    calls = []
    render = documents.render_pdf

    def counting(html):
        calls.append(html)
        return render(html)

    monkeypatch.setattr(documents, "render_pdf", counting)
    return calls


def test_the_public_invitation_is_rendered_once_and_kept(client, invited, count_renderings):
    first = client.get(invitation_url(invited))

    second = client.get(invitation_url(invited))

    assert len(count_renderings) == 1
    assert second.content == first.content
    assert AgendaVersion.objects.get(meeting=invited).pdf.name.startswith(
        f"meetings/{invited.pk}/einladung-1-"
    )


def test_an_entitled_readers_pdf_is_never_kept(client, invited, b2_member):
    client.force_login(b2_member)

    client.get(invitation_url(invited))
    client.get(agenda_url(invited))

    assert not AgendaVersion.objects.get(meeting=invited).pdf
    assert not Meeting.objects.get(pk=invited.pk).agenda_pdf


def test_a_kept_pdf_is_rendered_anew_when_the_agenda_was_corrected(client, invited):
    client.get(agenda_url(invited))
    old = Meeting.objects.get(pk=invited.pk).agenda_pdf
    invited.agenda_items.filter(title="Spielplatz Nord").update(title="Spielplatz Nordpark")

    text = pdf_text(client.get(agenda_url(invited)).content)

    assert "Spielplatz Nordpark" in text
    assert not old.storage.exists(old.name)


def test_keeping_a_pdf_changes_nothing_about_the_meeting(client, invited):
    modified = Meeting.objects.get(pk=invited.pk).modified

    client.get(agenda_url(invited))

    assert Meeting.objects.get(pk=invited.pk).modified == modified


def test_a_kept_pdf_that_went_missing_is_rendered_again(client, invited):
    client.get(agenda_url(invited))
    kept = Meeting.objects.get(pk=invited.pk).agenda_pdf
    kept.storage.delete(kept.name)

    response = client.get(agenda_url(invited))

    assert "Spielplatz Nord" in pdf_text(response.content)


# The minutes --------------------------------------------------------------------------------------


@pytest.fixture
def held(b2_meeting, b2_chair, spd, gruene):
    """B2's March meeting: a decision with votes per faction, a unanimous one, a non-public one."""
    pool = agenda.add_item(b2_meeting, title="Sanierung des Hallenbads")
    playground = agenda.add_item(b2_meeting, title="Spielplatz Nord")
    secret = agenda.add_item(b2_meeting, title=SECRET, public=False)
    f.publish_agenda(b2_meeting)
    agenda.record_result(
        pool, by=b2_chair, result="adopted", resolution_text="Das Hallenbad wird saniert."
    )
    agenda.record_votes(
        pool, by=b2_chair, factions=[(spd, 4, 0, 1), (gruene, 2, 1, 0)], confirmed=True
    )
    agenda.record_result(playground, by=b2_chair, result="adopted")
    agenda.record_votes(playground, by=b2_chair, yes=7, unanimous=True, confirmed=True)
    agenda.record_result(
        secret, by=b2_chair, result="rejected", resolution_text="Kein Verkauf an die Muster GmbH."
    )
    agenda.record_votes(secret, by=b2_chair, yes=1, no=6, abstain=0, confirmed=True)
    return b2_meeting


@pytest.fixture
def released(held, b2_chair):
    return agenda.release_minutes(held, by=b2_chair)


@pytest.mark.parametrize("persona", ["citizen", "spd_staff", "b2_member", "integration_unit_staff"])
def test_the_minutes_do_not_exist_before_release_for_who_does_not_prepare_the_meeting(
    client, held, persona, request
):
    user = request.getfixturevalue(persona)
    if user is not None:
        client.force_login(user)

    assert client.get(minutes_url(held)).status_code == 404
    assert client.get(minutes_pdf_url(held)).status_code == 404


@pytest.mark.parametrize("persona", ["b2_chair", "office"])
def test_who_prepares_the_meeting_sees_the_minutes_as_a_draft(client, held, persona, request):
    client.force_login(request.getfixturevalue(persona))

    page = client.get(minutes_url(held)).content.decode()
    text = pdf_text(client.get(minutes_pdf_url(held)).content)

    assert "Entwurf – nicht freigegeben" in page
    assert "Entwurf – nicht freigegeben" in text


def test_a_draft_of_the_minutes_is_never_kept(client, held, b2_chair):
    client.force_login(b2_chair)
    held.agenda_items.filter(public=False).delete()  # what the chair sees is the public's

    client.get(minutes_pdf_url(held))

    assert not Meeting.objects.get(pk=held.pk).minutes_pdf


def test_a_cancelled_meeting_has_no_minutes_even_for_its_chair(client, b2_meeting, b2_chair):
    Meeting.objects.filter(pk=b2_meeting.pk).update(state="cancelled")
    client.force_login(b2_chair)

    assert client.get(minutes_url(b2_meeting)).status_code == 404


def test_released_minutes_show_results_resolutions_and_votes(client, released):
    page = client.get(minutes_url(released)).content.decode()

    assert "Sanierung des Hallenbads" in page
    assert "beschlossen" in page
    assert "Das Hallenbad wird saniert." in page
    assert "Ja: 6 · Nein: 1 · Enthaltung: 1" in page
    assert "einstimmig (Ja: 7)" in page
    assert "Entwurf" not in page


def test_released_minutes_show_the_votes_of_each_faction(client, released, spd):
    page = client.get(minutes_url(released)).content.decode()

    assert '<th scope="row">SPD-Fraktion</th><td>4</td><td>0</td><td>1</td>' in page


def test_released_minutes_as_pdf_show_results_and_votes(client, released):
    text = pdf_text(client.get(minutes_pdf_url(released)).content)

    assert "Niederschrift über die Sitzung des Betriebsausschusses 2" in text
    assert "Das Hallenbad wird saniert." in text
    assert "einstimmig" in text
    assert "SPD-Fraktion" in text


def test_the_public_minutes_hide_a_nonpublic_items_title_result_and_votes(client, released):
    page = client.get(minutes_url(released)).content.decode()
    text = pdf_text(client.get(minutes_pdf_url(released)).content)

    for document in (page, text):
        assert "N 1" in document
        assert "Grundstücksverkauf" not in document
        assert "Muster GmbH" not in document
        assert "abgelehnt" not in document
        assert "Nein: 6" not in document


def test_a_committee_member_reads_the_nonpublic_results_in_the_minutes(client, released, b2_member):
    client.force_login(b2_member)

    page = client.get(minutes_url(released)).content.decode()

    assert SECRET in page
    assert "Kein Verkauf an die Muster GmbH." in page


def test_the_public_minutes_pdf_is_rendered_once_and_kept(client, released, count_renderings):
    client.get(minutes_pdf_url(released))

    client.get(minutes_pdf_url(released))

    assert len(count_renderings) == 1
    assert Meeting.objects.get(pk=released.pk).minutes_pdf


def test_the_minutes_lead_from_an_item_to_the_paper_it_treats(
    client, b2_meeting, b2, b2_chair, spd, spd_staff
):
    from motions import services

    paper = services.submit(paper=f.draft(committee=b2, by=spd_staff, factions=[spd]), by=spd_staff)
    services.schedule(paper=paper, meeting=b2_meeting, by=b2_chair)
    f.publish_agenda(b2_meeting)
    client.force_login(b2_chair)

    page = client.get(minutes_url(b2_meeting)).content.decode()

    assert f'<a href="{paper.get_absolute_url()}">{paper.reference} {paper.title}</a>' in page


def test_the_minutes_record_no_one_as_present(client, released):
    # Attendance is not recorded; the minutes must not pretend that it is.
    page = client.get(minutes_url(released)).content.decode()

    assert "Anwesend" not in page


# Every role ---------------------------------------------------------------------------------------


def test_every_document_of_a_released_meeting_opens_for_every_role(
    persona_client, released, b2_chair
):
    urls = [minutes_url(released), minutes_pdf_url(released), agenda_url(released)]

    for url in urls:
        response = persona_client.get(url)
        assert response.status_code == 200, (persona_client.persona, url)
        content = (
            pdf_text(response.content)
            if response["Content-Type"] == "application/pdf"
            else response.content.decode()
        )
        assert (SECRET in content) == (persona_client.persona in ENTITLED), (
            persona_client.persona,
            url,
        )


def test_the_invitation_opens_for_every_role(persona_client, invited):
    response = persona_client.get(invitation_url(invited))

    assert response.status_code == 200
    text = pdf_text(response.content)
    assert (SECRET in text) == (persona_client.persona in ENTITLED)


@pytest.mark.parametrize("size", [2, 12])
def test_the_minutes_page_runs_a_bounded_number_of_queries(
    size, persona_client, b2_meeting, spd, django_assert_max_num_queries
):
    for n in range(size):
        item = f.AgendaItemFactory(meeting=b2_meeting, public=n % 2 == 0, result="adopted")
        FactionVote.objects.create(agenda_item=item, faction=spd, yes=3)
    Meeting.objects.filter(pk=b2_meeting.pk).update(
        state="held", invited_at=b2_meeting.start, minutes_released_at=b2_meeting.start
    )

    # As many as every other page (the session, the user, the roles, the header): none per item.
    with django_assert_max_num_queries(12):
        response = persona_client.get(minutes_url(b2_meeting))

    assert response.status_code == 200


@pytest.mark.parametrize("size", [2, 12])
def test_the_pdfs_run_a_bounded_number_of_queries(
    size, client, b2_member, b2_meeting, spd, django_assert_max_num_queries
):
    for n in range(size):
        item = f.AgendaItemFactory(meeting=b2_meeting, public=n % 2 == 0, result="adopted")
        FactionVote.objects.create(agenda_item=item, faction=spd, yes=3)
    Meeting.objects.filter(pk=b2_meeting.pk).update(
        state="held", invited_at=b2_meeting.start, minutes_released_at=b2_meeting.start
    )
    client.force_login(b2_member)

    for url in (agenda_url(b2_meeting), minutes_pdf_url(b2_meeting)):
        with django_assert_max_num_queries(9):
            assert client.get(url).status_code == 200


# The meeting's page -------------------------------------------------------------------------------


def test_the_meeting_page_links_the_invitation_and_the_current_agenda(client, invited):
    page = client.get(invited.get_absolute_url()).content.decode()

    assert f'href="{invitation_url(invited)}"' in page
    assert f'href="{agenda_url(invited)}"' in page


def test_the_meeting_page_links_released_minutes(client, released):
    page = client.get(released.get_absolute_url()).content.decode()

    assert f'href="{minutes_url(released)}"' in page
    assert f'href="{minutes_pdf_url(released)}"' in page


def test_the_meeting_page_hides_unreleased_minutes_from_citizens(client, held):
    page = client.get(held.get_absolute_url()).content.decode()

    assert minutes_url(held) not in page


def test_the_meeting_page_leads_the_chair_to_the_draft_minutes(client, held, b2_chair):
    client.force_login(b2_chair)

    page = client.get(held.get_absolute_url()).content.decode()

    assert f'href="{minutes_url(held)}"' in page


def test_an_unpublished_agenda_is_not_offered_as_pdf(client, upcoming_b2_meeting):
    agenda.add_item(upcoming_b2_meeting, title="Spielplatz Nord")

    page = client.get(upcoming_b2_meeting.get_absolute_url()).content.decode()

    assert agenda_url(upcoming_b2_meeting) not in page
