"""The fixture article model: what a perfect extractor returns for a page, and its furniture.

Each `FixtureArticle` holds what a perfect extractor returns for its page (title, body lines,
dates, authors, section, description, language) and the furniture ("junk") the page carries
around and inside the body, grouped in five classes (below). The site renderers build the pages
from this same data, so the HTML and the ground truth cannot drift.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import datetime, timedelta, timezone

CET = timezone(timedelta(hours=1), "CET")
MSK = timezone(timedelta(hours=3), "MSK")

# What a body line is. Every kind is one line of extractor output.
PARAGRAPH = "p"
SUBHEADING = "h2"
LIST_ITEM = "li"
QUOTE = "quote"

# Junk classes, numbered: the five kinds of furniture a news page carries.
CHROME = "chrome"  # 1. site chrome and widgets: nav, banners, modals, share, comments, footer
PROMO = "promo"  # 2. promotional inserts inside the body: newsletter, Telegram channel
MEDIA = "media"  # 3. captions, photo credits, image alt text
TEASER = "teaser"  # 4. related-article teasers, "Mehr zum Thema", "Weiterlesen"
METADATA = "metadata"  # 5. dates, bylines, kickers, bare timestamps shown as text
JUNK_CLASSES = (CHROME, PROMO, MEDIA, TEASER, METADATA)

# Junk strings at least this long count as leaked when they occur anywhere in extracted text;
# shorter ones ("0", "Live", "Teilen") only when they form a whole line of it.
SHORT_JUNK = 12

MIRRORS = {"rt-mirror": "rt"}  # mirror host key -> host key of the original
FIXTURE_HOSTS = ("tagesblick", "rt", "rt-mirror", "sna", "aggregator")

# edit_article(): the first paragraph after the lead gets this prefix, and this sentence is
# added as a new last paragraph; dateModified moves this far past the previous date.
EDIT_PREFIX = "Nach aktuellem Stand: "
EDIT_SENTENCE = "Nachtrag: Eine Stellungnahme der Beteiligten stand am Abend noch aus."
EDIT_DELAY = timedelta(hours=18)


@dataclass(frozen=True)
class Block:
    """One line of the article body.

    `teaser` is an RT-style related-article headline that the page glues into this paragraph
    between two sentences (at character `teaser_at` of `text`); it is junk, `text` is not.
    """

    kind: str
    text: str
    teaser: str | None = None
    teaser_href: str = ""
    teaser_at: int = 0


@dataclass(frozen=True)
class Junk:
    """Furniture on the page: visible strings (or alt text) that must not reach the archive."""

    cls: str  # one of JUNK_CLASSES
    kind: str  # what it is: "cookie_banner", "photo_credit", "more_on_topic", ...
    texts: tuple[str, ...]  # the strings as they read on the page, whitespace collapsed
    href: str = ""  # link target (a path on the same host) when the page links it


@dataclass(frozen=True)
class Figure:
    src: str
    alt: str
    caption: str = ""
    credit: str = ""


@dataclass(frozen=True)
class FixtureArticle:
    """One article page of the demo web and what a perfect extraction of it returns."""

    host: str
    path: str
    title: str
    # Body blocks and the junk the page puts between them, in page order.
    layout: tuple[Block | Junk, ...]
    published: datetime
    modified: datetime | None
    authors: tuple[str, ...]
    section: str
    description: str
    language: str = "de"
    figure: Figure | None = None
    # Furniture outside the body container (chrome, byline, date line, caption ...).
    page_junk: tuple[Junk, ...] = ()
    # (host, path) of the article this one republishes with identical title and body.
    republishes: tuple[str, str] | None = None
    # Further host keys that serve this page unchanged except for a canonical link to `host`.
    mirrors: tuple[str, ...] = ()
    # Page-level oddities an extractor has to survive, e.g. "charset_mismatch".
    quirks: tuple[str, ...] = ()

    @property
    def key(self) -> tuple[str, str]:
        return (self.host, self.path)

    @property
    def blocks(self) -> tuple[Block, ...]:
        return tuple(part for part in self.layout if isinstance(part, Block))

    @property
    def body(self) -> tuple[str, ...]:
        """The body as a perfect extractor outputs it: one paragraph/subheading/item per line."""
        return tuple(block.text for block in self.blocks)

    @property
    def text(self) -> str:
        return "\n".join(self.body)

    @property
    def subheadings(self) -> tuple[str, ...]:
        return tuple(block.text for block in self.blocks if block.kind == SUBHEADING)

    @property
    def junk(self) -> tuple[Junk, ...]:
        """All furniture of the page: outside the body, between blocks and glued into them."""
        inline = tuple(part for part in self.layout if isinstance(part, Junk))
        glued = tuple(
            Junk(TEASER, "inline_teaser", (block.teaser,), block.teaser_href)
            for block in self.blocks
            if block.teaser
        )
        return self.page_junk + inline + glued

    @property
    def junk_classes(self) -> frozenset[str]:
        return frozenset(junk.cls for junk in self.junk)

    @property
    def junk_texts(self) -> tuple[str, ...]:
        return tuple(text for junk in self.junk for text in junk.texts if text)

    def url(self, base_url: str) -> str:
        return base_url.rstrip("/") + self.path

    def edited(self) -> FixtureArticle:
        """The article as `DemoWeb.edit_article` serves it: one paragraph changed, one added."""
        positions = [i for i, part in enumerate(self.layout) if isinstance(part, Block)]
        paragraphs = [
            i for i in positions[1:] if as_block(self.layout[i]).kind == PARAGRAPH
        ] or positions[:1]
        layout = list(self.layout)
        target = as_block(layout[paragraphs[0]])
        layout[paragraphs[0]] = replace(
            target,
            text=EDIT_PREFIX + target.text,
            teaser_at=target.teaser_at + len(EDIT_PREFIX) if target.teaser else 0,
        )
        layout.insert(positions[-1] + 1, Block(PARAGRAPH, EDIT_SENTENCE))
        return replace(
            self,
            layout=tuple(layout),
            modified=(self.modified or self.published) + EDIT_DELAY,
        )


def as_block(part: Block | Junk) -> Block:
    assert isinstance(part, Block)
    return part


def leaked_junk(article: FixtureArticle, extracted_text: str) -> tuple[str, ...]:
    """The junk strings of `article` found in an extractor's output (see SHORT_JUNK)."""
    text = re.sub(r"[ \t\u00a0]+", " ", extracted_text)
    lines = {line.strip() for line in text.splitlines()}
    found: list[str] = []
    for junk_text in article.junk_texts:
        needle = " ".join(junk_text.split())
        hit = needle in text if len(needle) >= SHORT_JUNK else needle in lines
        if hit and needle not in found:
            found.append(needle)
    return tuple(found)


# --- authoring helpers ----------------------------------------------------------------------


def P(text: str) -> Block:
    return Block(PARAGRAPH, text)


def H(text: str) -> Block:
    return Block(SUBHEADING, text)


def LI(text: str) -> Block:
    return Block(LIST_ITEM, text)


def Q(text: str) -> Block:
    return Block(QUOTE, text)


def G(before: str, teaser: str, href: str, after: str) -> Block:
    """A paragraph with a related-article headline glued in between two of its sentences."""
    return Block(PARAGRAPH, f"{before} {after}", teaser, href, len(before))


def local_dt(text: str, tz: timezone) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=tz)
