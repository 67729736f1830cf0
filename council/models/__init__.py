"""The council's structure, each model mapped onto its OParl 1.1 type."""

from council.models.body import Body, BodyQuerySet, LegislativeTerm, Record, current_body
from council.models.meetings import (
    AgendaItem,
    AgendaResult,
    AgendaVersion,
    FactionVote,
    Meeting,
    MeetingState,
    Standing,
    StandingItem,
    VersionKind,
)
from council.models.organizations import (
    MANDATE_ROLES,
    OPARL_ORGANIZATION_TYPE,
    FormOfAddress,
    Location,
    Membership,
    Organization,
    OrganizationKind,
    Person,
    Role,
    person_sort_name,
)

__all__ = [
    "MANDATE_ROLES",
    "OPARL_ORGANIZATION_TYPE",
    "AgendaItem",
    "AgendaResult",
    "AgendaVersion",
    "FactionVote",
    "Body",
    "BodyQuerySet",
    "FormOfAddress",
    "LegislativeTerm",
    "Location",
    "Meeting",
    "MeetingState",
    "Membership",
    "Organization",
    "OrganizationKind",
    "Person",
    "Record",
    "Role",
    "Standing",
    "StandingItem",
    "VersionKind",
    "current_body",
    "person_sort_name",
]
