"""The OParl 1.1 interface: every object valid against the official schema, every link
answering, nothing non-public, CORS and JSON errors."""

import hashlib
import json
from collections import deque
from urllib.parse import urlsplit

import pytest
from django.core.files.base import ContentFile

from council.models import AgendaVersion
from motions.models import Attachment
from reports.models import Report, ReportAttachment
from tests import factories as f
from tests.oparl_helpers import SCHEMA, objects_in, schema_errors, urls_in
from tests.test_leak_guard import MARKER, secrets  # noqa: F401  (a fixture)

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _attach(paper, user, title="Konzept", content=PDF):
    return Attachment.objects.create(
        paper=paper,
        title=title,
        file=ContentFile(content, name="konzept.pdf"),
        content_type="application/pdf",
        size=len(content),
        uploaded_by=user,
    )


@pytest.fixture
def world(client, secrets, spd_staff):  # noqa: F811
    """The leak guard's public council and secrets, with files of every kind kept on disk."""
    f.LegislativeTermFactory(body=secrets["held"].body)
    _attach(secrets["public"], spd_staff)
    _attach(secrets["secret"], spd_staff, title=f"Anlage {MARKER}")
    report = Report.objects.get(request__paper=secrets["public"])
    ReportAttachment.objects.create(
        report=report,
        title="Tabelle",
        file=ContentFile(PDF, name="tabelle.pdf"),
        content_type="application/pdf",
        size=len(PDF),
        uploaded_by=spd_staff,
    )
    return secrets


@pytest.fixture
def documents(client, world, spd_staff):
    """The world, with its public PDFs kept as files (as after their first reading)."""
    held = world["held"]
    report = Report.objects.get(request__paper=world["public"])
    AgendaVersion.objects.create(
        meeting=held,
        number=1,
        kind="invitation",
        published_at=held.invited_at,
        published_by=spd_staff,
        items=[
            {"number": i.number, "title": i.title, "public": i.public, "new": False}
            for i in held.agenda_items.all()
        ],
    )
    # The public PDFs are kept as files when first read.
    for path in (
        f"/sitzungen/{held.pk}/einladung-1.pdf",
        f"/sitzungen/{held.pk}/tagesordnung.pdf",
        f"/sitzungen/{held.pk}/niederschrift.pdf",
        f"/berichte/{report.pk}/bericht.pdf",
    ):
        assert client.get(path).status_code == 200
    return world


def _get(client, url):
    parts = urlsplit(url)
    return client.get(parts.path + (f"?{parts.query}" if parts.query else ""))


def crawl(client, start="http://testserver/oparl/v1/"):
    """Every interface URL reachable from `start`: {url: response}, other pages: {url: status}."""
    queue, seen, api, pages = deque([start]), {start}, {}, {}
    while queue:
        url = queue.popleft()
        response = _get(client, url)
        if "/oparl/v1/" not in url or response.get("Content-Type", "").startswith(
            "application/pdf"
        ):
            pages[url] = response
            continue
        api[url] = response
        for link in urls_in(json.loads(response.content)):
            if link not in seen:
                seen.add(link)
                queue.append(link)
    return api, pages


def test_a_crawl_from_the_system_finds_every_type_valid_and_every_link_working(client, documents):
    api, pages = crawl(client)

    assert {u: r.status_code for u, r in {**api, **pages}.items() if r.status_code != 200} == {}
    errors = {url: schema_errors(json.loads(r.content)) for url, r in api.items()}
    assert {url: e for url, e in errors.items() if e} == {}
    assert {r["Access-Control-Allow-Origin"] for r in api.values()} == {"*"}
    types = {
        obj["type"].removeprefix(SCHEMA)
        for r in api.values()
        for obj in objects_in(json.loads(r.content))
    }
    assert types == {
        "System",
        "Body",
        "LegislativeTerm",
        "Organization",
        "Person",
        "Membership",
        "Meeting",
        "AgendaItem",
        "Paper",
        "Consultation",
        "File",
        "Location",
    }


def test_the_crawl_finds_nothing_non_public(client, documents):
    api, pages = crawl(client)

    for url, response in {**api, **pages}.items():
        content = b"".join(response.streaming_content) if response.streaming else response.content
        text = content.decode("utf-8", "replace")
        if "json" in response.get("Content-Type", ""):
            text += json.dumps(json.loads(content), ensure_ascii=False)
        assert MARKER.lower() not in text.lower(), url
    nonpublic_items = [
        obj
        for r in api.values()
        for obj in objects_in(json.loads(r.content))
        if obj["type"] == SCHEMA + "AgendaItem" and obj.get("public") is False
    ]
    assert nonpublic_items
    allowed = {"id", "type", "meeting", "number", "order", "public", "created", "modified"}
    assert all(set(item) <= allowed for item in nonpublic_items)


def test_answers_are_utf8_json_without_a_byte_order_mark(client, body):
    response = client.get("/oparl/v1/body/")

    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert not response.content.startswith(b"\xef\xbb\xbf")
    assert "Stadt Castrop-Rauxel" in response.content.decode("utf-8")


def test_the_system_names_the_version_and_the_body_list(client, body):
    data = client.get("/oparl/v1/").json()

    assert data["oparlVersion"] == "https://schema.oparl.org/1.1/"
    assert data["body"].endswith("/oparl/v1/body/")


def test_an_unknown_object_is_a_json_404_with_cors(client, body):
    response = client.get("/oparl/v1/paper/999999/")

    assert response.status_code == 404
    assert response.json()["status"] == 404
    assert response["Access-Control-Allow-Origin"] == "*"


def test_an_unknown_path_is_a_json_404(client, body):
    response = client.get("/oparl/v1/gibt-es-nicht")

    assert (response.status_code, response["Content-Type"]) == (
        404,
        "application/json; charset=utf-8",
    )


def test_writing_is_refused_with_405(client, body):
    response = client.post("/oparl/v1/body/")

    assert response.status_code == 405
    assert response.json()["status"] == 405
    assert response["Access-Control-Allow-Origin"] == "*"


def test_a_preflight_request_is_answered(client, body):
    response = client.options("/oparl/v1/body/")

    assert response.status_code == 204
    assert response["Access-Control-Allow-Origin"] == "*"


def test_a_non_public_paper_is_a_404(client, world):
    response = client.get(f"/oparl/v1/paper/{world['secret'].pk}/")

    assert response.status_code == 404


def test_a_file_opens_inline_and_downloads_as_attachment(client, world):
    attachment = Attachment.objects.get(paper=world["public"])
    data = client.get(f"/oparl/v1/attachment/{attachment.pk}/").json()

    inline = _get(client, data["accessUrl"])
    download = _get(client, data["downloadUrl"])

    assert inline["Content-Disposition"].startswith("inline")
    assert download["Content-Disposition"].startswith("attachment")
    assert b"".join(download.streaming_content) == PDF
    assert (data["size"], data["sha1Checksum"], data["mimeType"]) == (
        len(PDF),
        hashlib.sha1(PDF).hexdigest(),
        "application/pdf",
    )


def test_the_file_of_a_non_public_paper_cannot_be_fetched(client, world):
    attachment = Attachment.objects.get(paper=world["secret"])

    assert client.get(f"/oparl/v1/attachment/{attachment.pk}/inhalt").status_code == 404
    assert client.get(f"/oparl/v1/attachment/{attachment.pk}/download").status_code == 404


def test_a_paper_carries_its_state_and_report_requests_as_extension_fields(client, world):
    data = client.get(f"/oparl/v1/paper/{world['public'].pk}/").json()

    assert data["ratsfaden:state"] == "report_received"
    [request] = data["ratsfaden:reportRequests"]
    assert request["status"] == "answeredOnTime"
    assert request["report"].startswith("http://testserver/oparl/v1/report/")


def test_a_published_report_is_a_paper_with_its_answers(client, documents):
    report = Report.objects.get(request__paper=documents["public"])

    data = client.get(f"/oparl/v1/report/{report.pk}/").json()

    assert data["paperType"] == "Bericht"
    assert data["ratsfaden:answers"] == [{"question": "Öffentlich?", "answer": "Antwort."}]
    assert data["mainFile"]["type"] == SCHEMA + "File"


@pytest.mark.parametrize(
    "persona", ["spd_staff", "b2_chair", "office", "integration_unit_staff", "b2_member"]
)
def test_every_role_reads_only_what_citizens_read(client, world, persona, request):
    anonymous = client.get(f"/oparl/v1/body/{world['held'].body_id}/paper/").content
    client.force_login(request.getfixturevalue(persona))

    signed_in = client.get(f"/oparl/v1/body/{world['held'].body_id}/paper/").content

    assert signed_in == anonymous
    assert MARKER.encode() not in signed_in
