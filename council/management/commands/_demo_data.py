"""The demo council's tables, read from council/demo_data/*.toml. `demo` makes rows of them."""

import datetime
import tomllib
import zoneinfo
from pathlib import Path
from typing import NamedTuple

DATA = Path(__file__).resolve().parents[2] / "demo_data"
BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")


def _load(name):
    with (DATA / name).open("rb") as file:
        return tomllib.load(file)


_council, NAMES, AGENDAS = _load("council.toml"), _load("names.toml"), _load("agendas.toml")

SHORT_NAME, BODY, ADDRESS = _council["short_name"], _council["body"], _council["address"]
ROOMS = _council["rooms"]
SITTING_TIME, DISTRICT_SITTING_TIME = _council["sitting_time"], _council["district_sitting_time"]
SAMPLE_MEETING_START = _council["sample_meeting"].replace(tzinfo=BERLIN)
PREVIOUS_TERM, CURRENT_TERM = (
    {"start_date": term["start_date"], "end_date": term.get("end_date")}
    for term in (_council["terms"]["previous"], _council["terms"]["current"])
)
TERMS = {term.pop("name"): term for term in _council["terms"].values()}
# The organizations exist since the earliest term: the history of `demo --papers N` needs them.
FOUNDED = min(term["start_date"] for term in TERMS.values())
PEOPLE = {key: tuple(person) for key, person in _council["people"].items()}
LASSER = PEOPLE["Lasser"]
# (short name, name, seats, fixed persons): the first fixed person chairs the faction.
FACTIONS = [
    (f["short_name"], f["name"], f["seats"], [PEOPLE[key] for key in f.get("fixed", [])])
    for f in _council["factions"]
]
COUNCIL_SIZE = sum(seats for _short, _name, seats, _fixed in FACTIONS)
STAFFED_FACTIONS = [f["short_name"] for f in _council["factions"] if f.get("staffed")]
EXPERT_CITIZENS = [
    (faction, committees)
    for faction, groups in _council["expert_citizens"].items()
    for committees in groups
]
UNITS = [(u["short_name"], u["name"], u["email"]) for u in _council["units"]]
SERVES = {u["short_name"]: u["serves"].split() for u in _council["units"]}
DISTRICTS = _council["districts"]
LOGINS = _council["logins"]


class Committee(NamedTuple):
    """The council, a committee or a district council, as the demo builds it."""

    short_name: str
    name: str
    genitive: str  # the meeting's name is "Sitzung " + genitive
    classification: str
    size: int
    first_sitting: datetime.date | None  # then every `weeks` weeks (the demo calendar)
    weeks: int
    room: str
    chair: str  # faction
    deputy: str  # faction
    weekday: int  # in the history: the meeting's weekday (Monday 0) ...
    week: int  # ... in this week of the month (0 = the first seven days)
    sitting_time: datetime.time


def _committee(row, size):
    first = row["first_sitting"]
    return Committee(
        **{field: row[field] for field in ("short_name", "name", "genitive", "classification")},
        size=size,
        first_sitting=first,
        weeks=row["weeks"],
        room=row["room"],
        chair=row["chair"],
        deputy=row["deputy"],
        weekday=first.weekday(),
        week=(first.day - 1) // 7,
        sitting_time=SITTING_TIME,
    )


COUNCIL = _committee(_council["council"], COUNCIL_SIZE)
COMMITTEES = [_committee(row, row["size"]) for row in _council["committees"]]
B2 = next(committee for committee in COMMITTEES if committee.short_name == "B2")
PINNED_CHAIRS = {short: PEOPLE[key] for short, key in _council["pinned_chairs"].items()}


def district(k):
    """District council k (1, 2, …): a committee of its own with a monthly meeting."""
    chairs = DISTRICTS["chairs"]
    return Committee(
        **{
            field: DISTRICTS[field].format(k=k)
            for field in ("short_name", "name", "genitive", "classification")
        },
        size=DISTRICTS["size"],
        first_sitting=None,
        weeks=0,
        room=ROOMS[k % len(ROOMS)],
        chair=chairs[k % len(chairs)],
        deputy=chairs[(k + 1) % len(chairs)],
        weekday=k % 4,
        week=k // 4 % 3,
        sitting_time=DISTRICT_SITTING_TIME,
    )


def organization(short_name):
    """The council, a committee or a district council by its short name."""
    for committee in [COUNCIL, *COMMITTEES]:
        if committee.short_name == short_name:
            return committee
    prefix = DISTRICTS["short_name"].format(k="")
    return district(int(short_name.removeprefix(prefix)))


FAMILY_NAMES, GIVEN_FEMALE, GIVEN_MALE = NAMES["family"], NAMES["female"], NAMES["male"]
OPENING, QUESTION_TIME = AGENDAS["opening"], AGENDAS["question_time"]
MINUTES, NOTICES = AGENDAS["minutes"], AGENDAS["notices"]
STANDING = AGENDAS["standing"]
QUESTION_TIME_IN = AGENDAS["question_time_in"]
SAMPLE_AGENDA = [(number, title, number.startswith("Ö")) for number, title in AGENDAS["sample"]]
TOPICS, CONFIDENTIAL = AGENDAS["topics"], AGENDAS["confidential"]
ITEM_RESULTS, RESOLUTIONS = AGENDAS["item_results"], AGENDAS["resolutions"]
