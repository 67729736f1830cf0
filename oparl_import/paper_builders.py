"""Builders for the papers: Paper (with originators), Consultation and File. Imported papers
are history: state "übernommen", their own reference, dates and type; no deadlines."""

import logging
import mimetypes
import shutil
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path, PurePosixPath

from django.core.exceptions import SuspiciousFileOperation
from django.core.files import File as DjangoFile
from django.utils.text import get_valid_filename

from council.models import AgendaItem, Organization, OrganizationKind
from motions.models import Attachment, Consultation, Paper, PaperState, Signatory, Sponsorship
from oparl_import import mapping
from oparl_import.build import Builder, Skip, stamp
from oparl_import.mapping import text
from oparl_import.models import SourceObject
from oparl_import.sources import SourceError, normalise_id
from oparl_import.store import as_ids

log = logging.getLogger("oparl_import")

COMMITTEE_KINDS = [OrganizationKind.COUNCIL, OrganizationKind.COMMITTEE, OrganizationKind.OTHER]


class PaperBuilder(Builder):
    kind, model = "Paper", Paper
    fields = [
        "paper_type",
        "source_type",
        "reference",
        "title",
        "letter_date",
        "submitted_at",
        "committee",
        "modified",
    ]

    def prepare(self, ctx):
        self.references = {
            (b, r): pk
            for b, r, pk in Paper.objects.filter(reference__isnull=False).values_list(
                "body", "reference", "pk"
            )
        }
        self.kinds = dict(Organization.objects.values_list("pk", "kind"))

    def batch(self, rows, ctx):
        """The organisations of the consultation sequences of a batch of papers, one query."""
        ids = [i for row in rows for i in as_ids(row.data.get("consultation"))]
        found = SourceObject.objects.filter(source_id__in=ids).values_list("source_id", "data")
        organizations_of = {key: (data or {}).get("organization") for key, data in found}
        self.consulting = {}
        for row in rows:
            organizations = []
            for consultation in as_ids(row.data.get("consultation")):
                organizations += ctx.pks("Organization", organizations_of.get(consultation))
            self.consulting[row.source_id] = list(dict.fromkeys(organizations))

    def instance(self, row, ctx):
        data, body = row.data, ctx.body(row.data)
        obj = Paper(pk=row.object_id, body_id=body, state=PaperState.IMPORTED, created_by=ctx.user)
        obj.title = text(data.get("name"), 300, default="(ohne Betreff)")
        obj.source_type = text(data.get("paperType"), 100)
        obj.paper_type = mapping.paper_type(data.get("paperType"))
        obj.letter_date = mapping.date(data.get("date"))
        stamp(obj, data)
        obj.submitted_at = mapping.datetime_(data.get("date")) or obj.created
        obj.reference = self._reference(row, obj, body, ctx)
        obj.committee_id = self._committee(row, body, ctx)
        return obj

    def _reference(self, row, obj, body, ctx):
        """The source's reference. References are unique per body here; where the source gives
        one to papers of two types, the later one carries its type in brackets."""
        owner = row.object_id or row.source_id
        reference = text(row.data.get("reference"), 40)
        if not reference:
            ctx.summary.note("Drucksache: ohne Nummer (Ersatznummer vergeben)")
            reference = f"ohne Nr. {row.pk}"
        candidates = [
            reference,
            f"{reference} ({obj.source_type or obj.get_paper_type_display()})"[:40],
        ]
        candidates += [f"{reference[:34]} ({n})" for n in range(2, 100)]
        for candidate in candidates:
            if self.references.setdefault((body, candidate), owner) == owner:
                if candidate != reference:
                    ctx.summary.note("Drucksache: Nummer doppelt vergeben, Art angehängt")
                return candidate
        raise Skip("Drucksachennummer nicht eindeutig zu machen")

    def _committee(self, row, body, ctx):
        """The organisation addressed: as a Ratsfaden source says it, else the committee under
        whose direction the paper is, else
        the first of its consultation sequence, else whoever directs it (an administration
        unit), else the flagged placeholder."""
        # A Ratsfaden source names the addressed committee in its own extension field.
        addressed = ctx.pks("Organization", row.data.get("ratsfaden:committee"))
        directing = ctx.pks("Organization", row.data.get("underDirectionOf"))
        committees = [pk for pk in directing if self.kinds.get(pk) in COMMITTEE_KINDS]
        candidates = addressed + committees + self.consulting.get(row.source_id, []) + directing
        return candidates[0] if candidates else ctx.placeholder_organization(body)

    def on_deleted(self, row, ctx):
        # Deleted or depublished at the source: no longer shown in public, kept as a record.
        # Saved, not updated, so that the search index and OParl's tombstones hear of it.
        for paper in Paper.objects.filter(pk=row.object_id, is_public=True):
            paper.is_public = False
            paper.save(update_fields=["is_public", "modified"])

    def after(self, pairs, ctx):
        updated = [obj.pk for row, obj in pairs if row.object_id]
        Sponsorship.objects.filter(paper_id__in=updated).delete()
        Signatory.objects.filter(paper_id__in=updated).delete()
        sponsorships, signatories = [], []
        for row, obj in pairs:
            factions = [
                pk
                for pk in ctx.pks("Organization", row.data.get("originatorOrganization"))
                if self.kinds.get(pk) == OrganizationKind.FACTION
            ]
            sponsorships += [
                Sponsorship(paper_id=obj.pk, faction_id=pk, is_lead=n == 0)
                for n, pk in enumerate(factions)
            ]
            # Originators that are persons (some systems name no faction) sign the paper.
            persons = ctx.pks("Person", row.data.get("originatorPerson"))
            signatories += [
                Signatory(paper_id=obj.pk, person_id=pk, order=n) for n, pk in enumerate(persons)
            ]
        Sponsorship.objects.bulk_create(sponsorships)
        Signatory.objects.bulk_create(signatories)


class ConsultationBuilder(Builder):
    kind, model = "Consultation", Consultation
    fields = [
        "paper",
        "position",
        "meeting",
        "agenda_item",
        "organization",
        "role",
        "authoritative",
        "modified",
    ]

    def prepare(self, ctx):
        self.items = dict(
            Consultation.objects.filter(agenda_item__isnull=False).values_list("agenda_item", "pk")
        )
        self.committees = None
        # Some servers name the item only on the item's side (AgendaItem.consultation).
        linked = SourceObject.objects.filter(
            oparl_type="AgendaItem", data__consultation__isnull=False
        )
        self.item_of = {
            normalise_id(consultation): item
            for item, consultation in linked.values_list("source_id", "data__consultation")
            if isinstance(consultation, str)
        }
        self.meeting_of = None

    def _scheduled(self, row, ctx):
        """(meeting pk, item pk) of the consultation, from either side."""
        data = row.data
        item = ctx.pk("AgendaItem", data.get("agendaItem"))
        if item is None and (ref := self.item_of.get(row.source_id)):
            item = ctx.pk("AgendaItem", ref)
        meeting = ctx.pk("Meeting", data.get("meeting"))
        if item and meeting is None:
            if self.meeting_of is None:
                self.meeting_of = dict(AgendaItem.objects.values_list("pk", "meeting"))
            meeting = self.meeting_of.get(item)
        return meeting, item

    def instance(self, row, ctx):
        data = row.data
        paper = ctx.pk("Paper", data.get("paper"))
        if not paper:
            raise Skip("Drucksache unbekannt")
        obj = Consultation(pk=row.object_id, paper_id=paper)
        position = data.get("_position")
        obj.position = position if isinstance(position, int) and 0 < position < 32000 else 1
        meeting, item = self._scheduled(row, ctx)
        owner = row.object_id or row.source_id
        # Meeting and item together or neither (a database rule); one item, one consultation.
        if not (meeting and item) or self.items.setdefault(item, owner) != owner:
            meeting = item = None
        obj.meeting_id, obj.agenda_item_id = meeting, item
        organizations = ctx.pks("Organization", data.get("organization"))
        obj.organization_id = organizations[0] if organizations else self._committee(paper)
        obj.role, obj.authoritative = mapping.consultation_role(
            data.get("role"), data.get("authoritative")
        )
        stamp(obj, data)
        return obj

    def _committee(self, paper):
        if self.committees is None:
            self.committees = dict(
                Paper.objects.filter(state=PaperState.IMPORTED).values_list("pk", "committee")
            )
        return self.committees.get(paper) or Paper.objects.values_list("committee", flat=True).get(
            pk=paper
        )


DOWNLOADERS = 4


def file_name(data, url):
    for candidate in (text(data.get("fileName"), 100), PurePosixPath(url).name[:100]):
        try:
            return get_valid_filename(candidate)
        except SuspiciousFileOperation:
            continue
    return "datei"


class FileBuilder(Builder):
    """Files of papers become attachments, downloaded into the attachment storage. Files of
    meetings (invitations, minutes) are not kept: Ratsfaden renders its own."""

    kind, model = "File", Attachment
    fields = ["title", "modified"]
    folder = None

    def batch(self, rows, ctx):
        """Download the new files of a batch in parallel, into a folder of this batch: the
        server's latency, not the bandwidth, is what a file costs."""
        self.finish(ctx)
        self.downloads = {}
        if ctx.downloader is None:
            return
        self.folder = Path(tempfile.mkdtemp(prefix="oparl-import-"))
        wanted = [
            (n, row)
            for n, row in enumerate(rows)
            if not row.object_id and self._url(row) and self._paper(row, ctx)
        ]
        with ThreadPoolExecutor(DOWNLOADERS) as pool:
            for key, outcome in pool.map(lambda pair: self._download(ctx, *pair), wanted):
                self.downloads[key] = outcome

    def _paper(self, row, ctx):
        return ctx.pk("Paper", row.data.get("_paper")) or ctx.pk("Paper", row.data.get("paper"))

    def _url(self, row):
        url = row.data.get("downloadUrl") or row.data.get("accessUrl")
        return url if isinstance(url, str) else None

    def _download(self, ctx, n, row):
        path = self.folder / str(n)
        try:
            with path.open("wb") as target:
                return row.source_id, (path, ctx.downloader(self._url(row), target))
        except SourceError as error:
            log.warning("Datei nicht ladbar: %s (%s)", self._url(row), error)
            return row.source_id, error

    def finish(self, ctx):
        if self.folder:
            shutil.rmtree(self.folder, ignore_errors=True)
            self.folder = None

    def instance(self, row, ctx):
        data, paper = row.data, self._paper(row, ctx)
        if not paper:
            raise Skip("gehört zu keiner Drucksache")
        obj = Attachment(pk=row.object_id, paper_id=paper, uploaded_by=ctx.user)
        obj.title = text(data.get("name") or data.get("fileName"), 200, default="Anlage")
        stamp(obj, data)
        if row.object_id:
            return obj
        if ctx.downloader is None:
            raise Skip("Dateien nicht geladen (--ohne-dateien)")
        url = self._url(row)
        if url is None:
            raise Skip("accessUrl fehlt")
        outcome = self.downloads.get(row.source_id)
        if isinstance(outcome, SourceError):
            raise Skip(f"Datei nicht ladbar ({outcome})")
        path, obj.size = outcome
        name = file_name(data, url)
        obj.content_type = (
            text(data.get("mimeType"), 100)
            or mimetypes.guess_type(name)[0]
            or "application/octet-stream"
        )
        with path.open("rb") as downloaded:
            obj.file.save(name, DjangoFile(downloaded), save=False)
        return obj
