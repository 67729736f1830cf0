import pytest

from oparl_import.sources import DirectorySource, HttpSource, SourceError, normalise_id
from tests.oparl_server import OparlServer


@pytest.fixture
def server():
    with OparlServer() as running:
        yield running


def page(server, ids, following=None):
    return {
        "data": [
            {"id": server.url(f"/o/{i}"), "type": "https://schema.oparl.org/1.1/Paper"} for i in ids
        ],
        "links": {"next": server.url(following)} if following else {},
    }


def test_one_object_in_several_url_spellings_has_one_id():
    assert normalise_id("https://Rat.example.org/oparl/paper/1/") == normalise_id(
        "http://rat.example.org/oparl/paper/1"
    )


def test_pages_are_followed_until_the_last(server):
    server.routes.update({"/l": page(server, [1, 2], "/l2"), "/l2": page(server, [3])})

    items = list(HttpSource(server.url("/x")).pages(server.url("/l"), "Paper"))

    assert [item["id"].rsplit("/", 1)[1] for item in items] == ["1", "2", "3"]


def test_a_next_link_that_loops_is_followed_once(server):
    server.routes.update({"/l": page(server, [1], "/l2"), "/l2": page(server, [2], "/l")})

    items = list(HttpSource(server.url("/x")).pages(server.url("/l"), "Paper"))

    assert len(items) == 2
    assert server.requests.count("/l") == 1


def test_a_page_repeated_under_a_new_url_ends_the_list(server):
    server.routes.update({"/l": page(server, [1], "/l2"), "/l2": page(server, [1], "/l3")})

    items = list(HttpSource(server.url("/x")).pages(server.url("/l"), "Paper"))

    assert len(items) == 1
    assert "/l3" not in server.requests


def test_a_failing_page_is_retried_then_recorded(server):
    server.routes.update({"/l": page(server, [1], "/broken"), "/broken": 503})
    source = HttpSource(server.url("/x"), retries=2, backoff=0)

    items = list(source.pages(server.url("/l"), "Paper"))

    assert len(items) == 1
    assert server.requests.count("/broken") == 3
    assert source.failures == [(server.url("/broken"), "HTTP 503")]


def test_modified_since_is_sent_with_the_first_page(server):
    server.routes["/l"] = page(server, [1])

    list(
        HttpSource(server.url("/x"), since="2024-01-01T00:00:00+01:00").pages(
            server.url("/l"), "Paper"
        )
    )

    assert server.requests == ["/l?modified_since=2024-01-01T00%3A00%3A00%2B01%3A00"]


def test_a_404_object_is_none_and_a_broken_download_an_error(server, tmp_path):
    source = HttpSource(server.url("/x"), backoff=0)

    assert source.fetch(server.url("/gone")) is None
    with open(tmp_path / "f", "wb") as target, pytest.raises(SourceError):
        source.download(server.url("/gone.pdf"), target)


def test_a_directory_reads_objects_pages_and_skips_unreadable_files(tmp_path):
    (tmp_path / "a.json").write_text(
        '{"id": "https://x/o/1", "type": "https://schema.oparl.org/1.0/Paper"}'
    )
    (tmp_path / "b.json").write_text('{"data": [{"id": "https://x/o/2"}]}')
    (tmp_path / "c.json").write_text("{kaputt")
    source = DirectorySource(tmp_path)

    found = [(item["id"], kind) for item, kind, body in source.objects()]

    assert found == [("https://x/o/1", "Paper"), ("https://x/o/2", None)]
    assert [name for name, reason in source.failures] == ["c.json"]
