"""Snapshot of the extraction's whole output on the evaluation pages, to prove a change alters
nothing (a speed-up, a refactoring).

Usage: .venv/bin/python bench/extract_snapshot.py [--write] [--dump DIR]

Every held-out page (tests/eval/pages) and demo-web fixture article goes through
`extract_article`; each ExtractedArticle, every field, is serialised as JSON and hashed. The
hashes are pinned in tests/eval/extract_snapshot.json (`--write` rewrites it) and checked by
tests/test_extract_snapshot.py. `--dump DIR` also writes each article's JSON to DIR, to diff
two versions of the code when a hash differs. Exit status 1 when any page differs.
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
from pipelines.extract import extract_article  # noqa: E402

SNAPSHOT = ROOT / "tests" / "eval" / "extract_snapshot.json"


def article_json(url: str, html: bytes, content_type: str, rules: Any) -> str:
    article = extract_article(
        ExtractInput(url=url, body=html, headers={"content-type": content_type}, rules=rules)
    )
    return json.dumps(
        dataclasses.asdict(article), default=str, ensure_ascii=False, indent=1, sort_keys=True
    )


def snapshot(dump: Path | None = None) -> dict[str, str]:
    """Page key ("heldout/NAME", "demo/NAME") to the sha256 of its article's JSON."""
    hashes: dict[str, str] = {}
    for prefix, cases in (("heldout", load_heldout()), ("demo", load_demo())):
        for case in cases:
            text = article_json(case.url, case.html, case.content_type, case.rules)
            key = f"{prefix}/{case.name}"
            hashes[key] = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
            if dump is not None:
                path = dump / f"{key}.json"
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(text, encoding="utf-8")
    return hashes


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--write", action="store_true", help="pin the current output")
    parser.add_argument("--dump", type=Path, help="write every article's JSON here")
    args = parser.parse_args(argv)
    hashes = snapshot(args.dump)
    if args.write:
        SNAPSHOT.write_text(json.dumps(hashes, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        print(f"pinned {len(hashes)} pages in {SNAPSHOT.relative_to(ROOT)}")
        return 0
    pinned = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
    differ = sorted(k for k in pinned.keys() | hashes.keys() if pinned.get(k) != hashes.get(k))
    for key in differ:
        print(f"differs: {key}")
    print(f"{len(hashes) - len(differ)} of {len(hashes)} pages as pinned")
    return 1 if differ else 0


if __name__ == "__main__":
    raise SystemExit(main())
