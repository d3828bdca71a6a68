"""The vocabulary of the bench corpus: sections, towns, actors, subjects, sentence templates."""

from __future__ import annotations

SECTIONS = (
    ("politik", "Politik"),
    ("wirtschaft", "Wirtschaft"),
    ("energie", "Energie"),
    ("region", "Region"),
    ("verkehr", "Verkehr"),
    ("kultur", "Kultur"),
    ("wetter", "Wetter"),
    ("sport", "Sport"),
)
PLACES = (
    "Lindhaven",
    "Ostwalden",
    "Seebrück",
    "Hallerbach",
    "Neuenwerder",
    "Birkenfelde",
    "Großöhringen",
    "Talheim",
    "Marienau",
    "Kranichsfurt",
    "Obermühl",
    "Wesselfeld",
)
# (nominative, dative, genitive) of who acts in a story.
ACTORS = (
    ("die Stadtverwaltung", "der Stadtverwaltung", "der Stadtverwaltung"),
    ("der Gemeinderat", "dem Gemeinderat", "des Gemeinderats"),
    ("die Landesregierung", "der Landesregierung", "der Landesregierung"),
    ("das Umweltministerium", "dem Umweltministerium", "des Umweltministeriums"),
    ("die Verbraucherzentrale", "der Verbraucherzentrale", "der Verbraucherzentrale"),
    ("der Handelsverband", "dem Handelsverband", "des Handelsverbands"),
    ("der Landkreis", "dem Landkreis", "des Landkreises"),
    ("die Bürgerinitiative", "der Bürgerinitiative", "der Bürgerinitiative"),
    ("der Energieversorger", "dem Energieversorger", "des Energieversorgers"),
    ("die Hafengesellschaft", "der Hafengesellschaft", "der Hafengesellschaft"),
    ("der Wetterdienst", "dem Wetterdienst", "des Wetterdienstes"),
    ("die Gewerkschaft", "der Gewerkschaft", "der Gewerkschaft"),
    ("der Sportverein", "dem Sportverein", "des Sportvereins"),
    ("das Kulturamt", "dem Kulturamt", "des Kulturamts"),
    ("die Verkehrsgesellschaft", "der Verkehrsgesellschaft", "der Verkehrsgesellschaft"),
)
# (nominative, accusative) of what a story is about: projects, so that "umsetzen" fits.
THINGS = (
    ("der Ausbau des Wärmenetzes", "den Ausbau des Wärmenetzes"),
    ("die Sanierung der Hafenbrücke", "die Sanierung der Hafenbrücke"),
    ("das Förderprogramm für Solardächer", "das Förderprogramm für Solardächer"),
    ("die Reform der Grundsteuer", "die Reform der Grundsteuer"),
    ("der Neubau des Hallenbads", "den Neubau des Hallenbads"),
    ("die Verlängerung der Straßenbahnlinie", "die Verlängerung der Straßenbahnlinie"),
    ("das Konzept für die Innenstadt", "das Konzept für die Innenstadt"),
    ("der Umbau des Bahnhofsvorplatzes", "den Umbau des Bahnhofsvorplatzes"),
    ("die Erweiterung des Gewerbegebiets", "die Erweiterung des Gewerbegebiets"),
    ("der Hochwasserschutz am Fluss", "den Hochwasserschutz am Fluss"),
    ("die Modernisierung der Kläranlage", "die Modernisierung der Kläranlage"),
    ("das Windparkprojekt an der Küste", "das Windparkprojekt an der Küste"),
    ("der Bau neuer Sozialwohnungen", "den Bau neuer Sozialwohnungen"),
    ("die Digitalisierung der Schulen", "die Digitalisierung der Schulen"),
    ("der Ausbau der Ladesäulen", "den Ausbau der Ladesäulen"),
    ("die Neuordnung des Busverkehrs", "die Neuordnung des Busverkehrs"),
    ("die Sanierung des Stadions", "die Sanierung des Stadions"),
    ("der neue Winterdienstplan", "den neuen Winterdienstplan"),
)
FEMALE = ("Anna", "Claudia", "Sabine", "Leonie", "Petra", "Katharina", "Nina", "Jana", "Aylin")
MALE = ("Jonas", "Markus", "Tobias", "Ralf", "Mehmet", "Uwe", "Felix", "Dirk", "Bernd", "Stefan")
SURNAMES = (
    "Albers",
    "Brandt",
    "Czerny",
    "Dörfler",
    "Ehlers",
    "Franke",
    "Gerlach",
    "Hoffmann",
    "Jäger",
    "Kuhn",
    "Lorenz",
    "Maier",
    "Nowak",
    "Petersen",
    "Quast",
    "Reimers",
    "Schuster",
    "Thiel",
    "Vogt",
    "Wendt",
    "Yilmaz",
    "Zimmer",
)
# (male, female) forms; "{place}" is filled in.
ROLES = (
    ("Sprecher der Stadtverwaltung", "Sprecherin der Stadtverwaltung"),
    ("Vorsitzender des Bauausschusses", "Vorsitzende des Bauausschusses"),
    ("Geschäftsführer des Handelsverbands", "Geschäftsführerin des Handelsverbands"),
    ("Leiter des Ordnungsamts", "Leiterin des Ordnungsamts"),
    ("Ökonom an der Hochschule Lindhaven", "Ökonomin an der Hochschule Lindhaven"),
    ("Bürgermeister von {place}", "Bürgermeisterin von {place}"),
    ("Fraktionschef der Opposition", "Fraktionschefin der Opposition"),
    ("Experte für Stadtplanung", "Expertin für Stadtplanung"),
)
QUOTES = (
    "Wir haben lange genug gewartet, jetzt muss gehandelt werden",
    "Das ist ein wichtiger Tag für die ganze Region",
    "Niemand darf mit diesen Kosten allein gelassen werden",
    "Wir stehen erst am Anfang eines langen Weges",
    "Die Zahlen sprechen eine deutliche Sprache",
    "Ohne die Unterstützung des Landes wird es nicht gehen",
    "Wir werden jeden Euro zweimal umdrehen",
    "Die Menschen vor Ort erwarten zu Recht schnelle Lösungen",
    "Es gibt keinen Grund zur Panik, aber auch keinen zur Entwarnung",
    "Das Projekt ist ehrgeizig, aber machbar",
)
WEEKDAYS = ("Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag")
MONTHS = ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "September", "Oktober")
DEBATES = ("langen", "hitzigen", "sachlichen", "kontroversen", "mehrstündigen")
VERDICTS = ("überfälligen Schritt", "teuren Irrweg", "Papiertiger", "Etikettenschwindel")
TRENDS = ("leicht positive", "uneinheitliche", "besorgniserregende", "erfreuliche")
SENTENCES = (
    "{Actor} kündigte am {weekday} an, {thing_acc} bis {year} grundlegend zu überarbeiten.",
    "Nach Angaben {actor_gen} sollen in den kommenden Jahren rund {num} Millionen Euro in "
    "{thing_acc} fließen.",
    "{Thing} werde deutlich teurer als ursprünglich geplant, sagte {person}, {role}.",
    "„{quote}“, sagte {person}, {role}.",
    "Kritiker bemängeln seit Langem, dass {thing} in {place} zu wenig Beachtung finde.",
    "Ob {thing} tatsächlich wie geplant umgesetzt werden kann, gilt als offen.",
    "Im vergangenen Jahr lag der Anteil noch bei {pct} Prozent, inzwischen ist er auf {pct2} "
    "Prozent gestiegen.",
    "{Actor} verwies darauf, dass bereits {num3} Anträge eingegangen seien.",
    "Die Entscheidung fiel nach einer {debate} Debatte, in der auch Bürgerinnen und Bürger aus "
    "{place} zu Wort kamen.",
    "Bis Ende {month} soll ein erster Entwurf vorliegen.",
    "Für {thing_acc} sind im Haushalt des kommenden Jahres {num} Millionen Euro vorgesehen.",
    "In {place} hatten zuletzt mehr als {num3} Menschen gegen die Pläne protestiert.",
    "Der Zeitplan gilt als ehrgeizig, zumal Fachkräfte und Material knapp sind.",
    "Mehrere Fraktionen forderten, {thing_acc} noch einmal gründlich zu prüfen.",
    "Die Opposition sprach von einem „{verdict}“.",
    "Die Zahlen für das dritte Quartal zeigen nach Einschätzung von Fachleuten eine {trend} "
    "Entwicklung.",
    "Auf Nachfrage erklärte {actor}, man werde die Vorschläge sorgfältig prüfen.",
    "{Actor} rechnet damit, dass sich die Lage im Laufe des Jahres {year} entspannt.",
    "Zuletzt hatte es in {place} Streit über die Verteilung der Kosten gegeben.",
    "Von den Änderungen sind nach ersten Schätzungen rund {num3} Haushalte betroffen.",
    "{person}, {role}, zeigte sich mit dem bisherigen Verlauf zufrieden.",
    "Eine Sprecherin {actor_gen} wollte sich zu den Einzelheiten zunächst nicht äußern.",
)
# The first sentence of every article: who does what about the story's subject, and where.
LEADS = (
    "{Actor} hat am {weekday} überraschend neue Pläne für {thing_acc} in {place} vorgelegt.",
    "In {place} wird seit Wochen über {thing_acc} gestritten, nun liegt ein Kompromiss vor.",
    "{Thing} in {place} verzögert sich erneut, wie {actor} am {weekday} mitteilte.",
    "Für {thing_acc} in {place} gibt es grünes Licht: {Actor} stimmte am {weekday} zu.",
)
TITLES = (
    "{Place}: {Thing} kommt später als geplant",
    "Streit um {thing_acc} in {place}",
    "{Actor} will {thing_acc} beschleunigen",
    "Millionen für {thing_acc}: {place} legt Pläne vor",
    "Was {thing} für {place} bedeutet",
    "{place} stimmt für {thing_acc}",
    "Neue Zahlen: {Thing} kostet mehr als erwartet",
    "{Thing} in {place}: Kritik wird lauter",
)
SUBHEADINGS = (
    "Kritik aus der Opposition",
    "Wie es weitergeht",
    "Kosten steigen weiter",
    "Reaktionen aus der Region",
    "Was Anwohner wissen müssen",
    "Ein ehrgeiziger Zeitplan",
    "Offene Fragen",
    "Blick in die Nachbarstädte",
    "Die Vorgeschichte",
    "Wer profitiert",
)
LIST_ITEMS = (
    "Sanierung von {n} Schulgebäuden",
    "Neue Radwege auf {n} Kilometern",
    "Zuschüsse für {n} kleine Betriebe",
    "{n} zusätzliche Stellen in der Verwaltung",
    "Modernisierung von {n} Bushaltestellen",
    "{n} neue Ladepunkte im Stadtgebiet",
    "Pflanzung von {n} Straßenbäumen",
)
NAV_TOPICS = tuple(
    f"{word} {place}"
    for word in ("Nachrichten", "Sport in", "Wetter in", "Verkehr in", "Kultur in", "Blaulicht")
    for place in PLACES
)
COOKIE_TEXT = (
    "Wir und unsere Partner speichern Informationen auf Ihrem Gerät, um Inhalte und Anzeigen "
    "zu personalisieren."
)
NEWSLETTER = (
    "Jetzt den kostenlosen Newsletter abonnieren und keine Nachricht aus der Region verpassen."
)
AD_LABEL = "Anzeige"
MOST_READ = "Meistgelesen"
FOOTER = ("Impressum", "Datenschutz", "AGB", "Mediadaten", "© 2026 Regionalzeitung Verlag")
