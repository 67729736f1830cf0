"""Keyset pagination for the public lists: a page starts after the last row of the page before.

An OFFSET scan reads and throws away every row before the page, so page 500 of a large register
is slow; a keyset page reads only its own rows along an index whose columns are the ORDER BY.
No list counts its rows: a page fetches one row more than it shows to know whether another
follows. The cursor is the id of the page's last row (`?nach=123`), a value that never
changes, so a link stays valid while new rows arrive.
"""

from dataclasses import dataclass, field

from django.db.models import F, Q

from council.forms import is_id


@dataclass
class KeysetPage:
    object_list: list
    next_after: int | None = None
    is_first: bool = True
    # Shown as a message: a cursor that is malformed or points at no row of the list.
    problem: str = ""
    params: dict = field(default_factory=dict)


def keyset_page(queryset, order, after, size):
    """The page of `queryset` after the row with id `after`, ordered by `order` (field names,
    "-" for descending; the id is added as the tie-breaker in the last field's direction)."""
    descending = order[-1].startswith("-")
    order = [*order, "-pk" if descending else "pk"]
    ordered = queryset.order_by(*[_expression(name) for name in order])
    problem = ""
    if after not in (None, ""):
        anchor = _anchor(queryset, order, after)
        if anchor is None:
            problem = "Diese Seite gibt es nicht (mehr). Die Liste beginnt wieder von vorn."
        else:
            ordered = ordered.filter(_after(queryset, order, anchor))
    rows = list(ordered[: size + 1])
    page = KeysetPage(rows[:size], is_first=after in (None, "") or bool(problem), problem=problem)
    if len(rows) > size:
        page.next_after = rows[size - 1].pk
    return page


def _expression(name):
    bare = name.lstrip("-")
    return F(bare).desc(nulls_last=True) if name.startswith("-") else F(bare).asc(nulls_last=True)


def _anchor(queryset, order, after):
    if not is_id(after):
        return None
    return queryset.filter(pk=after).values(*[name.lstrip("-") for name in order]).first()


def _after(queryset, order, anchor):
    """Q for the rows after `anchor`: (a, b, pk) > (a0, b0, pk0) column by column. NULLs come
    last in either direction."""
    condition = Q(pk__in=[])
    equal = Q()
    for name in order:
        bare = name.lstrip("-")
        value = anchor[bare]
        if value is None:
            # After a NULL only further NULLs follow, decided by the next column.
            equal &= Q(**{f"{bare}__isnull": True})
            continue
        beyond = Q(**{f"{bare}__{'lt' if name.startswith('-') else 'gt'}": value})
        if _nullable(queryset.model, bare):
            beyond |= Q(**{f"{bare}__isnull": True})
        condition |= equal & beyond
        equal &= Q(**{bare: value})
    return condition


def _nullable(model, name):
    if name == "pk":
        return False
    for part in name.split("__")[:-1]:
        model = model._meta.get_field(part).related_model
    return model._meta.get_field(name.split("__")[-1]).null
