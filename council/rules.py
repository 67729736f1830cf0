"""May this user do X to this object? The council's part of the answer (django-rules).

Ask with `user.has_perm("council.<action>", obj)`; motions and reports add their own rules.
"""

import rules

from council.roles import roles_of


@rules.predicate
def is_council_office(user):
    return roles_of(user).office


@rules.predicate
def chairs_meeting(user, meeting):
    chaired = roles_of(user).chaired
    return bool(chaired) and any(o.pk in chaired for o in meeting.organizations.all())


@rules.predicate
def sits_in_meeting(user, meeting):
    seats = roles_of(user).seats
    return bool(seats) and any(o.pk in seats for o in meeting.organizations.all())


@rules.predicate
def serves_meeting(user, meeting):
    served = roles_of(user).served
    return bool(served) and any(o.pk in served for o in meeting.organizations.all())


@rules.predicate
def is_administration(user):
    return bool(roles_of(user).units)


rules.add_perm(
    "council.view_nonpublic_agenda", is_council_office | serves_meeting | sits_in_meeting
)
rules.add_perm("council.manage_meeting", is_council_office | chairs_meeting)


@rules.predicate
def chairs_organization(user, organization):
    return organization.pk in roles_of(user).chaired


# The committee's work: its inbox, its meetings' agendas, its results.
rules.add_perm("council.manage_committee", is_council_office | chairs_organization)
