"""Factories with sequences and fixed dates: the same data on every run."""

import datetime
import zoneinfo

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission

from council import models

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")


class BodyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Body
        django_get_or_create = ["short_name"]

    name = "Stadt Castrop-Rauxel"
    short_name = "castrop-rauxel"
    state = "NW"
    contact_email = "ratsbuero@example.org"


class LegislativeTermFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.LegislativeTerm

    body = factory.SubFactory(BodyFactory)
    name = factory.Sequence(lambda n: f"Wahlperiode {2020 + 5 * n}–{2025 + 5 * n}")
    start_date = datetime.date(2020, 11, 1)


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Organization

    body = factory.SubFactory(BodyFactory)
    kind = models.OrganizationKind.COMMITTEE
    name = factory.Sequence(lambda n: f"Ausschuss {n}")
    short_name = factory.Sequence(lambda n: f"A{n}")
    start_date = datetime.date(2020, 11, 1)


class CommitteeFactory(OrganizationFactory):
    pass


class CouncilFactory(OrganizationFactory):
    kind = models.OrganizationKind.COUNCIL
    name = "Rat der Stadt"
    short_name = factory.Sequence(lambda n: f"Rat{n}")


class FactionFactory(OrganizationFactory):
    kind = models.OrganizationKind.FACTION
    name = factory.Sequence(lambda n: f"Fraktion {n}")
    short_name = factory.Sequence(lambda n: f"F{n}")


class AdministrationUnitFactory(OrganizationFactory):
    kind = models.OrganizationKind.ADMINISTRATION
    name = factory.Sequence(lambda n: f"Fachbereich {n}")
    short_name = factory.Sequence(lambda n: f"FB{n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.django.Password("test-password")


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Person

    body = factory.SubFactory(BodyFactory)
    form_of_address = "Frau"
    given_name = factory.Sequence(lambda n: f"Vorname{n}")
    family_name = factory.Sequence(lambda n: f"Nachname{n}")
    email = factory.LazyAttribute(lambda p: f"{p.given_name}.{p.family_name}@example.org".lower())


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Membership

    person = factory.SubFactory(PersonFactory)
    organization = factory.SubFactory(CommitteeFactory)
    role = models.Role.MEMBER
    start_date = datetime.date(2020, 11, 1)


class LocationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Location

    body = factory.SubFactory(BodyFactory)
    description = "Rathaus"
    room = factory.Sequence(lambda n: f"Sitzungssaal {n}")
    street_address = "Europaplatz 1"
    postal_code = "44575"
    locality = "Castrop-Rauxel"


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Meeting
        skip_postgeneration_save = True

    body = factory.SubFactory(BodyFactory)
    name = factory.Sequence(lambda n: f"Sitzung {n}")
    start = datetime.datetime(2030, 4, 15, 17, 0, tzinfo=BERLIN)
    location = factory.SubFactory(LocationFactory)
    state = "scheduled"
    # An invited (or held) meeting sent its invitation: here, nine days before.
    invited_at = factory.LazyAttribute(
        lambda m: m.start - datetime.timedelta(days=9) if m.state in ("invited", "held") else None
    )

    @factory.post_generation
    def organizations(self, create, extracted, **kwargs):
        if create and extracted:
            self.organizations.set(extracted)


class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.AgendaItem

    meeting = factory.SubFactory(MeetingFactory)
    order = factory.Sequence(lambda n: n + 1)
    number = factory.LazyAttribute(lambda i: f"{'Ö' if i.public else 'N'} {i.order}")
    title = factory.Sequence(lambda n: f"Tagesordnungspunkt {n}")
    public = True
    # Published with the invitation; an agenda in the making has published_at=None.
    published_at = datetime.datetime(2026, 1, 5, 9, 0, tzinfo=BERLIN)


def user_for(person, **kwargs):
    """A login for a person (personas are persons with accounts)."""
    user = UserFactory(**kwargs)
    person.user = user
    person.save(update_fields=["user"])
    return user


def council_office_user(**kwargs):
    group, _ = Group.objects.get_or_create(name="Sitzungsdienst")
    group.permissions.add(Permission.objects.get(codename="council_office"))
    user = UserFactory(**kwargs)
    user.groups.add(group)
    return user


class PaperFactory(factory.django.DjangoModelFactory):
    """A draft paper of one faction. Use services to move it on; `factions` sets originators."""

    class Meta:
        model = "motions.Paper"
        skip_postgeneration_save = True

    body = factory.SubFactory(BodyFactory)
    paper_type = "motion"
    title = factory.Sequence(lambda n: f"Antrag Nummer {n}")
    place = "Castrop-Rauxel"
    committee = factory.SubFactory(CommitteeFactory, body=factory.SelfAttribute("..body"))
    proposed_resolution = "Die Verwaltung wird beauftragt, zu berichten."
    created_by = factory.SubFactory(UserFactory)

    @factory.post_generation
    def factions(self, create, extracted, **kwargs):
        from motions.models import Sponsorship

        if create and extracted:
            for position, faction in enumerate(extracted):
                Sponsorship.objects.create(paper=self, faction=faction, is_lead=position == 0)

    @factory.post_generation
    def questions(self, create, extracted, **kwargs):
        from motions.models import Question

        if create and extracted:
            for order, text in enumerate(extracted, start=1):
                Question.objects.create(paper=self, order=order, text=text)


def draft(*, committee, by, factions, questions=(), **fields):
    """A draft written through the services, as faction staff write it in the form."""
    from motions import services

    paper = PaperFactory.build(body=committee.body, committee=committee, **fields)
    return services.save_draft(paper=paper, by=by, factions=factions, questions=list(questions))


def publish_agenda(meeting, at=datetime.datetime(2026, 1, 5, 9, 0, tzinfo=BERLIN)):
    """The meeting's agenda as published with the invitation (what agenda.publish leaves)."""
    meeting.agenda_items.filter(published_at=None).update(published_at=at)
    meeting.invited_at = meeting.invited_at or at
    meeting.state = "invited"
    meeting.save(update_fields=["invited_at", "state"])
    return meeting


def requested_paper(*, committee, is_public=True, **fields):
    """A submitted paper that waits for a report (as request_report leaves it), built directly."""
    fields = {
        "reference": factory.Sequence(lambda n: f"A/2026/{n + 1:04d}"),
        "submitted_at": datetime.datetime(2026, 1, 12, 9, 0, tzinfo=BERLIN),
        "report_due": datetime.date(2026, 6, 30),
        **fields,
    }
    return PaperFactory(
        body=committee.body,
        committee=committee,
        state="report_requested",
        is_public=is_public,
        **fields,
    )


class ReportRequestFactory(factory.django.DjangoModelFactory):
    """A report request owed by `unit` on `paper`; `answered_at` set means it was answered."""

    class Meta:
        model = "reports.ReportRequest"

    paper = factory.SubFactory(PaperFactory)
    unit = factory.SubFactory(AdministrationUnitFactory, body=factory.SelfAttribute("..paper.body"))
    due_date = datetime.date(2026, 6, 30)
    requested_at = datetime.datetime(2026, 3, 2, 19, 0, tzinfo=BERLIN)
    requested_by = factory.SubFactory(UserFactory)
