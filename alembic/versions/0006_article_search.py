"""article search: a full-text index over the articles' title, description and text

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-03 09:10:00

The index is derived from the articles table and is kept current by the database itself, in
the transaction of every write of an article, whoever writes it:

- SQLite: an FTS5 table (`article_search`, tokenizer unicode61 with diacritics removed) whose
  external content is the view `article_search_source`: the articles' title, description and
  text with German spellings folded (ß to ss, ä/ö/ü to ae/oe/ue, in SQL, so no connection
  needs a function of ours). Triggers on articles feed it; `rebuild` fills it from the view.
- PostgreSQL: a generated column `articles.search_vector` (the `german` configuration: case
  folded, words stemmed, umlauts and ß folded by the stemmer; title weight A, description B,
  text C) with a GIN index. Other diacritics are not folded there: translate() over every
  text cost three times what to_tsvector does.

Upgrading builds the index for every existing article. A later migration that rebuilds the
articles table on SQLite (batch mode copies and renames it) must drop these objects first and
create them again after (`drop_search` and `create_search` here show how).
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# German spellings folded before indexing on SQLite; db.search.GERMAN_FOLDS folds queries the
# same way (a test compares them).
GERMAN_FOLDS = (
    ("ß", "ss"),
    ("ẞ", "SS"),
    ("ä", "ae"),
    ("Ä", "Ae"),
    ("ö", "oe"),
    ("Ö", "Oe"),
    ("ü", "ue"),
    ("Ü", "Ue"),
)
def _fold_sql(expr: str) -> str:
    for before, after in GERMAN_FOLDS:
        expr = f"replace({expr}, '{before}', '{after}')"
    return expr


def _from_source(row: str, *, delete: bool = False) -> str:
    """The article's row of the view: the values its index entry is made of."""
    command = "'delete', " if delete else ""
    columns = "article_search, rowid" if delete else "rowid"
    return (
        f"INSERT INTO article_search({columns}, title, description, text) "
        f"SELECT {command}id, title, description, text FROM article_search_source "
        f"WHERE id = {row}.id"
    )


# Reindexed only when an indexed column changes (not when last_seen_at or cluster_id do).
_CHANGED = (
    "WHEN old.title IS NOT new.title OR old.description IS NOT new.description "
    "OR old.text IS NOT new.text"
)
_EMPTY = "''"

SQLITE_CREATE = (
    "CREATE VIEW article_search_source AS SELECT id, "
    f"{_fold_sql(f'coalesce(title, {_EMPTY})')} AS title, "
    f"{_fold_sql(f'coalesce(description, {_EMPTY})')} AS description, "
    f"{_fold_sql('text')} AS text FROM articles",
    "CREATE VIRTUAL TABLE article_search USING fts5(title, description, text, "
    "content='article_search_source', content_rowid='id', "
    "tokenize='unicode61 remove_diacritics 2')",
    # bm25 with a title match worth 10 body matches and a description match 4.
    "INSERT INTO article_search(article_search, rank) VALUES ('rank', 'bm25(10.0, 4.0, 1.0)')",
    "CREATE TRIGGER article_search_insert AFTER INSERT ON articles "
    f"BEGIN {_from_source('new')}; END",
    # The old entry is removed with the values it was indexed from: before the update.
    "CREATE TRIGGER article_search_unindex BEFORE UPDATE OF title, description, text "
    f"ON articles {_CHANGED} BEGIN {_from_source('old', delete=True)}; END",
    "CREATE TRIGGER article_search_reindex AFTER UPDATE OF title, description, text "
    f"ON articles {_CHANGED} BEGIN {_from_source('new')}; END",
    "CREATE TRIGGER article_search_delete BEFORE DELETE ON articles "
    f"BEGIN {_from_source('old', delete=True)}; END",
    "INSERT INTO article_search(article_search) VALUES ('rebuild')",
)
SQLITE_DROP = (
    "DROP TRIGGER IF EXISTS article_search_insert",
    "DROP TRIGGER IF EXISTS article_search_unindex",
    "DROP TRIGGER IF EXISTS article_search_reindex",
    "DROP TRIGGER IF EXISTS article_search_delete",
    "DROP TABLE IF EXISTS article_search",
    "DROP VIEW IF EXISTS article_search_source",
)


def _vector(expr: str, weight: str) -> str:
    return f"setweight(to_tsvector('german'::regconfig, {expr}), '{weight}')"


POSTGRESQL_CREATE = (
    "ALTER TABLE articles ADD COLUMN search_vector tsvector GENERATED ALWAYS AS ("
    f"{_vector(f'coalesce(title, {_EMPTY})', 'A')} || "
    f"{_vector(f'coalesce(description, {_EMPTY})', 'B')} || "
    f"{_vector('text', 'C')}) STORED",
    "CREATE INDEX ix_articles_search_vector ON articles USING gin (search_vector)",
)
POSTGRESQL_DROP = (
    "DROP INDEX IF EXISTS ix_articles_search_vector",
    "ALTER TABLE articles DROP COLUMN IF EXISTS search_vector",
)


def create_search() -> None:
    dialect = op.get_bind().dialect.name
    for statement in SQLITE_CREATE if dialect == "sqlite" else POSTGRESQL_CREATE:
        op.execute(statement)


def drop_search() -> None:
    dialect = op.get_bind().dialect.name
    for statement in SQLITE_DROP if dialect == "sqlite" else POSTGRESQL_DROP:
        op.execute(statement)


def upgrade() -> None:
    create_search()


def downgrade() -> None:
    drop_search()
