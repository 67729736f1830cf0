"""Browser tests: Debian's Chromium, driven by Playwright, against pytest-django's live server.

Playwright's own browser download is never used; without /usr/bin/chromium these tests are
skipped, except in CI (the variable CI is set), where a missing browser is an error.
"""

import os
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings as django_settings
from django.test import Client, override_settings
from playwright.sync_api import sync_playwright

from tests.page_caches import turned_on

# Playwright's sync API keeps an event loop in the test thread, and Django refuses ORM calls
# from a thread with a running loop unless told that it is safe (here it is: nothing is async).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
SCREENS = {360: {"width": 360, "height": 740}, 1280: {"width": 1280, "height": 800}}
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"


@pytest.fixture(scope="session")
def browser():
    """One Chromium for the whole session; each test gets a fresh context (cookies, viewport)."""
    if not os.access(CHROMIUM, os.X_OK):
        message = (
            f"{CHROMIUM} is missing: install Debian's chromium package (scripts/ensure-chromium)."
        )
        if os.environ.get("CI"):
            pytest.fail(f"{message} The browser tests must run in CI.", pytrace=False)
        pytest.skip(message)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session", autouse=True)
def _live_server_static_files():
    # The live server builds its middleware once, when it starts, so WhiteNoise must see the
    # tests' static file settings (tests/conftest.py) before the first test applies them.
    static = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    storages = {**django_settings.STORAGES, "staticfiles": static}
    with override_settings(STATIC_ROOT=None, WHITENOISE_USE_FINDERS=True, STORAGES=storages):
        yield


@pytest.fixture(autouse=True)
def _page_caches_as_in_production(settings):
    # The browser tests commit, so a change starts a new generation as in production: every
    # journey runs through the public and the personal page caches, as people meet them.
    yield from turned_on(settings, "pages", "personal_pages")


@pytest.fixture(autouse=True)
def _plain_http_cookies(settings):
    # The live server speaks plain HTTP, and a browser never sends a Secure cookie back over it.
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False


def _new_context(browser):
    context = browser.new_context(
        viewport=SCREENS[1280], locale="de-DE", timezone_id="Europe/Berlin"
    )
    context.set_default_timeout(10_000)
    return context


def _hand_over_session(context, user, url):
    """Logs `user` in for the browser: a session made by the test client, handed over as cookie."""
    client = Client()
    client.force_login(user)
    name = django_settings.SESSION_COOKIE_NAME
    context.add_cookies([{"name": name, "value": client.cookies[name].value, "url": url}])


@pytest.fixture
def context(browser):
    context = _new_context(browser)
    yield context
    context.close()


@pytest.fixture
def page(context):
    return context.new_page()


@pytest.fixture
def log_in(context, live_server):
    """Logs a user in for the test's browser context."""
    return lambda user: _hand_over_session(context, user, live_server.url)


@pytest.fixture
def second_page(browser, live_server):
    """A page in a browser context of its own, for another person working alongside the first
    (each call a context of its own: several people can work side by side)."""
    contexts = []

    def page_for(user):
        context = _new_context(browser)
        contexts.append(context)
        _hand_over_session(context, user, live_server.url)
        return context.new_page()

    yield page_for
    for context in contexts:
        context.close()


@pytest.fixture
def citizen_page(browser):
    """A page in a browser context of its own, without a login: a citizen reading along."""
    context = _new_context(browser)
    yield context.new_page()
    context.close()


@pytest.fixture
def assert_accessible():
    """Checks the page in its current state with axe-core against WCAG 2.1 A and AA."""

    def assert_accessible(page):
        options = {"runOnly": {"type": "tag", "values": WCAG_21_AA}, "resultTypes": ["violations"]}
        results = Axe().run(page, options=options)
        assert results.violations_count == 0, f"{page.url}\n{results.generate_report()}"

    return assert_accessible


@pytest.fixture
def screenshot():
    """Saves a full-page screenshot to test-artifacts/screenshots/ for a person to look at."""

    def screenshot(page, name):
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=SCREENSHOTS / f"{name}.png", full_page=True)

    return screenshot


# What sticks out of the content column on the right: visible elements whose box ends beyond
# <main>'s padding (a table may scroll in its own wrapper; a closed <details> hides its content).
STICKING_OUT = """() => {
    const main = document.querySelector('main');
    const edge = main.getBoundingClientRect().right - parseFloat(getComputedStyle(main).paddingRight);
    return [...main.querySelectorAll('*')]
        .filter(element => !element.closest('.table-wrap, .visually-hidden, details:not([open]) > :not(summary)'))
        .filter(element => {
            const box = element.getBoundingClientRect();
            return box.width > 0 && box.height > 0 && box.right > edge + 0.5;
        })
        .map(element => element.outerHTML.slice(0, 120));
}"""


@pytest.fixture
def check_screen(assert_accessible, screenshot):
    """A screen as a person meets it at each width: a screenshot, axe-core, and nothing that
    scrolls sideways or sticks out of the content column (WCAG 1.4.10). The page is left at
    1280 px."""

    def check_screen(page, name, widths=(1280,)):
        for width in widths:
            page.set_viewport_size(SCREENS[width])
            screenshot(page, f"{name}-{width}px")
            assert_accessible(page)
            scroll_width = page.evaluate("document.documentElement.scrollWidth")
            assert scroll_width <= width, f"{name} scrolls sideways at {width} px"
            assert page.evaluate(STICKING_OUT) == [], f"{name} at {width} px"
        page.set_viewport_size(SCREENS[1280])

    return check_screen
