"""Full-text search over the archived articles: ranked hits with highlighted snippets.

The index is the database's own (schema 0006, docs/schema.md): SQLite's FTS5 over a folded copy
of title, description and text; PostgreSQL's `german` text search configuration. Queries use
one syntax on both: words (all must occur), "a phrase", `-word` or `-"a phrase"` to exclude,
`OR` between two terms for either, `word*` for words starting with `word` (SQLite; PostgreSQL
stems words instead and ignores the star).
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Engine, bindparam, text
from sqlalchemy.exc import OperationalError

from db.models import UTCDateTime

# German spellings folded before indexing (SQLite): the same pairs, in the same order, as the
# view article_search_source applies (a test compares the two).
GERMAN_FOLDS = (
    ("ß", "ss"),
    ("ẞ", "SS"),
    ("ä", "ae"),
    ("Ä", "Ae"),
    ("ö", "oe"),
    ("Ö", "Oe"),
    ("ü", "ue"),
    ("Ü", "Ue"),
)
MAX_QUERY_LENGTH = 1000
SNIPPET_CHARACTERS = 220  # the length of a snippet


class SearchQueryError(ValueError):
    """A query that cannot be searched; the message says why, in one line."""


@dataclass(frozen=True)
class SearchHit:
    article_id: int
    title: str | None
    url: str  # the URL it was first archived from
    site: str  # key of the article's first site
    published_at: datetime | None
    language: str
    rank: float  # higher is better; comparable within one result list only
    snippet: tuple[tuple[str, bool], ...]  # text pieces, True where a query term matched

    def as_dict(self) -> dict[str, Any]:
        """The hit as JSON (`search --json`, the browser's API): the published time in ISO 8601,
        the snippet as [text, matched] pairs."""
        return {
            "article_id": self.article_id,
            "title": self.title,
            "url": self.url,
            "site": self.site,
            "published_at": self.published_at.isoformat() if self.published_at else None,
            "language": self.language,
            "rank": self.rank,
            "snippet": [[piece, matched] for piece, matched in self.snippet],
        }


def fold(value: str) -> str:
    """The text as the SQLite index sees it before tokenizing: NFC, German spellings folded
    (ß to ss, ä/ö/ü to ae/oe/ue). The tokenizer then folds case and removes diacritics."""
    value = unicodedata.normalize("NFC", value)
    for before, after in GERMAN_FOLDS:
        value = value.replace(before, after)
    return value


# --------------------------------------------------------------------------- query syntax


@dataclass(frozen=True)
class Term:
    words: str  # one word, or a phrase's words
    phrase: bool = False
    prefix: bool = False


@dataclass(frozen=True)
class Clause:
    """One or more terms, any of which matches (joined by OR); or one term that must not."""

    terms: tuple[Term, ...]
    excluded: bool = False


_PIECE = re.compile(r'(-?)"([^"]*)"|(\S+)')
_WORD_CHARACTER = re.compile(r"[^\W_]")
_BARE_WORD_EDGES = re.compile(r'^[^\w"]+|[^\w*"]+$')


def parse_query(query: str) -> tuple[Clause, ...]:
    """The query's clauses, all of which must hold; SearchQueryError if it has none or is
    malformed."""
    if len(query) > MAX_QUERY_LENGTH:
        raise SearchQueryError(f"the query is too long (at most {MAX_QUERY_LENGTH} characters)")
    if query.count('"') % 2:
        raise SearchQueryError('unbalanced quotes in the query: every " needs a closing "')
    items: list[Clause | str] = []
    for match in _PIECE.finditer(query):
        sign, quoted, bare = match.groups()
        if bare == "OR":
            items.append("OR")
            continue
        if quoted is not None:
            term = Term(" ".join(quoted.split()), phrase=True)
        else:
            excluded = bare.startswith("-")
            word = _BARE_WORD_EDGES.sub("", bare)
            prefix = word.endswith("*")
            term = Term(word.rstrip("*"), prefix=prefix)
            sign = "-" if excluded else ""
        if _WORD_CHARACTER.search(term.words):
            items.append(Clause((term,), excluded=sign == "-"))
    return _join_alternatives(items)


def _join_alternatives(items: list[Clause | str]) -> tuple[Clause, ...]:
    clauses: list[Clause] = []
    pending_or = False
    for item in items:
        if item == "OR":
            if not clauses or pending_or or clauses[-1].excluded:
                raise SearchQueryError("OR needs a term on each side (and cannot join a -term)")
            pending_or = True
            continue
        assert isinstance(item, Clause)
        if pending_or:
            if item.excluded:
                raise SearchQueryError("OR needs a term on each side (and cannot join a -term)")
            clauses[-1] = Clause(clauses[-1].terms + item.terms)
            pending_or = False
        else:
            clauses.append(item)
    if pending_or:
        raise SearchQueryError("OR needs a term on each side (and cannot join a -term)")
    if not clauses:
        raise SearchQueryError("nothing to search for: the query has no words")
    if all(c.excluded for c in clauses):
        raise SearchQueryError("the query needs a word that is not excluded with -")
    return tuple(clauses)


def fts5_query(clauses: tuple[Clause, ...]) -> str:
    """The clauses as an FTS5 query: every term quoted (no FTS5 operator comes from the user),
    folded as the index is."""

    def term(t: Term) -> str:
        quoted = '"' + fold(t.words).replace('"', '""') + '"'
        return quoted + " *" if t.prefix else quoted

    def clause(c: Clause) -> str:
        inner = " OR ".join(term(t) for t in c.terms)
        return f"({inner})" if len(c.terms) > 1 else inner

    wanted = " AND ".join(clause(c) for c in clauses if not c.excluded)
    unwanted = "".join(f" NOT {clause(c)}" for c in clauses if c.excluded)
    return f"({wanted}){unwanted}" if unwanted else wanted


def tsquery_sql(
    clauses: tuple[Clause, ...], *, relaxed: bool = False
) -> tuple[str, dict[str, str]]:
    """The clauses as a PostgreSQL tsquery expression (german configuration) and its
    parameters: each term through phraseto_tsquery (a word, or a phrase's words in order), the
    terms of a clause joined by ||, the clauses by && (an excluded one negated by !!), every
    operand in parentheses (the operators share one precedence in SQL).

    `relaxed`: a query that every match of the exact one matches too, and that the GIN index
    answers alone, without reading a row's vector: the wanted clauses, a phrase's words in any
    order (plainto_tsquery). The parameters are the exact query's, whichever is asked for.
    """
    params: dict[str, str] = {}
    parts: list[str] = []
    function = "plainto_tsquery" if relaxed else "phraseto_tsquery"
    for c in clauses:
        terms = []
        for t in c.terms:
            name = f"term{len(params)}"
            params[name] = t.words
            terms.append(f"{function}('german', :{name})")
        if not (relaxed and c.excluded):
            joined = "(" + " || ".join(terms) + ")"
            parts.append(f"(!!{joined})" if c.excluded else joined)
    return " && ".join(parts), params


def _needs_exact_check(clauses: tuple[Clause, ...]) -> bool:
    """Whether the relaxed query (tsquery_sql) finds more than the exact one: an excluded
    clause, or a term of several words (a phrase, or a word the parser splits, like E-Mail)."""
    return any(
        c.excluded or any(len(_TOKEN.findall(t.words)) > 1 for t in c.terms) for c in clauses
    )


# --------------------------------------------------------------------------- search


def search(
    engine: Engine,
    query: str,
    *,
    site: str | None = None,
    since: datetime | None = None,
    lang: str | None = None,
    limit: int = 20,
    offset: int = 0,
) -> list[SearchHit]:
    """The articles matching `query`, best first, with a snippet of their text.

    On PostgreSQL the matches are ranked in batches of RANK_CANDIDATES, newest batch first:
    a word in thousands of articles gives the best of the recent ones first.

    `site` keeps articles seen on that site at any URL (any sighting, not only the first);
    `since` keeps articles published at or after it, an article without a publication date
    by when the archive first saw it; `lang` keeps one language (`de`). A malformed query
    raises SearchQueryError.
    """
    if limit < 1 or offset < 0:
        raise ValueError(f"limit must be at least 1 and offset not negative ({limit}, {offset})")
    if since is not None and since.tzinfo is None:
        raise ValueError("since must be an aware datetime")
    clauses = parse_query(query)
    params: dict[str, Any] = {"limit": limit, "offset": offset}
    filters = []
    if site is not None:
        params["site"] = site
    if since is not None:
        filters.append("coalesce(a.published_at, a.first_seen_at) >= :since")
        params["since"] = since
    if lang is not None:
        filters.append("a.language = :lang")
        params["lang"] = lang
    postgresql = engine.dialect.name == "postgresql"
    where = "".join(f" AND {f}" for f in filters)
    if postgresql:
        exact, term_params = tsquery_sql(clauses)
        batches = -(-(offset + limit) // RANK_CANDIDATES)  # those the page reaches into
        params.update(term_params, batch=RANK_CANDIDATES, candidates=batches * RANK_CANDIDATES)
        candidates = _postgresql_candidates(clauses, where, site=site is not None)
        sql = _POSTGRESQL_SEARCH.format(candidates=candidates, query=exact)
    else:
        params["query"] = fts5_query(clauses)
        # The articles' columns are joined into the ranking only when a filter needs them
        # (FTS5 then ranks and cuts to the page by itself).
        joined = since is not None or lang is not None
        if site is not None:
            where += " AND " + _ON_SITE.format(row="a.id" if joined else "article_search.rowid")
        join = " JOIN articles a ON a.id = article_search.rowid" if joined else ""
        sql = _SQLITE_SEARCH.format(filters=where, join=join)
    statement = text(sql)
    if since is not None:
        statement = statement.bindparams(bindparam("since", type_=UTCDateTime()))
    statement = statement.columns(published_at=UTCDateTime())  # type: ignore[assignment]
    try:
        with engine.begin() as conn:
            if postgresql:
                # Matches come from the GIN index only (bitmap scans). The planner prices a scan
                # testing every row's search_vector as cheap: it does not count fetching each
                # out-of-line vector, and prices the GIN index high while its pending list is
                # long (after many inserts, until a vacuum). At 10,000 articles a rare word
                # took 1.9 s by a sequential scan and 13 ms through the index. No parallel
                # workers: starting them costs more than the few milliseconds they share.
                conn.execute(_SEARCH_SETTINGS)
            rows = conn.execute(statement, params).all()
            terms = [t for c in clauses if not c.excluded for t in c.terms]
            if postgresql:
                pattern = _stemmed_words_pattern(conn, terms, [row.text for row in rows])
            else:
                pattern = _words_pattern(terms)
    except OperationalError as exc:  # the quoting leaves FTS5 nothing to object to; in case
        if postgresql:
            raise
        raise SearchQueryError(f"the query cannot be searched: {exc.orig}") from None
    return [_hit(row, snippet(row.text, pattern)) for row in rows]


# For the search's transaction only (set_config's third argument: one statement, not three).
_SEARCH_SETTINGS = text(
    "SELECT set_config('enable_seqscan', 'off', true), "
    "set_config('enable_indexscan', 'off', true), "
    "set_config('max_parallel_workers_per_gather', '0', true)"
)
_HIT_COLUMNS = "a.id, a.title, a.url, s.key AS site, a.published_at, a.language"
_SQLITE_SEARCH = (
    f"SELECT {_HIT_COLUMNS}, -hit.rank AS rank, a.text FROM ("
    "SELECT article_search.rowid AS id, article_search.rank AS rank FROM article_search{join} "
    "WHERE article_search MATCH :query{filters} "
    "ORDER BY article_search.rank LIMIT :limit OFFSET :offset) hit "
    "JOIN articles a ON a.id = hit.id JOIN sites s ON s.id = a.site_id ORDER BY hit.rank"
)
# PostgreSQL ranks the matches in batches of RANK_CANDIDATES, newest batch first: the best of
# the newest RANK_CANDIDATES, then the best of the next ones, and so on (pages stay disjoint).
# Ranking reads each match's search_vector, stored out of line (TOAST): ~0.1 ms a row, so a
# word in 10% of 100,000 articles took ~1 s to rank in full. The matches themselves come from
# the GIN index and their dates from the table, without reading a vector.
RANK_CANDIDATES = 200
_ON_SITE = (
    "EXISTS (SELECT 1 FROM article_urls u JOIN sites us ON us.id = u.site_id "
    "WHERE u.article_id = {row} AND us.key = :site)"
)
_NEWEST_FIRST = "coalesce(a.published_at, a.first_seen_at) DESC, a.id DESC"


def _postgresql_candidates(clauses: tuple[Clause, ...], filters: str, *, site: bool) -> str:
    """The SQL for the matches the page's batches are made of: the newest RANK_CANDIDATES times
    `:candidates` / `:batch` matches, each with its batch number. `filters` are conditions on
    the articles row (` AND ...`); `site` adds the site filter."""
    exact = tsquery_sql(clauses)[0]
    checks = [_ON_SITE.format(row="m.id")] if site else []  # the cheaper check first
    if _needs_exact_check(clauses):
        checks.append(f"(SELECT v.search_vector @@ ({exact}) FROM articles v WHERE v.id = m.id)")
    if not checks:  # the index decides alone: the newest of its matches
        return (
            f"SELECT a.id, (row_number() OVER (ORDER BY {_NEWEST_FIRST}) - 1) / :batch AS batch "
            f"FROM articles a WHERE a.search_vector @@ ({exact}){filters} "
            f"ORDER BY {_NEWEST_FIRST} LIMIT :candidates"
        )
    # A check that looks up another row for each match (a phrase or an excluded term read from
    # the match's vector, out of line; a sighting on the site) is made on the matches of the
    # relaxed query newest first, one by one, until the batches are full: not on all of them
    # (a recheck of a phrase in 2% of 100,000 articles read 1,900 vectors, 35 ms). A qual with a
    # subquery is not moved below the sort; CASE makes the cheaper check first.
    relaxed = tsquery_sql(clauses, relaxed=True)[0]
    condition = checks[-1]
    for check in reversed(checks[:-1]):
        condition = f"CASE WHEN {check} THEN {condition} ELSE false END"
    return (
        "SELECT m.id, (row_number() OVER (ORDER BY m.at DESC, m.id DESC) - 1) / :batch AS batch "
        "FROM (SELECT a.id, coalesce(a.published_at, a.first_seen_at) AS at FROM articles a "
        f"WHERE a.search_vector @@ ({relaxed}){filters} ORDER BY at DESC, a.id DESC) m "
        f"WHERE {condition} ORDER BY m.at DESC, m.id DESC LIMIT :candidates"
    )


_POSTGRESQL_SEARCH = (
    f"SELECT {_HIT_COLUMNS}, hit.rank, a.text "
    "FROM (SELECT a.id, c.batch, ts_rank_cd(a.search_vector, {query}) AS rank "
    "FROM ({candidates}) c JOIN articles a ON a.id = c.id "
    "ORDER BY c.batch, rank DESC, a.id LIMIT :limit OFFSET :offset) hit "
    "JOIN articles a ON a.id = hit.id JOIN sites s ON s.id = a.site_id "
    "ORDER BY hit.batch, hit.rank DESC, a.id"
)
# The lexemes of each word given (the german configuration's, as the index has them).
_LEXEMES = text(
    "SELECT w, tsvector_to_array(to_tsvector('german', w)) FROM unnest(CAST(:words AS text[])) w"
)


def _hit(row: Any, pieces: tuple[tuple[str, bool], ...]) -> SearchHit:
    return SearchHit(
        article_id=int(row.id),
        title=row.title,
        url=row.url,
        site=row.site,
        published_at=row.published_at,
        language=row.language,
        rank=float(row.rank),
        snippet=pieces,
    )


# --------------------------------------------------------------------------- snippets

_TOKEN = re.compile(r"[^\W_]+")
_SPACE = re.compile(r"\s+")


def _key(word: str) -> str:
    """A word as the index compares it: folded, case-folded, without diacritics."""
    decomposed = unicodedata.normalize("NFD", fold(word).casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _letter_variants() -> dict[str, str]:
    """Each ASCII letter with the Latin letters that are it with a diacritic (é, è, ... for e)."""
    variants: dict[str, set[str]] = {}
    for code in range(0xC0, 0x250):
        letter = chr(code)
        base = "".join(
            c for c in unicodedata.normalize("NFD", letter) if not unicodedata.combining(c)
        )
        if len(base) == 1 and base.isascii() and base.isalpha() and letter not in "äöüÄÖÜ":
            variants.setdefault(base.lower(), set()).add(letter.lower())
    return {base: "".join(sorted(letters)) for base, letters in variants.items()}


_VARIANTS = _letter_variants()
_SPELLED_OUT = {"ae": "ä", "oe": "ö", "ue": "ü", "ss": "ßẞ"}


def _letters(key: str) -> str:
    return "".join(f"[{c}{_VARIANTS[c]}]" if c in _VARIANTS else re.escape(c) for c in key)


def _word_pattern(key: str) -> str:
    """A regular expression for the spellings of a text word that the index reads as `key`
    (a word as _key gives it): any case, diacritics or none, ä or ae, ß or ss."""
    out: list[str] = []
    i = 0
    while i < len(key):
        pair = key[i : i + 2]
        if pair in _SPELLED_OUT:
            out.append(f"(?:{_letters(pair)}|[{_SPELLED_OUT[pair]}])")
            i += 2
        else:
            out.append(_letters(key[i]))
            i += 1
    return "".join(out)


def _words_pattern(terms: list[Term]) -> re.Pattern[str] | None:
    """The terms' words (each word of a phrase; a prefix term's last word as a beginning) as
    one case-insensitive pattern of whole words."""
    words: list[str] = []
    for term in terms:
        keys = [_key(w) for w in _TOKEN.findall(term.words)]
        for i, key in enumerate(keys):
            prefix = term.prefix and i == len(keys) - 1
            words.append(_word_pattern(key) + (r"\w*" if prefix else ""))
    if not words:
        return None
    alternatives = "|".join(sorted(set(words), key=len, reverse=True))
    return re.compile(rf"\b(?:{alternatives})\b", re.IGNORECASE)


def snippet(
    body: str, pattern: re.Pattern[str] | None, length: int = SNIPPET_CHARACTERS
) -> tuple[tuple[str, bool], ...]:
    """About `length` characters of `body` where the words `pattern` (_words_pattern) finds
    are thickest, those words marked; the text's start when nothing in it matches."""
    spans = [m.span() for m in pattern.finditer(body)] if pattern is not None else []
    begin = 0
    if spans:  # the window holding the most matches, begun a little before its first
        starts = [a for a, _ in spans]
        best = max(range(len(spans)), key=lambda i: bisect_left(starts, starts[i] + length) - i)
        begin = max(0, min(starts[best] - length // 6, len(body) - length))
        if begin > 0:
            space = body.rfind(" ", 0, begin + 1)
            begin = space + 1 if space >= 0 else begin
    end = min(len(body), begin + length)
    if end < len(body):
        space = body.rfind(" ", begin, end)
        end = space if space > begin else end
    pieces: list[tuple[str, bool]] = [("… ", False)] if begin > 0 else []
    at = begin
    for a, b in spans:
        if a < begin or b > end:
            continue
        if a > at:
            pieces.append((_SPACE.sub(" ", body[at:a]), False))
        pieces.append((body[a:b], True))
        at = b
    if end > at:
        pieces.append((_SPACE.sub(" ", body[at:end]), False))
    if end < len(body):
        pieces.append((" …", False))
    return tuple(pieces)


# PostgreSQL's german stemmer folds ä, ö, ü to a, o, u and ß to ss; its stem of a word is a
# beginning of the word so folded (it only removes endings).
_STEM_LETTERS = {"a": "[aä]", "o": "[oö]", "u": "[uü]"}


def _stem_beginning(lexeme: str) -> str:
    """A regular expression for the beginnings of the text words the stemmer may read as
    `lexeme` (case-insensitive)."""
    out = re.escape(lexeme).replace("ss", "(?:ss|[ßẞ])")
    return "".join(_STEM_LETTERS.get(c, c) for c in out)


def _stemmed_words_pattern(
    conn: Connection, terms: list[Term], bodies: list[str]
) -> re.Pattern[str] | None:
    """The words of `bodies` that the index (PostgreSQL's german configuration) reads as a word
    of `terms`, as one pattern of whole words.

    The server stems only the query's words and the few text words that begin like one of
    their stems: parsing the whole texts (ts_headline) cost ~0.4 ms a hit of ~3 KB.
    """
    if not bodies:
        return None
    words = sorted({w for term in terms for w in _TOKEN.findall(term.words)})
    wanted = {
        lexeme for _, lexemes in conn.execute(_LEXEMES, {"words": words}) for lexeme in lexemes
    }
    if not wanted:
        return None
    beginnings = "|".join(_stem_beginning(x) for x in sorted(wanted, key=len, reverse=True))
    candidates = re.compile(rf"\b(?:{beginnings})\w*", re.IGNORECASE)
    seen = sorted({m.group() for body in bodies for m in candidates.finditer(body)})
    if not seen:
        return None
    matched = [w for w, lexemes in conn.execute(_LEXEMES, {"words": seen}) if wanted & set(lexemes)]
    if not matched:
        return None
    alternatives = "|".join(re.escape(w) for w in sorted(matched, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")
