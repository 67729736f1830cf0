"""`manage.py read_letter FILE`: what Ratsfaden reads in a motion letter, as JSON; saves nothing."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from council.models import Body
from motions.letterimport.draft import as_json, draft_from_text
from motions.letterimport.extract import LetterUnreadable, extract_text


class Command(BaseCommand):
    help = (
        "Liest einen Antragsbrief (DOCX, ODT, PDF mit Textebene oder Text) und gibt die "
        "gefundenen Felder als JSON aus, ohne etwas zu speichern."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="Pfad zum Brief")

    def handle(self, *args, file, **options):
        path = Path(file)
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"{file}: {exc.strerror}") from exc
        try:
            text, content_type = extract_text(data, name=path.name)
        except LetterUnreadable as exc:
            raise CommandError(str(exc)) from exc
        body = Body.objects.current()
        if body is None:
            raise CommandError("Es ist noch keine Körperschaft angelegt.")
        result = {
            "file": path.name,
            "content_type": content_type,
            **as_json(draft_from_text(text, body)),
        }
        self.stdout.write(json.dumps(result, ensure_ascii=False, indent=2))
