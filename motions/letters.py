"""A submitted paper printed back as the letter it was: in the browser and as a tagged PDF."""

from django.http import Http404, HttpResponse
from django.template.loader import render_to_string
from django.views.decorators.http import require_safe

from motions.views import _get_paper, letter_context


@require_safe
def letter(request, pk):
    paper = _get_paper(request, pk)
    html = render_to_string(
        "motions/letter_page.html", letter_context(request, paper), request=request
    )
    return HttpResponse(html)


@require_safe
def letter_pdf(request, pk):
    paper = _get_paper(request, pk)
    if paper.is_draft:
        # A draft has no reference yet; the PDF is the filed letter.
        raise Http404
    from weasyprint import HTML  # imported late: it loads Pango, which only this view needs

    html = render_to_string(
        "motions/letter_pdf.html", letter_context(request, paper), request=request
    )
    pdf = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf(
        pdf_variant="pdf/ua-1"
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    filename = (paper.reference or "entwurf").replace("/", "-")
    response["Content-Disposition"] = f'inline; filename="{filename}.pdf"'
    return response
