"""Finding in the index: German stemming, ranking and snippets on PostgreSQL, FTS5 on SQLite,
filters, bounded candidates, safe highlighting, and new results for subscriptions."""

import datetime

import pytest
from django.db import connection
from django.utils import timezone

from search import engine, index
from search.engine import Filters
from search.models import Entry, Kind, Source
from tests import factories as f

pytestmark = pytest.mark.django_db


def entry(title, body="", *, kind=Kind.MOTION, date=datetime.date(2026, 3, 1), orgs=(), **more):
    """An entry as search.index writes it (with its vector on PostgreSQL)."""
    made = Entry.objects.create(
        source=Source.PAPER,
        object_id=Entry.objects.count() + 1,
        kind=kind,
        title=title,
        body=body,
        date=date,
        url=f"/antraege/{Entry.objects.count() + 1}/",
        **more,
    )
    made.organizations.set(orgs)
    if connection.vendor == "postgresql":
        Entry.objects.filter(pk=made.pk).update(vector=index.vector())
    return made


def titles(results):
    return [e.title for e in results.entries]


@pytest.fixture
def postgres():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: German stemming, ts_rank and ts_headline")


@pytest.fixture
def sqlite():
    if connection.vendor != "sqlite":
        pytest.skip("the SQLite fallback (FTS5)")


# PostgreSQL -------------------------------------------------------------------------------------


@pytest.mark.postgres_only
def test_stemming_finds_the_word_in_another_form(postgres):
    entry("Kommunales Integrationsmanagement")

    assert titles(engine.search("Integrationsmanagements")) == ["Kommunales Integrationsmanagement"]


@pytest.mark.postgres_only
def test_a_word_in_the_title_ranks_above_the_same_word_in_the_text(postgres):
    entry("Haushalt", "Es geht um den Schulweg.", date=datetime.date(2020, 1, 1))
    entry("Schulweg sichern", "Über den Haushalt.", date=datetime.date(2019, 1, 1))

    assert titles(engine.search("Schulweg")) == ["Schulweg sichern", "Haushalt"]


@pytest.mark.postgres_only
def test_sorting_by_date_puts_the_newest_first(postgres):
    entry("Schulweg sichern", date=datetime.date(2019, 1, 1))
    entry("Haushalt", "Schulweg", date=datetime.date(2020, 1, 1))

    assert titles(engine.search("Schulweg", order="date")) == ["Haushalt", "Schulweg sichern"]


@pytest.mark.postgres_only
def test_the_snippet_highlights_the_found_word(postgres):
    entry("Antrag", "Die Stadt soll das Integrationsmanagement ausbauen.")

    (found,) = engine.search("Integrationsmanagements").entries

    assert "<mark>Integrationsmanagement</mark>" in found.snippet


@pytest.mark.postgres_only
def test_websearch_syntax_excludes_a_word(postgres):
    entry("Schulweg sichern")
    entry("Schulweg und Radweg")

    assert titles(engine.search("Schulweg -Radweg")) == ["Schulweg sichern"]


# Both databases ---------------------------------------------------------------------------------


def test_words_in_titles_and_texts_are_found():
    entry("Schulwegsicherung", "Ampel an der Hauptstraße")

    assert titles(engine.search("Schulwegsicherung")) == ["Schulwegsicherung"]
    assert titles(engine.search("Hauptstraße")) == ["Schulwegsicherung"]


def test_markup_in_indexed_text_is_escaped_in_snippets_and_titles():
    entry("<script>alert(1)</script> Ampel", "<img src=x onerror=alert(1)> Ampel")

    (found,) = engine.search("Ampel").entries

    for html in (found.title_html, found.snippet):
        assert "<" not in html.replace("<mark>", "").replace("</mark>", "")
    assert "&lt;script&gt;" in found.title_html


def test_highlight_marks_become_mark_elements_and_nothing_else():
    start, stop = engine.START, engine.STOP

    html = engine.highlighted(f"a {start}<b>{stop} {start}offen")

    assert html == "a <mark>&lt;b&gt;</mark> offen"


def test_filters_narrow_by_kind_committee_faction_and_year(b2, spd):
    entry("Ampel A", kind=Kind.MOTION, orgs=[b2, spd], date=datetime.date(2025, 5, 1))
    entry("Ampel B", kind=Kind.INQUIRY, orgs=[b2], date=datetime.date(2026, 5, 1))
    entry("Ampel C", kind=Kind.MOTION, orgs=[], date=datetime.date(2026, 5, 1))

    assert titles(engine.search("Ampel", Filters(kind=Kind.INQUIRY))) == ["Ampel B"]
    assert sorted(titles(engine.search("Ampel", Filters(committee=b2.pk)))) == [
        "Ampel A",
        "Ampel B",
    ]
    assert titles(engine.search("Ampel", Filters(faction=spd.pk))) == ["Ampel A"]
    assert titles(engine.search("Ampel", Filters(year=2025))) == ["Ampel A"]


def test_only_the_newest_candidates_are_ranked(monkeypatch):
    monkeypatch.setattr(engine, "CANDIDATES", 2)
    for year in (2020, 2021, 2022):
        entry(f"Ampel {year}", date=datetime.date(year, 1, 1))

    results = engine.search("Ampel", order="date")

    assert titles(results) == ["Ampel 2022", "Ampel 2021"]
    assert results.more_than_candidates


def test_a_page_beyond_the_last_shows_the_last():
    entry("Ampel")

    results = engine.search("Ampel", page=99)

    assert results.page == 1 and titles(results) == ["Ampel"]


def test_a_query_without_words_finds_nothing():
    entry("Ampel")

    assert titles(engine.search('"" :* & | !')) == []


def test_clean_query_drops_control_characters_and_shortens():
    query, shortened = engine.clean_query("Am\x00pel\t " + "x" * 300)

    assert query.startswith("Am pel x")
    assert len(query) == engine.MAX_QUERY_CHARS and shortened


def test_fts5_expression_never_passes_operators_through(sqlite):
    assert engine._fts5_match('NEAR(a b) "x" OR y* -z') == (
        '("NEAR"* AND "a"* AND "b"* AND "x"* AND "OR"* AND "y"*) NOT "z"*'
    )


def test_the_sqlite_fallback_finds_the_start_of_a_longer_word(sqlite):
    entry("Stand des Kommunalen Integrationsmanagements")

    assert titles(engine.search("Integrationsmanagement")) == [
        "Stand des Kommunalen Integrationsmanagements"
    ]


# Subscriptions ----------------------------------------------------------------------------------


def test_new_results_lists_what_became_findable_since_a_moment():
    then = timezone.now()
    entry("Ampel alt", first_indexed=then - datetime.timedelta(days=2))
    entry("Ampel neu", first_indexed=then + datetime.timedelta(minutes=1))

    new = engine.new_results("Ampel", since=then - datetime.timedelta(days=1))

    assert new == [("Ampel neu", "/antraege/2/", datetime.date(2026, 3, 1))]


def test_new_results_respects_the_filters(b2):
    entry("Ampel B2", orgs=[b2])
    entry("Ampel anderswo")

    new = engine.new_results("Ampel", Filters(committee=b2.pk))

    assert [title for title, _url, _date in new] == ["Ampel B2"]


def test_new_results_of_an_empty_query_is_empty():
    entry("Ampel")

    assert engine.new_results(" \x00 ") == []


def test_entries_from_the_index_are_found_end_to_end(django_capture_on_commit_callbacks, b2, spd):
    staff = f.UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        paper = f.PaperFactory(
            committee=b2,
            title="Bänke im Stadtgarten",
            state="submitted",
            reference="A/2026/0001",
            submitted_at=timezone.now(),
            created_by=staff,
            factions=[spd],
        )

    (found,) = engine.search("Stadtgarten").entries

    assert found.url == paper.get_absolute_url()
