"""Searching the index. On PostgreSQL: the stored German vector (GIN index), websearch syntax,
ranking and highlighted snippets. On SQLite: the FTS5 table that mirrors the index, with every
word of the query required (also as the start of a longer word).

Only a bounded set of candidates is ever ranked: the CANDIDATES newest matches. A word that
appears in half of 100,000 papers still costs one index scan that stops early, not a rank for
every match; the result list says when there were more.
"""

import dataclasses
import datetime
import re
import unicodedata

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import Exists, F, OuterRef
from django.db.models.expressions import RawSQL
from django.utils.html import escape
from django.utils.safestring import mark_safe

from search.models import Entry
from search.sources import HIGHLIGHT_MARKS

CANDIDATES = 1000
PAGE_SIZE = 20
MAX_QUERY_CHARS = 200
START, STOP = HIGHLIGHT_MARKS
WORD = re.compile(r"\w+")
# ts_rank's default weights (D, C, B, A = 0.1, 0.2, 0.4, 1.0): a word in the title (A) counts
# 2.5 times one in the text (B).
# bm25 with the title and label weighing ten times the text (lower is better in FTS5).
FTS5_RANKED = (
    "SELECT search_entry.id FROM search_entry_fts "
    "JOIN search_entry ON search_entry.id = search_entry_fts.rowid "
    "WHERE search_entry_fts MATCH %s AND search_entry.id IN (CANDIDATES) "
    "ORDER BY bm25(search_entry_fts, 10.0, 10.0, 1.0), search_entry.date DESC, search_entry.id DESC "
    "LIMIT %s OFFSET %s"
)
FTS5_SNIPPET = (
    "SELECT snippet(search_entry_fts, COLUMN, %s, %s, ' … ', TOKENS) FROM search_entry_fts "
    "WHERE search_entry_fts MATCH %s AND rowid = search_entry.id"
)


@dataclasses.dataclass(frozen=True)
class Filters:
    kind: str = ""
    committee: int | None = None
    faction: int | None = None
    year: int | None = None

    def apply(self, entries):
        if self.kind:
            entries = entries.filter(kind=self.kind)
        for organization in (self.committee, self.faction):
            if organization is not None:
                through = Entry.organizations.through
                entries = entries.filter(
                    Exists(
                        through.objects.filter(
                            entry_id=OuterRef("pk"), organization_id=organization
                        )
                    )
                )
        if self.year is not None:
            entries = entries.filter(
                date__gte=datetime.date(self.year, 1, 1), date__lte=datetime.date(self.year, 12, 31)
            )
        return entries


@dataclasses.dataclass
class Results:
    entries: list
    count: int  # at most CANDIDATES + 1
    page: int
    pages: int

    @property
    def more_than_candidates(self):
        return self.count > CANDIDATES


def clean_query(text):
    """The query as the search takes it: without control characters (NUL included), spaces
    collapsed, at most MAX_QUERY_CHARS long. Returns (query, shortened)."""
    text = "".join(" " if unicodedata.category(c)[0] == "C" else c for c in text or "")
    text = " ".join(text.split())
    return text[:MAX_QUERY_CHARS].strip(), len(text) > MAX_QUERY_CHARS


def highlighted(snippet):
    """A snippet as safe HTML: everything escaped, then only the engine's marks made <mark>."""
    escaped = escape(snippet or "")
    pairs = re.sub(f"{START}([^{START}{STOP}]*){STOP}", r"<mark>\1</mark>", escaped)
    return mark_safe(pairs.replace(START, "").replace(STOP, ""))  # noqa: S308 (escaped above)


def _postgres():
    return connection.vendor == "postgresql"


def _tsquery(query):
    return SearchQuery(query, search_type="websearch", config="german")


def _fts5_match(query):
    """An FTS5 expression from the words of the query: each required, each also as a prefix
    (so "Integrationsmanagement" finds "Integrationsmanagements"); "-wort" excludes a word.
    Operators of FTS5 itself are never passed through."""
    required, excluded = [], []
    for token in query.split():
        words = WORD.findall(token)
        target = excluded if token.startswith("-") and len(token) > 1 else required
        target.extend(f'"{word}"*' for word in words)
    if not required:
        return ""
    expression = " AND ".join(required)
    for word in excluded:
        expression = f"({expression}) NOT {word}"
    return expression


def matches(query, filters=Filters()):
    """Entries matching the (cleaned) query and the filters, unordered; none for no words."""
    entries = filters.apply(Entry.objects.all())
    if _postgres():
        return entries.filter(vector=_tsquery(query))
    expression = _fts5_match(query)
    if not expression:
        return entries.none()
    return entries.filter(
        pk__in=RawSQL(
            "SELECT rowid FROM search_entry_fts WHERE search_entry_fts MATCH %s", [expression]
        )
    )


def _newest(entries):
    return entries.order_by(F("date").desc(nulls_last=True), "-pk")


def search(query, filters=Filters(), *, order="relevance", page=1):
    """One page of results: Entry objects with `snippet` and `title_html` (safe HTML)."""
    found = matches(query, filters)
    candidates = _newest(found).values("pk")[:CANDIDATES]
    count = Entry.objects.filter(pk__in=_newest(found).values("pk")[: CANDIDATES + 1]).count()
    pages = max(1, -(-min(count, CANDIDATES) // PAGE_SIZE))
    page = min(max(page, 1), pages)
    start = (page - 1) * PAGE_SIZE
    if order != "relevance":
        ranked = _newest(Entry.objects.filter(pk__in=candidates))
        ids = list(ranked.values_list("pk", flat=True)[start : start + PAGE_SIZE])
    elif _postgres():
        ranked = Entry.objects.filter(pk__in=candidates).annotate(rank=_rank(query))
        ranked = ranked.order_by("-rank", F("date").desc(nulls_last=True), "-pk")
        ids = list(ranked.values_list("pk", flat=True)[start : start + PAGE_SIZE])
    else:
        ids = _fts5_ranked(query, candidates, start)
    return Results(entries=_with_snippets(query, ids), count=count, page=page, pages=pages)


def _rank(query):
    return SearchRank(F("vector"), _tsquery(query))


def _fts5_ranked(query, candidates, start):
    """One page of the candidates by bm25, in one pass over the FTS5 matches."""
    try:
        sql, params = candidates.query.sql_with_params()
    except EmptyResultSet:  # a query without words
        return []
    with connection.cursor() as cursor:
        cursor.execute(
            FTS5_RANKED.replace("CANDIDATES", sql),
            [_fts5_match(query), *params, PAGE_SIZE, start],
        )
        return [row[0] for row in cursor.fetchall()]


def _with_snippets(query, ids):
    """The page's entries in the order of `ids`, each with its highlighted title and snippet:
    computed for these few rows only."""
    if not ids:
        return []
    entries = Entry.objects.filter(pk__in=ids).defer("body", "vector")
    if _postgres():
        tsquery = _tsquery(query)
        marks = {"start_sel": START, "stop_sel": STOP, "config": "german"}
        entries = entries.annotate(
            title_marked=SearchHeadline("title", tsquery, highlight_all=True, **marks),
            snippet_marked=SearchHeadline(
                "body",
                tsquery,
                max_words=30,
                min_words=12,
                max_fragments=2,
                fragment_delimiter=" … ",
                **marks,
            ),
        )
    else:
        expression = _fts5_match(query)
        entries = entries.annotate(
            title_marked=_fts5_snippet(0, expression, 40),
            snippet_marked=_fts5_snippet(2, expression, 30),
        )
    by_pk = {entry.pk: entry for entry in entries}
    results = []
    for pk in ids:
        entry = by_pk[pk]
        entry.title_html = highlighted(entry.title_marked or entry.title)
        entry.snippet = highlighted(entry.snippet_marked)
        results.append(entry)
    return results


def _fts5_snippet(column, expression, tokens):
    sql = FTS5_SNIPPET.replace("COLUMN", str(int(column))).replace("TOKENS", str(int(tokens)))
    return RawSQL(sql, [START, STOP, expression])  # noqa: S611 (integers and parameters only)


def latest(query, filters=Filters(), limit=20):
    """The newest matching entries (by their date), for feeds."""
    return list(_newest(matches(query, filters)).defer("body", "vector")[:limit])


def new_results(query, filters=None, since=None, limit=100):
    """What became findable for a search since a moment: [(title, url, date)], newest first.
    For subscriptions to a search; `query` is cleaned here, `filters` a Filters or None."""
    query, _shortened = clean_query(query)
    if not query:
        return []
    found = matches(query, filters or Filters())
    if since is not None:
        found = found.filter(first_indexed__gt=since)
    found = found.order_by("-first_indexed", "-pk").values_list("title", "url", "date")
    return [tuple(row) for row in found[:limit]]
