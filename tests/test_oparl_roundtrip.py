"""Round trip through the real interface: the council's public data, crawled from /oparl/v1/
as a harvester would (every list, every `next`), written to JSON files, and imported into the
emptied database, arrives with its fields and relations."""

import json

import pytest

from council.models import Organization, OrganizationKind
from motions.models import Paper, PaperState
from oparl_import.importer import run_import
from oparl_import.sources import DirectorySource
from tests.test_oparl_import_roundtrip import demo_council, empty_database, snapshot

pytestmark = pytest.mark.django_db

__all__ = ["demo_council"]


def _is_list(key, value):
    """A Body's lists are the references to the interface that do not end in an object's id."""
    return (
        key not in ("id", "web", "type", "system")
        and isinstance(value, str)
        and "/oparl/v1/" in value
        and not value.rstrip("/").rsplit("/", 1)[-1].isdigit()
    )


def crawl(client, directory):
    """Every list page of the interface, saved as it was served; returns the pages saved."""
    system = client.get("/oparl/v1/").json()
    (directory / "system.json").write_text(json.dumps(system), encoding="utf-8")
    to_visit, seen, pages = [system["body"]], set(), 0
    while to_visit:
        url = to_visit.pop()
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        assert response.status_code == 200, url
        content = response.json()
        pages += 1
        (directory / f"page-{pages:05d}.json").write_text(json.dumps(content), encoding="utf-8")
        for item in content.get("data", [content]):
            to_visit.extend(value for key, value in item.items() if _is_list(key, value))
        if content.get("links", {}).get("next"):
            to_visit.append(content["links"]["next"])
    return pages


def test_the_public_council_survives_a_round_trip_through_the_interface(
    demo_council, client, tmp_path, settings
):
    settings.SITE_URL = "http://testserver"
    pages = crawl(client, tmp_path)
    before = snapshot()
    empty_database()

    summary = run_import(DirectorySource(tmp_path), download_files=False)

    assert pages > 5
    assert summary.total("fehlgeschlagen") == 0
    assert snapshot() == before
    assert Paper.objects.filter(state=PaperState.IMPORTED).count() == 2
    assert not Organization.objects.filter(kind=OrganizationKind.OTHER).exists()
