"""The extraction's whole output on the evaluation pages is what tests/eval/extract_snapshot.json
pins: a change meant to keep the output (a speed-up) keeps every field of every page, and a
change of any text comes with a new EXTRACTOR_VERSION."""

from __future__ import annotations

import dataclasses

from bench.extract_snapshot import Snapshot, refusal, snapshot
from pipelines.extract import EXTRACTOR_VERSION


def test_every_article_field_matches_the_pinned_snapshot() -> None:
    pinned = Snapshot.read()
    current = snapshot()
    assert len(pinned.articles) >= 90
    assert current.differing(pinned) == []
    assert pinned.extractor_version == EXTRACTOR_VERSION


def test_a_changed_text_is_pinned_only_under_a_new_extractor_version() -> None:
    pinned = Snapshot(3, {"heldout/a": "1", "heldout/b": "2"}, {"heldout/a": "t", "heldout/b": "s"})
    # Another field (a date, a dropped line) changes: the same version may pin it.
    other_field = dataclasses.replace(pinned, articles={"heldout/a": "9", "heldout/b": "2"})
    assert other_field.differing(pinned) == ["heldout/a"]
    assert refusal(other_field, pinned) is None
    # A text changes: only a higher version may pin it.
    new_text = dataclasses.replace(pinned, texts={"heldout/a": "u", "heldout/b": "s"})
    assert new_text.texts_differing(pinned) == ["heldout/a"]
    assert "heldout/a" in (refusal(new_text, pinned) or "")
    assert refusal(dataclasses.replace(new_text, extractor_version=4), pinned) is None
    # A page added to the set changes no rule.
    added = dataclasses.replace(pinned, texts={**pinned.texts, "heldout/c": "r"})
    assert refusal(added, pinned) is None
