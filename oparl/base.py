"""What every OParl object shares: its URL, its type URI, its dates, and how a kind of object
is found (a source: the public rows of one model, as one OParl type)."""

from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from council.links import absolute_url

SCHEMA = "https://schema.oparl.org/1.1/"
PREFIX = "/oparl/v1/"
# Fields OParl lacks, named in Ratsfaden's own namespace (described in README.md).
EXT = "ratsfaden:"

# Everything the interface shows, it shows to a citizen: the visibility rules of the apps are
# asked with an anonymous user, so that the interface can never show more than the pages.
CITIZEN = AnonymousUser()


def url(path):
    """The absolute URL of an interface path ("paper/12/")."""
    return absolute_url(PREFIX + path)


def object_url(key, pk):
    return url(f"{key}/{pk}/")


def stamp(value):
    """A date-time as OParl wants it: ISO 8601 with the offset, in the council's time zone."""
    return timezone.localtime(value).isoformat(timespec="seconds")


def day(value):
    return value.isoformat() if value else None


def compact(data):
    """Optional fields are left out rather than given as null, "" or []."""
    return {k: v for k, v in data.items() if v is not None and v != "" and v != []}


def head(oparl_type, key, obj, created=None, modified=None):
    """id, type, created and modified: the part every object starts with."""
    return {
        "id": object_url(key, obj.pk),
        "type": SCHEMA + oparl_type,
        "created": stamp(created or obj.created),
        "modified": stamp(modified or obj.modified),
    }


@dataclass
class Source:
    """The public rows of one model, shown as one OParl type under /oparl/v1/<key>/<pk>/."""

    key: str
    oparl_type: str
    rows: Any  # () -> queryset of what a citizen may see
    render: Any  # (obj, embed: bool) -> dict
    prepare: Any = None  # queryset -> queryset with what render needs (bounded queries)
    in_body: str = "body"  # the lookup from a row to its body
    created: str = "created"
    modified: str = "modified"

    def prepared(self, queryset):
        return self.prepare(queryset) if self.prepare else queryset
