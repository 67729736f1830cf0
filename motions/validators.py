"""Uploaded documents are checked by their content, not by their name."""

import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

PDF = "application/pdf"
ODT = "application/vnd.oasis.opendocument.text"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def sniff_document(upload):
    """The document's real type (PDF, ODT or DOCX), or None for anything else."""
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        return PDF
    if not head.startswith(b"PK\x03\x04"):
        return None
    try:
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
            if "mimetype" in names and archive.read("mimetype").strip() == ODT.encode():
                return ODT
            if "[Content_Types].xml" in names and "word/document.xml" in names:
                return DOCX
    except (zipfile.BadZipFile, KeyError, OSError):
        return None
    finally:
        upload.seek(0)
    return None


def validate_document(upload):
    """Accept PDF, ODT and DOCX up to UPLOAD_MAX_BYTES; say why anything else is refused."""
    limit = settings.UPLOAD_MAX_BYTES
    if upload.size > limit:
        raise ValidationError(
            _("Die Datei ist %(size)s groß; erlaubt sind höchstens %(limit)s.")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(limit)},
            code="too_large",
        )
    if upload.size == 0:
        raise ValidationError(_("Die Datei ist leer."), code="empty")
    content_type = sniff_document(upload)
    if content_type is None:
        raise ValidationError(
            _(
                "„%(name)s“ ist kein PDF-, ODT- oder DOCX-Dokument. Bitte laden Sie die Datei als PDF hoch."
            )
            % {"name": upload.name},
            code="file_type",
        )
    return content_type
