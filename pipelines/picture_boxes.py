"""The box around a picture that holds only its caption and credit lines, removed before
extraction: a picture's furniture, not the article's text."""

from __future__ import annotations

import itertools
import re

import lxml.html

from crawler.model.types import DroppedLine
from pipelines.clean import classify_line
from pipelines.clean_rules import Rule
from pipelines.credits import beside_picture_counter
from pipelines.listings import br_lines, has_words
from pipelines.tables import caption_row, picture_table
from pipelines.tree import (
    ITALIC_TAGS,
    SENTENCE_END_RE,
    MarkWords,
    all_bold,
    collapse,
    shorten,
    text_of,
)

# A picture's box: its caption and credit, never a paragraph, list or heading.
_PICTURE_BOX_MAX_WORDS = 25
_SLIDE_MAX_WORDS = 40
# The class of a caption's paragraph: "bildtext", "bildunterschrift", "caption", "legende",
# "image-desc", "bu", "pic" (a word of its own).
_CAPTION_MARK_RE = MarkWords(
    r"caption|bildtext|bildunterschrift|legende|legend|picdesc|(?:img|image|pic|photo|foto|bild)"
    r"[-_]?(?:desc|text|unterschrift|cap)|(?:^|[-_\s])(?:bu|pic)(?:$|[-_\s])"
)
_CAPTION_MAX_BLOCKS = 2
# The boxes a picture and its caption sit in: a <div>, or a table laying them out.
_PICTURE_BOXES = frozenset(("div", "table"))
_TEXT_BLOCK_TAGS = ("p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "table")


def drop_picture_boxes(tree: lxml.html.HtmlElement) -> list[DroppedLine]:
    """Remove the box around a picture that holds only its caption and credit lines: the
    nearest <div> (or layout table, `picture_table`) around an <img> (within two levels) with
    a few words, no sentence, no paragraph, list or heading of its own, or only the caption's
    paragraphs closed by the credit (after a <br> or in a paragraph of its own); a gallery's
    slide holds its caption even as a sentence, as do a box opened by the picture's credit
    ("Bericht und Bild: A") and a table's row under the picture's (`caption_row`). A lead set
    beside the picture is a sentence and keeps its box."""
    dropped: list[DroppedLine] = []
    for image in list(tree.iter("img")):
        caption = _caption_after(image)
        if caption is not None:
            dropped.append(DroppedLine(text=shorten(caption), rule=str(Rule.CREDIT_CAPTION)))
            continue
        # A gallery's slide, the box of a picture counter beside its picture, holds only the
        # picture's caption, a sentence or two.
        slide = _gallery_slide(image)
        divs = (a for a in itertools.islice(image.iterancestors(), 3) if a.tag in _PICTURE_BOXES)
        box = slide if slide is not None else next(divs, None)
        parent = box.getparent() if box is not None else None
        if box is None or parent is None or (box.tag == "table" and not picture_table(box)):
            continue
        blocks = [b for b in itertools.islice(box.iter(*_TEXT_BLOCK_TAGS), 5) if b is not box][:4]
        # A gallery's slide, or paragraphs marked as the caption ("<p class='bildtext'>"), hold
        # the picture's caption even as a sentence.
        is_slide = (slide is not None and len(blocks) <= 2) or _marked_captions(blocks)
        if blocks and not is_slide and not _is_caption_blocks(blocks):
            continue
        text = collapse(text_of(box))
        words = len(text.split())
        if (
            not 1 <= words <= (_SLIDE_MAX_WORDS if is_slide else _PICTURE_BOX_MAX_WORDS)
            or (
                not is_slide
                and SENTENCE_END_RE.search(text)
                and not (_opens_with_credit(box) or caption_row(box, image))
            )
            or not has_words(parent, words * 3)
        ):
            continue
        box.drop_tree()
        dropped.append(DroppedLine(text=shorten(text), rule=str(Rule.CREDIT_CAPTION)))
    return dropped


def _marked_captions(blocks: list[lxml.html.HtmlElement]) -> bool:
    """True for a paragraph or two whose class marks each as the picture's caption."""
    return 0 < len(blocks) <= _CAPTION_MAX_BLOCKS and all(
        block.tag == "p" and _CAPTION_MARK_RE.search(block.get("class") or "") for block in blocks
    )


def _gallery_slide(image: lxml.html.HtmlElement) -> lxml.html.HtmlElement | None:
    """The box of a picture beside a gallery's picture counter ("Bild 1 von 6"), or of its
    holder beside one; None for another picture."""
    holder = image.getparent()
    for element in (image, holder):
        if element is not None and beside_picture_counter(element):
            return element.getparent()
    return None


# A picture's credit, maybe shared with the text's: "Foto: A", "Bericht und Bild: A",
# "Text/Fotos: A".
_PICTURE_CREDIT_LEAD_RE = re.compile(
    r"^(?:[A-ZÄÖÜ]\w*\s*(?:und|&|\+|/)\s*)?(?:Fotos?|Bild(?:er)?)\s*:\s*\S", re.IGNORECASE
)


def _opens_with_credit(box: lxml.html.HtmlElement) -> bool:
    """True when the first words of a picture's box are its credit, in an element of their own
    or ended by a <br>: the caption under it, a sentence or not, is no lead."""
    first = next((collapse(piece) for piece in box.itertext() if piece.strip()), "")
    return bool(_PICTURE_CREDIT_LEAD_RE.match(first))


def _is_caption_blocks(blocks: list[lxml.html.HtmlElement]) -> bool:
    """A caption's paragraph closed by the credit after a <br>, or a caption's paragraph or two
    followed by the credit's own paragraph ("<p>Caption.</p><p>Foto: Name</p>")."""
    if len(blocks) == 1:
        return _is_credited_caption(blocks[0])
    return (
        len(blocks) <= 3
        and all(block.tag == "p" for block in blocks)
        and classify_line(collapse(text_of(blocks[-1]))) == Rule.CREDIT_IMAGE
    )


def _is_credited_caption(block: lxml.html.HtmlElement) -> bool:
    """A caption's paragraph: a line or two, then the picture's credit after a <br>, or the
    credit first ("Text und Foto: A<br>Caption.")."""
    lines = br_lines(block) if block.tag == "p" else []
    return 2 <= len(lines) <= 3 and (
        classify_line(lines[-1]) == Rule.CREDIT_IMAGE
        or _PICTURE_CREDIT_LEAD_RE.match(lines[0]) is not None
    )


def _caption_after(image: lxml.html.HtmlElement) -> str | None:
    """Remove the caption printed as the paragraph after a paragraph holding only the picture,
    set like it ("<p align=center><img></p><p align=center>Caption</p>", a "<center>" holder
    too) or all in italics
    ("<p><em>Caption.</em></p>"), or in the picture's own paragraph after a line break
    ("<p><img><br><font size=1>Caption</font></p>"); return its text. A paragraph of the text
    after a picture is set like the text, or is a sentence (a caption's sentence is set unlike
    the paragraph after it)."""
    holder = image.getparent()
    marked = _marked_caption_after(image, holder)
    if marked is None:
        marked = _italic_line_after(image)
    if marked is not None:
        return marked
    if holder is None or holder.tag not in ("p", "center"):
        return None
    if holder.tag == "p" and len(holder) > 2 and holder[0] is image and holder[1].tag == "br":
        text = collapse(text_of(holder))
        opening = (holder.text or "") + (image.tail or "")
        pictures = sum(1 for _ in holder.iter("img"))
        if opening.strip() or pictures > 1 or SENTENCE_END_RE.search(text):
            return None
        if not 1 <= len(text.split()) <= _PICTURE_BOX_MAX_WORDS:
            return None
        holder.drop_tree()
        return text
    if len(holder) != 1 or collapse(text_of(holder)):
        return None
    caption = holder.getnext()
    if caption is None or caption.tag != "p":
        return None
    # A paragraph all in italics under the picture is set apart as its caption, a sentence too.
    italic = all_bold(caption, ITALIC_TAGS)
    looks = {key: value for key, value in holder.attrib.items() if key in _SET_ATTRIBUTES}
    if holder.tag == "center":  # "<center><img></center><p align=center>Caption</p>"
        looks = {"align": "center"}
    if not italic and (
        not looks
        or (len(caption) and not _in_one_font(caption))
        or {k: v for k, v in caption.attrib.items() if k in _SET_ATTRIBUTES} != looks
    ):
        return None
    text = collapse(text_of(caption))
    if not 1 <= len(text.split()) <= _PICTURE_BOX_MAX_WORDS or (
        not italic and SENTENCE_END_RE.search(text) and not _set_unlike_next(caption, looks)
    ):
        return None
    caption.drop_tree()
    return text


def _set_unlike_next(caption: lxml.html.HtmlElement, looks: dict[str, str]) -> bool:
    """Whether `caption` and the picture are centred alike (`looks`: no class) and the paragraph
    after it is set otherwise: the text's, so a sentence centred under the centred picture is
    its caption ("<p style='text-align:center'><img></p><p style='text-align:center'>Caption.
    </p><p>Text</p>"). In a text centred all alike, or under a class the text's paragraphs may
    share, a sentence under the picture may be the text's."""
    after = caption.getnext()
    return (
        "class" not in looks
        and "center" in " ".join(looks.values()).casefold()
        and after is not None
        and after.tag == "p"
        and bool(collapse(text_of(after)))
        and {k: v for k, v in after.attrib.items() if k in _SET_ATTRIBUTES} != looks
    )


def _in_one_font(paragraph: lxml.html.HtmlElement) -> bool:
    """A paragraph whose text is all in one <font> ("<p><font color=grey>Caption</font></p>")."""
    return (
        len(paragraph) == 1
        and paragraph[0].tag == "font"
        and not (paragraph.text or "").strip()
        and not (paragraph[0].tail or "").strip()
    )


def _marked_caption_after(
    image: lxml.html.HtmlElement, holder: lxml.html.HtmlElement | None
) -> str | None:
    """Remove the paragraph right after the picture (or after the paragraph or <center> holding
    only it) whose class marks it as the caption ("<img><p class='legende'>Caption.</p>"), a
    sentence too; return its text. A paragraph of the text after a picture carries no such
    mark."""
    picture = image
    if holder is not None and holder.tag in ("p", "center") and len(holder) == 1:
        if collapse(text_of(holder)):
            return None
        picture = holder
    if (picture.tail or "").strip():
        return None
    caption = picture.getnext()
    if (
        caption is None
        or caption.tag != "p"
        or not _CAPTION_MARK_RE.search(caption.get("class") or "")
    ):
        return None
    text = collapse(text_of(caption))
    if not 1 <= len(text.split()) <= _SLIDE_MAX_WORDS:
        return None
    caption.drop_tree()
    return text


# The inline holders of a caption's italics: "<font size=1><i>Caption.</i></font>".
_CAPTION_FONT_TAGS = frozenset(("font", "small", "span"))


def _italic_line_after(image: lxml.html.HtmlElement) -> str | None:
    """Remove the line in italics right after the picture and its line break, a line of its
    own ("<img><br><i>Caption.</i><br>", in a small <font> too), a sentence too; return its
    text. A line of the text runs on after it, and a picture's credit stays for the credits."""
    if (image.tail or "").strip():
        return None
    brk = image.getnext()
    if brk is None or brk.tag != "br" or (brk.tail or "").strip():
        return None
    line = brk.getnext()
    if line is None or (line.tail or "").strip():
        return None
    inner = line
    if line.tag in _CAPTION_FONT_TAGS and len(line) == 1 and not (line.text or "").strip():
        inner = line[0]
        if (inner.tail or "").strip():
            return None
    after = line.getnext()
    if inner.tag not in ITALIC_TAGS or (after is not None and after.tag != "br"):
        return None
    text = collapse(text_of(line))
    if not 1 <= len(text.split()) <= _PICTURE_BOX_MAX_WORDS or _PICTURE_CREDIT_LEAD_RE.match(text):
        return None
    line.drop_tree()
    return text


# The attributes that set a paragraph apart from the text's: its class, style and alignment.
_SET_ATTRIBUTES = frozenset(("class", "style", "align"))
