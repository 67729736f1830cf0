"""The demo council's tables: who sits where, what they discuss, who logs in. `demo` makes rows."""

import datetime
import zoneinfo
from typing import NamedTuple

from council.models import AgendaResult as R

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")
PREVIOUS_TERM = {"start_date": datetime.date(2020, 11, 1), "end_date": datetime.date(2025, 10, 31)}
CURRENT_TERM = {"start_date": datetime.date(2025, 11, 1), "end_date": None}
SAMPLE_MEETING_START = datetime.datetime(2021, 4, 15, 17, 0, tzinfo=BERLIN)

SHORT_NAME = "castrop-rauxel"
BODY = {
    "name": "Stadt Castrop-Rauxel",
    "website": "https://www.castrop-rauxel.de",
    "municipality_key": "05562008",
    "state": "NW",
    "contact_email": "ratsbuero@example.org",
    "contact_name": "Büro des Rates/Sitzungsdienst",
    "filing_deadline_days": 10,
    "notice_period_days": 7,
    "inquiry_answer_days": 28,
}
TERMS = {"Wahlperiode 2020–2025": PREVIOUS_TERM, "Wahlperiode 2025–2030": CURRENT_TERM}
ADDRESS = {"street_address": "Europaplatz 1", "postal_code": "44575", "locality": "Castrop-Rauxel"}
ROOMS = ["Ratssaal", "Sitzungssaal 1", "Sitzungssaal 2"]

# The signatories and the addressee of the sample letter; everyone else is made up.
MOLLOISCH = ("Herr", "", "Daniel", "Molloisch")
WAGENER = ("Herr", "", "Bert", "Wagener")
LASSER = ("Frau", "", "Katrin", "Lasser")

# Short name, name, council seats (44 in all), fixed persons first (the first chairs it).
FACTIONS = [
    ("SPD", "SPD-Fraktion", 15, [MOLLOISCH, LASSER]),
    ("CDU", "CDU-Fraktion", 11, []),
    ("GRÜNE", "Fraktion Bündnis 90/Die Grünen", 6, [WAGENER]),
    ("AfD", "AfD-Fraktion", 5, []),
    ("FWI", "Fraktion FWI", 3, []),
    ("FDP", "FDP-Fraktion", 2, []),
    ("LINKE", "Fraktion Die Linke", 2, []),
]
COUNCIL_SIZE = sum(seats for _short, _name, seats, _fixed in FACTIONS)
STAFFED_FACTIONS = ["SPD", "GRÜNE"]
# A faction's expert citizen takes that faction's last seat in the committees named.
EXPERT_CITIZENS = [
    ("SPD", "ASU JHA"),
    ("SPD", "SozA"),
    ("CDU", "ASK B1"),
    ("CDU", "JHA"),
    ("GRÜNE", "ASU B2"),
    ("AfD", "ASK"),
    ("FWI", "B1"),
    ("FDP", "SozA"),
]
UNITS = [
    ("BdR", "Büro des Rates/Sitzungsdienst", "sitzungsdienst@example.org"),
    ("FB 20", "Fachbereich Finanzen", "fb20@example.org"),
    ("FB 40", "Fachbereich Schule und Sport", "fb40@example.org"),
    ("FB 50", "Fachbereich Integration", "fb50@example.org"),
    ("FB 51", "Fachbereich Jugend", "fb51@example.org"),
    ("FB 61", "Fachbereich Stadtplanung", "fb61@example.org"),
]
# The committees each unit works for: it reads their non-public papers and items.
SERVES = {
    "BdR": "Rat HFA RPA",
    "FB 20": "Rat HFA RPA",
    "FB 40": "ASK",
    "FB 50": "B2 SozA",
    "FB 51": "JHA",
    "FB 61": "ASU B1",
}


class Committee(NamedTuple):
    short_name: str
    name: str
    genitive: str  # the meeting's name is "Sitzung " + genitive
    classification: str
    size: int
    first_sitting: datetime.date  # then every `weeks` weeks on the same weekday
    weeks: int
    room: str  # no two organizations share a weekday and a room
    chair: str  # faction
    deputy: str  # faction


COUNCIL = Committee(
    "Rat",
    "Rat der Stadt Castrop-Rauxel",
    "des Rates der Stadt Castrop-Rauxel",
    "Rat",
    COUNCIL_SIZE,
    datetime.date(2026, 2, 5),
    6,
    "Ratssaal",
    "",
    "CDU",
)
COMMITTEES = [
    Committee(
        "HFA",
        "Haupt- und Finanzausschuss",
        "des Haupt- und Finanzausschusses",
        "Pflichtausschuss",
        15,
        datetime.date(2026, 1, 27),
        6,
        "Ratssaal",
        "SPD",
        "CDU",
    ),
    Committee(
        "ASU",
        "Ausschuss für Stadtentwicklung und Umwelt",
        "des Ausschusses für Stadtentwicklung und Umwelt",
        "Fachausschuss",
        15,
        datetime.date(2026, 1, 14),
        7,
        "Sitzungssaal 1",
        "GRÜNE",
        "SPD",
    ),
    Committee(
        "ASK",
        "Ausschuss für Schule, Sport und Kultur",
        "des Ausschusses für Schule, Sport und Kultur",
        "Fachausschuss",
        15,
        datetime.date(2026, 1, 19),
        7,
        "Sitzungssaal 2",
        "CDU",
        "GRÜNE",
    ),
    Committee(
        "SozA",
        "Sozialausschuss",
        "des Sozialausschusses",
        "Fachausschuss",
        13,
        datetime.date(2026, 1, 20),
        8,
        "Sitzungssaal 1",
        "SPD",
        "GRÜNE",
    ),
    Committee(
        "JHA",
        "Jugendhilfeausschuss",
        "des Jugendhilfeausschusses",
        "Pflichtausschuss",
        13,
        datetime.date(2026, 1, 21),
        8,
        "Sitzungssaal 2",
        "CDU",
        "SPD",
    ),
    Committee(
        "RPA",
        "Rechnungsprüfungsausschuss",
        "des Rechnungsprüfungsausschusses",
        "Pflichtausschuss",
        11,
        datetime.date(2026, 2, 9),
        8,
        "Sitzungssaal 1",
        "CDU",
        "SPD",
    ),
    Committee(
        "B1",
        "Betriebsausschuss 1",
        "des Betriebsausschusses 1",
        "Betriebsausschuss",
        13,
        datetime.date(2026, 1, 15),
        7,
        "Sitzungssaal 1",
        "CDU",
        "SPD",
    ),
    Committee(
        "B2",
        "Betriebsausschuss 2",
        "des Betriebsausschusses 2",
        "Betriebsausschuss",
        13,
        datetime.date(2026, 1, 22),
        7,
        "Sitzungssaal 2",
        "SPD",
        "GRÜNE",
    ),
]
B2 = next(committee for committee in COMMITTEES if committee.short_name == "B2")
PINNED_CHAIRS = {"B2": LASSER}

FAMILY_NAMES = [
    "Albers",
    "Bauer",
    "Becker",
    "Brandt",
    "Brinkmann",
    "Dietrich",
    "Ebert",
    "Fischer",
    "Franke",
    "Friedrich",
    "Graf",
    "Günther",
    "Hahn",
    "Hartmann",
    "Heinrich",
    "Hoffmann",
    "Horn",
    "Jansen",
    "Kaiser",
    "Keller",
    "Klein",
    "Koch",
    "Köhler",
    "König",
    "Kowalski",
    "Krämer",
    "Krause",
    "Kuhn",
    "Lange",
    "Lehmann",
    "Lorenz",
    "Ludwig",
    "Maier",
    "Marx",
    "Meyer",
    "Möller",
    "Neumann",
    "Nowak",
    "Otto",
    "Peters",
    "Pohl",
    "Richter",
    "Roth",
    "Sauer",
    "Schäfer",
    "Schmitz",
    "Scholz",
    "Schröder",
    "Schulte",
    "Schwarz",
    "Seidel",
    "Sommer",
    "Stein",
    "Thiel",
    "Vogel",
    "Voigt",
    "Winkler",
    "Yılmaz",
    "Zimmermann",
]
GIVEN_FEMALE = [
    "Anna",
    "Birgit",
    "Claudia",
    "Doris",
    "Elif",
    "Gabriele",
    "Heike",
    "Ines",
    "Julia",
    "Karin",
    "Lena",
    "Monika",
    "Nadine",
    "Petra",
    "Sabine",
    "Tanja",
    "Ursula",
    "Yvonne",
    "Andrea",
    "Christiane",
    "Daniela",
    "Eva",
    "Franziska",
    "Hannah",
    "Jessica",
    "Kerstin",
    "Laura",
    "Marion",
    "Nicole",
    "Silke",
]
GIVEN_MALE = [
    "Andreas",
    "Bernd",
    "Christian",
    "Dirk",
    "Emre",
    "Frank",
    "Georg",
    "Holger",
    "Jörg",
    "Klaus",
    "Lukas",
    "Markus",
    "Norbert",
    "Oliver",
    "Ralf",
    "Stefan",
    "Thomas",
    "Uwe",
    "Axel",
    "Detlef",
    "Hans-Peter",
    "Jens",
    "Kai",
    "Martin",
    "Michael",
    "Sven",
    "Tobias",
    "Volker",
    "Werner",
    "Jan",
]

TOPICS = {
    "Rat": [
        "Haushaltssatzung und Haushaltsplan 2027",
        "Gebührensatzung Abfallentsorgung 2027",
        "Bebauungsplan Nr. 241 „Ickerner Straße“ – Satzungsbeschluss",
        "Jahresabschluss 2025 EUV Stadtbetrieb",
        "Umbesetzung in Ausschüssen",
        "Klimaschutzkonzept – Fortschreibung",
    ],
    "HFA": [
        "Finanzbericht zum 30. Juni",
        "Beteiligungsbericht 2025",
        "Stellenplan 2027",
        "Überplanmäßige Aufwendungen Fachbereich Schule und Sport",
        "Digitalisierungsstrategie der Stadtverwaltung",
    ],
    "ASU": [
        "Bebauungsplan Nr. 245 „Am Deininghauser Bach“ – Aufstellungsbeschluss",
        "Radverkehrskonzept – Sachstand",
        "Hitzeaktionsplan Castrop-Rauxel",
        "Baumschutzsatzung – Änderung",
        "Integriertes Stadtentwicklungskonzept Altstadt",
    ],
    "ASK": [
        "Schulentwicklungsplan 2026–2031",
        "Offener Ganztag – Platzbedarf",
        "Sanierung Sporthalle Ickern",
        "Kulturförderrichtlinie – Neufassung",
        "Digitalpakt Schule – Sachstand",
    ],
    "SozA": [
        "Wohnraumversorgungskonzept",
        "Seniorenbericht 2026",
        "Sozialbericht 2026",
        "Förderung der Wohlfahrtsverbände",
        "Kommunale Pflegeplanung",
    ],
    "JHA": [
        "Kita-Bedarfsplanung 2026/27",
        "Kinder- und Jugendförderplan 2026–2030",
        "Kinderschutzkonzept",
        "Ausbau der Familienzentren",
        "Hilfen zur Erziehung – Bericht",
    ],
    "RPA": [
        "Prüfbericht Jahresabschluss 2025",
        "Prüfung des Vergabewesens – Bericht",
        "Prüfplan 2027",
        "Gesamtabschluss 2024",
    ],
    "B1": [
        "Wirtschaftsplan 2027 EUV Stadtbetrieb",
        "Kalkulation der Abfallgebühren 2027",
        "Friedhofsentwicklungsplan",
        "Winterdienst – Bericht",
        "Straßenreinigung – neue Reinigungsbezirke",
    ],
    "B2": [
        "Kommunales Integrationsmanagement – Sachstand",
        "Unterbringung Geflüchteter – Belegungsbericht",
        "Wirtschaftsplan 2027",
        "Quartiersarbeit Habinghorst",
        "Integrationskurse – Angebot und Nachfrage",
    ],
}
MOTIONS = [
    "Mehr Sitzbänke in der Altstadt",
    "Trinkwasserbrunnen in der Innenstadt",
    "Beleuchtung des Radwegs am Emscherpark",
    "Schulwegsicherung in Ickern",
    "Kostenloses WLAN in den Bürgerhäusern",
    "Längere Öffnungszeiten der Jugendtreffs",
]
CONFIDENTIAL = [
    "Grundstücksangelegenheit Gemarkung Rauxel, Flur 12",
    "Grundstücksangelegenheit Gemarkung Castrop, Flur 7",
    "Vergabe Reinigungsleistungen Los 3",
    "Vergabe Bauleistungen Sporthalle Ickern",
    "Stundung einer Gewerbesteuerforderung",
    "Mietvertrag Unterkunft Bahnhofstraße",
    "Niederschlagung von Forderungen",
]
OPENING = "Feststellung der ordnungsgemäßen Einberufung und der Beschlussfähigkeit"
QUESTION_TIME = "Einwohnerfragestunde"
MOTIONS_HEADING = "Anträge der Fraktionen"
NOTICES = "Mitteilungen der Verwaltung"
# The B2 meeting the sample motion asks a report for; a scheduled paper is appended to it.
SAMPLE_AGENDA = [
    ("Ö 1", OPENING, True),
    ("Ö 2", "Genehmigung der Niederschrift über die Sitzung vom 04.03.2021", True),
    ("Ö 3", "Jahresabschluss 2020", True),
    ("Ö 4", "Unterbringung Geflüchteter – Belegungsbericht", True),
    ("Ö 5", NOTICES, True),
    ("N 1", "Mietvertrag Unterkunft Bahnhofstraße", False),
]
ITEM_RESULTS = [R.ADOPTED] * 5 + [R.ADOPTED_AMENDED, R.TAKEN_NOTE, R.POSTPONED, R.REFERRED]
MOTION_RESULTS = [R.ADOPTED, R.ADOPTED, R.REJECTED, R.REFERRED, R.WITHDRAWN]
RESOLUTIONS = {
    R.ADOPTED: "{organ} beschließt gemäß Beschlussvorschlag ({vote}).",
    R.ADOPTED_AMENDED: "{organ} beschließt mit der in der Sitzung vorgetragenen Änderung ({vote}).",
    R.REJECTED: "Der Antrag wird mehrheitlich abgelehnt.",
    R.REFERRED: "Die Angelegenheit wird zur weiteren Beratung in die Fraktionen verwiesen.",
    R.POSTPONED: "Die Beratung wird auf die nächste Sitzung vertagt.",
    R.WITHDRAWN: "Der Antrag wird von der antragstellenden Fraktion zurückgezogen.",
    R.TAKEN_NOTE: "{organ} nimmt den Bericht der Verwaltung zur Kenntnis.",
}

LOGINS = {
    "sitzungsdienst": "Sitzungsdienst: alle Gremien, Personen und Sitzungen; Django-Admin",
    "spd": "Fraktionsgeschäftsstelle der SPD-Fraktion",
    "gruene": "Fraktionsgeschäftsstelle der Fraktion Bündnis 90/Die Grünen",
    "b2-vorsitz": "Katrin Lasser, Vorsitzende des Betriebsausschusses 2",
    "verwaltung": "Fachbereich Integration (FB 50)",
    "admin": "Superuser für die Django-Administration unter /verwaltung/",
}
