"""The load test's page list: every line becomes an address that answers, never a 500."""

import importlib.util
from pathlib import Path

import pytest

from motions import services
from tests import factories as f

BENCH = Path(__file__).resolve().parent.parent / "bench" / "pages.py"


@pytest.fixture
def pages():
    spec = importlib.util.spec_from_file_location("bench_pages", BENCH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def filed(b2, spd, spd_staff):
    return services.submit(paper=f.draft(committee=b2, by=spd_staff, factions=[spd]), by=spd_staff)


def test_every_placeholder_is_filled_from_the_data(pages, filed, b2, spd):
    values = pages.places()

    assert values["paper"] == filed.get_absolute_url()
    assert values["committee"] == b2.pk
    assert values["faction"] == spd.pk
    for _name, _who, path in pages.PAGES:
        assert "{" not in path.format(**values)


def test_the_placeholders_have_values_on_an_empty_database(pages, db):
    values = pages.places()

    for _name, _who, path in pages.PAGES:
        path.format(**values)


def test_every_public_page_of_the_list_answers_without_a_server_error(
    pages, client, filed, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    values = pages.places()

    for name, who, path in pages.PAGES:
        if who is None:
            assert client.get(path.format(**values)).status_code in (200, 404), name
