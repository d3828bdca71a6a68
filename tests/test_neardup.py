"""Near-duplicates: signatures, LSH clusters in the archive, and precision/recall on variants.

The variant test set is built here from the demo corpus (fixture articles written for the
project and the generated bench articles): copies that differ by furniture, a changed paragraph,
quote style, a republisher's sentence, the demo web's own edit, and (as a stress case) two
changed paragraphs plus furniture; negatives are different articles on the same topic,
including follow-ups that reuse a paragraph of the first. `python tests/test_neardup.py`
prints precision and recall at the default threshold and a threshold sweep (for the README).
"""

from __future__ import annotations

import itertools
import random
import sys
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from crawler.demoweb.content import ARTICLES
from crawler.demoweb.corpus import article_focus, bench_article
from crawler.demoweb.fixture import FixtureArticle
from crawler.model.hashing import content_hash
from crawler.model.types import ExtractedArticle
from db.models import Article, ArticleBand
from db.neardup import MAX_NEARDUP_CANDIDATES, near_duplicate_candidates
from db.records import FetchRecord, StorePolicy
from db.similarity import DEFAULT_THRESHOLD, similarity
from db.similarity import similarity as signature_similarity
from db.store import store_batch
from pipelines.neardup import (
    BANDS,
    SignedArticle,
    band_keys,
    default_threshold,
    shingles,
    sign,
    signature,
)
from tests.factories import article_data, fetch_record

T0 = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)

# --------------------------------------------------------------------------- the variant set

# Furniture lines a cleaning layer lets through on one site but not on another.
FURNITURE = (
    "Mehr zum Thema – {title}",
    "Foto: Agentur / Max Beispiel",
    "Folgen Sie uns auf Telegram: Dort finden Sie alle Meldungen des Tages.",
)
REPUBLISHER_LEAD = "(Agenturen) – "
REPUBLISHER_SENTENCE = (
    "Dieser Beitrag erschien zuerst bei einem Partnermedium und wurde von der Redaktion übernommen."
)
THRESHOLDS = (0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.7, 0.8)
SINGLE_CHANGES = ("furniture", "paragraph", "quotes", "republisher", "edited")
STRESS = "two_paragraphs"


@dataclass(frozen=True)
class Pair:
    kind: str  # a variant kind, or "negative" / "follow_up"
    a: str
    b: str

    @property
    def positive(self) -> bool:
        return self.kind not in ("negative", "follow_up")


def _articles(bench: int) -> tuple[list[FixtureArticle], list[FixtureArticle]]:
    fixtures = [a for a in ARTICLES if a.republishes is None and a.host != "bench"]
    return fixtures, [bench_article(i) for i in range(bench)]


def _variants(a: FixtureArticle, o1: FixtureArticle, o2: FixtureArticle) -> dict[str, str]:
    lines = list(a.body)
    n = len(lines)
    furniture = list(lines)
    furniture.insert(min(2, n), FURNITURE[0].format(title=o1.title))
    furniture.insert(1, FURNITURE[1])
    furniture.append(FURNITURE[2])
    paragraph = list(lines)
    paragraph[n // 2] = o1.body[len(o1.body) // 2]
    two = list(lines)
    two[n // 3] = o1.body[len(o1.body) // 2]
    two[(2 * n) // 3] = o2.body[len(o2.body) // 3]
    two.insert(1, FURNITURE[0].format(title=o1.title))
    quotes = a.text
    for curly, plain in (("„", '"'), ("“", '"'), ("”", '"'), ("‚", "'"), ("‘", "'")):
        quotes = quotes.replace(curly, plain)
    return {
        "furniture": "\n".join(furniture),
        "paragraph": "\n".join(paragraph),
        "quotes": quotes,
        "republisher": REPUBLISHER_LEAD + a.text + "\n" + REPUBLISHER_SENTENCE,
        "edited": a.edited().text,
        STRESS: "\n".join(two),
    }


def variant_pairs(bench: int = 200) -> list[Pair]:
    """Labelled pairs: (original, variant) positives and same-topic negatives."""
    fixtures, generated = _articles(bench)
    pairs: list[Pair] = []
    for group in (fixtures, generated):
        for i, a in enumerate(group):
            o1, o2 = group[(i + 5) % len(group)], group[(i + 11) % len(group)]
            pairs += [Pair(k, a.text, v) for k, v in _variants(a, o1, o2).items()]
    # Same topic, different story: fixture articles of one section, and bench articles with
    # the same subject and actor (built from the same phrases, the hardest case).
    for a, b in itertools.combinations(fixtures, 2):
        if a.section == b.section:
            pairs.append(Pair("negative", a.text, b.text))
            # a follow-up repeating the first report's last paragraph as background
            pairs.append(Pair("follow_up", a.text, b.text + "\n" + a.body[-1]))
    by_topic: dict[int, list[int]] = {}
    for i in range(bench):
        by_topic.setdefault(article_focus(i)[0], []).append(i)  # the same subject
    for ids in by_topic.values():
        for x, y in itertools.combinations(ids, 2):
            a, b = generated[x], generated[y]
            pairs.append(Pair("negative", a.text, b.text))
            background = [a.body[0], a.body[len(a.body) // 2]]
            pairs.append(Pair("follow_up", a.text, "\n".join([*b.body[:-1], *background])))
    return pairs


# --------------------------------------------------------------------------- measuring


@cache
def _signed(text: str) -> SignedArticle:
    ext = sign(ExtractedArticle(outcome="ok", url="", text=text, content_hash=content_hash(text)))
    assert isinstance(ext, SignedArticle) and ext.minhash is not None
    return ext


def _record(i: int, text: str) -> FetchRecord:
    ext = _signed(text)
    assert ext.minhash is not None
    return fetch_record(
        f"https://q.example/{i}",
        "q",
        T0 + timedelta(seconds=i),
        site_name="Q",
        article=article_data(
            text,
            content_hash=ext.content_hash or "",
            signature=ext.minhash,
            band_keys=band_keys(ext.minhash),
        ),
    )


@dataclass(frozen=True)
class Quality:
    threshold: float
    tp: int
    fp: int
    fn: int
    tn: int
    by_kind: dict[str, tuple[int, int]]  # kind -> (grouped, total)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


def measure(engine: Engine, pairs: list[Pair], threshold: float) -> Quality:
    """Store each pair's two texts through the archive's own path (signature, LSH bands,
    candidate lookup, threshold) into an empty archive and check whether they end up in one
    cluster."""
    policy = StorePolicy(neardup_threshold=threshold)
    tp = fp = fn = tn = 0
    by_kind: dict[str, list[int]] = {}
    texts: dict[str, int] = {}
    order: list[str] = []
    for pair in pairs:  # every original first, so a variant finds its original
        for text in (pair.a, pair.b):
            if text not in texts:
                texts[text] = len(texts)
                order.append(text)
    originals = {p.a for p in pairs}
    order.sort(key=lambda t: t not in originals)
    records = [_record(texts[t], t) for t in order]
    clusters: dict[str, int] = {}
    for start in range(0, len(records), 200):
        batch = records[start : start + 200]
        for rec, result in zip(batch, store_batch(engine, None, batch, policy=policy), strict=True):
            assert rec.article is not None and result.article_id is not None
            clusters[rec.article.text] = result.article_id
    ids = list(clusters.values())
    with engine.connect() as conn:
        cluster_of = dict(
            conn.execute(select(Article.id, Article.cluster_id).where(Article.id.in_(ids))).all()
        )
    for pair in pairs:
        same = cluster_of[clusters[pair.a]] == cluster_of[clusters[pair.b]]
        counts = by_kind.setdefault(pair.kind, [0, 0])
        counts[0] += same
        counts[1] += 1
        if pair.positive:
            tp, fn = tp + same, fn + (not same)
        else:
            fp, tn = fp + same, tn + (not same)
    return Quality(threshold, tp, fp, fn, tn, {k: (v[0], v[1]) for k, v in by_kind.items()})


@pytest.fixture(scope="module")
def pairs() -> list[Pair]:
    return variant_pairs(bench=120)


def _fresh_sqlite(tmp: Path, name: str = "q") -> Engine:
    from db.engine import ensure_schema, make_engine

    engine = make_engine(f"sqlite:///{tmp / name}.sqlite")
    ensure_schema(engine)
    return engine


# --------------------------------------------------------------------------- tests


def test_similarity_is_the_share_of_equal_values() -> None:
    rnd = random.Random(3)
    for _ in range(200):
        a = bytes(rnd.getrandbits(8) for _ in range(512))
        b = bytearray(a)
        for i in rnd.sample(range(128), rnd.randint(0, 128)):  # change some 4-byte values
            b[4 * i + rnd.randrange(4)] ^= 1 + rnd.randrange(255)
        expected = sum(a[i : i + 4] == b[i : i + 4] for i in range(0, 512, 4)) / 128
        assert similarity(a, bytes(b)) == signature_similarity(a, bytes(b)) == expected
    for bad in ((b"", b""), (b"abcd", b"abcdefgh"), (b"abc", b"abc")):
        assert similarity(*bad) == signature_similarity(*bad) == 0.0


def test_signatures_are_deterministic_and_ignore_quote_style() -> None:
    a = "„Wir brauchen Klarheit“, sagte die Ministerin am Montag in Berlin vor Journalisten."
    b = '"Wir brauchen Klarheit", sagte die Ministerin am Montag in Berlin vor Journalisten.'
    assert signature(a) == signature(b)
    sig = signature(a)
    assert sig is not None and len(sig) == 512
    assert similarity(sig, sig) == signature_similarity(sig, sig) == 1.0
    assert len(band_keys(sig)) == BANDS and all(0 <= k < 2**63 for k in band_keys(sig))
    assert signature("") is None and signature("…!") is None
    assert shingles("eins zwei") == {b"eins zwei"}


def test_signatures_are_datasketchs_minhash() -> None:
    """Our MinHash is datasketch's (legacy scheme): the signatures are the same bytes."""
    datasketch = pytest.importorskip("datasketch")
    from pipelines.neardup import NUM_PERM, SEED

    # Bench articles, and seeded random word salads of every length: the fast modulo in
    # signature() must agree with datasketch's on all 128 permutations, whatever the values.
    rnd = random.Random(7)
    vocab = [
        "".join(rnd.choices("abcdefghijklmnopqrstuvwxyzäöüß", k=rnd.randint(1, 9)))
        for _ in range(2000)
    ]
    salads = [" ".join(rnd.choices(vocab, k=rnd.randint(1, 900))) for _ in range(60)]
    for text in [bench_article(i).text for i in (0, 5, 9)] + salads:
        kwargs = (
            {"scheme": "legacy"}
            if "scheme" in datasketch.MinHash.__init__.__code__.co_varnames
            else {}
        )
        reference = datasketch.MinHash(num_perm=NUM_PERM, seed=SEED, **kwargs)
        reference.update_batch(list(shingles(text)))
        assert reference.hashvalues.astype("<u4").tobytes() == signature(text)


def test_signature_is_the_same_in_another_process() -> None:
    import subprocess

    text = bench_article(3).text
    code = (
        "import sys; from pipelines.neardup import signature; "
        "sys.stdout.write(signature(sys.stdin.read()).hex())"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], input=text, capture_output=True, text=True, check=True
    )
    assert bytes.fromhex(out.stdout) == signature(text)


def test_threshold_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NEWSARCHIVE_NEARDUP_THRESHOLD", raising=False)
    assert default_threshold() == DEFAULT_THRESHOLD
    monkeypatch.setenv("NEWSARCHIVE_NEARDUP_THRESHOLD", "0.7")
    assert default_threshold() == 0.7
    monkeypatch.setenv("NEWSARCHIVE_NEARDUP_THRESHOLD", "viel")
    with pytest.raises(ValueError, match="NEWSARCHIVE_NEARDUP_THRESHOLD"):
        default_threshold()


@pytest.mark.slow
def test_default_threshold_groups_every_single_change_and_no_other_story(
    pairs: list[Pair], tmp_path: Path
) -> None:
    quality = measure(_fresh_sqlite(tmp_path), pairs, DEFAULT_THRESHOLD)
    for kind in SINGLE_CHANGES:
        grouped, total = quality.by_kind[kind]
        assert grouped == total, (kind, quality.by_kind)
    assert quality.fp == 0, quality.by_kind
    assert quality.precision == 1.0 and quality.recall >= 0.95


def test_clusters_in_the_archive(engine: Engine) -> None:
    """Near-duplicates stay separate articles sharing a cluster id; exact ones merge."""
    original = bench_article(7)
    copy = _variants(original, bench_article(20), bench_article(30))["republisher"]
    unrelated = bench_article(8).text
    first = store_batch(engine, None, [_record(1, original.text), _record(2, unrelated)])
    later = store_batch(engine, None, [_record(3, copy), _record(4, original.text)])
    assert [r.outcome for r in first + later] == ["archived", "archived", "archived", "duplicate"]
    with engine.connect() as conn:
        rows = dict(conn.execute(select(Article.id, Article.cluster_id)).all())
        n_bands = conn.execute(select(func.count()).select_from(ArticleBand)).scalar_one()
    a, b, c = first[0].article_id, first[1].article_id, later[0].article_id
    assert rows == {a: a, b: b, c: a}
    assert later[0].cluster_id == a
    assert n_bands == 3 * BANDS


def test_candidate_lookup_is_bounded(engine: Engine) -> None:
    """However many articles share a band key, one lookup compares a bounded number."""
    text = bench_article(11).text
    records = [_record(100 + i, text + f"\nZusatz {i}.") for i in range(MAX_NEARDUP_CANDIDATES + 8)]
    store_batch(engine, None, records)
    assert records[0].article is not None
    with Session(engine) as session:
        found = near_duplicate_candidates(session, records[0].article.band_keys)
    assert len(found) == MAX_NEARDUP_CANDIDATES


# --------------------------------------------------------------------------- report


def main() -> int:
    """Print precision and recall at the default threshold, and a sweep (README figures)."""
    pairs = variant_pairs(bench=200)
    positives = sum(p.positive for p in pairs)
    print(
        f"variant test set: {positives} positive pairs ({', '.join((*SINGLE_CHANGES, STRESS))}), "
        f"{len(pairs) - positives} negative pairs (same-topic stories and follow-ups)"
    )
    with tempfile.TemporaryDirectory() as tmp:
        rows = []
        for threshold in THRESHOLDS:
            engine = _fresh_sqlite(Path(tmp), f"t{threshold}")
            q = measure(engine, pairs, threshold)
            engine.dispose()
            rows.append(q)
            mark = "  <- default" if threshold == DEFAULT_THRESHOLD else ""
            print(
                f"threshold {threshold:.2f}: precision {q.precision:.3f} recall {q.recall:.3f} "
                f"(tp {q.tp}, fp {q.fp}, fn {q.fn}){mark}"
            )
        safe = [
            q.threshold
            for q in rows
            if q.fp == 0 and all(q.by_kind[k][0] == q.by_kind[k][1] for k in SINGLE_CHANGES)
        ]
        print(
            "highest threshold that groups every single-change variant with no false pair: "
            + (f"{max(safe):.2f}" if safe else "none")
        )
        default = next(q for q in rows if q.threshold == DEFAULT_THRESHOLD)
        print(f"at the default threshold {DEFAULT_THRESHOLD}, pairs grouped by kind:")
        for kind, (grouped, total) in sorted(default.by_kind.items()):
            print(f"  {kind:<15} {grouped:>4} of {total:<4}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
