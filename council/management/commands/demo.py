"""`manage.py demo`: the council of Castrop-Rauxel as demo data, the same on every run.

Nothing depends on the day it runs: names come from fixed lists (council/demo_data), meetings
from a fixed calendar, each agenda from a generator seeded with its meeting. Rows are matched on
their natural keys and written only where they differ, so a second run changes nothing, not
even `modified`. With `--papers N` the motions app adds N generated papers, and with them the
history and the district councils that hold them (`add_history`, `add_districts`).
"""

import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group, Permission
from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.utils import timezone

from council.management.commands import _demo_data as data
from council.management.commands._demo_calendar import (
    meeting_state,
    plan_meetings,
    planned_meeting,
)
from council.management.commands._demo_people import (
    Cast,
    district_memberships,
    email_address,
    membership_plan,
)
from council.models import (
    AgendaItem,
    AgendaVersion,
    Body,
    LegislativeTerm,
    Location,
    Meeting,
    Membership,
    Organization,
    OrganizationKind,
    Person,
    StandingItem,
    VersionKind,
    person_sort_name,
)
from council.roles import COUNCIL_OFFICE_GROUP
from council.signals import demo_council_built

PASSWORD = "ratsfaden-demo"
# Long enough for Django's salt-entropy check, so a login does not rehash the password.
PASSWORD_SALT = "RatsfadenDemoSaltNotSecret"


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
    model.objects.bulk_create(new, batch_size=2000)
    if changed:
        now = timezone.now()  # bulk_update leaves auto_now alone
        for obj in changed:
            obj.modified = now
        model.objects.bulk_update(changed, [*sorted(fields), "modified"], batch_size=500)
    return found


# Meetings ---------------------------------------------------------------------------------------


def _sync_meetings(body, planned, organizations=None):
    organizations = organizations or {o.short_name: o for o in body.organizations.all()}
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
            items += [AgendaItem(meeting_id=link[0], **item) for item in agenda_items]
    through.objects.bulk_create(links, batch_size=2000)
    AgendaItem.objects.bulk_create(items, batch_size=2000)


def add_history(body, calendar, since):
    """The meetings of `calendar` ({committee: [start, …]}) from `since` on that are missing, each
    with its agenda of formalities, proposals of the administration and non-public matters."""
    locations = {loc.room: loc.pk for loc in Location.objects.filter(body=body)}
    planned = []
    for committee, starts in calendar.items():
        starts = sorted(starts)
        for before, start in zip([None, *starts], starts, strict=False):
            if start.date() < since:
                continue
            previous = (before or start - datetime.timedelta(weeks=4)).date()
            state = meeting_state(start)
            planned.append(planned_meeting(body, committee, start, previous, state, locations))
    _sync_meetings(body, planned)


# The organizations ----------------------------------------------------------------------------


def _sync_organizations(body):
    start = data.FOUNDED
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
    rows += [_unit_row(*unit) for unit in data.UNITS]
    found = sync(
        Organization, [{"body_id": body.pk, **row} for row in rows], ["short_name"], body=body
    )
    organizations = {short: organization for (short,), organization in found.items()}
    organizations.update(_sync_committees(body, data.COMMITTEES, organizations["Rat"]))
    _serve(organizations, data.SERVES)
    _sync_standing_items(organizations.values())
    return organizations


def _sync_standing_items(organizations):
    """The agenda template of the council and every committee."""
    committees = [o for o in organizations if o.kind in ("council", "committee")]
    rows = [
        {
            "organization_id": committee.pk,
            "title": title,
            "placement": placement,
            "public": public,
            "order": order,
        }
        for committee in committees
        for order, (title, placement, public) in enumerate(data.STANDING)
    ]
    sync(
        StandingItem,
        rows,
        ["organization_id", "title"],
        organization__in=committees,
    )


def _unit_row(short, name, email):
    return {
        "kind": OrganizationKind.ADMINISTRATION,
        "short_name": short,
        "name": name,
        "classification": "Verwaltung",
        "email": email,
    }


def _sync_committees(body, committees, council):
    rows = [
        {
            "body_id": body.pk,
            "kind": OrganizationKind.COMMITTEE,
            "short_name": c.short_name,
            "name": c.name,
            "classification": c.classification,
            "start_date": data.FOUNDED,
            "parent_id": council.pk,
        }
        for c in committees
    ]
    found = sync(Organization, rows, ["short_name"], body=body)
    return {short: organization for (short,), organization in found.items()}


def _serve(organizations, serves):
    """Let each unit serve the committees named ({unit: [committee, …]})."""
    through = Organization.serves.through
    served = set(through.objects.values_list("from_organization_id", "to_organization_id"))
    links = {
        (organizations[unit].pk, organizations[committee].pk)
        for unit, committees in serves.items()
        for committee in committees
    }
    through.objects.bulk_create(
        through(from_organization_id=unit, to_organization_id=committee)
        for unit, committee in sorted(links - served)
    )


def add_districts(body, number):
    """District councils 1 to `number`, each with its members, chair and deputy (seats by the
    factions' strength in the council), served by the unit for the districts."""
    committees = [data.district(k) for k in range(1, number + 1)]
    unit = data.DISTRICTS["unit"]
    found = sync(
        Organization,
        [{"body_id": body.pk, **_unit_row(unit["short_name"], unit["name"], unit["email"])}],
        ["short_name"],
        body=body,
    )
    council = Organization.objects.get(body=body, short_name=data.COUNCIL.short_name)
    organizations = _sync_committees(body, committees, council)
    organizations[unit["short_name"]] = found[(unit["short_name"],)]
    _serve(organizations, {unit["short_name"]: [c.short_name for c in committees]})
    rows = district_memberships(committees)
    persons = _sync_persons(body, list(dict.fromkeys(row["person"] for row in rows)), {})
    organizations.update({o.short_name: o for o in body.organizations.all()})
    _sync_memberships(body, rows, persons, organizations)
    return organizations


# Logins, persons, memberships -------------------------------------------------------------------


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


def _sync_persons(body, people, logins):
    """{person tuple: Person} for `people`; `logins` maps a person tuple to its demo user."""
    rows = [
        {
            "body_id": body.pk,
            "form_of_address": person[0],
            "title": person[1],
            "given_name": person[2],
            "family_name": person[3],
            # sync() writes in bulk, past Person.save(): the sort key is set here.
            "sort_name": person_sort_name(person[3], person[2]),
            "email": email_address(*person[2:]),
            "user_id": logins[person].pk if person in logins else None,
        }
        for person in people
    ]
    found = sync(Person, rows, ["given_name", "family_name"], body=body)
    return {person: found[person[2:]] for person in people}


def _sync_memberships(body, plan, persons, organizations):
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
        for row in plan
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
    cast, users = Cast.draw(), _sync_users()
    logins = {
        data.LASSER: users["b2-vorsitz"],
        cast.staff["SPD"]: users["spd"],
        cast.staff["GRÜNE"]: users["gruene"],
        cast.clerks["FB 50"]: users["verwaltung"],
        # The council office's login is the clerk of the Büro des Rates, so the header names her.
        cast.clerks["BdR"]: users["sitzungsdienst"],
    }
    persons = _sync_persons(body, cast.everyone(), logins)
    _sync_memberships(body, membership_plan(cast), persons, organizations)
    rooms = [
        {"body_id": body.pk, "description": "Rathaus", "room": room, **data.ADDRESS}
        for room in data.ROOMS
    ]
    locations = sync(Location, rooms, ["description", "room"], body=body)
    locations = {room: loc.pk for (_d, room), loc in locations.items()}
    _sync_meetings(body, plan_meetings(body, locations), organizations)
    return body


def freeze_invitations(body, batch_size=2000):
    """Every meeting that invited has its invitation as a frozen version (what agenda.publish
    leaves), made once the papers stand on the agendas; meetings that have one keep it."""
    office = get_user_model().objects.get(username="sitzungsdienst")
    meetings = list(
        Meeting.objects.filter(body=body, invited_at__isnull=False, agenda_versions__isnull=True)
        .order_by("pk")
        .values_list("pk", "invited_at")
    )
    items = {}
    for meeting_id, number, title, public in (
        AgendaItem.objects.filter(
            meeting__in=[pk for pk, _at in meetings], published_at__isnull=False
        )
        .order_by("meeting_id", "order")
        .values_list("meeting_id", "number", "title", "public")
    ):
        items.setdefault(meeting_id, []).append(
            {"number": number, "title": title, "public": public, "new": True}
        )
    AgendaVersion.objects.bulk_create(
        (
            AgendaVersion(
                meeting_id=pk,
                number=1,
                kind=VersionKind.INVITATION,
                published_at=invited_at,
                published_by=office,
                items=items.get(pk, []),
            )
            for pk, invited_at in meetings
        ),
        batch_size=batch_size,
    )


class Command(BaseCommand):
    help = "Legt den Demo-Rat der Stadt Castrop-Rauxel mit Sitzungen und Demo-Zugängen an."

    def add_arguments(self, parser):
        parser.add_argument(
            "--papers",
            type=int,
            default=0,
            metavar="N",
            help="fügt N erzeugte Drucksachen hinzu, mit Sitzungen über bis zu zehn Jahre und, "
            "wo nötig, Bezirksvertretungen (für Benchmarks)",
        )

    def handle(self, *args, papers, **options):
        with transaction.atomic():
            body = build_council()
            demo_council_built.send(
                sender=self.__class__, body=body, papers=papers, stdout=self.stdout
            )
            freeze_invitations(body)
        if connection.vendor == "postgresql":
            # Bulk-loaded tables have no statistics yet, and without them the planner picks plans
            # that are orders of magnitude slower on the deep pages of the register. VACUUM also
            # marks the pages all-visible, so that index-only scans (the faction's work list)
            # need not visit the table; it cannot run inside a transaction (as in the tests).
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE")
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
