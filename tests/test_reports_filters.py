"""The public report list: filters by unit, committee and year, keyset pages, bad values."""

import datetime

import pytest
from django.urls import reverse

from reports.models import Report
from tests import factories as f

BERLIN = f.BERLIN


def report(committee, unit, *, n, is_public=True, year=2026):
    paper = f.requested_paper(committee=committee, reference=f"A/2026/{n:04d}")
    request = f.ReportRequestFactory(paper=paper, unit=unit)
    when = datetime.datetime(year, 2, n, 10, tzinfo=BERLIN)
    return Report.objects.create(
        request=request,
        body=committee.body,
        reference=f"M/{year}/{n:04d}",
        title=f"Bericht {n:04d}",
        state="published",
        is_public=is_public,
        released_at=when,
        published_at=when,
        created_by=request.requested_by,
    )


def listed(response):
    return [part.split("<", 1)[0] for part in response.content.decode().split(">Bericht 0")[1:]]


def get(client, **params):
    return client.get(reverse("reports:list"), params)


@pytest.fixture
def reports(b2, council, integration_unit, planning_unit):
    return [
        report(b2, integration_unit, n=1),
        report(council, planning_unit, n=2),
        report(b2, planning_unit, n=3, year=2025),
        report(b2, integration_unit, n=4, is_public=False),
    ]


def test_the_report_list_shows_public_reports_newest_first(client, reports):
    assert listed(get(client)) == ["002", "001", "003"]


def test_the_report_list_filters_by_unit(client, reports, integration_unit):
    assert listed(get(client, einheit=integration_unit.pk)) == ["001"]


def test_the_report_list_filters_by_committee(client, reports, council):
    assert listed(get(client, gremium=council.pk)) == ["002"]


def test_the_report_list_filters_by_year(client, reports):
    assert listed(get(client, jahr=2025)) == ["003"]


def test_the_report_list_pages_by_the_last_report(client, reports, monkeypatch):
    monkeypatch.setattr("reports.views.PAGE_SIZE", 1)

    first = get(client)
    second = get(client, nach=reports[1].pk)

    assert listed(first) == ["002"]
    assert f"nach={reports[1].pk}" in first.content.decode()
    assert listed(second) == ["001"]


@pytest.mark.parametrize(
    "params", [{"einheit": "x"}, {"gremium": "-1"}, {"jahr": "1"}, {"nach": "abc"}, {"nach": "0"}]
)
def test_a_bad_value_gives_the_list_with_a_message(client, reports, params):
    response = get(client, **params)

    assert response.status_code == 200
    assert "message--warning" in response.content.decode()
    assert len(listed(response)) == 3


def test_the_office_sees_the_non_public_report_too(client, reports, office):
    client.force_login(office)

    assert "004" in listed(get(client))


@pytest.mark.parametrize("count", [2, 20])
def test_the_report_list_runs_a_bounded_number_of_queries(
    client, b2, integration_unit, count, django_assert_max_num_queries
):
    for n in range(1, count + 1):
        report(b2, integration_unit, n=n)

    with django_assert_max_num_queries(8):
        assert get(client, einheit=integration_unit.pk).status_code == 200
