"""Fixture articles of the aggregator host: a WordPress site republishing RT-style content.

All German text here is written for the fixtures; people, towns and events are fictional.
"""

from __future__ import annotations

from datetime import UTC, datetime

from crawler.demoweb.content_rt import RT6, RT6_BODY, RT6_TITLE
from crawler.demoweb.fixture import (
    CHROME,
    METADATA,
    PROMO,
    TEASER,
    Block,
    FixtureArticle,
    H,
    Junk,
    P,
    local_dt,
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
    pub = local_dt(published, UTC)
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

AGGREGATOR_ARTICLES = (
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
        RT6_BODY,
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
