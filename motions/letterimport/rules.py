"""Reading a German motion letter, by named rules. The letter's text is cleaned (cleaning.py:
characters, repeated page headers and footers, page numbers, hyphenation, wrapped lines), its
head read (head.py: place and date, receipt stamp, reference block, addressee, type, subject),
its text cut at its headings (body.py: resolution, questions, justification, report, meeting)
and its signatures read after the closing. What a rule finds is kept with the text it came
from; what no rule finds stays empty. Matching the words to the council's factions, committees,
persons and meetings is matching.py's work.

Rules, in the order they run: normalise_characters, drop_repeated_page_lines, drop_page_numbers,
join_hyphenation, rejoin_wrapped_lines, drop_blank_runs; salutation, closing, receipt_stamp,
place_and_date, reference_block, addressee, paper_type, title; sections (heading), list_items,
questions, report_kind, meeting_date; signatories; fallback (a letter that fits no pattern)."""

from dataclasses import dataclass, field

from motions.letterimport import body as b
from motions.letterimport import head as h
from motions.letterimport.cleaning import clean, squash

TEXT_FIELDS = [
    "paper_type",
    "factions",
    "place",
    "letter_date",
    "received_on",
    "committee",
    "addressee",
    "target_meeting",
    "title",
    "request_text",
    "proposed_resolution",
    "questions_intro",
    "questions",
    "justification",
    "report_kind",
    "report_meeting",
    "signatories",
]


@dataclass
class Found:
    """What a rule found for one field, and the text of the letter it came from."""

    value: object = None
    source: str = ""
    choices: list = field(default_factory=list)  # candidates when the match is ambiguous

    @property
    def found(self):
        return self.value not in (None, "", [], ())


@dataclass
class Reading:
    """A letter as read: one Found per field (TEXT_FIELDS), notes for the user."""

    fields: dict
    urgent: bool = False
    notes: list = field(default_factory=list)
    # Texts the matching searches for factions: the head (without subject and addressee) and
    # the signatures' functions.
    faction_texts: list = field(default_factory=list)

    def __getitem__(self, name):
        return self.fields[name]


def read(text):
    """The letter's fields as the rules find them in its text."""
    lines = clean(text)
    fields = {name: Found() for name in TEXT_FIELDS}
    reading = Reading(fields=fields)
    start = h.salutation_index(lines)
    end = b.closing_index(lines)
    if end is not None and start is not None and end < start:
        end = None
    head_lines = lines[:start] if start is not None else lines
    _read_head(reading, head_lines)
    type_index = _type_index(reading, head_lines)
    if start is None:
        start = _text_start(head_lines, type_index)
        head_lines = lines[:start]
    text_lines = lines[start + 1 if h.salutation_index(lines) is not None else start : end]
    _read_text(reading, text_lines)
    if end is not None:
        _read_signatures(reading, lines[end + 1 :])
    reading.faction_texts.insert(0, _faction_head(head_lines, reading))
    _fallback(reading, lines)
    return reading


def _read_head(reading, lines):
    f = reading.fields
    place, day, source = h.place_and_date(lines)
    received, received_source = h.receipt_stamp(lines)
    refs = h.reference_block(lines)
    if day is None and "date" in refs:
        day, _date_text = h.parse_date(refs["date"][0])
        source = refs["date"][1]
    if place:
        f["place"] = Found(place, source)
    if day:
        f["letter_date"] = Found(day, source)
    elif received:
        f["letter_date"] = Found(received, received_source)
        reading.notes.append("Das Datum des Schreibens ist das des Eingangsstempels.")
    if received:
        f["received_on"] = Found(received, received_source)
    addressee, addressee_source = h.addressee(lines)
    if addressee:
        f["addressee"] = Found(addressee, addressee_source)
    committee = refs.get("committee")
    f["committee"] = (
        Found(committee[0], committee[1]) if committee else Found(addressee, addressee_source)
    )
    if "meeting" in refs:
        day, date_text = h.parse_date(refs["meeting"][0])
        if day:
            f["target_meeting"] = Found(day, refs["meeting"][1])
    for line in lines:
        # "Anfrage zur Sitzung am 15.04.2099" in the head names the meeting.
        if not f["target_meeting"].found and "sitzung" in line.lower():
            day, date_text = b.meeting_date(squash(line))
            if day and day != "next":
                f["target_meeting"] = Found(day, squash(line))
    if "factions" in refs:
        reading.faction_texts.append(refs["factions"][0])
    if "title" in refs:
        f["title"] = Found(refs["title"][0], refs["title"][1])


def _type_index(reading, lines):
    kind, urgent, index, source = h.paper_type(lines)
    if kind:
        reading.fields["paper_type"] = Found(kind, source)
        reading.urgent = urgent
    if not reading["title"].found:
        title, source = h.title(lines, index)
        if title:
            reading.fields["title"] = Found(title, source)
    return index


def _text_start(lines, type_index):
    """Without a salutation the text begins after the subject's paragraph, else at the top."""
    if type_index is None:
        return 0
    index = type_index + 1
    seen = False
    while index < len(lines):
        if lines[index].strip():
            seen = True
        elif seen:
            break
        index += 1
    return index


def _read_text(reading, lines):
    f = reading.fields
    parts, sources = b.sections(lines)
    preamble = b.paragraphs(parts["preamble"])
    if preamble and b.REQUEST.search(" ".join(preamble[0])):
        f["request_text"] = Found(" ".join(preamble[0]), "\n".join(preamble[0]))
    asked = f["paper_type"].value == "inquiry"
    resolution_lines = parts.get(b.RESOLUTION, [])
    question_lines = parts.get(b.QUESTIONS)
    if question_lines is None and asked:
        # An inquiry's questions follow its request, often without a heading.
        question_lines = [line for p in preamble[1:] for line in [*p, ""]]
    resolution, intro, questions, rest = b.resolution_and_questions(resolution_lines, asked=False)
    if question_lines:
        _res, q_intro, q_items, q_rest = b.resolution_and_questions(question_lines, asked=True)
        intro, questions = q_intro or intro, questions + q_items
        rest = "\n\n".join(t for t in (rest, _res if not q_intro else "", q_rest) if t)
    if resolution:
        f["proposed_resolution"] = Found(resolution, sources.get(b.RESOLUTION, ""))
    if intro:
        f["questions_intro"] = Found(intro, intro)
    if questions:
        f["questions"] = Found(questions, sources.get(b.QUESTIONS, questions[0]))
    if (
        rest
        and not f["request_text"].found
        and b.REQUEST.search(b.paragraphs(rest.split("\n"))[0][0])
    ):
        # Rule `closing_request`: "Wir bitten um schriftliche Beantwortung …" after the questions.
        request, _sep, rest = rest.partition("\n\n")
        f["request_text"] = Found(request, request)
    justification = b.as_text(parts.get(b.JUSTIFICATION, []))
    if rest:
        justification = "\n\n".join(t for t in (rest, justification) if t)
    if justification:
        f["justification"] = Found(justification, sources.get(b.JUSTIFICATION, ""))
    asking = " ".join(t for t in (resolution, intro, f["request_text"].value or "") if t)
    kind, source = b.report_kind(asking)
    if kind:
        f["report_kind"] = Found(kind, source)
        day, date_source = b.meeting_date(resolution or asking)
        if day and day != "next":
            f["report_meeting"] = Found(day, date_source)
    if not f["target_meeting"].found:
        day, source = b.meeting_date(f["request_text"].value or "")
        if day is None and f["report_meeting"].found:
            day, source = f["report_meeting"].value, f["report_meeting"].source
        if day:
            f["target_meeting"] = Found(day, source)


def _read_signatures(reading, lines):
    found = b.signatories(lines)
    if found:
        reading.fields["signatories"] = Found(
            [{"name": name, "function": function} for name, function, _source in found],
            "\n\n".join(source for *_rest, source in found),
        )
        reading.faction_texts.extend(function for _name, function, _source in found)


def _faction_head(lines, reading):
    """The head without the subject and the addressee, where a faction names itself."""
    skip = {
        squash(line)
        for name in ("title", "addressee")
        for line in (reading[name].source or "").split("\n")
    }
    return "\n".join(squash(line) for line in lines if squash(line) not in skip)


def _fallback(reading, lines):
    """Rule `fallback`: a letter in which no section is found keeps its whole text as the
    justification, with a note, so that nothing of it is lost."""
    f = reading.fields
    if any(f[name].found for name in ("proposed_resolution", "questions", "justification")):
        return
    f["justification"] = Found(b.as_text(lines), "")
    f["request_text"] = Found()  # it stands in the justification with the rest
    reading.notes.append(
        "Der Brief folgt keinem bekannten Aufbau: Sein ganzer Text steht in der Begründung. "
        "Bitte verteilen Sie ihn auf die Felder."
    )
