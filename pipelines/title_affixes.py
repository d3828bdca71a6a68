"""Affixes a CMS glues to a <title> with underscores: "Headline_Section_Site"."""

from __future__ import annotations

import re

# An underscore between two words: no headline writes one, CMSs join the <title>'s parts so.
_GLUED_RE = re.compile(r"(?<=\w)_(?=\w)")
# The most words a glued section or site name has, and the fewest a headline before it has.
_AFFIX_WORDS = 5
_HEADLINE_WORDS = 3


def without_glued_affixes(title: str) -> str:
    """`title` without the parts glued after it by underscores when each is a name (a section,
    the site, its host: "…am Netz_Wirtschaft_Fernost Welle Deutsch", "…_German.TQR.cn"): a
    capitalised phrase of a few words, or a host name. A short first part is the site's, before
    the headline ("Site_Deutsch_Headline"), and stays."""
    if "_" not in title:
        return title
    parts = _GLUED_RE.split(title)
    if len(parts) < 2 or len(parts[0].split()) < _HEADLINE_WORDS:
        return title
    if all(_is_name(part) for part in parts[1:]):
        return parts[0].strip()
    return title


def _is_name(part: str) -> bool:
    words = part.split()
    if not words or len(words) > _AFFIX_WORDS:
        return False
    host = len(words) == 1 and "." in part.strip(".")
    initials = [word[:1] for word in words if word[:1].isalpha()]
    return host or (bool(initials) and all(initial.isupper() for initial in initials))


def is_body_name(text: str) -> bool:
    """A name of two words or more, each capitalised, in one part ("Evangelische Kirchengemeinde
    Talheim"): no phrase ("Studis gegen X") nor parts behind a separator."""
    words = text.split()
    return len(words) > 1 and all(word[:1].isupper() for word in words)
