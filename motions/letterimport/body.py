"""Rules for the text of a letter: its sections by their headings, the proposed resolution,
the questions and their introduction, the justification, the report asked for, the closing and
the signatures."""

import re

from motions.letterimport.cleaning import LIST_MARKER, squash
from motions.letterimport.head import parse_date

RESOLUTION, QUESTIONS, JUSTIFICATION = "resolution", "questions", "justification"
HEADINGS = [
    (
        RESOLUTION,
        r"beschlussvorschlag|beschlussentwurf|beschlusstext|beschlussempfehlung|beschluss"
        r"|antragstext|antrag|(?:der|die|das)\s+\w+(?:\s+der stadt [\w\-]+)?\s+möge(?:n)?\s+beschließen"
        r"|(?:der|die|das)\s+\w+\s+beschließt|wir beantragen|die fraktion beantragt",
    ),
    (
        QUESTIONS,
        r"fragen|fragestellung|fragenkatalog|wir fragen(?: die verwaltung)?"
        r"|wir bitten um (?:die )?beantwortung (?:der|folgender) fragen",
    ),
    (
        JUSTIFICATION,
        r"begründung|sachverhalt|erläuterung|zur begründung|hintergrund|sachdarstellung",
    ),
]
HEADING = re.compile(
    r"^(?:\d{1,2}\.\s*|[IVX]{1,4}\.\s*)?(?P<heading>"
    + "|".join(f"(?P<{name}>{pattern})" for name, pattern in HEADINGS)
    + r")\s*(?::\s*(?P<rest>.*)|:?)$",
    re.IGNORECASE,
)
# A resolution that has no heading of its own begins like one.
RESOLUTION_START = re.compile(
    r"^(?:die verwaltung wird (?:beauftragt|aufgefordert|gebeten)"
    r"|(?:der|die|das) (?:rat|ausschuss|bezirksvertretung)\b.{0,60}\b(?:beschließt|möge)"
    r"|der bürgermeister wird (?:beauftragt|aufgefordert|gebeten))",
    re.IGNORECASE,
)
CLOSING = re.compile(
    r"^(?:mit freundlichen grüßen|mit freundlichem gruß|freundliche grüße|viele grüße|beste grüße"
    r"|mit besten grüßen|mit kollegialen grüßen|hochachtungsvoll|mfg)\b",
    re.IGNORECASE,
)
REQUEST = re.compile(
    r"\b(?:bitten|bitte|bittet|beantragen|beantragt|stellen|stellt|vorlegen|behandeln|tagesordnung|beantworten|beantwortung)\b",
    re.IGNORECASE,
)
QUESTION_INTRO = re.compile(
    r"frage|aspekt|eingegangen|beantwort|bericht|erläuter|darzustellen|darstellen|insbesondere",
    re.IGNORECASE,
)


def heading(line):
    """Rule `heading`: a line that is a section heading, in capitals or not, with or without
    colon or number ("BEGRÜNDUNG", "Beschlussentwurf:", "2. Begründung"), possibly followed by
    the section's first words ("Begründung: Die Straße …"). Returns (section, rest) or None."""
    match = HEADING.match(squash(line))
    if not match:
        return None
    section = next(name for name, _pattern in HEADINGS if match[name])
    return section, (match["rest"] or "").strip()


def closing_index(lines):
    """Rule `closing`: the last "Mit freundlichen Grüßen" (or a variant) ends the text."""
    indices = [i for i, line in enumerate(lines) if CLOSING.match(squash(line))]
    return indices[-1] if indices else None


def sections(lines):
    """Rule `sections`: the text cut at its headings. Returns {section: [lines]} with the lines
    before the first heading under "preamble"; a paragraph that begins like a resolution ("Die
    Verwaltung wird beauftragt …") opens the resolution when it has no heading."""
    found = {"preamble": []}
    current, sources = "preamble", {}
    for line in lines:
        match = heading(line)
        if match and not (match[0] == RESOLUTION and current == RESOLUTION and found[current]):
            current = match[0]
            found.setdefault(current, [])
            sources.setdefault(current, squash(line))
            if match[1]:
                found[current].append(match[1])
            continue
        if (
            current == "preamble"
            and RESOLUTION not in found
            and RESOLUTION_START.match(squash(line))
        ):
            current = RESOLUTION
            found[current] = []
            sources[current] = squash(line)
        found[current].append(line)
    return found, sources


def paragraphs(lines):
    """The non-empty paragraphs of lines, blank lines separating them."""
    out, current = [], []
    for line in [*lines, ""]:
        if line.strip():
            current.append(line.strip())
        elif current:
            out.append(current)
            current = []
    return out


def as_text(lines):
    """Lines as a text field: lines kept, one blank line between paragraphs."""
    return "\n\n".join("\n".join(squash(line) for line in p) for p in paragraphs(lines))


def list_items(lines):
    """Rule `list_items`: items marked by arrows, dashes, numbers, letters or bullets
    (→ – • 1. 1) a) (a)); a line without a marker right below an item continues it.
    Returns (lines before the first item, items, lines after the last)."""
    before, items, after = [], [], []
    previous_blank = True
    for line in lines:
        text = squash(line)
        marker = LIST_MARKER.match(text)
        if marker and not after:
            items.append(text[marker.end() :].strip())
        elif items and not after and text and not previous_blank:
            items[-1] = f"{items[-1]} {text}"
        elif items and text:
            after.append(line)
        elif not items:
            before.append(line)
        previous_blank = not text
    return before, items, after


def resolution_and_questions(lines, *, asked):
    """Rule `questions`: the items of a list are questions when the section is headed "Fragen",
    the paper is an inquiry, most items end with "?", or the paragraph just before them says so
    ("Daher soll insbesondere auf folgende Aspekte eingegangen werden:"). That paragraph is the
    questions' introduction; what comes before it is the proposed resolution.
    Returns (resolution, intro, questions, rest)."""
    before, items, after = list_items(lines)
    if not items:
        return as_text(lines), "", [], ""
    groups = paragraphs(before)
    intro = " ".join(groups[-1]) if groups and groups[-1][-1].rstrip().endswith(":") else ""
    if intro:
        # "Die Verwaltung wird gebeten, … zu berichten. Dabei soll … eingegangen werden:" holds
        # the resolution and, in its last sentence, the introduction.
        sentences = re.split(r"(?<=[.!?])\s+(?=[A-ZÄÖÜ])", squash(intro))
        if len(sentences) > 1:
            groups[-1:] = [[" ".join(sentences[:-1])], [sentences[-1]]]
            intro = sentences[-1]
    questioning = (
        asked
        or sum(item.rstrip().endswith("?") for item in items) * 2 >= len(items)
        or bool(intro and QUESTION_INTRO.search(intro))
    )
    if not questioning:
        return as_text(lines), "", [], ""
    resolution_lines = [
        line for group in (groups[:-1] if intro else groups) for line in [*group, ""]
    ]
    return as_text(resolution_lines), squash(intro), items, as_text(after)


def report_kind(text):
    """Rule `report_kind`: "schriftlich" asks for a written report, "mündlich" or "in der Sitzung
    … Bericht" for an oral one, both for both. Returns (kind, source sentence)."""
    for sentence in re.split(r"(?<=[.!?])\s+", text):
        lowered = sentence.lower()
        if not re.search(
            r"bericht|berichten|beantwort|darzustellen|darstellen|informieren", lowered
        ):
            continue
        written = "schriftlich" in lowered
        oral = "mündlich" in lowered or "in der sitzung" in lowered
        if written or oral:
            kind = "written_and_oral" if written and oral else "written" if written else "oral"
            return kind, sentence.strip()
    return "", ""


def meeting_date(text):
    """Rule `meeting_date`: a date near "Sitzung" ("in der Sitzung des B2 am 15.4.21") names the
    meeting; "in der nächsten Sitzung" asks for the committee's next one. Returns
    (date or "next" or None, source)."""
    for sentence in re.split(r"(?<=[.!?:])\s+", text):
        if re.search(r"sitzung|termin", sentence, re.IGNORECASE):
            day, date_text = parse_date(sentence)
            if day:
                return day, date_text
    match = re.search(r"(?:in der |zur )?nächsten Sitzung[^,.:;]*", text, re.IGNORECASE)
    if match:
        return "next", match.group(0).strip()
    return None, ""


NAME = re.compile(
    r"^(?:gez\.\s*)?(?P<name>(?:(?:Dr\.|Prof\.|Dipl\.-\w+\.?)\s+)*"
    r"[A-ZÄÖÜ][a-zäöüßé]+(?:-[A-ZÄÖÜ][a-zäöüßé]+)?"
    r"(?:\s+(?:von|van|de|zu|vom|von der)?\s*[A-ZÄÖÜ][a-zäöüßé]+(?:-[A-ZÄÖÜ][a-zäöüßé]+)?){1,2})$"
)
FUNCTION_WORDS = re.compile(
    r"fraktion|vorsitz|sprecher|mitglied|ratsherr|ratsfrau|stadtverordnet|geschäftsführ|gruppe"
    r"|für die|i\. ?a\.|stellv|bürger|ratsmitglied",
    re.IGNORECASE,
)


def is_name(text):
    return bool(NAME.match(text)) and not FUNCTION_WORDS.search(text)


def signatories(lines):
    """Rule `signatories`: after the closing, each signature is a name ("gez." allowed) and the
    function below it, which may run over two lines ("Vorsitzender der SPD-" / "Ratsfraktion");
    signatures side by side (in PDF text) are split at the wide gap between them.
    Returns [(name, function, source)]."""
    columns = []
    for line in lines:
        if re.match(r"^(?:Anlage|Anlagen|Verteiler)\b", squash(line), re.IGNORECASE):
            break
        cells = [cell.strip() for cell in re.split(r"\s{3,}", line.strip())]
        while len(columns) < len(cells):
            columns.append([""] * (len(columns[0]) if columns else 0))
        for index, column in enumerate(columns):
            column.append(cells[index] if index < len(cells) else "")
    return [found for column in columns for found in _signatures_in(column)]


def _signatures_in(lines):
    blocks, current = [], None
    for line in lines:
        text = squash(line)
        if not text:
            current = None
            continue
        if is_name(text):
            current = [NAME.match(text)["name"], []]
            blocks.append(current)
        elif current is not None:
            current[1].append(text.strip("()"))
    out = []
    for name, function_lines in blocks:
        function = ""
        for part in function_lines:
            function = (
                f"{function}{part}" if function.endswith("-") else f"{function} {part}".strip()
            )
        out.append((name, function, "\n".join([name, *function_lines])))
    return out
