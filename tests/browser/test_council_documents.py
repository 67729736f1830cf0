"""The minutes of results in Chromium: accessible (axe-core, WCAG 2.1 A and AA) and without
sideways scrolling on a phone, for a citizen and for the chair (who reads the non-public part)."""

import pytest
from django.urls import reverse

from council import agenda
from tests import factories as f

pytestmark = pytest.mark.browser

SCREENS = {"360px": {"width": 360, "height": 740}, "1280px": {"width": 1280, "height": 800}}


@pytest.fixture
def released(b2_meeting, b2_chair, spd, gruene):
    pool = agenda.add_item(b2_meeting, title="Sanierung des Hallenbads im Stadtteil Ickern")
    secret = agenda.add_item(b2_meeting, title="Grundstücksverkauf Am Markt 3", public=False)
    f.publish_agenda(b2_meeting)
    agenda.record_result(
        pool,
        by=b2_chair,
        result="adopted",
        resolution_text="Der Ausschuss beschließt die Sanierung gemäß Vorlage.",
    )
    agenda.record_votes(
        pool, by=b2_chair, factions=[(spd, 4, 0, 1), (gruene, 2, 1, 0)], confirmed=True
    )
    agenda.record_result(secret, by=b2_chair, result="rejected")
    return agenda.release_minutes(b2_meeting, by=b2_chair)


@pytest.mark.parametrize("screen", SCREENS)
@pytest.mark.parametrize("persona", ["citizen", "b2_chair"])
def test_the_minutes_meet_wcag_21_aa(
    screen, persona, request, released, page, live_server, log_in, assert_accessible, screenshot
):
    if persona != "citizen":
        log_in(request.getfixturevalue(persona))
    page.set_viewport_size(SCREENS[screen])

    response = page.goto(live_server.url + reverse("council:minutes", args=[released.pk]))

    assert response.ok
    screenshot(page, f"niederschrift-{persona}-{screen}")
    assert_accessible(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= SCREENS[screen]["width"]
