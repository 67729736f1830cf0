"""A citizen follows a paper by e-mail with the keyboard alone: from the paper's "Folgen" box to
the confirmed subscription, and unsubscribes again. Every screen passes axe-core (WCAG 2.1 AA)
at 360 and 1280 px."""

import re

import pytest
from django.core import mail
from django.core.cache import cache
from playwright.sync_api import expect

from motions import services as paper_steps
from subscriptions.models import Subscription
from tests import factories as f
from tests.browser.keyboard import choose_radio, focus_by_tab, type_into

pytestmark = pytest.mark.browser

BOTH = (360, 1280)


@pytest.fixture
def paper(b2, spd, spd_staff):
    cache.clear()
    paper = f.draft(committee=b2, by=spd_staff, factions=[spd], title="Integrationsmanagement")
    return paper_steps.submit(paper=paper, by=spd_staff)


def _link(path):
    message = mail.outbox[-1]
    return re.search(rf"https?://[^/\s]+({path}[^\s]+/)", message.body).group(1)


def test_a_citizen_follows_a_paper_by_keyboard(page, live_server, paper, check_screen):
    page.goto(live_server.url + paper.get_absolute_url())
    check_screen(page, "folgen-antrag", BOTH)

    focus_by_tab(page, "a[href^='/folgen/']")
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text("Per E-Mail folgen")
    check_screen(page, "folgen-formular", BOTH)

    type_into(page, "input[name=email]", "keine-adresse")
    focus_by_tab(page, "main button[type=submit]")
    page.keyboard.press("Enter")
    expect(page.locator("input[name=email]")).to_have_attribute("aria-invalid", "true")
    check_screen(page, "folgen-formular-fehler", BOTH)

    page.locator("input[name=email]").fill("")
    type_into(page, "input[name=email]", "leserin@example.org")
    choose_radio(page, "frequency", "instant")
    focus_by_tab(page, "main button[type=submit]")
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text("Bitte bestätigen Sie Ihre Adresse")
    check_screen(page, "folgen-bestaetigen", BOTH)

    page.goto(live_server.url + _link("/folgen/bestaetigen/"))
    focus_by_tab(page, "main button[type=submit]")
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text("Abonnement bestätigt")
    check_screen(page, "folgen-bestaetigt", BOTH)
    assert Subscription.objects.get().frequency == "instant"

    page.goto(live_server.url + _link("/folgen/abbestellen/"))
    check_screen(page, "folgen-abbestellen", BOTH)
    focus_by_tab(page, "main button[type=submit]")
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text("Abbestellt")
    assert not Subscription.objects.exists()
