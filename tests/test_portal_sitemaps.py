"""sitemap.xml names every public page and nothing else."""

import re

import pytest

from council.models import Role
from tests import factories as f


def all_locations(client):
    index = client.get("/sitemap.xml").content.decode()
    locations = []
    for section in re.findall(r"<loc>(.*?)</loc>", index):
        locations += re.findall(r"<loc>(.*?)</loc>", client.get(section).content.decode())
    return locations


@pytest.fixture
def record(b2, spd):
    public = f.requested_paper(committee=b2, title="Öffentlich")
    hidden = f.requested_paper(committee=b2, is_public=False)
    draft = f.PaperFactory(committee=b2, body=b2.body, factions=[spd])
    councillor = f.PersonFactory(body=b2.body)
    f.MembershipFactory(person=councillor, organization=b2, role=Role.MEMBER)
    staff = f.PersonFactory(body=b2.body)
    f.MembershipFactory(person=staff, organization=spd, role=Role.FACTION_STAFF)
    return {
        "public": public,
        "hidden": hidden,
        "draft": draft,
        "councillor": councillor,
        "staff": staff,
    }


def test_the_sitemap_lists_public_papers_persons_and_committees(client, record, b2):
    locations = all_locations(client)

    assert f"http://testserver{record['public'].get_absolute_url()}" in locations
    assert f"http://testserver{record['councillor'].get_absolute_url()}" in locations
    assert f"http://testserver{b2.get_absolute_url()}" in locations
    assert "http://testserver/leichte-sprache/" in locations


@pytest.mark.parametrize("name", ["hidden", "draft", "staff"])
def test_the_sitemap_lists_nothing_non_public(client, record, name):
    assert f"http://testserver{record[name].get_absolute_url()}" not in all_locations(client)


def test_a_sitemap_section_is_split_into_pages(client, record, b2, monkeypatch):
    monkeypatch.setattr("portal.sitemaps.PaperSitemap.limit", 1)
    f.requested_paper(committee=b2)

    index = client.get("/sitemap.xml").content.decode()

    assert "sitemap-antraege.xml?p=2" in index


def test_a_bad_sitemap_page_is_not_found(client, record):
    assert client.get("/sitemap-antraege.xml", {"p": "abc"}).status_code == 404
    assert client.get("/sitemap-gibtsnicht.xml").status_code == 404
