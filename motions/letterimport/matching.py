"""The words of a letter matched to the body's factions, committees, persons and meetings. A
match that fits several is not decided here: it is returned with its candidates as choices."""

import re

from django.db.models import Q

from council.models import Meeting, MeetingState, Membership, Organization, Person, Role
from motions.letterimport.rules import Found

LETTER = r"[\wÄÖÜäöüßé]"
# Parties as letters spell them; a faction's name is matched to the same key.
PARTIES = {
    "gruene": r"b(?:ündnis|\.)?\s*'?\s*90\s*/?\s*(?:die\s+)?grünen|bündnis\s*90|b'?90|die\s+grünen|grünen|grüne",
    "linke": r"die\s+linke\.?|linke",
    "spd": r"spd",
    "cdu": r"cdu",
    "fdp": r"fdp|freie\s+demokraten",
    "afd": r"afd",
    "fw": r"freie\s+wähler|fwi?",
    "partei": r"die\s+partei",
    "volt": r"volt",
    "bsw": r"bsw",
    "piraten": r"piraten(?:partei)?",
}
FACTION_WORDS = re.compile(
    r"\b(?:rats)?fraktion\b|-(?:rats)?fraktion\b|\bgruppe\b|\bim rat der stadt [\w\-]+",
    re.IGNORECASE,
)


def bounded(pattern):
    return rf"(?<!{LETTER})(?:{pattern})(?!{LETTER})"


def fold(text):
    """Lower case, single spaces, the genitive of committees folded ("Betriebsausschusses" →
    "betriebsausschuss", "des Rates" → "rat")."""
    text = " ".join(text.lower().split())
    text = re.sub(r"ausschusses\b", "ausschuss", text)
    text = re.sub(r"\brates\b", "rat", text)
    return re.sub(r"vertretungen\b", "vertretung", text)


# Factions ------------------------------------------------------------------------------------


def _faction_aliases(factions):
    """[(pattern, [faction, …])]: each faction's own names first, then the party keys."""
    aliases = []
    for faction in factions:
        core = FACTION_WORDS.sub(" ", faction.name).strip(" -")
        for alias in {faction.short_name, core, faction.name}:
            if len(alias.strip()) >= 2:
                aliases.append((bounded(re.escape(alias.strip())), [faction]))
    for pattern in PARTIES.values():
        owners = [
            f for f in factions if re.search(bounded(pattern), f"{f.name} {f.short_name}", re.I)
        ]
        if owners:
            aliases.append((bounded(pattern), owners))
    return aliases


def match_factions(texts, body):
    """Rule `factions`: the factions named in the head and in the signatures' functions, in the
    order named ("SPD / GRÜNE", "FW|FÜR", "B'90/DIE GRÜNEN", "DIE LINKE."). The first is the lead.
    Returns Found([faction, …]) with choices for a name that fits several."""
    factions = list(Organization.objects.current().filter(body=body, kind="faction"))
    aliases = _faction_aliases(factions)
    found, choices, sources = [], [], []
    for text in texts:
        spans = []
        for pattern, owners in aliases:
            for match in re.finditer(pattern, text, re.IGNORECASE):
                spans.append((match.start(), -len(match.group(0)), match.group(0), owners))
        end = -1
        for start, negative_length, words, owners in sorted(spans, key=lambda s: s[:2]):
            if start < end:
                continue
            end = start - negative_length
            if len(owners) > 1:
                choices.extend(o for o in owners if o not in choices)
            elif owners[0] not in found:
                found.append(owners[0])
                sources.append(words)
    return Found(found, " · ".join(sources), [c for c in choices if c not in found])


# Committees ----------------------------------------------------------------------------------


def _committees(body):
    committees = Organization.objects.filter(body=body).committees()
    return list(committees.current()) or list(committees)


def match_committee(texts, body):
    """Rule `committee`: the committee named by its name (in any case: "des Betriebsausschusses
    2"), its short name ("B2") or its chair ("Frau Lasser"), searched in the addressee or
    reference block first, then in the request. A name that fits several is offered as choice."""
    committees = _committees(body)
    chairs = _chairs(committees)
    for text in texts:
        if not text:
            continue
        folded = fold(text)
        named = [
            c
            for c in committees
            if re.search(bounded(re.escape(fold(c.name))), folded)
            or (
                len(c.short_name) >= 2 and re.search(bounded(re.escape(fold(c.short_name))), folded)
            )
        ]
        named = _most_specific(named)
        if len(named) == 1:
            return Found(named[0], text)
        if len(named) > 1:
            return Found(None, text, named)
        by_chair = [
            c for c in committees if any(_names_person(folded, p) for p in chairs.get(c.pk, []))
        ]
        if len(by_chair) == 1:
            return Found(by_chair[0], text)
        partial = _by_word(folded, committees)
        if len(partial) == 1:
            return Found(partial[0], text)
        if partial or by_chair:
            return Found(None, text, partial or by_chair)
    return Found(None, "")


def _most_specific(committees):
    """ "Rat" inside "Rat der Stadt …" names one committee, not two."""
    names = [fold(c.name) for c in committees]
    return [
        c for c in committees if not any(fold(c.name) != n and fold(c.name) in n for n in names)
    ]


def _by_word(folded, committees):
    """A committee word that is part of several names ("Betriebsausschuss" without its number)."""
    for word in re.findall(rf"{LETTER}*ausschuss|bezirksvertretung", folded):
        fits = [c for c in committees if word in fold(c.name)]
        if fits:
            return fits
    return []


def _chairs(committees):
    chairs = {}
    memberships = (
        Membership.objects.active()
        .filter(organization__in=committees, role=Role.CHAIR)
        .select_related("person")
    )
    for membership in memberships:
        chairs.setdefault(membership.organization_id, []).append(membership.person)
    return chairs


def _names_person(folded, person):
    family = re.escape(person.family_name.lower())
    given = re.escape(person.given_name.lower())
    return bool(
        re.search(bounded(rf"{given}\s+{family}"), folded)
        or re.search(bounded(rf"(?:frau|herrn?|dr\.)\s+{family}"), folded)
    )


# Persons -------------------------------------------------------------------------------------

TITLES = re.compile(r"\b(?:Frau|Herrn?|Dr\.|Prof\.|gez\.)\s*", re.IGNORECASE)


def match_person(name, body, among=None):
    """Rule `person`: a person of the body by given and family name; by the family name alone
    among `among` (the factions' members) if no one has the full name. Several are a choice."""
    words = TITLES.sub("", name).split()
    if not words:
        return Found(None, name)
    family, given = words[-1], " ".join(words[:-1])
    people = Person.objects.filter(body=body, family_name__iexact=family)
    exact = list(people.filter(given_name__iexact=given)) if given else []
    if not exact and among is not None:
        exact = list(people.filter(pk__in=among))
    if not exact and not given:
        exact = list(people)
    if len(exact) == 1:
        return Found(exact[0], name)
    return Found(None, name, exact)


def match_addressee(text, body, committee):
    """Rule `addressee`: the person addressed ("Frau Katrin Lasser"), else the committee's chair."""
    match = re.search(
        r"(?:Frau|Herrn?)\s+((?:Dr\.\s+)?[A-ZÄÖÜ][\wäöüß\-]+(?:\s+[A-ZÄÖÜ][\wäöüß\-]+)?)",
        text or "",
    )
    if not match:
        return Found(None, "")
    chairs = None
    if committee is not None:
        chairs = Membership.objects.active().filter(organization=committee).values("person")
    return match_person(match.group(1), body, among=chairs)


# Meetings ------------------------------------------------------------------------------------


def match_meeting(day, committee, body, *, after=None):
    """Rule `meeting`: the committee's meeting on the day named; for "die nächste Sitzung" its
    first meeting after the letter's date."""
    if day is None:
        return None
    meetings = Meeting.objects.filter(body=body).exclude(state=MeetingState.CANCELLED)
    if committee is not None:
        meetings = meetings.filter(organizations=committee)
    if day == "next":
        if committee is None or after is None:
            return None
        return meetings.filter(start__date__gte=after).order_by("start").first()
    found = list(meetings.filter(start__date=day)[:2])
    return found[0] if len(found) == 1 else None


def members_of(factions):
    return (
        Membership.objects.filter(organization__in=factions)
        .filter(Q(role=Role.FACTION_CHAIR) | Q(role=Role.MEMBER))
        .values("person")
    )
