"""The extraction's whole output on the evaluation pages is what tests/eval/extract_snapshot.json
pins: a change meant to keep the output (a speed-up) keeps every field of every page."""

from __future__ import annotations

import json

from bench.extract_snapshot import SNAPSHOT, snapshot


def test_every_article_field_matches_the_pinned_snapshot() -> None:
    pinned = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
    current = snapshot()
    assert len(pinned) >= 90
    assert {k for k in pinned if pinned[k] != current.get(k)} == set()
    assert current.keys() == pinned.keys()
