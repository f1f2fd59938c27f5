"""Normalised keys the record compares: names without titles, parties, pledge terms.

Everything here is a pure function of strings, so resolution and clustering rules can
be tested without a database.
"""

from __future__ import annotations

import re
import unicodedata

# Titles dropped from a name before comparing, and the gender some of them imply
# ("Ms Reeves" is never "Mr Reeves").
FEMALE_TITLES = frozenset({"ms", "mrs", "miss", "dame", "lady", "baroness"})
MALE_TITLES = frozenset({"mr", "sir", "lord"})
NEUTRAL_TITLES = frozenset({"dr", "prof", "professor", "cllr", "councillor", "rev", "mx"})
TITLES = FEMALE_TITLES | MALE_TITLES | NEUTRAL_TITLES
# Capitalised at the start of a sentence, yet never a name.
# Longer mentions are descriptions with a name inside ("Liberal Democrat candidate Sarah Whitfield").
MAX_ALIAS_WORDS = 4
# Lower-case words that belong inside names ("Ursula von der Leyen").
NAME_PARTICLES = frozenset({"de", "der", "den", "van", "von", "du", "da", "di", "le", "la", "bin", "al"})
PRONOUNS = frozenset({"she", "he", "they", "it", "we", "i", "her", "him", "them", "his", "their", "its"})

# Canonical UK party names by every spelling a story uses; the value is what filters
# (--party Labour) and pledger keys compare.
PARTY_NAMES = {
    "labour": "Labour",
    "labour party": "Labour",
    "conservative": "Conservative",
    "conservatives": "Conservative",
    "conservative party": "Conservative",
    "tory": "Conservative",
    "tories": "Conservative",
    "liberal democrat": "Liberal Democrats",
    "liberal democrats": "Liberal Democrats",
    "lib dem": "Liberal Democrats",
    "lib dems": "Liberal Democrats",
    "snp": "SNP",
    "scottish national party": "SNP",
    "green": "Green",
    "greens": "Green",
    "green party": "Green",
    "reform": "Reform UK",
    "reform uk": "Reform UK",
    "plaid cymru": "Plaid Cymru",
    "dup": "DUP",
    "democratic unionist party": "DUP",
    "sinn fein": "Sinn Féin",
    "sinn féin": "Sinn Féin",
    "alliance party": "Alliance",
}

# Words too common in pledges to tell two of them apart.
STOP_WORDS = frozenset(
    """a an and are as at be been but by can could do does doing done for from had has have if in into is it its
    more most not of on or our so such than that the their them then there these they this those to up us was we
    were what when which while who will with would should shall may might must also just very any all every each
    new ensure make made keep take bring forward set per cent percent""".split()
)
_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")
_SUFFIXES = ("ations", "ation", "ings", "ing", "ions", "ion", "ies", "ied", "ers", "er", "ed", "es", "s")


def fold(value: str) -> str:
    """Lower-case, accents and curly quotes folded, whitespace collapsed."""
    decomposed = unicodedata.normalize("NFKD", value.replace("’", "'"))
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(plain.lower().split())


def name_words(name: str) -> tuple[str | None, list[str]]:
    """Split a name into its title (if any) and its folded words, possessive dropped."""
    words = [word.strip(".,;:") for word in fold(name).removesuffix("'s").split()]
    words = [word for word in words if word]
    title = None
    while words and words[0] in TITLES:
        title = title or words[0]
        words = words[1:]
    return title, words


def name_key(name: str) -> str:
    """The comparison key of a name: folded, titles dropped ("Ms Rachel Reeves" -> "rachel reeves")."""
    _, words = name_words(name)
    return " ".join(words) or fold(name)


def surname_key(name: str) -> str | None:
    """The last word of a person's name, or None for a description ("the shadow chancellor")."""
    if is_description(name):
        return None
    _, words = name_words(name)
    return words[-1] if words else None


def title_gender(name: str) -> str | None:
    """"female" or "male" when the name's title says so ("Ms Reeves"), else None."""
    title, _ = name_words(name)
    if title in FEMALE_TITLES:
        return "female"
    if title in MALE_TITLES:
        return "male"
    return None


def is_description(name: str) -> bool:
    """True for a role written in lower case ("shadow chancellor", "the mayor"), not a name."""
    stripped = name.strip()
    return not stripped or stripped[0].islower() or fold(stripped).startswith(("the ", "a ", "an "))


def is_alias(mention: str, surname: str | None = None) -> bool:
    """True when a mention is a short name worth keeping as an alias.

    Not "She", not "the party", not a whole description ("Tom Ashby, the Labour leader
    of the council,", "Green councillor Priya Nandra"); for a person (``surname`` given) it must end in the surname.
    """
    stripped = mention.strip()
    if len(stripped) <= 2 or not stripped[0].isupper() or is_description(stripped) or "," in stripped:
        return False
    words = stripped.split()
    if fold(stripped) in PRONOUNS or len(words) > MAX_ALIAS_WORDS:
        return False
    if any(word[0].islower() and word not in NAME_PARTICLES for word in words):
        return False
    return surname is None or surname_key(stripped) == surname


def party_name(value: str | None) -> str | None:
    """The canonical party for an affiliation or speaker name ("Tory" -> "Conservative"), or None."""
    if not value:
        return None
    key = fold(value).removeprefix("the ")
    return PARTY_NAMES.get(key)


def pledger_key(pledger: str) -> str:
    """What pledges are grouped by: the party for any spelling of one, else the folded name."""
    return party_name(pledger) or name_key(pledger)


def terms(text: str) -> set[str]:
    """Content-word stems of a phrase, for comparing two pledges' actions."""
    return {_stem(word) for word in _WORD.findall(fold(text)) if word not in STOP_WORDS and len(word) > 2}


def common_terms(text: str) -> set[str]:
    """The terms of words written in lower case: what a pledge does, not the places it names."""
    return {_stem(fold(word)) for word in _WORD.findall(text) if word[0].islower()} & terms(text)


def _stem(word: str) -> str:
    """A light suffix strip ("jobs" -> "job", "trains" -> "train"); no dictionary to load."""
    word = word.removesuffix("'s")
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def dice(first: set[str], second: set[str]) -> float:
    """Dice similarity of two term sets (0 when both are empty)."""
    if not first or not second:
        return 0.0
    return 2 * len(first & second) / (len(first) + len(second))
