"""Round trip: Ratsfaden's public data written as OParl JSON files, read back into an emptied
database, arrives with its fields and relations.

The export here is a stand-in written from the models; once the OParl interface (/oparl/v1/)
exists, the same comparison runs against a crawl of it."""

import datetime
import json

import pytest

from council.models import (
    AgendaItem,
    Body,
    LegislativeTerm,
    Location,
    Meeting,
    Membership,
    Organization,
    OrganizationKind,
    Person,
    Role,
)
from motions.models import Consultation, Paper, PaperState, Sponsorship
from oparl_import.importer import run_import
from oparl_import.sources import DirectorySource
from tests import factories as f

BASE = "https://rat.example.org/oparl/v1"
OPARL_ORGANIZATION_TYPE = {
    "council": ("Gremium", "Parlament"),
    "committee": ("Gremium", "Ausschuss"),
    "faction": ("Fraktion", "Fraktion"),
    "administration": ("Verwaltungsbereich", ""),
    "other": ("Sonstiges", ""),
}


def oid(kind, pk):
    return f"{BASE}/{kind}/{pk}"


def stamp(obj, kind):
    return {
        "id": oid(kind, obj.pk),
        "type": f"https://schema.oparl.org/1.1/{kind.capitalize()}",
        "created": obj.created.isoformat(),
        "modified": obj.modified.isoformat(),
    }


def export(directory):
    """Every public object, as the OParl interface would publish it."""
    body = Body.objects.get()
    files = {
        "body": {
            **stamp(body, "body"),
            "type": "https://schema.oparl.org/1.1/Body",
            "name": body.name,
            "shortName": body.short_name,
            "legislativeTerm": [
                {
                    **stamp(term, "legislativeterm"),
                    "type": "https://schema.oparl.org/1.1/LegislativeTerm",
                    "name": term.name,
                    "startDate": term.start_date.isoformat(),
                }
                for term in LegislativeTerm.objects.all()
            ],
        },
        "organizations": [
            {
                **stamp(o, "organization"),
                "name": o.name,
                "shortName": o.short_name,
                "organizationType": OPARL_ORGANIZATION_TYPE[o.kind][0],
                "classification": o.classification or OPARL_ORGANIZATION_TYPE[o.kind][1],
                **({"startDate": o.start_date.isoformat()} if o.start_date else {}),
            }
            for o in Organization.objects.all()
        ],
        "persons": [
            {
                **stamp(p, "person"),
                "name": p.name,
                "familyName": p.family_name,
                "givenName": p.given_name,
                "formOfAddress": p.form_of_address,
                "membership": [
                    {
                        **stamp(m, "membership"),
                        "type": "https://schema.oparl.org/1.1/Membership",
                        "organization": oid("organization", m.organization_id),
                        "role": m.get_role_display(),
                        "votingRight": m.voting_right,
                        "startDate": m.start_date.isoformat(),
                    }
                    for m in Membership.objects.public().filter(person=p)
                ],
            }
            for p in Person.objects.public()
        ],
        "meetings": [
            {
                **stamp(m, "meeting"),
                "name": m.name,
                "start": m.start.isoformat(),
                "organization": [oid("organization", o.pk) for o in m.organizations.all()],
                "location": {
                    **stamp(m.location, "location"),
                    "description": m.location.description,
                    "room": m.location.room,
                },
                "agendaItem": [
                    {
                        **stamp(i, "agendaitem"),
                        "type": "https://schema.oparl.org/1.1/AgendaItem",
                        "meeting": oid("meeting", m.pk),
                        "number": i.number,
                        "order": i.order,
                        "name": i.title,
                        "public": i.public,
                        **({"result": i.get_result_display()} if i.result else {}),
                    }
                    for i in m.agenda_items.filter(public=True)
                ],
            }
            for m in Meeting.objects.all()
        ],
        "papers": [
            {
                **stamp(p, "paper"),
                "name": p.title,
                "reference": p.reference,
                "date": p.submitted_at.date().isoformat(),
                "paperType": p.get_paper_type_display(),
                "underDirectionOf": [oid("organization", p.committee_id)],
                "originatorOrganization": [
                    oid("organization", s.faction_id) for s in p.sponsorships.all()
                ],
                "consultation": [
                    {
                        **stamp(c, "consultation"),
                        "type": "https://schema.oparl.org/1.1/Consultation",
                        "paper": oid("paper", p.pk),
                        "organization": [oid("organization", c.organization_id)],
                        **(
                            {
                                "meeting": oid("meeting", c.meeting_id),
                                "agendaItem": oid("agendaitem", c.agenda_item_id),
                            }
                            if c.meeting_id
                            else {}
                        ),
                        "role": c.get_role_display(),
                        "authoritative": c.authoritative,
                    }
                    for c in p.consultations.all()
                ],
            }
            for p in Paper.objects.public()
        ],
    }
    for name, content in files.items():
        (directory / f"{name}.json").write_text(json.dumps({"data": content}), encoding="utf-8")


def snapshot():
    """The public record, keyed by what identifies it to a reader (not by database ids)."""
    return {
        "organizations": sorted(Organization.objects.values_list("name", "short_name", "kind")),
        "persons": sorted(Person.objects.public().values_list("given_name", "family_name")),
        "memberships": sorted(
            Membership.objects.public().values_list(
                "person__family_name", "organization__short_name", "role", "start_date"
            )
        ),
        "meetings": sorted(
            Meeting.objects.values_list("name", "start", "organizations__short_name")
        ),
        "items": sorted(
            AgendaItem.objects.filter(public=True).values_list(
                "meeting__name", "number", "order", "title", "result"
            )
        ),
        "papers": sorted(
            Paper.objects.public().values_list(
                "reference", "title", "paper_type", "committee__short_name"
            )
        ),
        "consultations": sorted(
            Consultation.objects.values_list(
                "paper__reference", "organization__short_name", "agenda_item__number", "role"
            )
        ),
        "sponsors": sorted(
            Sponsorship.objects.values_list("paper__reference", "faction__short_name")
        ),
    }


@pytest.fixture
def demo_council(body, b2, spd, gruene, tmp_path):
    council = f.CouncilFactory(body=body, short_name="Rat", classification="Parlament")
    f.LegislativeTermFactory(body=body)
    chair = f.PersonFactory(body=body, family_name="Lasser", given_name="Katrin")
    f.MembershipFactory(person=chair, organization=b2, role=Role.CHAIR)
    f.MembershipFactory(person=chair, organization=spd, role=Role.FACTION_CHAIR)
    meeting = f.MeetingFactory(
        body=body,
        name="B2, 3. Sitzung",
        state="held",
        organizations=[b2],
        start=datetime.datetime(2025, 4, 15, 17, tzinfo=f.BERLIN),
    )
    item = f.AgendaItemFactory(
        meeting=meeting, order=3, title="Integrationsmanagement", result="adopted"
    )
    f.AgendaItemFactory(meeting=meeting, order=4, public=False, title="Grundstück")
    user = f.UserFactory()
    for n, (faction, scheduled) in enumerate([(spd, True), (gruene, False)], start=1):
        paper = f.PaperFactory(
            body=body,
            committee=b2,
            created_by=user,
            factions=[faction],
            state=PaperState.SUBMITTED,
            reference=f"A/2025/{n:04d}",
            submitted_at=datetime.datetime(2025, 3, n, 9, tzinfo=f.BERLIN),
        )
        Consultation.objects.create(
            paper=paper,
            organization=b2 if scheduled else council,
            meeting=meeting if scheduled else None,
            agenda_item=item if scheduled else None,
        )
    return body


def empty_database():
    Paper.objects.all().delete()
    Meeting.objects.all().delete()
    Membership.objects.all().delete()
    Person.objects.all().delete()
    Organization.objects.all().delete()
    Location.objects.all().delete()
    LegislativeTerm.objects.all().delete()
    Body.objects.all().delete()


def test_every_public_object_arrives_with_its_fields_and_relations(demo_council, tmp_path):
    export(tmp_path)
    before = snapshot()
    empty_database()

    summary = run_import(DirectorySource(tmp_path), download_files=False)

    after = snapshot()
    assert summary.total("fehlgeschlagen") == 0
    assert after == before
    assert Paper.objects.filter(state=PaperState.IMPORTED).count() == 2
    assert not Organization.objects.filter(kind=OrganizationKind.OTHER).exists()
