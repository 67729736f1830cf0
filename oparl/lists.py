"""OParl object lists: filters, stable order, and pages linked by `next`.

A list may draw on several sources (the Paper list: motions, then reports), each in the order
of its primary key. A page goes on after a cursor ("report.5": after report 5), so that a page
costs the same at the end of a long list as at its start, and nothing shifts while a client
walks it. Tombstones of deleted objects come last, and only when `modified_since` is given.
"""

import datetime
from urllib.parse import urlencode

from django.utils import timezone

from oparl.base import SCHEMA, stamp, url
from oparl.models import Tombstone

DEFAULT_LIMIT = 100
MAX_LIMIT = 500
DATE_PARAMS = ["created_since", "created_until", "modified_since", "modified_until"]


class BadRequest(Exception):
    """A parameter the client must correct: answered with 400 and the message."""


def parse(params):
    """The list parameters, checked: {"limit", "after", "omit_internal", "<date param>": dt}."""
    parsed = {"raw": {}}
    limit = params.get("limit")
    if limit is not None:
        try:
            parsed["limit"] = min(int(limit), MAX_LIMIT)
        except ValueError:
            raise BadRequest("limit muss eine ganze Zahl sein.") from None
        if parsed["limit"] < 1:
            raise BadRequest("limit muss mindestens 1 sein.")
        parsed["raw"]["limit"] = str(parsed["limit"])
    for name in DATE_PARAMS:
        value = params.get(name)
        if value is not None:
            parsed[name] = _moment(name, value)
            parsed["raw"][name] = value
    omit = params.get("omit_internal")
    if omit is not None:
        if omit not in ("true", "false", "1", "0"):
            raise BadRequest("omit_internal muss true oder false sein.")
        parsed["omit_internal"] = omit in ("true", "1")
        parsed["raw"]["omit_internal"] = omit
    parsed["after"] = params.get("after")
    return parsed


def _moment(name, value):
    try:
        moment = datetime.datetime.fromisoformat(value)
    except ValueError:
        raise BadRequest(
            f"{name} muss ein Datum mit Uhrzeit nach ISO 8601 sein "
            "(z. B. 2026-01-31T12:00:00+01:00)."
        ) from None
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment


def _filtered(source, rows, params):
    for name, lookup, field in (
        ("created_since", "gte", source.created),
        ("created_until", "lte", source.created),
        ("modified_since", "gte", source.modified),
        ("modified_until", "lte", source.modified),
    ):
        if name in params:
            rows = rows.filter(**{f"{field}__{lookup}": params[name]})
    return rows


class ObjectList:
    """One list: its sources, already narrowed to one body or organization."""

    def __init__(self, path, sources, params):
        self.path, self.params = path, params
        self.limit = params.get("limit", DEFAULT_LIMIT)
        self.parts = [(s, _filtered(s, rows, params)) for s, rows in sources]
        self.oparl_type = sources[0][0].oparl_type
        if "modified_since" in params:
            graves = Tombstone.objects.filter(
                oparl_type=self.oparl_type, deleted_at__gte=params["modified_since"]
            )
            if "modified_until" in params:
                graves = graves.filter(deleted_at__lte=params["modified_until"])
            self.parts.append((None, graves))

    def _cursor(self):
        after = self.params.get("after")
        if not after:
            return 0, 0
        key, _, pk = after.rpartition(".")
        keys = [source.key if source else "deleted" for source, _rows in self.parts]
        if key not in keys or not pk.isdigit():
            raise BadRequest("after ist kein gültiger Verweis auf eine Seite dieser Liste.")
        return keys.index(key), int(pk)

    def page(self):
        """[(source, [objects])] of this page, and the cursor of the next page (or None)."""
        index, after = self._cursor()
        wanted, found, last = self.limit + 1, [], None
        for i in range(index, len(self.parts)):
            source, rows = self.parts[i]
            keys = list(
                rows.filter(pk__gt=after if i == index else 0)
                .order_by("pk")
                .values_list("pk", flat=True)[:wanted]
            )
            found += [(i, pk) for pk in keys]
            wanted -= len(keys)
            if wanted <= 0:
                break
        more = len(found) > self.limit
        found = found[: self.limit]
        if more:
            i, pk = found[-1]
            last = self._key(i, pk)
        return self._load(found), last

    def previous(self):
        """Whether there is a page before this one, and its cursor (None: the first page)."""
        if not self.params.get("after"):
            return False, None
        index, after = self._cursor()
        wanted, found = self.limit + 1, []
        for i in range(index, -1, -1):
            rows = self.parts[i][1]
            rows = rows.filter(pk__lte=after) if i == index else rows
            keys = list(rows.order_by("-pk").values_list("pk", flat=True)[:wanted])
            found += [(i, pk) for pk in keys]
            wanted -= len(keys)
            if wanted <= 0:
                break
        return True, self._key(*found[-1]) if len(found) > self.limit else None

    def _key(self, i, pk):
        source = self.parts[i][0]
        return f"{source.key if source else 'deleted'}.{pk}"

    def _load(self, found):
        pages = []
        for i in sorted({i for i, _pk in found}):
            source, rows = self.parts[i]
            pks = [pk for j, pk in found if j == i]
            if source is None:
                objects = list(rows.filter(pk__in=pks).order_by("pk"))
            else:
                objects = list(source.prepared(rows.filter(pk__in=pks)).order_by("pk"))
            pages.append((source, objects))
        return pages

    def link(self, after=None):
        query = dict(self.params["raw"])
        if after:
            query["after"] = after
        return url(self.path) + (f"?{urlencode(query)}" if query else "")


def render_page(object_list):
    embed = not object_list.params.get("omit_internal", False)
    parts, next_after = object_list.page()
    data = []
    for source, objects in parts:
        for obj in objects:
            if source is None:
                data.append(deleted_stub(obj))
            else:
                data.append(source.render(obj, embed))
    links = {"first": object_list.link(), "self": object_list.link(object_list.params["after"])}
    has_previous, previous_after = object_list.previous()
    if has_previous:
        links["prev"] = object_list.link(previous_after)
    if next_after:
        links["next"] = object_list.link(next_after)
    return {
        "data": data,
        "pagination": {"elementsPerPage": object_list.limit},
        "links": links,
    }


def deleted_stub(tombstone):
    return {
        "id": url(tombstone.path),
        "type": SCHEMA + tombstone.oparl_type,
        "created": stamp(tombstone.deleted_at),
        "modified": stamp(tombstone.deleted_at),
        "deleted": True,
    }
