"""Word lists for speaker resolution: pronouns, honorifics, role nouns, parties, groups.

Everything here is generic English / political vocabulary. Names, roles and parties of
the people in an article always come from the article text; these lists only say which
words *can* be a title, a party or a pronoun. All entries are lowercase; honorifics are
stored without their trailing full stop ("mr" matches "Mr" and "Mr.").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

PronounKind = Literal["male", "female", "it", "they"]


@dataclass(frozen=True, slots=True)
class Party:
    """A political party: canonical organisation name and short affiliation label."""

    name: str
    affiliation: str
    uk: bool


# --- pronouns -------------------------------------------------------------------------

PRONOUNS: dict[str, PronounKind] = {
    "he": "male", "him": "male", "his": "male", "himself": "male",
    "she": "female", "her": "female", "hers": "female", "herself": "female",
    "it": "it", "its": "it", "itself": "it",
    "they": "they", "them": "they", "their": "they", "theirs": "they", "themselves": "they",
}
# First and second person sources ("I", "we", "you") sit inside quotes in news text: who
# they are depends on the quote's own speaker, which this component never sees.
GENDERED_PRONOUNS: dict[str, PronounKind] = {w: k for w, k in PRONOUNS.items() if k in ("male", "female")}
# A person's gender is taken from pronouns near their name only when one side wins by
# this factor ("Trump tells his supporters" x3 vs a stray "her" x1).
GENDER_VOTE_MARGIN = 2
UNRESOLVABLE_PRONOUNS = frozenset(
    "i me my mine myself we us our ours ourselves you your yours yourself yourselves one".split()
)
RELATIVE_PRONOUNS = frozenset({"who", "whom", "whose", "which", "that"})

# --- honorifics -----------------------------------------------------------------------

HONORIFICS = frozenset(
    "mr mrs ms miss mx dr sir dame lord lady baroness baron prof rev sen rep gov cllr hon".split()
)
HONORIFIC_GENDER: dict[str, PronounKind] = {
    "mr": "male", "sir": "male", "lord": "male", "baron": "male",
    "mrs": "female", "ms": "female", "miss": "female", "dame": "female", "lady": "female",
    "baroness": "female",
}
# Abbreviated honorifics that are also job titles ("Sen. Elizabeth Warren" is a senator).
HONORIFIC_ROLES: dict[str, str] = {
    "sen": "senator", "rep": "representative", "gov": "governor", "cllr": "councillor",
}

# --- roles ----------------------------------------------------------------------------

# Head nouns of job titles. A title phrase must end in one of these (or in one followed
# by an "of ..." phrase: "Secretary of State"), so that "billionaire Donald Trump" or
# "On Tuesday Rachel Reeves" never yield a role.
ROLE_NOUNS = frozenset(
    """
    chancellor secretary minister mayor candidate leader mp mep msp mla am councillor councilor
    spokesperson spokesman spokeswoman spokespeople senator governor president vice-president
    director chairman chairwoman chair chairperson executive ceo cfo founder co-founder premier
    ambassador envoy attorney lawyer judge justice commissioner speaker representative
    congressman congresswoman lawmaker legislator nominee manager adviser advisor aide strategist
    official officer chief head deputy whip campaigner activist economist analyst pollster
    professor treasurer trustee member boss sheriff prosecutor superintendent inspector
    commander general surrogate delegate convenor convener organiser organizer coordinator
    editor columnist correspondent researcher dean principal headteacher consultant operative
    staffer peer baroness lord monarch king queen prince princess
    solicitor barrister secretary-general counsel administrator controller auditor
    """.split()
)
# Modifiers that make a different office: "the chancellor" is not "the shadow chancellor",
# "the Democratic presidential nominee" is not the "vice presidential nominee".
RANK_MODIFIERS = frozenset({"vice", "deputy", "shadow", "assistant", "acting", "interim", "junior", "under"})
# Adjectives that colour a role without being part of the title: "the defeated Conservative
# candidate" holds the role "Conservative candidate". "former", "outgoing", "acting" stay:
# they say which office is meant.
EVALUATIVE_MODIFIERS = frozenset(
    {"defeated", "victorious", "embattled", "beleaguered", "veteran", "popular", "controversial"}
)
# Roles that are candidacies keep their party word: "Conservative candidate for Newton
# Aycliffe" names a different position from "Labour candidate for Newton Aycliffe" (seed
# gold). Any other office drops it into the affiliation: "Green councillor" -> councillor.
CANDIDACY_NOUNS = frozenset({"candidate", "nominee"})
# Generic words of job titles, written in lower case inside a role even when the text
# capitalises them ("Council leader", "Home Secretary", "Mayor"); other proper nouns in a
# role keep their capitals ("group leader on Eastmere Borough Council").
TITLE_MODIFIERS = frozenset(
    """
    home foreign health education transport justice defence defense environment business culture
    housing energy trade finance work works pensions interior economic financial communities
    state prime first general council cabinet city county borough district parish town group party
    campaign press communications policy senior principal majority minority local regional
    """.split()
)
TITLE_WORDS = ROLE_NOUNS | RANK_MODIFIERS | TITLE_MODIFIERS
# Singular nouns naming a person who speaks for an organisation ("a Labour spokesperson",
# "a spokesman for the council"): the statement is attributed to the organisation.
SPOKES_NOUNS = frozenset({"spokesperson", "spokesman", "spokeswoman", "spokespeople", "spokesmen"})

# Preposition between a role and the place it covers when "<place> <role>" is rewritten
# ("Darlington MP" -> "MP for Darlington"); any other role takes "of".
ROLE_PLACE_PREPOSITION: dict[str, str] = {
    "mp": "for", "mep": "for", "msp": "for", "mla": "for", "am": "for", "candidate": "for",
    "councillor": "for", "councilor": "for", "representative": "for",
}
# A place starting or ending with these is written with "the" ("mayor of the North East",
# "mayor of the West Midlands"); cities and states are not ("mayor of London").
COMPASS_WORDS = frozenset(
    """
    north south east west northern southern eastern western north-east north-west south-east
    south-west northeast northwest southeast southwest central
    """.split()
)
REGION_SUFFIXES = frozenset(
    {"midlands", "region", "valley", "highlands", "borders", "isles", "islands", "states", "kingdom",
     "coast", "riding", "peninsula", "republic"}
)
# Words that start place names tagged PERSON by the small model ("County Durham").
PLACE_WORDS = frozenset({"county", "city", "borough", "district", "province", "state", "port", "fort"})

# Verbs (inflected forms, matched by prefix) through which a speaker commits on behalf
# of a party: "Reeves committed that a Labour government would act". Used only to infer
# an affiliation that the text does not state outright.
COMMITMENT_STEMS = ("commit", "pledg", "promis", "vow", "guarante", "confirm", "reaffirm", "undert")
FUTURE_MODALS = frozenset({"will", "would", "'ll", "’ll", "'d", "’d", "shall"})

# --- parties --------------------------------------------------------------------------

LABOUR = Party("Labour Party", "Labour", uk=True)
CONSERVATIVE = Party("Conservative Party", "Conservative", uk=True)
LIBDEM = Party("Liberal Democrats", "Liberal Democrat", uk=True)
SNP = Party("Scottish National Party", "SNP", uk=True)
GREEN = Party("Green Party", "Green", uk=False)
REFORM = Party("Reform UK", "Reform UK", uk=True)
PLAID = Party("Plaid Cymru", "Plaid Cymru", uk=True)
DUP = Party("Democratic Unionist Party", "DUP", uk=True)
SINN_FEIN = Party("Sinn Féin", "Sinn Féin", uk=True)
UKIP = Party("UK Independence Party", "UKIP", uk=True)
UUP = Party("Ulster Unionist Party", "UUP", uk=True)
DEMOCRATIC = Party("Democratic Party", "Democratic", uk=False)
REPUBLICAN = Party("Republican Party", "Republican", uk=False)
LIBERTARIAN = Party("Libertarian Party", "Libertarian", uk=False)
INDEPENDENT = Party("Independent", "Independent", uk=False)

# Surface forms as lowercase token tuples (the spaCy English tokenizer's split).
# Longest forms are tried first, so "Liberal Democrats" never reads as "Democrats".
PARTY_FORMS: dict[tuple[str, ...], Party] = {
    ("labour",): LABOUR, ("labour", "party"): LABOUR,
    ("conservative",): CONSERVATIVE, ("conservatives",): CONSERVATIVE,
    ("conservative", "party"): CONSERVATIVE, ("tory",): CONSERVATIVE, ("tories",): CONSERVATIVE,
    ("tory", "party"): CONSERVATIVE,
    ("liberal", "democrats"): LIBDEM, ("liberal", "democrat"): LIBDEM, ("lib", "dems"): LIBDEM,
    ("lib", "dem"): LIBDEM, ("libdems",): LIBDEM,
    ("snp",): SNP, ("scottish", "national", "party"): SNP,
    ("green", "party"): GREEN, ("greens",): GREEN,
    ("reform", "uk"): REFORM, ("plaid", "cymru"): PLAID, ("plaid",): PLAID,
    ("dup",): DUP, ("democratic", "unionist", "party"): DUP, ("democratic", "unionists"): DUP,
    ("sinn", "féin"): SINN_FEIN, ("sinn", "fein"): SINN_FEIN,
    ("ukip",): UKIP, ("uk", "independence", "party"): UKIP, ("uup",): UUP,
    ("ulster", "unionist", "party"): UUP,
    ("democratic",): DEMOCRATIC, ("democrat",): DEMOCRATIC, ("democrats",): DEMOCRATIC,
    ("democratic", "party"): DEMOCRATIC, ("dems",): DEMOCRATIC,
    ("republican",): REPUBLICAN, ("republicans",): REPUBLICAN, ("republican", "party"): REPUBLICAN,
    ("gop",): REPUBLICAN,
    ("libertarian", "party"): LIBERTARIAN, ("libertarians",): LIBERTARIAN,
}
# Capitalised words that name a party only right before a political office (optionally
# after one lowercase noun): "Green councillor", "Reform group leader", but "Green Lane".
PARTY_ADJECTIVES: dict[str, Party] = {"green": GREEN, "reform": REFORM}
PARTY_OFFICE_NOUNS = frozenset(
    """
    councillor councilor candidate mp mep msp mla am leader co-leader mayor peer member spokesperson
    spokesman spokeswoman minister senator representative lawmaker politician
    """.split()
)
PARTY_MAX_TOKENS = max(len(form) for form in PARTY_FORMS)
PARTY_FIRST_WORDS = frozenset(form[0] for form in PARTY_FORMS)
# "the party" as a speaker refers back to the last party mentioned.
PARTY_ANAPHORS = frozenset({("party",), ("party", "'s"), ("party", "’s")})

# "(D-Mass.)", "(R)", "(Lab)": a party code in brackets right after a name.
PARTY_CODES: dict[str, Party] = {
    "D": DEMOCRATIC, "R": REPUBLICAN, "I": INDEPENDENT, "Lab": LABOUR, "Con": CONSERVATIVE,
    "LD": LIBDEM, "Lib Dem": LIBDEM, "SNP": SNP, "Green": GREEN, "Reform": REFORM,
    "PC": PLAID, "DUP": DUP, "SF": SINN_FEIN, "UKIP": UKIP,
}
PARTY_CODE_PATTERN = re.compile(
    r"\s*\(\s*(" + "|".join(sorted(map(re.escape, PARTY_CODES), key=len, reverse=True))
    + r")(?:\s*[-–]\s*[A-Z][A-Za-z. ]{0,20})?\s*\)"
)
# ", R-Wis.," (no brackets): only the US letter codes, and only with a state after them.
PARTY_CODE_COMMA_PATTERN = re.compile(r",\s*([DRI])\s*[-–]\s*[A-Z][A-Za-z.]{1,12}\s*[,.;)]")
PARTY_CODE_TOKENS = 8  # tokens after a name searched for a bracketed party code

# --- government -----------------------------------------------------------------------

GOVERNMENT_HEADS = frozenset({"government", "ministers", "cabinet", "whitehall"})
GOVERNMENT_PHRASES = frozenset({("downing", "street"), ("number", "10"), ("no", "10"), ("no.", "10")})
# Modifiers that leave "the government" generic; any other proper modifier names a
# different government ("the Scottish Government").
GENERIC_GOVERNMENT_MODIFIERS = frozenset({"uk", "british", "federal", "central", "national", "current", "new"})
UK_GOVERNMENT = "UK Government"
GENERIC_GOVERNMENT = "Government"

# --- organisations and groups ---------------------------------------------------------

# "the company", "the council": refers back to an organisation named earlier. The noun is
# matched against the organisation's name first ("the council" -> "Durham County Council").
ORG_DESCRIPTORS = frozenset(
    """
    company firm business manufacturer council department ministry agency union campaign committee
    organisation organization charity group bank court commission authority service board
    institute foundation center centre network newspaper paper university club body regulator
    watchdog giant operator administration office team association federation corporation
    broadcaster station website outlet
    """.split()
)
# Descriptors that may refer back to any organisation, not only one whose name has them.
GENERIC_ORG_DESCRIPTORS = frozenset(
    {"company", "firm", "business", "manufacturer", "giant", "operator", "group", "organisation",
     "organization", "body", "corporation"}
)
# Singular in form, but a group of people: "police said", "staff said".
GROUP_NOUNS = frozenset(
    {"police", "staff", "public", "electorate", "crowd", "audience", "opposition", "family",
     "people", "workforce", "press", "media", "clergy", "personnel", "youth", "jury"}
)
# Quantifiers heading a group: "many of his supporters", "not everyone".
GROUP_QUANTIFIERS = frozenset(
    {"many", "some", "most", "several", "all", "few", "both", "none", "others", "everyone",
     "everybody", "nobody", "anyone", "majority", "minority", "half", "dozens", "hundreds", "thousands"}
)
# Nouns for an unnamed person, so an unresolved "his wife" or "a source" stays a person.
PERSON_NOUNS = frozenset(
    """
    source insider man woman person voter resident worker wife husband mother father son daughter
    brother sister friend neighbour neighbor colleague witness victim owner student teacher doctor
    nurse parent child supporter critic opponent ally veteran employee customer passenger
    businessman businesswoman protester protestor patient citizen individual someone somebody
    """.split()
)
LEADING_DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those"})

# --- tags and limits ------------------------------------------------------------------

TITLE_TAGS = frozenset({"NN", "NNP", "NNPS", "JJ", "HYPH", "VBG"})
APPOSITIVE_STOP_TAGS = frozenset(
    {",", ".", ":", "``", "''", "-LRB-", "-RRB-", "CC", "VBD", "VBZ", "VBP", "MD", "WP", "WDT", "_SP"}
)
# Tags that make a phrase a clause, not a description ("the man who said, X").
CLAUSE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD", "WP", "WDT"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
COPULAS = frozenset({"is", "was", "'s", "’s", "has", "had", "been", "serves", "served", "as"})
NON_TITLE_ENTS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"})
PLACE_ENTS = frozenset({"GPE", "LOC"})
ORG_ENTS = frozenset({"ORG", "GPE", "NORP", "FAC"})
MAX_TITLE_TOKENS = 8
MAX_APPOSITIVE_TOKENS = 14
MAX_NAME_TOKENS = 4
# Sentences searched backwards for a pronoun's antecedent. Long quotes in PolNeAR dev run
# to three or four sentences between the speaker and a "he said" that refers back to them.
PRONOUN_WINDOW_SENTENCES = 4
# Acronyms are short and carry at least two capitals ("LDRS", "DfT", "IMF").
MAX_ACRONYM_CHARS = 6
