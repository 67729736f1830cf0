"""Bulk downloads: the export command, its archives, and the page that offers them."""

import csv
import datetime
import io
import json
import zipfile

import pytest
from django.core.management import call_command

from oparl import open_data
from oparl.views import SOURCES
from tests.test_leak_guard import MARKER, secrets  # noqa: F401  (a fixture)

pytestmark = pytest.mark.django_db


@pytest.fixture
def export_root(settings, tmp_path):
    settings.OPEN_DATA_ROOT = tmp_path / "offene-daten"
    settings.SITE_URL = "http://testserver"
    return settings.OPEN_DATA_ROOT


def _archive(root, kind):
    [path] = root.glob(f"ratsfaden-{kind}-*.zip")
    return zipfile.ZipFile(path)


def test_the_export_writes_a_csv_per_type_with_a_readme(export_root, secrets):  # noqa: F811
    call_command("export_open_data", stdout=io.StringIO())

    names = set(_archive(export_root, "csv").namelist())
    assert names == {"README.txt", *(f"{name}.csv" for name in open_data.TABLES)}


def test_the_readme_describes_every_column(export_root, secrets):  # noqa: F811
    call_command("export_open_data", stdout=io.StringIO())

    archive = _archive(export_root, "csv")
    readme = archive.read("README.txt").decode()
    for name in open_data.TABLES:
        header = archive.read(f"{name}.csv").decode("utf-8-sig").splitlines()[0]
        for column in header.split(";"):
            assert f"  {column}: " in readme


def test_the_csv_holds_the_public_papers_and_nothing_non_public(export_root, secrets):  # noqa: F811
    call_command("export_open_data", stdout=io.StringIO())

    archive = _archive(export_root, "csv")
    rows = list(
        csv.DictReader(
            io.StringIO(archive.read("drucksachen.csv").decode("utf-8-sig")), delimiter=";"
        )
    )
    secrets["public"].refresh_from_db()
    assert secrets["public"].reference in [row["nummer"] for row in rows]
    for name in archive.namelist():
        assert MARKER.lower() not in archive.read(name).decode("utf-8-sig").lower()


def test_the_json_holds_the_objects_of_the_interface(export_root, client, secrets):  # noqa: F811
    call_command("export_open_data", stdout=io.StringIO())

    archive = _archive(export_root, "json")
    papers = json.loads(archive.read("paper.json"))
    listed = client.get(f"/oparl/v1/body/{secrets['held'].body_id}/paper/").json()["data"]
    assert papers == [p for p in listed if "/paper/" in p["id"]]
    for name in archive.namelist():
        assert MARKER.lower() not in archive.read(name).decode().lower()


def test_a_new_export_replaces_the_older_one(export_root, body):
    open_data.export(sources=SOURCES, today=datetime.date(2026, 1, 1))

    open_data.export(sources=SOURCES, today=datetime.date(2026, 1, 2))

    assert sorted(p.name for p in export_root.iterdir()) == [
        "ratsfaden-csv-2026-01-02.zip",
        "ratsfaden-json-2026-01-02.zip",
    ]


def test_a_formula_in_a_cell_is_defused():
    assert open_data.cell("=HYPERLINK(1)") == "'=HYPERLINK(1)"


def test_the_page_lists_the_archives_with_their_date(client, export_root, body):
    open_data.export(sources=SOURCES, today=datetime.date(2026, 1, 2))

    response = client.get("/daten/")

    content = response.content.decode()
    assert response.status_code == 200
    assert 'datetime="2026-01-02"' in content
    assert "/daten/ratsfaden-csv-2026-01-02.zip" in content
    assert "/oparl/v1/" in content


def test_the_page_says_when_there_is_no_export_yet(client, export_root, body):
    response = client.get("/daten/")

    assert "Noch kein Gesamtdownload erstellt." in response.content.decode()


@pytest.mark.parametrize("persona", ["spd_staff", "office", "integration_unit_staff"])
def test_every_role_sees_the_same_page(client, export_root, body, persona, request):
    client.force_login(request.getfixturevalue(persona))

    assert client.get("/daten/").status_code == 200


def test_an_archive_downloads_as_an_attachment(client, export_root, body):
    open_data.export(sources=SOURCES, today=datetime.date(2026, 1, 2))

    response = client.get("/daten/ratsfaden-json-2026-01-02.zip")

    assert response["Content-Disposition"].startswith("attachment")
    assert zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content))).namelist()


@pytest.mark.parametrize(
    "name", ["ratsfaden-csv-2026-01-03.zip", "..%2Fdb.sqlite3", "README.txt", "x.zip.tmp"]
)
def test_anything_else_in_the_directory_is_a_404(client, export_root, body, name):
    open_data.export(sources=SOURCES, today=datetime.date(2026, 1, 2))
    (export_root / "README.txt").write_text("intern")

    assert client.get(f"/daten/{name}").status_code == 404


def test_the_page_links_from_the_footer(client, body):
    assert 'href="/daten/"' in client.get("/").content.decode()
