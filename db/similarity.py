"""The near-duplicate decision: signature similarity, the default threshold, the cluster joined.

The store makes this decision inside its write transaction, for every new article, over the
candidates the database returns and those of its own batch not written yet, and a store batch
without a policy must decide as the crawl does. db/ may not import the layers above it, so the
decision lives here, at the bottom, pure (stdlib only): db.neardup runs the SQL and asks this
module, the layers above pass their threshold in (db.records.StorePolicy), and pipelines.neardup
makes the signatures (in the extraction workers, which need nothing of this module).
"""

from __future__ import annotations

from collections.abc import Iterable

# The highest threshold at which every single-change copy in the variant set is grouped and no
# pair of different stories is: precision 1.000, recall 0.987 there (tests/test_neardup.py, run
# as a script, measures it).
DEFAULT_THRESHOLD = 0.45


def similarity(a: bytes, b: bytes) -> float:
    """Estimated Jaccard similarity of two signatures (the share of equal MinHash values)."""
    if not a or len(a) != len(b) or len(a) % 4:
        return 0.0
    # The values that are equal are the 4-byte lanes of a XOR b that are zero; done on whole
    # ints and one C-level count, 2.5x faster than comparing 128 values in Python (the crawl
    # compares up to 50 candidates per new article).
    diff = (int.from_bytes(a, "little") ^ int.from_bytes(b, "little")).to_bytes(len(a), "little")
    equal: int = memoryview(diff).cast("I").tolist().count(0)
    return equal / (len(a) // 4)


def nearest_cluster(
    signature: bytes,
    candidates: Iterable[tuple[int, bytes | None, int | None]],
    threshold: float,
) -> int | None:
    """The cluster a text with `signature` joins among its candidates (article, signature,
    cluster; a candidate without a cluster is its own): of those at or above `threshold`, the
    oldest (smallest id), so that clusters are never merged and a cluster id, once given,
    stays. None: no near-duplicate."""
    clusters: list[int] = []
    for article, other, cluster in candidates:
        if other is not None and similarity(signature, other) >= threshold:
            clusters.append(int(cluster if cluster is not None else article))
    return min(clusters, default=None)
