"""`manage.py demo`: the council of Castrop-Rauxel as demo data, the same on every run.

Nothing depends on the day it runs: names come from fixed lists (`_demo_data`), meetings from
a fixed calendar, agendas from one seeded generator. Rows are matched on their natural keys and
written only where they differ, so a second run changes nothing, not even `modified`.
"""

import datetime
import random
from dataclasses import dataclass

import holidays
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group, Permission
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from council.management.commands import _demo_data as data
from council.models import (
    AgendaItem,
    AgendaResult,
    Body,
    LegislativeTerm,
    Location,
    Meeting,
    MeetingState,
    Membership,
    Organization,
    OrganizationKind,
    Person,
    Role,
    person_sort_name,
)
from council.roles import COUNCIL_OFFICE_GROUP
from council.signals import demo_council_built

PASSWORD = "ratsfaden-demo"
# Long enough for Django's salt-entropy check, so a login does not rehash the password.
PASSWORD_SALT = "RatsfadenDemoSaltNotSecret"
CALENDAR_START, CALENDAR_END = datetime.date(2026, 1, 1), datetime.date(2027, 6, 30)
# A fixed date, not today: a run on another day must give every meeting the same state.
HELD_BEFORE = datetime.date(2026, 11, 25)
SITTING_TIME = datetime.time(17, 0)
BREAKS = [  # no sittings in the summer and Christmas holidays
    (datetime.date(2026, 7, 20), datetime.date(2026, 8, 31)),
    (datetime.date(2026, 12, 21), datetime.date(2027, 1, 6)),
]
HOLIDAYS = holidays.Germany(subdiv="NW", years=range(2021, 2028))
INVITED_STATES = [MeetingState.INVITED, MeetingState.HELD]


def sync(model, rows, key, **scope):
    """Insert the missing rows, update the changed ones; returns {natural key: object}.

    Rows are dicts of attribute names (`body_id`, not `body`); `key` names the natural key among
    them; `scope` filters the existing rows to compare with. Three queries, however many rows.
    """
    found = {tuple(getattr(obj, k) for k in key): obj for obj in model.objects.filter(**scope)}
    new, changed, fields = [], [], set()
    for row in rows:
        natural_key = tuple(row[k] for k in key)
        if natural_key not in found:
            found[natural_key] = model(**row)
            new.append(found[natural_key])
            continue
        obj = found[natural_key]
        differing = {name for name, value in row.items() if getattr(obj, name) != value}
        for name in differing:
            setattr(obj, name, row[name])
        if differing:
            changed.append(obj)
            fields |= differing
    model.objects.bulk_create(new)
    if changed:
        now = timezone.now()  # bulk_update leaves auto_now alone
        for obj in changed:
            obj.modified = now
        model.objects.bulk_update(changed, [*sorted(fields), "modified"])
    return found


def _names():
    """(form of address, title, given name, family name), one per family name, in order."""
    for i, family_name in enumerate(data.FAMILY_NAMES):
        given, form = (data.GIVEN_FEMALE, "Frau") if i % 2 == 0 else (data.GIVEN_MALE, "Herr")
        yield form, "Dr." if i % 13 == 6 else "", given[i // 2 % len(given)], family_name


@dataclass
class Cast:
    """Who is who, drawn in a fixed order from the name lists."""

    mayor: tuple
    councillors: dict  # faction -> persons, the faction chair first
    experts: dict  # (faction, committee) -> person
    staff: dict  # faction -> person
    clerks: dict  # administration unit -> person

    @classmethod
    def draw(cls):
        names = _names()
        mayor = next(names)
        councillors = {
            short: fixed + [next(names) for _ in range(seats - len(fixed))]
            for short, _name, seats, fixed in data.FACTIONS
        }
        experts = {}
        for faction, committees in data.EXPERT_CITIZENS:
            person = next(names)
            experts.update({(faction, committee): person for committee in committees.split()})
        staff = {faction: next(names) for faction in data.STAFFED_FACTIONS}
        clerks = {short: next(names) for short, _name, _email in data.UNITS}
        return cls(mayor, councillors, experts, staff, clerks)

    def everyone(self):
        councillors = [p for people in self.councillors.values() for p in people]
        others = [*self.experts.values(), *self.staff.values(), *self.clerks.values()]
        return list(dict.fromkeys([self.mayor, *councillors, *others]))


def seat_shares(size):
    """Seats per faction in a committee of `size` by largest remainder; ties go by list order."""
    quotas = [(short, size * seats / data.COUNCIL_SIZE) for short, _n, seats, _f in data.FACTIONS]
    shares = {short: int(quota) for short, quota in quotas}
    by_remainder = sorted(quotas, key=lambda sq: sq[1] - int(sq[1]), reverse=True)
    for short, _quota in by_remainder[: size - sum(shares.values())]:
        shares[short] += 1
    return shares


def _membership(
    person, organization, role=Role.MEMBER, faction=None, *, term=data.CURRENT_TERM, voting=True
):
    return {
        "person": person,
        "organization": organization,
        "role": role,
        "on_behalf_of": faction,
        "voting_right": voting,
        **term,
    }


def committee_memberships(index, committee, cast):
    """Seats by faction strength; a faction without one sends an advisory member (§ 58 GO NRW)."""
    seats = []  # [person, faction, role]
    for faction, count in seat_shares(committee.size).items():
        pool = cast.councillors[faction]
        expert = cast.experts.get((faction, committee.short_name))
        if count == 0:
            seats.append([pool[index % len(pool)], faction, Role.ADVISORY_MEMBER])
            continue
        seats += [
            [pool[(3 * index + j) % len(pool)], faction, Role.MEMBER]
            for j in range(count - bool(expert))
        ]
        if expert:
            seats.append([expert, faction, Role.EXPERT_CITIZEN])
    pinned = data.PINNED_CHAIRS.get(committee.short_name)
    # Only a councillor may chair, so the chairs come from the members, not the expert citizens.
    for role, faction, person in [
        (Role.CHAIR, committee.chair, pinned),
        (Role.DEPUTY_CHAIR, committee.deputy, None),
    ]:
        candidates = [seat for seat in seats if seat[1:] == [faction, Role.MEMBER]]
        # Spread the chairs; a pinned chair (a demo login) chairs nothing else.
        others = [s for s in candidates if s[0] not in data.PINNED_CHAIRS.values()]
        default = others[index % len(others)] if others else candidates[0]
        seat = next((s for s in candidates if s[0] == person), default)
        seat[0], seat[2] = person or seat[0], role
    return [
        _membership(
            person, committee.short_name, role, faction, voting=role != Role.ADVISORY_MEMBER
        )
        for person, faction, role in seats
    ]


def membership_plan(cast):
    """Council and factions in both terms, committees, faction staff and the administration."""
    previous = data.PREVIOUS_TERM
    rows = [
        _membership(cast.mayor, "Rat", Role.CHAIR, term=term)
        for term in (previous, data.CURRENT_TERM)
    ]
    rows.append(_membership(data.LASSER, "B2", Role.CHAIR, "SPD", term=previous))
    deputy = cast.councillors[data.COUNCIL.deputy][1]
    for faction, people in cast.councillors.items():
        for i, person in enumerate(people):
            role = Role.DEPUTY_CHAIR if person == deputy else Role.MEMBER
            faction_role = Role.FACTION_CHAIR if i == 0 else Role.MEMBER
            rows += [
                _membership(person, "Rat", role, faction),
                _membership(person, faction, faction_role),
            ]
            if i % 4 != 3:  # re-elected: three in four sat in the previous council, too
                rows += [
                    _membership(person, "Rat", Role.MEMBER, faction, term=previous),
                    _membership(person, faction, faction_role, term=previous),
                ]
    for faction, person in dict.fromkeys((f, p) for (f, _c), p in cast.experts.items()):
        rows.append(_membership(person, faction))
    rows += [_membership(p, f, Role.FACTION_STAFF, voting=False) for f, p in cast.staff.items()]
    rows += [_membership(p, unit, voting=False) for unit, p in cast.clerks.items()]
    for index, committee in enumerate(data.COMMITTEES):
        rows += committee_memberships(index, committee, cast)
    return rows


def sitting_days(first, weeks):
    """Every `weeks` weeks from `first`, on its weekday, moved past breaks and holidays."""
    day = first
    while True:
        while day in HOLIDAYS or any(start <= day <= end for start, end in BREAKS):
            day += datetime.timedelta(weeks=1)
        if day > CALENDAR_END:
            return
        yield day
        day += datetime.timedelta(weeks=weeks)


def meeting_plan():
    """(committee, start, state) of every demo meeting, in order of time."""
    plan = [(data.B2, data.SAMPLE_MEETING_START)] + [
        (committee, datetime.datetime.combine(day, SITTING_TIME, data.BERLIN))
        for committee in [data.COUNCIL, *data.COMMITTEES]
        for day in sitting_days(committee.first_sitting, committee.weeks)
    ]
    plan.sort(key=lambda sitting: (sitting[1], sitting[0].short_name))
    held = sum(start.date() < HELD_BEFORE for _committee, start in plan)
    # The next two are invited, the fifth after them is cancelled, the rest only scheduled.
    future = {0: MeetingState.INVITED, 1: MeetingState.INVITED, 4: MeetingState.CANCELLED}
    states = [MeetingState.HELD] * held
    states += [future.get(i, MeetingState.SCHEDULED) for i in range(len(plan) - held)]
    return [(*sitting, state) for sitting, state in zip(plan, states, strict=True)]


def agenda(committee, previous, rng):
    """(number, title, public) of one meeting: formalities, topics, motions, notices, closed."""
    council = committee is data.COUNCIL
    titles = [
        data.OPENING,
        *([data.QUESTION_TIME] if council else []),
        f"Genehmigung der Niederschrift über die Sitzung vom {previous:%d.%m.%Y}",
    ]
    titles += rng.sample(data.TOPICS[committee.short_name], rng.randint(1, 2 if council else 3))
    items = [(f"Ö {n}", title, True) for n, title in enumerate(titles, 1)]
    top = len(titles)
    motions = rng.sample(data.MOTIONS, rng.randint(0, 2))
    if motions:
        top += 1
        items.append((f"Ö {top}", data.MOTIONS_HEADING, True))
        items += [
            (f"Ö {top}.{n}", f"Antrag der {rng.choice(data.FACTIONS)[1]}: {title}", True)
            for n, title in enumerate(motions, 1)
        ]
    items.append((f"Ö {top + 1}", data.NOTICES, True))
    closed = rng.sample(data.CONFIDENTIAL, rng.randint(1, min(2, 10 - len(items))))
    return items + [(f"N {n}", title, False) for n, title in enumerate(closed, 1)]


def outcome(title, organ, rng):
    """(result, resolution text) of an item of a held meeting; formalities have none."""
    if title in (data.OPENING, data.QUESTION_TIME, data.MOTIONS_HEADING):
        return "", ""
    if title.startswith("Genehmigung der Niederschrift"):
        return AgendaResult.ADOPTED, ""
    if title == data.NOTICES:
        return AgendaResult.TAKEN_NOTE, ""
    motion = title.startswith("Antrag der ")
    result = rng.choice(data.MOTION_RESULTS if motion else data.ITEM_RESULTS)
    if rng.random() < 0.4:
        return result, ""
    against = rng.choice([0, 0, 0, 2, 3, 5])
    vote = f"mehrheitlich bei {against} Gegenstimmen" if against else "einstimmig"
    return result, data.RESOLUTIONS[result].format(organ=organ, vote=vote)


def _plan_meetings(body, locations):
    """[(meeting row, organization short name, agenda item rows)] in order of time."""
    rng, previous, planned = random.Random(2026), {}, []
    for committee, start, state in meeting_plan():
        day = start.date()
        last = previous.get(committee, day - datetime.timedelta(weeks=committee.weeks))
        if day >= CALENDAR_START:
            previous[committee] = day
        organ = "Der Rat" if committee is data.COUNCIL else "Der Ausschuss"
        held = state == MeetingState.HELD
        # Invited a week and a bit before; the minutes of a held meeting released days after.
        invited_at = start - datetime.timedelta(days=9) if state in INVITED_STATES else None
        items = []
        sample = start == data.SAMPLE_MEETING_START
        listing = data.SAMPLE_AGENDA if sample else agenda(committee, last, rng)
        for order, (number, title, public) in enumerate(listing, 1):
            result, text = outcome(title, organ, rng) if held else ("", "")
            items.append(
                {
                    "order": order,
                    "number": number,
                    "title": title,
                    "public": public,
                    "result": result,
                    "resolution_text": text,
                    "published_at": invited_at,
                }
            )
        end = start + datetime.timedelta(minutes=60 + 15 * len(items))
        meeting = {
            "body_id": body.pk,
            "name": f"Sitzung {committee.genitive}",
            "start": start,
            "end": end if held else None,
            "state": state,
            "invited_at": invited_at,
            "minutes_released_at": start + datetime.timedelta(days=3) if held else None,
            "location_id": locations["Ratssaal" if day.year < 2026 else committee.room],
        }
        planned.append((meeting, committee.short_name, items))
    return planned


def _sync_meetings(body, organizations, locations):
    planned = _plan_meetings(body, locations)
    meetings = sync(Meeting, [m for m, _o, _i in planned], ["name", "start"], body=body)
    through = Meeting.organizations.through
    linked = set(
        through.objects.filter(meeting__body=body).values_list("meeting_id", "organization_id")
    )
    # A meeting's planned agenda is written once: later runs leave it alone, since papers
    # scheduled onto it since then (the motions demo, or a user) have moved its items.
    with_agenda = set(
        AgendaItem.objects.filter(meeting__body=body).values_list("meeting_id", flat=True)
    )
    items, links = [], []
    for meeting, short_name, agenda_items in planned:
        link = (meetings[meeting["name"], meeting["start"]].pk, organizations[short_name].pk)
        if link not in linked:
            links.append(through(meeting_id=link[0], organization_id=link[1]))
        if link[0] not in with_agenda:
            items += [{"meeting_id": link[0], **item} for item in agenda_items]
    through.objects.bulk_create(links)
    sync(AgendaItem, items, ["meeting_id", "order"], meeting__body=body)


def _sync_organizations(body):
    start = data.PREVIOUS_TERM["start_date"]
    rows = [
        {
            "kind": OrganizationKind.COUNCIL,
            "short_name": "Rat",
            "name": data.COUNCIL.name,
            "classification": data.COUNCIL.classification,
            "start_date": start,
        }
    ]
    rows += [
        {
            "kind": OrganizationKind.FACTION,
            "short_name": short,
            "name": name,
            "classification": "Fraktion",
            "start_date": start,
            "email": f"fraktion-{short.lower().replace('ü', 'ue')}@example.org",
        }
        for short, name, _seats, _fixed in data.FACTIONS
    ]
    rows += [
        {
            "kind": OrganizationKind.ADMINISTRATION,
            "short_name": short,
            "name": name,
            "classification": "Verwaltung",
            "email": email,
        }
        for short, name, email in data.UNITS
    ]
    found = sync(
        Organization, [{"body_id": body.pk, **row} for row in rows], ["short_name"], body=body
    )
    rows = [
        {
            "body_id": body.pk,
            "kind": OrganizationKind.COMMITTEE,
            "short_name": c.short_name,
            "name": c.name,
            "classification": c.classification,
            "start_date": start,
            "parent_id": found[("Rat",)].pk,
        }
        for c in data.COMMITTEES
    ]
    found.update(sync(Organization, rows, ["short_name"], body=body))
    organizations = {short: organization for (short,), organization in found.items()}
    through = Organization.serves.through
    served = set(through.objects.values_list("from_organization_id", "to_organization_id"))
    links = {
        (organizations[unit].pk, organizations[committee].pk)
        for unit, committees in data.SERVES.items()
        for committee in committees.split()
    }
    through.objects.bulk_create(
        through(from_organization_id=unit, to_organization_id=committee)
        for unit, committee in sorted(links - served)
    )
    return organizations


def _sync_users():
    """The demo logins, all with the one demo password."""
    # A fixed salt gives the same hash on every run, so a second run leaves the rows alone.
    password = make_password(PASSWORD, salt=PASSWORD_SALT)
    users = {}
    for username in data.LOGINS:
        wanted = {
            "email": f"{username}@example.org",
            "password": password,
            "is_active": True,
            "is_staff": username in ("sitzungsdienst", "admin"),
            "is_superuser": username == "admin",
        }
        user, _created = get_user_model().objects.get_or_create(username=username, defaults=wanted)
        changed = [name for name, value in wanted.items() if getattr(user, name) != value]
        for name in changed:
            setattr(user, name, wanted[name])
        if changed:
            user.save(update_fields=changed)
        users[username] = user
    office, _created = Group.objects.get_or_create(name=COUNCIL_OFFICE_GROUP)
    # Besides council_office itself, the council's model permissions: the office works in the admin
    # (papers there are read-only; their numbering patterns are set there).
    office.permissions.add(
        *Permission.objects.filter(content_type__app_label="council"),
        *Permission.objects.filter(
            content_type__app_label="motions",
            codename__in=[
                "view_paper",
                "view_referencepattern",
                "add_referencepattern",
                "change_referencepattern",
            ],
        ),
    )
    users["sitzungsdienst"].groups.add(office)
    return users


def _email(given_name, family_name):
    local = f"{given_name}.{family_name}".lower()
    for letter, spelled in [("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss"), ("ı", "i")]:
        local = local.replace(letter, spelled)
    return f"{local}@example.org"


def _sync_persons(body, cast, users):
    logins = {
        data.LASSER: users["b2-vorsitz"],
        cast.staff["SPD"]: users["spd"],
        cast.staff["GRÜNE"]: users["gruene"],
        cast.clerks["FB 50"]: users["verwaltung"],
        # The council office's login is the clerk of the Büro des Rates, so the header names her.
        cast.clerks["BdR"]: users["sitzungsdienst"],
    }
    rows = [
        {
            "body_id": body.pk,
            "form_of_address": person[0],
            "title": person[1],
            "given_name": person[2],
            "family_name": person[3],
            # sync() writes in bulk, past Person.save(): the sort key is set here.
            "sort_name": person_sort_name(person[3], person[2]),
            "email": _email(*person[2:]),
            "user_id": logins[person].pk if person in logins else None,
        }
        for person in cast.everyone()
    ]
    found = sync(Person, rows, ["given_name", "family_name"], body=body)
    return {person: found[person[2:]] for person in cast.everyone()}


def _sync_memberships(body, cast, persons, organizations):
    rows = [
        {
            "person_id": persons[row["person"]].pk,
            "organization_id": organizations[row["organization"]].pk,
            "on_behalf_of_id": organizations[row["on_behalf_of"]].pk
            if row["on_behalf_of"]
            else None,
            "role": row["role"],
            "voting_right": row["voting_right"],
            "start_date": row["start_date"],
            "end_date": row["end_date"],
        }
        for row in membership_plan(cast)
    ]
    sync(
        Membership, rows, ["person_id", "organization_id", "role", "start_date"], person__body=body
    )


@transaction.atomic
def build_council():
    """The council of Castrop-Rauxel with its people, meetings and demo logins; returns the body."""
    bodies = sync(Body, [{"short_name": data.SHORT_NAME, **data.BODY}], ["short_name"])
    body = bodies[(data.SHORT_NAME,)]
    terms = [{"body_id": body.pk, "name": name, **term} for name, term in data.TERMS.items()]
    sync(LegislativeTerm, terms, ["name"], body=body)
    organizations = _sync_organizations(body)
    cast = Cast.draw()
    persons = _sync_persons(body, cast, _sync_users())
    _sync_memberships(body, cast, persons, organizations)
    rooms = [
        {"body_id": body.pk, "description": "Rathaus", "room": room, **data.ADDRESS}
        for room in data.ROOMS
    ]
    locations = sync(Location, rooms, ["description", "room"], body=body)
    _sync_meetings(body, organizations, {room: loc.pk for (_d, room), loc in locations.items()})
    return body


class Command(BaseCommand):
    help = "Legt den Demo-Rat der Stadt Castrop-Rauxel mit Sitzungen und Demo-Zugängen an."

    def add_arguments(self, parser):
        parser.add_argument(
            "--papers",
            type=int,
            default=0,
            metavar="N",
            help="fügt N erzeugte Drucksachen hinzu (für Benchmarks)",
        )

    def handle(self, *args, papers, **options):
        with transaction.atomic():
            body = build_council()
            demo_council_built.send(
                sender=self.__class__, body=body, papers=papers, stdout=self.stdout
            )
        self.print_summary(body)

    def print_summary(self, body):
        counts = {
            "Organisationen": body.organizations.count(),
            "Personen": body.persons.count(),
            "Mitgliedschaften": Membership.objects.filter(person__body=body).count(),
            "Sitzungen": body.meetings.count(),
            "Tagesordnungspunkte": AgendaItem.objects.filter(meeting__body=body).count(),
        }
        summary = ", ".join(f"{count} {label}" for label, count in counts.items())
        self.stdout.write(self.style.SUCCESS(f"{body.name}: {summary}"))
        self.stdout.write(f"\nDemo-Zugänge, Passwort für alle: {PASSWORD}")
        for username, description in data.LOGINS.items():
            self.stdout.write(f"  {username:<15} {description}")
