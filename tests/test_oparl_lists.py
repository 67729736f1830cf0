"""OParl lists: stable order, pages linked by next/prev, filters kept in the links, limits,
bad parameters, deleted objects, and bounded queries."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from council.models import Location
from motions import services as paper_steps
from motions.models import Paper
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def locations(body):
    return [
        f.LocationFactory(body=body, description=f"Ort {n}", room=f"Raum {n}") for n in range(5)
    ]


def _list(client, body, name, query=""):
    return client.get(f"/oparl/v1/body/{body.pk}/{name}/{query}")


def _path(url):
    return url.removeprefix("http://testserver")


def _walk(client, url):
    ids, pages = [], 0
    while url:
        data = client.get(_path(url)).json()
        ids += [obj["id"] for obj in data["data"]]
        url = data["links"].get("next")
        pages += 1
    return ids, pages


@pytest.fixture(autouse=True)
def _site(settings):
    settings.SITE_URL = "http://testserver"


def test_pages_follow_one_another_by_next_in_the_order_of_ids(client, body, locations):
    ids, pages = _walk(client, f"/oparl/v1/body/{body.pk}/location/?limit=2")

    assert ids == [f"http://testserver/oparl/v1/location/{loc.pk}/" for loc in locations]
    assert pages == 3


def test_the_last_page_has_no_next(client, body, locations):
    data = _list(client, body, "location", "?limit=5").json()

    assert "next" not in data["links"]
    assert data["pagination"]["elementsPerPage"] == 5


def test_prev_leads_back_to_the_page_before(client, body, locations):
    first = _list(client, body, "location", "?limit=2").json()
    second = client.get(_path(first["links"]["next"])).json()
    third = client.get(_path(second["links"]["next"])).json()

    back = client.get(_path(third["links"]["prev"])).json()

    assert "prev" not in first["links"]
    assert back["data"] == second["data"]
    assert client.get(_path(second["links"]["prev"])).json()["data"] == first["data"]


def test_the_paper_list_goes_on_from_motions_to_reports(client, body, b2, spd, spd_staff):
    paper = f.draft(committee=b2, by=spd_staff, factions=[spd])
    paper_steps.submit(paper=paper, by=spd_staff)
    report = _published_report(paper)

    ids, _pages = _walk(client, f"/oparl/v1/body/{body.pk}/paper/?limit=1")

    assert ids == [
        f"http://testserver/oparl/v1/paper/{paper.pk}/",
        f"http://testserver/oparl/v1/report/{report.pk}/",
    ]


def _published_report(paper):
    from reports.models import Report, ReportRequest

    user = get_user_model().objects.first()
    unit = f.AdministrationUnitFactory(body=paper.body)
    now = timezone.now()
    request = ReportRequest.objects.create(
        paper=paper, unit=unit, due_date=datetime.date(2099, 1, 1), requested_by=user
    )
    return Report.objects.create(
        request=request,
        body=paper.body,
        reference=f"M/2026/{paper.pk:04d}",
        title="Bericht",
        state="published",
        is_public=True,
        released_at=now,
        published_at=now,
        created_by=user,
    )


def test_filters_are_kept_in_the_links(client, body, locations):
    query = "?limit=2&modified_since=2000-01-01T00:00:00%2B01:00&omit_internal=true"

    links = _list(client, body, "location", query).json()["links"]

    for name in ("first", "self", "next"):
        assert "modified_since=2000-01-01T00%3A00%3A00%2B01%3A00" in links[name]
        assert "omit_internal=true" in links[name]
        assert "limit=2" in links[name]


def test_created_and_modified_filters_narrow_the_list(client, body, locations):
    old, new = locations[0], locations[1]
    Location.objects.filter(pk=old.pk).update(
        created=datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC),
        modified=datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC),
    )

    since = _list(client, body, "location", "?created_since=2021-01-01T00:00:00").json()
    until = _list(client, body, "location", "?modified_until=2021-01-01T00:00:00").json()

    assert old.pk not in [_pk(o) for o in since["data"]] and new.pk in [
        _pk(o) for o in since["data"]
    ]
    assert [_pk(o) for o in until["data"]] == [old.pk]


def _pk(obj):
    return int(obj["id"].rstrip("/").rsplit("/", 1)[-1])


def test_limit_is_capped_at_the_maximum(client, body, locations):
    data = _list(client, body, "location", "?limit=100000").json()

    assert data["pagination"]["elementsPerPage"] == 500


@pytest.mark.parametrize(
    "query",
    [
        "?limit=zehn",
        "?limit=0",
        "?created_since=gestern",
        "?modified_until=2026-13-01",
        "?omit_internal=vielleicht",
        "?after=nichts.5",
        "?after=location.x",
    ],
)
def test_a_bad_parameter_is_a_json_400(client, body, query):
    response = _list(client, body, "location", query)

    assert response.status_code == 400
    assert response.json()["status"] == 400
    assert response["Access-Control-Allow-Origin"] == "*"


def test_an_unknown_list_is_a_json_404(client, body):
    assert _list(client, body, "geheimnisse").status_code == 404


def test_omit_internal_leaves_embedded_objects_out(client, body, b2):
    meeting = f.MeetingFactory(body=body, organizations=[b2], state="invited")
    f.AgendaItemFactory(meeting=meeting)

    embedded = _list(client, body, "meeting").json()["data"][0]
    omitted = _list(client, body, "meeting", "?omit_internal=true").json()["data"][0]

    assert "agendaItem" in embedded and "location" in embedded
    assert "agendaItem" not in omitted and "location" not in omitted


def test_a_deleted_object_appears_only_when_modified_since_is_given(client, body, locations):
    gone = locations[0]
    gone_pk = gone.pk
    gone.delete()

    plain = _list(client, body, "location").json()["data"]
    changed = _list(client, body, "location", "?modified_since=2000-01-01T00:00:00").json()["data"]

    assert gone_pk not in [_pk(o) for o in plain]
    [stub] = [o for o in changed if _pk(o) == gone_pk]
    assert stub["deleted"] is True
    assert stub["modified"] >= timezone.localtime().date().isoformat()


def test_a_paper_made_non_public_appears_as_deleted(client, body, b2, spd, spd_staff):
    paper = f.draft(committee=b2, by=spd_staff, factions=[spd])
    paper_steps.submit(paper=paper, by=spd_staff)
    paper = Paper.objects.get(pk=paper.pk)

    paper.is_public = False
    paper.save()

    changed = _list(client, body, "paper", "?modified_since=2000-01-01T00:00:00").json()["data"]
    assert [(o["id"], o.get("deleted")) for o in changed] == [
        (f"http://testserver/oparl/v1/paper/{paper.pk}/", True)
    ]
    assert client.get(f"/oparl/v1/paper/{paper.pk}/").json()["deleted"] is True


def _papers(count, b2, spd, spd_staff, body):
    """`count` submitted papers, each with a consultation, questions and a co-signer."""
    from motions.models import Consultation, Question, Sponsorship

    now = timezone.now()
    papers = Paper.objects.bulk_create(
        [
            Paper(
                body=body,
                committee=b2,
                title=f"Antrag {n}",
                reference=f"A/2026/{n:05d}",
                state="submitted",
                submitted_at=now,
                created_by=spd_staff,
            )
            for n in range(count)
        ]
    )
    Sponsorship.objects.bulk_create(
        [Sponsorship(paper=p, faction=spd, is_lead=True) for p in papers]
    )
    Question.objects.bulk_create([Question(paper=p, order=1, text="Wann?") for p in papers])
    Consultation.objects.bulk_create([Consultation(paper=p, organization=b2) for p in papers])


@pytest.mark.parametrize("count", [3, 100])
def test_a_page_of_papers_takes_a_bounded_number_of_queries(
    client, body, b2, spd, spd_staff, count, django_assert_max_num_queries
):
    _papers(count, b2, spd, spd_staff, body)

    with django_assert_max_num_queries(20):
        data = _list(client, body, "paper", "?limit=100").json()

    assert len(data["data"]) == count


def test_a_page_of_meetings_with_agendas_takes_a_bounded_number_of_queries(
    client, body, b2, django_assert_max_num_queries
):
    for _n in range(30):
        meeting = f.MeetingFactory(body=body, organizations=[b2], state="invited")
        for public in (True, False):
            f.AgendaItemFactory(meeting=meeting, public=public)

    with django_assert_max_num_queries(15):
        data = _list(client, body, "meeting").json()

    assert len(data["data"]) == 30


def test_a_page_of_papers_with_files_and_reports_takes_a_bounded_number_of_queries(
    client, body, b2, spd, spd_staff, settings, tmp_path, django_assert_max_num_queries
):
    from django.core.files.base import ContentFile

    from motions.models import Attachment

    settings.MEDIA_ROOT = tmp_path
    _papers(40, b2, spd, spd_staff, body)
    for n, paper in enumerate(Paper.objects.all()):
        Attachment.objects.create(
            paper=paper,
            title="Anlage",
            file=ContentFile(f"Inhalt {n}".encode(), name="anlage.pdf"),
            content_type="application/pdf",
            size=9,
            uploaded_by=spd_staff,
        )
        if n % 2:
            _published_report(paper)

    with django_assert_max_num_queries(30):
        first = _list(client, body, "paper", "?limit=100").json()
    with django_assert_max_num_queries(30):
        again = _list(client, body, "paper", "?limit=100").json()

    assert len(first["data"]) == 60
    assert first == again
    assert all("sha1Checksum" in p["auxiliaryFile"][0] for p in first["data"][:40])
