"""Job titles, academic titles and offices printed next to a name: a writer's in a byline or
an author box, a signer's in a letter's closing signature; a letter's salutation; the kinds of
public body a site's name opens with. Pure, for names.py, credits.py and clean.py."""

from __future__ import annotations

import re
from collections.abc import Sequence

# A person's name as a byline or signature prints it: two to four capitalised words, maybe with
# a name particle ("Anna Berg", "Jana von Stein", "Dr. Ida Korn").
PERSON_NAME = r"[A-ZÄÖÜ][\w'’.-]*(?: (?:von |van |de |zu )?[A-ZÄÖÜ][\w'’.-]*){1,3}"
# The paper's own staff in the dative before a writer's name, maybe with an adjective: "unserem
# Korrespondenten", "unserer Sportreporterin", "unserem Redaktionsmitglied", "unserer freien
# Mitarbeiterin", "unserem Berliner Korrespondenten", "unserem Redaktionsteam-Mitglied". A
# member or a staffer is a writer only after the possessive. Read case-blind.
OWN_STAFF = (
    r"unser(?:em|er|en)\s+(?:[\w-]+(?:en|er)\s+)?(?:[\w-]*(?:mitglied"
    r"|mitarbeiter|korrespondent|redakteur|reporter|kolumnist|volontär|autor)(?:innen|in|ern|en"
    r"|er)?|redaktionsleiter(?:in)?)"
)
# A name alone on a line, as a signature prints it ("Theresa Oberhuber", "JAN VON STEIN").
LONE_NAME_RE = re.compile(PERSON_NAME)
# The writer's initials in brackets before the name on a signature line: "(hk) Herta Kofler".
SIGNING_INITIALS = r"\([a-zäöü]{1,4}\)\s*"
# A host as printed in a byline or signature: "mein-dorf.de", "www.talbote.at".
HOST_RE = re.compile(r"(?:www\.)?[\w-]+(?:\.[\w-]+)*\.[a-z]{2,6}", re.IGNORECASE)

# A club's or a body's officer who reports on its doings, as the compound of the office's head
# noun shows it: "Pressewart", "Jugendleiter", "Schriftführerin", "Abteilungsvorsitzender",
# "Pressesprecherin", "Jugendbeauftragte", "Sportreferent". The head noun alone ("Leiter",
# "Sprecher") is also a surname, so the office word has a first part of three letters or more.
CLUB_OFFICER = (
    r"\w{3,}(?:leiter(?:in)?|wart(?:in)?|führer(?:in)?|vorsitzende[rn]?|sprecher(?:in)?"
    r"|beauftragte[rn]?|referent(?:in)?)"
)
# A writer's job title, one word, maybe a compound ("Innenpolitik-Redakteurin",
# "FOCUS-online-Redakteurin", the Swiss "Redaktorin", "Chefredakteur", "Auslandskorrespondentin",
# "Ressortleiter", "Gastautorin", "Fachberaterin"). A bare "Leiter" is also a surname:
# `without_job_title` takes it for a title before another word only.
_JOB_TITLE_RE = re.compile(
    r"(?:[\w]+-)*\w*(?:redakteur|redaktor|korrespondent|reporter|journalist|kolumnist|volontär"
    r"|moderator)(?:in|en|innen)?"
    r"|(?:[\w]+-)*(?:gast|co-?|mit)?autor(?:in|en|innen)?"
    r"|(?:[\w]+-)*(?:ressort|redaktions|abteilungs|team|büro|projekt|bereichs)?leiter(?:in)?"
    rf"|{CLUB_OFFICER}"
    # An adviser: "Fachberaterin", "Ernährungsberater"; a bare "Berater" is also a surname.
    r"|\w{3,}berater(?:in|innen)?"
    r"|correspondent|columnist",
    re.IGNORECASE,
)
_BARE_LEITER = frozenset(("leiter",))
_CLUB_OFFICER_RE = re.compile(CLUB_OFFICER, re.IGNORECASE)


def _job_title(words: Sequence[str], index: int) -> bool:
    word = words[index].strip(",;")
    if not _JOB_TITLE_RE.fullmatch(word):
        return False
    # An officer's word as the second and last word is a surname ("Lena Markwart"): a title
    # after a first name alone would leave no name.
    if len(words) == 2 == index + 1 and _CLUB_OFFICER_RE.fullmatch(word):
        return False
    return word.casefold() not in _BARE_LEITER or index < len(words) - 1


def without_job_title(words: list[str]) -> list[str]:
    """The words of a name without the job title printed with it, and without what follows
    the title (its desk): "Katrin Weber Innenpolitik-Redakteurin" and "Katrin Weber Leiterin
    Lokales" are "Katrin Weber", "Auslandskorrespondentin Katrin Weber" is "Katrin Weber". A
    title alone with a word ("Freie Autorin") leaves one word, which names nobody."""
    # An office before a name of two words or more: "Pfarrerin Ida Lenz", "Trainer Jan Ohm".
    if words and (_job_title(words, 0) or (len(words) >= 3 and _OFFICE_RE.fullmatch(words[0]))):
        words = words[1:]
    cut = next((i for i in range(1, len(words)) if _job_title(words, i)), None)
    return words if cut is None else words[:cut]


# An office printed before a signer's name, in a greeting signature's name line ("Pfarrer Tobias
# Rehmann", "Bürgermeisterin Dr. Anna Berger", "Pastorin Ida Lenz", "Ortsvorsteher A").
SIGNER_OFFICE = (
    r"(?:Pfarrer|Pastor|Diakon|Dekan|Superintendent|Prädikant|Bürgermeister|Oberbürgermeister"
    r"|Ortsvorsteher|Ortsbürgermeister|Landrat|Landrätin|Vorsitzender|Vorsitzende|Präsident"
    r"|Direktor|Rektor|Schulleiter|Trainer|Obmann|Obfrau|Kaplan|Vikar|Pater|Bischof)(?:in)?"
)

# A profession printed before a name, no part of it: the word ("Rechtsanwältin Ida Lenz",
# "Steuerberater Jan Ohm", "Notarin A") or its abbreviation ("RAin Ida Lenz", "RA", "RAe" for
# several, "RAuN" with a notary's office, "StB", "WP"), which `names` strips like an academic
# title.
PROFESSION = (
    r"(?:(?:Rechts|Fach|Patent)anw(?:alt|ältin)|Steuerberater(?:in)?|Notar(?:in)?"
    r"|Wirtschaftsprüfer(?:in)?)"
)
PROFESSION_ABBREVIATION = r"(?:RA(?:in|e)?|RAuN|StB|WP|vBP)"
# Academic titles before the name, no part of it: "Dr. med.", "Prof. Dr.-Ing.", "PD Dr.",
# "Dipl.-Ing. (FH)" (the kind of school the degree is from), "Dipl.-Wirt.-Ing.", "Dipl.-Ing.
# agr." (the degree's field); so are the abbreviations of a profession ("RAin", "StB"), and
# the Austrian feminine forms ("Mag.a", "Mag.ª", "Mag.(a)", "Dr.in"), and a religious sister's
# "Sr.".
ACADEMIC_TITLE_RE = re.compile(
    rf"^(?:(?:(?:Prof|Dr)\.in(?=\s)|Sr\.|(?:Prof|Dr|PD)\.?(?:-Ing\.)?|{PROFESSION_ABBREVIATION}"
    r"|(?:Priv\.-Doz|Dipl(?:\.-[A-ZÄÖÜ]\w{0,9})+|Mag|Jun\.-Prof)\.(?:ª|a(?=\s)|\(a\))?)"
    r"(?:\s*(?:med|phil|rer\.\s*nat|rer\.\s*pol|jur|habil|dent|vet|h\.\s*c|ing|oec|agr|troph"
    r"|hort|silv|theol|paed|päd)\.)*"
    r"(?:\s*mult\.)?(?:\s*\((?:FH|TH|TU|BA|DH|Univ\.?)\))?\s+)+(?=\S)"
)
# Degrees printed after a name, no part of it: "Sandra Weil M. Sc.", "Jan Ohm, LL.M.", "Ida
# Korn MBA", "A, M.A.", "A PhD", the Austrian "A BSc"; so are a seat in a parliament ("A MdL",
# "A MdB", "A MdEP") and a religious order ("Sr. A OSF", "P. A SJ", "A OSB").
DEGREE = (
    r"(?<![\w.])(?:[BM]\.\s?(?:Sc|A|Eng|Ed)\.|LL\.\s?[BM]\.|Ph\.\s?D\."
    r"|(?:MBA|MPA|MPH|PhD|BSc|MSc|BEd|MEd|MA|BA|LLM|Md(?:[ABL]|EP|HB|BB)|MEP"
    r"|OSB|OSF|OFM(?:Cap|Conv)?|SJ|OP|OCist|OCD|OSA|SDB|SVD|SAC|CSsR|MSC|OPraem|SSpS|OSU)\b)"
)

# An elected member's office printed before the name: "Stadtrat Jan Ohm", "Kreisrätin Dr. Ida
# Lenz", "Landtagsabgeordnete Ida Lenz", "Ratsfrau A".
ELECTED_OFFICE = (
    r"(?:Stadt|Kreis|Gemeinde|Orts|Ortschafts|Bezirks|Samtgemeinde|Verbandsgemeinde|Markt)"
    r"r(?:at|ätin)|(?:Landtags|Bundestags|Europa)?[Aa]bgeordnete[rn]?|Stadtverordnete[rn]?"
    r"|Beigeordnete[rn]?|Rats(?:herr|frau|mitglied)|Kreistagsmitglied"
)

_OFFICE_RE = re.compile(f"{SIGNER_OFFICE}|{PROFESSION}|{ELECTED_OFFICE}")

# A closing greeting with the signer's office and name on one line: "Ihr Pfarrer Mag. Michael
# Gruber", "Ihre Bürgermeisterin Anna Berger", "Herzlich, Euer Pastor Jan Ohm".
GREETING_SIGNER_RE = re.compile(
    r"^(?:(?:Herzlich(?:st)?|(?:Mit )?(?:herzlichen|freundlichen|besten|lieben) Grüßen"
    r"|(?:Herzliche|Viele|Liebe|Beste) Grüße),?\s+)?(?:Ihr|Ihre|Euer|Eure|Dein|Deine)\s+"
    rf"{SIGNER_OFFICE}\s+(?P<name>{PERSON_NAME})[.!]?$"
)


# A letter's salutation, a line of its own opening the text: a short address closed by a comma
# ("Liebe Gemeinde,", "Liebe Leserinnen und Leser,", "Sehr geehrte Damen und Herren,", "Dear
# readers,"), or an exclamation mark after addresses only ("Liebe Gemeinde, liebe Schwestern
# und Brüder!"). A prompt addressing the reader goes on after the address ("Liebe Leserin,
# lieber Leser, bitte loggen Sie sich ein …", "Liebe Leser, jetzt abonnieren!"): no salutation.
SALUTATION_RE = re.compile(
    r"^(?:Liebe[rs]?|Sehr geehrte[rs]?|Hallo|Guten (?:Tag|Morgen|Abend)|Grüß Gott|Servus|Moin"
    r"|Dear|Hello|Hi)\b[^.!?:;]{0,60},$"
    r"|^(?:Liebe[rs]?|Sehr geehrte[rs]?) [^.!?:;,]{2,40}(?:, (?:liebe[rs]?|sehr geehrte[rs]?)"
    r" [^.!?:;,]{2,40})*!$"
)


# First words of a letter's closing formula or of thanks, capitalised like a name ("Vielen
# Dank", "Herzliche Grüße", "Ihr Vorstand", "Ein Dankeschön", "Großer Dank"): no signature.
CLOSING_FORMULA_WORDS = frozenset(
    (
        *("vielen", "viele", "herzlichen", "herzliche", "beste", "besten", "liebe", "lieben"),
        *("schöne", "frohe", "gute", "danke", "ihr", "ihre", "euer", "eure", "dein", "deine"),
        *("ein", "eine", "großer", "großen", "großes", "dank"),
    )
)


# A contributor's signature naming the site or paper the text is written for: "Anneliese Gruber
# für mein-dorf.de", "Jonas Ebert für die Talbote", "Ada Lenz for example.com". The name is two
# to four capitalised words; the site a host, or words spelling the site's name. After a dash
# or a comma, the writer may sign for any body named in capitalised words: "— A, für den
# Bürgerverein Lindenhof", "– A für die Freiwillige Feuerwehr Talheim", "— A, für den Vorstand".
_SIGNED_FOR_RE = re.compile(
    rf"^(?P<dash>[-–—]\s*)?(?P<name>{PERSON_NAME})(?P<comma>,)?\s+(?:für|for)"
    r"\s+(?P<article>(?:das|die|den|der|the)\s+)?(?P<site>[^\s,;:]+(?:\s+[^\s,;:]+){0,3}?)\.?$"
)
# The name of a body: capitalised words, maybe joined by the small words of a name.
_BODY_NAME_RE = re.compile(r"[A-ZÄÖÜ][\w.-]*(?:\s+(?:(?:der|des|am|im)\s+)?[A-ZÄÖÜ][\w.-]*){0,3}")
# A body of one word that names a group of people by its head noun: "Pfarrgemeinderat",
# "Elternbeirat", "Vorstand", "Förderverein", "Festausschuss", "Orgateam", "Kirchenchor",
# "Helferkreis". A thing thanked for ("Hilfe", "Einsatz") is none.
GROUP_WORD_RE = re.compile(
    r"\w*(?:vorstand|verein|ausschuss|team|kreis|chor|verband|gruppe|redaktion|komitee"
    r"|kuratorium)|\w{3,}rat",
    re.IGNORECASE,
)


def signed_for(text: str, site_keys: frozenset[str], *, set_apart: bool = False) -> str | None:
    """The name a signature "Name für <site>" gives (see `_SIGNED_FOR_RE`); None for any other
    line ("Mehr Geld für die Schule" names no site). `site_keys` are the site's name keys.
    `set_apart`: the line is set apart from the text (a paragraph in italics or aligned right)
    or opens with a known author's name, so no dash or comma need mark a signature for a body
    of more words or of one naming a group ("Ida Lenz für den Pfarrgemeinderat")."""
    match = _SIGNED_FOR_RE.match(text.strip())
    if match is None or match.group("name").split()[0].casefold() in CLOSING_FORMULA_WORDS:
        return None
    site = match.group("site")
    # The site's name keyed as `pipelines.tree.text_key` keys it (tree imports this module).
    if HOST_RE.fullmatch(site) or "".join(filter(str.isalnum, site.casefold())) in site_keys:
        return match.group("name")
    # A body of one word only after both a dash and a comma: "— Vielen Dank für die Hilfe" is
    # thanks. A comma alone is enough before a body of more words (a dash "- " at the start of
    # a line may be read as a list's bullet and lost).
    dash, comma = bool(match.group("dash")), bool(match.group("comma"))
    group = set_apart and GROUP_WORD_RE.fullmatch(site) is not None
    if (
        match.group("article")
        and _BODY_NAME_RE.fullmatch(site)
        and ((dash and comma) or ((dash or comma or set_apart) and " " in site) or group)
    ):
        return match.group("name")
    return None


# The kind of body a site's name says it is, before the word of its own that the host spells:
# "Universität Lahnfeld" for uni-lahnfeld.de, "Stadt Eschenau" for eschenau.de, "Landkreis
# Seenland", "Klinikum Talheim". Case folded.
_INSTITUTION_KINDS = frozenset(
    (
        *("universität", "hochschule", "fachhochschule", "university", "college", "akademie"),
        *("institut", "stadt", "gemeinde", "markt", "landkreis", "kreis", "bezirk", "kanton"),
        *("bistum", "erzbistum", "landeskirche", "klinikum", "museum", "stiftung", "stadtwerke"),
        *("kirchengemeinde", "pfarrgemeinde", "pfarrei", "kirchenkreis", "dekanat"),
    )
)


def is_institution_kind(word: str) -> bool:
    """True for a word naming a kind of public body (see `_INSTITUTION_KINDS`)."""
    return word.casefold() in _INSTITUTION_KINDS


# The words naming the kind of site after a word of its host's label: "Lindenhof-Blog",
# "Talheim Online". Case folded.
_SITE_KINDS = frozenset(("blog", "online", "news", "magazin", "portal", "journal", "aktuell"))


def is_site_kind(word: str) -> bool:
    """True for a word naming a kind of website (see `_SITE_KINDS`)."""
    return word.casefold() in _SITE_KINDS
