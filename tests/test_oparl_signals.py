"""Tombstones: what was public and is no more is told as deleted; nothing else is."""

import pytest
from django.core.files.base import ContentFile

from motions import services as paper_steps
from motions.models import Attachment, Paper
from oparl.models import Tombstone
from reports.models import Report
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _site(settings, tmp_path):
    settings.SITE_URL = "http://testserver"
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def submitted(b2, spd, spd_staff):
    paper = f.draft(committee=b2, by=spd_staff, factions=[spd])
    paper_steps.submit(paper=paper, by=spd_staff)
    return Paper.objects.get(pk=paper.pk)


def _attach(paper, user):
    return Attachment.objects.create(
        paper=paper,
        title="Anlage",
        file=ContentFile(b"%PDF-1.4", name="anlage.pdf"),
        content_type="application/pdf",
        size=8,
        uploaded_by=user,
    )


def test_a_paper_made_non_public_is_buried_with_its_files(submitted, spd_staff):
    attachment = _attach(submitted, spd_staff)

    submitted.is_public = False
    submitted.save()

    assert set(Tombstone.objects.values_list("path", "oparl_type")) >= {
        (f"paper/{submitted.pk}/", "Paper"),
        (f"attachment/{attachment.pk}/", "File"),
    }


def test_a_buried_paper_answers_with_its_stub(client, submitted):
    submitted.is_public = False
    submitted.save()

    data = client.get(f"/oparl/v1/paper/{submitted.pk}/").json()

    assert data == {
        "id": f"http://testserver/oparl/v1/paper/{submitted.pk}/",
        "type": "https://schema.oparl.org/1.1/Paper",
        "created": data["modified"],
        "modified": data["modified"],
        "deleted": True,
    }


def test_a_paper_public_again_rises(submitted):
    submitted.is_public = False
    submitted.save()

    submitted.is_public = True
    submitted.save()

    assert not Tombstone.objects.exists()


def test_a_paper_never_public_leaves_no_trace(b2, spd, spd_staff):
    paper = f.draft(committee=b2, by=spd_staff, factions=[spd], is_public=False)
    paper_steps.submit(paper=paper, by=spd_staff)

    Paper.objects.get(pk=paper.pk).save()

    assert not Tombstone.objects.exists()


def test_a_deleted_public_attachment_is_buried(submitted, spd_staff):
    attachment = _attach(submitted, spd_staff)
    pk = attachment.pk

    attachment.delete()

    assert Tombstone.objects.get().path == f"attachment/{pk}/"


def test_a_deleted_draft_leaves_no_trace(b2, spd, spd_staff):
    paper = f.draft(committee=b2, by=spd_staff, factions=[spd])

    paper.delete()

    assert not Tombstone.objects.exists()


def test_a_report_withdrawn_from_the_public_is_buried(submitted, b2_chair, integration_unit):
    from tests.test_oparl_lists import _published_report

    report = _published_report(submitted)
    Report.objects.filter(pk=report.pk).update(is_public=True)
    report = Report.objects.get(pk=report.pk)

    report.is_public = False
    report.save()

    assert Tombstone.objects.get().path == f"report/{report.pk}/"
