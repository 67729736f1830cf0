"""The accountability page: per unit and per committee, for a period of due dates, how many
requests are open, overdue, answered on time and late, and the median days to the report –
counted by the database, checked here against a count by hand."""

import csv
import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from freezegun import freeze_time

from tests import factories as f

pytestmark = pytest.mark.django_db

URL = reverse("reports:accountability")
LIST_URL = reverse("reports:requests")
YEAR_2026 = {"von": "2026-01-01", "bis": "2026-12-31"}


def berlin(day, hour=10, minute=0):
    return datetime.datetime(*day, hour, minute, tzinfo=f.BERLIN)


@pytest.fixture(autouse=True)
def _today():
    with freeze_time(berlin((2026, 11, 25), 12)):
        yield


@pytest.fixture
def planning_committee(planning_unit):
    return planning_unit.serves.get()


def owed(unit, committee, due, requested, answered=None, is_public=True, title=None):
    paper = f.requested_paper(
        committee=committee, is_public=is_public, **({"title": title} if title else {})
    )
    return f.ReportRequestFactory(
        paper=paper,
        unit=unit,
        due_date=datetime.date(*due),
        requested_at=berlin(requested, 19),
        answered_at=answered,
    )


@pytest.fixture
def requests_(b2, integration_unit, planning_unit, planning_committee):
    """The hand count, today being 25 November 2026 (days from request to report in brackets):

    Fachbereich Integration, for B2 – due in 2026: five
      on time (18): answered 20 March, due 31 March
      on time (59): answered 30 April at 23:30, its due date
      late (91): answered 1 June at 00:30 (still 31 May in UTC), due 31 May
      overdue: due 31 October
      open: due 15 December
    Fachbereich Stadtplanung, for its committee – due in 2026: two
      late (59): answered 10 March, due 28 February
      on time (100), a non-public paper: answered 10 June, due 30 June
    Outside 2026: one due 31 December 2025 (answered), one due 1 January 2027 (open).
    """
    i, p = integration_unit, planning_unit
    return {
        "on_time": owed(i, b2, (2026, 3, 31), (2026, 3, 2), berlin((2026, 3, 20))),
        "last_minute": owed(i, b2, (2026, 4, 30), (2026, 3, 2), berlin((2026, 4, 30), 23, 30)),
        "after_midnight": owed(i, b2, (2026, 5, 31), (2026, 3, 2), berlin((2026, 6, 1), 0, 30)),
        "overdue": owed(i, b2, (2026, 10, 31), (2026, 3, 2)),
        "open": owed(i, b2, (2026, 12, 15), (2026, 3, 2)),
        "planning_late": owed(
            p, planning_committee, (2026, 2, 28), (2026, 1, 10), berlin((2026, 3, 10))
        ),
        "planning_closed": owed(
            p,
            planning_committee,
            (2026, 6, 30),
            (2026, 3, 2),
            berlin((2026, 6, 10)),
            is_public=False,
        ),
        "last_year": owed(i, b2, (2025, 12, 31), (2025, 11, 2), berlin((2025, 12, 1))),
        "next_year": owed(i, b2, (2027, 1, 1), (2026, 11, 2)),
    }


def figures(rows):
    """{short name: (total, open, overdue, on time, late, median)} of a table's rows."""
    return {
        row["group_short_name"]: (
            row["total"],
            row["offen"],
            row["ueberfaellig"],
            row["fristgerecht"],
            row["verspaetet"],
            row["median"],
        )
        for row in rows
    }


def total(response):
    row = response.context["total"]
    return (row["total"], row["offen"], row["ueberfaellig"], row["fristgerecht"], row["verspaetet"])


def listed(response):
    return {item.paper.title for item in response.context["page"].object_list}


# The figures ---------------------------------------------------------------------------------------


def test_the_figures_per_unit_match_the_hand_count(client, requests_):
    response = client.get(URL, YEAR_2026)

    assert figures(response.context["units"]) == {
        "FB 50": (5, 1, 1, 2, 1, 59),
        "FB 61": (1, 0, 0, 0, 1, 59),
    }


def test_the_figures_per_committee_match_the_hand_count(client, requests_, planning_committee):
    response = client.get(URL, YEAR_2026)

    assert figures(response.context["committees"]) == {
        "B2": (5, 1, 1, 2, 1, 59),
        planning_committee.short_name: (1, 0, 0, 0, 1, 59),
    }


def test_the_totals_match_the_hand_count(client, requests_):
    response = client.get(URL, YEAR_2026)

    assert total(response) == (6, 1, 1, 2, 2)
    assert response.context["total"]["median"] == 59


def test_the_median_of_an_even_number_is_the_mean_of_the_middle_two(client, office, requests_):
    client.force_login(office)

    response = client.get(URL, YEAR_2026)

    assert figures(response.context["units"])["FB 61"][-1] == 79.5


def test_the_page_shows_the_figures(client, requests_):
    response = client.get(URL, YEAR_2026)

    assert response.status_code == 200
    assert "Fachbereich Integration" in response.text
    assert "Tage bis zum Bericht (Median)" in response.text


def test_no_requests_in_the_period_is_said_plainly(client, requests_):
    response = client.get(URL, {"von": "2030-01-01", "bis": "2030-12-31"})

    assert "Keine Berichtsaufträge in diesem Zeitraum." in response.text


# Public and fuller figures ----------------------------------------------------------------------------

EXPECTED_PLANNING_TOTAL = {
    "citizen": 1,
    "spd_staff": 1,
    "b2_chair": 1,
    "b2_member": 1,
    "integration_unit_staff": 1,
    "planning_unit_staff": 2,
    "office": 2,
}


@pytest.mark.parametrize(("persona", "planning_total"), EXPECTED_PLANNING_TOTAL.items())
def test_every_role_sees_the_page_counting_what_it_may_read(
    client, request, requests_, persona, planning_total
):
    user = request.getfixturevalue(persona)
    if user:
        client.force_login(user)

    response = client.get(URL, YEAR_2026)

    assert response.status_code == 200
    assert figures(response.context["units"])["FB 61"][0] == planning_total


def test_the_public_is_told_that_only_public_papers_count(client, requests_):
    response = client.get(URL, YEAR_2026)

    assert "Gezählt werden die Aufträge zu öffentlichen Drucksachen." in response.text


# The period --------------------------------------------------------------------------------------------


def test_the_current_year_is_shown_without_a_period(client, requests_):
    response = client.get(URL)

    assert response.context["period"].start == datetime.date(2026, 1, 1)
    assert response.context["period"].end == datetime.date(2026, 12, 31)


def test_requests_due_on_the_first_and_last_day_of_the_period_count(client, requests_):
    response = client.get(URL, {"von": "2026-03-31", "bis": "2026-05-31"})

    assert total(response) == (3, 0, 0, 2, 1)


def test_requests_due_a_day_outside_the_period_do_not_count(client, requests_):
    response = client.get(URL, {"von": "2026-04-01", "bis": "2026-05-30"})

    assert total(response) == (1, 0, 0, 1, 0)


def test_a_single_date_stands_for_the_rest_of_its_year(client, requests_):
    response = client.get(URL, {"von": "2025-06-01"})

    assert response.context["period"].end == datetime.date(2025, 12, 31)
    assert total(response) == (1, 0, 0, 1, 0)


def test_a_period_given_backwards_is_turned_round(client, requests_):
    response = client.get(URL, {"von": "2026-12-31", "bis": "2026-01-01"})

    assert total(response)[0] == 6
    assert "getauscht" in response.text


@pytest.mark.parametrize(
    "value",
    ["2026-13-45", "2026-02-30", "gestern", "99999-01-01", "0001-01-01", "' OR 1=1 --", "9" * 500],
)
def test_a_malformed_date_gives_the_page_with_a_message(client, requests_, value):
    response = client.get(URL, {"von": value, "bis": "2026-12-31"})

    assert response.status_code == 200
    assert response.context["period"].start == datetime.date(2026, 1, 1)
    assert "nicht berücksichtigt" in response.text


def test_the_period_is_part_of_the_address_to_pass_on(client, requests_):
    response = client.get(URL, {"von": "2026-03-31", "bis": "2026-05-31"})

    assert "von=2026-03-31&amp;bis=2026-05-31&amp;einheit=" in response.text


# The requests behind each figure ---------------------------------------------------------------------


def test_each_figure_links_to_the_requests_it_counts(client, requests_, integration_unit):
    response = client.get(URL, YEAR_2026)
    row = next(r for r in response.context["units"] if r["group_id"] == integration_unit.pk)
    overdue = next(cell for cell in row["cells"] if cell["label"] == "überfällig")

    listing = client.get(overdue["url"])

    assert listed(listing) == {requests_["overdue"].paper.title}


@pytest.mark.parametrize(
    ("state", "expected"),
    [
        ("fristgerecht", {"on_time", "last_minute"}),
        ("verspaetet", {"after_midnight"}),
        ("ueberfaellig", {"overdue"}),
        ("offen", {"open"}),
        ("unbeantwortet", {"overdue", "open"}),
    ],
)
def test_the_list_shows_the_requests_of_a_state(
    client, requests_, integration_unit, state, expected
):
    response = client.get(LIST_URL, {**YEAR_2026, "einheit": integration_unit.pk, "stand": state})

    assert listed(response) == {requests_[name].paper.title for name in expected}


def test_the_list_by_committee(client, requests_, planning_committee):
    response = client.get(LIST_URL, {**YEAR_2026, "gremium": planning_committee.pk})

    assert listed(response) == {requests_["planning_late"].paper.title}


def test_the_list_hides_requests_on_non_public_papers_from_citizens(client, requests_):
    response = client.get(LIST_URL, YEAR_2026)

    assert requests_["planning_closed"].paper.title not in listed(response)


@pytest.mark.parametrize(
    "query",
    [{"einheit": "abc"}, {"gremium": "1; DROP TABLE"}, {"einheit": "9" * 40}, {"einheit": "²"}],
)
def test_a_malformed_choice_gives_the_list_with_a_message(client, requests_, query):
    response = client.get(LIST_URL, {**YEAR_2026, **query})

    assert response.status_code == 200
    assert len(listed(response)) == 6


def test_an_unknown_state_gives_the_whole_list_with_a_message(client, requests_):
    response = client.get(LIST_URL, {**YEAR_2026, "stand": "erfunden"})

    assert len(listed(response)) == 6
    assert "Diesen Stand gibt es nicht" in response.text


def test_a_malformed_page_number_gives_a_page(client, requests_):
    response = client.get(LIST_URL, {**YEAR_2026, "seite": "x'"})

    assert response.status_code == 200


# CSV for the office and the administration --------------------------------------------------------------


def csv_lines(response):
    return b"".join(response.streaming_content if response.streaming else [response.content])


def test_the_office_downloads_the_figures_as_csv(client, office, requests_):
    client.force_login(office)

    response = client.get(URL, {**YEAR_2026, "format": "csv"})

    text = csv_lines(response).decode("utf-8-sig")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert (
        "Verwaltungseinheit;Fachbereich Stadtplanung;2026-01-01;2026-12-31;2;0;0;1;1;79,5" in text
    )


def test_the_administration_downloads_the_open_requests_as_csv(
    client, integration_unit_staff, requests_
):
    client.force_login(integration_unit_staff)

    response = client.get(LIST_URL, {**YEAR_2026, "stand": "unbeantwortet", "format": "csv"})

    lines = csv_lines(response).decode("utf-8-sig").splitlines()
    assert len(lines) == 3
    assert lines[0].startswith("Drucksache;Betreff;Verwaltungseinheit")
    assert ";2026-10-31;überfällig;;" in lines[1]


@pytest.mark.parametrize("persona", ["citizen", "spd_staff", "b2_chair"])
@pytest.mark.parametrize("url", [URL, LIST_URL])
def test_only_the_office_and_the_administration_download_csv(
    client, request, requests_, persona, url
):
    user = request.getfixturevalue(persona)
    if user:
        client.force_login(user)

    response = client.get(url, {**YEAR_2026, "format": "csv"})

    assert response.status_code == 403


def test_a_title_in_the_csv_is_never_a_formula(client, office, b2, integration_unit):
    owed(integration_unit, b2, (2026, 12, 1), (2026, 11, 2), title='=HYPERLINK("http://x")')
    client.force_login(office)

    response = client.get(LIST_URL, {**YEAR_2026, "format": "csv"})

    rows = list(csv.reader(csv_lines(response).decode("utf-8-sig").splitlines(), delimiter=";"))
    assert rows[-1][1] == '\'=HYPERLINK("http://x")'


# Fast by construction ---------------------------------------------------------------------------------


def more_requests(b2, units, planning_committee, n=12):
    for k in range(n):
        answered = berlin((2026, 4, 1 + k)) if k % 2 else None
        owed(
            units[k % 2], (b2, planning_committee)[k % 2], (2026, 5, 1 + k), (2026, 3, 2), answered
        )


@pytest.mark.parametrize("url", [URL, LIST_URL])
def test_the_pages_need_as_many_queries_for_many_requests_as_for_few(
    client, office, requests_, b2, integration_unit, planning_unit, planning_committee, url
):
    client.force_login(office)
    client.get(url, YEAR_2026)
    with CaptureQueriesContext(connection) as few:
        client.get(url, YEAR_2026)
    more_requests(b2, [integration_unit, planning_unit], planning_committee)
    f.AdministrationUnitFactory(body=b2.body)

    with CaptureQueriesContext(connection) as many:
        client.get(url, YEAR_2026)

    assert len(many) == len(few)
