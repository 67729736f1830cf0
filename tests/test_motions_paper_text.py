"""The letter's wording: address block and salutation as German business letters have them."""

import pytest

from motions.templatetags.paper_text import address_line, salutation
from tests import factories as f


def person(form_of_address, title=""):
    return f.PersonFactory.build(
        form_of_address=form_of_address, title=title, given_name="Oliver", family_name="Kuhn"
    )


def test_the_address_block_names_a_man_in_the_accusative():
    assert address_line(person("Herr")) == "Herrn Oliver Kuhn"


def test_the_address_block_names_a_woman_as_frau():
    assert address_line(person("Frau")) == "Frau Oliver Kuhn"


def test_the_address_block_keeps_the_academic_title():
    assert address_line(person("Herr", title="Dr.")) == "Herrn Dr. Oliver Kuhn"


def test_the_address_block_without_a_form_of_address_is_the_name_alone():
    assert address_line(person("")) == "Oliver Kuhn"


@pytest.mark.parametrize(
    ("form_of_address", "title", "expected"),
    [
        ("Herr", "", "Sehr geehrter Herr Kuhn,"),
        ("Frau", "", "Sehr geehrte Frau Kuhn,"),
        ("Herr", "Dr.", "Sehr geehrter Herr Dr. Kuhn,"),
        ("", "", "Guten Tag Oliver Kuhn,"),
    ],
)
def test_the_salutation_follows_the_form_of_address(form_of_address, title, expected):
    assert salutation(person(form_of_address, title)) == expected


def test_the_salutation_without_an_addressee_greets_everyone():
    assert salutation(None) == "Sehr geehrte Damen und Herren,"
