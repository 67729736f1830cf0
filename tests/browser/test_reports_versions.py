"""A report's versions page in Chromium: WCAG 2.1 AA (axe-core) with insertions and deletions
marked, and nothing scrolls sideways on a 360 px phone."""

import pytest
from django.urls import reverse

from tests import factories as f
from tests.test_reports_versions import FIRST, SECOND, published

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 800}


def test_the_versions_page_is_accessible_on_a_phone_and_a_desktop(
    b2, integration_unit, page, live_server, assert_accessible, screenshot
):
    request = f.ReportRequestFactory(paper=f.requested_paper(committee=b2), unit=integration_unit)
    longer = {
        **SECOND,
        "introduction": "Die Verwaltung berichtet über die Integrationsmanagementstrukturen.\n\n"
        "Die Träger der Freien Wohlfahrtspflege sind eingebunden.",
    }
    report = published(request, [FIRST, longer])

    for label, size in (("360", PHONE), ("1280", DESKTOP)):
        page.set_viewport_size(size)
        page.goto(live_server.url + reverse("reports:versions", args=[report.pk]))
        screenshot(page, f"fassungen-{label}")

        assert page.evaluate("document.documentElement.scrollWidth") <= size["width"]
        assert_accessible(page)
