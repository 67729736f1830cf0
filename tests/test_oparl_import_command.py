import io
import shutil
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from council.models import Body, Meeting
from motions.models import Paper
from search.engine import search
from tests.oparl_server import OparlServer, quirky_system

# The official examples of the OParl 1.1 specification.
EXAMPLES = Path(__file__).parent / "oparl_examples"


def test_the_command_imports_a_directory_and_prints_a_summary(db, tmp_path):
    shutil.copytree(EXAMPLES, tmp_path / "examples")
    out = io.StringIO()

    call_command("import_oparl", str(tmp_path / "examples"), "--ohne-dateien", stdout=out)

    assert Meeting.objects.count() == 1
    assert "Meeting" in out.getvalue()
    assert "Dauer:" in out.getvalue()


def test_the_command_imports_only_the_body_asked_for(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    with OparlServer() as server:
        system = quirky_system(server)

        call_command("import_oparl", system, "--body", server.url("/body/2"), stdout=io.StringIO())

    assert not Body.objects.exists()


def test_imported_papers_are_found_by_the_search(db, tmp_path):
    shutil.copytree(EXAMPLES, tmp_path / "examples")

    call_command("import_oparl", str(tmp_path / "examples"), "--ohne-dateien", stdout=io.StringIO())

    title = Paper.objects.public().values_list("title", flat=True).first()
    assert search(title.split()[0]).count > 0


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["/nirgends"], "Weder URL noch Verzeichnis"),
        (["http://127.0.0.1:9/", "--since", "gestern"], "ISO 8601"),
    ],
)
def test_unusable_arguments_are_refused_with_a_message(db, arguments, message):
    with pytest.raises(CommandError, match=message):
        call_command("import_oparl", *arguments, stdout=io.StringIO())
