"""Lines set apart after an article's text that name its writer: a signature in italics or
flush right ("<p><i>Herta Kofler</i></p>", "Mag.a A/APA"), an italic note on the writer ("* Dr.
A ist …")."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator

import lxml.html

from pipelines.byline_lines import NOTE_VERBS, SENTENCE_BREAK_RE
from pipelines.clean import classify_line
from pipelines.clean_rules import is_tool_bar
from pipelines.names import split_credits
from pipelines.offices import ACADEMIC_TITLE_RE, DEGREE, PERSON_NAME, SIGNING_INITIALS, signed_for
from pipelines.tree import collapse, text_of

# A note on the author of one or two sentences, after the name.
AUTHOR_BOX_MAX_WORDS = 50
# A note's subject, the name, and its verb: "A ist freier Publizist", "A, 42, lebt in Köln",
# "A is a science writer".
BIO_SUBJECT_RE = re.compile(
    rf"^(?P<name>{PERSON_NAME})"
    rf"(?=(?:,\s*\d{{2}},)?\s+{NOTE_VERBS}\b)"
)
# A word opening a sentence's subject that is no name: an article, a possessive, a
# demonstrative.
DETERMINER_RE = re.compile(
    r"(?:Der|Die|Das|Den|Dem|Des|Ein|Eine|Einen|Einem|Ihr|Ihre|Sein|Seine|Unser|Unsere|Dies"
    r"|Diese|Dieser|Dieses|The|A|An|His|Her|Their|This|That)\b"
)
# A paragraph's style setting it flush right.
_RIGHT_ALIGNED_RE = re.compile(r"text-align\s*:\s*(?:right|end)\b", re.IGNORECASE)
# A paragraph's class setting it flush right: WordPress's "has-text-align-right", Bootstrap's
# "text-right", "text-end".
_RIGHT_ALIGNED_CLASS_RE = re.compile(r"(?:^|\s)(?:has-)?text-(?:align-)?(?:right|end)(?:\s|$)")
# A signature's class.
_SIGNATURE_CLASS_RE = re.compile(r"(?:^|\s)(?:signature|signatur|unterschrift)(?:\s|$)", re.I)
# The signer's office or seat after the name and a comma: "A, Pfarrerin", "A, 1. Vorsitzender".
_AFTER_COMMA_RE = re.compile(r",\s+(?:\d{1,2}\.\s*)?[A-ZÄÖÜ][\w.-]*(?:\s+[^\s\d(),;:]+){0,3}$")
_SIGNING_INITIALS_RE = re.compile(rf"^{SIGNING_INITIALS}")
_SUFFIXES_RE = re.compile(rf"(?:,?\s+{DEGREE})+$")


def is_name(text: str, site_keys: frozenset[str]) -> bool:
    """True when `text` is one person's name, whole (see `pipelines.names.split_credits`)."""
    return split_credits([text], site_keys)[0] == (text,)


def paragraphs_before(element: lxml.html.HtmlElement) -> Iterator[lxml.html.HtmlElement]:
    """The paragraphs before an element, nearest first: its preceding sibling paragraphs and
    those of a preceding sibling box, the text's container the credit box follows."""
    for sibling in element.itersiblings(preceding=True):
        if sibling.tag == "p":
            yield sibling
        elif isinstance(sibling.tag, str):
            yield from reversed(sibling.findall("p"))


def _furniture_line(text: str) -> bool:
    return is_tool_bar(text) or (len(text) <= 160 and classify_line(text) is not None)


def set_apart_lines(
    tree: lxml.html.HtmlElement, site_keys: frozenset[str]
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The name a text is signed with on a line set apart, and the writer an italic note after
    the text names (see `_italic_note_writer`), in one walk of the page.

    The signature: a paragraph holding only an <i> or <em> with a name ("<p><i>Herta
    Kofler</i></p>"), or a right-aligned one holding a name, maybe after the writer's initials
    in brackets ("(hk) Herta Kofler"), maybe for the body the writer signs for ("Herta Kofler
    für den Pfarrgemeinderat"); after two paragraphs of text and before no other (a bar of
    tools may follow). Or such an italic name opening the text, before two paragraphs of it
    ("<p><em>Sr. A OSF</em></p>"): the writer's byline."""
    noted: tuple[str, ...] = ()
    for paragraph in tree.iter("p", "div"):
        # Its first <i> or <em> child, the other children passed over in C.
        italic = next(paragraph.iterchildren("i", "em"), None)
        # A superscript inside is part of the text: the Austrian "Mag.<sup>a</sup>".
        if italic is not None and all(child.tag == "sup" for child in italic):
            own = collapse(text_of(italic))
            if not noted and italic is paragraph[0] and not (paragraph.text or "").strip():
                noted = _italic_note_writer(paragraph, own, site_keys)
            if own != collapse(text_of(paragraph)):
                continue
            if len(own.split()) <= 6 and _opens_text(paragraph):
                people = _signing_name(own, site_keys)
                if people:
                    return people, noted
        elif (
            _RIGHT_ALIGNED_RE.search(paragraph.get("style") or "")
            or (paragraph.get("align") or "").casefold() == "right"
            or _RIGHT_ALIGNED_CLASS_RE.search(paragraph.get("class") or "")
            or (
                _SIGNATURE_CLASS_RE.search(paragraph.get("class") or "")
                # a signature of lines, the office under the name, is read from the lines
                and paragraph.find("br") is None
            )
        ):
            own = _SIGNING_INITIALS_RE.sub("", collapse(text_of(paragraph)))
        else:
            continue
        own = signed_for(own, site_keys, set_apart=True) or own
        following = paragraph.getnext()
        if not 2 <= len(own.split()) <= 4 or (
            following is not None
            and following.tag == "p"
            # A bar of tools under the signature ("Drucken | Weiterempfehlen") is no text, nor
            # a short note the cleaning drops ("Dieser Artikel erschien in der Ausgabe 3/2025").
            and not _furniture_line(collapse(text_of(following)))
        ):
            continue
        text_before = [
            p
            for p in itertools.islice(paragraph.itersiblings("p", preceding=True), 3)
            if len(text_of(p)) >= 80
        ]
        if len(text_before) >= 2 and (people := _signing_name(own, site_keys)):
            return people, noted
    return (), noted


def _opens_text(paragraph: lxml.html.HtmlElement) -> bool:
    """Whether two paragraphs of text follow `paragraph` and none comes before it; a paragraph
    holding only a picture between is none."""
    after = itertools.islice((p for p in paragraph.itersiblings("p") if text_of(p).strip()), 2)
    return sum(len(text_of(p)) >= 80 for p in after) == 2 and not any(
        len(text_of(p)) >= 80 for p in itertools.islice(paragraphs_before(paragraph), 3)
    )


def _signing_name(line: str, site_keys: frozenset[str]) -> tuple[str, ...]:
    """The writer a signature line names when it holds only the name, maybe after an academic
    or religious title, before the writer's order or seat ("Sr. A OSF", "A MdL") and the agency
    the writer works for: "Mag.a A/APA", "Dr. A"."""
    people, credited = split_credits([line], site_keys)
    if people == (line,):
        return people
    if "," in line:
        line = _AFTER_COMMA_RE.sub("", line, count=1)
        people, credited = split_credits([line], site_keys)
        if people == (line,):
            return people
    name = _SUFFIXES_RE.sub("", ACADEMIC_TITLE_RE.sub("", line, count=1))
    if credited:
        name = re.sub(r"\s*[/,]\s*[^/,]+$", "", name)
    return people if people == (name,) else ()


def _italic_note_writer(
    element: lxml.html.HtmlElement, note: str, site_keys: frozenset[str]
) -> tuple[str, ...]:
    """The writer an italic note opening an element after the text names, the subject of its
    one sentence, when the text before never names that person: a guest writer's ("<div><em>A
    ist Ortsvorsteherin von X.</em> Gastbeiträge geben nicht die Meinung der Redaktion
    wieder.</div>"). After two paragraphs of text and before no other; a note on a person the
    text is about (a portrait's, an interview's "B ist Professorin …") names that person in
    the text. The note may open with the asterisk of a footnote ("* Dr. A ist …"), and sit
    alone in a box of its own after the text's."""
    note = note.removeprefix("*").lstrip()
    subject = BIO_SUBJECT_RE.match(note)
    if (
        subject is None
        or len(note.split()) > AUTHOR_BOX_MAX_WORDS
        or note[-1:] not in ".!"
        # Counted after the name: an academic title's period ends no sentence.
        or len(SENTENCE_BREAK_RE.split(note[subject.end() :])) > 1
    ):
        return ()
    name = subject.group("name")
    people = split_credits([name], site_keys)[0]
    if len(people) == 1 and name.endswith(people[0]):
        name = people[0]  # without the title: "Dr. A"
    if DETERMINER_RE.match(name) or not is_name(name, site_keys):
        return ()
    parent = element.getparent()
    # A box holding only the note stands for it among the page's elements.
    while (
        element.getprevious() is None
        and element.getnext() is None
        and parent is not None
        and parent.tag == "div"
    ):
        element, parent = parent, parent.getparent()
    if any(len(text_of(p)) >= 80 for p in element.itersiblings("p")):
        return ()  # text follows the note
    text_before = [
        text
        for p in itertools.islice(paragraphs_before(element), 4)
        if len(text := text_of(p)) >= 80
    ]
    surname = name.split()[-1]
    if len(text_before) < 2 or any(surname in text for text in text_before):
        return ()
    return (name,)
