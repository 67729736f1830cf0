"""Who a user is in the council: resolved once per request from groups and memberships."""

from dataclasses import dataclass

from django.utils import timezone

COUNCIL_OFFICE_PERMISSION = "council.council_office"
COUNCIL_OFFICE_GROUP = "Sitzungsdienst"


@dataclass(frozen=True)
class Roles:
    office: bool = False
    factions: frozenset = frozenset()  # factions whose papers the user drafts and files
    chaired: frozenset = frozenset()  # committees the user chairs (or chairs as deputy)
    units: frozenset = frozenset()  # administration units the user works in
    seats: frozenset = frozenset()  # organizations the user sits in with a mandate
    served: frozenset = frozenset()  # committees the user's administration units work for
    headed: frozenset = frozenset()  # administration units the user leads (releases reports)

    @property
    def is_staff_of_anything(self):
        return self.office or bool(self.factions or self.chaired or self.units or self.seats)


ANONYMOUS = Roles()


def roles_of(user) -> Roles:
    """The user's roles today; cached on the user object (one query, plus the permission cache)."""
    if not getattr(user, "is_authenticated", False):
        return ANONYMOUS
    cached = getattr(user, "_ratsfaden_roles", None)
    if cached is not None:
        return cached
    from council.models import MANDATE_ROLES, Membership, Organization, OrganizationKind, Role

    today = timezone.localdate()
    factions, chaired, units, seats, headed = set(), set(), set(), set(), set()
    # A membership of an organization that has ended (a dissolved faction) confers nothing.
    rows = (
        Membership.objects.active(today)
        .filter(person__user=user, organization__in=Organization.objects.current(today))
        # An administration unit's committees come along in the same query (one row each).
        .values_list("organization_id", "organization__kind", "role", "organization__serves")
    )
    served = set()
    for organization_id, kind, role, serves in rows:
        if kind == OrganizationKind.FACTION and role in (Role.FACTION_STAFF, Role.FACTION_CHAIR):
            factions.add(organization_id)
        if kind == OrganizationKind.ADMINISTRATION:
            units.add(organization_id)
            if serves is not None:
                served.add(serves)
            if role == Role.UNIT_HEAD:
                headed.add(organization_id)
        elif role in (Role.CHAIR, Role.DEPUTY_CHAIR):
            chaired.add(organization_id)
        if kind != OrganizationKind.ADMINISTRATION and role in MANDATE_ROLES:
            seats.add(organization_id)
    roles = Roles(
        office=user.is_superuser or user.has_perm(COUNCIL_OFFICE_PERMISSION),
        factions=frozenset(factions),
        chaired=frozenset(chaired),
        units=frozenset(units),
        seats=frozenset(seats),
        served=frozenset(served),
        headed=frozenset(headed),
    )
    user._ratsfaden_roles = roles
    return roles
