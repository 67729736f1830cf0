"""A citizen follows the thread Ratsfaden exists for, with the keyboard alone, on the demo
council: she searches "Integrationsmanagement", opens the sample motion of SPD and GRÜNE, reads
the administration's answer to its first question, and subscribes to the motion by e-mail.
Every screen passes axe-core (WCAG 2.1 AA) and reflows, at 360 and 1280 px, after each step."""

import re

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.management import call_command
from playwright.sync_api import expect

from motions.models import Paper
from subscriptions.models import Subscription
from tests.browser.keyboard import choose_radio, focus_by_tab, type_into
from tests.browser.sample_letter import QUESTIONS, TITLE

pytestmark = pytest.mark.browser

BOTH = (360, 1280)
# The first words of the administration's answer to the first question, as the demo publishes it.
FIRST_ANSWER = "Der Kreis Recklinghausen hat im März 2020 beschlossen"


@pytest.fixture
def demo_council(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    cache.clear()
    call_command("demo", stdout=None)


def _confirmation_link():
    body = mail.outbox[-1].body
    return re.search(r"https?://[^/\s]+(/folgen/bestaetigen/[^\s]+/)", body).group(1)


def test_a_citizen_finds_the_sample_motion_reads_its_first_answer_and_follows_it(
    demo_council, page, live_server, check_screen
):
    page.goto(live_server.url + "/")
    check_screen(page, "weg-startseite", BOTH)

    type_into(page, "input[type=search][name=q]", "Integrationsmanagement")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/suche/\?q=Integrationsmanagement"))
    check_screen(page, "weg-suche", BOTH)

    sample = Paper.objects.get(title=TITLE)
    focus_by_tab(page, f"main a[href='{sample.get_absolute_url()}']")
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_contain_text(TITLE)
    check_screen(page, "weg-antrag", BOTH)

    pairs = page.locator(".question-answers").first
    expect(pairs.locator("dt").first).to_contain_text(QUESTIONS[0])
    expect(pairs.locator("dd").first).to_contain_text(FIRST_ANSWER)

    focus_by_tab(page, "a[href^='/folgen/']")
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text("Per E-Mail folgen")
    check_screen(page, "weg-folgen", BOTH)
    type_into(page, "input[name=email]", "leserin@example.org")
    choose_radio(page, "frequency", "daily")
    focus_by_tab(page, "main button[type=submit]")
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text("Bitte bestätigen Sie Ihre Adresse")
    check_screen(page, "weg-bestaetigen", BOTH)

    page.goto(live_server.url + _confirmation_link())
    focus_by_tab(page, "main button[type=submit]")
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text("Abonnement bestätigt")
    check_screen(page, "weg-bestaetigt", BOTH)
    subscription = Subscription.objects.get()
    assert (subscription.kind, subscription.frequency) == ("paper", "daily")
