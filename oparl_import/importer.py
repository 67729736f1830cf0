"""The import as a whole: fetch into the raw cache, fill in missing references once, then build
type by type. One bad object is counted and logged, never the end of the run."""

import logging

from council.models import (
    AgendaItem,
    Body,
    LegislativeTerm,
    Location,
    Meeting,
    Membership,
    Organization,
    Person,
)
from motions.demo.generator import keeping_times
from motions.models import Attachment, Consultation, Paper
from oparl_import.build import Context, build
from oparl_import.council_builders import COUNCIL_BUILDERS
from oparl_import.paper_builders import ConsultationBuilder, FileBuilder, PaperBuilder
from oparl_import.sources import SourceError, normalise_id, type_of
from oparl_import.store import Store
from oparl_import.summary import Progress, Summary

log = logging.getLogger("oparl_import")

BUILDERS = [*COUNCIL_BUILDERS, PaperBuilder, ConsultationBuilder, FileBuilder]
TIMED_MODELS = [
    Body,
    LegislativeTerm,
    Location,
    Organization,
    Person,
    Membership,
    Meeting,
    AgendaItem,
    Paper,
    Consultation,
    Attachment,
]


def run_import(source, *, download_files=True, write=None):
    """Import everything `source` yields; the Summary of what happened."""
    summary, progress = Summary(), Progress(write)
    store = Store(progress)
    if write:
        write("Phase 1: Objekte abrufen …")
    try:
        for obj, kind, body in source.objects():
            _receive(store, summary, obj, kind, body)
    except SourceError as error:
        summary.fail("System", source.url, f"Quelle nicht lesbar ({error})")
    _fill_in(source, store, summary)
    for url, reason in source.failures:
        summary.fail("Listenseite", url, reason)
    if write:
        write(f"  {store.received} Objekte empfangen. Phase 2: Datensätze anlegen …")
    ctx = Context(
        summary=summary, progress=progress, downloader=source.download if download_files else None
    )
    with keeping_times(*TIMED_MODELS):
        for builder in BUILDERS:
            build(builder(), ctx)
    return summary


def _receive(store, summary, obj, kind, body):
    if not isinstance(obj, dict):
        summary.fail(kind or "?", "?", "kein Objekt")
        return
    try:
        store.add(obj, kind, body)
    except (TypeError, ValueError, AttributeError) as error:
        summary.fail(kind or "?", str(obj.get("id")), f"unlesbar ({type(error).__name__})")


def _fill_in(source, store, summary):
    """Fetch once, directly, each required object the lists did not deliver."""
    for key, url in store.missing_references().items():
        obj = source.fetch(url)
        if obj and normalise_id(obj.get("id")):
            _receive(store, summary, obj, type_of(obj), None)
            summary.note("Verweis einzeln nachgeladen")
        else:
            log.warning("Verweis ins Leere: %s", key)
            summary.note("Verweis ins Leere (nicht abrufbar)")
    store.flush()
