"""The text of PDF attachments, for the index: extracted once per stored file with pypdf, within
bounds, so that a large or hostile file costs little and never breaks the change that
triggered indexing."""

import logging

from search.models import FileText

logger = logging.getLogger(__name__)

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_PAGES = 100
MAX_CHARS = 100_000


def text_of(field_file):
    """The stored text of a PDF file field, extracted on first use; "" for other files."""
    name = getattr(field_file, "name", "") or ""
    if not name.lower().endswith(".pdf"):
        return ""
    known = FileText.objects.filter(path=name).values_list("text", flat=True).first()
    if known is not None:
        return known
    text = extract(field_file)
    FileText.objects.get_or_create(path=name, defaults={"text": text})
    return text


def extract(field_file):
    """Up to MAX_CHARS of text from the first MAX_PAGES pages; "" if pypdf cannot read it."""
    import pypdf

    try:
        if field_file.size > MAX_FILE_BYTES:
            return ""
        with field_file.open("rb") as handle:
            reader = pypdf.PdfReader(handle)
            parts, length = [], 0
            for page in reader.pages[:MAX_PAGES]:
                text = page.extract_text() or ""
                parts.append(text)
                length += len(text)
                if length >= MAX_CHARS:
                    break
    except Exception:  # pypdf raises many kinds on broken files; the change must go through
        logger.warning("Kein Text aus %s gelesen", field_file.name, exc_info=True)
        return ""
    return "\n".join(parts)[:MAX_CHARS].replace("\x00", " ")
