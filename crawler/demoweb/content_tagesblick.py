"""Fixture articles of the tagesblick host: a generic regional news site.

All German text here is written for the fixtures; people, towns and events are fictional.
"""

from __future__ import annotations

from datetime import datetime

from crawler.demoweb.fixture import (
    CET,
    CHROME,
    LI,
    MEDIA,
    METADATA,
    PROMO,
    TEASER,
    Block,
    Figure,
    FixtureArticle,
    H,
    Junk,
    P,
    Q,
    local_dt,
)

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
    pub = local_dt(published, CET)
    mod = local_dt(modified, CET) if modified else None
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

TAGESBLICK_ARTICLES = (
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
