"""Who is who in the demo council: persons drawn in a fixed order from the name lists, and
their seats in the council, the factions, the committees and the district councils."""

from dataclasses import dataclass
from itertools import count

from council.management.commands import _demo_data as data
from council.models import Role


def _names():
    """(form of address, title, given name, family name), one per family name, in order; then
    the other pairs of given and family names, for the district councils."""
    for i, family_name in enumerate(data.FAMILY_NAMES):
        given, form = (data.GIVEN_FEMALE, "Frau") if i % 2 == 0 else (data.GIVEN_MALE, "Herr")
        yield form, "Dr." if i % 13 == 6 else "", given[i // 2 % len(given)], family_name
    for offset in count(1):
        for i, family_name in enumerate(data.FAMILY_NAMES):
            given, form = (data.GIVEN_MALE, "Herr") if i % 2 == 0 else (data.GIVEN_FEMALE, "Frau")
            yield form, "", given[(i // 2 + 7 * offset) % len(given)], family_name


@dataclass
class Cast:
    """Who is who, drawn in a fixed order from the name lists."""

    mayor: tuple
    councillors: dict  # faction -> persons, the faction chair first
    experts: dict  # (faction, committee) -> person
    staff: dict  # faction -> person
    clerks: dict  # administration unit -> person

    @classmethod
    def draw(cls):
        names = _names()
        mayor = next(names)
        councillors = {
            short: fixed + [next(names) for _ in range(seats - len(fixed))]
            for short, _name, seats, fixed in data.FACTIONS
        }
        experts = {}
        for faction, committees in data.EXPERT_CITIZENS:
            person = next(names)
            experts.update({(faction, committee): person for committee in committees.split()})
        staff = {faction: next(names) for faction in data.STAFFED_FACTIONS}
        clerks = {short: next(names) for short, _name, _email in data.UNITS}
        return cls(mayor, councillors, experts, staff, clerks)

    def everyone(self):
        councillors = [p for people in self.councillors.values() for p in people]
        others = [*self.experts.values(), *self.staff.values(), *self.clerks.values()]
        return list(dict.fromkeys([self.mayor, *councillors, *others]))


def seat_shares(size):
    """Seats per faction in a committee of `size` by largest remainder; ties go by list order."""
    quotas = [(short, size * seats / data.COUNCIL_SIZE) for short, _n, seats, _f in data.FACTIONS]
    shares = {short: int(quota) for short, quota in quotas}
    by_remainder = sorted(quotas, key=lambda sq: sq[1] - int(sq[1]), reverse=True)
    for short, _quota in by_remainder[: size - sum(shares.values())]:
        shares[short] += 1
    return shares


def _membership(
    person, organization, role=Role.MEMBER, faction=None, *, term=data.CURRENT_TERM, voting=True
):
    return {
        "person": person,
        "organization": organization,
        "role": role,
        "on_behalf_of": faction,
        "voting_right": voting,
        **term,
    }


def seat_chairs(committee, seats, index):
    """Give the chair and the deputy to members of the factions `committee` names for them."""
    pinned = data.PINNED_CHAIRS.get(committee.short_name)
    # Only a councillor may chair, so the chairs come from the members, not the expert citizens.
    for role, faction, person in [
        (Role.CHAIR, committee.chair, pinned),
        (Role.DEPUTY_CHAIR, committee.deputy, None),
    ]:
        candidates = [seat for seat in seats if seat[1:] == [faction, Role.MEMBER]]
        # Spread the chairs; a pinned chair (a demo login) chairs nothing else.
        others = [s for s in candidates if s[0] not in data.PINNED_CHAIRS.values()]
        default = others[index % len(others)] if others else candidates[0]
        seat = next((s for s in candidates if s[0] == person), default)
        seat[0], seat[2] = person or seat[0], role
    return [
        _membership(
            person, committee.short_name, role, faction, voting=role != Role.ADVISORY_MEMBER
        )
        for person, faction, role in seats
    ]


def committee_memberships(index, committee, cast):
    """Seats by faction strength; a faction without one sends an advisory member (§ 58 GO NRW)."""
    seats = []  # [person, faction, role]
    for faction, seat_count in seat_shares(committee.size).items():
        pool = cast.councillors[faction]
        expert = cast.experts.get((faction, committee.short_name))
        if seat_count == 0:
            seats.append([pool[index % len(pool)], faction, Role.ADVISORY_MEMBER])
            continue
        seats += [
            [pool[(3 * index + j) % len(pool)], faction, Role.MEMBER]
            for j in range(seat_count - bool(expert))
        ]
        if expert:
            seats.append([expert, faction, Role.EXPERT_CITIZEN])
    return seat_chairs(committee, seats, index)


def membership_plan(cast):
    """Council and factions in both terms, committees, faction staff and the administration."""
    previous = data.PREVIOUS_TERM
    rows = [
        _membership(cast.mayor, "Rat", Role.CHAIR, term=term)
        for term in (previous, data.CURRENT_TERM)
    ]
    rows.append(_membership(data.LASSER, "B2", Role.CHAIR, "SPD", term=previous))
    deputy = cast.councillors[data.COUNCIL.deputy][1]
    for faction, people in cast.councillors.items():
        for i, person in enumerate(people):
            role = Role.DEPUTY_CHAIR if person == deputy else Role.MEMBER
            faction_role = Role.FACTION_CHAIR if i == 0 else Role.MEMBER
            rows += [
                _membership(person, "Rat", role, faction),
                _membership(person, faction, faction_role),
            ]
            if i % 4 != 3:  # re-elected: three in four sat in the previous council, too
                rows += [
                    _membership(person, "Rat", Role.MEMBER, faction, term=previous),
                    _membership(person, faction, faction_role, term=previous),
                ]
    for faction, person in dict.fromkeys((f, p) for (f, _c), p in cast.experts.items()):
        rows.append(_membership(person, faction))
    rows += [_membership(p, f, Role.FACTION_STAFF, voting=False) for f, p in cast.staff.items()]
    # The integration unit's clerk (the demo login "verwaltung") heads it: she releases reports.
    rows += [
        _membership(p, unit, Role.UNIT_HEAD if unit == "FB 50" else Role.MEMBER, voting=False)
        for unit, p in cast.clerks.items()
    ]
    for index, committee in enumerate(data.COMMITTEES):
        rows += committee_memberships(index, committee, cast)
    return rows


def email_address(given_name, family_name):
    local = f"{given_name}.{family_name}".lower()
    for letter, spelled in [("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss"), ("ı", "i")]:
        local = local.replace(letter, spelled)
    return f"{local}@example.org"


def district_memberships(committees):
    """The members of the district councils: seats by the factions' strength in the council,
    taken by people of their own, none of them a councillor."""
    names = _names()
    taken = {person[2:] for person in Cast.draw().everyone()}
    rows = []
    for index, committee in enumerate(committees):
        seats = []
        for faction, seat_count in seat_shares(committee.size).items():
            for _seat in range(seat_count):
                person = next(name for name in names if name[2:] not in taken)
                taken.add(person[2:])
                seats.append([person, faction, Role.MEMBER])
        rows += seat_chairs(committee, seats, index)
    return rows
