"""Files as OParl objects: the attachments of papers and reports, and the stored PDFs of
invitations, agendas, minutes and reports. Each has an `accessUrl` that opens it in the browser
and a `downloadUrl` that saves it, both served here for public files only."""

import hashlib
import mimetypes
from dataclasses import dataclass

from django.http import FileResponse, Http404
from django.utils import timezone

from council.models import AgendaVersion, Meeting
from motions.models import Attachment, Paper
from oparl.base import CITIZEN, Source, compact, day, head, object_url, url
from oparl.models import FileDigest
from reports.models import Report, ReportAttachment, ReportVersion


@dataclass(frozen=True)
class Pending:
    """A SHA-1 still to be looked up: all of a response's at once (see resolve_checksums)."""

    name: str


def _file(key, obj, stored, *, name, date, created, modified, size=None, mime=None, **links):
    data = head("File", key, obj, created=created, modified=modified)
    file_name = stored.name.rsplit("/", 1)[-1]
    data.update(
        name=name,
        fileName=file_name,
        mimeType=mime or mimetypes.guess_type(file_name)[0] or "application/octet-stream",
        date=day(timezone.localdate(date)) if date else None,
        size=size if size is not None else _size(stored),
        sha1Checksum=Pending(stored.name),
        accessUrl=url(f"{key}/{obj.pk}/inhalt"),
        downloadUrl=url(f"{key}/{obj.pk}/download"),
        **links,
    )
    return compact(data)


def _size(stored):
    try:
        return stored.size
    except OSError:
        return None


def render_attachment(attachment, embed=True):
    if isinstance(attachment, ReportAttachment):
        return _file(
            "report-attachment",
            attachment,
            attachment.file,
            name=attachment.title,
            date=attachment.created,
            created=attachment.created,
            modified=attachment.created,
            size=attachment.size,
            mime=attachment.content_type,
            paper=[object_url("report", attachment.report_id)],
        )
    return _file(
        "attachment",
        attachment,
        attachment.file,
        name=attachment.title,
        date=attachment.created,
        created=attachment.created,
        modified=attachment.modified,
        size=attachment.size,
        mime=attachment.content_type,
        paper=[object_url("paper", attachment.paper_id)],
    )


def render_report_pdf(version, embed=True, report=None):
    return _file(
        "report-pdf",
        version,
        version.pdf,
        name=f"Bericht {version.report.reference}, Fassung {version.number}"
        if report is None
        else f"Bericht {report.reference}, Fassung {version.number}",
        date=version.published_at,
        created=version.published_at,
        modified=version.published_at,
        mime="application/pdf",
        paper=[object_url("report", version.report_id)],
    )


def render_invitation(version, embed=True):
    label = "Einladung" if version.kind == "invitation" else f"Nachtrag {version.number - 1}"
    return _file(
        "invitation",
        version,
        version.pdf,
        name=label,
        date=version.published_at,
        created=version.published_at,
        modified=version.published_at,
        mime="application/pdf",
        meeting=[object_url("meeting", version.meeting_id)],
    )


def render_agenda_pdf(meeting, embed=True):
    return _file(
        "agenda",
        meeting,
        meeting.agenda_pdf,
        name="Tagesordnung",
        date=meeting.invited_at,
        created=meeting.invited_at or meeting.created,
        modified=meeting.modified,
        mime="application/pdf",
        meeting=[object_url("meeting", meeting.pk)],
    )


def render_minutes(meeting, embed=True):
    return _file(
        "minutes",
        meeting,
        meeting.minutes_pdf,
        name="Niederschrift",
        date=meeting.minutes_released_at,
        created=meeting.minutes_released_at,
        modified=meeting.minutes_released_at,
        mime="application/pdf",
        meeting=[object_url("meeting", meeting.pk)],
    )


def meeting_files(meeting):
    """A meeting's invitation, minutes and further documents, where they exist as files."""
    versions = [v for v in meeting.agenda_versions.all() if v.pdf]
    invitation = next((v for v in versions if v.kind == "invitation"), None)
    auxiliary = [render_invitation(v) for v in versions if v is not invitation]
    if meeting.agenda_pdf:
        auxiliary.append(render_agenda_pdf(meeting))
    return {
        "invitation": render_invitation(invitation) if invitation else None,
        "resultsProtocol": render_minutes(meeting)
        if meeting.minutes_pdf and meeting.minutes_released_at
        else None,
        "auxiliaryFile": auxiliary,
    }


def resolve_checksums(data):
    """Replace every Pending in `data` by its SHA-1: known ones in one query, the rest computed
    from the file once and kept."""
    pending = set()
    _walk(data, pending.add)
    if not pending:
        return data
    names = {p.name for p in pending}
    known = dict(FileDigest.objects.filter(name__in=names).values_list("name", "sha1"))
    computed = [d for d in (_digest(name) for name in names - known.keys()) if d]
    FileDigest.objects.bulk_create(computed, ignore_conflicts=True)
    known.update((d.name, d.sha1) for d in computed)
    return _replace(data, known)


def _digest(name):
    """The digest of a stored file, unsaved; None if the file is gone."""
    from django.core.files.storage import default_storage

    sha1 = hashlib.sha1(usedforsecurity=False)
    size = 0
    try:
        with default_storage.open(name, "rb") as stored:
            for chunk in iter(lambda: stored.read(1 << 16), b""):
                sha1.update(chunk)
                size += len(chunk)
    except OSError:
        return None
    return FileDigest(name=name, size=size, sha1=sha1.hexdigest())


def _walk(value, found):
    if isinstance(value, Pending):
        found(value)
    elif isinstance(value, dict):
        for item in value.values():
            _walk(item, found)
    elif isinstance(value, list):
        for item in value:
            _walk(item, found)


def _replace(value, known):
    if isinstance(value, dict):
        return {
            k: _replace(v, known)
            for k, v in value.items()
            if not (isinstance(v, Pending) and not known.get(v.name))
        }
    if isinstance(value, list):
        return [_replace(item, known) for item in value]
    if isinstance(value, Pending):
        return known[value.name]
    return value


def public_attachments():
    return Attachment.objects.filter(paper__in=Paper.objects.public().values("pk"))


def public_report_attachments():
    return ReportAttachment.objects.filter(report__in=Report.objects.visible_to(CITIZEN))


def report_pdfs():
    return (
        ReportVersion.objects.exclude(pdf="")
        .filter(report__in=Report.objects.visible_to(CITIZEN))
        .select_related("report")
    )


def invitations():
    return AgendaVersion.objects.exclude(pdf="")


def agenda_pdfs():
    return Meeting.objects.exclude(agenda_pdf="")


def minutes_pdfs():
    return Meeting.objects.exclude(minutes_pdf="").filter(minutes_released_at__isnull=False)


SOURCES = [
    Source("attachment", "File", public_attachments, render_attachment, in_body="paper__body"),
    Source(
        "report-attachment",
        "File",
        public_report_attachments,
        render_attachment,
        in_body="report__body",
        modified="created",
    ),
    Source(
        "report-pdf",
        "File",
        report_pdfs,
        render_report_pdf,
        in_body="report__body",
        created="published_at",
        modified="published_at",
    ),
    Source(
        "invitation",
        "File",
        invitations,
        render_invitation,
        in_body="meeting__body",
        created="published_at",
        modified="published_at",
    ),
    Source("agenda", "File", agenda_pdfs, render_agenda_pdf),
    Source(
        "minutes",
        "File",
        minutes_pdfs,
        render_minutes,
        created="minutes_released_at",
        modified="minutes_released_at",
    ),
]
FIELDS = {
    "attachment": "file",
    "report-attachment": "file",
    "report-pdf": "pdf",
    "invitation": "pdf",
    "agenda": "agenda_pdf",
    "minutes": "minutes_pdf",
}


def serve(source, obj, *, download):
    """The stored file, inline or as a download."""
    stored = getattr(obj, FIELDS[source.key])
    try:
        handle = stored.open("rb")
    except OSError:
        raise Http404 from None
    mime = getattr(obj, "content_type", None) or "application/pdf"
    return FileResponse(
        handle,
        content_type=mime,
        as_attachment=download,
        filename=stored.name.rsplit("/", 1)[-1],
    )
