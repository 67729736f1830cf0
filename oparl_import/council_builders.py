"""Builders for the council's structure: Body, LegislativeTerm, Location, Organization, Person,
Membership, Meeting and AgendaItem."""

from django.utils import timezone
from django.utils.text import slugify

from council.models import (
    AgendaItem,
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
from oparl_import import mapping
from oparl_import.build import Builder, Skip, stamp
from oparl_import.mapping import text


def _unique(value, taken, limit, owner=None):
    """`value`, or `value-2`, `value-3` … if another record holds it already."""
    candidate, n = value[:limit], 1
    while taken.get(candidate, owner) != owner:
        n += 1
        suffix = f"-{n}"
        candidate = value[: limit - len(suffix)] + suffix
    taken[candidate] = owner
    return candidate


def _dates(obj, data, summary, what):
    obj.start_date = mapping.date(data.get("startDate"))
    obj.end_date = mapping.date(data.get("endDate"))
    if obj.start_date and obj.end_date and obj.end_date < obj.start_date:
        summary.note(f"{what}: Ende vor Beginn verworfen")
        obj.end_date = None


class BodyBuilder(Builder):
    kind, model = "Body", Body
    fields = ["name", "website", "municipality_key", "contact_email", "contact_name", "modified"]

    def prepare(self, ctx):
        self.taken = dict(Body.objects.values_list("short_name", "pk"))

    def instance(self, row, ctx):
        data = row.data
        name = text(data.get("name"), 200) or text(data.get("shortName"), 200)
        if not name:
            raise Skip("Name fehlt")
        slug = slugify(text(data.get("shortName"), 50) or name)[:50] or "koerperschaft"
        pk = row.object_id or self.taken.get(slug)  # a body of that name here is the same city
        obj = Body(pk=pk, name=name)
        if pk is None:
            obj.short_name = _unique(slug, self.taken, 50, owner=row.source_id)
        obj.website = text(data.get("website"), 200)
        obj.municipality_key = text(data.get("ags"), 8)
        obj.contact_email = text(data.get("contactEmail"), 254)
        obj.contact_name = text(data.get("contactName"), 200)
        stamp(obj, data)
        return obj


class LegislativeTermBuilder(Builder):
    kind, model = "LegislativeTerm", LegislativeTerm
    fields = ["name", "start_date", "end_date", "modified"]

    def prepare(self, ctx):
        self.taken = {
            (b, n): pk for b, n, pk in LegislativeTerm.objects.values_list("body", "name", "pk")
        }

    def instance(self, row, ctx):
        data, body = row.data, ctx.body(row.data)
        start = mapping.date(data.get("startDate"))
        if start is None:
            raise Skip("startDate fehlt")
        obj = LegislativeTerm(pk=row.object_id, body_id=body, start_date=start)
        name = text(data.get("name"), 100, default=f"Wahlperiode ab {start:%Y}")
        if self.taken.setdefault((body, name), row.object_id) != row.object_id:
            name = f"{name[:90]} ({start:%Y})"
        obj.name = name
        _dates(obj, data, ctx.summary, "Wahlperiode")
        obj.start_date = obj.start_date or start
        stamp(obj, data)
        return obj


class LocationBuilder(Builder):
    kind, model = "Location", Location
    fields = ["description", "room", "street_address", "postal_code", "locality", "modified"]

    def prepare(self, ctx):
        self.taken = {
            (b, d, r): pk
            for b, d, r, pk in Location.objects.values_list("body", "description", "room", "pk")
        }

    def instance(self, row, ctx):
        data, body = row.data, ctx.body(row.data)
        description = text(data.get("description"), 200) or text(data.get("streetAddress"), 200)
        description = description or text(data.get("locality"), 200) or "Ort ohne Bezeichnung"
        room = text(data.get("room"), 100)
        # Coordinates are not kept here, so GeoJSON (also with coordinates as strings) is never
        # read; two source locations with the same description and room are one place.
        key = (body, description, room)
        pk = row.object_id or self.taken.get(key)
        if pk and self.taken.get(key, pk) != pk:
            raise Skip("Ort doppelt (Bezeichnung und Raum)")
        obj = Location(pk=pk, body_id=body, description=description, room=room)
        self.taken[key] = pk or row.source_id
        obj.street_address = text(data.get("streetAddress"), 200)
        obj.postal_code = text(data.get("postalCode"), 10)
        obj.locality = text(data.get("locality"), 100)
        stamp(obj, data)
        return obj


class OrganizationBuilder(Builder):
    kind, model = "Organization", Organization
    fields = ["kind", "name", "classification", "website", "start_date", "end_date", "modified"]

    def prepare(self, ctx):
        self.taken = {}
        for body, short_name, pk in Organization.objects.values_list("body", "short_name", "pk"):
            self.taken.setdefault(body, {})[short_name] = pk

    def instance(self, row, ctx):
        data, body = row.data, ctx.body(row.data)
        name = text(data.get("name"), 200) or text(data.get("shortName"), 200)
        if not name:
            raise Skip("Name fehlt")
        obj = Organization(
            pk=row.object_id, body_id=body, name=name, kind=mapping.organization_kind(data)
        )
        if row.object_id is None:
            short = text(data.get("shortName"), 30) or name[:30]
            obj.short_name = _unique(
                short, self.taken.setdefault(body, {}), 30, owner=row.source_id
            )
        obj.classification = text(data.get("classification") or data.get("organizationType"), 100)
        obj.website = text(data.get("website"), 200)
        obj.legislative_term_id = None
        _dates(obj, data, ctx.summary, "Organisation")
        stamp(obj, data)
        return obj


class PersonBuilder(Builder):
    kind, model = "Person", Person
    fields = ["form_of_address", "title", "given_name", "family_name", "sort_name", "modified"]

    def instance(self, row, ctx):
        data = row.data
        given, family = text(data.get("givenName"), 100), text(data.get("familyName"), 100)
        if not family:
            # Only `name` given: its last word is the family name, the rest the given names.
            words = text(data.get("name"), 200).split()
            if not words:
                raise Skip("Name fehlt")
            family, given = words[-1][:100], given or " ".join(words[:-1])[:100]
        obj = Person(pk=row.object_id, body_id=ctx.body(data), given_name=given, family_name=family)
        address = text(data.get("formOfAddress"), 50)
        obj.form_of_address = (
            "Frau" if "frau" in address.lower() else "Herr" if "herr" in address.lower() else ""
        )
        obj.title = text(data.get("title"), 50)
        obj.sort_name = person_sort_name(family, given)
        stamp(obj, data)
        return obj


class MembershipBuilder(Builder):
    kind, model = "Membership", Membership
    fields = ["role", "voting_right", "on_behalf_of", "start_date", "end_date", "modified"]

    def prepare(self, ctx):
        self.kinds = dict(Organization.objects.values_list("pk", "kind"))
        self.open_chairs = dict(
            Membership.objects.filter(role=Role.CHAIR, end_date__isnull=True).values_list(
                "organization", "pk"
            )
        )

    def instance(self, row, ctx):
        data = row.data
        person, organization = (
            ctx.pk("Person", data.get("person")),
            ctx.pk("Organization", data.get("organization")),
        )
        if not person:
            raise Skip("Person unbekannt")
        if not organization:
            raise Skip("Organisation unbekannt")
        obj = Membership(pk=row.object_id, person_id=person, organization_id=organization)
        _dates(obj, data, ctx.summary, "Mitgliedschaft")
        if obj.start_date is None:
            obj.start_date = mapping.date(data.get("created")) or timezone.localdate()
            ctx.summary.note("Mitgliedschaft: Beginn fehlt, Anlagedatum eingesetzt")
        kind = self.kinds.get(organization)
        obj.role = mapping.membership_role(data.get("role"), kind)
        # One open-ended chair per organisation (a database rule); the source may have two.
        holder = (row.source_id, row.object_id)
        open_chair = obj.role == Role.CHAIR and obj.end_date is None
        if open_chair and self.open_chairs.setdefault(organization, row.source_id) not in holder:
            obj.role = Role.MEMBER
            ctx.summary.note("Mitgliedschaft: zweiter offener Vorsitz als Mitglied übernommen")
        obj.voting_right = data.get("votingRight") is not False
        behalf = ctx.pk("Organization", data.get("onBehalfOf"))
        obj.on_behalf_of_id = behalf if self.kinds.get(behalf) == OrganizationKind.FACTION else None
        stamp(obj, data)
        return obj


class MeetingBuilder(Builder):
    kind, model = "Meeting", Meeting
    fields = ["name", "start", "end", "location", "state", "invited_at", "modified"]

    def instance(self, row, ctx):
        data = row.data
        start = mapping.datetime_(data.get("start"))
        if start is None:
            raise Skip("start fehlt")
        obj = Meeting(pk=row.object_id, body_id=ctx.body(data), start=start)
        obj.name = text(data.get("name"), 200, default="Sitzung")
        obj.end = mapping.datetime_(data.get("end"))
        if obj.end and obj.end < start:
            ctx.summary.note("Sitzung: Ende vor Beginn verworfen")
            obj.end = None
        obj.location_id = ctx.pk("Location", data.get("location"))
        if data.get("cancelled") is True:
            obj.state = MeetingState.CANCELLED
        else:
            obj.state = MeetingState.HELD if start < timezone.now() else MeetingState.SCHEDULED
        # The agenda of an imported meeting was published by the system it comes from.
        obj.invited_at = min(start, mapping.datetime_(data.get("created")) or start)
        stamp(obj, data)
        return obj

    def after(self, pairs, ctx):
        through = Meeting.organizations.through
        through.objects.filter(
            meeting_id__in=[obj.pk for row, obj in pairs if row.object_id]
        ).delete()
        links = []
        for row, obj in pairs:
            organizations = ctx.pks("Organization", row.data.get("organization"))
            if not organizations and row.data.get("organization"):
                organizations = [ctx.placeholder_organization(obj.body_id)]
            links += [through(meeting_id=obj.pk, organization_id=o) for o in organizations]
        through.objects.bulk_create(links)


class AgendaItemBuilder(Builder):
    kind, model = "AgendaItem", AgendaItem
    fields = [
        "order",
        "number",
        "title",
        "public",
        "published_at",
        "result",
        "resolution_text",
        "unanimous",
        "modified",
    ]

    def prepare(self, ctx):
        self.orders, self.numbers = {}, {}
        for meeting, order, number, pk in AgendaItem.objects.values_list(
            "meeting", "order", "number", "pk"
        ):
            self.orders.setdefault(meeting, {})[order] = pk
            self.numbers.setdefault(meeting, {})[number] = pk

    def instance(self, row, ctx):
        data = row.data
        meeting = ctx.pk("Meeting", data.get("meeting"))
        if not meeting:
            raise Skip("Sitzung unbekannt")
        owner = row.object_id or row.source_id
        obj = AgendaItem(pk=row.object_id, meeting_id=meeting)
        orders, numbers = self.orders.setdefault(meeting, {}), self.numbers.setdefault(meeting, {})
        order = data.get("order") if isinstance(data.get("order"), int) else data.get("_position")
        order = order if isinstance(order, int) and order >= 0 else max(orders, default=0) + 1
        while orders.setdefault(order, owner) != owner:
            order = max(orders) + 1
        obj.order = order
        # Numbers are unique per meeting here; empty or repeated ones get the position added.
        number = text(data.get("number"), 20)
        if not number or numbers.setdefault(number, owner) != owner:
            ctx.summary.note("TOP: Nummer fehlt oder doppelt, Position angehängt")
            number = f"{number} ({order})".strip()[:20]
            numbers[number] = owner
        obj.number = number
        obj.title = text(data.get("name"), 500, default="(ohne Bezeichnung)")
        obj.public = data.get("public") is not False
        obj.result, obj.unanimous = mapping.agenda_result(data.get("result"))
        if data.get("result") and not obj.result:
            ctx.summary.note("TOP: Ergebnis nicht zugeordnet (im Beschlusstext)")
        obj.resolution_text = text(data.get("resolutionText"), 100_000)
        if data.get("result") and not obj.result:
            obj.resolution_text = (
                f"{text(data.get('result'), 500)}\n\n{obj.resolution_text}".strip()
            )
        stamp(obj, data)
        obj.published_at = obj.created
        return obj


COUNCIL_BUILDERS = [
    BodyBuilder,
    LegislativeTermBuilder,
    LocationBuilder,
    OrganizationBuilder,
    PersonBuilder,
    MembershipBuilder,
    MeetingBuilder,
    AgendaItemBuilder,
]
