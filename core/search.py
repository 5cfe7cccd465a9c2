"""Ranked search over careers, certifications and skills, on PostgreSQL or SQLite.

The three QuerySets' `search()` call `ranked_search` here, so the backend
choice lives in one place:

- PostgreSQL: full-text search in the `french_unaccent` configuration (French
  stemming, accents ignored) through a GIN index; when nothing matches, trigram
  word similarity on the title for typos (pg_trgm, GIN index). Both indexes,
  the configuration and the triggers that keep stored vectors are created by
  the skills/careers/certifications search migrations.
- SQLite: its own full-text engine, FTS5 (`unicode61 remove_diacritics 2`): every
  word's light stem (core.text.stem) must begin a word of the title or of
  `search_text`; when nothing matches, the closest words of the index's title
  vocabulary (difflib) are tried on titles instead. The index, its vocabulary
  table and the triggers that keep it are created by the `sqlite_fts` migrations.

Either way results come with `title_hit` (every word is in the title) and
sort title hits first, then by rank, then by title; the snippet text is
annotated as `search_snippet` with the matches between MARK_START/MARK_END.
`highlight()` turns that into escaped HTML with <mark>.
"""

import difflib
import functools
from dataclasses import dataclass, replace

from django.db import connections
from django.db.models import (
    Case,
    Count,
    F,
    Func,
    IntegerField,
    Prefetch,
    QuerySet,
    Value,
    When,
    Window,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import StrIndex
from django.db.models.lookups import GreaterThan
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from core import cache
from core.prepared import PreparedInstances, PreparedPrefetch, PreparedQuery
from core.text import SUFFIXES, normalise, stem, terms

CONFIG = "french_unaccent"
MAX_TERMS = 8
MAX_QUERY_LENGTH = 200
# Below this word similarity (0–1) a title is not offered as a typo match.
TYPO_CUTOFF = 0.75
SNIPPET_WORDS = 30
LONGEST_SUFFIX = max(map(len, SUFFIXES)) + 1  # and a plural's s
MARK_START, MARK_END = "\x02", "\x03"


@dataclass(frozen=True)
class Alias:
    """Other names of a record (a ROME fiche's appellations): rows of a related model."""

    relation: str  # the related query name, "appellation"
    label: str  # the name as shown
    searched: str  # its folded copy (core.text.normalise), matched in plain SQL or FTS5
    order: str = "pk"  # which of a record's names holding every word is shown


@dataclass(frozen=True)
class Fields:
    """Which columns of a model search reads."""

    title: str
    body: str
    snippet: str = ""
    # Stored tsvectors of title + body and of the title alone (PostgreSQL), kept by a
    # trigger the search migrations create.
    vector: str = ""
    title_vector: str = ""
    # A record with another name holding every word ranks right after the title hits,
    # and `search_aliases` lists such names.
    alias: Alias | None = None


def query_words(request, limit: int = MAX_QUERY_LENGTH) -> str:
    """The words of the request's `q`, spaces made single, `limit` characters at most: the
    same words make the same page, and the same key in the page cache."""
    return " ".join(request.GET.get("q", "").split())[:limit]


def query_terms(query: str) -> list[str]:
    return terms(query[:MAX_QUERY_LENGTH])[:MAX_TERMS]


def best_and_count(queryset: QuerySet, limit: int) -> tuple[list, int]:
    """The first `limit` results of a ranked search, and how many it found.

    PostgreSQL: the count rides along as a window over the matches, where a second
    query would find them all again. SQLite: a second query, counting the index's
    matches, where its window kept every match's columns to sort them (BENCHMARKS.md
    has the measures).
    """
    if connections[queryset.db].vendor == "postgresql":
        best = list(queryset.annotate(search_total=Window(Count("pk")))[:limit])
        return best, best[0].search_total if best else 0
    return list(queryset[:limit]), queryset.count()


def ranked_page(queryset: QuerySet, query: str, fields: Fields, limit: int) -> tuple[list, int]:
    """`best_and_count(ranked_search(queryset, query, fields), limit)`.

    On SQLite its queries are built and compiled once per `queryset` and `limit` (core.
    prepared), and each search runs them with its own FTS5 queries: Django took longer to
    build and compile a search's queries than SQLite took to run them (BENCHMARKS.md).
    """
    words = query_terms(query)
    if not words or connections[queryset.db].vendor != "sqlite":
        return best_and_count(ranked_search(queryset, query, fields), limit)
    queries = _sqlite_queries(queryset, words, fields)
    if queries is None:
        return [], 0
    key = (str(queryset.query), queryset.db, fields, limit)
    page = _prepared_pages.get(key)
    if page is None:
        page = _prepared_pages[key] = PreparedPage.of(queryset, fields, limit)
    return page.run(queries)


def ranked_search(queryset: QuerySet, query: str, fields: Fields) -> QuerySet:
    """`queryset` narrowed to what matches `query`, best first; unchanged if no words."""
    words = query_terms(query)
    if not words:
        return queryset
    if connections[queryset.db].vendor == "postgresql":
        return _postgres_search(queryset, words, fields)
    return _sqlite_search(queryset, words, fields)


def _with_alias(qs: QuerySet, alias: Alias | None, names) -> tuple[QuerySet, list]:
    """`qs` (annotated with `title_hit`) ranking the records that have another name holding
    every word right after the title hits, with those names in `search_aliases`.

    `names(every_name, relation)` gives (the ids of the records of such names, those
    names): `_postgres_names` or `_sqlite_names`. The same light stems on both databases:
    PostgreSQL finds them in the stored folded copy by SQL's strpos, SQLite in that
    copy's FTS5 index (its `sqlite_fts` migration), each word beginning a word of the
    name, as the search itself. The names are found once, not per record: a common word
    matches most of the catalogue, every row of which the sort looks at; they are fetched
    for the records read only (a prefetch).
    """
    if alias is None:
        return qs, []
    relation = qs.model._meta.get_field(alias.relation)
    holders, shown = names(relation.related_model._default_manager.all(), relation)
    qs = qs.annotate(
        alias_hit=Case(
            When(title_hit=1, then=Value(0)),
            When(pk__in=holders, then=Value(1)),
            default=Value(0),
        )
    ).prefetch_related(
        Prefetch(relation.get_accessor_name(), shown.order_by(alias.order), "search_aliases")
    )
    return qs, ["-alias_hit"]


# --- PostgreSQL ----------------------------------------------------------------------------


def tsquery_text(words: list[str]) -> str:
    """Every word required, the last one as a prefix (the reader may still be typing).

    Words are [a-z0-9]+ only, so the raw tsquery syntax cannot be broken.
    """
    terms = [*words[:-1], f"{words[-1]}:*"]
    return " & ".join(_signed(term) if term[0].isdigit() else term for term in terms)


def _signed(number: str) -> str:
    # PostgreSQL's parser reads the number in a code like "TP-00523" as "-00523".
    return f"( {number} | -{number} )"


def search_vector(fields: Fields):
    """The document as an expression, for models without a stored vector (skills: short names).

    skills/migrations/0002_search indexes this very expression."""
    from django.contrib.postgres.search import SearchVector

    return SearchVector(fields.title, fields.body, config=CONFIG)


def _postgres_search(queryset: QuerySet, words: list[str], fields: Fields) -> QuerySet:
    from django.contrib.postgres.search import (
        SearchHeadline,
        SearchQuery,
        SearchRank,
        SearchVector,
        SearchVectorExact,
        TrigramWordSimilarity,
    )

    query = SearchQuery(tsquery_text(words), config=CONFIG, search_type="raw")
    title_vector = (
        F(fields.title_vector) if fields.title_vector else SearchVector(fields.title, config=CONFIG)
    )
    phrase = " ".join(words)
    vector = F(fields.vector) if fields.vector else search_vector(fields)
    qs = queryset.filter(SearchVectorExact(vector, query))
    if not qs.exists():
        # Typos: titles close to the words, tried only when no document has them all, as
        # on SQLite. Searching both at once (a UNION) made every search pay for the
        # trigram recheck: a third of its time for a common word at 10 000 careers.
        qs = queryset.filter(**{f"{fields.title}__trigram_word_similar": phrase})
    qs = qs.annotate(
        title_hit=Case(
            When(SearchVectorExact(title_vector, query), then=Value(1)),
            default=Value(0),
            output_field=IntegerField(),
        ),
        search_rank=SearchRank(title_vector, query),
        title_similarity=TrigramWordSimilarity(phrase, fields.title),
    )
    qs, alias_order = _with_alias(qs, fields.alias, _postgres_names(words, fields.alias))
    if fields.snippet:
        qs = qs.annotate(
            search_snippet=SearchHeadline(
                fields.snippet,
                query,
                config=CONFIG,
                start_sel=MARK_START,
                stop_sel=MARK_END,
                max_words=SNIPPET_WORDS,
                min_words=SNIPPET_WORDS // 2,
                highlight_all=False,
            )
        )
    return qs.order_by(
        "-title_hit", *alias_order, "-search_rank", "-title_similarity", fields.title, "pk"
    )


def _postgres_names(words: list[str], alias: Alias | None):
    """The names holding every word (stems in `alias.searched`), for `_with_alias`."""

    def names(every_name: QuerySet, relation) -> tuple[QuerySet, QuerySet]:
        named = every_name
        for word in words:
            named = named.filter(GreaterThan(StrIndex(alias.searched, Value(stem(word))), 0))
        return named.values(relation.field.attname), named

    return names


# --- SQLite ---------------------------------------------------------------------------------


def _fts_table(queryset: QuerySet) -> str:
    """The FTS5 index of the model's table, created by its app's `sqlite_fts` migration."""
    return f"{queryset.model._meta.db_table}_fts"


def fts_query(words: list[str], column: str = "") -> str:
    """An FTS5 query: every word as a prefix, optionally within one column.

    Words are [a-z0-9]+ only and quoted: the FTS5 syntax cannot be broken.
    """
    phrase = " AND ".join(f'"{word}"*' for word in words)
    return f"{column} : ({phrase})" if column else phrase


def _index_matches(queryset: QuerySet) -> str:
    """The FROM and WHERE of a query of the model's index, its match a parameter."""
    table = _fts_table(queryset)
    return f"FROM {table} WHERE {table} MATCH %s"


def _matching(queryset: QuerySet, query: str) -> RawSQL:
    """The ids of the rows whose index matches `query`, as a subquery."""
    return RawSQL(f"SELECT rowid {_index_matches(queryset)}", (query,))


# A name's entry in its SQLite index is keyed by its record and itself: rowid = record id
# << NAME_ID_BITS | name id (careers' 0014 migration). The records whose names match come
# from the index alone, not from reading each of a common word's thousands of names.
NAME_ID_BITS = 32


def _matching_names(names: QuerySet, query: str) -> tuple[RawSQL, RawSQL]:
    """(the ids of the records, the ids of the names) whose name's index matches `query`,
    as subqueries."""
    matching = _index_matches(names)
    records = RawSQL(f"SELECT rowid >> {NAME_ID_BITS} {matching}", (query,))
    own_ids = RawSQL(f"SELECT rowid & {(1 << NAME_ID_BITS) - 1} {matching}", (query,))
    return records, own_ids


@dataclass(frozen=True)
class FtsQueries:
    """A search's FTS5 queries on SQLite: of the rows it finds, of those it finds by their
    title, of the other names (Alias) holding every word."""

    match: str
    title: str
    names: str


def _sqlite_search(queryset: QuerySet, words: list[str], fields: Fields) -> QuerySet:
    queries = _sqlite_queries(queryset, words, fields)
    return queryset.none() if queries is None else _sqlite_ranked(queryset, queries, fields)


def _sqlite_queries(queryset: QuerySet, words: list[str], fields: Fields) -> FtsQueries | None:
    """The queries of these words, or of the closest title words when no row has them all;
    None when no title has a word close enough."""
    stems = [stem(word) for word in words]
    every_word = fts_query(stems)
    if _in_index(queryset, every_word):
        return FtsQueries(every_word, fts_query(stems, fields.title), every_word)
    # Typos: look for the closest title words instead (in the index's vocabulary).
    corrections = _closest_title_words(queryset, fields, stems)
    if not corrections:
        return None
    in_titles = fts_query(corrections, fields.title)
    return FtsQueries(in_titles, in_titles, every_word)


def _sqlite_ranked(queryset: QuerySet, queries: FtsQueries, fields: Fields) -> QuerySet:
    qs = queryset.filter(pk__in=_matching(queryset, queries.match))
    qs = qs.annotate(
        title_hit=Case(
            When(pk__in=_matching(queryset, queries.title), then=Value(1)),
            default=Value(0),
            output_field=IntegerField(),
        )
    )
    qs, alias_order = _with_alias(qs, fields.alias, _sqlite_names(queries.names))
    if fields.snippet:
        qs = qs.annotate(search_snippet=F(fields.snippet))
    return qs.order_by("-title_hit", *alias_order, fields.title, "pk")


def _sqlite_names(query: str):
    """The names whose index matches `query`, for `_with_alias`."""

    def names(every_name: QuerySet, relation) -> tuple[RawSQL, QuerySet]:
        holders, matches = _matching_names(every_name, query)
        # The names of the page's records, each checked against the matches: SQLite would
        # otherwise start from the matches, thousands for a common word (3.5 → 1.5 ms).
        # The unary plus keeps it off the primary key.
        shown = every_name.alias(
            unindexed_pk=Func(F("pk"), template="+%(expressions)s", output_field=IntegerField())
        ).filter(unindexed_pk__in=matches)
        return holders, shown

    return names


# Values no search makes (its FTS5 queries quote their words): where a search's go.
MARKERS = FtsQueries(match="\x00match", title="\x00title", names="\x00names")


@dataclass(frozen=True)
class PreparedPage:
    """A page of a search's results on SQLite (`ranked_page`), prepared with MARKERS: its
    best rows, their other names holding every word (an Alias), the count of all."""

    best: PreparedInstances
    names: PreparedPrefetch | None
    count: PreparedQuery

    @classmethod
    def of(cls, queryset: QuerySet, fields: Fields, limit: int) -> "PreparedPage":
        ranked = _sqlite_ranked(queryset, MARKERS, fields)
        markers = [MARKERS.match, MARKERS.title, *([MARKERS.names] if fields.alias else [])]
        # Django writes title_hit again inside alias_hit: its marker comes twice.
        rows = ranked.prefetch_related(None)
        best = PreparedInstances.of(rows[:limit], markers, repeated=markers)
        names = None
        if fields.alias:
            (prefetch,) = ranked._prefetch_related_lookups
            names = PreparedPrefetch.of(
                prefetch, queryset.model, limit, queryset.db, texts=[MARKERS.names]
            )
        found = PreparedQuery.of(rows.order_by().values("pk"), [MARKERS.match])
        count = replace(found, sql=f"SELECT COUNT(*) FROM ({found.sql}) AS found")
        return cls(best, names, count)

    def run(self, queries: FtsQueries) -> tuple[list, int]:
        names = [queries.names] if self.names else []
        best = self.best.instances([queries.match, queries.title, *names])
        if self.names and best:
            self.names.load(best, texts=names)
        ((count,),) = self.count.rows([queries.match])
        return best, count


_prepared_pages: dict[tuple, PreparedPage] = {}


def _in_index(queryset: QuerySet, query: str) -> bool:
    """Whether any row's index entry matches `query`, asked of the index alone: cheaper
    than the queryset's own EXISTS, which Django built at each search. A word that only
    rows left out by the queryset (unpublished) hold is no typo: nothing is shown."""
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(f"SELECT 1 {_index_matches(queryset)} LIMIT 1", [query])
        return cursor.fetchone() is not None


def _closest_title_words(queryset: QuerySet, fields: Fields, stems: list[str]) -> list[str]:
    """For each stem, the closest word of any title, or [] if one has none close enough.

    Candidates come from the index's vocabulary, never from the rows: a word only, of a
    length that difflib's ratio could find close enough.
    """
    vocabulary = _title_vocabulary(queryset, fields)
    corrections = []
    for word_stem in stems:
        # ratio = 2·matches / (len a + len b) ≥ cutoff bounds the other stem's length;
        # a word is longer than its stem by a suffix at most.
        shortest = int(len(word_stem) * TYPO_CUTOFF / (2 - TYPO_CUTOFF))
        longest = int(len(word_stem) * (2 - TYPO_CUTOFF) / TYPO_CUTOFF) + LONGEST_SUFFIX
        stemmed = {
            term_stem: term for term_stem, term in vocabulary if shortest <= len(term) <= longest
        }
        close = difflib.get_close_matches(word_stem, stemmed, n=1, cutoff=TYPO_CUTOFF)
        if not close:
            return []
        corrections.append(stemmed[close[0]])
    return corrections


def _title_vocabulary(queryset: QuerySet, fields: Fields) -> list[tuple[str, str]]:
    """(stem, word) for every word of the titles, from the index's `_words` table: read
    and stemmed once per catalogue version (core.cache), not at each typo."""
    table = f"{_fts_table(queryset)}_words"

    def read() -> list[tuple[str, str]]:
        with connections[queryset.db].cursor() as cursor:
            cursor.execute(f"SELECT term FROM {table} WHERE col = %s", [fields.title])
            return [(stem(term), term) for (term,) in cursor.fetchall()]

    return cache.get_or_set("title-vocabulary", (table,), read)


# --- Snippets ------------------------------------------------------------------------------


def highlight(obj, query: str) -> SafeString:
    """The object's snippet as safe HTML: text escaped, matches in <mark>.

    PostgreSQL already marked the matches (SearchHeadline); elsewhere the
    snippet is cut in Python around the first word that matches.
    """
    text = getattr(obj, "search_snippet", "") or ""
    if MARK_START not in text:
        text = _mark_in_python(text, query_terms(query))
    html = escape(text).replace(MARK_START, "<mark>").replace(MARK_END, "</mark>")
    return mark_safe(html)


def _mark_in_python(text: str, words: list[str]) -> str:
    """The SNIPPET_WORDS words around the first that matches, matches marked. Words are
    folded one by one only when the whole text has a match, and only up to the end of
    that window: a summary is long, and most were found by their other text."""
    tokens = text.split()
    stems = [word_stem for word_stem in (stem(word) for word in words) if word_stem]

    @functools.cache  # the window asks again about the words before the first match
    def matches(index: int) -> bool:
        folded = normalise(tokens[index])
        return any(word_stem in folded for word_stem in stems)

    folded_text = normalise(text)
    found = any(word_stem in folded_text for word_stem in stems)
    first = next((i for i in range(len(tokens)) if matches(i)), None) if found else None
    start = max(0, first - SNIPPET_WORDS // 3) if first is not None else 0
    window = range(start, min(len(tokens), start + SNIPPET_WORDS))
    shown = [
        f"{MARK_START}{tokens[i]}{MARK_END}" if found and matches(i) else tokens[i] for i in window
    ]
    prefix = "… " if start > 0 else ""
    suffix = " …" if window.stop < len(tokens) else ""
    return prefix + " ".join(shown) + suffix
