"""Generated papers for `demo --papers N`: each one's life in memory, then written in bulk.

Paper n's words and life depend only on n and the meeting it is filed for (sizing.py), so a
second run adds only the papers that are missing. Everything per paper happens in memory; the
database sees one query per few thousand rows, and an agenda's places are counted once per
meeting (`Sitting`), never by reloading the agenda per paper.
"""

import bisect
import datetime
import random
import time
from contextlib import contextmanager
from itertools import batched

from django.contrib.auth import get_user_model
from django.db import connection, models
from django.db.models import Count, F, Max, OuterRef, Subquery
from django.utils import timezone

from council.management.commands import _demo_calendar as council_calendar
from council.management.commands import _demo_data as council_data
from council.management.commands import demo as council_demo
from council.models import AgendaItem, Meeting, MeetingState, Membership, Organization, Role
from motions import services
from motions.deadlines import filing_deadline
from motions.demo import routes, sizing
from motions.demo.desk import faction_chairs
from motions.demo.letters import (
    CHAIR_LOGINS,
    DEMO_TODAY,
    FACTION_LOGINS,
    FICTIONAL,
    LOGINS,
    OFFICE,
    UNIT_LOGINS,
)
from motions.demo.lives import Life, head
from motions.demo.texts import Pool, Vocabulary
from motions.models import (
    DEFAULT_REFERENCE_PATTERN,
    Consultation,
    Paper,
    ReferenceCounter,
    ReferencePattern,
)

BATCH = 2000  # papers per round of bulk inserts, and rows per INSERT
FEWEST, MOST = sizing.SETTINGS["items"]
# While papers are added, the non-public items of every agenda wait at this order and above,
# so that public items can be appended before them; afterwards they follow the public ones.
ASIDE = 10_000
EXAMPLES = 1 + len(FICTIONAL)  # the sample and the fictional papers (desk.py)


class Sitting:
    """A meeting as the generator fills it: how full its agenda is, and its next places."""

    def __init__(self, meeting, short_name, items, deadline):
        self.pk, self.start, self.name = meeting.pk, meeting.start, meeting.name
        self.label = str(meeting)  # "Sitzung des …, 12.03.2019", as the services say it
        self.short_name, self.deadline = short_name, deadline
        self.held = meeting.state == MeetingState.HELD
        self.open = meeting.state != MeetingState.CANCELLED
        self.load, self.touched = len(items), False
        self.titles = {title for _order, _number, _public, title in items}
        self.public_order = max((o for o, _n, public, _t in items if public), default=0)
        self.closed_order = max((o for o, _n, public, _t in items if not public), default=ASIDE)
        self.numbers = {
            kind: max((_top(n) for _o, n, public, _t in items if public == kind), default=0)
            for kind in (True, False)
        }

    def has_room(self):
        return self.open and self.load < MOST

    def place(self, public):
        """(order, number) of a new item, after the last of its kind (services rule)."""
        self.load, self.touched = self.load + 1, True
        self.numbers[public] += 1
        if public:
            self.public_order += 1
            return self.public_order, f"Ö {self.numbers[public]}"
        self.closed_order += 1
        return self.closed_order, f"N {self.numbers[public]}"


def _top(number):
    digits = number.split()[-1].split(".")[0] if number.split() else ""
    return int(digits) if digits.isdigit() else 0


class World:
    """What every generated paper's life draws on: the council as it stands in the database."""

    def __init__(self, body):
        self.body, self.vocabulary = body, Vocabulary()
        self.organizations = {o.short_name: o for o in Organization.objects.filter(body=body)}
        self.short_names = {o.pk: short for short, o in self.organizations.items()}
        self.users = {u.username: u for u in get_user_model().objects.filter(username__in=LOGINS)}
        self._load_sittings()
        self._load_chairs()
        self.factions = sorted(
            (o for o in self.organizations.values() if o.kind == "faction"),
            key=lambda faction: faction.short_name,
        )
        seats = dict(
            Membership.objects.active(DEMO_TODAY)
            .filter(organization=self.organizations["Rat"])
            .values_list("on_behalf_of_id")
            .annotate(Count("pk"))
        )
        self.seats = [seats.get(faction.pk, 1) for faction in self.factions]
        self.signers = {
            short: (person.pk, services.default_function(person, [self.organizations[short]]))
            for short, person in faction_chairs(body).items()
        }
        units = Organization.serves.through.objects.filter(from_organization__body=body)
        self.units = {}
        for unit, committee in units.order_by("pk").values_list(
            "from_organization_id", "to_organization_id"
        ):
            if self.short_names[unit] != "BdR":  # the office serves, but writes no reports
                self.units.setdefault(committee, self._organization(unit))
        self.fields = {key: Pool(fields) for key, fields in sizing.SETTINGS["fields"].items()}

    def _organization(self, pk):
        return self.organizations[self.short_names[pk]]

    def _load_sittings(self):
        items = {}
        rows = AgendaItem.objects.filter(meeting__body=self.body).values_list(
            "meeting_id", "order", "number", "public", "title"
        )
        for meeting_id, *item in rows:
            items.setdefault(meeting_id, []).append(item)
        links = dict(
            Meeting.organizations.through.objects.filter(meeting__body=self.body).values_list(
                "meeting_id", "organization__short_name"
            )
        )
        self.sittings, self.by_committee = {}, {}
        for meeting in Meeting.objects.filter(body=self.body).order_by("start"):
            sitting = Sitting(
                meeting,
                links.get(meeting.pk),
                items.get(meeting.pk, []),
                filing_deadline(meeting, self.body),
            )
            self.sittings[meeting.pk] = sitting
            self.by_committee.setdefault(sitting.short_name, []).append(sitting)
        self.starts = {short: [s.start for s in ss] for short, ss in self.by_committee.items()}
        self.at = {(s.short_name, s.start): s for s in self.sittings.values()}

    def _load_chairs(self):
        self.chairs = {}
        rows = Membership.objects.filter(organization__body=self.body, role=Role.CHAIR).values_list(
            "organization_id", "start_date", "end_date", "person_id"
        )
        for organization, start, end, person in rows:
            self.chairs.setdefault(organization, []).append((start, end, person))

    # What the lives ask -------------------------------------------------------------------------

    def chair(self, organization_id, day):
        """The committee's chair on `day`; before the demo's records begin, today's chair."""
        terms = self.chairs.get(organization_id, [])
        for start, end, person in terms:
            if start <= day and (end is None or day <= end):
                return person
        return next((person for _start, end, person in terms if end is None), None)

    def sitting_at(self, slot):
        return self.at[slot.committee.short_name, slot.start]

    def next_sitting(self, short_name, after):
        """The committee's first meeting after `after` whose agenda has room, or None."""
        sittings = self.by_committee.get(short_name, [])
        index = bisect.bisect_right(self.starts.get(short_name, []), after)
        return next((s for s in sittings[index:] if s.has_room()), None)

    def tier(self, tier):
        return {committee.short_name for committee in sizing.calendar(tier)}

    def referral_targets(self, tier):
        """Where a committee refers a motion: the council's other committees that take papers."""
        if tier:
            return []
        return [
            c.short_name
            for c in sizing.calendar(0)
            if sizing.papers_per_meeting(c) and c.short_name not in sizing.SETTINGS["deciding"]
        ]

    def field(self, rng, short_name):
        committee = council_data.organization(short_name)
        key = "district" if committee.first_sitting is None else short_name
        return self.fields[key].draw(rng)

    def dative(self, short_name):
        committee = council_data.organization(short_name)
        if committee is council_data.COUNCIL:
            return "dem Rat"
        return f"{'der' if committee.first_sitting is None else 'dem'} {committee.name}"

    def organ(self, short_name):
        return council_calendar.organ(council_data.organization(short_name))

    def factions_of(self, rng):
        """The lead faction by its strength; now and then a partner that files the same way
        (both with a login of their own, or both by letter)."""
        lead = rng.choices(self.factions, weights=self.seats)[0]
        if rng.random() >= sizing.SETTINGS["shares"]["joint"]:
            return [lead]
        writes = lead.short_name in FACTION_LOGINS
        partners = [
            f for f in self.factions if f != lead and (f.short_name in FACTION_LOGINS) == writes
        ]
        return [lead, rng.choice(partners)]

    def author(self, faction):
        return self.users[FACTION_LOGINS.get(faction.short_name, OFFICE)]

    def chair_login(self, short_name):
        return self.users[CHAIR_LOGINS.get(short_name, OFFICE)]

    def unit_login(self, short_name):
        return self.users[UNIT_LOGINS.get(short_name, OFFICE)]


# Writing ------------------------------------------------------------------------------------------


@contextmanager
def keeping_times(*models):
    """bulk_create with the `created` and `modified` of the demo's past, not the present."""
    fields = [
        field
        for model in models
        for field in model._meta.concrete_fields
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)
    ]
    saved = [(field, field.auto_now, field.auto_now_add) for field in fields]
    for field in fields:
        field.auto_now = field.auto_now_add = False
    try:
        yield
    finally:
        for field, auto_now, auto_now_add in saved:
            field.auto_now, field.auto_now_add = auto_now, auto_now_add


def write(lives):
    """The rows of these lives, table by table, each referring to rows written before it."""
    rows = {}
    for life in lives:
        for model, objects in life.rows().items():
            rows.setdefault(model, []).extend(objects)
    with keeping_times(AgendaItem, Paper, Consultation):
        for model, objects in rows.items():
            if connection.vendor == "postgresql":
                copy(model, objects)
            else:
                model.objects.bulk_create(objects, batch_size=BATCH)


def copy(model, objects):
    """Write rows with PostgreSQL's COPY, several times faster than INSERT for this many: the
    ids come from the table's sequence first, so that later rows can refer to these."""
    if not objects:
        return
    meta, quote = model._meta, connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [meta.db_table, meta.pk.column, len(objects)],
        )
        for obj, (pk,) in zip(objects, cursor.fetchall(), strict=True):
            obj.pk = pk
    relations = [f for f in meta.concrete_fields if f.is_relation]
    fields = meta.concrete_fields
    # Choices are enums; the driver would write an enum by its name, not its value. A file
    # field holds a FieldFile, written as its name.
    plain = [
        str if field.choices or isinstance(field, models.FileField) else None for field in fields
    ]
    columns = ", ".join(quote(field.column) for field in fields)
    statement = f"COPY {quote(meta.db_table)} ({columns}) FROM STDIN"
    with connection.cursor() as cursor, cursor.cursor.copy(statement) as rows:
        for obj in objects:
            for field in relations:  # the rows referred to are written first: now with ids
                if field.is_cached(obj) and getattr(obj, field.name) is not None:
                    setattr(obj, field.attname, getattr(obj, field.name).pk)
            values = [getattr(obj, field.attname) for field in fields]
            rows.write_row(
                [to(v) if to and v is not None else v for to, v in zip(plain, values, strict=True)]
            )


def references(body, assignments):
    """{n: reference} of the papers that are filed, numbered per type and year in the order of
    filing, from the counters the services number from (locked, as they lock them)."""
    filed = []
    for n, slot in assignments:
        paper = head(n, slot)
        if paper.submitted:
            filed.append((paper.filed, n, paper.paper_type))
    counters, numbers = {}, {}
    patterns = dict(ReferencePattern.objects.filter(body=body).values_list("paper_type", "pattern"))
    for moment, n, paper_type in sorted(filed):
        year = timezone.localdate(moment).year
        if (paper_type, year) not in counters:
            counters[paper_type, year] = ReferenceCounter.objects.select_for_update().get_or_create(
                body=body, paper_type=paper_type, year=year
            )[0]
        counter = counters[paper_type, year]
        counter.last_number += 1
        pattern = patterns.get(paper_type, DEFAULT_REFERENCE_PATTERN[paper_type])
        numbers[n] = pattern.format(year=year, number=counter.last_number)
    ReferenceCounter.objects.bulk_update(counters.values(), ["last_number"])
    return numbers


def fill_short_agendas(world):
    """An agenda the generator has added to holds at least `FEWEST` items: where fewer, the
    administration's own proposals fill it (as they do most agendas of real councils)."""
    items = []
    for sitting in world.sittings.values():
        if not sitting.touched or sitting.load >= FEWEST:
            continue
        committee = council_data.organization(sitting.short_name)
        rng = random.Random(f"{sitting.short_name}|{sitting.start:%Y-%m-%d}|more")
        pool = council_calendar.topics(committee, sitting.start.date(), 10, rng)
        for title in [t for t in pool if t not in sitting.titles][: FEWEST - sitting.load]:
            order, number = sitting.place(public=True)
            organ = council_calendar.organ(committee)
            result, text = council_calendar.outcome(title, organ, rng) if sitting.held else ("", "")
            created = sitting.start - datetime.timedelta(days=14)
            items.append(
                AgendaItem(
                    meeting_id=sitting.pk,
                    order=order,
                    number=number,
                    title=title,
                    public=True,
                    result=result,
                    resolution_text=text,
                    created=created,
                    modified=sitting.start if result else created,
                )
            )
    with keeping_times(AgendaItem):
        AgendaItem.objects.bulk_create(items, batch_size=BATCH)


def set_aside_closed_items(body):
    AgendaItem.objects.filter(meeting__body=body, public=False, order__lt=ASIDE).update(
        order=F("order") + ASIDE
    )


def close_up_closed_items(body):
    """The non-public items follow the public ones again, in their order."""
    last_public = dict(
        AgendaItem.objects.filter(meeting__body=body, public=True)
        .values("meeting_id")
        .annotate(last=Max("order"))
        .values_list("meeting_id", "last")
    )
    waiting = list(
        AgendaItem.objects.filter(meeting__body=body, order__gte=ASIDE)
        .order_by("meeting_id", "order")
        .only("pk", "meeting_id", "order")
    )
    meeting, order = None, 0
    for item in waiting:
        if item.meeting_id != meeting:
            meeting, order = item.meeting_id, last_public.get(item.meeting_id, 0)
        order += 1
        item.order = order
    AgendaItem.objects.bulk_update(waiting, ["order"], batch_size=1000)


def progress(stdout, total, every=5000):
    """A function to call with each block written: it reports the count and the rate."""
    started, done = time.monotonic(), 0

    def written(number):
        nonlocal done
        before, done = done, done + number
        if stdout is not None and (done // every > before // every or done == total):
            rate = f"{done / max(time.monotonic() - started, 1e-6):,.0f}".replace(",", ".")
            stdout.write(f"  {done:>7} von {total} Drucksachen erzeugt ({rate} je Sekunde)")

    return written


def generate(body, wanted, stdout=None):
    """Add generated papers until the body has `wanted` besides the demo's examples; returns
    how many were added."""
    existing = max(Paper.objects.filter(body=body).count() - EXAMPLES, 0)
    if wanted <= existing:
        return 0
    return add(body, existing + 1, wanted, stdout)


def add(body, first, last, stdout=None):
    """Generated papers `first` to `last`, with the meetings and district councils they need;
    returns how many."""
    plan = sizing.plan(body, first, last)
    if plan.districts:
        council_demo.add_districts(body, plan.districts)
    for tier, since in plan.since.items():
        council_demo.add_history(body, sizing.calendar(tier), since)
    set_aside_closed_items(body)
    world = World(body)
    numbers = references(body, plan.assignments)
    written = progress(stdout, len(plan.assignments))
    for batch in batched(plan.assignments, BATCH):
        write(routes.live(Life(world, n, slot, numbers.get(n))) for n, slot in batch)
        written(len(batch))
    fill_short_agendas(world)
    close_up_closed_items(body)
    publish_invited_agendas(body)
    return len(plan.assignments)


def publish_invited_agendas(body):
    """Papers written into meetings that had invited (or were held) stand on their published
    agendas: the items get the meeting's invitation time."""
    invited = Meeting.objects.filter(pk=OuterRef("meeting_id")).values("invited_at")[:1]
    AgendaItem.objects.filter(
        meeting__body=body, published_at__isnull=True, meeting__invited_at__isnull=False
    ).update(published_at=Subquery(invited))
