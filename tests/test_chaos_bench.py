"""bench/chaos.py's own parts: its fault schedule and sites are fixed by the seed, and its WARC
pointer check finds pointers that do not read back (no crawls here)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from bench.chaos import check_warc_pointers, fault_plan
from bench.chaos_web import ARTICLES_PER_SITE, build_sites, expected_texts
from crawler.warc import WarcWriter
from db.models import Fetch, Site


def test_fault_plan_is_a_function_of_seed_and_round() -> None:
    assert fault_plan(1, 3) == fault_plan(1, 3)
    assert fault_plan(1, 3) != fault_plan(2, 3)
    assert fault_plan(1, 3) != fault_plan(1, 4)
    for round_no in range(1, 11):
        plan = fault_plan(7, round_no, (5.0, 9.0))
        kinds = [f.kind for f in plan]
        assert kinds.count("disk_full") == 1
        assert kinds.count("kill_crawl") == 1
        assert 1 <= kinds.count("lock") <= 2
        assert 1 <= kinds.count("kill_worker") <= 2
        assert [f.at for f in plan] == sorted(f.at for f in plan)
        assert all(0 < f.at < 1 for f in plan)
        assert all(5.0 <= f.seconds <= 9.0 for f in plan if f.kind == "lock")
        assert all(f.site in range(4) for f in plan if f.kind.startswith("kill"))


def test_sites_are_fixed_by_the_seed_and_share_about_a_third_of_their_texts() -> None:
    sites = build_sites(5)
    again = build_sites(5)
    assert [[(p.path, p.text) for p in s.pages] for s in sites] == [
        [(p.path, p.text) for p in s.pages] for s in again
    ]
    assert [p.path for p in build_sites(6)[0].pages] != [p.path for p in sites[0].pages]
    assert len({s.key for s in sites}) == 4
    numbers_per_site = [{p.text.number for p in s.pages} for s in sites]
    for i, site in enumerate(sites):
        assert ARTICLES_PER_SITE[0] <= len(site.pages) <= ARTICLES_PER_SITE[1]
        assert len(numbers_per_site[i]) == len(site.pages)  # a text once per site
        others = set().union(*(n for j, n in enumerate(numbers_per_site) if j != i))
        shared = len(numbers_per_site[i] & others) / len(site.pages)
        assert 0.2 <= shared <= 0.4
    assert expected_texts(sites) == len(set().union(*numbers_per_site))
    assert expected_texts(sites) < sum(len(s.pages) for s in sites)


def test_pointer_check_finds_pointers_that_do_not_read_back(engine: Engine, tmp_path: Path) -> None:
    writer = WarcWriter(tmp_path, max_bytes=10**9)
    refs = [
        writer.write(
            url=f"http://127.0.0.1:1/a{i}.html",
            method="GET",
            request_headers=[("User-Agent", "test")],
            status=200,
            reason="OK",
            response_headers=[("Content-Type", "text/html")],
            body=f"<p>page {i}</p>".encode(),
            fetched_at=datetime(2026, 11, 1, tzinfo=UTC),
        )
        for i in range(4)
    ]
    writer.close()
    pointers = [
        (refs[0].offset, refs[0].length, refs[0].payload_digest),  # good
        (refs[1].offset + 1, refs[1].length, refs[1].payload_digest),  # off by one
        (refs[2].offset, refs[2].length, refs[3].payload_digest),  # another record's digest
        (refs[3].offset, refs[3].length + 40, refs[3].payload_digest),  # runs into the next
    ]
    with Session(engine) as session, session.begin():
        site = Site(key="s", name="s")
        session.add(site)
        session.flush()
        for i, (offset, length, digest) in enumerate(pointers):
            session.add(
                Fetch(
                    site_id=site.id,
                    url=f"http://127.0.0.1:1/a{i}.html",
                    requested_url=f"http://127.0.0.1:1/a{i}.html",
                    kind="article",
                    status=200,
                    fetched_at=datetime(2026, 11, 1, tzinfo=UTC),
                    payload_digest=digest,
                    warc_file=refs[i].file,
                    warc_offset=offset,
                    warc_length=length,
                    outcome="archived",
                )
            )
    result = check_warc_pointers(engine, tmp_path)
    assert (result.checked, result.bad) == (4, 3)
    assert result.good_urls == {"http://127.0.0.1:1/a0.html"}
