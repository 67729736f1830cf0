"""Keeping the index current: each change to a searchable thing re-reads it from its public
queryset once the transaction commits (a rolled-back change leaves the index alone, and the
paper's questions and attachments written after the paper itself are there by then).

Bulk writes that bypass signals (the demo's generated papers, an agenda published with one
UPDATE) are covered by `rebuild()` and by the `agenda_published` signal.
"""

import logging
from functools import partial
from itertools import islice

from django.contrib.postgres.search import SearchVector
from django.db import connection, transaction

from search.models import Entry, Source
from search.sources import SOURCES

logger = logging.getLogger(__name__)

BATCH = 1000


def vector():
    """Title and label weigh A, the text B: a word in the title ranks the entry higher."""
    return SearchVector("title", "label", weight="A", config="german") + SearchVector(
        "body", weight="B", config="german"
    )


def reindex(source, ids):
    """Write the entries of `ids` of one source as the public sees them now; remove those that
    are no longer public (or no longer exist)."""
    ids = sorted(set(ids))
    if not ids:
        return
    read, _public = SOURCES[source]
    with transaction.atomic():
        documents = list(read(ids))
        found = {document["object_id"] for document in documents}
        gone = [pk for pk in ids if pk not in found]
        if gone:
            Entry.objects.filter(source=source, object_id__in=gone).delete()
        _write(source, documents)


def _write(source, documents):
    if not documents:
        return
    Entry.objects.bulk_create(
        [
            Entry(source=source, **{k: v for k, v in d.items() if k != "organizations"})
            for d in documents
        ],
        update_conflicts=True,
        unique_fields=["source", "object_id"],
        update_fields=["kind", "title", "label", "body", "date", "url", "modified"],
    )
    pks = dict(
        Entry.objects.filter(
            source=source, object_id__in=[d["object_id"] for d in documents]
        ).values_list("object_id", "pk")
    )
    through = Entry.organizations.through
    through.objects.filter(entry_id__in=pks.values()).delete()
    through.objects.bulk_create(
        through(entry_id=pks[d["object_id"]], organization_id=organization)
        for d in documents
        for organization in d["organizations"]
    )
    if connection.vendor == "postgresql":
        Entry.objects.filter(pk__in=pks.values()).update(vector=vector())


def rebuild(stdout=None):
    """The whole index from the public querysets, in batches; returns the number of entries."""
    total = 0
    for source, (_read, public) in SOURCES.items():
        ids = list(public().order_by("pk").values_list("pk", flat=True))
        wanted = set(ids)
        stale = [
            pk
            for pk in Entry.objects.filter(source=source).values_list("object_id", flat=True)
            if pk not in wanted
        ]
        for chunk in _chunks(stale):
            Entry.objects.filter(source=source, object_id__in=chunk).delete()
        for chunk in _chunks(ids):
            reindex(source, chunk)
        total += len(ids)
        if stdout is not None:
            stdout.write(f"Suchindex: {len(ids)} × {Source(source).label}")
    return total


def _chunks(values):
    iterator = iter(values)
    while chunk := list(islice(iterator, BATCH)):
        yield chunk


def schedule(source, object_id):
    """Reindex one object after the current transaction commits (at once outside of one)."""
    if object_id is not None:
        transaction.on_commit(partial(reindex, source, [object_id]), robust=True)


def schedule_meeting(meeting_id):
    """Reindex a meeting and all its agenda items after the commit."""
    transaction.on_commit(partial(_reindex_meeting, meeting_id), robust=True)


def _reindex_meeting(meeting_id):
    from council.models import AgendaItem

    reindex(Source.MEETING, [meeting_id])
    reindex(
        Source.AGENDA_ITEM,
        AgendaItem.objects.filter(meeting_id=meeting_id).values_list("pk", flat=True),
    )
