"""Snapshot of the extraction's whole output on the evaluation pages, to prove a change alters
nothing (a speed-up, a refactoring).

Usage: .venv/bin/python bench/extract_snapshot.py [--write] [--dump DIR]

Every held-out page (tests/eval/pages) and demo-web fixture article goes through
`extract_article`; each ExtractedArticle, every field, is serialised as JSON and hashed. The
hashes are pinned in tests/eval/extract_snapshot.json (`--write` rewrites it) and checked by
tests/test_extract_snapshot.py. `--dump DIR` also writes each article's JSON to DIR, to diff
two versions of the code when a hash differs. Exit status 1 when any page differs.

The snapshot also pins each page's text on its own and the EXTRACTOR_VERSION it was taken with:
`--write` refuses to pin a changed text under the same version, since archived texts carry the
version that made them and `newsarchive reextract` relies on it to know which to redo.
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench"]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.eval_extraction import load_demo, load_heldout  # noqa: E402
from crawler.model.types import ExtractInput  # noqa: E402
from pipelines.extract import EXTRACTOR_VERSION, extract_article  # noqa: E402

SNAPSHOT = ROOT / "tests" / "eval" / "extract_snapshot.json"


@dataclasses.dataclass(frozen=True)
class Snapshot:
    """Page key ("heldout/NAME", "demo/NAME") to the sha256 of its article's JSON and of its
    text, with the extractor version that made them."""

    extractor_version: int
    articles: dict[str, str]
    texts: dict[str, str]

    def to_json(self) -> str:
        return json.dumps(dataclasses.asdict(self), indent=1, sort_keys=True) + "\n"

    @classmethod
    def read(cls, path: Path = SNAPSHOT) -> Snapshot:
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(int(data["extractor_version"]), data["articles"], data["texts"])

    def differing(self, other: Snapshot) -> list[str]:
        """The pages whose article differs from `other`'s (or that only one of them has)."""
        keys = self.articles.keys() | other.articles.keys()
        return sorted(k for k in keys if self.articles.get(k) != other.articles.get(k))

    def texts_differing(self, other: Snapshot) -> list[str]:
        """The pages both have whose text differs (a page added to the set changes no rule)."""
        keys = self.texts.keys() & other.texts.keys()
        return sorted(k for k in keys if self.texts[k] != other.texts[k])


def refusal(current: Snapshot, pinned: Snapshot) -> str | None:
    """Why `current` may not replace `pinned`: a text changed under the same version."""
    changed = current.texts_differing(pinned)
    if changed and current.extractor_version <= pinned.extractor_version:
        return (
            f"the text of {len(changed)} pages changed (first: {changed[0]}) under "
            f"EXTRACTOR_VERSION {pinned.extractor_version}; raise it in pipelines/extract.py so "
            "archived texts say which rules made them"
        )
    return None


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def article_json(url: str, html: bytes, content_type: str, rules: Any) -> tuple[str, str]:
    """The article's whole JSON and its text."""
    article = extract_article(
        ExtractInput(url=url, body=html, headers={"content-type": content_type}, rules=rules)
    )
    whole = json.dumps(
        dataclasses.asdict(article), default=str, ensure_ascii=False, indent=1, sort_keys=True
    )
    return whole, article.text


def snapshot(dump: Path | None = None) -> Snapshot:
    """Every evaluation page's output, hashed."""
    articles: dict[str, str] = {}
    texts: dict[str, str] = {}
    for prefix, cases in (("heldout", load_heldout()), ("demo", load_demo())):
        for case in cases:
            whole, text = article_json(case.url, case.html, case.content_type, case.rules)
            key = f"{prefix}/{case.name}"
            articles[key] = _digest(whole)
            texts[key] = _digest(text)
            if dump is not None:
                path = dump / f"{key}.json"
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(whole, encoding="utf-8")
    return Snapshot(EXTRACTOR_VERSION, articles, texts)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--write", action="store_true", help="pin the current output")
    parser.add_argument("--dump", type=Path, help="write every article's JSON here")
    args = parser.parse_args(argv)
    current = snapshot(args.dump)
    pinned = Snapshot.read()
    if args.write:
        refused = refusal(current, pinned)
        if refused:
            print(f"not pinned: {refused}", file=sys.stderr)
            return 1
        SNAPSHOT.write_text(current.to_json(), encoding="utf-8")
        print(f"pinned {len(current.articles)} pages in {SNAPSHOT.relative_to(ROOT)}")
        return 0
    differ = current.differing(pinned)
    for key in differ:
        print(f"differs: {key}")
    if current.extractor_version != pinned.extractor_version:
        print(f"pinned with EXTRACTOR_VERSION {pinned.extractor_version}, now {EXTRACTOR_VERSION}")
    print(f"{len(current.articles) - len(differ)} of {len(current.articles)} pages as pinned")
    return 1 if differ or current.extractor_version != pinned.extractor_version else 0


if __name__ == "__main__":
    raise SystemExit(main())
