"""Line rules for furniture classes seen on unseen publishers' pages, as data for clean.py.

Each rule is phrased for the class (the shape a publisher's widget gives its text), never for
one site's wording: a broadcast line names a programme and a time, a shop block a price and a
call to buy, a login prompt asks the reader to log in to comment. Same format as
clean_rules.PHRASE_RULES: (rule, pattern, max words, gate substrings).
"""

from __future__ import annotations

import re

from pipelines.clean_rules import Rule

_I = re.IGNORECASE

# A date or a time of day, as a broadcast line gives it ("28.04.2023", "15:10 Uhr", "19.00 Uhr").
_WHEN = (
    r"(?:\d{1,2}[:.]\d{2}\s*Uhr|\d{1,2}\.\s*\d{1,2}\.\s*\d{2,4}"
    r"|\d{1,2}\.\s+[A-ZÄÖÜ][a-zä]+\s+\d{4})"
)
_SOCIAL_NETWORKS = (
    r"(?:Facebook|Instagram|TikTok|Twitter|X|Threads|Mastodon|Bluesky|YouTube|LinkedIn"
    r"|WhatsApp|Telegram|Snapchat|Pinterest|Xing)(?:-Kanal)?"
)

MORE_PHRASE_RULES: tuple[tuple[Rule, re.Pattern[str], int, tuple[str, ...]], ...] = (
    (
        # A label leading other articles' headlines: "Mehr zum Spieltag:", "Mehr Themen auf
        # site.de", "Mehr aus Ausland", "Weitere Nachrichten", "Top-Themen". A noun of news
        # items or a preposition must follow "Mehr"/"Weitere", so "Mehr Geld für Kitas" stays.
        Rule.MORE_TOPICS,
        re.compile(
            r"^(?:(?:Noch )?Mehr|Weitere|Aktuelle|Neueste|Top)(?:[- ](?:Themen|Nachrichten"
            r"|Artikel|Beiträge|Meldungen|News|Stories|Videos|Berichte))?(?:\s+(?:zu|zum|zur"
            r"|aus|von|vom|über|auf|im|in|rund um)\s+[^!?]{0,39}[^.!?\s])?\s*:?$"
            r"|^(?:Top|Mehr|Weitere)[- ](?:Themen|Nachrichten|Artikel|Beiträge|Meldungen|News)"
            r"\s*:?$",
        ),
        6,
        (),
    ),
    (
        # "Sendung: Südfunk Aktuell, 28.04.2023, 15:10 Uhr", "Sendungshinweis: „Wien heute“,
        # 12.3.2025, 19.00 Uhr", "Dieses Thema im Programm: … | 19:30 Uhr".
        Rule.BROADCAST,
        re.compile(
            r"^(?:Sendung|Sendungshinweis|Sendetermin|Sendezeit|Ausstrahlung|Sendehinweis"
            r"|(?:Dieses|Das) Thema im Programm|Über dieses Thema (?:berichtete|berichten)"
            r"|Zu (?:sehen|hören) (?:in|im|bei|am)|(?:Dieser|Der) (?:Beitrag|Bericht|Film)"
            r" (?:lief|läuft|kommt|wurde (?:gesendet|ausgestrahlt)))\b.{0,200}?" + _WHEN,
            _I,
        ),
        35,
        (),
    ),
    (
        # The same as a bare source line: programme, date and time, perhaps an agency credit
        # ("Regionaljournal Basel, 18.6.2025, 12:03 Uhr; sda/mila").
        Rule.BROADCAST,
        re.compile(
            r"^[^.!?,;]{3,60},\s*\d{1,2}\.\s*\d{1,2}\.\s*\d{2,4},?\s*\d{1,2}[:.]\d{2}\s*Uhr"
            r"(?:\s*[;,|]\s*[\w/ .-]{1,30})?$",
        ),
        14,
        ("uhr",),
    ),
    (
        # An audio or video item: its duration and the programme it comes from ("01:47 min,
        # aus Regionaljournal Basel vom 18.06.2025.").
        Rule.MEDIA_PLAYER,
        re.compile(
            r"(?<!\d)\d{1,2}:\d{2}\s*(?:min|Min\.?|Minuten)\b.{0,80}\bvom\s+\d{1,2}\.\s*\d{1,2}\."
            r"\s*\d{2,4}",
        ),
        25,
        ("min",),
    ),
    (
        # Labelled dates only: "Erstellt: 20.08.2024, 08:15 Uhr · Aktualisiert: 20.08.2024".
        Rule.TIMESTAMP,
        re.compile(
            r"^(?:(?:Erstellt|Veröffentlicht|Publiziert|Aktualisiert|Zuletzt aktualisiert|Stand"
            r"|Update|Geändert)(?:\s+am)?\s*:?\s*(?:[A-Z][a-z]{1,9}\.?,?\s*)?\d{1,2}\.\s*"
            r"(?:\d{1,2}\.|[A-ZÄÖÜ][a-zä]+\.?)\s*\d{2,4}(?:,?\s*(?:um\s*)?\d{1,2}[:.]\d{2}"
            r"(?:\s*Uhr)?)?\s*[·|,;/-]?\s*){2,}$",
            _I,
        ),
        20,
        (),
    ),
    (
        Rule.CITATION,
        re.compile(
            r"^(?:Zitiervorschlag|Zitierweise|Empfohlene Zitierweise|Zitieren als|Zitation)"
            r"\s*:",
            _I,
        ),
        60,
        (),
    ),
    (
        # Asking the reader to log in to comment: "Du musst dich EINLOGGEN, um hier mitreden zu
        # können", "Zum Kommentieren müssen Sie eingeloggt sein", "Sie müssen angemeldet sein,
        # um posten zu können".
        Rule.LOGIN,
        re.compile(
            r"^(?=.*\b(?:kommentar\w*|kommentieren|mitzudiskutieren|mitdiskutieren|mitreden"
            r"|mitzureden|posten|postings?|diskutieren|diskussion)\b)(?=.*\b(?:einloggen"
            r"|einzuloggen|anmelden|anzumelden|eingeloggt|angemeldet|registrieren|login"
            r"|melden sie sich an|melde dich an|loggen sie sich ein|logge dich ein)\b)"
            r"(?=.*\b(?:du|dich|sie|ihr|bitte)\b)",
            _I,
        ),
        22,
        ("einlog", "loggen", "anmeld", "eingeloggt", "angemeldet", "registrier", "login", "melden"),
    ),
    (
        # A question to the reader about this article: "Ihre Meinung ist uns wichtig", "Wie
        # hat Ihnen dieser Artikel gefallen?", "War dieser Artikel hilfreich?", "Haben Sie
        # einen Fehler entdeckt?".
        Rule.FEEDBACK,
        re.compile(
            r"^(?:Ihre Meinung (?:ist uns wichtig|zählt)|Deine Meinung (?:ist uns wichtig"
            r"|zählt)|Wie (?:hat|gefällt|fanden) (?:Ihnen|dir|Sie) (?:dieser|der|dieses|diese"
            r"|den) (?:Artikel|Beitrag|Text)|(?:Hat|Haben) (?:Ihnen|dir) (?:dieser|der|die"
            r"|dieses) (?:Artikel|Beitrag|Text|Beiträge) gefallen|War (?:dieser|der|dieses)"
            r" (?:Artikel|Beitrag|Text) (?:hilfreich|interessant|lesenswert)"
            r"|Feedback zu (?:diesem|dem) (?:Artikel|Beitrag|Text)"
            r"|(?:Haben Sie|Hast du) (?:einen )?Fehler (?:entdeckt|gefunden|bemerkt)"
            r"|Fehler (?:entdeckt|gefunden)\s*\?|(?:Bewerten|Bewerte) (?:Sie )?(?:diesen|den)"
            r" (?:Artikel|Beitrag))",
            _I,
        ),
        40,
        (),
    ),
    (
        # Affiliate disclosure: "Affiliate-Link: Beim Kauf erhalten wir eine Provision".
        Rule.PROMO_SHOP,
        re.compile(
            r"\b(?:Affiliate|Partner|Provisions|Werbe)-?Links?\b|\b(?:erhalten|bekommen)"
            r" (?:wir|der Verlag|die Redaktion) (?:ggf\. |gegebenenfalls |unter Umständen )?"
            r"eine (?:kleine )?Provision",
            _I,
        ),
        40,
        ("link", "provision"),
    ),
    (
        # A price line of a shop box: "449,00 €", "24,90 € inkl. MwSt.", "Jetzt für 54,99 €
        # statt 79,99 € bei Amazon*".
        Rule.PROMO_SHOP,
        re.compile(
            r"^(?:(?:Jetzt|Nur|Ab|Schon ab)\s+)?(?:für\s+)?(?:\d{1,5}(?:[.,]\d{2})?\s*(?:€|Euro"
            r"|EUR)|(?:€|EUR)\s*\d{1,5}(?:[.,]\d{2})?)(?:\s*(?:statt|inkl\.?|zzgl\.?|UVP|bei"
            r"|\*|\()[^.!?]*(?:MwSt\.)?)?\s*\*?$",
            _I,
        ),
        12,
        (),
    ),
    (
        # The shop box's call to buy and its labels: "Jetzt beim Händler ansehen", "Zum
        # Angebot", "In den Warenkorb", "Aus unserem Shop", "Blitzangebot".
        Rule.PROMO_SHOP,
        re.compile(
            r"^(?:(?:Jetzt|Hier|Direkt)\s+(?:\S+\s+){0,3}(?:ansehen|kaufen|bestellen"
            r"|vorbestellen|shoppen|sichern|eröffnen|buchen|vergleichen)"
            r"|Zum (?:Angebot|Shop|Produkt|Deal|Händler)|In den (?:Warenkorb|Einkaufswagen)"
            r"|Aus unserem Shop|(?:Blitz|Tages|Top)[- ]?(?:angebot|deal))\W*$",
            _I,
        ),
        8,
        (),
    ),
    (
        # Asking the reader to follow the site on two or more networks: "Folge TechWelt auch
        # auf Mastodon, Bluesky und Instagram!", "Bleiben Sie informiert: Der Morgenkurier auf
        # WhatsApp, Instagram und Threads." A report that someone posted on Facebook and
        # Instagram addresses no reader and stays.
        Rule.PROMO_SOCIAL,
        re.compile(
            r"^(?=.*\b(?:uns|Folg(?:e|t|en Sie)|folg(?:e|t)|Bleib(?:e|t|en Sie)|Diskutier(?:e|t"
            r"|en Sie)|Abonnier(?:e|t|en Sie)|Besuch(?:e|t|en Sie)|Social Media)\b)"
            r"(?=.*\b" + _SOCIAL_NETWORKS + r"\b.*\b" + _SOCIAL_NETWORKS + r"\b"
            r"|.*\b(?:bei|auf|in) (?:den )?Social Media\b)",
        ),
        25,
        (
            "facebook",
            "instagram",
            "tiktok",
            "twitter",
            "threads",
            "mastodon",
            "bluesky",
            "youtube",
            "linkedin",
            "whatsapp",
            "telegram",
            "social media",
        ),
    ),
)

# A credit label glued to the previous block's text by a naive join ("1 / 6Foto: Anna Beispiel",
# "…Ladens.Bild: …"): the line is split before the label.
GLUED_CREDIT_RE = re.compile(r"(?<=[\w.)])(?=(?:Foto|Fotos|Bild|Bilder|Credit)\s*:\s*\S)")
# The editor's initials closing the last paragraph, a tech news convention: "… nicht. (tlz)".
TRAILING_INITIALS_RE = re.compile(r"\s*\(([a-z]{2,5})(?:/[a-z]{2,5})?\)$")
