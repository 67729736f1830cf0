"""Rules that turn extracted text into the letter's logical lines: one paragraph, heading,
list item or address line per line, without the noise of pages, letterheads and PDF layout.

Each rule is a function from lines to lines, named after what it does; `clean` applies them in
order. Blank lines ("") mark paragraph breaks until `drop_blank_lines` at the end."""

import re
from collections import Counter

# Characters of word processors and PDF fonts that stand for plain ones.
CHARACTERS = {
    "\u00a0": " ",  # no-break space
    "\u2007": " ",
    "\u202f": " ",
    "\u00ad": "",  # soft hyphen: a possible break, never a character
    "\u200b": "",
    "\ufb00": "ff",
    "\ufb01": "fi",
    "\ufb02": "fl",
    "\ufb03": "ffi",
    "\ufb04": "ffl",
    "\t": "   ",  # a tab separates columns like a wide gap
    "\r": "",
}
CHARACTER_TABLE = str.maketrans(CHARACTERS)

PAGE_NUMBER = re.compile(
    r"^(?:-\s*\d{1,3}\s*-|Seite\s+\d{1,3}(?:\s*(?:von|/)\s*\d{1,3})?|\d{1,3}\s*(?:/|von)\s*\d{1,3}|\d{1,3})$",
    re.IGNORECASE,
)
# Letterhead and footer lines: contact and bank details. Only dropped outside the letter's text.
LETTERHEAD = re.compile(
    r"\b(?:IBAN|BIC|Bankverbindung|Sparkasse|Volksbank|Konto(?:nummer)?|BLZ|Tel(?:efon)?\.?|Fax|"
    r"E-?Mail|Internet|Steuer-?Nr|USt-?Id|Geschäftsstelle|Postfach)\b|www\.\S+\s*$|\S+@\S+\.\w+",
    re.IGNORECASE,
)
NO_JOIN_WORDS = {"und", "oder", "bzw", "sowie", "bis", "als", "wie"}
LIST_MARKER = re.compile(
    r"^(?:[→➔➢►▶•·●▪■\-–—*]|\d{1,2}[.)]|[a-z][.)]|\(\d{1,2}\)|\([a-z]\)|[IVX]{1,4}\.)\s+"
)


def normalise_characters(text):
    """Rule: unusual spaces, soft hyphens and ligatures become plain characters."""
    return text.translate(CHARACTER_TABLE)


def split_pages(text):
    """Pages as PDF text separates them by form feeds (one page for other formats)."""
    return [page.split("\n") for page in text.split("\f")]


def drop_repeated_page_lines(pages):
    """Rule: a line that opens or closes several pages is a running header or footer."""
    if len(pages) < 2:
        return pages
    edges = Counter()
    for page in pages:
        lines = [line.strip() for line in page if line.strip()]
        edges.update(set(lines[:3] + lines[-3:]))
    repeated = {line for line, count in edges.items() if count >= 2 and len(line) > 2}
    return [[line for line in page if line.strip() not in repeated] for page in pages]


def drop_page_numbers(lines):
    """Rule: lines that are only a page number ("2", "- 2 -", "Seite 2 von 3") go."""
    return [line for line in lines if not PAGE_NUMBER.match(line.strip())]


def join_hyphenation(lines):
    """Rule: a word hyphenated at the end of a line is joined ("Integrations-" + "management"),
    unless the next word is a conjunction, as in "Kultur- und Bildungszentrum"."""
    out = []
    for line in lines:
        if out and re.search(r"[a-zäöüß]-$", out[-1]) and re.match(r"[a-zäöüß]", line.strip()):
            next_word = re.match(r"[a-zäöüß]+", line.strip())[0]
            if next_word not in NO_JOIN_WORDS:
                out[-1] = out[-1][:-1] + line.strip()
                continue
        out.append(line)
    return out


def squash(line):
    """A line's words with single spaces between them."""
    return " ".join(line.split())


def rejoin_wrapped_lines(lines):
    """Rule: lines wrapped by the page width (PDF text, e-mails) become one paragraph again. A
    line continues in the next when it is nearly as wide as the widest line and the next is no
    list item; blank lines keep separating paragraphs."""
    widths = sorted(len(squash(line)) for line in lines if line.strip())
    if not widths:
        return lines
    # The widest lines of the letter's text; a single long URL must not set the measure.
    full = widths[int(len(widths) * 0.9)] if len(widths) > 10 else widths[-1]
    if full > 140:
        return lines  # paragraphs are already lines (DOCX, ODT, text typed without wrapping)
    out, joining = [], False
    for line in lines:
        text = squash(line)
        if joining and text and not LIST_MARKER.match(text):
            out[-1] = _join(squash(out[-1]), text)
        else:
            # Kept as it is: a wide gap may separate columns (signatures side by side).
            out.append(line.strip())
        joining = len(text) >= 0.7 * full
    return out


def _join(line, following):
    """A compound or a URL broken after its hyphen ("SPD-" / "Fraktion") is joined without a
    space; "Kultur-" / "und" keeps it."""
    if line.endswith("-") and re.match(r"[A-ZÄÖÜ0-9]", following):
        return line + following
    return f"{line} {following}"


def drop_blank_runs(lines):
    """Rule: several blank lines count as one paragraph break."""
    out = []
    for line in lines:
        if line.strip() or (out and out[-1].strip()):
            out.append(line.rstrip())
    while out and not out[-1].strip():
        out.pop()
    return out


def clean(text):
    """The letter's lines after every cleaning rule, blank lines marking paragraph breaks."""
    pages = drop_repeated_page_lines(split_pages(normalise_characters(text)))
    lines = [line for page in pages for line in drop_page_numbers(page)]
    lines = join_hyphenation([line.rstrip() for line in lines])
    lines = rejoin_wrapped_lines(lines)
    return drop_blank_runs(lines)
