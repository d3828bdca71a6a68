"""Tables that hold no data: tables laying out the page, read as plain blocks; tables of an
item's header before its text ("label | value" rows before the headline, an agency's service
row of the item's number, section and time); a finance portal's quote box beside it; and the
source line printed under a table of the text."""

from __future__ import annotations

import re

import lxml.html

from crawler.model.dates import classify_date_line
from crawler.model.types import DroppedLine
from pipelines.box_lines import INFO_LABELS
from pipelines.clean_rules import Rule
from pipelines.issue_lines import WIRE_HEADER_RE
from pipelines.link_tables import drop_related_links_table
from pipelines.listings import br_text, has_words
from pipelines.notices import ISSUE_LINE_RE
from pipelines.tree import SENTENCE_END_RE, collapse, shorten, text_of


def drop_header_tables(h1: lxml.html.HtmlElement) -> list[DroppedLine]:
    """Remove a table of "label | value" rows right before the headline: the item's header
    (service, receipt time, embargo, version), as an agency or archive portal prints it; one
    right after it whose labels are the item's own data (author, date, source, section:
    `INFO_LABELS`); and a service row before the text (`_is_service_row`)."""
    dropped: list[DroppedLine] = []
    top = h1
    while (parent := top.getparent()) is not None:
        top = parent
    if next(top.iter("table"), None) is None:
        return dropped  # no table in the headline's tree: the XPath below walks all of it
    siblings = list(h1.itersiblings("table", preceding=True))
    # A service row may sit in a box of the page's header, or between the headline and text.
    after = h1.getnext()
    before = h1.xpath("preceding::table")
    service = [*before, *([after] if after is not None else [])]
    for table in dict.fromkeys([*siblings, *service]):
        rows = table.xpath("tr|*/tr")
        cells = [[cell.tag for cell in row.iterchildren("th", "td")] for row in rows]
        label_rows = all(tags == ["th", "td"] for tags in cells)
        if (
            # Before the headline, "Datum: | 28.04.2025" rows in plain cells label its data too.
            (
                table in siblings
                and len(rows) >= 2
                and (label_rows or (all(len(tags) == 2 for tags in cells) and _info_rows(rows)))
            )
            or (table is after and table.tag == "table" and label_rows and _info_rows(rows))
            or (
                table is after and table.tag == "table" and len(rows) == 1 and _is_info_row(rows[0])
            )
            or (table.tag == "table" and len(rows) == 1 and _is_service_row(rows[0]))
            or (table in before and len(rows) == 1 and _is_masthead_row(rows[0]))
        ):
            text = " · ".join(collapse(" ".join(row.itertext())) for row in rows)
            table.drop_tree()
            dropped.append(DroppedLine(text=shorten(text), rule=str(Rule.STATS_BOX)))
    return dropped


def _info_rows(rows: list[lxml.html.HtmlElement]) -> bool:
    """True when every row's label is one of an item's info box ("Autor", "Publiziert")."""
    return bool(rows) and all(
        collapse(text_of(row[0])).casefold().rstrip(": ") in INFO_LABELS for row in rows
    )


# An item's number in a service row: "Meldung Nr. 88213", "Nr. 4711/2026", "ID: A-2207",
# "Meldungs-ID 5521", "Item #318".
_ITEM_NUMBER_RE = re.compile(
    r"^(?:[A-ZÄÖÜ][\w-]*\s+)?(?:Nr\.|No\.|Nummer|[\w-]*ID|#)\s*:?\s*#?[A-Z]{0,3}-?\d[\w/.-]*$"
)


# The items of an info row in one cell, parted by a run of spaces (often `&nbsp;`) or a mark.
_INFO_ITEMS_SPLIT_RE = re.compile(r"\s{2,}|\s+[|·•]\s+")
_INFO_ITEM_RE = re.compile(r"^(?P<label>[A-ZÄÖÜ][\w ]{1,25}?)\s*:\s*\S")


def _is_info_row(row: lxml.html.HtmlElement) -> bool:
    """True for a row of one cell under the headline holding the item's date and its labelled
    data, parted by runs of spaces or marks ("2024-11-05 15:42 &nbsp;&nbsp; Quelle: X &nbsp;
    &nbsp; Autor: A"): each item a date or a value after a label of `INFO_LABELS`, one a date
    and one labelled. A row of a data table holds values, no such labels."""
    cells = list(row.iterchildren("th", "td"))
    if len(cells) != 1:
        return False
    items = _INFO_ITEMS_SPLIT_RE.split("".join(cells[0].itertext()).strip())
    if not 2 <= len(items) <= 6:
        return False
    kinds = []
    for item in items:
        label = _INFO_ITEM_RE.match(item)
        if classify_date_line(item):
            kinds.append("date")
        elif label is not None and label.group("label").casefold() in INFO_LABELS:
            kinds.append("label")
        else:
            return False
    return {"label", "date"} <= set(kinds)


def _is_service_row(row: lxml.html.HtmlElement) -> bool:
    """True for a row of an agency's service data: the item's number and its date or time, with
    at most a section word or two beside them ("Meldung Nr. 88213 | Politik | 01.12.2026 08:45
    MEZ"). A row of data (a result, a price, an event's date and place) numbers no item."""
    kinds = [
        "number"
        if _ITEM_NUMBER_RE.match(cell)
        else "date"
        if classify_date_line(cell)
        else "section"
        if 1 <= len(cell.split()) <= 2 and not any(map(str.isdigit, cell))
        else None
        for cell in (collapse(text_of(cell)) for cell in row.iterchildren("th", "td"))
    ]
    return None not in kinds and {"number", "date"} <= set(kinds) and len(kinds) <= 6


# A masthead's most words: the site's name and its claim.
_MASTHEAD_MAX_WORDS = 15


def _is_masthead_row(row: lxml.html.HtmlElement) -> bool:
    """True for a row of one cell before the headline opened by a link to the site's start
    page, its name, with at most a claim after it and no sentence ("<td><a href='/'>Site</a>
    <br><span>Amtsblatt für …</span></td>"): the page's masthead."""
    cells = list(row.iterchildren("th", "td"))
    if len(cells) != 1 or (cells[0].text or "").strip() or not len(cells[0]):
        return False
    link = cells[0][0]
    if link.tag != "a" or (link.get("href") or "").split("index.", 1)[0] not in ("/", "./"):
        return False
    text = collapse(text_of(cells[0]))
    return 0 < len(text.split()) <= _MASTHEAD_MAX_WORDS and not SENTENCE_END_RE.search(text)


_LAYOUT_CELL_TAGS = ("table", "tbody", "thead", "tfoot", "tr", "td", "th")


def unwrap_layout_tables(
    tree: lxml.html.HtmlElement, headline: lxml.html.HtmlElement | None = None
) -> list[DroppedLine]:
    """Turn a table that lays out the page into plain blocks: a table holding the headline (an
    <h1>, or the <h2> that `headline` is), or a cell holding a container of paragraphs, a long
    text or a text of paragraphs parted by blank lines (<br><br>). trafilatura keeps a table as
    one row of cells joined on a line, which glues the page's header, text and footer into one
    line the line rules cannot take apart; a table of data holds none of them. The side columns
    beside the headline's cell go first (`_drop_side_columns`).
    """
    holding = set(headline.iterancestors("table")) if headline is not None else set()
    dropped = _drop_side_columns(headline, holding) if headline is not None else []
    for table in list(tree.iter("table")):
        if not (table in holding or _is_layout_table(table) or _holds_text_cell(table)):
            # A teaser's list of links in a table of its own after the text.
            dropped.extend(drop_related_links_table(table))
            continue
        # The table's own rows and cells, not those of a data table inside one of its cells.
        own = [
            element
            for element in table.iter(*_LAYOUT_CELL_TAGS[1:])
            if next(element.iterancestors("table"), None) is table
        ]
        for element in [table, *own]:
            element.tag = "div"
            element.attrib.pop("width", None)
    return dropped


# A side column holds at most this share of the words of the headline's cell beside it.
_SIDE_COLUMN_SHARE = 4


def _drop_side_columns(
    headline: lxml.html.HtmlElement, holding: set[lxml.html.HtmlElement]
) -> list[DroppedLine]:
    """Remove the cells beside the one holding the headline and its text in a row of a table
    laying out the page: its menu, boxes of the issue, deadlines, dates and ads ("<td
    class='links'>Aktuelle Ausgabe<br>KW 38</td><td>headline, text</td><td>Termine …
    Anzeige</td>"). A cell beside it with a fair share of its words may hold the text itself
    (the headline's cell holding little more than the headline) and stays."""
    dropped: list[DroppedLine] = []
    for cell in headline.iterancestors("td", "th"):
        table = next(cell.iterancestors("table"), None)
        row = cell.getparent()
        if table not in holding or row is None or len(row) < 2:
            continue
        words = len(text_of(cell).split())
        for side in row.iterchildren("td", "th"):
            if side is cell or has_words(side, words // _SIDE_COLUMN_SHARE + 1):
                continue
            text = collapse(text_of(side))
            side.drop_tree()
            if text:
                dropped.append(DroppedLine(text=shorten(text), rule=str(Rule.SIDE_COLUMN)))
    return dropped


def _is_layout_table(table: lxml.html.HtmlElement) -> bool:
    if next(table.iter("h1"), None) is not None:
        return True
    cells = [collapse(text_of(cell)) for cell in table.iter("td", "th")]
    if (
        len(table.findall(".//tr")) == 1
        and len(cells) >= 2
        and all(
            ISSUE_LINE_RE.match(cell) or WIRE_HEADER_RE.match(cell) or classify_date_line(cell)
            for cell in cells
        )
    ):
        # A row of the issue's number and day ("Gemeindebrief Ausgabe 23/2026",
        # "Erscheinungstag: 27. November 2026") or a wire item's ("dpa-Landesdienst Nord ·
        # Meldung 0412", "06.03.2026 11:47 Uhr", "Priorität 4"): the page's header, not data.
        return True
    return any(
        len(container.findall("p")) >= _LAYOUT_CELL_PARAGRAPHS
        for cell in table.iter("td", "th")
        for container in (cell, *cell.iterchildren("div", "article", "section"))
    )


# A cell of a data table holds a value or two; a cell holding this many paragraphs holds a text.
_LAYOUT_CELL_PARAGRAPHS = 3
# A paragraph of a text parted by blank lines: a sentence of this many words or more.
_BR_PARAGRAPH_WORDS = 8
# A cell of this many words holds a text, whatever parts it; a data table's cell holds a value.
_LAYOUT_CELL_WORDS = 150
# A <br> marked as a character no text holds (the record separator), and two of them with
# nothing but white space between them: a blank line.
_BREAK_MARK = "\x1e"
_BLANK_LINE_RE = re.compile(rf"{_BREAK_MARK}\s*{_BREAK_MARK}")


def _holds_text_cell(table: lxml.html.HtmlElement) -> bool:
    """True when a cell of the table holds a long text, or a text of paragraphs parted by blank
    lines ("…sentence.<br><br>Next paragraph…"), as an old CMS prints an article in its layout."""
    for cell in table.iter("td", "th"):
        if len(text_of(cell).split()) >= _LAYOUT_CELL_WORDS:
            return True
        if cell.find(".//br") is None:
            continue
        parts = _BLANK_LINE_RE.split(br_text(cell, _BREAK_MARK))
        paragraphs = [
            part
            for part in map(collapse, parts)
            if len(part.split()) >= _BR_PARAGRAPH_WORDS and SENTENCE_END_RE.search(part)
        ]
        if len(paragraphs) >= _LAYOUT_CELL_PARAGRAPHS:
            return True
    return False


# A quote box's row: a security's name, its price (perhaps with its currency) and its change in
# percent, signed ("Rheinmark Industrie AG | 48,62 EUR | +3,14%").
_PRICE_RE = re.compile(r"^\d{1,3}(?:[.'’]\d{3})*(?:,\d{1,4})?\s*(?:EUR|€|USD|\$|CHF|Pkt\.?)?$")
_CHANGE_RE = re.compile(r"^[+\-−±]\s?\d{1,3}(?:[.,]\d{1,3})?\s?%$")
_QUOTE_ROWS_MAX = 6
_QUOTE_BOX_MAX_WORDS = 12


# A results widget's table, and the words of its heading and of its link to the full version.
_WIDGET_ROWS_MAX = 12
_WIDGET_LABEL_MAX_WORDS = 8
_WIDGET_LINK_MAX_WORDS = 4
_HEADING_TAGS = frozenset(("h2", "h3", "h4", "h5", "h6"))


def drop_quote_boxes(tree: lxml.html.HtmlElement) -> list[DroppedLine]:
    """Remove a finance portal's quote box: a table whose every row is a security's quote (its
    name, price and signed change in percent), without a header row, in a box of its own that
    holds nothing else but a label or a button ("Werte im Artikel", "Jetzt kaufen"). A table of
    prices in the text sits among its paragraphs, and one of data has a header row. Remove a
    results or standings widget too (`_is_results_widget`), and a data table's source line
    (`_drop_source_line`), in the same walk over the tables."""
    dropped: list[DroppedLine] = []
    for table in list(tree.iter("table")):
        dropped.extend(_drop_source_line(table))
        rows = table.xpath("tr|*/tr")
        box = table.getparent()
        if not 1 <= len(rows) <= _WIDGET_ROWS_MAX or box is None or box.tag != "div":
            continue
        if not _is_results_widget(box, table):
            if len(rows) > _QUOTE_ROWS_MAX or next(table.iter("th"), None) is not None:
                continue
            if not all(map(_is_quote_row, rows)):
                continue
            beside = [collapse(text_of(child)) for child in box if child is not table]
            words = len(" ".join((*beside, collapse(box.text), collapse(table.tail))).split())
            if len(beside) > 2 or words > _QUOTE_BOX_MAX_WORDS:
                continue
        text = collapse(" ".join(box.itertext()))
        box.drop_tree()
        dropped.append(DroppedLine(text=shorten(text), rule=str(Rule.STATS_BOX)))
    return dropped


# A table's source line: "Quelle: Unternehmensangaben", "Daten: Statistisches Landesamt",
# "Datenquelle: Destatis; eigene Berechnung" (a label, then a few words naming the source).
_TABLE_SOURCE_RE = re.compile(
    r"^(?:Quellen?|Daten|Datenquellen?|Datenbasis|Quellenangabe|Sources?)\s*:\s*[^\s:]"
    r"(?:[^.!?]|\.(?=\S))*\.?$",
    re.IGNORECASE,
)
_TABLE_SOURCE_MAX_WORDS = 12
_SOURCE_LINE_TAGS = frozenset(("p", "div", "small", "span", "figcaption", "em"))


def _drop_source_line(table: lxml.html.HtmlElement) -> list[DroppedLine]:
    """Remove the line right under a data table that names its figures' source ("<table>…
    </table><p class='table-source'>Quelle: Unternehmensangaben</p>"): it belongs to the
    table, as a caption to its picture. The same line standing among paragraphs, away from a
    table, names a figure's source in the text and stays (a rule of the cleaning)."""
    if (table.tail or "").strip() or next(table.iter("td"), None) is None:
        return []
    below, wrapper = table.getnext(), table.getparent()
    if below is None and wrapper is not None and wrapper.tag in ("div", "figure"):
        # A table alone in its wrapper: the line under the wrapper is under the table.
        alone = not (wrapper.text or "").strip() and len(wrapper) == 1
        below = wrapper.getnext() if alone and not (wrapper.tail or "").strip() else None
    if below is None or below.tag not in _SOURCE_LINE_TAGS or len(below.text_content()) > 160:
        return []
    text = collapse(text_of(below))
    if len(text.split()) > _TABLE_SOURCE_MAX_WORDS or not _TABLE_SOURCE_RE.match(text):
        return []
    below.drop_tree()
    return [DroppedLine(text=text, rule=str(Rule.CITATION))]


def _is_results_widget(box: lxml.html.HtmlElement, table: lxml.html.HtmlElement) -> bool:
    """True for a box of a heading, the table and a link of a few words to its full version,
    nothing else ("<h3>Gesamtwertung</h3><table>…</table><a>Alle Ergebnisse</a>"): a results or
    standings widget beside the text. A table of the text closes with no such link."""
    children = [child for child in box if isinstance(child.tag, str)]
    if len(children) != 3 or children[1] is not table or children[0].tag not in _HEADING_TAGS:
        return False
    label, link = collapse(text_of(children[0])), collapse(text_of(children[2]))
    anchor = children[2] if children[2].tag == "a" else children[2].find(".//a")
    return (
        0 < len(label.split()) <= _WIDGET_LABEL_MAX_WORDS
        and not SENTENCE_END_RE.search(label)
        and anchor is not None
        and collapse(text_of(anchor)) == link
        and 0 < len(link.split()) <= _WIDGET_LINK_MAX_WORDS
    )


def _is_quote_row(row: lxml.html.HtmlElement) -> bool:
    cells = [collapse(text_of(cell)) for cell in row.iterchildren("td")]
    return (
        len(cells) == 3
        and not any(map(str.isdigit, cells[0][:1]))
        and _PRICE_RE.match(cells[1]) is not None
        and _CHANGE_RE.match(cells[2]) is not None
    )


def picture_table(table: lxml.html.HtmlElement) -> bool:
    """A table laying out a picture over its caption: a cell a row ("<tr><td><img></td></tr>
    <tr><td>Caption</td></tr>"); a table of data with pictures in it has rows of cells."""
    return all(len(row) == 1 for row in table.iter("tr"))


def caption_row(table: lxml.html.HtmlElement, image: lxml.html.HtmlElement) -> bool:
    """True when a picture table (`picture_table`) holds its text in rows under the picture's
    row, which holds nothing else: the picture's caption set apart, a sentence too. A lead
    beside a picture shares its block."""
    rows = list(table.iter("tr"))
    return len(rows) >= 2 and image in rows[0].iter("img") and not text_of(rows[0]).strip()
