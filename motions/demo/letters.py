"""The demo's letters (data/letters.toml): the real sample (Castrop-Rauxel, 30 March 2021) and
fictional papers at every stage of the thread, and the demo logins that write them."""

import datetime
import tomllib
import zoneinfo
from dataclasses import dataclass
from pathlib import Path

from council.management.commands._demo_calendar import HELD_BEFORE as DEMO_TODAY
from motions.models import PaperType, ReportKind

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")
# The demo's "now", the same as the council demo's: no demo step happens after it.
DEMO_NOW = datetime.datetime.combine(DEMO_TODAY, datetime.time(0, 0), BERLIN)
PLACE = "Castrop-Rauxel"
OFFICE = "sitzungsdienst"
FACTION_LOGINS = {"SPD": "spd", "GRÜNE": "gruene"}  # the other factions send letters
CHAIR_LOGINS = {"B2": "b2-vorsitz"}  # elsewhere the council office records the outcomes
UNIT_LOGINS = {"FB 50": "verwaltung"}
LOGINS = [OFFICE, *FACTION_LOGINS.values(), *CHAIR_LOGINS.values(), *UNIT_LOGINS.values()]


@dataclass(frozen=True)
class Letter:
    """A paper as its faction wrote it, and the steps it went through (see the data file)."""

    title: str
    factions: tuple  # short names, the lead first
    committee: str
    steps: tuple
    paper_type: str = PaperType.MOTION
    target: str = ""  # the committee's first meeting on or after this day
    letter_date: str = ""
    received_on: str = ""
    request_text: str = ""
    proposed_resolution: str = ""
    questions_intro: str = ""
    questions: tuple = ()
    justification: str = ""
    report_kind: str = ReportKind.NONE
    report_meeting: str = ""
    urgency_reason: str = ""
    is_public: bool = True
    amends: str = ""  # title of the amended motion
    addressee: tuple = ()  # (given name, family name); else the chair at submission
    signatories: tuple = ()  # (given name, family name, function); else the faction chairs


def _letter(row):
    return Letter(
        **{
            key: tuple(tuple(v) if isinstance(v, list) else v for v in value)
            if isinstance(value, list)
            else value
            for key, value in row.items()
        }
    )


with (Path(__file__).parent / "data" / "letters.toml").open("rb") as _file:
    _letters = tomllib.load(_file)
SAMPLE = _letter(_letters["sample"])
FICTIONAL = [_letter(row) for row in _letters["fictional"]]
