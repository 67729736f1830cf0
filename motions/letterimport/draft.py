"""A letter read and matched: the draft's fields by the model's names, each with whether it was
found and where; as form data for the letter form and as JSON for `read_letter`."""

from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _

from motions.letterimport import matching as m
from motions.letterimport.rules import Found, read

# The fields the user sees a status for, with the form field that shows it.
STATUS_FIELDS = {
    "paper_type": "paper_type",
    "factions": "lead_faction",
    "place": "place",
    "letter_date": "letter_date",
    "committee": "committee",
    "target_meeting": "target_meeting",
    "title": "title",
    "request_text": "request_text",
    "proposed_resolution": "proposed_resolution",
    "questions_intro": "questions_intro",
    "justification": "justification",
    "report_kind": "report_kind",
    "report_meeting": "report_meeting",
    "signatories": "signers",
}
SOURCE_LENGTH = 160


@dataclass
class Draft:
    """The letter's fields matched to the body; `fields` maps model names to Found."""

    fields: dict
    urgent: bool = False
    notes: list = field(default_factory=list)

    def __getitem__(self, name):
        return self.fields[name]

    @property
    def questions(self):
        return self.fields["questions"].value or []

    def found_count(self):
        return sum(self.fields[name].found for name in STATUS_FIELDS), len(STATUS_FIELDS)

    def missing_labels(self, form):
        return [
            form.fields[form_name].label
            for name, form_name in STATUS_FIELDS.items()
            if not self.fields[name].found and form_name in form.fields
        ]


def draft_from_text(text, body):
    """Read the letter and match what it names to the body's records. Saves nothing."""
    reading = read(text)
    fields = dict(reading.fields)
    fields["factions"] = m.match_factions(reading.faction_texts, body)
    committee = m.match_committee(
        [
            reading["committee"].value,
            reading["request_text"].value,
            reading["proposed_resolution"].value,
        ],
        body,
    )
    fields["committee"] = committee
    fields["addressee"] = m.match_addressee(reading["addressee"].value, body, committee.value)
    letter_date = reading["letter_date"].value
    for name in ("target_meeting", "report_meeting"):
        read_value = reading[name]
        meeting = m.match_meeting(read_value.value, committee.value, body, after=letter_date)
        fields[name] = Found(meeting, read_value.source)
    fields["signatories"] = _signatories(reading["signatories"], fields["factions"].value, body)
    if not reading["report_kind"].found:
        fields["report_kind"] = Found(None, "")
    return Draft(fields=fields, urgent=reading.urgent, notes=reading.notes)


def _signatories(found, factions, body):
    among = m.members_of(factions) if factions else None
    signatories = []
    for signatory in found.value or []:
        person = m.match_person(signatory["name"], body, among=among)
        signatories.append({**signatory, "person": person.value, "choices": person.choices})
    return Found(signatories, found.source)


def form_initial(draft, *, leads):
    """Initial data for PaperForm. `leads` are the factions the user may file for: the lead is
    the first of the letter's factions among them, the others co-sponsor."""
    factions = draft["factions"].value or []
    lead = next((f for f in factions if f in leads), None)
    initial = {
        name: draft[name].value
        for name in (
            "paper_type",
            "place",
            "letter_date",
            "committee",
            "target_meeting",
            "title",
            "request_text",
            "proposed_resolution",
            "questions_intro",
            "justification",
            "report_kind",
            "report_meeting",
        )
        if draft[name].found
    }
    if lead is not None:
        initial["lead_faction"] = lead
    initial["co_sponsors"] = [f for f in factions if f != lead]
    initial["signers"] = [s["person"] for s in draft["signatories"].value or [] if s["person"]]
    if "letter_date" not in initial:
        initial["letter_date"] = None  # not today's date: the letter did not say
    return initial


def signatory_functions(draft):
    """{person id: the function under the signature}, as the letter prints it."""
    return {
        s["person"].pk: s["function"][:200]
        for s in draft["signatories"].value or []
        if s["person"] is not None
    }


def annotate(form, draft):
    """Tell at each field what the letter gave it: „gefunden: …“ with the words it came from,
    „nicht gefunden“, or the candidates of an ambiguous match."""
    for name, form_name in STATUS_FIELDS.items():
        if form_name not in form.fields:
            continue
        found = draft[name]
        form.fields[form_name].help_text = format_html(
            "{}{}", _status(found, name), _old_help(form.fields[form_name].help_text)
        )


def _old_help(text):
    return format_html(" <span>{}</span>", text) if text else ""


def _status(found, name):
    if found.choices:
        return format_html(
            '<strong class="letter-status letter-status--choice">{}</strong> {}',
            _("Mehrdeutig – bitte wählen:"),
            ", ".join(str(choice) for choice in found.choices),
        )
    if found.found and not (name == "signatories" and not any(s["person"] for s in found.value)):
        return format_html(
            '<span class="letter-status letter-status--found">{}</span> „{}“{}',
            _("gefunden:"),
            _shorten(found.source or _display(found.value)),
            _past(found.value),
        )
    if found.source:
        return format_html(
            '<strong class="letter-status letter-status--missing">{}</strong> {} „{}“',
            _("nicht gefunden"),
            _("– im Brief steht:"),
            _shorten(found.source),
        )
    return format_html(
        '<strong class="letter-status letter-status--missing">{}</strong> {}',
        _("nicht gefunden"),
        _("– bitte ergänzen."),
    )


def _past(value):
    """A meeting named in an old letter is found, but cannot be chosen any more."""
    start = getattr(value, "start", None)
    if start is None or start >= timezone.now():
        return ""
    return format_html(
        " – {}",
        _("die Sitzung am %(day)s hat bereits stattgefunden und ist nicht wählbar.")
        % {"day": timezone.localtime(start).strftime("%d.%m.%Y")},
    )


def _display(value):
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


def _shorten(text):
    text = " ".join(str(text).split())
    return text if len(text) <= SOURCE_LENGTH else text[: SOURCE_LENGTH - 1] + "…"


def signatories_html(draft):
    return format_html_join(
        "",
        "<li>{} – {} ({})</li>",
        (
            (
                s["name"],
                s["function"] or _("ohne Funktion"),
                _("zugeordnet")
                if s["person"]
                else _("mehrere Personen dieses Namens – bitte unten wählen")
                if s["choices"]
                else _("keiner Person zugeordnet"),
            )
            for s in draft["signatories"].value or []
        ),
    )


# JSON ---------------------------------------------------------------------------------------


def as_json(draft):
    """The draft for `read_letter`: fields by the model's names, questions and signatories as
    lists, and per field whether it was found and from which words."""
    data = {name: _json(draft[name].value) for name in draft.fields if name != "signatories"}
    data["urgent"] = draft.urgent
    data["signatories"] = [
        {
            "name": s["name"],
            "function": s["function"],
            "person": _json(s["person"]),
            "choices": [_json(c) for c in s["choices"]],
        }
        for s in draft["signatories"].value or []
    ]
    data["questions"] = draft.questions
    data["found"] = {name: found.found for name, found in draft.fields.items()}
    data["sources"] = {name: found.source for name, found in draft.fields.items() if found.source}
    data["choices"] = {
        name: [_json(c) for c in found.choices]
        for name, found in draft.fields.items()
        if found.choices
    }
    data["notes"] = draft.notes
    return data


def _json(value):
    if isinstance(value, list):
        return [_json(v) for v in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if hasattr(value, "pk"):
        item = {"id": value.pk, "name": getattr(value, "name", str(value))}
        if hasattr(value, "start"):
            item["start"] = timezone.localtime(value.start).isoformat()
        return item
    return value
