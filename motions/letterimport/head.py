"""Rules for the head of a letter: dates, place, receipt stamp, reference block, addressee,
type and subject. Each takes the letter's lines (or a line) and returns what it found, with
the text it came from."""

import datetime
import re

from motions.letterimport.cleaning import squash

MONTHS = {
    "januar": 1,
    "jan": 1,
    "jänner": 1,
    "februar": 2,
    "feb": 2,
    "märz": 3,
    "maerz": 3,
    "mär": 3,
    "mrz": 3,
    "april": 4,
    "apr": 4,
    "mai": 5,
    "juni": 6,
    "jun": 6,
    "juli": 7,
    "jul": 7,
    "august": 8,
    "aug": 8,
    "september": 9,
    "sep": 9,
    "sept": 9,
    "oktober": 10,
    "okt": 10,
    "november": 11,
    "nov": 11,
    "dezember": 12,
    "dez": 12,
}
_MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
DATE = re.compile(
    r"(?<![\d.])(?:"
    r"(?P<d1>\d{1,2})\.\s?(?P<m1>\d{1,2})\.\s?(?P<y1>\d{4}|\d{2})(?!\d)"
    rf"|(?P<d2>\d{{1,2}})\.\s*(?P<m2>{_MONTH_NAMES})\.?\s+(?P<y2>\d{{4}})"
    r"|(?P<y3>\d{4})-(?P<m3>\d{2})-(?P<d3>\d{2})"
    r")",
    re.IGNORECASE,
)


def parse_date(text):
    """Rule `date`: the first date in the text – 30. März 2021, 30.03.2021, 30.3.21, 2021-03-30."""
    for match in DATE.finditer(text):
        parts = match.groupdict()
        if parts["d1"]:
            day, month, year = int(parts["d1"]), int(parts["m1"]), int(parts["y1"])
        elif parts["d2"]:
            day, month, year = int(parts["d2"]), MONTHS[parts["m2"].lower()], int(parts["y2"])
        else:
            day, month, year = int(parts["d3"]), int(parts["m3"]), int(parts["y3"])
        if year < 100:
            year += 2000
        try:
            return datetime.date(year, month, day), match.group(0)
        except ValueError:
            continue
    return None, ""


RECEIPT = re.compile(r"^(?:Eingang|Eingegangen|Eing\.|Posteingang)\b", re.IGNORECASE)
PLACE_DATE = re.compile(
    r"^(?P<place>[A-ZÄÖÜ][\wÄÖÜäöüß.\-]*(?:[ \-][A-ZÄÖÜ(][\wÄÖÜäöüß.\-()]*){0,3})\s*,\s*(?:den\s+|am\s+)?(?P<date>.+)$"
)
DATE_LABEL = re.compile(r"^(?:Datum|vom|Schreiben vom|Stand)\s*:?\s*(?P<date>.+)$", re.IGNORECASE)


def receipt_stamp(lines):
    """Rule `receipt_stamp`: "Eingang: 12.03.2019" or "Eingegangen am …" is the day the letter
    reached the council office, not the day it was written."""
    for line in lines:
        if RECEIPT.match(squash(line)):
            day, _text = parse_date(line)
            if day:
                return day, squash(line)
    return None, ""


def place_and_date(lines):
    """Rule `place_and_date`: "Castrop-Rauxel, den 30. März 2021", or a labelled date
    ("Datum: 30.03.2021", "vom: 25. Mai 2016"). Returns (place, date, source line)."""
    for line in lines:
        text = squash(line)
        if RECEIPT.match(text):
            continue
        match = PLACE_DATE.match(text)
        if match:
            day, date_text = parse_date(match["date"])
            if day and match["date"].strip().startswith(date_text):
                return match["place"], day, text
        match = DATE_LABEL.match(text)
        if match:
            day, _date_text = parse_date(match["date"])
            if day:
                return "", day, text
    return "", None, ""


REFERENCE_LABELS = {
    "gremium": "committee",
    "ausschuss": "committee",
    "an": "committee",
    "sitzung": "meeting",
    "sitzungstermin": "meeting",
    "termin": "meeting",
    "sitzung am": "meeting",
    "top": "agenda_item",
    "tagesordnungspunkt": "agenda_item",
    "datum": "date",
    "vom": "date",
    "betreff": "title",
    "betr.": "title",
    "thema": "title",
    "fraktion": "factions",
    "fraktionen": "factions",
    "antragsteller": "factions",
    "antragstellerin": "factions",
    "antragsteller/in": "factions",
}
LABEL = re.compile(
    r"^(?P<label>"
    + "|".join(re.escape(k) for k in sorted(REFERENCE_LABELS, key=len, reverse=True))
    + r")\s*:\s*(?P<value>.*)$",
    re.IGNORECASE,
)


def reference_block(lines):
    """Rule `reference_block`: "Gremium: … Termin: … TOP: …" instead of an address. In PDF text
    the labels often come first, each on its line, and their values after in the same order."""
    found, pending = {}, []
    for line in lines:
        text = squash(line)
        if not text:
            continue
        match = LABEL.match(text)
        if match:
            key = REFERENCE_LABELS[match["label"].lower()]
            if match["value"].strip():
                found.setdefault(key, (match["value"].strip(), text))
            else:
                pending.append((key, text))
            continue
        if pending:
            key, label = pending.pop(0)
            found.setdefault(key, (text, f"{label} {text}"))
    return found


TYPE_WORDS = [
    ("dringlichkeitsantrag", "motion", True),
    ("änderungsantrag", "amendment", False),
    ("ergänzungsantrag", "amendment", False),
    ("große anfrage", "inquiry", False),
    ("kleine anfrage", "inquiry", False),
    ("anfrage", "inquiry", False),
    ("prüfantrag", "motion", False),
    ("antrag", "motion", False),
]
CHECKED = re.compile(r"(?:☒|☑|✔|✓|\[x\]|\(x\)|\bX\b)\s*([A-Za-zÄÖÜäöüß ]+)", re.IGNORECASE)
TYPE_LINE = re.compile(
    r"^(?P<word>dringlichkeitsantrag|änderungsantrag|ergänzungsantrag|(?:große |kleine )?anfrage|prüfantrag|antrag)\b(?P<rest>.*)$",
    re.IGNORECASE,
)


def paper_type(lines):
    """Rule `paper_type`: a ticked box (☒ Anfrage ☐ Antrag), else the first line that begins with
    the type (Antrag:, ANFRAGE, Änderungsantrag der …, Dringlichkeitsantrag).
    Returns (type, urgent, index of the line, source)."""
    for index, line in enumerate(lines):
        text = squash(line)
        if any(box in text for box in "☒☑☐✔✓") or re.search(r"\[[xX ]\]", text):
            match = CHECKED.search(text)
            if match:
                kind = _type_of(match.group(1))
                if kind:
                    return *kind, index, text
    for index, line in enumerate(lines):
        text = squash(line)
        match = TYPE_LINE.match(text)
        if match and not re.match(r"\s*(?:stellen|zu stellen|vom)\b", match["rest"]):
            return *_type_of(match["word"]), index, text
    return None, False, None, ""


def _type_of(words):
    words = words.strip().lower()
    for word, kind, urgent in TYPE_WORDS:
        if words.startswith(word):
            return kind, urgent
    return None


SALUTATION = re.compile(
    r"^(?:sehr geehrte|liebe[rs]?\b|guten tag|hallo\b|meine sehr geehrten)", re.IGNORECASE
)


def salutation_index(lines):
    """Rule `salutation`: "Sehr geehrte Frau Lasser," divides the head from the letter's text."""
    return next((i for i, line in enumerate(lines) if SALUTATION.match(squash(line))), None)


ADDRESS_START = re.compile(r"^(?:An\b|An:|Herrn\b|Frau\b|Den\b|Die\b|Der\b|Das\b)", re.IGNORECASE)


def addressee(lines):
    """Rule `addressee`: the block that begins with "An" (or "Herrn", "Frau", "Die Vorsitzende"),
    up to the next blank line or heading; "An" alone on a line starts the block below it."""
    for index, line in enumerate(lines):
        text = squash(line)
        if re.match(r"^An\s*:?$", text, re.IGNORECASE):
            block = _block(lines, index + 1)
            return " ".join(block), "\n".join(["An", *block])
        if re.match(r"^An\s*:?\s+\S", text, re.IGNORECASE) or re.match(
            r"^(?:Herrn|Frau)\s+\S|^(?:Den|Die|Der|An den|An die)\s+Vorsitzende", text
        ):
            block = _block(lines, index)
            return " ".join(block), "\n".join(block)
    return "", ""


def _block(lines, start):
    block = []
    for line in lines[start:]:
        text = squash(line)
        if not text:
            if block:
                break
            continue
        if TYPE_LINE.match(text) or SALUTATION.match(text):
            break
        block.append(re.sub(r"^An\s*:?\s*", "", text))
        if len(block) >= 6:
            break
    return block


TITLE_LABEL = re.compile(
    r"^(?:Betreff|Betr\.|Thema|Gegenstand)\s*:?\s*(?P<title>.+)$", re.IGNORECASE
)
# What may follow the type word on its line without being the subject.
NOT_A_TITLE = re.compile(
    r"^(?:der|des|von|gem\.|gemäß|nach|zur|zum|für die)\b|^(?:fraktion|ratsfraktion)", re.IGNORECASE
)


def title(lines, type_index):
    """Rule `title`: "Betreff: …", else the words after the type ("Antrag: Radweg …"), else the
    paragraph under the type line. Returns (title, source)."""
    for line in lines:
        match = TITLE_LABEL.match(squash(line))
        if match:
            return match["title"].strip(), squash(line)
    if type_index is None:
        return "", ""
    text = squash(lines[type_index])
    rest = TYPE_LINE.match(text)["rest"].strip() if TYPE_LINE.match(text) else ""
    rest = rest.lstrip(":–-").strip()
    if rest and not NOT_A_TITLE.match(rest):
        return rest.strip('„“"'), text
    block = []
    for line in lines[type_index + 1 :]:
        candidate = squash(line)
        if not candidate:
            if block:
                break
            continue
        if SALUTATION.match(candidate) or LABEL.match(candidate):
            break
        if NOT_A_TITLE.match(candidate) and not block:
            continue  # "der SPD-Fraktion" under "Antrag"
        block.append(candidate)
        if len(block) == 3:
            break
    found = " ".join(block).strip('„“"')
    return found, "\n".join(block)
