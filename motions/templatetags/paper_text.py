"""Plain text as a paper's faction typed it: paragraphs, lists and links, never raw HTML."""

import re

from django import template
from django.utils.html import urlize
from django.utils.safestring import mark_safe

register = template.Library()

BULLET = re.compile(r"^\s*(?:[-*•→]|\d+[.)])\s+")
# Letters write links as <https://…>; the brackets go, the link stays.
BRACKETED_URL = re.compile(r"<(https?://[^\s<>]+)>")


def _inline(text):
    # urlize escapes the text itself (autoescape=True); links open as plain links.
    return urlize(BRACKETED_URL.sub(r"\1", text.strip()), nofollow=True, autoescape=True)


@register.filter(needs_autoescape=False)
def paper_text(value):
    """Blank lines separate paragraphs; lines starting with "-", "*", "•", "→" or "1." form lists.
    URLs, also in <angle brackets> as in a letter, become links."""
    if not value:
        return ""
    blocks = re.split(r"\n\s*\n", str(value).replace("\r\n", "\n").strip())
    html = []
    for block in blocks:
        lines = [line for line in block.split("\n") if line.strip()]
        if lines and all(BULLET.match(line) for line in lines):
            items = "".join(f"<li>{_inline(BULLET.sub('', line))}</li>" for line in lines)
            html.append(f"<ul>{items}</ul>")
        else:
            html.append("<p>" + "<br>".join(_inline(line) for line in lines) + "</p>")
    return mark_safe("\n".join(html))  # noqa: S308 - every piece went through escape/urlize


@register.filter
def address_line(person):
    """The addressee in the letter's address block, in the accusative: "Herrn Oliver Kuhn",
    "Frau Katrin Lasser"."""
    form = "Herrn" if person.form_of_address == "Herr" else person.form_of_address
    return " ".join(part for part in (form, person.name) if part)


@register.filter
def salutation(person):
    """The letter's greeting: "Sehr geehrte Frau Lasser," and so on."""
    if person is None:
        return "Sehr geehrte Damen und Herren,"
    surname = " ".join(part for part in (person.title, person.family_name) if part)
    if person.form_of_address == "Frau":
        return f"Sehr geehrte Frau {surname},"
    if person.form_of_address == "Herr":
        return f"Sehr geehrter Herr {surname},"
    return f"Guten Tag {person.given_name} {person.family_name},"


@register.filter
def chair_title(person):
    if person is not None and person.form_of_address == "Herr":
        return "den Vorsitzenden"
    if person is not None and person.form_of_address == "Frau":
        return "die Vorsitzende"
    return "den Vorsitz"  # no chair on record, or no form of address


@register.filter
def partners_for(paper, roles):
    """A joint paper's other originating factions, seen from the reader's side: for a sponsoring
    faction the others, for everyone else the co-sponsors of the lead faction."""
    factions = [sponsorship.faction for sponsorship in paper.sponsorships.all()]
    own = [faction for faction in factions if faction.pk in roles.factions]
    if own:
        return [faction for faction in factions if faction not in own]
    return factions[1:]  # sponsorships come lead first
