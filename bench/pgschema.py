"""A throwaway PostgreSQL schema for a benchmark's archive, reached through the search_path."""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Iterator
from urllib.parse import quote

from sqlalchemy import text

from db.engine import make_engine


@contextlib.contextmanager
def scratch_schema(url: str, prefix: str, keep: bool = False) -> Iterator[str]:
    """A new schema `prefix`_<random> in the database at `url`; yields a URL whose connections
    use it, and drops it afterwards unless `keep`."""
    schema = f"{prefix}_{uuid.uuid4().hex[:12]}"
    admin = make_engine(url)
    with admin.begin() as conn:
        conn.execute(text(f"CREATE SCHEMA {schema}"))
    sep = "&" if "?" in url else "?"
    try:
        yield f"{url}{sep}options={quote(f'-csearch_path={schema}')}"
    finally:
        if keep:
            print(f"  kept PostgreSQL schema {schema}")
        else:
            with admin.begin() as conn:
                conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()
