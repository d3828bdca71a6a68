"""Ground truth of every fixture article the demo web serves, as frozen data.

Each `FixtureArticle` holds what a perfect extractor returns for its page (title, body lines,
dates, authors, section, description, language) and the furniture ("junk") the page carries
around and inside the body, grouped in the five classes of /work/shared/seeds/README.md. The site
renderers build the pages from this same data, so the HTML and the ground truth cannot drift.

All German text here is written for the fixtures; people, towns and events are fictional.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta, timezone

CET = timezone(timedelta(hours=1), "CET")
MSK = timezone(timedelta(hours=3), "MSK")

# What a body line is. Every kind is one line of extractor output.
PARAGRAPH = "p"
SUBHEADING = "h2"
LIST_ITEM = "li"
QUOTE = "quote"

# Junk classes, numbered as in the seeds README.
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
            i for i in positions[1:] if _block(self.layout[i]).kind == PARAGRAPH
        ] or positions[:1]
        layout = list(self.layout)
        target = _block(layout[paragraphs[0]])
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


def _block(part: Block | Junk) -> Block:
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


def _dt(text: str, tz: timezone) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=tz)


# --- tagesblick: generic regional news site --------------------------------------------------

TB_NAV = (
    ("Startseite", "/"),
    ("Politik", "/politik/"),
    ("Wirtschaft", "/wirtschaft/"),
    ("Kultur", "/kultur/"),
)
TB_COOKIE = (
    "Wir verwenden Cookies und vergleichbare Technologien, um Inhalte zu personalisieren und "
    "die Nutzung unseres Angebots auszuwerten.",
    "Alle akzeptieren",
    "Einstellungen",
)
TB_REGISTER = ("Jetzt kostenlos registrieren und alle Artikel ohne Limit lesen.", "Registrieren")
TB_SHARE = ("Artikel teilen", "Facebook", "WhatsApp", "E-Mail")
TB_COMMENTS = ("Kommentare", "Zum Kommentieren bitte anmelden.", "Anmelden")
TB_FOOTER = ("Impressum", "Datenschutz", "Kontakt", "© 2026 Tagesblick Mediengruppe")
TB_RELATED_HEADING = "Das könnte Sie auch interessieren"
TB_NEWSLETTER = (
    "Kein Thema aus der Region verpassen: Abonnieren Sie den Tagesblick-Newsletter – jeden "
    "Morgen kostenlos in Ihrem Postfach."
)
TB_TELEGRAM = (
    "Folgen Sie dem Tagesblick auf Telegram und erhalten Sie die wichtigsten Meldungen direkt "
    "aufs Handy."
)

TB_CHROME = (
    Junk(CHROME, "cookie_banner", TB_COOKIE),
    Junk(CHROME, "nav", tuple(label for label, _ in TB_NAV)),
    Junk(CHROME, "registration_banner", TB_REGISTER),
    Junk(CHROME, "share_buttons", TB_SHARE),
    Junk(CHROME, "comments", TB_COMMENTS),
    Junk(CHROME, "footer", TB_FOOTER),
)


def tb_date(moment: datetime) -> str:
    """Tagesblick's visible date: "20.11.2026, 16:40 Uhr" in German local time."""
    return moment.astimezone(CET).strftime("%d.%m.%Y, %H:%M Uhr")


def tb_byline(authors: tuple[str, ...]) -> str:
    if not authors:
        return "Quelle: dpa"
    if len(authors) == 1:
        return f"Von {authors[0]}"
    return "Von " + ", ".join(authors[:-1]) + f" und {authors[-1]}"


def _read_also(title: str, path: str) -> Junk:
    return Junk(TEASER, "read_also", (f"Lesen Sie auch: {title}",), path)


_NEWSLETTER = Junk(PROMO, "newsletter_promo", (TB_NEWSLETTER,), "/newsletter/")
_TELEGRAM_TB = Junk(PROMO, "telegram_promo", (TB_TELEGRAM,))


def _tagesblick(
    path: str,
    title: str,
    kicker: str,
    authors: tuple[str, ...],
    published: str,
    modified: str | None,
    description: str,
    figure: Figure,
    layout: tuple[Block | Junk, ...],
    quirks: tuple[str, ...] = (),
) -> FixtureArticle:
    pub = _dt(published, CET)
    mod = _dt(modified, CET) if modified else None
    meta = [
        Junk(METADATA, "kicker", (kicker,)),
        Junk(METADATA, "byline", (tb_byline(authors),)),
        Junk(METADATA, "dateline", (tb_date(pub),)),
    ]
    if mod:
        meta.append(Junk(METADATA, "updated", (f"Aktualisiert: {tb_date(mod)}",)))
    media = (
        Junk(MEDIA, "caption", (figure.caption,)),
        Junk(MEDIA, "photo_credit", (figure.credit,)),
    )
    return FixtureArticle(
        host="tagesblick",
        path=path,
        title=title,
        layout=layout,
        published=pub,
        modified=mod,
        authors=authors,
        section=path.split("/")[1].capitalize(),
        description=description,
        figure=figure,
        page_junk=(*TB_CHROME, *meta, *media),
        quirks=quirks,
    )


TB1 = "/politik/2026/11/20/lindhaven-doppelhaushalt-rekordinvestitionen.html"
TB1_TITLE = "Lindhaven beschließt Doppelhaushalt mit Rekordinvestitionen in Schulen"
TB2 = "/politik/2026/11/20/bahnabkommen-dresden-prag-grenzverkehr.html"
TB2_TITLE = "Deutschland und Tschechien vereinbaren schnellere Züge im Grenzverkehr"
TB3 = "/politik/2026/11/21/sturmtief-henrike-bahnverkehr-norden.html"
TB3_TITLE = "Sturmtief „Henrike“ legt Bahnverkehr im Norden stundenlang lahm"
TB4 = "/politik/2026/11/18/landtag-debatte-lehrermangel.html"
TB4_TITLE = "Landtag streitet über Wege aus dem Lehrermangel"
TB5 = "/wirtschaft/2026/11/19/stadtwerke-grosswaermepumpe-klaerwerk.html"
TB5_TITLE = "Stadtwerke Lindhaven bauen Großwärmepumpe am Klärwerk"
TB6 = "/wirtschaft/2026/11/20/hafen-seebrueck-containerumschlag.html"
TB6_TITLE = "Hafen Seebrück verliert Containergeschäft an die Konkurrenz"
TB7 = "/wirtschaft/2026/11/17/batteriewerk-ostwalden-uebernahme.html"
TB7_TITLE = "Mittelständler übernimmt stillgelegtes Batteriewerk in Ostwalden"
TB8 = "/kultur/2026/11/19/stadtmuseum-wiedereroeffnung-lind.html"
TB8_TITLE = "Stadtmuseum öffnet nach vier Jahren Sanierung wieder"
TB9 = "/kultur/2026/11/18/literaturpreis-debuetroman-faehrfamilie.html"
TB9_TITLE = "Literaturpreis der Stadt geht an Debütroman über eine Fährfamilie"
# Served with "Content-Type: text/html; charset=utf-8" but encoded in windows-1252.
TB_CHARSET = "/politik/2026/11/19/anwohner-strassenausbau-grossoehringen.html"
TB_CHARSET_TITLE = "Anwohner in Großöhringen wehren sich gegen Straßenausbaubeiträge"

_TAGESBLICK = (
    _tagesblick(
        TB1,
        TB1_TITLE,
        "Kommunalpolitik",
        ("Miriam Kessler",),
        "2026-11-20T16:40",
        "2026-11-20T18:05",
        "Der Stadtrat von Lindhaven hat nach achtstündiger Sitzung den Haushalt für 2027 und "
        "2028 verabschiedet. Schulen und Brücken erhalten so viel Geld wie nie.",
        Figure(
            "/bilder/2026/11/ratssaal-lindhaven.jpg",
            "Blick in den Ratssaal von Lindhaven",
            "Die Ratsmitglieder stimmten nach langer Debatte über den Etat ab.",
            "Foto: Jonas Feldhaus",
        ),
        (
            P(
                "Nach einer achtstündigen Sitzung hat der Stadtrat von Lindhaven am "
                "Donnerstagabend den Doppelhaushalt für die Jahre 2027 und 2028 verabschiedet. "
                "31 Ratsmitglieder stimmten dafür, 14 dagegen, drei enthielten sich."
            ),
            P(
                "Insgesamt sieht der Etat Investitionen von 412 Millionen Euro vor, rund ein "
                "Drittel mehr als im laufenden Haushalt. Den größten Posten bilden Neubau und "
                "Sanierung von Schulgebäuden, gefolgt von der Erneuerung mehrerer Brücken über "
                "den Stadtkanal."
            ),
            H("Wofür das Geld ausgegeben wird"),
            P("Kämmerin Ute Ramsauer stellte die wichtigsten Vorhaben vor:"),
            LI("Neubau der Gesamtschule Nord mit 1.200 Plätzen"),
            LI("Sanierung von elf Grundschulen, darunter Dächer und Sanitäranlagen"),
            LI("Ersatzbau für die marode Hafenbrücke"),
            LI("Ausbau von Radwegen auf 18 Kilometern"),
            _read_also(TB5_TITLE, TB5),
            P(
                "Finanziert werden soll ein Teil der Vorhaben über neue Kredite. Die "
                "Verschuldung der Stadt steigt damit bis Ende 2028 auf voraussichtlich "
                "1,1 Milliarden Euro."
            ),
            H("Opposition warnt vor Schuldenlast"),
            P(
                "Kritik kam vor allem aus den Reihen der Opposition. Die Fraktion der Freien "
                "Wähler bemängelte, die Stadt lebe über ihre Verhältnisse und verschiebe die "
                "Lasten auf kommende Generationen."
            ),
            Q(
                "„Wir bauen heute Schulen, in denen noch unsere Enkel lernen werden. Das ist "
                "keine Verschwendung, das ist Vorsorge“, entgegnete Oberbürgermeister Henrik "
                "Albers in der Debatte."
            ),
            P(
                "Der Haushalt muss noch von der Kommunalaufsicht genehmigt werden. Mit einer "
                "Entscheidung rechnet die Verwaltung im Februar."
            ),
            _NEWSLETTER,
        ),
    ),
    _tagesblick(
        TB2,
        TB2_TITLE,
        "Diplomatie",
        ("Tobias Renner", "Lena Hofbauer"),
        "2026-11-20T11:15",
        None,
        "Bei einem Treffen in Dresden haben beide Regierungen ein Abkommen über den Ausbau der "
        "Bahnstrecke nach Prag unterzeichnet. Die Fahrzeit soll sich deutlich verkürzen.",
        Figure(
            "/bilder/2026/11/elbtal-bahnstrecke.jpg",
            "Ein Regionalzug im Elbtal",
            "Die Strecke durch das Elbtal gilt als Nadelöhr im Verkehr nach Prag.",
            "© dpa",
        ),
        (
            P(
                "Deutschland und Tschechien wollen die Bahnverbindung zwischen Dresden und Prag "
                "bis 2035 deutlich beschleunigen. Ein entsprechendes Abkommen unterzeichneten "
                "Vertreter beider Regierungen am Freitag in Dresden."
            ),
            P(
                "Kern der Vereinbarung ist ein neuer Tunnel unter dem Erzgebirge, der die "
                "kurvenreiche Strecke durch das Elbtal entlasten soll. Die Fahrzeit zwischen "
                "beiden Hauptstädten könnte sich dadurch auf knapp unter vier Stunden verringern."
            ),
            _TELEGRAM_TB,
            P(
                "Staatssekretärin Karin Wöllner sprach von einem „Zeichen gelebter "
                "Nachbarschaft“. Ihr tschechischer Kollege Pavel Horák betonte, die Verbindung "
                "sei für Pendler ebenso wichtig wie für den Güterverkehr."
            ),
            H("Streit um die Kosten beigelegt"),
            P(
                "Lange hatten beide Seiten über die Aufteilung der Baukosten verhandelt. Nach "
                "Angaben aus Verhandlungskreisen übernimmt jedes Land die Abschnitte auf seinem "
                "Staatsgebiet, für den Tunnel selbst gilt ein fester Schlüssel."
            ),
            P(
                "Umweltverbände begrüßten das Vorhaben grundsätzlich, forderten aber eine "
                "sorgfältige Prüfung der Eingriffe in geschützte Waldgebiete. Eine gemeinsame "
                "Umweltverträglichkeitsprüfung soll im kommenden Jahr beginnen."
            ),
        ),
    ),
    _tagesblick(
        TB3,
        TB3_TITLE,
        "Wetter",
        (),
        "2026-11-21T07:30",
        "2026-11-21T10:12",
        "Orkanböen haben in Norddeutschland Bäume auf Gleise stürzen lassen. Die Bahn stellte "
        "den Fernverkehr auf mehreren Strecken vorübergehend ein.",
        Figure(
            "/bilder/2026/11/sturm-gleise.jpg",
            "Umgestürzter Baum auf einem Gleis",
            "Umgestürzte Bäume blockieren die Strecke bei Rotenburg.",
            "© dpa",
        ),
        (
            P(
                "Das Sturmtief „Henrike“ hat in der Nacht zum Samstag den Bahnverkehr in weiten "
                "Teilen Norddeutschlands zum Erliegen gebracht. Auf den Strecken zwischen "
                "Hamburg, Bremen und Hannover fielen zahlreiche Fernzüge aus."
            ),
            P(
                "Nach Angaben der Bahn stürzten an mehr als 40 Stellen Bäume auf die Gleise "
                "oder in die Oberleitungen. Reparaturtrupps waren seit dem frühen Morgen im "
                "Einsatz, mit Einschränkungen sei noch bis zum Abend zu rechnen."
            ),
            P(
                "An der Küste wurden Orkanböen mit Geschwindigkeiten von bis zu 130 Kilometern "
                "pro Stunde gemessen. Auch im Binnenland registrierten die Wetterstationen "
                "schwere Sturmböen."
            ),
            Q(
                "„Der Höhepunkt ist überschritten, aber bis Sonntagmittag bleibt es "
                "ungemütlich“, sagte Meteorologe Frank Oltmanns."
            ),
            P(
                "Verletzt wurde nach bisherigen Erkenntnissen niemand. In Cuxhaven drückte der "
                "Wind das Wasser weit in den Hafen, die Sturmflut blieb jedoch unter der "
                "kritischen Marke."
            ),
            H("Fahrgastrechte gelten"),
            P(
                "Reisende, die ihre Fahrt wegen des Sturms verschieben, können ihr Ticket nach "
                "Angaben der Bahn flexibel nutzen. Bereits gekaufte Fahrkarten behalten bis "
                "Mitte kommender Woche ihre Gültigkeit."
            ),
        ),
    ),
    _tagesblick(
        TB4,
        TB4_TITLE,
        "Landespolitik",
        ("Sabine Wendt",),
        "2026-11-18T19:20",
        None,
        "Regierung und Opposition liefern sich im Landtag einen heftigen Schlagabtausch über "
        "fehlende Lehrkräfte. Ein Sofortprogramm soll Quereinsteiger gewinnen.",
        Figure(
            "/bilder/2026/11/landtag-plenum.jpg",
            "Abgeordnete im Plenarsaal",
            "Die Debatte im Plenarsaal dauerte mehr als zwei Stunden.",
            "Foto: Carla Menzel",
        ),
        (
            P(
                "Im Landtag haben Regierung und Opposition am Mittwoch heftig über den Mangel an "
                "Lehrkräften gestritten. Nach Zahlen des Kultusministeriums sind zum laufenden "
                "Schuljahr landesweit rund 1.800 Stellen unbesetzt geblieben."
            ),
            P(
                "Kultusministerin Andrea Pfeifer kündigte ein Sofortprogramm an, mit dem vor "
                "allem Quereinsteiger gewonnen werden sollen. Wer einen Hochschulabschluss in "
                "einem Mangelfach mitbringt, soll künftig nach einem verkürzten "
                "Vorbereitungsdienst unterrichten dürfen."
            ),
            _read_also(TB9_TITLE, TB9),
            P(
                "Die Opposition hielt dagegen, das Programm komme Jahre zu spät. Die "
                "Landesregierung habe Warnungen der Schulleitungen lange ignoriert."
            ),
            H("Gewerkschaft fordert Entlastung"),
            P(
                "Die Bildungsgewerkschaft verlangte zusätzlich, Lehrkräfte von "
                "Verwaltungsaufgaben zu befreien. Viele Kolleginnen und Kollegen arbeiteten "
                "schon jetzt an der Belastungsgrenze, sagte ein Sprecher."
            ),
            P(
                "Über das Sofortprogramm soll der Landtag im Dezember abstimmen. Die "
                "Regierungsfraktionen gelten als sicher, eine Mehrheit zu erreichen."
            ),
        ),
    ),
    _tagesblick(
        TB5,
        TB5_TITLE,
        "Energie",
        ("Jan-Philipp Brandt",),
        "2026-11-19T09:00",
        "2026-11-19T13:45",
        "Mit Abwärme aus gereinigtem Abwasser sollen ab 2029 rund 9.000 Haushalte heizen. Das "
        "Projekt kostet 64 Millionen Euro.",
        Figure(
            "/bilder/2026/11/klaerwerk-suedhafen.jpg",
            "Das Klärwerk im Stadtteil Südhafen",
            "Neben den Klärbecken im Südhafen soll die Wärmepumpe entstehen.",
            "Foto: Stadtwerke Lindhaven",
        ),
        (
            P(
                "Die Stadtwerke Lindhaven wollen künftig Wärme aus gereinigtem Abwasser "
                "gewinnen. Am Klärwerk im Stadtteil Südhafen soll dafür bis 2029 eine der "
                "größten Wärmepumpen Norddeutschlands entstehen."
            ),
            P(
                "Die Anlage soll eine Leistung von 40 Megawatt erreichen und rund 9.000 "
                "Haushalte über das Fernwärmenetz versorgen. Die Kosten beziffern die "
                "Stadtwerke auf 64 Millionen Euro, ein Teil davon wird aus einem "
                "Förderprogramm des Bundes getragen."
            ),
            H("So funktioniert die Anlage"),
            P("Das Prinzip ist vergleichsweise einfach:"),
            LI("Das gereinigte Abwasser hat auch im Winter eine Temperatur von etwa zwölf Grad."),
            LI(
                "Die Wärmepumpe entzieht ihm einen Teil dieser Wärme und hebt sie auf ein "
                "höheres Temperaturniveau."
            ),
            LI(
                "Über das Fernwärmenetz gelangt die Wärme anschließend in die angeschlossenen "
                "Gebäude."
            ),
            P(
                "Geschäftsführerin Claudia Imhoff sprach von einem wichtigen Schritt, um die "
                "Fernwärme bis Mitte der 2030er-Jahre ohne Kohle und Gas zu erzeugen. Das "
                "bisherige Heizkraftwerk am Hafen soll schrittweise heruntergefahren werden."
            ),
            _NEWSLETTER,
            H("Preise sollen stabil bleiben"),
            P(
                "Kunden müssen nach Angaben des Unternehmens wegen des Projekts nicht mit "
                "steigenden Preisen rechnen. Langfristig erhoffen sich die Stadtwerke sogar "
                "sinkende Kosten, weil teure Brennstoffeinkäufe entfallen."
            ),
        ),
    ),
    _tagesblick(
        TB6,
        TB6_TITLE,
        "Handel",
        ("Miriam Kessler",),
        "2026-11-20T08:10",
        None,
        "Der Containerumschlag im Hafen Seebrück ist in den ersten drei Quartalen deutlich "
        "gesunken. Die Betreiber setzen nun auf Windkraft-Logistik.",
        Figure(
            "/bilder/2026/11/containerterminal-seebrueck.jpg",
            "Containerbrücken im Hafen Seebrück",
            "Am Containerterminal in Seebrück legen weniger Schiffe an als im Vorjahr.",
            "Foto: Hafengesellschaft Seebrück",
        ),
        (
            P(
                "Der Hafen Seebrück hat in den ersten neun Monaten des Jahres deutlich weniger "
                "Container umgeschlagen als im Vorjahreszeitraum. Nach Angaben der "
                "Hafengesellschaft sank die Menge um knapp elf Prozent auf 610.000 "
                "Standardcontainer."
            ),
            P(
                "Als Hauptgrund nennt das Unternehmen die Verlagerung von Liniendiensten in "
                "größere Häfen an der Nordsee. Zwei asiatische Reedereien hatten im Frühjahr "
                "angekündigt, Seebrück nicht mehr regelmäßig anzulaufen."
            ),
            _read_also(TB7_TITLE, TB7),
            P(
                "Hafenchef Rainer Voßberg gab sich dennoch zuversichtlich. Der Umschlag von "
                "Bauteilen für Windkraftanlagen auf See habe sich fast verdoppelt, zudem wachse "
                "das Geschäft mit Fähren nach Skandinavien."
            ),
            Q(
                "„Wir werden nicht der größte Containerhafen, aber wir können der beste Hafen "
                "für die Energiewende werden“, sagte Voßberg."
            ),
            P(
                "Die Gewerkschaft sorgt sich unterdessen um Arbeitsplätze an den "
                "Containerterminals. Betriebsbedingte Kündigungen schloss die "
                "Hafengesellschaft bis Ende 2027 aus."
            ),
        ),
    ),
    _tagesblick(
        TB7,
        TB7_TITLE,
        "Industrie",
        ("Tobias Renner",),
        "2026-11-17T14:30",
        "2026-11-18T08:00",
        "Ein Maschinenbauer aus der Region kauft die Fabrikhallen eines insolventen "
        "Zellherstellers. 350 Arbeitsplätze sollen entstehen.",
        Figure(
            "/bilder/2026/11/batteriewerk-ostwalden.jpg",
            "Werkshallen am Rand von Ostwalden",
            "Die Hallen des Batteriewerks stehen seit dem Frühjahr leer.",
            "Foto: Jonas Feldhaus",
        ),
        (
            P(
                "Das im Frühjahr stillgelegte Batteriewerk in Ostwalden hat einen neuen "
                "Eigentümer. Der Maschinenbauer Kreuzer & Söhne übernimmt die Hallen und einen "
                "Teil der Anlagen, wie Insolvenzverwalterin Petra Laux am Montag mitteilte."
            ),
            P(
                "Das Familienunternehmen will am Standort künftig Speichersysteme für "
                "Gewerbebetriebe montieren. In einem ersten Schritt sollen 350 Arbeitsplätze "
                "entstehen, viele davon für ehemalige Beschäftigte des Zellherstellers."
            ),
            H("Erleichterung im Rathaus"),
            P(
                "Bürgermeister Stefan Quandt sprach von einem „guten Tag für Ostwalden“. Die "
                "Schließung des Werks hatte die Gemeinde schwer getroffen, die "
                "Gewerbesteuereinnahmen waren um fast die Hälfte eingebrochen."
            ),
            P(
                "Über den Kaufpreis vereinbarten beide Seiten Stillschweigen. Branchenkenner "
                "gehen von einem niedrigen zweistelligen Millionenbetrag aus."
            ),
            _TELEGRAM_TB,
            P(
                "Die Produktion soll im Herbst 2027 anlaufen. Zuvor müssen Teile der Hallen "
                "umgebaut und neue Maschinen installiert werden."
            ),
        ),
    ),
    _tagesblick(
        TB8,
        TB8_TITLE,
        "Ausstellung",
        ("Lena Hofbauer",),
        "2026-11-19T17:00",
        None,
        "Mit einer Schau über die Geschichte des Flusses Lind kehrt das Stadtmuseum zurück. Der "
        "Umbau wurde teurer als geplant.",
        Figure(
            "/bilder/2026/11/stadtmuseum-lastkahn.jpg",
            "Reste eines Lastkahns in einer Vitrine",
            "Die Reste eines mittelalterlichen Lastkahns sind das Herzstück der Ausstellung.",
            "Foto: Stadtmuseum Lindhaven",
        ),
        (
            P(
                "Nach vier Jahren Bauzeit öffnet das Stadtmuseum Lindhaven am Wochenende wieder "
                "seine Türen. Zum Auftakt zeigt das Haus eine große Ausstellung über die "
                "Geschichte der Lind, die der Stadt ihren Namen gab."
            ),
            P(
                "Zu sehen sind unter anderem Reste eines mittelalterlichen Lastkahns, der bei "
                "Baggerarbeiten im Hafen gefunden wurde, sowie Zeichnungen der ersten "
                "Flussbegradigung aus dem 19. Jahrhundert."
            ),
            H("Mehr Platz für Schulklassen"),
            P(
                "Bei der Sanierung wurde das Gebäude barrierefrei umgebaut. Im Dachgeschoss ist "
                "eine Werkstatt entstanden, in der Schulklassen künftig selbst Fundstücke "
                "untersuchen können."
            ),
            P(
                "Die Kosten für den Umbau stiegen von ursprünglich 19 auf rund 27 Millionen "
                "Euro. Museumsleiterin Beate Sommerfeld verteidigte die Mehrausgaben: Der "
                "Zustand des Dachstuhls sei deutlich schlechter gewesen als erwartet."
            ),
            Q(
                "„Ein Museum muss ein Ort sein, an den man gern zurückkehrt. Dafür hat sich "
                "jeder Euro gelohnt“, sagte Sommerfeld bei der Vorbesichtigung."
            ),
            _read_also(TB9_TITLE, TB9),
            P(
                "Der Eintritt ist am Eröffnungswochenende frei. Danach kostet eine Karte acht "
                "Euro, Kinder und Jugendliche zahlen nichts."
            ),
        ),
    ),
    _tagesblick(
        TB9,
        TB9_TITLE,
        "Literatur",
        ("Sabine Wendt",),
        "2026-11-18T12:00",
        None,
        "Die Autorin Nora Lindqvist erhält den mit 15.000 Euro dotierten Preis für ihren ersten "
        "Roman. Die Jury lobt die genaue Sprache.",
        Figure(
            "/bilder/2026/11/nora-lindqvist.jpg",
            "Porträt der Autorin Nora Lindqvist",
            "Nora Lindqvist lebt seit einigen Jahren in Lindhaven.",
            "Foto: Verlag Hafenlicht",
        ),
        (
            P(
                "Der Literaturpreis der Stadt Lindhaven geht in diesem Jahr an die Autorin Nora "
                "Lindqvist. Sie wird für ihren Debütroman „Die letzte Überfahrt“ ausgezeichnet, "
                "der von drei Generationen einer Fährfamilie an der Küste erzählt."
            ),
            P(
                "Die Jury lobte die genaue, unaufgeregte Sprache des Buches. Lindqvist gelinge "
                "es, den Wandel einer Region zu beschreiben, ohne ihre Figuren zu Symbolen zu "
                "machen, heißt es in der Begründung."
            ),
            P(
                "Die Auszeichnung ist mit 15.000 Euro dotiert und wird seit 1987 vergeben. Zu "
                "den früheren Preisträgern gehören mehrere Autorinnen und Autoren, die später "
                "überregional bekannt wurden."
            ),
            _NEWSLETTER,
            P(
                "Die Preisverleihung findet am 12. Dezember im Theater am Markt statt. Karten "
                "für die öffentliche Lesung sind ab sofort an der Theaterkasse erhältlich."
            ),
        ),
    ),
    _tagesblick(
        TB_CHARSET,
        TB_CHARSET_TITLE,
        "Gemeinden",
        ("Jörg Weißbach",),
        "2026-11-19T20:15",
        None,
        "Bei einer Bürgerversammlung äußerten Anwohner scharfe Kritik an den geplanten "
        "Gebühren. Die Gemeinde prüft nun eine Ratenzahlung.",
        Figure(
            "/bilder/2026/11/muehlstrasse-grossoehringen.jpg",
            "Die Mühlstraße in Großöhringen",
            "Die Mühlstraße ist seit Jahren in schlechtem Zustand.",
            "Foto: Jörg Weißbach",
        ),
        (
            P(
                "Rund 200 Bürgerinnen und Bürger sind am Mittwochabend in die Turnhalle von "
                "Großöhringen gekommen, um über den geplanten Ausbau der Mühlstraße zu "
                "diskutieren. Viele äußerten ihren Ärger über die Beiträge, die die Gemeinde von "
                "den Grundstückseigentümern verlangen will."
            ),
            P(
                "Für einzelne Häuser könnten Kosten von mehr als 20.000 Euro anfallen. Besonders "
                "ältere Anwohner fürchten, diese Summe nicht aufbringen zu können."
            ),
            P(
                "Bürgermeisterin Gisela Strauß zeigte Verständnis für die Sorgen. Die Straße sei "
                "jedoch in einem so schlechten Zustand, dass ein Ausbau unumgänglich sei. Die "
                "Gemeinde prüfe nun, ob die Beiträge über zehn Jahre in Raten gezahlt werden "
                "können."
            ),
            P(
                "Eine endgültige Entscheidung soll der Gemeinderat im Januar treffen. Bis dahin "
                "will die Verwaltung für jedes Grundstück eine genaue Berechnung vorlegen."
            ),
        ),
        quirks=("charset_mismatch",),
    ),
)


# --- rt / rt-mirror: imitation of RT DE -------------------------------------------------------

RT_SECTIONS = (("international", "International"), ("inland", "Inland"), ("russland", "Russland"))
RT_NAV = ("Startseite", "International", "Inland", "Russland", "Meinung", "Podcasts")
RT_SOCIAL = "Folgen Sie RT DE auf Telegram, VK und Odysee"
RT_SHARE = ("Teilen", "Link kopieren")
RT_FOOTER = (
    "Über uns",
    "Impressum",
    "Datenschutzerklärung",
    "© 2026 RT DE. Alle Rechte vorbehalten.",
)
RT_CHROME = (
    Junk(CHROME, "nav", RT_NAV),
    Junk(CHROME, "social_banner", (RT_SOCIAL,)),
    Junk(CHROME, "share_buttons", RT_SHARE),
    Junk(CHROME, "footer", RT_FOOTER),
)
_MONTHS_SHORT = (
    "Jan.",
    "Feb.",
    "März",
    "Apr.",
    "Mai",
    "Juni",
    "Juli",
    "Aug.",
    "Sep.",
    "Okt.",
    "Nov.",
    "Dez.",
)


def rt_date(moment: datetime) -> str:
    """RT DE's visible date: "20 Nov. 2026 14:05 Uhr" in German local time."""
    local = moment.astimezone(CET)
    return f"{local.day} {_MONTHS_SHORT[local.month - 1]} {local.year} {local:%H:%M} Uhr"


def _more(title: str, path: str, dash: str = "–") -> Junk:
    return Junk(TEASER, "more_on_topic", (f"Mehr zum Thema {dash} {title}",), path)


def _rt_credit_p(credit: str) -> Junk:
    return Junk(MEDIA, "photo_credit", (credit,))


def _rt(
    path: str,
    title: str,
    published: str,
    modified: str | None,
    figure: Figure,
    layout: tuple[Block | Junk, ...],
) -> FixtureArticle:
    pub = _dt(published, UTC)
    media = [Junk(MEDIA, "alt_text", (figure.alt,))]
    if figure.caption:
        media.append(Junk(MEDIA, "caption", (figure.caption,)))
    if figure.credit:
        media.append(Junk(MEDIA, "photo_credit", (figure.credit,)))
    summary = _block(layout[0]).text
    return FixtureArticle(
        host="rt",
        path=path,
        title=title,
        layout=layout,
        published=pub,
        modified=_dt(modified, UTC) if modified else None,
        authors=(),
        section=dict(RT_SECTIONS)[path.split("/")[1]],
        description=summary,
        figure=figure,
        page_junk=(*RT_CHROME, Junk(METADATA, "dateline", (rt_date(pub),)), *media),
        mirrors=("rt-mirror",),
    )


RT1 = "/international/261731-moskau-ankara-gespraeche-schiffsverkehr/"
RT1_TITLE = "Moskau und Ankara vereinbaren neue Gesprächsrunde über Schiffsverkehr"
RT2 = "/inland/261702-industriestrom-neue-entlastungen/"
RT2_TITLE = "Industriestrom: Bundesregierung kündigt neue Entlastungen an"
RT3 = "/russland/261655-schneesturm-jekaterinburg-verkehr/"
RT3_TITLE = "Früher Wintereinbruch: Schneesturm legt Verkehr in Jekaterinburg lahm"
RT4 = "/international/261598-eu-zoelle-duengemittel/"
RT4_TITLE = "EU-Kommission erwägt höhere Zölle auf Düngemittelimporte"
RT5 = "/russland/261689-eishockey-spitzenspiel-kasan-omsk/"
RT5_TITLE = "Eishockey: Titelverteidiger aus Omsk verliert Spitzenspiel in Kasan"
RT6 = "/international/261660-jugendaustausch-deutschland-vorschlag/"
RT6_TITLE = "Moskau schlägt Wiederaufnahme des Jugendaustauschs mit Deutschland vor"

# RT6's body, shared with the aggregator's republication of it.
_RT6_BODY = (
    P(
        "Das russische Außenministerium hat angeregt, den seit Jahren ruhenden Schüler- und "
        "Studentenaustausch mit Deutschland wiederzubeleben. In Berlin hält man sich mit einer "
        "Antwort zurück."
    ),
    P(
        "Russland hat vorgeschlagen, den Austausch von Schülern und Studierenden mit Deutschland "
        "wieder aufzunehmen. Eine Sprecherin des Außenministeriums in Moskau sagte am Mittwoch, "
        "gerade in schwierigen Zeiten seien Begegnungen junger Menschen wichtig."
    ),
    P(
        "Der Austausch war in den vergangenen Jahren fast vollständig zum Erliegen gekommen. "
        "Zahlreiche Partnerschaften zwischen Schulen und Hochschulen bestehen allerdings formal "
        "weiter."
    ),
    G(
        "Nach Angaben der Sprecherin könnten erste Gruppen bereits im Sommer reisen, sofern "
        "beide Seiten die nötigen Visa erteilen.",
        RT1_TITLE,
        RT1,
        "Man sei bereit, die Kosten für Unterkunft und Programm auf russischer Seite zu "
        "übernehmen.",
    ),
    P(
        "Die Bundesregierung äußerte sich zunächst nicht zu dem Vorschlag. Aus dem Auswärtigen "
        "Amt hieß es lediglich, man kenne die Äußerungen und werde sie prüfen."
    ),
    P(
        "Vertreter deutscher Partnerschaftsvereine reagierten dagegen positiv. Viele von ihnen "
        "hatten in den vergangenen Jahren versucht, zumindest private Kontakte "
        "aufrechtzuerhalten."
    ),
)

_RT = (
    _rt(
        RT1,
        RT1_TITLE,
        "2026-11-20T13:05",
        None,
        Figure(
            "/images/2026.11/article/istanbul-hafen.jpg",
            "Frachtschiffe vor Istanbul",
            "",
            "Quelle: Sputnik © Wladimir Fedorenko",
        ),
        (
            P(
                "Russische und türkische Diplomaten wollen im Dezember erneut über die "
                "Sicherheit der Handelsschifffahrt beraten. Ein erstes Treffen in Istanbul sei "
                '"sachlich und nützlich" verlaufen, hieß es aus dem russischen '
                "Außenministerium."
            ),
            P(
                "Vertreter der Außenministerien Russlands und der Türkei haben sich am "
                "Donnerstag in Istanbul zu Beratungen über den Schiffsverkehr im Schwarzen Meer "
                "getroffen. Im Mittelpunkt standen nach offiziellen Angaben die Sicherheit "
                "ziviler Frachter und der Schutz der Hafeninfrastruktur."
            ),
            G(
                "Der stellvertretende Außenminister Michail Sorokin erklärte nach dem Treffen, "
                "beide Seiten hätten ihre Positionen ausführlich dargelegt.",
                RT4_TITLE,
                RT4,
                "Man sei übereingekommen, die Gespräche auf Expertenebene fortzusetzen und im "
                "Dezember eine weitere Runde abzuhalten.",
            ),
            P(
                "Die türkische Seite betonte ihrerseits die Bedeutung eines ungehinderten "
                "Handels für die gesamte Region. Ankara sieht sich seit Langem als Vermittler "
                "zwischen den Anrainerstaaten."
            ),
            Q(
                '"Wir haben nicht in allen Punkten Einigkeit erzielt, aber wir sprechen '
                'miteinander, und das ist in der heutigen Lage keine Selbstverständlichkeit", '
                "sagte Sorokin."
            ),
            P(
                "Beobachter werten die Vereinbarung als vorsichtiges Signal der Entspannung. "
                "Konkrete Ergebnisse seien vor dem Jahresende allerdings kaum zu erwarten."
            ),
            _more(RT6_TITLE, RT6),
            _more(RT4_TITLE, RT4, "-"),
        ),
    ),
    _rt(
        RT2,
        RT2_TITLE,
        "2026-11-19T16:40",
        "2026-11-19T18:02",
        Figure("/images/2026.11/article/industriegebiet.jpg", "Ein Chemiepark bei Nacht"),
        (
            P(
                "Energieintensive Betriebe sollen ab dem kommenden Jahr geringere Netzentgelte "
                "zahlen. Wirtschaftsverbände begrüßen den Schritt, halten ihn aber für "
                "unzureichend."
            ),
            _rt_credit_p("Quelle: Gettyimages.ru © Martin Hellwig"),
            P(
                "Die Bundesregierung will energieintensive Unternehmen im kommenden Jahr mit "
                "rund vier Milliarden Euro entlasten. Das geht aus einem Eckpunktepapier hervor, "
                "das am Mittwoch in Berlin vorgestellt wurde."
            ),
            P(
                "Vorgesehen ist vor allem ein Zuschuss zu den Netzentgelten, die einen "
                "wachsenden Teil der Stromrechnung ausmachen. Profitieren sollen in erster "
                "Linie Betriebe der Chemie-, Stahl- und Glasindustrie."
            ),
            H("Kritik von Verbänden"),
            P(
                "Wirtschaftsverbände reagierten verhalten. Die Maßnahmen gingen in die richtige "
                "Richtung, reichten aber nicht aus, um die Abwanderung von Produktion ins "
                "Ausland zu stoppen, erklärte ein Sprecher eines Industrieverbandes."
            ),
            G(
                "Auch aus den Reihen der Opposition kam Kritik.",
                RT4_TITLE,
                RT4,
                'Die Entlastung sei ein "Tropfen auf den heißen Stein", solange die Ursachen '
                "der hohen Preise nicht angegangen würden, hieß es.",
            ),
            P(
                "Das Kabinett soll die Pläne noch vor Weihnachten beschließen. Anschließend muss "
                "der Bundestag zustimmen."
            ),
            _more(RT4_TITLE, RT4),
        ),
    ),
    _rt(
        RT3,
        RT3_TITLE,
        "2026-11-18T08:20",
        None,
        Figure(
            "/images/2026.11/article/jekaterinburg-schnee.jpg",
            "Verschneite Straße in Jekaterinburg",
            "Symbolbild",
            "Quelle: Sputnik © Pawel Lebedew",
        ),
        (
            P(
                "Ein heftiger Schneesturm hat im Ural den Straßen- und Flugverkehr teilweise zum "
                "Erliegen gebracht. Die Behörden riefen die Bewohner auf, zu Hause zu bleiben."
            ),
            P(
                "Ein ungewöhnlich früher und heftiger Schneesturm hat am Dienstag den Verkehr in "
                "der Uralmetropole Jekaterinburg weitgehend lahmgelegt. Innerhalb von 24 Stunden "
                "fielen örtlich mehr als 40 Zentimeter Neuschnee."
            ),
            P(
                "Am Flughafen wurden zahlreiche Flüge gestrichen oder umgeleitet. Auf den "
                "Ausfallstraßen bildeten sich kilometerlange Staus, nachdem mehrere Lastwagen "
                "liegen geblieben waren."
            ),
            P(
                "Die Stadtverwaltung setzte nach eigenen Angaben mehr als 600 Räumfahrzeuge ein. "
                "Schulen blieben geschlossen, der Unterricht fand für viele Klassen online statt."
            ),
            P(
                "Meteorologen erwarten für die kommenden Tage eine Beruhigung der Lage, "
                "allerdings bei Temperaturen von bis zu minus 20 Grad. Sie rieten dazu, "
                "unnötige Fahrten zu vermeiden."
            ),
            _more(RT5_TITLE, RT5, "-"),
        ),
    ),
    _rt(
        RT4,
        RT4_TITLE,
        "2026-11-17T11:45",
        None,
        Figure("/images/2026.11/article/duenger-feld.jpg", "Ein Traktor verteilt Dünger"),
        (
            P(
                "Die EU-Kommission prüft Aufschläge auf Düngemittel aus Drittstaaten. Landwirte "
                "warnen vor steigenden Kosten und Engpässen zur Frühjahrsaussaat."
            ),
            P(
                "Die Europäische Kommission prüft nach Medienberichten höhere Einfuhrzölle auf "
                "stickstoffhaltige Düngemittel. Ein entsprechender Vorschlag könnte bereits im "
                "Dezember vorgelegt werden."
            ),
            _rt_credit_p("Quelle: Gettyimages.ru © Lukas Berger"),
            P(
                "Begründet wird der Schritt mit dem Schutz der europäischen Hersteller, die "
                "wegen hoher Energiekosten unter Druck stehen. Kritiker verweisen darauf, dass "
                "die Landwirtschaft in vielen Mitgliedsstaaten auf Importe angewiesen ist."
            ),
            G(
                "Bauernverbände aus mehreren Ländern warnten vor Engpässen zur Frühjahrsaussaat.",
                RT2_TITLE,
                RT2,
                "Schon jetzt seien die Preise für Dünger fast doppelt so hoch wie vor fünf "
                "Jahren, erklärte ein Vertreter des europäischen Dachverbandes.",
            ),
            Q(
                '"Wer die Kosten für Dünger weiter in die Höhe treibt, treibt am Ende auch die '
                'Lebensmittelpreise in die Höhe", sagte der Agrarökonom Jan Deckers.'
            ),
            P(
                "Die Mitgliedsstaaten müssten einer Zollerhöhung mehrheitlich zustimmen. Ob eine "
                "solche Mehrheit zustande kommt, gilt als offen."
            ),
            _more(RT2_TITLE, RT2),
        ),
    ),
    _rt(
        RT5,
        RT5_TITLE,
        "2026-11-18T21:30",
        None,
        Figure(
            "/images/2026.11/article/eishockey-kasan.jpg",
            "Spielszene aus Kasan",
            "",
            "Quelle: Sputnik © Dmitri Tschernow",
        ),
        (
            P(
                "Im Duell der beiden besten Mannschaften der Liga hat sich Kasan mit 4:2 "
                "durchgesetzt. Der Torhüter der Gastgeber wurde zum Spieler des Abends gewählt."
            ),
            P(
                "Im Spitzenspiel der russischen Eishockeyliga hat sich die Mannschaft aus Kasan "
                "am Mittwochabend mit 4:2 gegen den Titelverteidiger aus Omsk durchgesetzt. Vor "
                "mehr als 9.000 Zuschauern lagen die Gastgeber nach dem ersten Drittel bereits "
                "mit zwei Toren vorn."
            ),
            P(
                "Omsk kam im Schlussdrittel zwar noch einmal auf 2:3 heran, ein Treffer ins "
                "leere Tor entschied die Partie jedoch kurz vor Schluss."
            ),
            P(
                "Zum besten Spieler des Abends wurde Torhüter Ilja Morosow gewählt, der 37 "
                "Schüsse parierte. Kasan übernimmt mit dem Sieg die Tabellenführung."
            ),
            P("Die beiden Mannschaften treffen im Dezember erneut aufeinander, dann in Omsk."),
            _more(RT3_TITLE, RT3),
        ),
    ),
    _rt(
        RT6,
        RT6_TITLE,
        "2026-11-18T12:05",
        None,
        Figure(
            "/images/2026.11/article/schulklasse.jpg",
            "Schüler in einem Klassenzimmer",
            "",
            "Quelle: Sputnik © Kirill Sawelin",
        ),
        (
            *_RT6_BODY,
            _more(RT1_TITLE, RT1),
            _more(RT3_TITLE, RT3, "-"),
        ),
    ),
)


# --- sna: imitation of SNA News (Sputnik's German service, closed 2022) ----------------------

SNA_MODAL = (
    "Registrierung erfolgreich abgeschlossen!",
    "Klicken Sie bitte den Link aus der E-Mail, die an geschickt wurde",
)
SNA_NAV = ("Politik", "Wirtschaft", "Gesellschaft", "Panorama", "Meinungen")
SNA_SUBSCRIBE = "Abonnieren"
SNA_RU_TITLE = "Заголовок открываемого материала"
SNA_TICKER = ("Newsticker", "0", "Neueste oben", "Älteste oben", "loader", "Live", SNA_RU_TITLE)
SNA_COMMENTS = (
    "Um an der Diskussion teilzunehmen,",
    "loggen Sie sich ein oder registrieren Sie sich",
    "loader",
    "Chats",
    SNA_RU_TITLE,
)
SNA_FOOTER = ("Nutzungsbedingungen", "Datenschutzerklärung", "© 2022 SNA")
SNA_CHROME = (
    Junk(CHROME, "registration_modal", SNA_MODAL),
    Junk(CHROME, "nav", SNA_NAV),
    Junk(CHROME, "subscribe_button", (SNA_SUBSCRIBE,)),
    Junk(CHROME, "news_ticker", SNA_TICKER),
    Junk(CHROME, "comments", SNA_COMMENTS),
    Junk(CHROME, "footer", SNA_FOOTER),
)


def sna_alt(caption: str, day: datetime) -> str:
    """SNA's image alt text: caption, site, image width and date."""
    return f"{caption} - SNA, 1920, {day:%d.%m.%Y}"


def sna_date(moment: datetime) -> str:
    return moment.astimezone(MSK).strftime("%H:%M %d.%m.%Y")


def _sna_teaser(alt_caption: str, day: str, title: str, path: str) -> Junk:
    """An inline teaser block: image alt with date, the date line, then the headline."""
    when = datetime.fromisoformat(day)
    return Junk(
        TEASER, "teaser_block", (sna_alt(alt_caption, when), f"{when:%d.%m.%Y}", title), path
    )


def _sna(
    path: str,
    title: str,
    published: str,
    modified: str | None,
    authors: tuple[str, ...],
    section: str,
    description: str,
    photographer: str,
    caption: str,
    layout: tuple[Block | Junk, ...],
) -> FixtureArticle:
    pub = _dt(published, MSK)
    mod = _dt(modified, MSK) if modified else None
    credit = f"© SNA / {photographer} / Zur Bilddatenbank"
    figure = Figure(
        f"/img/{path[1:9]}/{path.rsplit('-', 1)[1][:-5]}_0:0:1920:1080_1920x0.jpg",
        sna_alt(caption, pub),
        caption,
        credit,
    )
    meta = [Junk(METADATA, "dateline", (sna_date(pub),))]
    if mod:
        meta.append(Junk(METADATA, "updated", (f"(aktualisiert: {sna_date(mod)})",)))
    if authors:
        meta.append(Junk(METADATA, "byline", (f"Autor: {', '.join(authors)}",)))
    return FixtureArticle(
        host="sna",
        path=path,
        title=title,
        layout=layout,
        published=pub,
        modified=mod,
        authors=authors,
        section=section,
        description=description,
        figure=figure,
        page_junk=(
            *SNA_CHROME,
            *meta,
            Junk(MEDIA, "photo_credit", (credit, caption)),
            Junk(MEDIA, "alt_text", (figure.alt,)),
        ),
    )


SNA1 = "/20220114/gasspeicher-fuellstand-branche-mahnt-5204417.html"
SNA1_TITLE = "Gasspeicher nur noch halb voll – Branche mahnt zur Vorsorge"
SNA2 = "/20220112/umfrage-deutsche-firmen-russland-2022-5187390.html"
SNA2_TITLE = "Umfrage: Deutsche Firmen in Russland blicken vorsichtig auf das neue Jahr"
SNA3 = "/20220203/moskau-rekordschneefall-raeumdienste-5406128.html"
SNA3_TITLE = "Moskau meldet Rekordschneefall – Räumdienste im Dauereinsatz"
SNA4 = "/20211209/staedtepartnerschaft-delegation-wolga-4871052.html"
SNA4_TITLE = "Städtepartnerschaft lebt auf: Delegation aus Thüringen besucht Wolga-Region"

_SNA = (
    _sna(
        SNA1,
        SNA1_TITLE,
        "2022-01-14T10:42",
        "2022-01-14T12:10",
        (),
        "Wirtschaft",
        "Die Füllstände der deutschen Gasspeicher sind auf rund die Hälfte gesunken. Fachleute "
        "sehen die Versorgung im Winter dennoch nicht gefährdet.",
        "Maxim Woronin",
        "Anlage eines Erdgasspeichers (Symbolbild)",
        (
            P(
                "Die Füllstände der deutschen Gasspeicher sind Mitte Januar auf rund 50 Prozent "
                "gesunken. Das geht aus aktuellen Daten eines europäischen Branchenverbandes "
                "hervor, die am Freitag veröffentlicht wurden."
            ),
            P(
                "Zum gleichen Zeitpunkt des Vorjahres hatten die Speicher noch deutlich mehr Gas "
                "enthalten. Fachleute führen den Rückgang auf die hohen Großhandelspreise im "
                "Herbst zurück, die viele Händler davon abgehalten hätten, ihre Vorräte "
                "aufzufüllen."
            ),
            _sna_teaser("Bürogebäude in Moskau (Archivbild)", "2022-01-12", SNA2_TITLE, SNA2),
            H("Versorgung gilt als gesichert"),
            P(
                "Die zuständige Regulierungsbehörde sieht die Versorgung für den laufenden "
                "Winter dennoch nicht gefährdet. Selbst bei anhaltender Kälte reichten die "
                "Reserven aus, um Haushalte und Industrie zu beliefern, teilte die Behörde mit."
            ),
            P(
                "„Wir beobachten die Lage sehr genau, sehen aber derzeit keinen Anlass zur "
                "Sorge“, sagte ein Sprecher der Behörde gegenüber SNA."
            ),
            H("Forderung nach strategischer Reserve"),
            P(
                "Der Verband der Speicherbetreiber forderte die Bundesregierung dennoch auf, "
                "über gesetzliche Mindestfüllstände nachzudenken. In anderen europäischen "
                "Ländern gebe es solche Vorgaben bereits seit Jahren."
            ),
            P(
                "Ob die Bundesregierung dem Vorschlag folgt, ist offen. Im "
                "Wirtschaftsministerium hieß es, man prüfe verschiedene Instrumente zur "
                "Stärkung der Versorgungssicherheit."
            ),
        ),
    ),
    _sna(
        SNA2,
        SNA2_TITLE,
        "2022-01-12T18:20",
        None,
        ("Anna Bergmann",),
        "Wirtschaft",
        "Deutsche Unternehmen mit Geschäft in Russland gehen mit gedämpften Erwartungen in das "
        "Jahr 2022. Viele stellen Investitionen zurück.",
        "Sergej Pachomow",
        "Bürogebäude in Moskau (Archivbild)",
        (
            P(
                "Deutsche Unternehmen mit Geschäft in Russland gehen mit gedämpften Erwartungen "
                "in das Jahr 2022. Das zeigt eine Umfrage unter rund 120 Firmen, deren "
                "Ergebnisse am Mittwoch in Moskau vorgestellt wurden."
            ),
            P(
                "Knapp die Hälfte der Befragten rechnet mit stagnierenden Umsätzen, ein Viertel "
                "erwartet sogar Rückgänge. Als größte Risiken nannten die Unternehmen die "
                "politische Lage, drohende Sanktionen und die schwankende Landeswährung."
            ),
            H("Investitionen werden zurückgestellt"),
            P(
                "Viele Firmen wollen geplante Investitionen vorerst verschieben. Nur jedes "
                "fünfte Unternehmen plant, im laufenden Jahr zusätzliche Mitarbeiter "
                "einzustellen."
            ),
            _sna_teaser(
                "Delegation bei einem Empfang (Archivbild)", "2021-12-09", SNA4_TITLE, SNA4
            ),
            P(
                "„Die Stimmung ist nicht schlecht, aber sie ist abwartend“, sagte ein Vertreter "
                "der Unternehmen bei der Vorstellung der Umfrage. Entscheidend sei, ob sich die "
                "Beziehungen zwischen Russland und der EU in den kommenden Monaten "
                "stabilisierten."
            ),
            P(
                "Trotz der Unsicherheit wollen fast alle befragten Unternehmen im Land bleiben. "
                "Ein Rückzug aus dem russischen Markt kommt nach eigenen Angaben nur für wenige "
                "infrage."
            ),
        ),
    ),
    _sna(
        SNA3,
        SNA3_TITLE,
        "2022-02-03T09:15",
        None,
        (),
        "Panorama",
        "In Moskau ist an einem Tag so viel Schnee gefallen wie noch nie an einem Februartag. "
        "Die Stadt schickte Zehntausende Räumkräfte auf die Straßen.",
        "Olga Retschkina",
        "Schneeräumung auf dem Gartenring in Moskau",
        (
            P(
                "Die russische Hauptstadt hat am Mittwoch den stärksten Schneefall an einem "
                "Februartag seit Beginn der Aufzeichnungen erlebt. Nach Angaben der "
                "Wetterbehörde fielen innerhalb eines Tages 38 Zentimeter Schnee."
            ),
            P(
                "Die Stadtverwaltung schickte mehr als 100.000 Arbeiter und rund 15.000 "
                "Räumfahrzeuge auf die Straßen. Der Bürgermeister rief die Einwohner auf, "
                "möglichst mit öffentlichen Verkehrsmitteln zu fahren."
            ),
            H("Flugverkehr eingeschränkt"),
            P(
                "An den Moskauer Flughäfen kam es zu Verspätungen und Annullierungen. Die Metro "
                "fuhr dagegen weitgehend planmäßig und verzeichnete deutlich mehr Fahrgäste als "
                "an gewöhnlichen Werktagen."
            ),
            _sna_teaser("Erdgasspeicher (Archivbild)", "2022-01-14", SNA1_TITLE, SNA1),
            P(
                "Meteorologen rechnen für das Wochenende mit weiterem Schnee, allerdings in "
                "geringeren Mengen. Danach soll es deutlich kälter werden."
            ),
        ),
    ),
    _sna(
        SNA4,
        SNA4_TITLE,
        "2021-12-09T15:30",
        None,
        (),
        "Gesellschaft",
        "Erstmals seit Beginn der Pandemie hat eine Delegation aus Thüringen die russische "
        "Partnerregion besucht. Beide Seiten planen gemeinsame Projekte.",
        "Igor Melnikow",
        "Delegation bei einem Empfang (Archivbild)",
        (
            P(
                "Eine Delegation aus dem thüringischen Landkreis Saalgrund hat in dieser Woche "
                "die russische Partnerregion an der Wolga besucht. Es war das erste Treffen "
                "dieser Art seit Beginn der Corona-Pandemie."
            ),
            P(
                "Auf dem Programm standen Gespräche mit Vertretern der Regionalverwaltung, "
                "Besuche in Schulen und einem Krankenhaus sowie ein Konzert eines "
                "deutsch-russischen Jugendchors."
            ),
            H("Neue Projekte vereinbart"),
            P(
                "Beide Seiten unterzeichneten eine Absichtserklärung über gemeinsame Projekte in "
                "den Bereichen Berufsausbildung und Denkmalpflege. Im kommenden Sommer sollen "
                "junge Handwerker aus beiden Ländern gemeinsam an der Restaurierung einer "
                "Holzkirche arbeiten."
            ),
            P(
                "„Politik findet in den Hauptstädten statt, Freundschaft in den Regionen“, sagte "
                "der Landrat zum Abschluss der Reise."
            ),
            P("Der Gegenbesuch einer russischen Delegation ist für das Frühjahr geplant."),
        ),
    ),
)


# --- aggregator: WordPress site republishing RT-style content, machine-translated -----------

AGG_SITE_NAME = "Kompass24 Nachrichten"
AGG_NAV = (
    ("Start", "/"),
    ("Politik", "/category/politik/"),
    ("Wirtschaft", "/category/wirtschaft/"),
    ("Welt", "/category/welt/"),
)
AGG_PROMO = (
    "Keine Lust mehr auf Schönfärberei in den Abendnachrichten? 📺🙄 Dann ist unser Kanal genau "
    "das Richtige für dich! Jeden Tag frische Meldungen, klare Worte und ein Augenzwinkern "
    "obendrein! 🚀🔥"
)
AGG_JOIN = "👉Beitreten zu Telegramm"
AGG_COMMENTS = ("Schreibe einen Kommentar", "Deine E-Mail-Adresse wird nicht veröffentlicht.")
AGG_FOOTER = ("Stolz präsentiert von WordPress", "Theme: Nachrichten Lite")
AGG_SIDEBAR_HEADINGS = ("Suche", "Neueste Beiträge", "Kategorien", "Archiv", "November 2026")
_MONTHS = (
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
)


def agg_date(moment: datetime) -> str:
    return f"{moment.day}. {_MONTHS[moment.month - 1]} {moment.year}"


def agg_excerpt(text: str, words: int = 25) -> str:
    """WordPress' automatic excerpt: the first words of the post and " […]"."""
    return " ".join(text.split()[:words]) + " […]"


def _aggregator(
    path: str,
    title: str,
    published: str,
    category: str,
    body: tuple[Block | Junk, ...],
    republishes: tuple[str, str] | None = None,
) -> FixtureArticle:
    pub = _dt(published, UTC)
    # A republished body keeps its text but loses RT's glued teaser links.
    body = tuple(Block(part.kind, part.text) if isinstance(part, Block) else part for part in body)
    layout = (
        Junk(PROMO, "telegram_promo", (AGG_PROMO,)),
        Junk(PROMO, "telegram_join", (AGG_JOIN,)),
        *body,
        Junk(TEASER, "read_more", ("Weiterlesen",), republishes[1] if republishes else path),
        Junk(METADATA, "timestamp", (f"{pub:%Y-%m-%d %H:%M}",)),
    )
    first = next(part for part in body if isinstance(part, Block))
    return FixtureArticle(
        host="aggregator",
        path=path,
        title=title,
        layout=layout,
        published=pub,
        modified=None,
        authors=(),
        section=category,
        description=agg_excerpt(first.text),
        page_junk=(
            Junk(CHROME, "nav", tuple(label for label, _ in AGG_NAV)),
            Junk(CHROME, "sidebar", AGG_SIDEBAR_HEADINGS),
            Junk(CHROME, "comments", AGG_COMMENTS),
            Junk(CHROME, "footer", AGG_FOOTER),
            Junk(METADATA, "dateline", (agg_date(pub),)),
        ),
        republishes=republishes,
    )


AGG1 = "/2026/11/18/vize-energieminister-fluessiggas-exporte-asien/"
AGG2 = "/2026/11/19/zentralbank-leitzins-unveraendert/"
AGG3 = "/2026/11/18/moskau-schlaegt-wiederaufnahme-des-jugendaustauschs-vor/"
AGG4 = "/2026/11/17/faehrverkehr-ob-vorzeitig-eingestellt/"

_AGGREGATOR = (
    _aggregator(
        AGG1,
        "Vize-Energieminister: Russland will Flüssiggas-Exporte nach Asien verdoppeln",
        "2026-11-18T13:05",
        "Wirtschaft",
        (
            P(
                "Russland plant, seine Ausfuhren von verflüssigtem Erdgas in die Länder Asiens "
                "bis zum Ende des Jahrzehnts zu verdoppeln, so der stellvertretende "
                "Energieminister Oleg Tarassow."
            ),
            P(
                "Nach Angaben des Vize-Ministers sollen dafür zwei neue Verladeterminals an der "
                "Pazifikküste gebaut werden. Die Nachfrage in der Region wachse stetig, während "
                "die Lieferungen nach Europa weiter zurückgingen."
            ),
            P(
                "„Unsere Partner in Asien suchen nach verlässlichen und langfristigen "
                "Lieferverträgen. Genau das können wir anbieten.„"
            ),
            P(
                "– sagte Tarassow auf einer Branchenkonferenz in Wladiwostok und fügte hinzu, "
                "die Finanzierung der Terminals sei bereits gesichert."
            ),
            H("Preise für Abnehmer könnten sinken"),
            P(
                "Westliche Analysten bezweifeln allerdings, dass der Zeitplan zu halten ist. Für "
                "den Bau der Anlagen werde Technik benötigt, die derzeit nur schwer zu "
                "beschaffen sei."
            ),
            P(
                "Angesichts der veränderten Märkte halte ich es für richtig, dass wir uns auf "
                "die wachsenden Volkswirtschaften konzentrieren“, bemerkte ich."
            ),
            P(
                "Das Ministerium kündigte an, weitere Einzelheiten in den kommenden Tagen auf "
                "seinem offiziellen Telegram-Kanal zu veröffentlichen."
            ),
        ),
    ),
    _aggregator(
        AGG2,
        "Zentralbank belässt Leitzins trotz „hartnäckiger“ Inflation unverändert",
        "2026-11-19T09:40",
        "Wirtschaft",
        (
            P(
                "Die russische Zentralbank hat ihren Leitzins am Donnerstag unverändert "
                "gelassen, obwohl die Inflation nach Angaben der Notenbank weiterhin "
                "„hartnäckig„ hoch bleibt."
            ),
            P(
                "In einer Mitteilung hieß es, die Preissteigerung habe sich zuletzt zwar "
                "verlangsamt, liege aber noch deutlich über dem Zielwert von vier Prozent. Eine "
                "Senkung des Zinses komme daher erst im kommenden Jahr infrage."
            ),
            P(
                "„Wir sehen erste Anzeichen einer Abkühlung, aber es ist zu früh, um Entwarnung "
                "zu geben.„"
            ),
            P("– erklärte die Vorsitzende der Notenbank vor Journalisten."),
            P(
                "Unternehmen hatten zuletzt auf eine Lockerung gedrängt, da die hohen "
                "Kreditkosten Investitionen bremsten. Ökonomen hatten mehrheitlich mit der "
                "Entscheidung gerechnet."
            ),
        ),
    ),
    _aggregator(
        AGG3,
        RT6_TITLE,
        "2026-11-18T15:30",
        "Politik",
        _RT6_BODY,
        republishes=("rt", RT6),
    ),
    _aggregator(
        AGG4,
        "Fährverkehr auf dem Ob vorzeitig eingestellt: Fluss friert ungewöhnlich früh zu",
        "2026-11-17T07:50",
        "Welt",
        (
            P(
                "In der sibirischen Region Nowosibirsk ist der Fährverkehr über den Fluss Ob in "
                "diesem Jahr fast drei Wochen früher als üblich eingestellt worden. Grund seien "
                "die anhaltend niedrigen Temperaturen, teilten die regionalen Behörden mit."
            ),
            P(
                "Bewohner mehrerer Dörfer am gegenüberliegenden Ufer sind damit bis zur Freigabe "
                "der Eisstraßen auf Umwege von mehr als hundert Kilometern angewiesen. Für "
                "Notfälle stehe ein Hubschrauber bereit, hieß es."
            ),
            P(
                "„Die Sicherheit der Menschen hat für uns Vorrang, deshalb konnten wir nicht "
                "länger warten„, – erklärte der Leiter der regionalen Verkehrsbehörde."
            ),
            P(
                "Die Eisstraßen sollen freigegeben werden, sobald die Eisdecke eine Stärke von "
                "mindestens 40 Zentimetern erreicht. Nach Einschätzung von Meteorologen könnte "
                "das Mitte Dezember der Fall sein."
            ),
        ),
    ),
)


# --- assembly ---------------------------------------------------------------------------------


def related_articles(article: FixtureArticle, count: int = 3) -> tuple[FixtureArticle, ...]:
    """The "related articles" a page lists: the next articles of the same host, cyclically."""
    same = [a for a in _BASE if a.host == article.host and not a.quirks]
    keys = [a.key for a in same]
    if article.key not in keys:
        return tuple(same[:count])
    start = keys.index(article.key)
    return tuple(same[(start + k) % len(same)] for k in range(1, count + 1))


def _with_related(article: FixtureArticle) -> FixtureArticle:
    """Adds the page furniture that lists other articles of the same host."""
    others = tuple(a.title for a in related_articles(article))
    if article.host == "tagesblick":
        extra = Junk(TEASER, "related_list", (TB_RELATED_HEADING, *others))
    elif article.host == "aggregator":
        extra = Junk(CHROME, "recent_posts", others)
    else:
        return article
    return replace(article, page_junk=(*article.page_junk, extra))


_BASE: tuple[FixtureArticle, ...] = (*_TAGESBLICK, *_RT, *_SNA, *_AGGREGATOR)

ARTICLES: tuple[FixtureArticle, ...] = tuple(_with_related(a) for a in _BASE)

_BY_KEY = {article.key: article for article in ARTICLES}


def find_article(host: str, path: str) -> FixtureArticle | None:
    """The article served at `path` on `host`; a mirror host resolves to the original."""
    return _BY_KEY.get((MIRRORS.get(host, host), path))


def get_article(host: str, path: str) -> FixtureArticle:
    article = find_article(host, path)
    if article is None:
        raise KeyError(f"no fixture article at {host}:{path}")
    return article


def articles_for(host: str) -> tuple[FixtureArticle, ...]:
    """The articles a host serves, in declaration order (a mirror serves the original's)."""
    host = MIRRORS.get(host, host)
    return tuple(article for article in ARTICLES if article.host == host)


# --- broken endpoints ---------------------------------------------------------------------------


@dataclass(frozen=True)
class BrokenPage:
    """A deliberately broken response on the tagesblick host, listed in its regular sitemap."""

    host: str
    path: str
    behaviour: str  # one of the names below
    status: int  # status of the (first) response; 0 for a timeout before any answer
    note: str


BROKEN_PAGES: tuple[BrokenPage, ...] = (
    BrokenPage(
        "tagesblick",
        "/politik/2026/11/19/zurueckgezogene-meldung.html",
        "not_found",
        404,
        "404 with a small HTML error page",
    ),
    BrokenPage(
        "tagesblick",
        "/politik/2026/11/19/liveticker-ratssitzung.html",
        "server_error",
        500,
        "500 on every request",
    ),
    BrokenPage(
        "tagesblick",
        "/politik/2026/11/19/eilmeldung-platzhalter.html",
        "empty",
        200,
        "200, text/html, Content-Length 0",
    ),
    BrokenPage(
        "tagesblick",
        "/politik/2026/11/19/grafik-wahlbeteiligung.html",
        "binary",
        200,
        "a PNG image served as text/html",
    ),
    BrokenPage(
        "tagesblick",
        "/politik/2026/11/19/wortprotokoll-haushaltsdebatte.html",
        "too_large",
        200,
        "generated HTML of exactly large_bytes bytes, streamed",
    ),
    BrokenPage(
        "tagesblick",
        "/politik/2026/11/19/umfrage-ergebnisse.html",
        "redirect_loop",
        302,
        "302 to umfrage-ergebnisse-neu.html, which 302s back",
    ),
    BrokenPage(
        "tagesblick",
        "/politik/2026/11/19/umfrage-ergebnisse-neu.html",
        "redirect_loop",
        302,
        "the other half of the redirect loop (not in the sitemap)",
    ),
    BrokenPage(
        "tagesblick",
        TB_CHARSET,
        "charset_mismatch",
        200,
        "header says charset=utf-8, body and meta are windows-1252; ground truth in ARTICLES",
    ),
    BrokenPage(
        "tagesblick",
        "/politik/2026/11/19/gutachten-wahlkreisreform.html",
        "slow",
        200,
        "answers with a small article after slow_seconds",
    ),
)


def broken_page(behaviour: str) -> BrokenPage:
    return next(page for page in BROKEN_PAGES if page.behaviour == behaviour)
