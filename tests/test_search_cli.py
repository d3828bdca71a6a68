"""`newsarchive search` as a user types it: ranked hits, JSON lines, plain text when piped, one
line on bad arguments, and never an archive created."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from db.engine import ensure_schema, make_engine
from db.store import store_batch
from tests.factories import article_data, fetch_record, run_command

T0 = datetime(2026, 11, 19, 8, 0, tzinfo=UTC)


@pytest.fixture
def archive_env(tmp_path: Path, database_url: str) -> dict[str, str]:
    engine = make_engine(database_url)
    ensure_schema(engine)
    store_batch(
        engine,
        None,
        [
            fetch_record(
                "https://alpha.example/1",
                "alpha",
                T0,
                article=article_data(
                    "Die Straße am Hafen wird gesperrt, die Straße am Markt bleibt offen.",
                    title="Straße gesperrt",
                    published_at=T0 - timedelta(hours=2),
                ),
            ),
            fetch_record(
                "https://beta.example/2",
                "beta",
                T0 + timedelta(days=1),
                article=article_data("Eine Strasse im Norden.", title="Nachrichten aus dem Norden"),
            ),
            fetch_record(
                "https://beta.example/3",
                "beta",
                T0,
                article=article_data("Der Hafen wächst.", title="Hafen"),
            ),
        ],
    )
    engine.dispose()
    return {"NEWSARCHIVE_DATA_DIR": str(tmp_path), "DATABASE_URL": database_url}


def test_json_lines_ranked(archive_env: dict[str, str]) -> None:
    result = run_command("newsarchive", "search", "Strasse", "--json", env=archive_env)
    assert result.returncode == 0, result.stderr
    hits = [json.loads(line) for line in result.stdout.splitlines()]
    assert [h["title"] for h in hits] == ["Straße gesperrt", "Nachrichten aus dem Norden"]
    first = hits[0]
    assert (first["url"], first["site"], first["language"]) == (
        "https://alpha.example/1",
        "alpha",
        "de",
    )
    assert first["published_at"] == "2026-11-19T06:00:00+00:00"
    assert first["rank"] > hits[1]["rank"]
    assert ["Straße", True] in first["snippet"]
    assert "Straße am Hafen wird gesperrt" in "".join(piece for piece, _ in first["snippet"])


def test_filters(archive_env: dict[str, str]) -> None:
    def titles(*args: str) -> list[str]:
        result = run_command("newsarchive", "search", *args, "--json", env=archive_env)
        assert result.returncode == 0, result.stderr
        return [json.loads(line)["title"] for line in result.stdout.splitlines()]

    assert titles("Strasse", "--site", "beta") == ["Nachrichten aus dem Norden"]
    assert titles("Strasse", "--since", "2026-11-20") == ["Nachrichten aus dem Norden"]
    assert titles("Hafen", "--limit", "1") == ["Hafen"]
    assert titles("Hafen", "--lang", "en") == []


def test_plain_text_when_piped(archive_env: dict[str, str]) -> None:
    result = run_command("newsarchive", "search", "Straße", env=archive_env, unset=("COLUMNS",))
    assert result.returncode == 0, result.stderr
    assert "\x1b[" not in result.stdout
    lines = result.stdout.splitlines()
    assert lines[0] == " 1. Straße gesperrt"
    assert lines[1] == "    alpha · 2026-11-19 · de · https://alpha.example/1"
    assert "*Straße* am Hafen" in lines[2]
    assert max(len(line) for line in lines) <= 80
    assert result.stderr.strip() == "2 articles found for 'Straße'"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (('"Hafen',), 'bad query: unbalanced quotes in the query: every " needs a closing "'),
        (("Hafen", "--limit", "zehn"), "--limit takes a number from 1 to 1000, got 'zehn'"),
        (("Hafen", "--since", "gestern"), "--since takes an ISO date like 2026-11-01"),
        (("Hafen", "--site", "gamma"), "unknown site 'gamma'"),
    ],
)
def test_bad_arguments_get_one_line(
    archive_env: dict[str, str], args: tuple[str, ...], message: str
) -> None:
    result = run_command("newsarchive", "search", *args, env=archive_env)
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert message in result.stderr
    assert result.stdout == ""


def test_a_missing_archive_is_not_created(tmp_path: Path) -> None:
    target = tmp_path / "nowhere" / "archive.sqlite"
    result = run_command(
        "newsarchive",
        "search",
        "Hafen",
        env={"NEWSARCHIVE_DATA_DIR": str(tmp_path), "DATABASE_URL": f"sqlite:///{target}"},
    )
    assert result.returncode == 2
    assert result.stderr.strip() == f"newsarchive: no archive at {target} " + (
        "(set DATABASE_URL or NEWSARCHIVE_DATA_DIR)"
    )
    assert not target.parent.exists()
