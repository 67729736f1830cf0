"""What the style sheet promises, measured in Chromium: a button looks the same whether it is a
link or a <button>."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.browser

BOTH_KINDS = """variant => ['a', 'button'].map(tag => {
    const element = document.createElement(tag);
    element.className = `button ${variant}`;
    element.textContent = 'Knopf';
    document.querySelector('main').append(element);
    const style = getComputedStyle(element);
    return [style.backgroundColor, style.color, style.borderColor];
})"""


@pytest.mark.parametrize("variant", ["button--secondary", "button--danger"])
def test_a_button_element_looks_like_a_link_of_the_same_variant(variant, db, page, live_server):
    page.goto(live_server.url + reverse("council:home"))

    link, button = page.evaluate(BOTH_KINDS, variant)

    assert button == link
