"""The seo_title: the metadata headline when it says something else than the visible one; a
topic before it ("Bildergalerie: …", "Site: …") is an affix to cut when it names a section,
the site or a label the page prints, else a kicker that makes another headline."""

from __future__ import annotations

import re

import lxml.html

from pipelines.host_spellings import spells_key
from pipelines.names import (
    TITLE_SEPARATOR_RE,
    TOPIC_PREFIX_RE,
    is_site_affix,
    normalise_field,
)
from pipelines.tree import text_key, text_of

# Question words and conjunctions that open a clause going on with a headline in lower case.
_CLAUSE_OPENERS = frozenset(
    (
        *("warum", "wieso", "weshalb", "wie", "was", "wer", "wo", "wann", "weil", "und", "aber"),
        *("doch", "why", "how", "what", "who", "where", "when", "and", "but"),
    )
)
# Any phrase before a colon and the headline, a long one too ("Forscherin X im Interview: …"),
# a score's or a time's colon inside it too ("Altenbrück – Eichenried 2:1: …").
_KICKER_PREFIX_RE = re.compile(r"^(?:[^:|]|(?<=\d):(?=\d)){2,}:\s+(?=\S)")
# A tabloid's kicker closes with an exclamation or a question mark ("Ausgebüxt! …", "SCHOCK IN
# DER CITY! …").
_EXCLAIMED_KICKER_RE = re.compile(r"^[^:|!?]{2,}[!?]+\s+(?=\S)")
# A keyword page's path ("/tag/spittal", "/schlagwort/verkehr"): its link names a topic.
_TAG_PATH_RE = re.compile(r"/(?:tags?|schlagw(?:ort|oerter|örter)e?|stichworte?)/", re.I)
# How many elements around the headline are searched for a printed topic label.
_LABEL_SCOPE = 80


def document_headline(
    document_title: str | None, metadata_title: str | None, raw: str | None
) -> str | None:
    """The <title> with its affixes cut (`document_title`), without a label it adds after the
    metadata headline (JSON-LD, og:title), and with the headline's last words back when the cut
    took them: a short part behind the site's separator may be the headline's own ("A: B –
    Kündigung unwirksam – Site", og:title "A: B – Kündigung unwirksam")."""
    title = without_site_label(document_title, metadata_title)
    if (
        title
        and metadata_title
        and len(metadata_title) > len(title)
        and metadata_title.startswith(title)
        and normalise_field(raw).startswith(metadata_title)
    ):
        return metadata_title
    return title


def without_site_label(document_title: str | None, metadata_title: str | None) -> str | None:
    """The <title> without a label it adds after the metadata headline: a <title> that is
    og:title or the JSON-LD headline and " - LABEL" after it, of four words at most and no
    sentence, carries the site's name there, however the name is written ("… - DER BOTE")."""
    if not document_title or not metadata_title or len(metadata_title.split()) < 3:
        return document_title
    if not document_title.startswith(metadata_title):
        return document_title
    separator = TITLE_SEPARATOR_RE.match(document_title, len(metadata_title))
    if separator is None:
        return document_title
    label = document_title[separator.end() :]
    if len(label.split()) <= 4 and label[:1].isupper() and not any(ch in label for ch in ".:!?"):
        return metadata_title
    return document_title


def without_topic(
    seo_title: str | None,
    title: str | None,
    h1: lxml.html.HtmlElement | None,
    site_keys: frozenset[str],
    sections: frozenset[str],
) -> str | None:
    """`seo_title` without a topic before the headline that is an affix, else as it is."""
    topic = TOPIC_PREFIX_RE.match(seo_title or "")
    if not seo_title or not topic:
        return seo_title
    label, rest = topic.group(1), seo_title[topic.end() :]
    # A section before the headline ("Bildergalerie: …", a link of the site's menu) is an
    # affix; so is a section's path, its first part a section ("Handball, 3. Liga: …"), and
    # the site's name as its host spells it ("Gemeinde Auheim: …" on gemeinde-auheim.de).
    parts = label.split(",")
    section = parts[0] if len(parts) <= 3 and all(len(p.split()) <= 3 for p in parts) else label
    if (
        text_key(section) in sections
        or (h1 is not None and _names_navigation(section, h1))
        or spells_key(text_key(label), site_keys)
    ):
        return seo_title_of(title, rest)
    # The same headline behind it: a rest of two words is no page type's title here.
    same = seo_title_of(title, rest) is None and (
        text_key(rest) == text_key(title or "")
        or len(TITLE_SEPARATOR_RE.sub(" ", rest).split()) > 2
    )
    if (same or _kicker_before_shortened(label, rest, h1, title)) and (
        (
            len(key := text_key(label)) >= 4
            and (any(key in site for site in site_keys) or is_site_affix(label, site_keys))
        )
        or (len(label.split()) <= 2 and _printed_as_label(label, h1))
    ):
        # The "topic" is the site's name, or the page prints it as a label of a word or two
        # (a topic, a series): the same headline behind it, or the <h1>'s own kicker before a
        # shortened headline. A kicker of more words ("Streit um das Freibad") says something
        # of its own: with it, another headline; so does a kicker before other words.
        return seo_title_of(title, rest)
    return seo_title


def _names_navigation(label: str, h1: lxml.html.HtmlElement) -> bool:
    """True when a link of the page's main navigation (its first <nav>, before the headline)
    says `label` and nothing more: a section of the site ("Nachrichtenticker"). A place in a
    regional menu after it, or in the footer's site map, may be the headline's topic."""
    key = text_key(label)
    if not key or len(label.split()) > 3:
        return False
    for element in h1.getroottree().getroot().iter():
        if element is h1:
            return False
        if element.tag == "nav":
            return any(text_key(text_of(link)) == key for link in element.iter("a"))
    return False


def _kicker_before_shortened(
    topic: str, rest: str, h1: lxml.html.HtmlElement | None, title: str | None
) -> bool:
    """True when `topic` opens the <h1> as its kicker (the headline is printed without it), or
    stands as a label of its own near it, and `rest` is the headline shortened: each of its
    words is one of the headline's ("Blaualgen: Kollmer See bleibt gesperrt" over "<h1>Blaualgen
    Kollmer See bleibt auch im Sommer gesperrt</h1>", or under "<span>Blaualgen</span>")."""
    if h1 is None or not title:
        return False
    key = text_key(topic)
    headline_words = {text_key(word) for word in title.split()}
    # A word of the headline put first ("Halberg: Maschinenbauer streicht …" over "Maschinenbauer
    # Halberg streicht …") is the headline's, no kicker.
    if text_key(title).startswith(key) or key in headline_words:
        return False
    if not text_key(text_of(h1)).startswith(key) and not _printed_as_label(topic, h1):
        return False
    if all(text_key(word) in headline_words for word in rest.split()):
        return True
    # A label printing the topic alone ("<p class=kicker>Transit</p>") over a headline
    # shortened in other words: the headline's words in its order, one of them put otherwise
    # ("EU prüft Lkw-Fahrverbote im Inntal" for "EU-Kommission nimmt Lkw-Fahrverbote im Inntal
    # ins Visier"); a rest in another order is other wording.
    return _in_headline_order(rest, title) and _printed_as_label(topic, h1, whole=True)


def _in_headline_order(rest: str, title: str) -> bool:
    """True when the words of `rest`, all but one, are the headline's or parts of its compounds,
    in the headline's order, and `rest` is no longer than it."""
    headline = [{text_key(word), *map(text_key, word.split("-"))} for word in title.split()]
    words = rest.split()
    position, replaced = 0, 0
    for word in map(text_key, words):
        found = next((i for i in range(position, len(headline)) if word in headline[i]), None)
        if found is None:
            replaced += 1
        else:
            position = found + 1
    return len(words) <= len(headline) and replaced <= 1 < len(words) - replaced


def _printed_as_label(topic: str, h1: lxml.html.HtmlElement | None, whole: bool = False) -> bool:
    """True when an element near the headline prints `topic` as its text (a kicker, a label
    above the headline), at its end, or (`whole`) alone. A keyword link after the headline
    (rel="tag" or a tag page's path, a WordPress tag line after the text) names a topic of the
    article, no label of its headline; a category's ("category tag", or "tag" over the
    headline) is one."""
    parent = h1.getparent() if h1 is not None else None
    if parent is None:
        return False
    scope = parent.getparent() if parent.getparent() is not None else parent
    key = text_key(topic)
    after = False
    for count, element in enumerate(scope.iter()):
        after = after or element is h1
        if count > _LABEL_SCOPE or not isinstance(element, lxml.html.HtmlElement):
            continue
        text = text_of(element)
        label = text_key(text)
        if len(text) <= 4 * len(topic) and key and (label == key if whole else label.endswith(key)):
            # Looked at only for a text that ends in the topic: a rare element.
            keyword = after and any(
                (
                    (link.get("rel") or "").strip().casefold() == "tag"
                    or _TAG_PATH_RE.search(link.get("href") or "")
                )
                and text_key(text_of(link)) == key
                for link in element.iter("a")
            )
            if not keyword:
                return True
    return False


def seo_title_of(title: str | None, metadata_title: str | None) -> str | None:
    """The metadata headline when it says something else than the visible one.

    The same words with a leftover label before or after them count as the same headline; the
    visible headline's own kicker before a colon ("Hitzeinseln: …"), which the metadata
    leaves out, does not. The same words parted by other marks ("A: B" for "A – B") are
    another wording of it; other quotation marks or dashes alone are the same one.
    """
    # A <title> of one or two words, its separators not counted, is the page type's ("News",
    # "Meldung anzeigen", "Handball - Berichte"): no headline.
    if (
        not title
        or not metadata_title
        or len(TITLE_SEPARATOR_RE.sub(" ", metadata_title).split()) < 3
    ):
        return None
    key, other = text_key(title), text_key(metadata_title)
    if not other:
        return None
    if key == other:
        same = title == metadata_title or _marks(title) == _marks(metadata_title)
        return None if same else metadata_title
    if key.endswith(other) and not _kicker_prefix(title, other):
        return None
    if other.startswith(key):
        return metadata_title if _continues_headline(title, metadata_title) else None
    # A topic before the headline ("Wallfahrt: …") makes another headline; so does a kicker of
    # three words or more behind a separator ("Hochschulen des Bundes - …"). A leftover label
    # does not (pipelines.metadata drops a topic the page prints as a label).
    if (
        other.endswith(key)
        and not _kicker_prefix(metadata_title, key, exclaimed_words=_KICKER_MIN_WORDS)
        and not _kicker_before(metadata_title, key)
    ):
        return None
    return metadata_title


_KICKER_MIN_WORDS = 3


def _kicker_prefix(headline: str, rest_key: str, exclaimed_words: int = 1) -> bool:
    """True when a kicker opens `headline` before the words `rest_key` it ends with: the
    kicker's mark stands before them, not inside them ("Aktuelle Meldungen - Schule: Rat vergibt
    Aufträge" over "Schule: Rat vergibt Aufträge" has none). One closed by an exclamation or a
    question mark counts from `exclaimed_words` words on: in the metadata headline, one of a
    word or two ("Strom-Schock! …") is the kicker the page prints as a label, as the one the
    <h1> holds."""
    for regex in (_KICKER_PREFIX_RE, _EXCLAIMED_KICKER_RE):
        match = regex.match(headline)
        if match is None or len(text_key(match.group(0))) + len(rest_key) > len(text_key(headline)):
            continue
        if regex is _KICKER_PREFIX_RE or len(match.group(0).split()) >= exclaimed_words:
            return True
    return False


def _kicker_before(metadata_title: str, key: str) -> bool:
    """True when a phrase of three words or more and a separator stand before the headline
    (`key`) in the metadata headline; a label of a word or two is an affix left in it, and so
    are parts behind more separators ("Amt - Pressemitteilungen - …")."""
    separator = TITLE_SEPARATOR_RE.search(metadata_title)
    return (
        separator is not None
        and text_key(metadata_title[separator.end() :]) == key
        and len(metadata_title[: separator.start()].split()) >= _KICKER_MIN_WORDS
    )


# Typographic variants of one mark: quotation marks and apostrophes, dashes, the ellipsis.
_MARK_SPELLINGS = str.maketrans(
    {**dict.fromkeys("„“”«»‚‘’‹›'", '"'), **dict.fromkeys("–—‒", "-"), "…": "..."}
)
# The marks before a headline's first word and after its last.
_OUTER_MARKS_RE = re.compile(r"^\W+|\W+$")
# Letters and digits (\w without "_"), and spaces: what is not a mark.
_NO_MARKS_RE = re.compile(r"[^\W_]+|\s+")


def _marks(text: str) -> str:
    """The punctuation between the words of `text` in order, one spelling for each mark's
    typographic variants; a mark closing the headline ("… 700 Euro!") is none between them."""
    inner = _OUTER_MARKS_RE.sub("", text.translate(_MARK_SPELLINGS))
    return _NO_MARKS_RE.sub("", inner)


def _continues_headline(title: str, metadata_title: str) -> bool:
    """True when the metadata headline is the visible one and a phrase after a colon or a dash
    ("…: Was Anleger jetzt wissen müssen", "… – Kritik zum Kinostart"): another headline. A
    label after "|", a byline ("- von A"), or parts behind more separators ("– Blog – Site")
    are affixes left in it."""
    words = metadata_title.split()
    count = len(title.split())
    if not 0 < count < len(words):
        return False
    rest = words[count:]
    if rest[0] in ("–", "—", "-"):
        rest = rest[1:]
    elif not words[count - 1].endswith(":"):
        return False
    phrase = " ".join(rest)
    first = next((ch for ch in phrase if ch.isalpha()), "")  # after a quotation mark, a number
    # A clause after a dash goes on with the sentence too ("… – warum die Läden schließen").
    opens = first.isupper() or rest[0].casefold() in _CLAUSE_OPENERS
    return len(rest) >= 3 and opens and not TITLE_SEPARATOR_RE.search(phrase)
