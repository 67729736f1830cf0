"""The demo's letters: the real sample (Castrop-Rauxel, 30 March 2021) and fictional papers
at every stage of the thread."""

import datetime
import zoneinfo
from dataclasses import dataclass

from council.management.commands._demo_calendar import HELD_BEFORE as DEMO_TODAY
from motions.models import (
    Outcome,
    PaperType,
    ReportKind,
)

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")
# The demo's "now", the same as the council demo's: no demo step happens after it.
DEMO_NOW = datetime.datetime.combine(DEMO_TODAY, datetime.time(0, 0), BERLIN)
PLACE = "Castrop-Rauxel"
OFFICE = "sitzungsdienst"
FACTION_LOGINS = {"SPD": "spd", "GRÜNE": "gruene"}  # the other factions send letters
CHAIR_LOGINS = {"B2": "b2-vorsitz"}  # elsewhere the council office records the outcomes
UNIT_LOGINS = {"FB 50": "verwaltung"}
LOGINS = [OFFICE, *FACTION_LOGINS.values(), *CHAIR_LOGINS.values(), *UNIT_LOGINS.values()]
AS_PROPOSED = "Der Ausschuss beschließt gemäß Beschlussvorschlag (einstimmig)."


@dataclass(frozen=True)
class Letter:
    """A paper as its faction wrote it, and the steps it went through: (verb, moment, *args),
    moments and days in ISO form. A decision or postponement without a moment happens 50
    minutes into the meeting. A letter with `received_on` came by post and the council office
    entered it."""

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


# The real letter (samples/000_e852decbb51c6a08.txt), every part as written.
SAMPLE = Letter(
    title="Stand der Umsetzung des Kommunalen Integrationsmanagements in Castrop-Rauxel",
    factions=("SPD", "GRÜNE"),
    committee="B2",
    target="2021-04-15",
    letter_date="2021-03-30",
    addressee=("Katrin", "Lasser"),
    request_text="wir bitten Sie, nachfolgenden Antrag in der nächsten Sitzung des Betriebsausschuss 2 behandeln zu lassen:",
    proposed_resolution="Die Verwaltung wird aufgefordert, schriftlich sowie in der Sitzung des B2 am 15.4.21, zum „Stand der Umsetzung des Kommunalen Integrationsmanagements in Castrop-Rauxel“ Bericht zu erstatten.",
    questions_intro="Daher soll insbesondere auf folgende Aspekte eingegangen werden:",
    questions=(
        "wie wird der Beschluss des Kreis Recklinghausen aus März 2020 zur Umsetzung des KIM bzw. zur Unterstützung der kreisangehörigen Städte in Castrop-Rauxel umgesetzt?",
        "wie werden in Castrop-Rauxel bewährte Träger der Freien Wohlfahrtspflege an der Umsetzung des Kommunalen Integrationsmanagements eingebunden?",
    ),
    justification=(
        "Das Land NRW möchte mit der flächendeckenden Implementierung des Kommunalen Integrationsmanagements (KIM) als Landesförderung, die komplexen Herausforderungen der Integration bündeln und Kommunen in Nordrhein-Westfalen dabei zu unterstützen. Dazu fördert das Land die Kreise und Städte im Rahmen des Kommunalen Integrationsmanagements (KIM) bei der Vernetzung, verschiedener Ämter und Akteur:innen, um Menschen zielgerichtet bei der Integration zu unterstützen. Das Ziel des KIM ist die Integration in Städten wie Castrop-Rauxel zu verstärken und weitere Angebote zum Thema Integration von Geflüchteten, EU-Bürger:innen und anderen Personenkreisen zu schaffen und anzubieten.\n\n"
        "Das Land NRW hat für die Umsetzung des KIM ein Handlungskonzept erstellt:\n\n"
        "<http://www.kfi.nrw.de/Foerderprogramme/Kommunales-Integrationsmanagement/2020-06-30-Handlungskonzept-FINAL.docx>. In dem Konzept heißt es, dass Träger der Freien Wohlfahrtspflege bei der Umsetzung des KIM durch Weitergabe von Fördermitteln (z.B. für das Casemanagement) einbezogen werden sollen. In Castrop-Rauxel würde sich für diesen Einbezug beispielsweise die Caritas und auch das Kultur- und Bildungszentrum AGORA anbieten, die seit vielen Jahren in vielen Feldern der Integrationsarbeit unserer Stadt wertvolle Beiträge leistet."
    ),
    report_kind=ReportKind.WRITTEN_AND_ORAL,
    report_meeting="2021-04-15",
    signatories=(
        ("Daniel", "Molloisch", "Vorsitzender der SPD Ratsfraktion"),
        ("Bert", "Wagener", "Fraktionsvorsitzender Bündnis90/ Die Grünen"),
    ),
    steps=(
        ("draft", "2021-03-29 11:00"),
        ("agree", "2021-03-30 09:30", "GRÜNE"),
        ("submit", "2021-03-30 16:20"),
        ("schedule", "2021-04-01 10:00", "2021-04-15"),
        ("decide", None, Outcome.ADOPTED, "Der Ausschuss beschließt gemäß Beschlussvorschlag."),
        ("request_report", "2021-04-15 17:55", "FB 50", "2021-04-15"),
        (
            "receive_report",
            "2021-04-15 18:15",
            "Schriftlich vorgelegt und in der Sitzung mündlich erstattet.",
        ),
        ("close", "2021-04-16 09:00", "Der Bericht wurde in der Sitzung erstattet."),
    ),
)

# Fictional papers of the demo council: on the demo's "today" one or more at every stage.
FICTIONAL = [
    Letter(
        title="Sichere Radwege an der Wittener Straße",
        factions=("SPD",),
        committee="ASU",
        target="2027-01-27",
        proposed_resolution="Die Verwaltung wird beauftragt, für die Wittener Straße zwischen Altstadtring und Stadtgrenze ein Konzept für durchgängig baulich getrennte Radwege zu erarbeiten und es dem Ausschuss bis Mai 2027 vorzulegen. Fördermöglichkeiten des Landes für die Nahmobilität sind dabei zu prüfen.",
        justification="Die Wittener Straße ist eine der meistbefahrenen Verbindungen zwischen der Altstadt und den südlichen Stadtteilen. Radfahrende teilen sich dort die Fahrbahn mit dichtem Auto- und Lieferverkehr; der Schutzstreifen endet mehrfach abrupt.\n\nDas Radverkehrskonzept weist die Strecke als Hauptroute aus. Eine sichere Führung ist die Voraussetzung dafür, dass mehr Menschen, auch Schülerinnen und Schüler, das Rad im Alltag nutzen.",
        steps=(("draft", "2026-11-18 14:30"),),
    ),
    Letter(
        title="Entsiegelung und Begrünung von Schulhöfen",
        factions=("GRÜNE", "SPD"),
        committee="ASU",
        target="2027-01-27",
        proposed_resolution="1. Die Verwaltung erstellt bis Mitte 2027 eine Übersicht aller städtischen Schulhöfe mit Versiegelungsgrad, Verschattung und Sanierungsbedarf.\n2. Auf dieser Grundlage wird ein Programm zur schrittweisen Entsiegelung und Begrünung aufgelegt, beginnend mit zwei Pilotschulhöfen im Jahr 2027.\n3. Schülerinnen und Schüler, Lehrkräfte und Eltern werden an der Planung beteiligt.",
        justification="Asphaltierte Schulhöfe heizen sich im Sommer stark auf und leiten Starkregen ungebremst in die Kanalisation. Entsiegelte, begrünte Flächen kühlen, nehmen Wasser auf und laden zum Spielen und Lernen im Freien ein.\n\nBund und Land fördern die Klimaanpassung; mit einer Übersicht kann die Stadt Fördermittel gezielt beantragen.",
        steps=(("draft", "2026-11-23 10:00"),),
    ),
    Letter(
        title="Ausbau der Kita-Plätze in Habinghorst",
        factions=("SPD",),
        committee="JHA",
        target="2027-01-13",
        letter_date="2026-11-19",
        proposed_resolution="Die Verwaltung wird beauftragt, Standorte für eine zusätzliche viergruppige Kindertageseinrichtung im Stadtteil Habinghorst zu prüfen und dem Jugendhilfeausschuss einen Vorschlag mit Kosten- und Zeitplan vorzulegen. Übergangsweise sind zusätzliche Gruppen in bestehenden Einrichtungen und in der Kindertagespflege zu ermöglichen.",
        justification="Nach der Kita-Bedarfsplanung 2026/27 fehlen in Habinghorst rund 60 Plätze für Kinder unter drei Jahren und etwa 45 Plätze für Kinder ab drei Jahren. Mit dem Neubaugebiet an der Habinghorster Straße wird der Bedarf weiter steigen.\n\nEltern haben einen Rechtsanspruch auf einen Betreuungsplatz. Wer keinen Platz findet, kann oft nicht wie geplant in den Beruf zurückkehren.",
        steps=(("draft", "2026-11-17 09:40"), ("submit", "2026-11-19 15:10")),
    ),
    Letter(
        title="Änderungsantrag zum Antrag „Ausbau der Kita-Plätze in Habinghorst“",
        paper_type=PaperType.AMENDMENT,
        amends="Ausbau der Kita-Plätze in Habinghorst",
        factions=("CDU",),
        committee="JHA",
        target="2027-01-13",
        letter_date="2026-11-23",
        received_on="2026-11-24",
        proposed_resolution="Der Beschlussvorschlag wird um folgenden Satz ergänzt:\n\n„Bei der Standortprüfung sind Träger der freien Jugendhilfe und private Investoren einzubeziehen, die eine Einrichtung errichten und betreiben könnten; die Verwaltung berichtet, welche Fördermittel des Landes für den Platzausbau zur Verfügung stehen.“",
        justification="Freie Träger haben in den vergangenen Jahren mehrere Einrichtungen in Castrop-Rauxel schneller eröffnet, als es der Stadt selbst möglich gewesen wäre. Ihre Einbindung beschleunigt den Ausbau und entlastet den städtischen Haushalt.",
        steps=(("draft", "2026-11-24 10:05"), ("submit", "2026-11-24 10:30")),
    ),
    Letter(
        title="Hitzeschutz in Kitas und Grundschulen",
        factions=("GRÜNE",),
        committee="Rat",
        target="2026-11-26",
        letter_date="2026-11-20",
        proposed_resolution="Die Verwaltung wird beauftragt, im Rahmen des Hitzeaktionsplans bis zum Sommer 2027 für alle städtischen Kindertageseinrichtungen und Grundschulen Hitzeschutzmaßnahmen festzulegen (u. a. Verschattung, Trinkwasserangebote, angepasste Tagesabläufe) und ihre Umsetzung mit den Einrichtungen abzustimmen.",
        justification="In den vergangenen Sommern lagen die Raumtemperaturen in mehreren Kitas und Grundschulen tagelang über 30 Grad. Kleine Kinder sind durch Hitze besonders gefährdet.\n\nDer Hitzeaktionsplan nennt Kitas und Schulen als besonders schutzbedürftige Orte; Maßnahmen für die einzelnen Einrichtungen fehlen bisher.",
        steps=(("draft", "2026-11-19 16:00"), ("submit", "2026-11-20 11:45")),  # after the deadline
    ),
    Letter(
        title="Winternotprogramm für wohnungslose Menschen",
        factions=("SPD",),
        committee="Rat",
        target="2026-11-26",
        letter_date="2026-11-24",
        urgency_reason="Seit Mitte November liegen die Nachttemperaturen unter dem Gefrierpunkt, und die Notschlafstelle ist voll belegt. Eine Beratung erst im Januar käme für diesen Winter zu spät.",
        proposed_resolution="1. Die Notschlafstelle wird bis zum 31. März 2027 um 15 Plätze erweitert.\n2. Die Verwaltung richtet mit den Wohlfahrtsverbänden einen Kältebus ein, der bei Frost nachts bekannte Aufenthaltsorte wohnungsloser Menschen aufsucht.\n3. Die Mittel werden überplanmäßig bereitgestellt.",
        justification="Wohnungslose Menschen sind bei Frost in Lebensgefahr. Die Wohlfahrtsverbände berichten von deutlich mehr Menschen, die auf der Straße leben, als in den Vorjahren.",
        steps=(("draft", "2026-11-24 08:30"), ("submit", "2026-11-24 09:05")),
    ),
    Letter(
        title="Prioritätenliste für die Sanierung der Grundschulen",
        factions=("CDU",),
        committee="HFA",
        target="2027-01-12",
        letter_date="2026-11-06",
        received_on="2026-11-09",
        proposed_resolution="Die Verwaltung legt dem Haupt- und Finanzausschuss eine nach Dringlichkeit geordnete Liste für die Sanierung der städtischen Grundschulgebäude vor, mit baulichem Zustand, geschätzten Kosten und möglichem Zeitrahmen je Schule. Die Liste ist Grundlage der Haushaltsplanung ab 2028.",
        justification="Der Sanierungsstau an den Grundschulen ist groß, die Mittel sind knapp. Eine nachvollziehbare Reihenfolge schafft Verlässlichkeit für Schulen und Eltern und verhindert, dass von Fall zu Fall entschieden wird.",
        steps=(
            ("draft", "2026-11-09 13:40"),
            ("submit", "2026-11-09 14:00"),
            ("schedule", "2026-11-24 15:00", "2027-01-12"),
        ),
    ),
    Letter(
        title="Trinkwasserbrunnen in der Innenstadt",
        factions=("SPD",),
        committee="ASU",
        target="2026-10-21",
        letter_date="2026-10-05",
        proposed_resolution="Die Verwaltung wird beauftragt, mit dem Wasserversorger bis zum Sommer 2027 mindestens drei öffentliche Trinkwasserbrunnen in der Altstadt und am Marktplatz aufzustellen und die Kosten für Bau und Betrieb im Haushalt 2027 darzustellen.",
        justification="Das Wasserhaushaltsgesetz sieht vor, dass Kommunen Trinkwasser an öffentlichen Orten zugänglich machen. In heißen Sommern hilft ein Brunnen vor allem älteren Menschen, Kindern und Menschen ohne Wohnung.",
        steps=(
            ("draft", "2026-10-02 11:00"),
            ("submit", "2026-10-05 10:15"),
            ("schedule", "2026-10-12 09:00", "2026-10-21"),
            ("decide", None, Outcome.ADOPTED, AS_PROPOSED),
        ),
    ),
    Letter(
        title="Mehr Sitzbänke im Stadtgarten und an Spazierwegen",
        factions=("CDU",),
        committee="B1",
        target="2026-10-22",
        letter_date="2026-09-28",
        received_on="2026-09-29",
        proposed_resolution="Der EUV Stadtbetrieb wird beauftragt, im Jahr 2027 im Stadtgarten, an Spazierwegen und an Bushaltestellen ohne Sitzgelegenheit insgesamt 30 zusätzliche Sitzbänke aufzustellen. Die Standorte sind mit dem Seniorenbeirat abzustimmen.",
        justification="Für ältere Menschen und Menschen mit Behinderung entscheidet eine Bank alle paar hundert Meter darüber, ob sie einen Weg zu Fuß zurücklegen können.",
        steps=(
            ("draft", "2026-09-29 14:10"),
            ("submit", "2026-09-29 14:20"),
            ("schedule", "2026-10-13 09:00", "2026-10-22"),
            (
                "decide",
                None,
                Outcome.ADOPTED_AMENDED,
                "Der Ausschuss beschließt mit der Änderung, dass 2027 zunächst 20 Bänke aufgestellt werden (mehrheitlich bei 3 Gegenstimmen).",
            ),
        ),
    ),
    Letter(
        title="Kostenfreies Parken in der Innenstadt an Samstagen",
        factions=("AfD",),
        committee="ASU",
        target="2026-09-02",
        letter_date="2026-08-17",
        received_on="2026-08-18",
        proposed_resolution="Die Parkgebührenordnung wird so geändert, dass auf den städtischen Parkplätzen in der Innenstadt samstags keine Gebühren erhoben werden.",
        justification="Der Einzelhandel in der Innenstadt steht im Wettbewerb mit den großen Einkaufszentren der Umgebung, in denen das Parken kostenlos ist.",
        steps=(
            ("draft", "2026-08-18 10:00"),
            ("submit", "2026-08-18 10:10"),
            ("schedule", "2026-08-24 09:00", "2026-09-02"),
            ("decide", None, Outcome.REJECTED, "Der Antrag wird mehrheitlich abgelehnt."),
        ),
    ),
    Letter(
        title="Hundefreilauffläche in Ickern",
        factions=("FWI",),
        committee="B1",
        target="2026-10-22",
        letter_date="2026-10-01",
        received_on="2026-10-02",
        proposed_resolution="Die Verwaltung wird beauftragt, im Stadtteil Ickern eine geeignete städtische Fläche für eine eingezäunte Hundefreilauffläche zu benennen und die Kosten für Zaun, Abfallbehälter und Pflege zu ermitteln.",
        justification="In Ickern gibt es keine Fläche, auf der Hunde frei laufen dürfen. Eine eingezäunte Wiese entschärft Konflikte in Parks und auf Spielplätzen.",
        steps=(
            ("draft", "2026-10-02 09:00"),
            ("submit", "2026-10-02 09:10"),
            ("schedule", "2026-10-13 09:05", "2026-10-22"),
            (
                "refer",
                None,
                "ASU",
                "Die Angelegenheit wird zur weiteren Beratung in den Ausschuss für Stadtentwicklung und Umwelt verwiesen.",
            ),
        ),
    ),
    Letter(
        title="Sachstandsbericht zur Digitalisierung der Schulen",
        factions=("FDP",),
        committee="ASK",
        target="2026-10-26",
        letter_date="2026-10-05",
        received_on="2026-10-06",
        report_kind=ReportKind.ORAL,
        proposed_resolution="Die Verwaltung berichtet dem Ausschuss über die Ausstattung der Schulen mit digitalen Endgeräten, WLAN und IT-Unterstützung und über die Planung nach dem Auslaufen des DigitalPakts Schule.",
        justification="Viele Geräte aus dem DigitalPakt kommen an das Ende ihrer Nutzungsdauer. Der Ausschuss muss wissen, was für den Ersatz zu planen ist.",
        steps=(
            ("draft", "2026-10-06 11:00"),
            ("submit", "2026-10-06 11:10"),
            ("schedule", "2026-10-14 10:00", "2026-10-26"),
            (
                "decide",
                None,
                Outcome.TAKEN_NOTE,
                "Der Ausschuss nimmt den mündlichen Bericht der Verwaltung zur Kenntnis.",
            ),
        ),
    ),
    Letter(
        title="Integrationskurse mit Kinderbetreuung",
        factions=("SPD",),
        committee="B2",
        target="2026-06-18",
        letter_date="2026-05-27",
        report_kind=ReportKind.WRITTEN,
        proposed_resolution="Die Verwaltung wird beauftragt, mit der Volkshochschule und den Kursträgern zu prüfen, wie an allen Standorten der Integrationskurse eine begleitende Kinderbetreuung angeboten werden kann, und dem Betriebsausschuss 2 bis zum 30. September 2026 schriftlich zu berichten.",
        justification="Viele Mütter kleiner Kinder können an Integrationskursen nicht teilnehmen, weil eine Betreuung fehlt. Ohne Sprachkurs bleiben ihnen Ausbildung und Arbeit oft verschlossen.",
        steps=(
            ("draft", "2026-05-26 15:00"),
            ("submit", "2026-05-27 09:30"),
            ("schedule", "2026-06-03 10:00", "2026-06-18"),
            ("decide", None, Outcome.ADOPTED, AS_PROPOSED),
            ("request_report", "2026-06-19 09:00", "FB 50", "2026-09-30"),  # overdue by now
        ),
    ),
    Letter(
        title="Umsetzung des Radverkehrskonzepts",
        paper_type=PaperType.INQUIRY,
        factions=("GRÜNE",),
        committee="ASU",
        letter_date="2026-11-12",
        report_kind=ReportKind.WRITTEN,
        questions_intro="Wir fragen die Verwaltung:",
        questions=(
            "Welche der für 2024 bis 2026 vorgesehenen Maßnahmen des Radverkehrskonzepts sind umgesetzt, welche nicht?",
            "Aus welchen Gründen haben sich Maßnahmen verzögert, und bis wann ist mit ihrer Umsetzung zu rechnen?",
            "Welche Fördermittel von Land und Bund wurden für den Radverkehr beantragt und bewilligt?",
            "Wie viele Fahrradabstellanlagen sind seit 2024 an Schulen und Haltestellen hinzugekommen?",
        ),
        justification="Das Radverkehrskonzept wurde 2023 beschlossen. Drei Jahre später ist es Zeit für eine Zwischenbilanz.",
        steps=(
            ("draft", "2026-11-11 17:00"),
            ("submit", "2026-11-12 10:20"),
            ("request_report", "2026-11-13 08:45", "FB 61", "2026-12-10"),
        ),
    ),
    Letter(
        title="Schulwegsicherung in Ickern",
        factions=("GRÜNE", "SPD"),
        committee="ASK",
        target="2026-06-15",
        letter_date="2026-05-27",
        report_kind=ReportKind.WRITTEN,
        proposed_resolution="Die Verwaltung wird beauftragt, die Schulwege zur Grundschule Ickern und zur Gesamtschule mit den Schulen, den Elternvertretungen und der Polizei zu überprüfen, Gefahrenstellen zu benennen und bis zum 30. September 2026 schriftlich über geeignete Maßnahmen zu berichten (z. B. Querungshilfen, Tempo 30, Elternhaltestellen).",
        justification="Eltern berichten von gefährlichen Situationen an der Ickerner Straße, vor allem morgens, wenn viele Kinder gebracht werden.\n\nSichere Schulwege sind die Voraussetzung dafür, dass Kinder selbstständig zu Fuß oder mit dem Rad zur Schule kommen.",
        steps=(
            ("draft", "2026-05-22 10:00"),
            ("agree", "2026-05-26 16:00", "SPD"),
            ("submit", "2026-05-27 11:00"),
            ("schedule", "2026-06-01 10:00", "2026-06-15"),
            ("decide", None, Outcome.ADOPTED, AS_PROPOSED),
            ("request_report", "2026-06-16 09:00", "FB 40", "2026-09-30"),
            ("receive_report", "2026-09-24 14:00", "Der schriftliche Bericht liegt vor."),
        ),
    ),
    Letter(
        title="Beleuchtung des Radwegs am Emscherpark",
        factions=("GRÜNE",),
        committee="B1",
        target="2026-06-11",
        letter_date="2026-05-20",
        proposed_resolution="Der EUV Stadtbetrieb wird beauftragt, den Radweg am Emscherpark zwischen Bahnhof Rauxel und Bladenhorster Straße mit einer insektenfreundlichen, bewegungsgesteuerten LED-Beleuchtung auszustatten.",
        justification="Der Radweg ist eine wichtige Verbindung für Pendlerinnen und Pendler. Im Winter ist er morgens und abends stockdunkel; viele meiden ihn deshalb.",
        steps=(
            ("draft", "2026-05-19 12:00"),
            ("submit", "2026-05-20 10:00"),
            ("schedule", "2026-05-28 10:00", "2026-06-11"),
            ("decide", None, Outcome.ADOPTED, AS_PROPOSED),
            ("close", "2026-10-30 11:00", "Die Beleuchtung ist seit Oktober 2026 in Betrieb."),
        ),
    ),
    Letter(
        title="Kostenloses WLAN in den Bürgerhäusern",
        factions=("SPD",),
        committee="HFA",
        target="2026-09-01",
        letter_date="2026-08-20",
        proposed_resolution="Die Verwaltung wird beauftragt, in allen Bürgerhäusern ein kostenloses, frei zugängliches WLAN einzurichten.",
        justification="Bürgerhäuser sind Treffpunkte für Vereine, Initiativen und Kurse. Ein offenes WLAN gehört heute zur Grundausstattung.",
        steps=(
            ("draft", "2026-08-19 14:00"),
            ("submit", "2026-08-20 09:00"),
            (
                "withdraw",
                "2026-08-27 12:00",
                "Die Verwaltung hat zugesagt, das WLAN bis Ende 2026 einzurichten.",
            ),
        ),
    ),
    Letter(
        title="Erwerb einer Teilfläche an der Bahnhofstraße für einen Kita-Neubau",
        factions=("SPD",),
        committee="HFA",
        is_public=False,
        target="2026-11-24",
        letter_date="2026-11-05",
        proposed_resolution="Die Verwaltung wird beauftragt, mit der Eigentümerin über den Erwerb einer Teilfläche von rund 2.500 m² zu verhandeln. Der Kaufpreis darf den gutachterlich ermittelten Verkehrswert nicht überschreiten.",
        justification="Die Fläche liegt zentral im Einzugsbereich mit dem größten Fehlbedarf an Kita-Plätzen. Über Grundstücksgeschäfte wird nicht öffentlich beraten.",
        steps=(
            ("draft", "2026-11-04 16:00"),
            ("submit", "2026-11-05 09:30"),
            ("schedule", "2026-11-10 10:00", "2026-11-24"),
            ("decide", None, Outcome.ADOPTED, AS_PROPOSED),
        ),
    ),
    Letter(
        title="Zusätzliche Räume für den Offenen Ganztag an der Grundschule Deininghausen",
        factions=("SPD",),
        committee="ASK",
        target="2026-10-26",
        letter_date="2026-10-07",
        proposed_resolution="Die Verwaltung wird beauftragt, an der Grundschule Deininghausen kurzfristig zusätzliche Räume für den Offenen Ganztag zu schaffen, wenn nötig als Modulbau, damit der Rechtsanspruch auf Ganztagsbetreuung erfüllt werden kann.",
        justification="Seit dem Schuljahr 2026/27 haben Kinder der ersten Klasse einen Rechtsanspruch auf Ganztagsbetreuung. In Deininghausen stehen schon heute mehr Kinder auf der Warteliste, als Plätze vorhanden sind.",
        steps=(
            ("draft", "2026-10-06 10:00"),
            ("submit", "2026-10-07 09:00"),
            ("schedule", "2026-10-14 10:05", "2026-10-26"),
            ("postpone", None, "Auf Antrag der CDU-Fraktion vertagt: Beratungsbedarf."),
            ("schedule", "2026-11-19 10:00", "2026-12-01"),  # December is cancelled: February
        ),
    ),
    Letter(
        title="Strom- und Gassperren in Castrop-Rauxel",
        paper_type=PaperType.INQUIRY,
        factions=("LINKE",),
        committee="SozA",
        letter_date="2026-11-16",
        received_on="2026-11-17",
        report_kind=ReportKind.WRITTEN,
        questions=(
            "Wie viele Haushalte in Castrop-Rauxel waren 2025 und 2026 von Strom- oder Gassperren betroffen?",
            "Wie viele dieser Haushalte bezogen Leistungen nach dem SGB II oder dem SGB XII?",
            "Welche Vereinbarungen bestehen mit den Versorgern, um Sperren bei Haushalten mit Kindern oder pflegebedürftigen Menschen zu vermeiden?",
        ),
        justification="Steigende Energiepreise treffen Haushalte mit geringem Einkommen am härtesten. Eine Sperre im Winter gefährdet die Gesundheit.",
        steps=(("draft", "2026-11-17 09:30"), ("submit", "2026-11-17 09:45")),
    ),
    Letter(
        title="Mehrsprachige Informationen im Bürgerbüro",
        factions=("GRÜNE",),
        committee="B2",
        target="2027-01-28",
        letter_date="2026-11-17",
        proposed_resolution="Die Verwaltung wird beauftragt, die wichtigsten Formulare und Merkblätter des Bürgerbüros und der Ausländerbehörde in den in Castrop-Rauxel am häufigsten gesprochenen Sprachen bereitzustellen und die Einführung eines Video-Dolmetschdienstes zu prüfen.",
        justification="Wer die Sprache noch nicht gut beherrscht, scheitert oft schon an einem Formular. Mehrsprachige Informationen sparen Rückfragen und Termine.",
        steps=(("draft", "2026-11-16 18:00"), ("submit", "2026-11-17 10:00")),
    ),
]
