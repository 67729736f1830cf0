"""How OParl's free-text values map onto Ratsfaden's choices. Servers write what they like;
what no rule recognises keeps a neutral value here and its original text in the raw cache."""

import datetime

from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from council.models import AgendaResult, OrganizationKind, Role
from motions.models import Consultation, PaperType

# Checked in order: "Änderungsantrag" contains "antrag", "Beantwortung einer Anfrage" "anfrage".
PAPER_TYPE_RULES = [
    ("änderungsantrag", PaperType.AMENDMENT),
    ("ergänzungsantrag", PaperType.AMENDMENT),
    ("beantwortung", None),
    ("anfrage", PaperType.INQUIRY),
    ("antrag", PaperType.MOTION),
]

RESULT_RULES = [
    ("geändert", AgendaResult.ADOPTED_AMENDED),
    ("mit änderung", AgendaResult.ADOPTED_AMENDED),
    ("abgelehnt", AgendaResult.REJECTED),
    ("zurückgezogen", AgendaResult.WITHDRAWN),
    ("vertagt", AgendaResult.POSTPONED),
    ("zurückgestellt", AgendaResult.POSTPONED),
    ("verwiesen", AgendaResult.REFERRED),
    ("kenntnis", AgendaResult.TAKEN_NOTE),
    ("beschlossen", AgendaResult.ADOPTED),
    ("angenommen", AgendaResult.ADOPTED),
    ("zugestimmt", AgendaResult.ADOPTED),
]


def text(value, limit, default=""):
    """A string field's value, trimmed to the column; lists (some servers) joined."""
    if isinstance(value, list):
        value = " ".join(str(v) for v in value if v)
    if value is None or isinstance(value, (dict, bool)):
        return default
    return (str(value).strip() or default)[:limit]


def paper_type(source_type):
    """Ratsfaden's type for an OParl paperType; unknown local types count as motions (the
    original type is kept on the paper)."""
    lowered = text(source_type, 200).lower()
    for word, kind in PAPER_TYPE_RULES:
        if word in lowered:
            return kind or PaperType.MOTION
    return PaperType.MOTION


def agenda_result(value):
    """(result, unanimous) from a free-text result such as "einstimmig beschlossen"."""
    lowered = text(value, 500).lower()
    unanimous = "einstimmig" in lowered
    for word, result in RESULT_RULES:
        if word in lowered:
            return result, unanimous
    return "", unanimous


def organization_kind(data):
    words = " ".join(
        text(data.get(key), 200).lower() for key in ("organizationType", "classification")
    )
    name = text(data.get("name"), 200).lower()
    if "fraktion" in words or "partei" in words or "gruppe" in words:
        return OrganizationKind.FACTION
    if "verwaltung" in words:
        return OrganizationKind.ADMINISTRATION
    if "parlament" in words or name in ("rat", "stadtrat", "gemeinderat", "kreistag"):
        return OrganizationKind.COUNCIL
    if "gremium" in words or "ausschuss" in words or "beirat" in words or "ausschuss" in name:
        return OrganizationKind.COMMITTEE
    return OrganizationKind.OTHER


def membership_role(value, kind):
    lowered = text(value, 200).lower()
    if "stellv" in lowered and "vorsitz" in lowered:
        return Role.DEPUTY_CHAIR
    if "vorsitz" in lowered:
        return Role.FACTION_CHAIR if kind == OrganizationKind.FACTION else Role.CHAIR
    if "sachkundig" in lowered:
        return Role.EXPERT_CITIZEN
    if "beratend" in lowered:
        return Role.ADVISORY_MEMBER
    return Role.MEMBER


def consultation_role(value, authoritative):
    """(role, authoritative): only a decision is authoritative (a database rule)."""
    lowered = text(value, 200).lower()
    if "vorberat" in lowered or lowered == "beratung":
        role = Consultation.Role.PRELIMINARY
    elif "kenntnis" in lowered:
        role = Consultation.Role.NOTICE
    else:
        role = Consultation.Role.DECISION
    return role, bool(authoritative is True and role == Consultation.Role.DECISION)


def date(value):
    """A date from 'yyyy-mm-dd' (or a date-time, as some servers send); None if unreadable."""
    if not isinstance(value, str):
        return None
    try:
        return parse_date(value[:10])
    except ValueError:
        return None


def datetime_(value):
    """An aware date-time; a bare date counts as midnight; None if unreadable."""
    if not isinstance(value, str):
        return None
    try:
        moment = parse_datetime(value)
    except ValueError:
        moment = None
    if moment is None:
        day = date(value)
        if day is None:
            return None
        moment = datetime.datetime.combine(day, datetime.time())
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment
