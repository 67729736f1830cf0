"""The text of an uploaded letter: DOCX (python-docx), ODT (odfpy), PDF with a text layer
(pypdf) or plain text in any of the encodings letters come in. Every refusal is a
LetterUnreadable with a message for the user, never an exception of the libraries."""

import io
import logging
import zipfile

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from motions.validators import DOCX, ODT, PDF, sniff_document

logger = logging.getLogger(__name__)

TEXT = "text/plain"
# A letter is a few pages; these bounds keep a hostile file from costing more than a letter.
MAX_PAGES = 60
MAX_TEXT_CHARS = 300_000
# A DOCX or ODT is a zip: its unpacked parts must stay small, and not be a bomb that unpacks
# to a thousand times its size.
MAX_UNPACKED_BYTES = 50 * 1024 * 1024
MAX_RATIO = 200
MAX_MEMBERS = 2_000


class LetterUnreadable(Exception):
    """The file cannot be read as a letter; the message says why, in German."""


def check_size(size):
    limit = settings.UPLOAD_MAX_BYTES
    if size > limit:
        raise LetterUnreadable(
            _("Die Datei ist %(size)s groß; erlaubt sind höchstens %(limit)s.")
            % {"size": filesizeformat(size), "limit": filesizeformat(limit)}
        )
    if size == 0:
        raise LetterUnreadable(_("Die Datei ist leer."))


def sniff_letter(data):
    """PDF, ODT, DOCX or plain text by the content; None for anything else."""
    content_type = sniff_document(io.BytesIO(data))
    if content_type:
        return content_type
    if data.startswith((b"PK\x03\x04", b"%PDF")):
        return None  # a zip or PDF that is not a letter document
    return TEXT if _looks_like_text(data) else None


def _looks_like_text(data):
    head = data[:4096]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True  # UTF-16 with its byte order mark
    return b"\x00" not in head


def extract_text(data, *, name=""):
    """(text, content_type) of a letter file given as bytes; raises LetterUnreadable."""
    check_size(len(data))
    content_type = sniff_letter(data)
    if content_type is None:
        raise LetterUnreadable(
            _(
                "„%(name)s“ ist kein Brief im Format DOCX, ODT, PDF oder Text. Bitte laden Sie "
                "den Brief in einem dieser Formate hoch oder fügen Sie seinen Text ein."
            )
            % {"name": name or _("Die Datei")}
        )
    reader = {DOCX: _docx, ODT: _odt, PDF: _pdf, TEXT: decode_text}[content_type]
    try:
        text = reader(data)
    except LetterUnreadable:
        raise
    except Exception as exc:  # noqa: BLE001 - any library failure is a broken file to the user
        logger.info("letter unreadable (%s): %r", content_type, exc)
        raise LetterUnreadable(
            _("Die Datei ist beschädigt und lässt sich nicht lesen. Bitte prüfen Sie sie.")
        ) from exc
    text = text[:MAX_TEXT_CHARS]
    if not text.strip():
        raise LetterUnreadable(
            _(
                "In der Datei steht kein lesbarer Text. Ist das PDF ein eingescanntes Bild ohne "
                "Textebene? Dann fügen Sie den Text bitte ein."
            )
        )
    return text, content_type


def decode_text(data):
    """Plain text in UTF-8 (with or without BOM), UTF-16 (with BOM), or else Windows-1252,
    the encoding of older German Windows programs; Latin-1 never fails as the last resort."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def _check_archive(data):
    """Refuse zip bombs before any library unpacks a part."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        members = archive.infolist()
        unpacked = sum(member.file_size for member in members)
        packed = sum(member.compress_size for member in members) or 1
        if any(member.flag_bits & 0x1 for member in members):
            raise LetterUnreadable(
                _("Das Dokument ist verschlüsselt. Bitte laden Sie es ohne Kennwort hoch.")
            )
        if (
            len(members) > MAX_MEMBERS
            or unpacked > MAX_UNPACKED_BYTES
            or unpacked / packed > MAX_RATIO
        ):
            raise LetterUnreadable(
                _(
                    "Das Dokument würde entpackt unverhältnismäßig groß. Es wird aus Sicherheitsgründen "
                    "nicht gelesen; bitte speichern Sie es neu oder als PDF."
                )
            )


def _docx(data):
    _check_archive(data)
    import docx  # python-docx: imported late, only this reader needs it

    document = docx.Document(io.BytesIO(data))
    lines = []
    for section in document.sections:
        lines.extend(p.text for p in section.header.paragraphs)
    for block in document.element.body.iterchildren():
        tag = block.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append(docx.text.paragraph.Paragraph(block, document).text)
        elif tag == "tbl":
            table = docx.table.Table(block, document)
            for row in table.rows:
                cells = list(dict.fromkeys(cell.text.strip() for cell in row.cells))
                lines.append("   ".join(cell for cell in cells if cell))
    return _paragraphs(lines)


def _paragraphs(lines):
    """One paragraph a line, with a blank line between, as a letter typed as text has them."""
    return "\n\n".join(line.replace("\u000b", "\n") for line in lines)


def _odt(data):
    _check_archive(data)
    from odf import teletype  # odfpy
    from odf.opendocument import load
    from odf.text import H, P

    document = load(io.BytesIO(data))
    elements = document.text.getElementsByType(P) + document.text.getElementsByType(H)
    # getElementsByType returns P before H: put them back in document order.
    order = {id(node): index for index, node in enumerate(_walk(document.text))}
    elements.sort(key=lambda node: order.get(id(node), 0))
    return _paragraphs(teletype.extractText(node) for node in elements)


def _walk(node):
    for child in node.childNodes:
        yield child
        yield from _walk(child)


def _pdf(data):
    from pypdf import PdfReader
    from pypdf.errors import FileNotDecryptedError

    reader = PdfReader(io.BytesIO(data))
    if reader.is_encrypted:
        try:
            # Many PDFs are "encrypted" with an empty password only to forbid editing.
            if not reader.decrypt(""):
                raise FileNotDecryptedError
        except (FileNotDecryptedError, NotImplementedError) as exc:
            raise LetterUnreadable(
                _(
                    "Das PDF ist mit einem Kennwort geschützt. Bitte laden Sie es ohne Kennwort hoch."
                )
            ) from exc
    if len(reader.pages) > MAX_PAGES:
        raise LetterUnreadable(
            _("Das PDF hat %(pages)s Seiten; ein Brief wird bis zu %(limit)s Seiten gelesen.")
            % {"pages": len(reader.pages), "limit": MAX_PAGES}
        )
    pages, length = [], 0
    for page in reader.pages:
        # The layout mode keeps the blank lines between paragraphs and the columns of a line.
        text = page.extract_text(extraction_mode="layout") or ""
        pages.append(text)
        length += len(text)
        if length > MAX_TEXT_CHARS:
            break
    # A form feed between pages lets the rules find repeated headers and page numbers.
    return "\f".join(pages)
