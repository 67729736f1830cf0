import json
import shutil
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone

from council.models import AgendaItem, AgendaResult, Meeting, Membership, Organization, Person, Role
from motions.models import Attachment, Consultation, Paper, PaperState, PaperType
from oparl.models import Tombstone
from oparl_import.importer import run_import
from oparl_import.models import SourceObject
from oparl_import.sources import DirectorySource, HttpSource
from tests.oparl_server import OparlServer, quirky_system

# The official examples of the OParl 1.1 specification.
EXAMPLES = Path(__file__).parent / "oparl_examples"


@pytest.fixture
def served():
    with OparlServer() as server:
        server.system = quirky_system(server)
        yield server


def http_import(server, **kwargs):
    source = HttpSource(server.system, backoff=0, **kwargs)
    try:
        return run_import(source)
    finally:
        source.close()


@pytest.fixture
def imported(db, served, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return http_import(served)


def test_official_examples_import_without_failure_of_the_complete_objects(db, tmp_path):
    shutil.copytree(EXAMPLES, tmp_path / "examples")

    summary = run_import(DirectorySource(tmp_path / "examples"), download_files=False)

    assert Meeting.objects.get().name == "4. Sitzung des Finanzausschusses"
    paper = Paper.objects.get()
    assert (paper.reference, paper.source_type, paper.state) == (
        "1234/2014",
        "Beantwortung einer Anfrage",
        PaperState.IMPORTED,
    )
    assert AgendaItem.objects.get().result == AgendaResult.ADOPTED_AMENDED
    assert summary.counts["Person"]["neu"] == 1


def test_a_second_import_finds_everything_unchanged(imported, served):
    summary = http_import(served)

    assert summary.total("neu") == 0
    assert summary.total("geändert") == 0
    assert summary.total("unverändert") == imported.total("neu")


def test_imported_papers_keep_reference_type_and_date_and_are_no_drafts(imported):
    paper = Paper.objects.get(title="Sichere Radwege")

    assert paper.reference == "2024/001"
    assert paper.paper_type == PaperType.MOTION
    assert paper.letter_date.isoformat() == "2024-02-01"
    assert paper.state == PaperState.IMPORTED
    assert paper.filing_deadline is None and paper.report_due is None
    assert paper in Paper.objects.public()


def test_a_reference_given_twice_gets_the_type_of_the_later_paper(imported):
    assert Paper.objects.get(title="Radwegekonzept").reference == "2024/001 (Beschlussvorlage)"
    assert "Drucksache: Nummer doppelt vergeben, Art angehängt" in imported.notes


def test_a_paper_without_name_and_with_a_404_organisation_gets_a_placeholder(imported):
    paper = Paper.objects.get(reference="2024/003")

    assert paper.title == "(ohne Betreff)"
    assert paper.committee.short_name == "unbekannt"
    assert imported.notes["Platzhalter-Gremium eingesetzt"] >= 1


def test_a_consultation_inside_two_papers_is_built_once(imported):
    consultation = Consultation.objects.get(agenda_item__title="Radwege")

    assert consultation.agenda_item.title == "Radwege"
    assert consultation.organization.short_name == "HFA"


def test_a_consultation_named_only_by_its_agenda_item_finds_item_and_meeting(imported):
    consultation = Consultation.objects.get(paper__reference="2024/005")

    assert consultation.agenda_item.title == "Spielplatz"
    assert consultation.meeting == consultation.agenda_item.meeting
    assert consultation.role == Consultation.Role.NOTICE


def test_agenda_items_with_empty_numbers_get_their_position(imported):
    numbers = list(AgendaItem.objects.order_by("order").values_list("number", flat=True))

    assert numbers == ["1", "(2)", "(3)", "4"]


def test_free_text_results_are_mapped_or_kept_in_the_resolution_text(imported):
    radwege = AgendaItem.objects.get(title="Radwege")
    grundstueck = AgendaItem.objects.get(title="Grundstück")

    assert (radwege.result, radwege.unanimous) == (AgendaResult.ADOPTED, True)
    assert grundstueck.result == ""
    assert grundstueck.resolution_text.startswith("nach Aussprache erledigt")
    assert grundstueck.public is False


def test_a_meeting_ending_before_its_start_keeps_only_the_start(imported):
    meeting = Meeting.objects.get()

    assert meeting.end is None
    assert imported.notes["Sitzung: Ende vor Beginn verworfen"] == 1
    assert meeting.location.description == "Rathaus, Sitzungssaal"


def test_originators_become_sponsoring_faction_and_signing_person(imported):
    paper = Paper.objects.get(title="Sichere Radwege")

    assert [s.faction.short_name for s in paper.sponsorships.all()] == ["SPD"]
    assert [s.person.family_name for s in paper.signatories.all()] == ["Beispiel"]


def test_embedded_memberships_and_a_dangling_one_are_counted(imported):
    membership = Membership.objects.get()

    assert (membership.person.family_name, membership.role) == ("Beispiel", Role.CHAIR)
    assert imported.counts["Membership"]["fehlgeschlagen"] == 1
    assert ("Membership", "Organisation unbekannt") in imported.reasons


def test_a_failing_page_and_a_looping_next_link_end_their_list_only(imported, served):
    assert Person.objects.count() == 2
    assert Organization.objects.filter(short_name__in=["HFA", "SPD"]).count() == 2
    assert any(kind == "Listenseite" for kind, reason in imported.reasons)
    assert served.requests.count("/orgs2") == 1


def test_files_are_downloaded_and_a_failing_url_is_counted(imported):
    attachment = Attachment.objects.get()

    assert attachment.file.read() == b"%PDF-1.4 Antrag"
    assert (attachment.content_type, attachment.size) == ("application/pdf", 15)
    assert any(kind == "File" and "404" in reason for kind, reason in imported.reasons)


def test_a_deleted_stub_is_kept_as_deleted_and_not_built(imported):
    stub = SourceObject.objects.get(source_id__endswith="/paper/4")

    assert stub.deleted and stub.object_id is None


def test_a_paper_deleted_at_the_source_is_no_longer_public(imported, served):
    served.routes["/papers"]["data"][0] = {"id": served.url("/paper/1"), "deleted": True}

    http_import(served)

    assert not Paper.objects.public().filter(title="Sichere Radwege").exists()


def test_a_paper_deleted_at_the_source_leaves_a_tombstone_in_the_api(imported, served):
    served.routes["/papers"]["data"][0] = {"id": served.url("/paper/1"), "deleted": True}
    pk = Paper.objects.get(title="Sichere Radwege").pk

    http_import(served)

    assert Tombstone.objects.filter(oparl_type="Paper", path=f"paper/{pk}/").exists()


def test_since_asks_the_server_for_changes_only(imported, served):
    served.requests.clear()

    summary = http_import(served, since="2024-06-01T00:00:00+02:00")

    assert any("modified_since=2024-06-01" in path for path in served.requests)
    # This server ignores the filter and sends everything: nothing is new or changed.
    assert summary.total("neu") == summary.total("geändert") == 0


def test_a_changed_object_is_updated_in_place(imported, served):
    served.routes["/papers"]["data"][0]["name"] = "Sichere Radwege für alle"
    pk = Paper.objects.get(reference="2024/001").pk

    summary = http_import(served)

    assert Paper.objects.get(pk=pk).title == "Sichere Radwege für alle"
    assert summary.counts["Paper"]["geändert"] == 1


def test_a_source_that_is_no_oparl_system_fails_without_a_crash(db, served):
    served.system = served.url("/nothing")

    summary = http_import(served)

    assert [kind for kind, reason in summary.reasons] == ["System"]
    assert Paper.objects.count() == 0


@pytest.mark.parametrize(
    "persona", [None, "spd_staff", "b2_chair", "office", "integration_unit_staff"]
)
def test_imported_papers_and_meetings_open_for_every_role(imported, client, request, persona):
    if persona:
        client.force_login(request.getfixturevalue(persona))
    paper = Paper.objects.get(title="Sichere Radwege")

    paper_page = client.get(paper.get_absolute_url())
    meeting_page = client.get(Meeting.objects.get().get_absolute_url())
    list_page = client.get(reverse("motions:list"))

    assert paper_page.status_code == 200
    assert "Antrag 2024/001" in paper_page.text
    assert meeting_page.status_code == 200
    assert "Radwege" in meeting_page.text
    assert list_page.status_code == 200
    assert "Sichere Radwege" in list_page.text


def test_a_non_public_imported_item_shows_no_title_to_citizens(imported, client):
    response = client.get(Meeting.objects.get().get_absolute_url())

    assert "Grundstück" not in response.text


def test_objects_of_unexpected_shape_fail_alone(db, tmp_path):
    t = "https://schema.oparl.org/1.1/"
    objects = [
        {"id": "https://x/body/1", "type": t + "Body", "name": "Stadt X"},
        {"id": "https://x/org/1", "type": t + "Organization", "name": None},
        {"id": "https://x/org/2", "type": t + "Organization", "name": ["Rat", "der Stadt"]},
        {
            "id": "https://x/person/1",
            "type": t + "Person",
            "familyName": 7,
            "membership": {
                "id": "https://x/m/1",
                "organization": "https://x/org/2",
                "startDate": 5,
            },
        },
        {"id": "https://x/loc/1", "type": t + "Location", "geojson": '{"coordinates": ["1", "2"]}'},
        {
            "id": "https://x/meeting/1",
            "type": t + "Meeting",
            "start": "gestern",
            "agendaItem": ["https://x/item/9", 5],
        },
        {
            "id": "https://x/meeting/2",
            "type": t + "Meeting",
            "start": "2024-05-01T18:00:00",
            "organization": "https://x/org/2",
            "agendaItem": [{"id": "https://x/item/1", "order": "3"}],
        },
        {
            "id": "https://x/paper/1",
            "type": t + "Paper",
            "name": {"de": "?"},
            "date": 20240101,
            "reference": 123,
            "consultation": "https://x/c/1",
            "originatorPerson": "https://x/person/1",
        },
    ]
    (tmp_path / "all.json").write_text(json.dumps({"data": objects}))

    summary = run_import(DirectorySource(tmp_path), download_files=False)

    assert timezone.localtime(Meeting.objects.get().start).hour == 18
    assert AgendaItem.objects.get().order == 1
    assert Paper.objects.get().reference == "123"
    assert ("Meeting", "start fehlt") in summary.reasons
    assert ("Organization", "Name fehlt") in summary.reasons
