"""Faction staff write, preview, submit and follow their papers in the browser's forms."""

import datetime
import io

import pypdf
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from freezegun import freeze_time

from motions import services
from motions.models import Attachment, Paper, PaperState
from reports import services as reports_services
from tests import factories as f

pytestmark = pytest.mark.django_db

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def upcoming_b2_meeting(b2):
    return f.MeetingFactory(
        body=b2.body,
        organizations=[b2],
        name="B2 im April",
        start=datetime.datetime(2099, 4, 15, 17, tzinfo=f.BERLIN),
    )


def form_data(committee, lead, **overrides):
    data = {
        "paper_type": "motion",
        "lead_faction": lead.pk,
        "place": "Castrop-Rauxel",
        "committee": committee.pk,
        "title": "Stand der Umsetzung des Kommunalen Integrationsmanagements",
        "proposed_resolution": "Die Verwaltung wird aufgefordert, zu berichten.",
        "justification": "Siehe <http://www.kfi.nrw.de/konzept.docx>.",
        "report_kind": "written_and_oral",
        "questions-TOTAL_FORMS": "2",
        "questions-INITIAL_FORMS": "0",
        "questions-0-text": "Wie wird der Beschluss des Kreises umgesetzt?",
        "questions-0-ORDER": "1",
        "questions-1-text": "Wie werden die Träger der Freien Wohlfahrtspflege eingebunden?",
        "questions-1-ORDER": "2",
        "save": "1",
    }
    data.update(overrides)
    return data


@pytest.fixture
def spd_draft(b2, spd, spd_staff):
    return f.draft(
        committee=b2, by=spd_staff, factions=[spd], questions=["Warum?"], title="Entwurf der SPD"
    )


# Writing -----------------------------------------------------------------------------------------


def test_faction_staff_save_a_draft_with_its_questions_in_order(client, spd_staff, b2, spd):
    client.force_login(spd_staff)

    response = client.post(reverse("motions:create"), form_data(b2, spd))

    paper = Paper.objects.get()
    assert response.status_code == 302
    assert paper.state == PaperState.DRAFT
    assert [q.text for q in paper.questions.all()] == [
        "Wie wird der Beschluss des Kreises umgesetzt?",
        "Wie werden die Träger der Freien Wohlfahrtspflege eingebunden?",
    ]


def test_questions_are_reordered_by_their_position_numbers(client, spd_staff, b2, spd):
    client.force_login(spd_staff)

    client.post(
        reverse("motions:create"),
        form_data(b2, spd, **{"questions-0-ORDER": "2", "questions-1-ORDER": "1"}),
    )

    assert Paper.objects.get().questions.first().text.startswith("Wie werden die Träger")


def test_a_question_marked_for_removal_is_removed(client, spd_staff, b2, spd):
    client.force_login(spd_staff)

    client.post(reverse("motions:create"), form_data(b2, spd, **{"questions-1-DELETE": "on"}))

    assert Paper.objects.get().questions.count() == 1


def test_adding_a_question_keeps_everything_typed_and_saves_nothing(client, spd_staff, b2, spd):
    client.force_login(spd_staff)

    response = client.post(reverse("motions:create"), form_data(b2, spd, add_question="1"))

    page = response.content.decode()
    assert response.status_code == 200
    assert not Paper.objects.exists()
    assert 'name="questions-TOTAL_FORMS" value="3"' in page
    assert "Wie wird der Beschluss des Kreises umgesetzt?" in page


def test_adding_a_question_judges_nothing_yet(client, spd_staff, b2, spd):
    client.force_login(spd_staff)

    response = client.post(
        reverse("motions:create"), form_data(b2, spd, title="", add_question="1")
    )

    page = response.content.decode()
    assert 'aria-invalid="true"' not in page
    assert "Bitte prüfen Sie Ihre Angaben" not in page


def test_the_added_question_row_gets_the_focus(client, spd_staff, b2, spd):
    client.force_login(spd_staff)

    response = client.post(reverse("motions:create"), form_data(b2, spd, add_question="1"))

    assert (
        'name="questions-2-text"'
        in response.content.decode().split("autofocus")[0].rsplit("<textarea", 1)[-1]
    )


def test_enter_in_a_text_field_saves_rather_than_adds_a_question(client, spd_staff, body):
    client.force_login(spd_staff)

    page = client.get(reverse("motions:create")).content.decode()

    first_button = page[page.index('class="form paper-form"') :].split("<button", 2)[1]
    assert 'name="save"' in first_button


def test_a_joint_motion_records_both_factions_lead_first(client, spd_staff, b2, spd, gruene):
    client.force_login(spd_staff)

    client.post(reverse("motions:create"), form_data(b2, spd, co_sponsors=[gruene.pk]))

    sponsorships = Paper.objects.get().sponsorships.all()
    assert [(s.faction, s.is_lead) for s in sponsorships] == [(spd, True), (gruene, False)]


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"title": ""}, "title", "Dieses Feld ist zwingend erforderlich"),
        ({"lead_faction": ""}, "lead_faction", "Dieses Feld ist zwingend erforderlich"),
        ({"questions-1-text": ""}, "questions-1-text", "Diese Frage ist leer"),
    ],
)
def test_bad_input_is_answered_with_400_and_the_error_next_to_the_field(
    client, spd_staff, b2, spd, overrides, field, message
):
    client.force_login(spd_staff)

    response = client.post(reverse("motions:create"), form_data(b2, spd, **overrides))

    page = response.content.decode()
    assert response.status_code == 400
    assert message in page
    assert 'aria-invalid="true"' in page
    assert "Stand der Umsetzung" in page or overrides.get("title") == ""
    assert not Paper.objects.exists()


def test_a_target_meeting_of_another_committee_is_refused(client, spd_staff, b2, spd, body):
    other = f.MeetingFactory(
        body=body,
        organizations=[f.CommitteeFactory(body=body)],
        start=datetime.datetime(2099, 1, 1, 17, tzinfo=f.BERLIN),
    )
    client.force_login(spd_staff)

    response = client.post(reverse("motions:create"), form_data(b2, spd, target_meeting=other.pk))

    assert response.status_code == 400
    assert "keine Sitzung des adressierten Gremiums" in response.content.decode()


def test_a_target_meeting_in_the_past_is_refused(client, spd_staff, b2, spd, body):
    past = f.MeetingFactory(
        body=body, organizations=[b2], start=datetime.datetime(2020, 1, 1, 17, tzinfo=f.BERLIN)
    )
    client.force_login(spd_staff)

    response = client.post(reverse("motions:create"), form_data(b2, spd, target_meeting=past.pk))

    assert response.status_code == 400
    assert "bereits stattgefunden" in response.content.decode()


def test_the_target_meeting_sets_the_filing_deadline(
    client, spd_staff, b2, spd, upcoming_b2_meeting
):
    client.force_login(spd_staff)

    client.post(
        reverse("motions:create"), form_data(b2, spd, target_meeting=upcoming_b2_meeting.pk)
    )

    assert Paper.objects.get().filing_deadline.date() == datetime.date(2099, 4, 3)


def test_a_pdf_attachment_is_stored(client, spd_staff, b2, spd, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(spd_staff)
    upload = SimpleUploadedFile("konzept.pdf", PDF_BYTES, content_type="application/pdf")

    client.post(
        reverse("motions:create"), form_data(b2, spd, attachment=upload, attachment_title="Konzept")
    )

    attachment = Attachment.objects.get()
    assert (attachment.title, attachment.content_type) == ("Konzept", "application/pdf")


def test_a_file_that_only_pretends_to_be_a_pdf_is_refused_with_a_reason(client, spd_staff, b2, spd):
    client.force_login(spd_staff)
    upload = SimpleUploadedFile(
        "konzept.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf"
    )

    response = client.post(reverse("motions:create"), form_data(b2, spd, attachment=upload))

    assert response.status_code == 400
    assert "kein PDF-, ODT- oder DOCX-Dokument" in response.content.decode()
    assert not Paper.objects.exists()


def test_an_oversized_attachment_is_refused_with_the_limit(client, spd_staff, b2, spd, settings):
    settings.UPLOAD_MAX_BYTES = 10
    client.force_login(spd_staff)
    upload = SimpleUploadedFile("konzept.pdf", PDF_BYTES, content_type="application/pdf")

    response = client.post(reverse("motions:create"), form_data(b2, spd, attachment=upload))

    assert response.status_code == 400
    assert "höchstens" in response.content.decode()


def test_citizens_are_sent_to_login_for_the_form(client, body):
    response = client.get(reverse("motions:create"))

    assert response.status_code == 302
    assert reverse("login") in response.url


@pytest.mark.parametrize("persona", ["b2_chair", "b2_member", "integration_unit_staff"])
def test_roles_without_a_faction_may_not_open_the_form(request, client, persona, body):
    client.force_login(request.getfixturevalue(persona))

    assert client.get(reverse("motions:create")).status_code == 403


def test_council_office_enters_a_letter_on_behalf_of_a_faction(
    client, office, b2, spd, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(office)
    letter = SimpleUploadedFile("brief.pdf", PDF_BYTES, content_type="application/pdf")

    client.post(
        reverse("motions:create"),
        form_data(b2, spd, received_on="2099-03-30", original_letter=letter),
    )

    paper = Paper.objects.get()
    assert paper.entered_on_behalf
    assert paper.received_on == datetime.date(2099, 3, 30)
    assert paper.attachments.get().kind == "original_letter"


# Seeing ------------------------------------------------------------------------------------------


def test_faction_staff_see_their_draft(client, spd_staff, spd_draft):
    client.force_login(spd_staff)

    assert client.get(spd_draft.get_absolute_url()).status_code == 200


@pytest.mark.parametrize(
    "persona", ["citizen", "gruene_staff", "b2_chair", "b2_member", "integration_unit_staff"]
)
def test_a_draft_is_not_found_for_anyone_outside_the_faction(request, client, spd_draft, persona):
    user = request.getfixturevalue(persona)
    if user:
        client.force_login(user)

    for url in (
        spd_draft.get_absolute_url(),
        reverse("motions:letter", args=[spd_draft.pk]),
        reverse("motions:edit", args=[spd_draft.pk]),
    ):
        assert client.get(url).status_code in (404, 302), url
    assert spd_draft.title not in client.get(reverse("motions:list")).content.decode()


def test_a_submitted_paper_is_public(client, spd_draft, spd_staff):
    services.submit(paper=spd_draft, by=spd_staff)

    response = client.get(spd_draft.get_absolute_url())

    assert response.status_code == 200
    assert spd_draft.title in response.content.decode()


def test_citizens_do_not_see_the_drafting_steps_or_who_took_them(client, spd_draft, spd_staff):
    services.submit(paper=spd_draft, by=spd_staff)

    page = client.get(spd_draft.get_absolute_url()).content.decode()

    assert "Entwurf angelegt" not in page
    assert spd_staff.person.family_name not in page


def test_a_nonpublic_paper_is_hidden_from_citizens(client, spd_draft, spd_staff):
    spd_draft.is_public = False
    spd_draft.save()
    services.submit(paper=spd_draft, by=spd_staff)

    assert client.get(spd_draft.get_absolute_url()).status_code == 404


def test_a_nonpublic_paper_is_visible_to_the_addressed_committees_members(
    client, spd_draft, spd_staff, b2_member
):
    spd_draft.is_public = False
    spd_draft.save()
    services.submit(paper=spd_draft, by=spd_staff)
    client.force_login(b2_member)

    assert client.get(spd_draft.get_absolute_url()).status_code == 200


def test_editing_a_submitted_paper_is_refused_for_faction_staff(client, spd_draft, spd_staff):
    services.submit(paper=spd_draft, by=spd_staff)
    client.force_login(spd_staff)

    response = client.get(reverse("motions:edit", args=[spd_draft.pk]), follow=True)

    assert "Änderungsantrag" in response.content.decode()


# Submitting and withdrawing ---------------------------------------------------------------------


def test_submitting_through_the_page_gives_the_reference(client, spd_staff, spd_draft):
    client.force_login(spd_staff)

    response = client.post(reverse("motions:submit", args=[spd_draft.pk]), follow=True)

    spd_draft.refresh_from_db()
    assert spd_draft.reference in response.content.decode()


def test_an_urgent_submission_without_reason_keeps_the_form_with_an_error(
    client, spd_staff, spd_draft
):
    client.force_login(spd_staff)

    response = client.post(reverse("motions:submit", args=[spd_draft.pk]), {"urgent": "on"})

    assert response.status_code == 400
    assert "begründen" in response.content.decode()


def test_co_sponsor_agrees_on_the_page(client, b2, spd, gruene, spd_staff, gruene_staff):
    paper = f.draft(committee=b2, by=spd_staff, factions=[spd, gruene], questions=[])
    client.force_login(gruene_staff)

    client.post(
        reverse("motions:agree", args=[paper.pk]),
        {"faction": gruene.pk, "version": services.version_of(paper)},
    )

    assert paper.sponsorships.get(faction=gruene).agreed_by == gruene_staff


def test_agreeing_to_a_text_that_changed_since_it_was_read_is_refused(
    client, b2, spd, gruene, spd_staff, gruene_staff
):
    paper = f.draft(committee=b2, by=spd_staff, factions=[spd, gruene], questions=[])
    read = services.version_of(paper)
    paper.title = "Ganz anders"
    services.save_draft(paper=paper, by=spd_staff, factions=[spd, gruene], questions=[])
    client.force_login(gruene_staff)

    response = client.post(
        reverse("motions:agree", args=[paper.pk]),
        {"faction": gruene.pk, "version": read},
        follow=True,
    )

    assert paper.sponsorships.get(faction=gruene).agreed_at is None
    assert "inzwischen geändert" in response.content.decode()


def test_agreeing_for_a_faction_that_is_no_sponsor_is_refused(
    client, spd_draft, gruene, gruene_staff
):
    client.force_login(gruene_staff)

    response = client.post(reverse("motions:agree", args=[spd_draft.pk]), {"faction": gruene.pk})

    assert response.status_code == 404  # the draft of another faction does not exist for them


@pytest.mark.parametrize("faction", ["abc", "9" * 5000, str(2**64)])
def test_agreeing_with_a_malformed_faction_is_not_found(client, spd_draft, spd_staff, faction):
    client.force_login(spd_staff)

    assert (
        client.post(reverse("motions:agree", args=[spd_draft.pk]), {"faction": faction}).status_code
        == 404
    )


def test_withdrawal_needs_confirmation(client, spd_staff, spd_draft):
    services.submit(paper=spd_draft, by=spd_staff)
    client.force_login(spd_staff)

    response = client.post(reverse("motions:withdraw", args=[spd_draft.pk]), {"comment": "x"})

    spd_draft.refresh_from_db()
    assert response.status_code == 400
    assert spd_draft.state == PaperState.SUBMITTED


def test_confirmed_withdrawal_withdraws(client, spd_staff, spd_draft):
    services.submit(paper=spd_draft, by=spd_staff)
    client.force_login(spd_staff)

    client.post(reverse("motions:withdraw", args=[spd_draft.pk]), {"confirm": "on"})

    spd_draft.refresh_from_db()
    assert spd_draft.state == PaperState.WITHDRAWN


def test_another_faction_cannot_withdraw_through_the_page(
    client, spd_staff, gruene_staff, spd_draft
):
    services.submit(paper=spd_draft, by=spd_staff)
    client.force_login(gruene_staff)

    response = client.post(reverse("motions:withdraw", args=[spd_draft.pk]), {"confirm": "on"})

    assert response.status_code == 403


# The letter --------------------------------------------------------------------------------------


def test_the_pdf_contains_subject_and_reference(client, spd_draft, spd_staff):
    paper = services.submit(paper=spd_draft, by=spd_staff)

    response = client.get(reverse("motions:letter_pdf", args=[paper.pk]))

    text = pdf_text(response.content)
    assert response["Content-Type"] == "application/pdf"
    assert "Entwurf der SPD" in text
    assert paper.reference in text


def test_a_draft_has_no_pdf(client, spd_draft, spd_staff):
    client.force_login(spd_staff)

    assert client.get(reverse("motions:letter_pdf", args=[spd_draft.pk])).status_code == 404


def test_the_letter_turns_links_into_links_and_never_renders_html(client, b2, spd, spd_staff):
    paper = f.draft(
        committee=b2,
        by=spd_staff,
        factions=[spd],
        justification="Konzept: <http://example.org/k.docx> <script>alert(1)</script>",
    )
    services.submit(paper=paper, by=spd_staff)

    page = client.get(paper.get_absolute_url()).content.decode()

    assert '<a href="http://example.org/k.docx"' in page
    assert "<script>alert(1)</script>" not in page


def test_a_link_in_angle_brackets_loses_its_brackets(client, b2, spd, spd_staff):
    paper = f.draft(
        committee=b2,
        by=spd_staff,
        factions=[spd],
        justification="Konzept: <http://example.org/k.docx>.",
    )
    services.submit(paper=paper, by=spd_staff)

    page = client.get(paper.get_absolute_url()).content.decode()

    assert "&lt;<a" not in page


def pdf_text(content):
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(content)).pages)


# Following ---------------------------------------------------------------------------------------


def test_dashboard_lists_the_factions_papers_and_not_others(
    client, spd_staff, spd_draft, b2, gruene, gruene_staff
):
    f.draft(committee=b2, by=gruene_staff, factions=[gruene], questions=[], title="Grüner Entwurf")
    client.force_login(spd_staff)

    page = client.get(reverse("motions:dashboard")).content.decode()

    assert "Entwurf der SPD" in page
    assert "Grüner Entwurf" not in page


def test_dashboard_filters_by_state(client, spd_staff, spd_draft, b2, spd):
    other = f.draft(
        committee=b2, by=spd_staff, factions=[spd], questions=[], title="Eingereichter Antrag"
    )
    services.submit(paper=other, by=spd_staff)
    client.force_login(spd_staff)

    page = client.get(reverse("motions:dashboard"), {"state": "submitted"}).content.decode()

    assert "Eingereichter Antrag" in page
    assert "Entwurf der SPD" not in page


def test_dashboard_puts_an_overdue_report_first(
    client, spd_staff, spd, b2, office, integration_unit
):
    f_draft = f.draft(committee=b2, by=spd_staff, factions=[spd], questions=[], title="Ein Entwurf")
    overdue = f.draft(
        committee=b2,
        by=spd_staff,
        factions=[spd],
        questions=[],
        title="Überfälliger Bericht",
        report_kind="written",
    )
    services.submit(paper=overdue, by=spd_staff)
    with freeze_time("2019-12-01"):
        reports_services.request_report(
            paper=overdue, by=office, unit=integration_unit, due_date=datetime.date(2020, 1, 1)
        )
    client.force_login(spd_staff)

    page = client.get(reverse("motions:dashboard")).content.decode()

    assert page.index("Überfälliger Bericht") < page.index(f_draft.title)
    assert "überfällig" in page


@pytest.fixture
def five_spd_drafts(b2, spd, spd_staff, monkeypatch):
    """Five drafts on a list of one paper a page that counts at most three."""
    monkeypatch.setattr("motions.views.PAGE_SIZE", 1)
    monkeypatch.setattr("motions.views.WORK_LIST_BOUND", 3)
    for n in range(5):
        f.draft(committee=b2, by=spd_staff, factions=[spd], questions=[], title=f"Entwurf {n}")


def test_a_work_list_longer_than_its_bound_says_there_are_more(client, spd_staff, five_spd_drafts):
    client.force_login(spd_staff)

    page = client.get(reverse("motions:dashboard")).content.decode()

    assert "Seite 1 von mehr als 3" in page
    assert 'rel="next"' in page


def test_the_last_counted_page_of_a_long_work_list_points_to_the_filters(
    client, spd_staff, five_spd_drafts
):
    client.force_login(spd_staff)

    page = client.get(reverse("motions:dashboard"), {"seite": "3"}).content.decode()

    assert "Seite 3 von mehr als 3" in page
    assert 'rel="next"' not in page
    assert "Die Liste zeigt die ersten 3 Einträge" in page


def test_a_work_list_within_its_bound_counts_its_pages(client, spd_staff, b2, spd, monkeypatch):
    monkeypatch.setattr("motions.views.PAGE_SIZE", 1)
    monkeypatch.setattr("motions.views.WORK_LIST_BOUND", 3)
    for n in range(3):
        f.draft(committee=b2, by=spd_staff, factions=[spd], questions=[], title=f"Entwurf {n}")
    client.force_login(spd_staff)

    page = client.get(reverse("motions:dashboard")).content.decode()

    assert "Seite 1 von 3" in page
    assert "mehr als" not in page


@pytest.mark.parametrize("count", [3, 30])
def test_dashboard_query_count_does_not_grow_with_the_papers(
    client, spd_staff, spd, gruene, b2, b2_meeting, office, count, django_assert_max_num_queries
):
    for n in range(count):
        paper = f.draft(committee=b2, by=spd_staff, factions=[spd, gruene], questions=["Frage?"])
        if n % 3:
            paper = services.submit(paper=paper, by=office)
        if n % 3 == 2:
            services.schedule(paper=paper, meeting=b2_meeting, by=office)
    client.force_login(spd_staff)

    with django_assert_max_num_queries(15):
        response = client.get(reverse("motions:dashboard"))

    assert response.status_code == 200


@pytest.mark.parametrize("persona", ["citizen", "b2_chair", "b2_member", "integration_unit_staff"])
def test_dashboard_is_for_factions_and_office_only(request, client, persona, body):
    user = request.getfixturevalue(persona)
    if user:
        client.force_login(user)

    assert client.get(reverse("motions:dashboard")).status_code in (302, 403)


def test_detail_page_query_count_is_bounded(
    client, spd_staff, spd_draft, django_assert_max_num_queries
):
    services.submit(paper=spd_draft, by=spd_staff)

    with django_assert_max_num_queries(16):
        assert client.get(spd_draft.get_absolute_url()).status_code == 200


def test_chair_is_notified_in_the_app(client, spd_staff, spd_draft, b2_chair):
    paper = services.submit(paper=spd_draft, by=spd_staff)
    client.force_login(b2_chair)

    page = client.get(reverse("motions:notifications")).content.decode()

    assert paper.reference in page


def test_dashboard_puts_a_joint_draft_awaiting_our_agreement_first(
    client, b2, spd, gruene, spd_staff, gruene_staff
):
    own = f.draft(
        committee=b2, by=gruene_staff, factions=[gruene], questions=[], title="Eigener Entwurf"
    )
    f.draft(
        committee=b2,
        by=spd_staff,
        factions=[spd, gruene],
        questions=[],
        title="Gemeinsamer Entwurf",
    )
    client.force_login(gruene_staff)

    page = client.get(reverse("motions:dashboard")).content.decode()

    assert page.index("Gemeinsamer Entwurf") < page.index(own.title)


def test_dashboard_shows_the_agenda_slot_of_a_scheduled_paper(
    client, spd_staff, spd_draft, b2_chair, b2_meeting
):
    paper = services.submit(paper=spd_draft, by=spd_staff)
    services.schedule(paper=paper, meeting=b2_meeting, by=b2_chair)
    client.force_login(spd_staff)

    page = client.get(reverse("motions:dashboard")).content.decode()

    assert f"{b2_meeting.start:%d.%m.%Y}, Ö 1" in page


@pytest.mark.parametrize("consultations", [1, 4])
def test_detail_page_query_count_does_not_grow_with_the_consultations(
    client, spd_staff, spd_draft, office, b2, consultations, django_assert_max_num_queries
):
    paper = services.submit(paper=spd_draft, by=spd_staff)
    for n in range(consultations):
        meeting = f.MeetingFactory(
            body=b2.body,
            organizations=[b2],
            start=datetime.datetime(2026, 2, 1 + n, 17, tzinfo=f.BERLIN),
        )
        services.schedule(paper=paper, meeting=meeting, by=office)
        services.postpone(paper=paper, by=office)

    with django_assert_max_num_queries(16):
        assert client.get(paper.get_absolute_url()).status_code == 200


def test_the_register_narrows_to_one_factions_papers(
    client, spd_draft, spd_staff, b2, gruene, gruene_staff, spd
):
    services.submit(paper=spd_draft, by=spd_staff)
    other = f.draft(
        committee=b2, by=gruene_staff, factions=[gruene], questions=[], title="Antrag der Grünen"
    )
    services.submit(paper=other, by=gruene_staff)

    page = client.get(reverse("motions:list"), {"fraktion": spd.pk}).content.decode()

    assert "Entwurf der SPD" in page
    assert "Antrag der Grünen" not in page


@pytest.mark.parametrize("value", ["x", "9" * 5000, str(2**64)])
def test_the_register_ignores_a_bad_filter_and_says_so(client, body, value):
    response = client.get(reverse("motions:list"), {"gremium": value})

    assert response.status_code == 200
    assert "Der Filter wurde nicht angewandt" in response.content.decode()


def test_council_office_finds_papers_in_the_admin_read_only(client, spd_draft, spd_staff):
    paper = services.submit(paper=spd_draft, by=spd_staff)
    client.force_login(f.UserFactory(username="root", is_staff=True, is_superuser=True))

    listing = client.get("/verwaltung/motions/paper/", {"q": paper.reference})
    change = client.get(f"/verwaltung/motions/paper/{paper.pk}/change/")

    assert paper.title in listing.content.decode()
    assert 'name="title"' not in change.content.decode()


def test_reading_notifications_does_not_mark_them_read(client, spd_staff, spd_draft, b2_chair):
    services.submit(paper=spd_draft, by=spd_staff)
    client.force_login(b2_chair)

    client.get(reverse("motions:notifications"))

    assert b2_chair.notifications.filter(read_at__isnull=True).count() == 1


def test_marking_notifications_read_is_a_post(client, spd_staff, spd_draft, b2_chair):
    services.submit(paper=spd_draft, by=spd_staff)
    client.force_login(b2_chair)

    client.post(reverse("motions:notifications"))

    assert not b2_chair.notifications.filter(read_at__isnull=True).exists()


def test_an_edit_arriving_after_submission_keeps_the_text_and_saves_nothing(
    client, spd_staff, spd_draft, b2, spd
):
    services.submit(paper=spd_draft, by=spd_staff)
    client.force_login(spd_staff)

    response = client.post(
        reverse("motions:edit", args=[spd_draft.pk]), form_data(b2, spd, title="Mein neuer Betreff")
    )

    spd_draft.refresh_from_db()
    assert response.status_code == 409
    assert "Mein neuer Betreff" in response.content.decode()
    assert spd_draft.title == "Entwurf der SPD"


def test_an_edit_on_a_stale_copy_keeps_the_text_and_saves_nothing(
    client, spd_staff, spd_draft, b2, spd
):
    stale = services.version_of(spd_draft)
    spd_draft.title = "Vom Kollegen geändert"
    services.save_draft(paper=spd_draft, by=spd_staff, factions=[spd], questions=["Warum?"])
    client.force_login(spd_staff)

    response = client.post(
        reverse("motions:edit", args=[spd_draft.pk]),
        form_data(b2, spd, title="Mein Betreff", version=stale),
    )

    spd_draft.refresh_from_db()
    assert response.status_code == 409
    assert spd_draft.title == "Vom Kollegen geändert"


def test_a_signatory_from_another_faction_is_refused(client, spd_staff, b2, spd, gruene):
    gruene_chair = f.MembershipFactory(organization=gruene, role="faction_chair").person
    client.force_login(spd_staff)

    response = client.post(reverse("motions:create"), form_data(b2, spd, signers=[gruene_chair.pk]))

    assert response.status_code == 400
    assert "Mitglieder der antragstellenden Fraktionen" in response.content.decode()


def test_an_amendment_does_not_name_a_nonpublic_agenda_items_title(
    client, spd_staff, b2, spd, b2_meeting
):
    item = f.AgendaItemFactory(
        meeting=b2_meeting, number="N 1", title="Grundstücksverkauf", public=False
    )
    amendment = f.draft(
        committee=b2,
        by=spd_staff,
        factions=[spd],
        questions=[],
        paper_type="amendment",
        amends_agenda_item=item,
    )
    services.submit(paper=amendment, by=spd_staff)

    page = client.get(amendment.get_absolute_url()).content.decode()

    assert "N 1" in page
    assert "Grundstücksverkauf" not in page


def test_an_amendment_does_not_name_a_hidden_paper(client, spd_staff, spd_draft, b2, spd):
    spd_draft.is_public = False
    spd_draft.title = "Geheimer Antrag"
    spd_draft.save()
    hidden = services.submit(paper=spd_draft, by=spd_staff)
    amendment = f.draft(
        committee=b2,
        by=spd_staff,
        factions=[spd],
        questions=[],
        paper_type="amendment",
        amends=hidden,
    )
    services.submit(paper=amendment, by=spd_staff)

    page = client.get(amendment.get_absolute_url()).content.decode()

    assert "Geheimer Antrag" not in page


def test_a_decision_in_a_nonpublic_item_is_not_shown_to_citizens(
    client, spd_staff, spd_draft, b2_chair, b2_meeting
):
    paper = services.submit(paper=spd_draft, by=spd_staff)
    services.schedule(paper=paper, meeting=b2_meeting, by=b2_chair, public=False)
    services.decide(paper=paper, by=b2_chair, outcome="rejected")

    pages = [
        client.get(url).content.decode()
        for url in (paper.get_absolute_url(), reverse("motions:list"))
    ]

    assert all("abgelehnt" not in page for page in pages)


def test_the_committee_sees_the_decision_in_its_nonpublic_item(
    client, spd_staff, spd_draft, b2_chair, b2_meeting, b2_member
):
    paper = services.submit(paper=spd_draft, by=spd_staff)
    services.schedule(paper=paper, meeting=b2_meeting, by=b2_chair, public=False)
    f.publish_agenda(b2_meeting)
    services.decide(paper=paper, by=b2_chair, outcome="rejected")
    client.force_login(b2_member)

    assert "abgelehnt" in client.get(paper.get_absolute_url()).content.decode()


def test_other_factions_do_not_see_who_took_a_step(client, spd_staff, spd_draft, gruene_staff):
    paper = services.submit(paper=spd_draft, by=spd_staff)
    client.force_login(gruene_staff)

    page = client.get(paper.get_absolute_url()).content.decode()

    assert spd_staff.person.family_name not in page.split('id="timeline-heading"')[1]


def test_the_originating_faction_sees_who_took_a_step(client, spd_staff, spd_draft):
    paper = services.submit(paper=spd_draft, by=spd_staff)
    client.force_login(spd_staff)

    page = client.get(paper.get_absolute_url()).content.decode()

    assert spd_staff.person.family_name in page.split('id="timeline-heading"')[1]


def test_notifications_about_papers_no_longer_visible_are_not_shown(
    client, spd_staff, spd_draft, b2_member
):
    spd_draft.is_public = False
    spd_draft.title = "Geheime Sache"
    spd_draft.save()
    paper = services.submit(paper=spd_draft, by=spd_staff)
    former = f.user_for(f.PersonFactory(), username="former")  # no seat in B2 (any more)
    paper.notifications.create(recipient=former, message="Geheime Sache eingegangen")
    client.force_login(former)

    page = client.get(reverse("motions:notifications")).content.decode()

    assert "Geheime Sache" not in page


# Submission is offered only when it can succeed -----------------------------------------------


@pytest.fixture
def joint_draft(b2, spd, gruene, spd_staff):
    return f.draft(committee=b2, by=spd_staff, factions=[spd, gruene], questions=["Wie?"])


def test_a_joint_draft_says_before_submission_whose_agreement_is_missing(
    client, spd_staff, joint_draft
):
    client.force_login(spd_staff)

    response = client.get(joint_draft.get_absolute_url())

    assert "Es fehlt noch die Zustimmung von: Fraktion Bündnis 90/Die Grünen" in (
        response.content.decode()
    )


def test_a_joint_draft_offers_no_submission_before_the_partner_agreed(
    client, spd_staff, joint_draft
):
    client.force_login(spd_staff)

    response = client.get(joint_draft.get_absolute_url())

    assert reverse("motions:submit", args=[joint_draft.pk]) not in response.content.decode()


def test_a_joint_draft_offers_submission_once_the_partner_agreed(
    client, spd_staff, gruene, gruene_staff, joint_draft
):
    services.agree(paper=joint_draft, faction=gruene, by=gruene_staff)
    client.force_login(spd_staff)

    response = client.get(joint_draft.get_absolute_url())

    assert reverse("motions:submit", args=[joint_draft.pk]) in response.content.decode()
