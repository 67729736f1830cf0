"""The accountability page and the list behind its figures in Chromium: WCAG 2.1 AA (axe-core),
nothing scrolls sideways on a 360 px phone, the tables become cards there."""

import datetime

import pytest
from django.urls import reverse

from tests import factories as f

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 800}
YEAR = "?von=2026-01-01&bis=2026-12-31"


def berlin(month, day):
    return datetime.datetime(2026, month, day, 10, 0, tzinfo=f.BERLIN)


@pytest.fixture
def requests_(b2, integration_unit, planning_unit):
    social = f.CommitteeFactory(
        body=b2.body,
        name="Ausschuss für Soziales, Gleichstellung, Integration und Seniorenangelegenheiten",
        short_name="ASGIS",
    )
    integration_unit.name = "Fachbereich Integration, Migration und Kommunales Integrationszentrum"
    integration_unit.save()
    rows = [
        (integration_unit, b2, (3, 31), berlin(3, 20)),
        (integration_unit, b2, (5, 31), berlin(6, 5)),
        (integration_unit, social, (10, 31), None),
        (planning_unit, social, (12, 15), None),
        (planning_unit, b2, (2, 28), berlin(2, 20)),
    ]
    for unit, committee, due, answered in rows:
        paper = f.requested_paper(
            committee=committee,
            title="Stand der Umsetzung des Kommunalen Integrationsmanagements in Castrop-Rauxel",
        )
        f.ReportRequestFactory(
            paper=paper,
            unit=unit,
            due_date=datetime.date(2026, *due),
            requested_at=berlin(1, 12),
            answered_at=answered,
        )


@pytest.mark.parametrize(
    ("name", "path"),
    [("rechenschaft", "reports:accountability"), ("berichtsauftraege", "reports:requests")],
)
def test_the_accountability_pages_are_accessible_on_a_phone_and_a_desktop(
    requests_, office, log_in, page, live_server, assert_accessible, screenshot, name, path
):
    log_in(office)

    for label, size in (("360", PHONE), ("1280", DESKTOP)):
        page.set_viewport_size(size)
        page.goto(live_server.url + reverse(path) + YEAR)
        screenshot(page, f"{name}-{label}")

        assert page.evaluate("document.documentElement.scrollWidth") <= size["width"]
        assert_accessible(page)


def test_a_citizen_follows_a_figure_to_the_requests_it_counts(requests_, page, live_server):
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + reverse("reports:accountability") + YEAR)

    page.get_by_role("link", name="1 überfällig: Fachbereich Integration").click()

    assert page.get_by_role("heading", level=1).inner_text() == "Berichtsaufträge: überfällig"
    assert page.locator("tbody tr").count() == 1
