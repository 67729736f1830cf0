"""Keyset pagination for the public lists: a page starts after the last row of the page before.

An OFFSET scan reads and throws away every row before the page, so page 500 of a large register
is slow; a keyset page reads only its own rows along an index whose columns are the ORDER BY.
No list counts its rows: a page fetches one row more than it shows to know whether another
follows. The cursor is the id of the page's last row (`?nach=123`), a value that never
changes, so a link stays valid while new rows arrive.

Rows whose sort key is NULL are left out: NULLs sort differently on SQLite and PostgreSQL, and
an ORDER BY with NULLS FIRST/LAST written out no longer matches a plain index. The lists page
only rows that have their key (submitted papers, published reports, meetings).

The staff work lists are sorted by urgency, an order computed per row that no index holds; they
have numbered pages whose count stops at a bound (BoundedPaginator).
"""

from dataclasses import dataclass

from django.core.paginator import Paginator
from django.db.models import Q
from django.utils.functional import cached_property
from django.utils.translation import gettext as _

from council.forms import is_id


@dataclass
class KeysetPage:
    object_list: list
    next_after: int | None = None
    is_first: bool = True
    # Shown as a message: a cursor that is malformed or points at no row of the list.
    problem: str = ""


def keyset_page(queryset, order, after, size):
    """The page of `queryset` after the row with id `after`, ordered by `order` (field names,
    "-" for descending; the id is added as the tie-breaker in the last field's direction)."""
    descending = order[-1].startswith("-")
    order = [*order, "-pk" if descending else "pk"]
    queryset = queryset.filter(
        **{f"{name.lstrip('-')}__isnull": False for name in order if name not in ("pk", "-pk")}
    )
    ordered = queryset.order_by(*order)
    problem = ""
    if after not in (None, ""):
        anchor = _anchor(queryset, order, after)
        if anchor is None:
            problem = _("Diese Seite gibt es nicht (mehr). Die Liste beginnt wieder von vorn.")
        else:
            ordered = ordered.filter(_after(order, anchor))
    rows = list(ordered[: size + 1])
    page = KeysetPage(rows[:size], is_first=after in (None, "") or bool(problem), problem=problem)
    if len(rows) > size:
        page.next_after = rows[size - 1].pk
    return page


def _anchor(queryset, order, after):
    if not is_id(after):
        return None
    return queryset.filter(pk=after).values(*[name.lstrip("-") for name in order]).first()


def _after(order, anchor):
    """Q for the rows after `anchor`: (a, b, pk) > (a0, b0, pk0) column by column, and the
    first column's bound on its own (a >= a0), which PostgreSQL turns into an index condition
    where it would otherwise filter every row from the top of the index."""
    first = order[0].lstrip("-")
    bound = Q(**{f"{first}__{'lte' if order[0].startswith('-') else 'gte'}": anchor[first]})
    condition = Q(pk__in=[])
    equal = Q()
    for name in order:
        bare = name.lstrip("-")
        value = anchor[bare]
        condition |= equal & Q(**{f"{bare}__{'lt' if name.startswith('-') else 'gt'}": value})
        equal &= Q(**{bare: value})
    return bound & condition


class BoundedPaginator(Paginator):
    """Numbered pages for a list whose order is computed (the work lists, most urgent first), so
    that no keyset fits, counting at most `bound` rows: an exact count would read a faction's or
    the office's whole history on every render. `counted` is the list's queryset without its
    order (a count needs no sort). A longer list shows its first `bound` rows; `more` says so."""

    def __init__(self, object_list, per_page, *, counted, bound):
        super().__init__(object_list, per_page)
        self.counted = counted
        self.bound = bound

    @cached_property
    def _counted_rows(self):
        return self.counted.order_by()[: self.bound + 1].count()

    @cached_property
    def count(self):
        return min(self._counted_rows, self.bound)

    @property
    def more(self):
        return self._counted_rows > self.bound
