"""The council's structure as OParl objects: System, Body, LegislativeTerm, Organization, Person,
Membership, Meeting, AgendaItem and Location."""

from django.db.models import Exists, Max, Min, OuterRef, Prefetch

from council.links import absolute_url
from council.models import (
    AgendaItem,
    Body,
    FactionVote,
    LegislativeTerm,
    Location,
    Meeting,
    MeetingState,
    Membership,
    Organization,
    Person,
)
from oparl.base import CITIZEN, EXT, SCHEMA, Source, compact, day, head, object_url, stamp, url

BODY_LISTS = {
    "organization": "organization",
    "person": "person",
    "meeting": "meeting",
    "paper": "paper",
    "agendaItem": "agenda-item",
    "consultation": "consultation",
    "file": "file",
    "locationList": "location",
    "legislativeTermList": "legislative-term",
    "membership": "membership",
}


def system():
    dates = Body.objects.aggregate(created=Min("created"), modified=Max("modified"))
    data = {
        "id": url(""),
        "type": SCHEMA + "System",
        "oparlVersion": SCHEMA,
        "body": url("body/"),
        "name": "Ratsfaden",
        "website": absolute_url("/"),
        "web": absolute_url("/"),
    }
    if dates["created"]:
        data["created"] = stamp(dates["created"])
        data["modified"] = stamp(dates["modified"])
    return data


def render_body(body, embed=True):
    data = head("Body", "body", body)
    data.update(
        system=url(""),
        shortName=body.short_name,
        name=body.name,
        website=body.website,
        ags=body.municipality_key,
        contactEmail=body.contact_email,
        contactName=body.contact_name,
        web=absolute_url("/"),
    )
    for field, name in BODY_LISTS.items():
        data[field] = url(f"body/{body.pk}/{name}/")
    data = compact(data)
    # Required, so given even when empty.
    data["legislativeTerm"] = (
        [render_term(t) for t in body.legislative_terms.all()] if embed else []
    )
    data[EXT + "rulesOfProcedure"] = {
        "filingDeadlineDays": body.filing_deadline_days,
        "filingDeadlineInWorkingDays": body.filing_deadline_working_days,
        "noticePeriodDays": body.notice_period_days,
        "inquiryAnswerDays": body.inquiry_answer_days,
    }
    return data


def render_term(term, embed=True):
    data = head("LegislativeTerm", "legislative-term", term)
    data.update(
        body=object_url("body", term.body_id),
        name=term.name,
        startDate=day(term.start_date),
        endDate=day(term.end_date),
    )
    return compact(data)


def render_organization(org, embed=True):
    data = head("Organization", "organization", org)
    data.update(
        body=object_url("body", org.body_id),
        name=org.name,
        shortName=org.short_name,
        membership=[object_url("membership", m.pk) for m in org.public_memberships],
        meeting=url(f"organization/{org.pk}/meeting/"),
        subOrganizationOf=object_url("organization", org.parent_id) if org.parent_id else None,
        organizationType=org.oparl_type,
        classification=org.classification,
        startDate=day(org.start_date),
        endDate=day(org.end_date),
        website=org.website,
        web=absolute_url(org.get_absolute_url()),
    )
    data[EXT + "kind"] = org.kind
    if org.legislative_term_id:
        data[EXT + "legislativeTerm"] = object_url("legislative-term", org.legislative_term_id)
    return compact(data)


def prepare_organizations(queryset):
    return queryset.prefetch_related(
        Prefetch("memberships", Membership.objects.public(), to_attr="public_memberships")
    )


def render_person(person, embed=True):
    data = head("Person", "person", person)
    data.update(
        body=object_url("body", person.body_id),
        name=person.name,
        familyName=person.family_name,
        givenName=person.given_name,
        formOfAddress=person.form_of_address,
        title=[person.title] if person.title else None,
        web=absolute_url(person.get_absolute_url()),
    )
    if embed:
        data["membership"] = [render_membership(m) for m in person.public_memberships]
    return compact(data)


def prepare_persons(queryset):
    return queryset.prefetch_related(
        Prefetch(
            "memberships",
            Membership.objects.public().order_by("start_date", "pk"),
            to_attr="public_memberships",
        )
    )


def render_membership(membership, embed=True):
    data = head("Membership", "membership", membership)
    data.update(
        person=object_url("person", membership.person_id),
        organization=object_url("organization", membership.organization_id),
        role=membership.get_role_display(),
        votingRight=membership.voting_right,
        startDate=day(membership.start_date),
        endDate=day(membership.end_date),
        onBehalfOf=object_url("organization", membership.on_behalf_of_id)
        if membership.on_behalf_of_id
        else None,
    )
    data[EXT + "role"] = membership.role
    return compact(data)


def render_location(location, embed=True):
    data = head("Location", "location", location)
    data.update(
        description=location.description,
        room=location.room,
        streetAddress=location.street_address,
        postalCode=location.postal_code,
        locality=location.locality,
    )
    return compact(data)


def render_meeting(meeting, embed=True):
    from oparl.files import meeting_files

    data = head("Meeting", "meeting", meeting)
    data.update(
        name=meeting.name,
        meetingState=meeting.get_state_display(),
        cancelled=True if meeting.state == MeetingState.CANCELLED else None,
        start=stamp(meeting.start),
        end=stamp(meeting.end) if meeting.end else None,
        organization=[object_url("organization", o.pk) for o in meeting.organizations.all()],
        web=absolute_url(meeting.get_absolute_url()),
    )
    data[EXT + "state"] = meeting.state
    if embed:
        if meeting.location:
            data["location"] = render_location(meeting.location)
        data.update(meeting_files(meeting))
        data["agendaItem"] = [render_agenda_item(i) for i in meeting.public_items]
    elif meeting.location_id:
        data[EXT + "location"] = object_url("location", meeting.location_id)
    return compact(data)


def prepare_meetings(queryset):
    return queryset.select_related("location").prefetch_related(
        "organizations",
        "agenda_versions",
        Prefetch("agenda_items", prepare_items(agenda_items()), to_attr="public_items"),
    )


def agenda_items():
    """The items of published agendas; a non-public one is shown as its number only. Annotated
    `paper_public`: whether the paper the item treats may be linked."""
    from motions.models import Paper

    public_paper = Paper.objects.public().filter(consultations__agenda_item=OuterRef("pk"))
    return (
        AgendaItem.objects.listed_for(CITIZEN)
        .with_disclosure(CITIZEN)
        .annotate(paper_public=Exists(public_paper))
    )


def prepare_items(queryset):
    return queryset.select_related("meeting", "consultation").prefetch_related(
        Prefetch("faction_votes", FactionVote.objects.select_related("faction"))
    )


def render_agenda_item(item, embed=True):
    data = head("AgendaItem", "agenda-item", item)
    data.update(meeting=object_url("meeting", item.meeting_id), number=item.number)
    data["order"] = item.order
    data["public"] = item.public
    if not item.disclosed:
        # What the spec allows of a non-public item: its number, and that it is not public.
        return compact(data)
    data.update(
        name=item.title,
        result=item.get_result_display() if item.result else None,
        resolutionText=item.resolution_text,
        web=absolute_url(item.get_absolute_url()),
    )
    if item.paper_public:
        data["consultation"] = object_url("consultation", item.consultation.pk)
    if item.parent_id:
        data[EXT + "parent"] = object_url("agenda-item", item.parent_id)
    if item.result:
        data[EXT + "result"] = item.result
    # Votes are part of the minutes: public once they are released.
    if item.meeting.minutes_released_at and item.has_votes:
        data[EXT + "votes"] = compact(
            {
                "yes": item.votes_yes,
                "no": item.votes_no,
                "abstain": item.votes_abstain,
                "unanimous": item.unanimous or None,
            }
        )
        data[EXT + "factionVotes"] = [
            {
                "faction": object_url("organization", v.faction_id),
                "yes": v.yes,
                "no": v.no,
                "abstain": v.abstain,
            }
            for v in item.faction_votes.all()
        ] or None
    return compact(data)


SOURCES = [
    Source(
        "body",
        "Body",
        Body.objects.all,
        render_body,
        lambda q: q.prefetch_related("legislative_terms"),
        in_body="pk",
    ),
    Source("legislative-term", "LegislativeTerm", LegislativeTerm.objects.all, render_term),
    Source(
        "organization",
        "Organization",
        Organization.objects.all,
        render_organization,
        prepare_organizations,
    ),
    Source("person", "Person", Person.objects.public, render_person, prepare_persons),
    Source(
        "membership",
        "Membership",
        Membership.objects.public,
        render_membership,
        in_body="organization__body",
    ),
    Source("meeting", "Meeting", Meeting.objects.all, render_meeting, prepare_meetings),
    Source(
        "agenda-item",
        "AgendaItem",
        agenda_items,
        render_agenda_item,
        prepare_items,
        in_body="meeting__body",
    ),
    Source("location", "Location", Location.objects.all, render_location),
]
