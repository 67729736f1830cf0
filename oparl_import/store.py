"""Phase one: the objects as received, taken apart into one row each and kept keyed by id."""

import hashlib
import json
import logging

from django.utils.dateparse import parse_datetime

from oparl_import.models import SourceObject
from oparl_import.sources import normalise_id, type_of

log = logging.getLogger("oparl_import")

BATCH = 500

# Fields whose value is an object that may be embedded whole, and the type it has.
EMBEDDED = {
    "legislativeTerm": "LegislativeTerm",
    "location": "Location",
    "agendaItem": "AgendaItem",
    "consultation": "Consultation",
    "membership": "Membership",
    "mainFile": "File",
    "auxiliaryFile": "File",
    "invitation": "File",
    "resultsProtocol": "File",
    "verbatimProtocol": "File",
    "resolutionFile": "File",
    "derivativeFile": "File",
    "organization": "Organization",
    "meeting": "Meeting",
    "paper": "Paper",
    "person": "Person",
}
# The key under which an embedded object learns its parent, when it does not name it itself.
BACK_REFERENCE = {
    ("Body", "legislativeTerm"): "body",
    ("Meeting", "agendaItem"): "meeting",
    ("Paper", "consultation"): "paper",
    ("AgendaItem", "consultation"): "agendaItem",
    ("Person", "membership"): "person",
    ("Organization", "membership"): "organization",
    ("Paper", "mainFile"): "_paper",
    ("Paper", "auxiliaryFile"): "_paper",
}
# References an object needs to be built; those not delivered are fetched once directly.
REQUIRED_REFERENCES = {
    "Membership": ["person", "organization"],
    "AgendaItem": ["meeting"],
    "Consultation": ["paper", "organization", "meeting"],
    "Meeting": ["organization"],
    "Paper": ["originatorOrganization", "originatorPerson", "underDirectionOf"],
}


def digest(data):
    return hashlib.sha1(
        json.dumps(data, sort_keys=True).encode(), usedforsecurity=False
    ).hexdigest()


def as_ids(value):
    values = value if isinstance(value, list) else [value]
    return [key for key in (normalise_id(v) for v in values if isinstance(v, str)) if key]


def take_apart(obj, kind, body=None):
    """[(id, type, data)] of `obj` and every object embedded in it, each with embedded objects
    replaced by their ids and with the hints the builders need (`_body`, `_position`)."""
    key = normalise_id(obj.get("id"))
    kind = type_of(obj, kind)
    if not key or not kind:
        return []
    data, parts = {}, []
    for field, value in obj.items():
        child_type = EMBEDDED.get(field)
        if child_type and isinstance(value, (dict, list)):
            back = BACK_REFERENCE.get((kind, field))
            children = value if isinstance(value, list) else [value]
            ids = []
            for position, child in enumerate(children, start=1):
                if isinstance(child, dict):
                    child = dict(child)
                    if back and not child.get(back):
                        child[back] = obj["id"]
                    child.setdefault("_position", position)
                    pieces = take_apart(child, child_type, body)
                    parts.extend(pieces)
                    ids.append(pieces[0][0] if pieces else None)
                else:
                    ids.append(normalise_id(child))
            ids = [i for i in ids if i]
            data[field] = ids if isinstance(value, list) else (ids[0] if ids else None)
        else:
            data[field] = value
    if body and kind in ("Meeting", "Organization", "Person", "Paper", "LegislativeTerm"):
        data.setdefault("_body", body)
    return [(key, kind, data), *parts]


def modified_of(data):
    value = data.get("modified")
    try:
        return parse_datetime(value) if isinstance(value, str) else None
    except ValueError:
        return None


class Store:
    """Collects objects in batches and writes them with one upsert per batch."""

    def __init__(self, progress):
        self.progress = progress
        self.pending = {}
        self.references = {}  # id -> the URL as the source spelled it
        self.received = 0

    def add(self, obj, kind, body=None):
        for key, part_type, data in take_apart(obj, kind, body):
            deleted = bool(data.get("deleted"))
            if key in self.pending:
                # The same object twice (linked and embedded, or inside two papers): the first
                # one stays, completed by what only the later one says (e.g. its paper).
                kept = self.pending[key]
                for field, value in data.items():
                    kept.data.setdefault(field, value)
                kept.hash = digest(kept.data)
                continue
            for field in REQUIRED_REFERENCES.get(part_type, []):
                value = data.get(field)
                for url in value if isinstance(value, list) else [value]:
                    if isinstance(url, str) and (ref := normalise_id(url)):
                        self.references.setdefault(ref, url)
            self.pending[key] = SourceObject(
                source_id=key[:500],
                oparl_type=part_type[:20],
                data=data,
                hash=digest(data),
                modified=modified_of(data),
                deleted=deleted,
            )
            self.received += 1
            self.progress.tick("empfangen")
        if len(self.pending) >= BATCH:
            self.flush()

    def flush(self):
        if not self.pending:
            return
        # Rows received unchanged are not written again (most of them, on a second run).
        known = dict(
            SourceObject.objects.filter(source_id__in=list(self.pending)).values_list(
                "source_id", "hash"
            )
        )
        changed = [row for key, row in self.pending.items() if known.get(key) != row.hash]
        SourceObject.objects.bulk_create(
            changed,
            update_conflicts=True,
            unique_fields=["source_id"],
            update_fields=["oparl_type", "data", "hash", "modified", "deleted", "fetched_at"],
        )
        self.pending = {}

    def missing_references(self):
        """{id: url} of the objects referred to as required that no stored object has."""
        self.flush()
        wanted = sorted(self.references)
        missing = []
        for start in range(0, len(wanted), 900):
            chunk = wanted[start : start + 900]
            present = set(
                SourceObject.objects.filter(source_id__in=chunk, data__isnull=False).values_list(
                    "source_id", flat=True
                )
            )
            missing.extend(key for key in chunk if key not in present)
        return {key: self.references[key] for key in missing}
