"""A submitted paper printed back as the letter it was: in the browser and as a tagged PDF."""

from django.conf import settings
from django.http import Http404, HttpResponse
from django.template.loader import render_to_string
from django.utils import translation
from django.views.decorators.http import require_safe

from council.documents import render_pdf, stored_pdf
from motions.models import Paper, PaperState
from motions.views import _get_paper, letter_context


def _letter_paper(request, pk):
    paper = _get_paper(request, pk)
    if paper.state == PaperState.IMPORTED:
        # Another system's paper: its letter is its attached file, not one written back here.
        raise Http404
    return paper


@require_safe
def letter(request, pk):
    paper = _letter_paper(request, pk)
    html = render_to_string(
        "motions/letter_page.html", letter_context(request, paper), request=request
    )
    return HttpResponse(html)


@require_safe
def letter_pdf(request, pk):
    """The filed letter as a PDF. What the public reads is rendered once per version of its
    text and then served from storage (WeasyPrint takes a third of a second per letter); a
    letter that differs for the reader (a non-public paper, a reference to a paper the public
    does not see) is rendered for them and never kept."""
    paper = _letter_paper(request, pk)
    if paper.is_draft:
        # A draft has no reference yet; the PDF is the filed letter.
        raise Http404
    context = letter_context(request, paper)
    # In German whatever language the reader chose: the letter is the council's record.
    with translation.override(settings.LANGUAGE_CODE):
        html = render_to_string("motions/letter_pdf.html", context)
    stem = (paper.reference or "entwurf").replace("/", "-")
    if _reads_as_the_public(paper, context):
        pdf = stored_pdf(paper, "letter_pdf", stem, html)
    else:
        pdf = render_pdf(html)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{stem}.pdf"'
    return response


def _reads_as_the_public(paper, context):
    """Whether the reader's letter is exactly the one a citizen gets: the paper is public and
    names no paper the public may not see. (The kept file's name holds a digest of the HTML,
    so another variant would never be served from it; this keeps such a variant from
    replacing the public's file.)"""
    public = Paper.objects.public()
    if not public.filter(pk=paper.pk).exists():
        return False
    return context["amends"] is None or public.filter(pk=paper.amends_id).exists()
