"""Deterministic benchmark corpus: any number of realistic German news pages, built on demand.

Article `i` is generated from `random.Random` seeded with `i` only (no wall clock, no hash
randomisation), so every run, process and machine sees the same pages. The benchmark can fetch
them over HTTP from the `bench` host or call `bench_article_html(i)` directly; `bench_article(i)`
is the ground truth of page `i` in the same shape as the fixture articles.
"""

from __future__ import annotations

import json
import random
import re
from datetime import datetime, timedelta
from functools import lru_cache

from crawler.demoweb.common import attr, esc, json_ld, render_body
from crawler.demoweb.content_tagesblick import tb_byline, tb_date
from crawler.demoweb.corpus_words import (
    ACTORS,
    AD_LABEL,
    COOKIE_TEXT,
    DEBATES,
    FEMALE,
    FOOTER,
    LEADS,
    LIST_ITEMS,
    MALE,
    MONTHS,
    MOST_READ,
    NAV_TOPICS,
    NEWSLETTER,
    PLACES,
    QUOTES,
    ROLES,
    SECTIONS,
    SENTENCES,
    SUBHEADINGS,
    SURNAMES,
    THINGS,
    TITLES,
    TRENDS,
    VERDICTS,
    WEEKDAYS,
)
from crawler.demoweb.fixture import (
    CET,
    CHROME,
    LI,
    MEDIA,
    METADATA,
    PARAGRAPH,
    PROMO,
    TEASER,
    Block,
    Figure,
    FixtureArticle,
    H,
    Junk,
    P,
    Q,
)

BENCH_HOST = "bench"
DEFAULT_BASE = "http://bench.invalid/"
SITEMAP_SIZE = 1000  # URLs per child sitemap (the protocol allows 50 000; sites use less)
NEWEST = datetime(2026, 11, 21, 18, 0, tzinfo=CET)
# Real news article pages weigh 150-400 KB, most of it DOM around the article (teaser grids,
# menus, picture/srcset markup), and trafilatura needs 25-35 ms for one (measured). The
# bench pages carry the same kind of weight, so the benchmark measures a realistic mix of
# extraction and crawling cost rather than a crawl of unrealistically light pages.
MIN_BYTES, MAX_BYTES = 150_000, 300_000
TEASER_CARDS = (55, 100)  # teaser cards in the "more news" grid under the article
VARIANTS = 3


def _rng(i: int, salt: int) -> random.Random:
    # Integer seeds are hashed the same way in every process (str seeds would be too, but ints
    # make the independence of the streams per salt obvious).
    return random.Random(i * 1_000_003 + salt)


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def slugify(text: str) -> str:
    """A URL slug: transliterated umlauts, lower-case words joined by hyphens, at most eight."""
    table = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
    words = re.findall(r"[a-z0-9]+", text.lower().translate(table))
    return "-".join(words[:8])


Focus = tuple[int, int, str]  # indexes into THINGS and ACTORS, and a town


def article_focus(i: int) -> Focus:
    """What article `i` is about: its subject, its main actor and its town."""
    rng = _rng(i, 8)
    return rng.randrange(len(THINGS)), rng.randrange(len(ACTORS)), rng.choice(PLACES)


def _fill(template: str, rng: random.Random, focus: Focus | None = None, stick: float = 0.7) -> str:
    # Most sentences stay with the article's subject, actor and town, so a story reads as one.
    on_topic = focus is not None and rng.random() < stick
    own_actor = focus is not None and rng.random() < stick - 0.2
    thing, thing_acc = THINGS[focus[0]] if focus and on_topic else rng.choice(THINGS)
    actor, actor_dat, actor_gen = ACTORS[focus[1]] if focus and own_actor else rng.choice(ACTORS)
    place = focus[2] if focus and on_topic else rng.choice(PLACES)
    female = rng.random() < 0.5
    first = rng.choice(FEMALE if female else MALE)
    role = rng.choice(ROLES)[1 if female else 0].format(place=rng.choice(PLACES))
    pct = rng.randint(8, 40)
    values = {
        "actor": actor,
        "Actor": _cap(actor),
        "actor_dat": actor_dat,
        "actor_gen": actor_gen,
        "thing": thing,
        "Thing": _cap(thing),
        "thing_acc": thing_acc,
        "place": place,
        "Place": place,
        "person": f"{first} {rng.choice(SURNAMES)}",
        "role": role,
        "quote": rng.choice(QUOTES),
        "weekday": rng.choice(WEEKDAYS),
        "month": rng.choice(MONTHS),
        "year": str(rng.randint(2027, 2032)),
        "num": str(rng.randint(3, 180)),
        "num3": f"{rng.randint(120, 4800):,}".replace(",", "."),
        "pct": str(pct),
        "pct2": str(pct + rng.randint(2, 15)),
        "debate": rng.choice(DEBATES),
        "verdict": rng.choice(VERDICTS),
        "trend": rng.choice(TRENDS),
    }
    return template.format(**values)


def bench_title(i: int) -> str:
    return _fill(_rng(i, 1).choice(TITLES), _rng(i, 2), article_focus(i), stick=1.2)


def bench_section(i: int) -> tuple[str, str]:
    return SECTIONS[_rng(i, 3).randrange(len(SECTIONS))]


def bench_published(i: int) -> datetime:
    """Newest first: article 0 is the latest, each further one 30-45 minutes older."""
    return NEWEST - timedelta(minutes=37 * i + (i * 7) % 9)


def bench_modified(i: int) -> datetime | None:
    """About 40 % of the articles were updated after publication."""
    rng = _rng(i, 7)
    if rng.random() >= 0.4:
        return None
    return bench_published(i) + timedelta(minutes=rng.randint(20, 300))


def bench_article_path(i: int) -> str:
    key, _ = bench_section(i)
    return f"/{key}/{bench_published(i):%Y/%m/%d}/{slugify(bench_title(i))}-{i}.html"


def bench_index(path: str) -> int | None:
    """The article number a path belongs to, or None when it is not a bench article path."""
    match = re.search(r"-(\d+)\.html$", path)
    if not match:
        return None
    i = int(match.group(1))
    return i if bench_article_path(i) == path else None


def _paragraph(rng: random.Random, focus: Focus, seen: set[str], lead: bool = False) -> str:
    """Two to five sentences; `seen` keeps a template from repeating within one article."""
    sentences = [_fill(rng.choice(LEADS), rng, focus, stick=1.2)] if lead else []
    wanted = rng.randint(2, 5)
    while len(sentences) < wanted:
        template = rng.choice(SENTENCES)
        if template in seen and len(seen) < len(SENTENCES) - 2:
            continue
        seen.add(template)
        sentences.append(_fill(template, rng, focus))
    return " ".join(sentences)


@lru_cache(maxsize=512)
def bench_article(i: int) -> FixtureArticle:
    """Ground truth of bench article `i`."""
    rng = _rng(i, 4)
    _, section = bench_section(i)
    title = bench_title(i)
    published = bench_published(i)
    modified = bench_modified(i)
    authors = tuple(
        f"{rng.choice(FEMALE + MALE)} {rng.choice(SURNAMES)}" for _ in range(rng.randint(0, 2))
    )
    count = rng.randint(5, 20)
    focus = article_focus(i)
    seen: set[str] = set()
    layout: list[Block | Junk] = [P(_paragraph(rng, focus, seen, lead=True))]
    while sum(isinstance(b, Block) and b.kind == PARAGRAPH for b in layout) < count:
        roll = rng.random()
        if roll < 0.12:
            layout.append(H(rng.choice(SUBHEADINGS)))
            layout.append(P(_paragraph(rng, focus, seen)))
        elif roll < 0.18:
            layout.append(P("Die wichtigsten Punkte im Überblick:"))
            picks = rng.sample(LIST_ITEMS, rng.randint(3, 5))
            layout.extend(LI(item.format(n=rng.randint(2, 60))) for item in picks)
        elif roll < 0.26:
            person = f"{rng.choice(FEMALE + MALE)} {rng.choice(SURNAMES)}"
            layout.append(Q(f"„{rng.choice(QUOTES)}“, sagte {person}."))
        else:
            layout.append(P(_paragraph(rng, focus, seen)))
    # Furniture inside the body, as plain paragraphs between the real ones.
    inserts = [
        Junk(PROMO, "newsletter_promo", (NEWSLETTER,)),
        Junk(CHROME, "ad_slot", (AD_LABEL,)),
    ]
    if i > 0:  # teasers point at newer articles only: those exist whatever the corpus size
        other = rng.randrange(max(0, i - 50), i)
        teaser = f"Lesen Sie auch: {bench_title(other)}"
        inserts.append(Junk(TEASER, "read_also", (teaser,), bench_article_path(other)))
    for junk in inserts:
        if rng.random() < 0.7:
            layout.insert(rng.randint(2, max(2, len(layout) - 1)), junk)
    first_sentence = re.split(r"(?<=[.!?“])\s", _block_text(layout[0]), maxsplit=1)[0]
    place = rng.choice(PLACES)
    figure = Figure(
        f"/media/{i % 997}/{slugify(title)}.jpg",
        f"Symbolbild aus {place}",
        f"Blick auf {place} am {rng.choice(WEEKDAYS)}.",
        f"Foto: {rng.choice(FEMALE + MALE)} {rng.choice(SURNAMES)}",
    )
    related = tuple(bench_title(j) for j in _most_read(i))
    page_junk = (
        Junk(CHROME, "cookie_banner", (COOKIE_TEXT,)),
        Junk(CHROME, "nav", tuple(name for _, name in SECTIONS)),
        Junk(CHROME, "footer", FOOTER),
        Junk(TEASER, "most_read", (MOST_READ, *related)),
        Junk(METADATA, "byline", (tb_byline(authors),)),
        Junk(METADATA, "dateline", (tb_date(published),)),
        Junk(MEDIA, "caption", (figure.caption,)),
        Junk(MEDIA, "photo_credit", (figure.credit,)),
    )
    return FixtureArticle(
        host=BENCH_HOST,
        path=bench_article_path(i),
        title=title,
        layout=tuple(layout),
        published=published,
        modified=modified,
        authors=authors,
        section=section,
        description=first_sentence,
        figure=figure,
        page_junk=page_junk,
    )


def _block_text(part: Block | Junk) -> str:
    return part.text if isinstance(part, Block) else ""


def _most_read(i: int) -> list[int]:
    """Newer articles only, so that every link resolves however many articles are served."""
    if i == 0:
        return []
    rng = _rng(i, 5)
    return sorted({rng.randrange(max(0, i - 400), i) for _ in range(8)})


def bench_article_html(i: int, base_url: str = DEFAULT_BASE) -> bytes:
    """The HTML of bench article `i` (30-90 KB), as the `bench` host serves it."""
    return render_bench_article(bench_article(i), i, base_url)


def render_bench_article(article: FixtureArticle, i: int, base_url: str = DEFAULT_BASE) -> bytes:
    """Renders an article of the corpus (possibly an edited version of it) in its layout."""
    rng = _rng(i, 6)
    variant = i % VARIANTS
    target = rng.randint(MIN_BYTES, MAX_BYTES)
    url = article.url(base_url)
    head = _head(article, url, base_url, variant, rng)
    body = _page_body(article, variant, rng)
    html = f"{head}\n{body}"
    # Real pages carry a hydration state blob of teaser data; it brings the page to its size.
    size = len(html.encode("utf-8")) + len("</body>\n</html>\n")
    state = _state_script(i, target - size, rng) if size < target else ""
    return f"{html}{state}</body>\n</html>\n".encode()


def _head(article: FixtureArticle, url: str, base: str, variant: int, rng: random.Random) -> str:
    fig = article.figure
    assert fig is not None
    metas = [
        ("name", "description", article.description),
        ("name", "robots", "index, follow, max-snippet:-1, max-image-preview:large"),
        ("name", "referrer", "no-referrer-when-downgrade"),
        ("name", "theme-color", "#12355b"),
        ("name", "apple-mobile-web-app-title", "Regionalzeitung"),
        ("property", "og:type", "article"),
        ("property", "og:title", article.title),
        ("property", "og:description", article.description),
        ("property", "og:url", url),
        ("property", "og:image", base + fig.src[1:]),
        ("property", "og:image:width", "1200"),
        ("property", "og:image:height", "675"),
        ("property", "og:site_name", "Regionalzeitung"),
        ("property", "og:locale", "de_DE"),
        ("property", "article:published_time", article.published.isoformat()),
        ("property", "article:section", article.section),
        ("name", "twitter:card", "summary_large_image"),
        ("name", "twitter:site", "@regionalzeitung"),
        ("name", "twitter:title", article.title),
        ("name", "twitter:description", article.description),
        ("name", "twitter:image", base + fig.src[1:]),
        ("name", "cXenseParse:pageclass", "article"),
        ("name", "cXenseParse:recs:articleid", str(rng.randrange(10**6, 10**7))),
    ]
    if article.modified:
        metas.append(("property", "article:modified_time", article.modified.isoformat()))
    if article.authors:
        metas.append(("name", "author", ", ".join(article.authors)))
    meta_html = "\n".join(f'<meta {k}="{n}" content="{attr(v)}">' for k, n, v in metas)
    ld = ""
    if variant != 2:
        data: dict[str, object] = {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": article.title,
            "datePublished": article.published.isoformat(),
            "mainEntityOfPage": url,
            "articleSection": article.section,
            "inLanguage": "de",
            "image": [base + fig.src[1:]],
            "publisher": {"@type": "Organization", "name": "Regionalzeitung"},
        }
        if article.modified:
            data["dateModified"] = article.modified.isoformat()
        if article.authors:
            data["author"] = [{"@type": "Person", "name": a} for a in article.authors]
        ld = json_ld(data)
    css = _css(rng)
    return f"""<!DOCTYPE html>
<html lang="de" class="no-js">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(article.title)} | {esc(article.section)} | Regionalzeitung</title>
<link rel="canonical" href="{attr(url)}">
<link rel="preconnect" href="/cdn/">
<link rel="icon" href="/static/favicon.ico">
{meta_html}
{ld}
<style>
{css}
</style>
<script>window.dataLayer=window.dataLayer||[];dataLayer.push({{"pageType":"article","section":{json.dumps(article.section)},"variant":{variant}}});</script>
<script src="/static/js/vendor.{rng.randrange(16**8):08x}.js" defer></script>
<script src="/static/js/app.{rng.randrange(16**8):08x}.js" defer></script>
</head>"""


def _css(rng: random.Random) -> str:
    blocks = ("header", "nav", "teaser", "article", "sidebar", "footer", "ad", "gallery")
    props = ("margin", "padding", "font-size", "line-height", "color", "border-bottom")
    rules = []
    for n in range(rng.randint(60, 140)):
        block = blocks[n % len(blocks)]
        decls = ";".join(
            f"{rng.choice(props)}:{rng.randint(0, 24)}px" for _ in range(rng.randint(2, 5))
        )
        rules.append(f".{block}__el-{n}{{{decls}}}")
    return "\n".join(rules)


def _nav() -> str:
    sections = "\n".join(f'<li><a href="/{key}/">{esc(name)}</a></li>' for key, name in SECTIONS)
    topics = "\n".join(
        f'<li><a href="/thema/{slugify(topic)}/">{esc(topic)}</a></li>' for topic in NAV_TOPICS
    )
    return f"""<nav class="nav" aria-label="Hauptnavigation">
<ul class="nav__sections">
{sections}
</ul>
<div class="nav__flyout"><ul class="nav__topics">
{topics}
</ul></div>
</nav>"""


def _junk_html(junk: Junk) -> str:
    text = junk.texts[0]
    if junk.kind == "ad_slot":
        return f'<div class="ad ad--inarticle"><span class="ad__label">{esc(text)}</span></div>'
    if junk.kind == "read_also":
        title = text.removeprefix("Lesen Sie auch: ")
        return (
            f'<p><strong>Lesen Sie auch:</strong> <a href="{attr(junk.href)}">{esc(title)}</a></p>'
        )

    return f"<p>{esc(text)}</p>"


def _page_body(article: FixtureArticle, variant: int, rng: random.Random) -> str:
    fig = article.figure
    assert fig is not None
    byline = next(j for j in article.page_junk if j.kind == "byline").texts[0]
    dateline = next(j for j in article.page_junk if j.kind == "dateline").texts[0]
    most_read_heading, *most_read = next(
        j for j in article.page_junk if j.kind == "most_read"
    ).texts
    body = render_body(article.layout, _junk_html)
    figure = (
        f'<figure class="article__figure"><img src="{attr(fig.src)}" alt="{attr(fig.alt)}" '
        f'width="1200" height="675"><figcaption>{esc(fig.caption)} '
        f'<span class="credit">{esc(fig.credit)}</span></figcaption></figure>'
    )
    stamp = f'<time datetime="{article.published.isoformat()}">{esc(dateline)}</time>'
    if variant == 0:
        main = f"""<main class="main">
<article class="article">
<header class="article__header">
<h1 class="article__title">{esc(article.title)}</h1>
<div class="article__meta"><span class="article__author">{esc(byline)}</span> {stamp}</div>
</header>
{figure}
<div class="article__body">
{body}
</div>
</article>
</main>"""
    elif variant == 1:
        main = f"""<div class="page-wrapper"><div class="content">
<section class="story">
<div class="story__head"><h1>{esc(article.title)}</h1></div>
<div class="story__info">{stamp} · {esc(byline)}</div>
{figure}
<div class="story__content" itemprop="articleBody">
{body}
</div>
</section>
</div></div>"""
    else:
        main = f"""<div id="content"><div class="col-main">
<h1 class="headline">{esc(article.title)}</h1>
<p class="meta">{esc(byline)} | {stamp}</p>
{figure}
<div class="txt">
{body}
</div>
</div></div>"""
    links = "\n".join(
        f'<li><a href="{attr(bench_article_path(j))}">{esc(title)}</a></li>'
        for j, title in zip(_most_read(_index_of(article)), most_read, strict=True)
    )
    footer_items = "\n".join(
        f'<li><a href="/service/{slugify(label)}/">{esc(label)}</a></li>' for label in FOOTER[:-1]
    )
    return f"""<body class="page page--article">
<div class="consent" role="dialog"><p>{esc(COOKIE_TEXT)}</p>
<button type="button">Akzeptieren</button></div>
<header class="header"><a class="header__logo" href="/">Regionalzeitung</a></header>
{_nav()}
{main}
{_teaser_grid(_index_of(article), rng)}
<aside class="sidebar">
<h2>{esc(most_read_heading)}</h2>
<ol class="sidebar__list">
{links}
</ol>
<div class="ad ad--sky"></div>
</aside>
<footer class="footer">
<ul class="footer__links">
{footer_items}
</ul>
<p class="footer__copy">{esc(FOOTER[-1])}</p>
</footer>
"""


def _teaser_grid(i: int, rng: random.Random) -> str:
    """The "more news" grid real sites put under an article: many small, nested cards."""
    pool = _teaser_pool()
    cards = []
    for n in range(rng.randint(*TEASER_CARDS)):
        title, section = pool[(i * 7 + n) % len(pool)]
        k = (i + n) % 997
        cards.append(
            f'<div class="teaser teaser--{n % 3}" data-id="{900_000 + k}">'
            f'<a class="teaser__link" href="/{slugify(section)}/meldung-{k}.html">'
            f'<picture class="teaser__media"><source type="image/webp" '
            f'srcset="/media/{k}/w320.webp 320w, /media/{k}/w640.webp 640w, '
            f'/media/{k}/w960.webp 960w" sizes="(max-width: 600px) 100vw, 33vw">'
            f'<img src="/media/{k}/w640.jpg" alt="" loading="lazy" width="640" height="360">'
            f'</picture><div class="teaser__text"><span class="teaser__kicker">'
            f'{esc(section)}</span><h3 class="teaser__title">{esc(title)}</h3>'
            f'<div class="teaser__meta"><span class="teaser__comments">{k % 40}</span>'
            f'<span class="teaser__time">vor {k % 23 + 1} Std.</span></div></div></a></div>'
        )
    return (
        '<section class="more-news" aria-label="Weitere Nachrichten">'
        '<h2 class="more-news__title">Weitere Nachrichten</h2>'
        f'<div class="more-news__grid">{"".join(cards)}</div></section>'
    )


def _index_of(article: FixtureArticle) -> int:
    return int(article.path.rsplit("-", 1)[1].removesuffix(".html"))


def _state_script(i: int, size: int, rng: random.Random) -> str:
    opening, closing = '<script id="__STATE__" type="application/json">', "</script>\n"
    room = size - len(opening) - len(closing) - 2
    items: list[str] = []
    used = 0
    pool = _teaser_pool()
    k = i
    while used < room:
        title, section = pool[k % len(pool)]
        entry = json.dumps(
            {
                "id": 900_000 + k,
                "t": title,
                "s": section,
                "img": f"/media/{k % 997}/teaser.jpg",
                "ad": rng.choice(("none", "native", "billboard")),
            },
            ensure_ascii=False,
            separators=(",", ":"),
        )
        items.append(entry)
        used += len(entry.encode("utf-8")) + 1
        k += 1
    return f"{opening}[{','.join(items)}]{closing}"


@lru_cache(maxsize=1)
def _teaser_pool() -> tuple[tuple[str, str], ...]:
    """Teaser data for the state blob, generated once: pages are built on every request."""
    return tuple((bench_title(10**7 + k), bench_section(10**7 + k)[1]) for k in range(256))
