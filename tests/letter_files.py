"""A letter's text made into the files letters arrive as: DOCX (python-docx), ODT (odfpy) and
PDF (WeasyPrint), one paragraph per block of the text, blank lines between them."""

import html
import io


def blocks(text):
    """The text's paragraphs; lines inside one (an address, a signature) stay together."""
    return [block.strip("\n") for block in text.split("\n\n") if block.strip()]


def docx_bytes(text):
    import docx

    document = docx.Document()
    for block in blocks(text):
        paragraph = document.add_paragraph()
        for index, line in enumerate(block.split("\n")):
            if index:
                paragraph.add_run().add_break()
            paragraph.add_run(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def odt_bytes(text):
    from odf.opendocument import OpenDocumentText
    from odf.text import LineBreak, P

    document = OpenDocumentText()
    for block in blocks(text):
        paragraph = P()
        for index, line in enumerate(block.split("\n")):
            if index:
                paragraph.addElement(LineBreak())
            paragraph.addText(line)
        document.text.addElement(paragraph)
    out = io.BytesIO()
    document.write(out)
    return out.getvalue()


PDF_STYLE = """
@page { size: A4; margin: 1.5cm; }
body { font-family: sans-serif; font-size: 8pt; }
p { margin: 0 0 1.2em 0; }
"""


def pdf_bytes(text, style=PDF_STYLE):
    from weasyprint import HTML

    paragraphs = "".join(
        "<p>{}</p>".format("<br>".join(html.escape(line) for line in block.split("\n")))
        for block in blocks(text)
    )
    page = f"<html lang='de'><head><style>{style}</style></head><body>{paragraphs}</body></html>"
    return HTML(string=page).write_pdf()
