"""What each user may see, written once. Every view, feed and API starts from these."""

import datetime

from django.db import models
from django.db.models import Case, Exists, OuterRef, Q, Value, When
from django.utils import timezone

from council.roles import roles_of


class OrganizationQuerySet(models.QuerySet):
    def current(self, on=None):
        on = on or timezone.localdate()
        return self.filter(Q(end_date__isnull=True) | Q(end_date__gte=on)).filter(
            Q(start_date__isnull=True) | Q(start_date__lte=on)
        )

    def committees(self):
        return self.filter(kind__in=["council", "committee", "other"])

    def factions(self):
        return self.filter(kind="faction")

    def administration(self):
        return self.filter(kind="administration")


class MembershipQuerySet(models.QuerySet):
    def active(self, on=None):
        on = on or timezone.localdate()
        return self.filter(start_date__lte=on).filter(
            Q(end_date__isnull=True) | Q(end_date__gte=on)
        )

    def overlapping(self, start, end):
        """Memberships that share at least one day with [start, end] (end None = open)."""
        qs = self.filter(Q(end_date__isnull=True) | Q(end_date__gte=start))
        return qs if end is None else qs.filter(start_date__lte=end)

    def public(self):
        """Mandates only: staff positions and the administration are never shown in public."""
        from council.models import MANDATE_ROLES

        return self.filter(role__in=MANDATE_ROLES).exclude(organization__kind="administration")


class PersonQuerySet(models.QuerySet):
    def public(self):
        """Persons who hold or held a mandate; staff without one have no public page."""
        from council.models import Membership

        mandates = Membership.objects.public().filter(person=OuterRef("pk"))
        return self.filter(Exists(mandates))

    def visible_to(self, user):
        if roles_of(user).office:
            return self
        return self.public()


class MeetingQuerySet(models.QuerySet):
    def upcoming(self, now=None):
        return self.filter(start__gte=now or timezone.now()).order_by("start")

    def past(self, now=None):
        return self.filter(start__lt=now or timezone.now()).order_by("-start")

    def in_month(self, year, month):
        tz = timezone.get_current_timezone()
        first = datetime.datetime(year, month, 1, tzinfo=tz)
        following = datetime.datetime(year + month // 12, month % 12 + 1, 1, tzinfo=tz)
        return self.filter(start__gte=first, start__lt=following).order_by("start")

    def of_organization(self, organization):
        return self.filter(organizations=organization)


class AgendaItemQuerySet(models.QuerySet):
    def _meeting_of(self, organizations):
        # A subquery, not a join: a join over a meeting's organizations duplicates rows.
        through = self.model.meeting.field.related_model.organizations.through
        return Exists(
            through.objects.filter(
                meeting_id=OuterRef("meeting_id"), organization_id__in=organizations
            )
        )

    def _listed(self, user):
        """Q for the items the user may know of at all: published ones, and for those who
        prepare a meeting (the office, the chairs of its committees) the agenda in the making."""
        roles = roles_of(user)
        published = Q(published_at__isnull=False)
        if roles.office:
            return Q(pk__isnull=False)
        if roles.chaired:
            return published | Q(self._meeting_of(roles.chaired))
        return published

    def _entitled(self, user):
        """Q for the non-public items whose title the user may read: the council office all of
        them; members of a meeting's organizations, and the administration units that serve
        them, that meeting's items."""
        roles = roles_of(user)
        if roles.office:
            return Q(pk__isnull=False)
        organizations = roles.seats | roles.served | roles.chaired
        if organizations:
            return Q(self._meeting_of(organizations))
        return Q(pk__isnull=True)

    def listed_for(self, user):
        """The items whose number the user may see: what an agenda shows."""
        return self.filter(self._listed(user))

    def visible_to(self, user):
        """The items the user may read whole: published public items, and the non-public and
        unpublished ones the user is entitled to."""
        return self.filter(self._listed(user)).filter(Q(public=True) | self._entitled(user))

    def with_disclosure(self, user):
        """Each item annotated `disclosed`: whether its title may be shown to the user.

        An agenda lists every published item (its number is public), but an undisclosed one
        shows only its number and "nicht öffentlich".
        """
        return self.annotate(
            disclosed=Case(
                When(Q(public=True) | self._entitled(user), then=Value(True)),
                default=Value(False),
                output_field=models.BooleanField(),
            )
        )
