"""Fixture articles of the rt host (and its mirror): an imitation of RT DE.

All German text here is written for the fixtures; people, towns and events are fictional.
"""

from __future__ import annotations

from datetime import UTC, datetime

from crawler.demoweb.fixture import (
    CET,
    CHROME,
    MEDIA,
    METADATA,
    TEASER,
    Block,
    Figure,
    FixtureArticle,
    G,
    H,
    Junk,
    P,
    Q,
    as_block,
    local_dt,
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
    pub = local_dt(published, UTC)
    media = [Junk(MEDIA, "alt_text", (figure.alt,))]
    if figure.caption:
        media.append(Junk(MEDIA, "caption", (figure.caption,)))
    if figure.credit:
        media.append(Junk(MEDIA, "photo_credit", (figure.credit,)))
    summary = as_block(layout[0]).text
    return FixtureArticle(
        host="rt",
        path=path,
        title=title,
        layout=layout,
        published=pub,
        modified=local_dt(modified, UTC) if modified else None,
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
RT6_BODY = (
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

RT_ARTICLES = (
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
            *RT6_BODY,
            _more(RT1_TITLE, RT1),
            _more(RT3_TITLE, RT3, "-"),
        ),
    ),
)
