"""Checks of what the office and the factions enter: uploaded documents by their content, not
by their name; numbering patterns by every reference they can produce."""

import re
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


# {year} is a four-digit year; {number} counts up, and is assumed to reach six digits (a million
# papers of one type in one year) or the width the pattern pads it to, whichever is more.
YEAR_DIGITS = 4
NUMBER_DIGITS = 6
PLACEHOLDER = re.compile(r"\{(?:(year)|number(?::0?(\d+)d)?)\}")


def reference_skeleton(pattern):
    """The pattern without the number's padding: two patterns with the same skeleton produce the
    same references once the numbers outgrow the padding."""
    return PLACEHOLDER.sub(lambda match: "{year}" if match[1] else "{number}", pattern)


def check_reference_pattern(pattern, *, max_length):
    """Refuse a numbering pattern that can produce the same reference twice, or one longer than
    max_length. A pattern with other placeholders is left to the field's own validator."""
    literal = PLACEHOLDER.sub("", pattern)
    if "{" in literal or "}" in literal:
        return
    placeholders = PLACEHOLDER.findall(pattern)
    if not any(not year for year, _width in placeholders):
        raise ValidationError(
            _(
                "Das Muster braucht den Platzhalter {number}, sonst erhielte jede Drucksache "
                "dieselbe Nummer."
            ),
            code="number_missing",
        )
    if not any(year for year, _width in placeholders):
        raise ValidationError(
            _(
                "Das Muster braucht den Platzhalter {year}: Die Zählung beginnt jedes Jahr neu, "
                "ohne das Jahr wiederholten sich die Nummern."
            ),
            code="year_missing",
        )
    longest = len(literal)
    for year, width in placeholders:
        # The width is judged as text: "{number:99999999d}" must never be formatted.
        if year:
            longest += YEAR_DIGITS
        elif len(width) > 3:
            longest += max_length + 1
        else:
            longest += max(NUMBER_DIGITS, int(width or 0))
    if longest > max_length:
        raise ValidationError(
            _(
                "Mit diesem Muster könnten Drucksachennummern länger als %(max_length)s Zeichen "
                "werden (gerechnet mit vierstelligem Jahr und bis zu sechsstelliger Nummer)."
            ),
            code="too_long",
            params={"max_length": max_length},
        )
