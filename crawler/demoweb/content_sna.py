"""Fixture articles of the sna host: an imitation of SNA News, Sputnik's German service.

All German text here is written for the fixtures; people, towns and events are fictional.
"""

from __future__ import annotations

from datetime import datetime

from crawler.demoweb.fixture import (
    CHROME,
    MEDIA,
    METADATA,
    MSK,
    TEASER,
    Block,
    Figure,
    FixtureArticle,
    H,
    Junk,
    P,
    local_dt,
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
    pub = local_dt(published, MSK)
    mod = local_dt(modified, MSK) if modified else None
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

SNA_ARTICLES = (
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
