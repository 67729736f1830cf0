"""The index follows every change: public things enter it, hidden ones never do, and what
changes, is published, depublished or deleted is current once the transaction commits."""

import datetime
import io

import pytest
from django.core.management import call_command

from council import agenda
from motions import services as paper_steps
from reports import services as report_steps
from search import index
from search.models import Entry, Source
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Run the code under test as if its transaction committed (the index updates then)."""

    def run(step, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return step(*args, **kwargs)

    return run


@pytest.fixture
def submitted(commit, b2, spd, spd_staff):
    paper = f.draft(
        committee=b2,
        by=spd_staff,
        factions=[spd],
        title="Kommunales Integrationsmanagement",
        questions=["Wie werden die Träger eingebunden?"],
        report_kind="written",
    )
    return commit(paper_steps.submit, paper=paper, by=spd_staff)


def entry_of(obj, source):
    return Entry.objects.filter(source=source, object_id=obj.pk).first()


def test_a_submitted_paper_is_indexed_with_its_letter(submitted, b2, spd):
    entry = entry_of(submitted, Source.PAPER)

    assert entry.kind == "motion"
    assert entry.title == "Kommunales Integrationsmanagement"
    assert entry.label == submitted.reference
    assert "Wie werden die Träger eingebunden?" in entry.body
    assert entry.url == submitted.get_absolute_url()
    assert set(entry.organizations.values_list("pk", flat=True)) == {b2.pk, spd.pk}


def test_a_draft_is_never_indexed(commit, b2, spd, spd_staff):
    draft = commit(f.draft, committee=b2, by=spd_staff, factions=[spd], title="Geheimer Entwurf")

    assert entry_of(draft, Source.PAPER) is None


def test_a_non_public_paper_is_never_indexed(commit, b2, spd, spd_staff):
    paper = f.draft(committee=b2, by=spd_staff, factions=[spd], is_public=False)

    commit(paper_steps.submit, paper=paper, by=spd_staff)

    assert entry_of(paper, Source.PAPER) is None


def test_an_update_is_indexed(commit, submitted):
    submitted.title = "Integrationsmanagement, neu gefasst"

    commit(submitted.save)

    assert entry_of(submitted, Source.PAPER).title == "Integrationsmanagement, neu gefasst"


def test_a_depublished_paper_leaves_the_index(commit, submitted):
    submitted.is_public = False

    commit(submitted.save)

    assert entry_of(submitted, Source.PAPER) is None


def test_a_deleted_paper_leaves_the_index(commit, submitted):
    commit(submitted.delete)

    assert not Entry.objects.filter(source=Source.PAPER).exists()


def test_a_rolled_back_change_leaves_the_index_alone(submitted):
    submitted.title = "Nie gespeichert"
    submitted.save()  # the test's transaction never commits: the callbacks never run

    assert entry_of(submitted, Source.PAPER).title == "Kommunales Integrationsmanagement"


# Reports --------------------------------------------------------------------------------------


@pytest.fixture
def report_request(commit, submitted, b2_chair, integration_unit):
    return commit(
        report_steps.request_report,
        paper=submitted,
        by=b2_chair,
        unit=integration_unit,
        due_date=datetime.date(2099, 1, 1),
    )


def write_report(request, by, answer="Die Träger sind eingebunden."):
    questions = list(request.questions.all())
    return report_steps.save_report(
        request=request,
        by=by,
        title="Bericht zum Integrationsmanagement",
        answers={q.pk: answer for q in questions},
    )


def test_a_draft_report_is_never_indexed(commit, report_request, integration_unit_staff):
    report = commit(write_report, report_request, integration_unit_staff)

    assert entry_of(report, Source.REPORT) is None


def test_a_published_report_is_indexed_with_its_answers(
    commit, report_request, integration_unit_staff, integration_unit_head
):
    report = commit(write_report, report_request, integration_unit_staff)
    commit(report_steps.release, report=report, by=integration_unit_head)

    commit(report_steps.publish, report=report, by=integration_unit_head)

    entry = entry_of(report, Source.REPORT)
    assert entry.title == "Bericht zum Integrationsmanagement"
    assert "Die Träger sind eingebunden." in entry.body


def test_a_correction_in_the_making_is_not_indexed(
    commit, report_request, integration_unit_staff, integration_unit_head
):
    report = commit(write_report, report_request, integration_unit_staff)
    commit(report_steps.release, report=report, by=integration_unit_head)
    commit(report_steps.publish, report=report, by=integration_unit_head)

    commit(write_report, report_request, integration_unit_staff, answer="Noch nicht freigegeben.")

    assert "Noch nicht freigegeben." not in entry_of(report, Source.REPORT).body


# Agenda items, meetings, persons ---------------------------------------------------------------


def test_agenda_items_are_indexed_when_the_agenda_is_published(
    commit, b2, b2_chair, upcoming_b2_meeting
):
    item = commit(agenda.add_item, upcoming_b2_meeting, title="Schulwegsicherung", by=b2_chair)
    assert entry_of(item, Source.AGENDA_ITEM) is None

    commit(agenda.publish, upcoming_b2_meeting, by=b2_chair, late_reason="Eilt.")

    assert entry_of(item, Source.AGENDA_ITEM).title == "Schulwegsicherung"


def test_a_non_public_agenda_item_is_never_indexed(commit, b2, b2_chair, upcoming_b2_meeting):
    commit(agenda.add_item, upcoming_b2_meeting, title="Schulwegsicherung", by=b2_chair)
    hidden = commit(
        agenda.add_item, upcoming_b2_meeting, title="Grundstück", public=False, by=b2_chair
    )

    commit(agenda.publish, upcoming_b2_meeting, by=b2_chair, late_reason="Eilt.")

    assert entry_of(hidden, Source.AGENDA_ITEM) is None


def test_a_meeting_is_indexed_with_its_committee(commit, b2):
    meeting = commit(f.MeetingFactory, body=b2.body, name="Sitzung des B2", organizations=[b2])

    entry = entry_of(meeting, Source.MEETING)
    assert entry.title == "Sitzung des B2"
    assert list(entry.organizations.all()) == [b2]


def test_a_councillor_is_indexed_with_mandates_but_never_contact_data(commit, council, spd):
    person = commit(f.PersonFactory, body=council.body, email="privat@example.org")
    commit(f.MembershipFactory, person=person, organization=council, on_behalf_of=spd)

    entry = entry_of(person, Source.PERSON)
    assert entry.title == person.name
    assert "privat@example.org" not in entry.body
    assert council.name in entry.body


def test_staff_without_a_mandate_is_never_indexed(commit, spd_staff):
    assert not Entry.objects.filter(source=Source.PERSON).exists()


# Rebuilding -----------------------------------------------------------------------------------


def test_rebuild_indexes_what_bulk_writes_left_out(submitted):
    Entry.objects.all().delete()

    index.rebuild()

    assert entry_of(submitted, Source.PAPER) is not None


def test_rebuild_removes_what_is_no_longer_public(submitted):
    type(submitted).objects.filter(pk=submitted.pk).update(is_public=False)

    index.rebuild()

    assert entry_of(submitted, Source.PAPER) is None


def test_the_command_rebuilds_the_index(submitted):
    Entry.objects.all().delete()
    out = io.StringIO()

    call_command("rebuild_search_index", stdout=out)

    assert entry_of(submitted, Source.PAPER) is not None
    assert "Suchindex aktuell" in out.getvalue()
