"""A meeting's documents: the invitation (one for each published version of the agenda), the
current agenda and the minutes of results (Ergebnisprotokoll), as pages and as tagged PDFs.

Every document is built from entries that carry only what the reader may see: an item that is
not disclosed to the reader keeps its number and nothing else, so no template can show more.

Whoever sees what the public sees gets the public PDF, which is rendered once and kept as a
file; the entitled (and those who prepare a meeting, before its minutes are released) get theirs
rendered for them. The stored file's name carries a digest of the document's HTML: a corrected
title, a moved meeting or a corrected vote renders it anew, and an unchanged one never again.
"""

import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.core.files.base import ContentFile
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from council.links import absolute_url
from council.models import AgendaItem, AgendaVersion, FactionVote, Meeting, VersionKind


@dataclass(frozen=True)
class Votes:
    yes: int | None
    no: int | None
    abstain: int | None
    unanimous: bool
    factions: tuple = ()  # FactionVote rows, where the vote was recorded per faction


@dataclass(frozen=True)
class Entry:
    """One item of a document, as the reader may see it."""

    number: str
    public: bool
    disclosed: bool
    title: str = ""
    sub_item: bool = False
    new: bool = False
    paper: object = None
    result: str = ""
    resolution_text: str = ""
    votes: Votes | None = None


def _undisclosed(number, public, sub_item):
    return Entry(number=number, public=public, disclosed=False, sub_item=sub_item)


def _paper(item):
    # The paper an item treats is its consultation's (a relation the motions app adds).
    consultation = getattr(item, "consultation", None)
    return getattr(consultation, "paper", None)


def _entry(item, *, minutes=False):
    sub_item = item.parent_id is not None
    if not item.disclosed:
        return _undisclosed(item.number, item.public, sub_item)
    votes = None
    if minutes and item.has_votes:
        votes = Votes(
            yes=item.votes_yes,
            no=item.votes_no,
            abstain=item.votes_abstain,
            unanimous=item.unanimous,
            factions=tuple(item.faction_votes.all()),
        )
    return Entry(
        number=item.number,
        public=item.public,
        disclosed=True,
        title=item.title,
        sub_item=sub_item,
        paper=_paper(item),
        result=item.get_result_display() if minutes else "",
        resolution_text=item.resolution_text if minutes else "",
        votes=votes,
    )


def _published_items(meeting, user):
    """The published items the user may know of, each annotated `disclosed`."""
    return (
        AgendaItem.objects.filter(meeting=meeting, published_at__isnull=False)
        .listed_for(user)
        .with_disclosure(user)
        .select_related("consultation__paper")
        .order_by("order")
    )


def version_entries(version, user):
    """The items of a published version, from its frozen list. Which non-public titles the user
    may read is asked of the items themselves (a published item's number never changes)."""
    disclosed = {}
    if any(not entry["public"] for entry in version.items):
        disclosed = dict(
            AgendaItem.objects.filter(meeting_id=version.meeting_id)
            .listed_for(user)
            .with_disclosure(user)
            .values_list("number", "disclosed")
        )
    entries = []
    for entry in version.items:
        number, public = entry["number"], entry["public"]
        sub_item = "." in number
        if public or disclosed.get(number, False):
            entries.append(
                Entry(
                    number=number,
                    public=public,
                    disclosed=True,
                    title=entry["title"],
                    sub_item=sub_item,
                    new=entry["new"] and version.kind == VersionKind.SUPPLEMENT,
                )
            )
        else:
            entries.append(_undisclosed(number, public, sub_item))
    return entries


def agenda_entries(meeting, user):
    """The published agenda's entries, and when it was last published (None if never)."""
    items = list(_published_items(meeting, user))
    as_of = max((item.published_at for item in items), default=None)
    return [_entry(item) for item in items], as_of


def minutes_entries(meeting, user):
    items = _published_items(meeting, user).prefetch_related(
        Prefetch("faction_votes", queryset=FactionVote.objects.select_related("faction"))
    )
    return [_entry(item, minutes=True) for item in items]


def parts(entries):
    """The agenda's public and non-public part: [(heading, entries)], an empty part left out."""
    public = [entry for entry in entries if entry.public]
    nonpublic = [entry for entry in entries if not entry.public]
    return [
        (heading, part)
        for heading, part in (
            (_("Öffentlicher Teil"), public),
            (_("Nicht öffentlicher Teil"), nonpublic),
        )
        if part
    ]


def is_public_variant(entries):
    """Whether the reader sees exactly what the public sees."""
    return all(entry.disclosed == entry.public for entry in entries)


def minutes_readable(meeting, user):
    """The minutes are public once released; before, only those who prepare the meeting read
    the draft. A cancelled meeting has none."""
    if meeting.minutes_released_at:
        return True
    return not meeting.cancelled and user.has_perm("council.manage_meeting", meeting)


# Rendering and keeping ----------------------------------------------------------------------------


def render_pdf(html):
    """HTML as a tagged PDF (PDF/UA-1), readable by screen readers."""
    from weasyprint import HTML  # imported late: it loads Pango, which only the PDFs need

    return HTML(string=html, base_url=absolute_url("/")).write_pdf(pdf_variant="pdf/ua-1")


def stored_pdf(instance, field_name, stem, html):
    """The public PDF of `html`: the kept file if it was rendered from the same HTML, else
    rendered now and kept in place of the old one."""
    file = getattr(instance, field_name)
    storage = file.storage
    digest = hashlib.sha256(html.encode()).hexdigest()[:20]
    path = file.field.generate_filename(instance, f"{stem}-{digest}.pdf")
    if file.name == path:
        try:
            with storage.open(path, "rb") as kept:
                return kept.read()
        except FileNotFoundError:
            pass  # removed from the disk: render it again
    pdf = render_pdf(html)
    if not storage.exists(path):
        # Two first readers at once both render; the second finds the first's file.
        path = storage.save(path, ContentFile(pdf))
    old = file.name
    # An update, not save(): keeping a file is no change to the meeting (nor to `modified`).
    type(instance).objects.filter(pk=instance.pk).update(**{field_name: path})
    setattr(instance, field_name, path)
    if old and old != path:
        storage.delete(old)
    return pdf


def _pdf_response(html, stem, keep_on=None):
    """The PDF of `html`; the public variant kept on `keep_on` = (instance, field name)."""
    pdf = stored_pdf(*keep_on, stem, html) if keep_on else render_pdf(html)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{stem}.pdf"'
    return response


def _document(template, context):
    """A document's HTML. In German whatever language the reader chose: it is the council's
    record, and its public variant is rendered once for everyone."""
    meeting_url = absolute_url(context["meeting"].get_absolute_url())
    with translation.override(settings.LANGUAGE_CODE):
        context = {**context, "parts": parts(context["entries"]), "meeting_url": meeting_url}
        return render_to_string(template, context)


def _meeting(pk):
    meetings = Meeting.objects.select_related("location", "body").prefetch_related("organizations")
    return get_object_or_404(meetings, pk=pk)


# Views ----------------------------------------------------------------------------------------------


@require_safe
def invitation_pdf(request, pk, number):
    meeting = _meeting(pk)
    version = get_object_or_404(AgendaVersion, meeting=meeting, number=number)
    entries = version_entries(version, request.user)
    html = _document(
        "council/invitation_pdf.html",
        {"meeting": meeting, "version": version, "entries": entries},
    )
    keep_on = (version, "pdf") if is_public_variant(entries) else None
    return _pdf_response(html, f"einladung-{version.number}", keep_on)


@require_safe
def agenda_pdf(request, pk):
    meeting = _meeting(pk)
    entries, as_of = agenda_entries(meeting, request.user)
    if not entries:
        raise Http404("Die Tagesordnung ist noch nicht veröffentlicht.")
    html = _document(
        "council/agenda_pdf.html", {"meeting": meeting, "entries": entries, "as_of": as_of}
    )
    keep_on = (meeting, "agenda_pdf") if is_public_variant(entries) else None
    return _pdf_response(html, "tagesordnung", keep_on)


def _minutes_of(request, pk):
    meeting = _meeting(pk)
    if not minutes_readable(meeting, request.user):
        raise Http404("Die Niederschrift ist nicht freigegeben.")
    return meeting, minutes_entries(meeting, request.user)


@require_safe
def minutes(request, pk):
    meeting, entries = _minutes_of(request, pk)
    return render(
        request,
        "council/minutes.html",
        {
            "meeting": meeting,
            "parts": parts(entries),
            "draft": not meeting.minutes_released_at,
        },
    )


@require_safe
def minutes_pdf(request, pk):
    meeting, entries = _minutes_of(request, pk)
    draft = not meeting.minutes_released_at
    html = _document(
        "council/minutes_pdf.html", {"meeting": meeting, "entries": entries, "draft": draft}
    )
    keep_on = (meeting, "minutes_pdf") if not draft and is_public_variant(entries) else None
    return _pdf_response(html, "niederschrift", keep_on)
