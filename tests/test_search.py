"""Full-text search on SQLite and PostgreSQL: folding, stemming, ranking, filters, the index
kept current by every write, the migration, bad queries."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Engine, delete, select, text, update
from sqlalchemy.orm import Session

import db.read
from db.engine import make_engine, upgrade
from db.models import Article, ArticleVersion
from db.records import StorePolicy
from db.reextraction import Reextraction, store_reextractions
from db.search import (
    GERMAN_FOLDS,
    SearchHit,
    SearchQueryError,
    fold,
    fts5_query,
    parse_query,
    search,
    tsquery_sql,
)
from db.store import store_batch
from tests.factories import article_data, fetch_record

T0 = datetime(2026, 11, 20, 8, 0, tzinfo=UTC)
# Filler prose, so that ranking has a corpus to weigh terms against.
FILLER = (
    "Der Gemeinderat tagte am Abend im alten Rathaus.",
    "Am Hafen legte ein Frachter mit Getreide an.",
    "Die Bibliothek verlängert ihre Öffnungszeiten im Winter.",
    "Ein Chor probt jeden Donnerstag im Gemeindesaal.",
    "Der Wochenmarkt zieht auf den Platz vor der Kirche.",
    "Im Zoo kam ein junges Nashorn zur Welt.",
)


def store(
    engine: Engine,
    body: str,
    *,
    url: str,
    site: str = "alpha",
    title: str | None = None,
    at: datetime = T0,
    **fields: object,
) -> int:
    """Store one article fetched from `url`; its id."""
    record = fetch_record(
        url, site, at, url_key=url, article=article_data(body, title=title, **fields)
    )
    (result,) = store_batch(engine, None, [record])
    assert result.article_id is not None
    return result.article_id


def filler(engine: Engine) -> None:
    for i, body in enumerate(FILLER):
        store(engine, body, url=f"https://filler.example/{i}", site="filler", title=f"Notiz {i}")


def ids(hits: list[SearchHit]) -> list[int]:
    return [h.article_id for h in hits]


def found(engine: Engine, query: str, **filters: object) -> set[int]:
    return set(ids(search(engine, query, **filters)))  # type: ignore[arg-type]


def is_postgresql(engine: Engine) -> bool:
    return engine.dialect.name == "postgresql"


# --------------------------------------------------------------------------- folding


def test_case_and_umlauts_find_each_other(engine: Engine) -> None:
    upper = store(engine, "Öffentlich tagt der Ausschuss.", url="https://a.example/1")
    lower = store(engine, "Die Sitzung ist öffentlich.", url="https://a.example/2")
    filler(engine)
    assert found(engine, "öffentlich") == {upper, lower}
    assert found(engine, "Öffentlich") == {upper, lower}
    assert found(engine, "ÖFFENTLICH") == {upper, lower}


def test_sharp_s_and_ss_find_each_other(engine: Engine) -> None:
    sharp = store(engine, "Die Straße bleibt gesperrt.", url="https://a.example/1")
    double = store(engine, "Die Strasse wird erneuert.", url="https://a.example/2")
    filler(engine)
    assert found(engine, "Straße") == {sharp, double}
    assert found(engine, "Strasse") == {sharp, double}
    assert found(engine, "STRASSE") == {sharp, double}


def test_umlaut_spelled_out_finds_the_umlaut_on_sqlite(engine: Engine) -> None:
    if is_postgresql(engine):
        pytest.skip("PostgreSQL's german stemmer does not read oe as ö (docs/reading.md)")
    umlaut = store(engine, "Öffentliche Bäder öffnen.", url="https://a.example/1")
    spelled = store(engine, "Oeffentliche Baeder oeffnen.", url="https://a.example/2")
    assert found(engine, "oeffentliche") == {umlaut, spelled}
    assert found(engine, "Bäder") == {umlaut, spelled}


def test_diacritics_are_folded_on_sqlite(engine: Engine) -> None:
    if is_postgresql(engine):
        pytest.skip("the german configuration keeps diacritics other than umlauts")
    accented = store(engine, "Im Café sprach François über Škoda.", url="https://a.example/1")
    plain = store(engine, "Im Cafe am Markt.", url="https://a.example/2")
    assert found(engine, "cafe") == {accented, plain}
    assert found(engine, "café") == {accented, plain}
    assert found(engine, "Francois skoda") == {accented}


def test_german_stemming_on_postgresql(engine: Engine) -> None:
    if not is_postgresql(engine):
        pytest.skip("SQLite matches whole words (and word* prefixes), without stemming")
    houses = store(engine, "Die Häuser am Fluss werden saniert.", url="https://a.example/1")
    house = store(engine, "Ein Haus brennt.", url="https://a.example/2")
    public = store(engine, "Die öffentlichen Gebäude schließen.", url="https://a.example/3")
    filler(engine)
    assert found(engine, "Haus") == {houses, house}
    assert found(engine, "Häuser") == {houses, house}
    assert found(engine, "Öffentlich") == {public}


def test_prefix_query_on_sqlite(engine: Engine) -> None:
    if is_postgresql(engine):
        pytest.skip("PostgreSQL stems words instead")
    public = store(engine, "Die öffentlichen Gebäude schließen.", url="https://a.example/1")
    filler(engine)
    assert found(engine, "Öffentlich") == set()
    assert found(engine, "Öffentlich*") == {public}


def test_the_index_folds_as_the_query_does(engine: Engine) -> None:
    """The view feeding the SQLite index and db.search.fold apply the same folds."""
    if is_postgresql(engine):
        pytest.skip("PostgreSQL's index is the german configuration's, queries go through it")
    sample = "".join(before for before, _ in GERMAN_FOLDS) + " Maße Äpfel Öl Über"
    article_id = store(engine, sample, url="https://a.example/1", title=sample)
    with engine.connect() as conn:
        row = conn.execute(
            text("SELECT title, text FROM article_search_source WHERE id = :id"),
            {"id": article_id},
        ).one()
    assert tuple(row) == (fold(sample), fold(sample))


# --------------------------------------------------------------------------- ranking, syntax


def test_a_title_match_ranks_above_a_body_match(engine: Engine) -> None:
    filler(engine)
    body = store(
        engine,
        "Der Rat sprach lange über vieles, am Ende auch über die Windkraft im Norden.",
        url="https://a.example/1",
        title="Lange Sitzung",
    )
    titled = store(
        engine,
        "Der Rat sprach lange über vieles und vertagte sich dann.",
        url="https://a.example/2",
        title="Windkraft im Norden",
    )
    hits = search(engine, "Windkraft")
    assert ids(hits) == [titled, body]
    assert hits[0].rank > hits[1].rank


def test_more_matches_rank_higher(engine: Engine) -> None:
    filler(engine)
    once = store(
        engine,
        "Der Deich hält. Das Wetter bleibt trüb, der Wind kommt aus Westen.",
        url="https://a.example/1",
    )
    thrice = store(
        engine,
        "Der Deich hält. Am Deich wird gebaut, der Deich wird höher.",
        url="https://a.example/2",
    )
    assert ids(search(engine, "Deich")) == [thrice, once]


def test_phrase_matches_the_words_in_order(engine: Engine) -> None:
    phrase = store(engine, "Das Haus am See wird verkauft.", url="https://a.example/1")
    store(engine, "Am See steht ein Haus, verkauft wird es nicht.", url="https://a.example/2")
    filler(engine)
    assert found(engine, '"Haus am See"') == {phrase}
    assert found(engine, "Haus See") == {phrase, phrase + 1}


def test_or_and_excluded_terms(engine: Engine) -> None:
    ferry = store(engine, "Die Fähre fährt wieder.", url="https://a.example/1")
    bridge = store(engine, "Die Brücke ist gesperrt.", url="https://a.example/2")
    both = store(engine, "Fähre statt Brücke.", url="https://a.example/3")
    filler(engine)
    assert found(engine, "Fähre OR Brücke") == {ferry, bridge, both}
    assert found(engine, "Fähre -Brücke") == {ferry}
    assert found(engine, 'Fähre -"statt Brücke"') == {ferry}


def test_snippet_marks_the_matched_words(engine: Engine) -> None:
    lead = "Lange war es still im Viertel. " * 20
    store(engine, lead + "Dann kam die Straßenbahn zurück in die Stadt.", url="https://a.example/1")
    (hit,) = search(engine, "Straßenbahn")
    marked = [piece for piece, match in hit.snippet if match]
    assert marked == ["Straßenbahn"]
    joined = "".join(piece for piece, _ in hit.snippet)
    assert "Dann kam die Straßenbahn zurück" in joined
    assert len(joined) < 400  # a window of the text, not all of it


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ('"Haus am See', "unbalanced quotes"),
        ("", "no words"),
        ("  -- !! ", "no words"),
        ("OR Haus", "OR needs a term on each side"),
        ("Haus OR", "OR needs a term on each side"),
        ("Haus OR OR See", "OR needs a term on each side"),
        ("Haus OR -See", "OR needs a term on each side"),
        ("-Haus", "not excluded"),
        ("x" * 1001, "too long"),
    ],
)
def test_a_bad_query_is_a_clear_error(engine: Engine, query: str, message: str) -> None:
    store(engine, "Ein Haus am See.", url="https://a.example/1")
    with pytest.raises(SearchQueryError, match=message) as caught:
        search(engine, query)
    assert "\n" not in str(caught.value)


def test_fts5_syntax_in_a_query_is_searched_as_words(engine: Engine) -> None:
    """FTS5's operators and column filters typed by a user are words, not syntax."""
    article_id = store(engine, "Haus und Hof: NEAR am See.", url="https://a.example/1")
    for query in ("NEAR(Haus Hof)", "title:Haus", "Haus AND Hof", "^Haus", "Haus + Hof*"):
        assert found(engine, query) <= {article_id}, query
    assert parse_query('"a ""b" c')  # adjacent quotes are an empty phrase, dropped


def test_query_translation() -> None:
    clauses = parse_query('Straße "Haus am See" Fähre OR Brücke -Lärm öffentl*')
    assert fts5_query(clauses) == (
        '("Strasse" AND "Haus am See" AND ("Faehre" OR "Bruecke") AND "oeffentl" *) NOT "Laerm"'
    )
    exact, params = tsquery_sql(clauses)
    assert exact == (
        "(phraseto_tsquery('german', :term0)) && (phraseto_tsquery('german', :term1)) && "
        "(phraseto_tsquery('german', :term2) || phraseto_tsquery('german', :term3)) && "
        "(!!(phraseto_tsquery('german', :term4))) && (phraseto_tsquery('german', :term5))"
    )
    assert params == {
        "term0": "Straße",
        "term1": "Haus am See",
        "term2": "Fähre",
        "term3": "Brücke",
        "term4": "Lärm",
        "term5": "öffentl",
    }
    relaxed, same = tsquery_sql(clauses, relaxed=True)
    assert relaxed == (
        "(plainto_tsquery('german', :term0)) && (plainto_tsquery('german', :term1)) && "
        "(plainto_tsquery('german', :term2) || plainto_tsquery('german', :term3)) && "
        "(plainto_tsquery('german', :term5))"
    )
    assert same == params


def test_or_joins_only_its_two_terms(engine: Engine) -> None:
    """`a b OR c d` is a AND (b OR c) AND d, on both databases."""
    wanted = store(engine, "Die Straße zur Fähre am Hafen.", url="https://a.example/1")
    store(engine, "Die Straße zur Fähre ist frei.", url="https://a.example/2")
    store(engine, "Die Brücke am Hafen ist frei.", url="https://a.example/3")
    also = store(engine, "Die Straße zur Brücke am Hafen.", url="https://a.example/4")
    filler(engine)
    assert found(engine, "Straße Fähre OR Brücke Hafen") == {wanted, also}
    assert found(engine, "Straße Fähre OR Brücke Hafen -Brücke") == {wanted}


def test_limit_and_offset_page_through_the_hits(engine: Engine) -> None:
    for i in range(5):
        store(engine, f"Deich {'Deich ' * i}Nummer {i}.", url=f"https://a.example/{i}")
    everything = ids(search(engine, "Deich"))
    assert len(everything) == 5
    assert (
        ids(search(engine, "Deich", limit=2)) + ids(search(engine, "Deich", limit=3, offset=2))
        == everything
    )
    with pytest.raises(ValueError, match="limit"):
        search(engine, "Deich", limit=0)


def test_a_word_in_many_articles_gives_the_best_ranked_hits_in_order(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """PostgreSQL ranks the newest RANK_CANDIDATES matches (here 4 of 6), then the next ones;
    SQLite ranks all."""
    monkeypatch.setattr(db.search, "RANK_CANDIDATES", 4)
    filler(engine)
    made = {
        k: store(
            engine,
            f"Deich {'Deich ' * k}Nummer {k}.",
            url=f"https://a.example/{k}",
            at=T0 + timedelta(days=day),
        )
        for day, k in enumerate((5, 4, 0, 2, 3, 1))
    }
    hits = search(engine, "Deich", limit=3)
    ranked = (3, 2, 1) if is_postgresql(engine) else (5, 4, 3)
    assert ids(hits) == [made[k] for k in ranked]
    assert [h.rank for h in hits] == sorted((h.rank for h in hits), reverse=True)
    # Pages across the batches reach every match once.
    pages = [ids(search(engine, "Deich", limit=3, offset=at)) for at in (0, 3)]
    assert sorted(pages[0] + pages[1]) == sorted(made.values())
    if is_postgresql(engine):
        assert pages[1] == [made[0], made[5], made[4]]


def test_batches_hold_only_matches_of_a_phrase_or_exclusion(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """PostgreSQL takes a phrase's candidates from the articles having its words, newest first,
    and checks them one by one: every page holds matches only, each match once."""
    monkeypatch.setattr(db.search, "RANK_CANDIDATES", 2)
    filler(engine)
    phrase, words_only = [], []
    for day in range(8):
        body = f"Das Haus am See, Nummer {day}." if day % 2 else f"Am See ein Haus, Nummer {day}."
        site = "beta" if day % 3 else "alpha"
        made = store(
            engine, body, url=f"https://{site}.example/{day}", site=site,
            at=T0 + timedelta(days=day),
        )  # fmt: skip
        (phrase if day % 2 else words_only).append((made, site))

    def every_page(query: str, **filters: object) -> list[int]:
        pages = [ids(search(engine, query, limit=3, offset=at, **filters)) for at in (0, 3, 6)]  # type: ignore[arg-type]
        return [i for page in pages for i in page]

    assert sorted(every_page('"Haus am See"')) == sorted(i for i, _ in phrase)
    assert sorted(every_page('"Haus am See"', site="beta")) == sorted(
        i for i, site in phrase if site == "beta"
    )
    assert sorted(every_page('Haus -"Haus am See"')) == sorted(i for i, _ in words_only)
    assert sorted(every_page("Haus See", site="alpha")) == sorted(
        i for i, site in phrase + words_only if site == "alpha"
    )


# --------------------------------------------------------------------------- filters


def test_site_filter_takes_any_sighting(engine: Engine) -> None:
    body = "Die Wahl im Kreis ist entschieden."
    first = store(engine, body, url="https://alpha.example/1", site="alpha")
    store(engine, body, url="https://beta.example/x", site="beta")  # the same text: a sighting
    only_alpha = store(engine, "Die Wahl im Land folgt.", url="https://alpha.example/2")
    assert found(engine, "Wahl", site="beta") == {first}
    assert found(engine, "Wahl", site="alpha") == {first, only_alpha}
    assert found(engine, "Wahl", site="gamma") == set()
    (hit,) = search(engine, "Wahl", site="beta")
    assert (hit.site, hit.url) == ("alpha", "https://alpha.example/1")  # its first sighting


def test_since_filters_on_publication_else_first_seen(engine: Engine) -> None:
    old = store(engine, "Hochwasser im März.", url="https://a.example/1",
                published_at=T0 - timedelta(days=30))  # fmt: skip
    new = store(engine, "Hochwasser im Herbst.", url="https://a.example/2",
                published_at=T0 - timedelta(hours=1))  # fmt: skip
    undated = store(engine, "Hochwasser, ohne Datum.", url="https://a.example/3")
    undated_old = store(
        engine, "Hochwasser, alt, ohne Datum.", url="https://a.example/4", at=T0 - timedelta(days=9)
    )
    since = T0 - timedelta(days=1)
    assert found(engine, "Hochwasser", since=since) == {new, undated}
    assert found(engine, "Hochwasser") == {old, new, undated, undated_old}
    (hit,) = search(engine, "Herbst")
    assert hit.published_at == T0 - timedelta(hours=1)
    assert hit.published_at.tzinfo is not None
    with pytest.raises(ValueError, match="aware"):
        search(engine, "Hochwasser", since=datetime(2026, 1, 1))


def test_lang_filter(engine: Engine) -> None:
    german = store(engine, "Berlin baut.", url="https://a.example/1")
    english = store(engine, "Berlin builds.", url="https://a.example/2", language="en")
    assert found(engine, "Berlin") == {german, english}
    assert found(engine, "Berlin", lang="en") == {english}
    assert [h.language for h in search(engine, "Berlin", lang="de")] == ["de"]


# --------------------------------------------------------------------------- kept current


def test_a_new_version_replaces_the_indexed_text(engine: Engine) -> None:
    article_id = store(engine, "Der Bahnhof wird abgerissen.", url="https://a.example/1")
    store(
        engine,
        "Der Bahnhof wird renoviert.",
        url="https://a.example/1",
        at=T0 + timedelta(hours=6),
    )
    with engine.connect() as conn:
        versions = conn.execute(select(ArticleVersion.version)).scalars().all()
    assert sorted(versions) == [1, 2]
    assert found(engine, "renoviert") == {article_id}
    assert found(engine, "abgerissen") == set()
    assert_index_consistent(engine)


def test_reextraction_replaces_the_indexed_text(engine: Engine) -> None:
    article_id = store(engine, "Das Museum zeigt Fossilien.", url="https://a.example/1")
    with engine.connect() as conn:
        current_hash, version, fetch_id = conn.execute(
            text(
                "SELECT a.content_hash, a.version, f.id FROM articles a "
                "JOIN fetches f ON f.article_id = a.id"
            )
        ).one()
    item = Reextraction(
        article_id=article_id,
        fetch_id=fetch_id,
        url="https://a.example/1",
        article=article_data("Das Museum zeigt Mineralien.", title="Ausstellung"),
        current_hash=current_hash,
        version=version,
        has_signature=False,
    )
    with Session(engine) as session, session.begin():
        assert store_reextractions(
            session, [item], seen_at=T0 + timedelta(days=1), policy=StorePolicy()
        ) == ["new_version"]
    assert found(engine, "Mineralien") == {article_id}
    assert found(engine, "Ausstellung") == {article_id}
    assert found(engine, "Fossilien") == set()
    assert_index_consistent(engine)


def test_the_index_follows_any_write_and_a_rollback(engine: Engine) -> None:
    """Written by the database itself: a plain UPDATE or DELETE of an article is indexed, a
    rolled-back write leaves no entry, a last-seen update leaves the entry alone."""
    kept = store(engine, "Die Brücke wird gebaut.", url="https://a.example/1")
    gone = store(engine, "Die Brücke wird geplant.", url="https://a.example/2")
    with engine.begin() as conn:
        conn.execute(update(Article).where(Article.id == kept).values(title="Neue Fähre"))
        conn.execute(
            update(Article).where(Article.id == kept).values(last_seen_at=T0 + timedelta(1))
        )
        for table in ("article_versions", "fetches", "article_urls", "url_state"):
            conn.execute(text(f"DELETE FROM {table} WHERE article_id = :id"), {"id": gone})
        conn.execute(delete(Article).where(Article.id == gone))
    with pytest.raises(RuntimeError), engine.begin() as conn:
        conn.execute(update(Article).where(Article.id == kept).values(text="Ein Tunnel."))
        raise RuntimeError("rolled back")
    assert found(engine, "Fähre") == {kept}
    assert found(engine, "Brücke") == {kept}
    assert found(engine, "Tunnel") == set()
    assert_index_consistent(engine)


def assert_index_consistent(engine: Engine) -> None:
    """SQLite: FTS5's own check of the index against its content; PostgreSQL: the generated
    column equals the expression computed afresh."""
    with engine.begin() as conn:
        if is_postgresql(engine):
            stale = conn.execute(
                text(
                    "SELECT count(*) FROM articles WHERE search_vector IS DISTINCT FROM "
                    "setweight(to_tsvector('german', coalesce(title, '')), 'A') || "
                    "setweight(to_tsvector('german', coalesce(description, '')), 'B') || "
                    "setweight(to_tsvector('german', text), 'C')"
                )
            ).scalar_one()
            assert stale == 0
        else:
            conn.execute(
                text(
                    "INSERT INTO article_search(article_search, rank) VALUES ('integrity-check', 1)"
                )
            )


def test_an_archive_filled_before_the_index_is_searchable_after_upgrade(database_url: str) -> None:
    engine = make_engine(database_url)
    try:
        upgrade(engine, "0005")  # the revision before the search index
        records = [
            fetch_record(
                f"https://a.example/{i}",
                "alpha",
                T0,
                article=article_data(body, title=f"Bericht {i}"),
            )
            for i, body in enumerate(("Die Straße am Hafen.", "Öffentliche Sitzung.", *FILLER))
        ]
        results = store_batch(engine, None, records)
        upgrade(engine)
        assert found(engine, "Strasse") == {results[0].article_id}
        assert found(engine, "öffentliche") == {results[1].article_id}
        assert len(search(engine, "Bericht", limit=50)) == len(records)
        assert_index_consistent(engine)
        # ...and stays current after the upgrade
        moved = replace(records[0], url="https://a.example/x", article=article_data("Kaimauer."))
        later = store_batch(engine, None, [moved])
        assert found(engine, "Kaimauer") == {later[0].article_id}
    finally:
        engine.dispose()


def test_the_read_api_offers_search() -> None:
    assert db.read.search is search
    assert db.read.SearchHit is SearchHit
    assert db.read.SearchQueryError is SearchQueryError


def test_snippet_marks_every_spelling_the_index_matched(engine: Engine) -> None:
    if is_postgresql(engine):
        pytest.skip("PostgreSQL stems words: the next test")
    body = "STRASSE, Straße und Strasse; Café oder CAFE; die Strassenbahn nicht; Öffentlichkeit."
    store(engine, body, url="https://a.example/1")
    (hit,) = search(engine, "strasse cafe öffentlich*")
    marked = [piece for piece, match in hit.snippet if match]
    assert marked == ["STRASSE", "Straße", "Strasse", "Café", "CAFE", "Öffentlichkeit"]
    assert "".join(piece for piece, _ in hit.snippet) == body


def test_snippet_marks_every_word_the_stemmer_matched_on_postgresql(engine: Engine) -> None:
    if not is_postgresql(engine):
        pytest.skip("SQLite matches whole words: the test before")
    body = (
        "Die Häuser, ein Haus, HAUS und der Hausmeister; Straßen und die Strasse, "
        "öffentliche Gebäude und ein Öffentlichkeitsarbeiter."
    )
    store(engine, body, url="https://a.example/1")
    (hit,) = search(engine, "haus straße öffentlich -Hausmeisterin")
    marked = [piece for piece, match in hit.snippet if match]
    assert marked == ["Häuser", "Haus", "HAUS", "Straßen", "Strasse", "öffentliche"]
    assert "".join(piece for piece, _ in hit.snippet) == body
