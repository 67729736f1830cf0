"""Working a page with the keyboard alone, as a person who uses no mouse does: Tab to an
element (its focus must be visible), then type, tick, choose or press Enter."""

from playwright.sync_api import expect


def focus_by_tab(page, selector, max_tabs=200):
    """Presses Tab until the element matching `selector` has the focus, visibly."""
    for _ in range(max_tabs):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            assert page.evaluate("document.activeElement.matches(':focus-visible')"), selector
            return
    raise AssertionError(f"{max_tabs} presses of Tab never reached {selector}")


def type_into(page, selector, text):
    focus_by_tab(page, selector)
    page.keyboard.type(text)


def toggle(page, selector):
    """A checkbox: reached with Tab, ticked with the space bar."""
    focus_by_tab(page, selector)
    page.keyboard.press("Space")
    expect(page.locator(selector)).to_be_checked()


def choose_radio(page, group, value):
    """Tab enters a radio group at its checked button; the arrow keys move the choice."""
    focus_by_tab(page, f"input[type=radio][name={group}]")
    target = page.locator(f"input[name={group}][value={value}]")
    for _ in range(page.locator(f"input[name={group}]").count()):
        if target.is_checked():
            return
        page.keyboard.press("ArrowDown")
    expect(target).to_be_checked()


# Chromium lays out a date field in its own interface language, not the page's: Debian's package
# without chromium-l10n shows mm/dd/yyyy even to a German page. The accessibility tree names the
# parts in the order shown.
DATE_PARTS = {"Day": "%d", "Tag": "%d", "Month": "%m", "Monat": "%m", "Year": "%Y", "Jahr": "%Y"}


def type_date(page, selector, date):
    """A date field: its parts typed as digits, in the order the browser shows them."""
    nodes = page.context.new_cdp_session(page).send("Accessibility.getFullAXTree")["nodes"]
    parts = [n["name"]["value"].split()[0] for n in nodes if n["role"]["value"] == "spinbutton"]
    type_into(page, selector, "".join(date.strftime(DATE_PARTS[part]) for part in parts[:3]))
    expect(page.locator(selector)).to_have_value(date.isoformat())


def choose_option(page, selector, first_letters, expected_value):
    """A closed select picks the option whose label starts with the typed letters."""
    focus_by_tab(page, selector)
    page.keyboard.type(first_letters)
    expect(page.locator(selector)).to_have_value(str(expected_value))


def press_enter_on(page, selector):
    """Tab to a button or link and press Enter; returns the response of the page it loads."""
    focus_by_tab(page, selector)
    with page.expect_navigation() as navigation:
        page.keyboard.press("Enter")
    return navigation.value
