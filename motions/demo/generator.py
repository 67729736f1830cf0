"""Generated papers for `demo --papers N`: bulk-inserted, each one's content fixed by its number."""

import datetime
import itertools
import random
import re
from dataclasses import dataclass, field

from django.db.models import Count
from django.utils import timezone

from council.models import AgendaItem, Meeting, MeetingState, Membership, Organization
from motions import services
from motions.deadlines import filing_deadline
from motions.demo.desk import Desk, request_text
from motions.demo.letters import (
    AS_PROPOSED,
    BERLIN,
    CHAIR_LOGINS,
    DEMO_NOW,
    DEMO_TODAY,
    FACTION_LOGINS,
    OFFICE,
    PLACE,
    UNIT_LOGINS,
)
from motions.models import (
    Action,
    Consultation,
    Outcome,
    Paper,
    PaperState,
    PaperType,
    Question,
    ReportKind,
    Signatory,
    Sponsorship,
    TimelineEntry,
)


def _table(text):
    """Rows of cells from lines with cells between "|"."""
    return [tuple(cell.strip() for cell in line.split("|")) for line in text.strip().splitlines()]


BATCH = 100
NUMBERED = re.compile(r" \(Nr\. (\d+)\)$")
YEARS = [2021, 2022, 2023, 2024, 2025, 2026, 2026]  # the year of the demo calendar twice
REPORT_UNITS = {"Rat": "FB 20", "HFA": "FB 20", "RPA": "FB 20", "ASU": "FB 61", "B1": "FB 61"}
REPORT_UNITS |= {"ASK": "FB 40", "JHA": "FB 51", "SozA": "FB 50", "B2": "FB 50"}
# committee | title | proposed resolution | first paragraph of the justification
MOTIONS = _table("""
Rat | Kommunale Wärmeplanung beschleunigen | Die Verwaltung legt die kommunale Wärmeplanung bis Ende 2027 vor und berichtet halbjährlich über den Stand. | Wer ein Haus besitzt, muss früh wissen, ob das Quartier an ein Wärmenetz kommt.
Rat | Klimaschutzkonzept fortschreiben | Das Klimaschutzkonzept wird mit dem Ziel einer klimaneutralen Stadtverwaltung bis 2035 fortgeschrieben. | Die Ziele des bisherigen Konzepts sind überholt; neue Förderprogramme sind hinzugekommen.
Rat | Resolution für eine auskömmliche Finanzierung der Kommunen | Der Rat fordert Bund und Land auf, die Kosten übertragener Aufgaben vollständig zu tragen. | Die Stadt trägt seit Jahren Kosten für Aufgaben, die ihr Bund und Land übertragen haben.
HFA | Photovoltaik auf städtischen Dächern | Die Verwaltung prüft alle städtischen Gebäude auf ihre Eignung für Photovoltaik und legt einen Ausbauplan mit Kosten und Finanzierung vor. | Eigener Solarstrom senkt die Energiekosten der Stadt dauerhaft.
HFA | Digitale Bürgerdienste ausbauen | Die Verwaltung bietet bis Ende 2027 die zehn am häufigsten nachgefragten Leistungen vollständig online an. | Viele Anliegen ließen sich ohne Termin im Rathaus erledigen.
HFA | Sanierung der Spielplätze | Im Haushalt 2027 werden zusätzlich 250.000 Euro für die Sanierung städtischer Spielplätze bereitgestellt. | Mehrere Spielplätze mussten wegen Mängeln ganz oder teilweise gesperrt werden.
ASU | Fahrradstraße auf der Bahnhofstraße prüfen | Die Verwaltung prüft, ob die Bahnhofstraße als Fahrradstraße ausgewiesen werden kann. | Die Bahnhofstraße wird schon heute stark von Radfahrenden genutzt.
ASU | Mehr Straßenbäume in den Stadtteilen | Die Verwaltung legt ein Programm vor, mit dem jährlich mindestens 200 zusätzliche Straßenbäume gepflanzt werden. | Straßenbäume spenden Schatten und kühlen die Stadt im Sommer.
ASU | Quote für geförderten Wohnungsbau | In neuen Bebauungsplänen mit mehr als 20 Wohneinheiten sind mindestens 30 Prozent der Wohnungen öffentlich gefördert zu errichten. | Bezahlbare Wohnungen sind knapp; die Wartelisten werden länger.
ASU | Tempo 30 vor Schulen und Kitas | Die Verwaltung ordnet vor allen Schulen und Kitas an Hauptstraßen Tempo 30 an, soweit die Straßenverkehrsordnung es zulässt. | Die geänderte Straßenverkehrsordnung erleichtert Tempo 30 vor Schulen und Kitas.
ASK | Sanierung der Schultoiletten | Die Verwaltung legt einen Zeitplan für die Sanierung der Schultoiletten vor. | Viele Kinder meiden die Schultoiletten, weil sie in schlechtem Zustand sind.
ASK | Schwimmunterricht für alle Grundschulkinder | Die Verwaltung stellt den Grundschulen ausreichend Wasserzeiten für den Schwimmunterricht bereit. | Immer mehr Kinder verlassen die Grundschule, ohne sicher schwimmen zu können.
ASK | Förderung der freien Kulturszene | Die Mittel für freie Kulturprojekte werden ab 2027 auf 80.000 Euro im Jahr erhöht. | Die freie Kulturszene erhält seit Jahren unveränderte Zuschüsse.
ASK | Sporthallenzeiten gerecht verteilen | Die Verwaltung legt nachvollziehbare Kriterien für die Vergabe der Hallenzeiten vor. | Vereine beklagen, dass die Vergabe der Hallenzeiten nicht nachvollziehbar ist.
SozA | Quartiersbüros in allen Stadtteilen | Die Verwaltung entwickelt ein Konzept für Quartiersbüros in allen Stadtteilen. | Quartiersbüros sind niedrigschwellige Anlaufstellen für Nachbarschaft und Beratung.
SozA | Seniorenbegegnungsstätten stärken | Die Zuschüsse für die Seniorenbegegnungsstätten werden an die gestiegenen Kosten angepasst. | Die Begegnungsstätten wirken der Vereinsamung älterer Menschen entgegen.
SozA | Sozialticket bekannter machen | Die Verwaltung informiert alle Leistungsberechtigten aktiv über das Sozialticket. | Viele Berechtigte wissen nicht, dass sie das Sozialticket nutzen können.
JHA | Jugendtreffs länger öffnen | Die städtischen Jugendtreffs öffnen freitags und samstags bis 22 Uhr. | Jugendliche brauchen gerade am Wochenende Orte, an denen sie sich treffen können.
JHA | Schulsozialarbeit an allen Grundschulen | An jeder Grundschule wird mindestens eine halbe Stelle für Schulsozialarbeit eingerichtet. | Die Schulen berichten von wachsendem Unterstützungsbedarf bei Kindern und Familien.
JHA | Ausbau der Familienzentren | Die Verwaltung prüft, welche Kitas zu Familienzentren weiterentwickelt werden können. | Familienzentren bündeln Beratung und Unterstützung für Familien unter einem Dach.
B1 | Straßenbeleuchtung auf LED umstellen | Der EUV Stadtbetrieb stellt die Straßenbeleuchtung bis 2029 vollständig auf LED um. | LED-Leuchten verbrauchen deutlich weniger Strom und halten länger.
B1 | Öffentliche Toilette in der Altstadt | Der EUV Stadtbetrieb richtet in der Altstadt eine barrierefreie öffentliche Toilette ein. | Besucherinnen und Besucher der Altstadt vermissen eine öffentliche Toilette.
B1 | Mehr Abfallbehälter an Spazierwegen | An viel genutzten Spazierwegen werden zusätzliche Abfallbehälter aufgestellt. | Überquellende Abfallbehälter und wilder Müll ärgern viele Spaziergänger.
B2 | Sprachkurse für Eltern in Kitas | Die Verwaltung bietet mit der Volkshochschule Sprachkurse für Eltern in Kitas an. | Eltern, die ihr Kind in die Kita bringen, erreicht ein Kurs am selben Ort am besten.
B2 | Willkommenslotsen in den Stadtteilen | Die Verwaltung baut mit den Wohlfahrtsverbänden ein Netz ehrenamtlicher Willkommenslotsen auf. | Neu Zugewanderte finden sich mit Hilfe aus der Nachbarschaft schneller zurecht.
B2 | Anerkennung ausländischer Berufsabschlüsse | Die Verwaltung richtet im Bürgerbüro eine Beratung zur Anerkennung ausländischer Berufsabschlüsse ein. | Fachkräfte werden gesucht, und viele Zugewanderte arbeiten unter ihrer Qualifikation.
""")
NON_PUBLIC_MOTIONS = _table("""
HFA | Ankauf eines Grundstücks für eine Feuerwache | Die Verwaltung verhandelt über den Ankauf des Grundstücks; der Kaufpreis darf den Verkehrswert nicht übersteigen. | Der bisherige Standort genügt den Anforderungen nicht mehr.
HFA | Anmietung von Räumen für eine Kita-Übergangslösung | Die Verwaltung mietet die angebotenen Räume für zunächst drei Jahre an. | Bis zur Fertigstellung des Neubaus fehlen Räume für zwei Gruppen.
""")
# committee | title | question | question …
INQUIRIES = _table("""
ASU | Baumfällungen und Ersatzpflanzungen | Wie viele städtische Bäume wurden in den letzten zwölf Monaten gefällt, und warum? | Wie viele Ersatzpflanzungen wurden vorgenommen? | Wie wird die Pflege junger Bäume in Trockenperioden sichergestellt?
ASK | Unterrichtsausfall durch Bauarbeiten | An welchen Schulen ist der Unterricht derzeit wegen Bauarbeiten eingeschränkt? | Welche Ausweichräume stehen zur Verfügung? | Bis wann sind die Arbeiten abgeschlossen?
JHA | Wartelisten in den Kitas | Wie viele Kinder stehen derzeit auf Wartelisten für einen Kita-Platz? | Wie verteilen sie sich auf die Stadtteile? | Wie oft haben Eltern ihren Rechtsanspruch geltend gemacht?
SozA | Unterbringung wohnungsloser Menschen | Wie viele Menschen sind derzeit ordnungsbehördlich untergebracht? | Wie lange dauert die Unterbringung im Durchschnitt? | Welche Angebote gibt es, um den Verlust der Wohnung zu verhindern?
HFA | Kosten externer Beratung | Welche externen Beratungsaufträge hat die Verwaltung in den letzten zwei Jahren vergeben? | Wie hoch waren die Kosten insgesamt?
B1 | Zustand der Brücken im Stadtgebiet | Wie viele städtische Brücken haben eine Zustandsnote von 3,0 oder schlechter? | Welche Brücken müssen in den nächsten fünf Jahren saniert werden? | Mit welchen Kosten rechnet die Verwaltung?
B2 | Wartezeiten in der Ausländerbehörde | Wie lange warten Antragstellende derzeit auf einen Termin? | Wie viele Stellen sind unbesetzt? | Welche Anträge können online gestellt werden?
""")
SECOND_PARAGRAPHS = [
    "Andere Städte im Kreis Recklinghausen haben damit gute Erfahrungen gemacht.",
    "Bürgerinnen und Bürger haben uns wiederholt auf das Anliegen hingewiesen.",
    "Fördermittel von Land und Bund sollten dafür ausgeschöpft werden.",
    "Damit die Maßnahme im nächsten Haushalt berücksichtigt werden kann, ist ein Beschluss jetzt nötig.",
]
OUTCOMES = [Outcome.ADOPTED] * 9 + [Outcome.ADOPTED_AMENDED] * 3 + [Outcome.REJECTED] * 4
OUTCOMES += [Outcome.TAKEN_NOTE] * 2
RESOLUTIONS = {
    Outcome.ADOPTED: AS_PROPOSED,
    Outcome.ADOPTED_AMENDED: "Der Ausschuss beschließt mit der in der Sitzung vorgetragenen Änderung (mehrheitlich).",
    Outcome.REJECTED: "Der Antrag wird mehrheitlich abgelehnt.",
    Outcome.TAKEN_NOTE: "Der Ausschuss nimmt den Bericht der Verwaltung zur Kenntnis.",
}
URGENCY = "Die Angelegenheit duldet keinen Aufschub bis zur nächsten regulären Sitzung."


@dataclass
class Step:
    at: datetime.datetime
    actor: object
    action: str
    to_state: str
    comment: str = ""
    meeting: Meeting | None = None
    outcome: str = ""
    unit: Organization | None = None
    due: datetime.date | None = None


@dataclass
class Invented:
    """A generated paper before it is written: the row, its parts and its whole life."""

    paper: Paper
    factions: list  # the lead first
    signatories: list  # (person, function)
    questions: tuple
    steps: list = field(default_factory=list)

    @property
    def done(self):
        """The steps taken by the demo's today; the paper stands where the last one left it."""
        return list(itertools.takewhile(lambda step: step.at < DEMO_NOW, self.steps))


def _office_hours(rng, first, last):
    day = first + datetime.timedelta(days=rng.randrange((last - first).days + 1))
    moment = datetime.time(rng.randint(8, 17), rng.randrange(0, 60, 5))
    return datetime.datetime.combine(day, moment, BERLIN)


def _days_later(rng, at, least, most, hour):
    return (at + datetime.timedelta(days=rng.randint(least, most))).replace(hour=hour, minute=0)


class Generator:
    """Invents paper number n: the same paper on every run for the same council."""

    def __init__(self, body):
        self.body = body
        desk = Desk(body)
        self.organizations, self.users = desk.organizations, desk.users
        factions = [o for o in self.organizations.values() if o.kind == "faction"]
        self.factions = sorted(factions, key=lambda faction: faction.short_name)
        seats = dict(
            Membership.objects.active(DEMO_TODAY)
            .filter(organization=self.organizations["Rat"])
            .values_list("on_behalf_of__short_name")
            .annotate(Count("pk"))
        )
        self.seats = [seats.get(faction.short_name, 1) for faction in self.factions]
        self.signers = {
            short: (person, services.default_function(person, [self.organizations[short]]))
            for short, person in desk.chairs.items()
        }
        self.meetings = {}  # committee: [(meeting, filing deadline)] in order of time
        meetings = Meeting.objects.filter(body=body).exclude(state=MeetingState.CANCELLED)
        for meeting in meetings.prefetch_related("organizations").order_by("start"):
            for organization in meeting.organizations.all():
                deadline = filing_deadline(meeting, body)
                self.meetings.setdefault(organization.short_name, []).append((meeting, deadline))

    def user(self, logins, short_name):
        return self.users[logins.get(short_name, OFFICE)]

    def invent(self, n):
        rng = random.Random(f"ratsfaden-demo-paper-{n}")
        kind, questions, resolution = rng.random(), (), ""
        if kind < 0.25:
            committee, title, *questions = rng.choice(INQUIRIES)
            reason = "Die Antworten sind für die weitere Beratung wichtig."
        else:
            committee, title, resolution, reason = rng.choice(
                NON_PUBLIC_MOTIONS if kind < 0.28 else MOTIONS
            )
        lead = rng.choices(self.factions, weights=self.seats)[0]
        # A joint paper of two factions that both write themselves, or both by letter.
        partners = [
            f
            for f in self.factions
            if f != lead and (f.short_name in FACTION_LOGINS) == (lead.short_name in FACTION_LOGINS)
        ]
        partner = rng.choice(partners) if rng.random() < 0.15 else None
        factions = [lead, partner] if partner else [lead]
        year = rng.choice(YEARS)
        last_day = min(datetime.date(year, 12, 18), DEMO_TODAY - datetime.timedelta(days=1))
        filed = _office_hours(rng, datetime.date(year, 1, 8), last_day)
        report_kind = (
            ReportKind.WRITTEN
            if questions
            else rng.choice([ReportKind.NONE] * 5 + [ReportKind.WRITTEN, ReportKind.ORAL])
        )
        paper = Paper(
            body=self.body,
            paper_type=PaperType.INQUIRY if questions else PaperType.MOTION,
            title=f"{title} (Nr. {n})",
            place=PLACE,
            committee=self.organizations[committee],
            proposed_resolution=resolution,
            questions_intro="Wir fragen die Verwaltung:" if questions else "",
            justification=f"{reason}\n\n{rng.choice(SECOND_PARAGRAPHS)}",
            report_kind=report_kind,
            is_public=not 0.25 <= kind < 0.28,  # land deals are not
            entered_on_behalf=lead.short_name not in FACTION_LOGINS,
            created_by=self.user(FACTION_LOGINS, lead.short_name),
        )
        signatories = [self.signers[f.short_name] for f in factions if f.short_name in self.signers]
        invented = Invented(paper, factions, signatories, tuple(questions))
        self._live(invented, rng, filed)
        return invented

    def _live(self, invented, rng, filed):
        paper, factions = invented.paper, invented.factions
        created = filed - datetime.timedelta(days=rng.randint(1, 6), hours=rng.randint(0, 6))
        invented.steps.append(Step(created, paper.created_by, Action.CREATED, PaperState.DRAFT))
        for partner in factions[1:]:
            if partner.short_name in FACTION_LOGINS:
                by = self.user(FACTION_LOGINS, partner.short_name)
                step = Step(
                    created + (filed - created) / 2,
                    by,
                    Action.AGREED,
                    PaperState.DRAFT,
                    partner.name,
                )
                invented.steps.append(step)
        meeting = None if invented.questions else self._target(paper, rng, filed)
        paper.request_text = request_text(paper.paper_type, meeting)
        if filed > DEMO_NOW - datetime.timedelta(days=35) and rng.random() < 0.3:
            return  # still a draft
        self._submit(invented, rng, filed)
        if invented.questions:
            self._answer(invented, rng, filed)
        elif rng.random() < 0.07:
            withdrawn = _days_later(rng, filed, 2, 9, hour=12)
            invented.steps.append(
                Step(withdrawn, paper.created_by, Action.WITHDRAWN, PaperState.WITHDRAWN)
            )
        else:
            self._decide(invented, rng, filed, meeting)

    def _target(self, paper, rng, filed):
        """The next meeting whose filing deadline is still open; now and then the next one at
        all, so that some papers come in late. The demo calendar begins in 2026."""
        on_time = rng.random() > 0.08
        for meeting, deadline in self.meetings.get(paper.committee.short_name, []):
            if meeting.start > filed + datetime.timedelta(days=3) and (
                deadline >= filed or not on_time
            ):
                paper.target_meeting, paper.filing_deadline = meeting, deadline
                return meeting
        return None

    def _submit(self, invented, rng, filed):
        paper = invented.paper
        paper.submitted_at, paper.submitted_by = filed, paper.created_by
        paper.letter_date = filed.date() - datetime.timedelta(days=rng.randint(0, 2))
        paper.received_on = filed.date() if paper.entered_on_behalf else None
        paper.late = (
            bool(paper.filing_deadline) and services.filed_at(paper) > paper.filing_deadline
        )
        if paper.late and rng.random() < 0.4:
            paper.late, paper.urgent, paper.urgency_reason = False, True, URGENCY
        if invented.questions:
            paper.report_due = filed.date() + datetime.timedelta(days=self.body.inquiry_answer_days)
        comment = "verspätet eingegangen" if paper.late else ""
        comment = "als Dringlichkeitsantrag" if paper.urgent else comment
        invented.steps.append(
            Step(filed, paper.created_by, Action.SUBMITTED, PaperState.SUBMITTED, comment)
        )

    def _answer(self, invented, rng, filed):
        """An inquiry goes straight to the administration; the committee takes note of the answer."""
        paper = invented.paper
        unit = self.organizations[REPORT_UNITS[paper.committee.short_name]]
        self._request(invented, _days_later(rng, filed, 1, 3, hour=9), unit, paper.report_due, rng)

    def _decide(self, invented, rng, filed, meeting):
        paper = invented.paper
        chair = self.user(CHAIR_LOGINS, paper.committee.short_name)
        if meeting is not None:
            scheduled = max(
                filed + datetime.timedelta(days=1), meeting.start - datetime.timedelta(days=12)
            )
            decided = meeting.start + datetime.timedelta(minutes=rng.randrange(20, 150, 5))
            comment = ""  # the agenda item's number, once it has one
        else:  # before the demo calendar: no meeting to put it on
            scheduled = _days_later(rng, filed, 4, 14, hour=10)
            decided = _days_later(rng, scheduled, 10, 30, hour=18)
            comment = f"{self.sitting(paper)}, {decided:%d.%m.%Y}"
        office = self.users[OFFICE]
        invented.steps.append(
            Step(scheduled, office, Action.SCHEDULED, PaperState.SCHEDULED, comment, meeting)
        )
        outcome = rng.choice(OUTCOMES)
        label = str(Outcome(outcome).label)
        invented.steps.append(
            Step(decided, chair, Action.DECIDED, PaperState.DECIDED, label, outcome=outcome)
        )
        adopted = outcome in (Outcome.ADOPTED, Outcome.ADOPTED_AMENDED)
        if adopted and (paper.report_kind != ReportKind.NONE or rng.random() < 0.4):
            requested = _days_later(rng, decided, 1, 3, hour=9)
            due = requested.date() + datetime.timedelta(days=rng.randint(30, 90))
            unit = self.organizations[REPORT_UNITS[paper.committee.short_name]]
            self._request(invented, requested, unit, due, rng)
        elif rng.random() < 0.6:
            closed = _days_later(rng, decided, 20, 120, hour=11)
            invented.steps.append(Step(closed, chair, Action.CLOSED, PaperState.CLOSED))

    def _request(self, invented, requested, unit, due, rng):
        """The report is asked for, arrives around its due date, and is presented."""
        chair = self.user(CHAIR_LOGINS, invented.paper.committee.short_name)
        comment = f"{unit.name}, {due:%d.%m.%Y}"
        step = Step(
            requested,
            chair,
            Action.REPORT_REQUESTED,
            PaperState.REPORT_REQUESTED,
            comment,
            unit=unit,
            due=due,
        )
        answered = datetime.datetime.combine(
            due + datetime.timedelta(days=rng.randint(-20, 12)), datetime.time(14), BERLIN
        )
        received = max(requested + datetime.timedelta(days=2), answered)
        clerk = self.user(UNIT_LOGINS, unit.short_name)
        closed = _days_later(rng, received, 10, 40, hour=11)
        invented.steps += [
            step,
            Step(received, clerk, Action.REPORT_RECEIVED, PaperState.REPORT_RECEIVED),
            Step(closed, chair, Action.CLOSED, PaperState.CLOSED, "Bericht zur Kenntnis genommen."),
        ]

    def sitting(self, paper):
        meetings = self.meetings.get(paper.committee.short_name)
        return meetings[0][0].name if meetings else "Sitzung"


def generate(body, wanted):
    """Add the generated papers numbered 1 to `wanted` that are missing; returns how many."""
    titles = Paper.objects.filter(body=body, title__contains=" (Nr. ").values_list(
        "title", flat=True
    )
    present = {int(match[1]) for title in titles if (match := NUMBERED.search(title))}
    missing = [n for n in range(1, wanted + 1) if n not in present]
    if missing:
        generator = Generator(body)
        _write(body, [generator.invent(n) for n in missing])
    return len(missing)


def _write(body, invented):
    for item in invented:
        _fold(item)
    filed = sorted(
        (i.paper for i in invented if i.paper.submitted_at), key=lambda p: p.submitted_at
    )
    for paper in filed:  # numbered in the order of filing, from the services' counters
        year = timezone.localdate(paper.submitted_at).year
        paper.reference = services.next_reference(body=body, paper_type=paper.paper_type, year=year)
    papers = Paper.objects.bulk_create([item.paper for item in invented])
    for item in invented:
        item.paper.created, item.paper.modified = item.done[0].at, item.done[-1].at
    # Inserting stamped them today. Small batches: one long CASE per field is slow on SQLite.
    Paper.objects.bulk_update(papers, ["created", "modified"], batch_size=BATCH)
    Sponsorship.objects.bulk_create(s for item in invented for s in _sponsorships(item))
    Signatory.objects.bulk_create(
        Signatory(paper=item.paper, person=person, function=function, order=order)
        for item in invented
        for order, (person, function) in enumerate(item.signatories)
    )
    Question.objects.bulk_create(
        Question(paper=item.paper, order=order, text=text)
        for item in invented
        for order, text in enumerate(item.questions, start=1)
    )
    _put_on_agendas(invented)
    TimelineEntry.objects.bulk_create(entry for item in invented for entry in _timeline(item))


def _fold(invented):
    """The row's state, and the fields its steps set, as of the demo's today."""
    paper, steps = invented.paper, invented.done
    paper.state = steps[-1].to_state
    for step in steps:
        if step.action == Action.DECIDED:
            paper.outcome = step.outcome
        elif step.action == Action.REPORT_REQUESTED:
            paper.report_unit, paper.report_due = step.unit, step.due
        elif step.action == Action.REPORT_RECEIVED:
            paper.report_received_at = step.at


def _sponsorships(invented):
    """The lead agrees by writing, unless the office entered its letter; a partner by its step."""
    agreed = {step.comment: step for step in invented.done if step.action == Action.AGREED}
    if not invented.paper.entered_on_behalf:
        agreed[invented.factions[0].name] = invented.done[0]
    for order, faction in enumerate(invented.factions):
        step = agreed.get(faction.name)
        yield Sponsorship(
            paper=invented.paper,
            faction=faction,
            is_lead=order == 0,
            agreed_at=step.at if step else None,
            agreed_by=step.actor if step else None,
        )


def _timeline(invented):
    state = ""
    for step in invented.done:
        internal = step.action in (Action.CREATED, Action.AGREED)
        yield TimelineEntry(
            paper=invented.paper,
            at=step.at,
            actor=step.actor,
            action=step.action,
            from_state="" if internal else state,
            to_state=step.to_state,
            comment=step.comment,
        )
        state = step.to_state


def _put_on_agendas(invented):
    """For each paper on a meeting's agenda: the item, placed and numbered by the services' own
    rule (public items before the non-public ones), with its result, and the consultation."""
    placed = []
    for item in invented:
        steps = {step.action: step for step in item.done}
        scheduled, decided = steps.get(Action.SCHEDULED), steps.get(Action.DECIDED)
        if scheduled is None or scheduled.meeting is None:
            continue
        paper, meeting = item.paper, scheduled.meeting
        title = f"{paper.reference} {paper.title}"
        agenda_item = services.append_agenda_item(meeting, title=title, public=paper.is_public)
        scheduled.comment = f"{meeting} – {agenda_item.number}"
        if decided:
            agenda_item.result, agenda_item.resolution_text = (
                decided.outcome,
                RESOLUTIONS[decided.outcome],
            )
        agenda_item.created, agenda_item.modified = scheduled.at, (decided or scheduled).at
        agenda_item.published_at = meeting.invited_at
        consultation = Consultation(
            paper=paper, meeting=meeting, agenda_item=agenda_item, organization=paper.committee
        )
        placed.append((agenda_item, consultation))
    items = [agenda_item for agenda_item, _consultation in placed]
    # Only these fields: the services' later insertions may have moved the items' order since.
    fields = ["result", "resolution_text", "created", "modified", "published_at"]
    AgendaItem.objects.bulk_update(items, fields, batch_size=BATCH)
    consultations = Consultation.objects.bulk_create(c for _item, c in placed)
    for agenda_item, consultation in placed:
        consultation.created, consultation.modified = agenda_item.created, agenda_item.modified
    Consultation.objects.bulk_update(consultations, ["created", "modified"], batch_size=BATCH)
