"""Word lists for the pledges stage: commitment words, modals, anaphors, conditions, figures.

Generic English and UK political vocabulary only; who pledges what always comes from
the article. Entries are lowercase. The pipeline runs without a lemmatizer, so verbs
and nouns of commitment are matched by stem ("pledg" covers pledge, pledged, pledges).
"""

from __future__ import annotations

import re

# Words that state a commitment outright: "pledged to", "is committed to", "vowed that",
# "its pledges to", "I am determined to". They need a complement (an infinitive, "to"
# plus a gerund, or a that-clause) to count: "a broken promise" commits to nothing.
COMMITMENT_STEMS = ("pledg", "vow", "promis", "commit", "guarante", "undert", "swor", "swear", "determined")
# Words sharing a stem with a commitment word but committing to nothing.
NOT_COMMITMENT_WORDS = frozenset({"committee", "committees", "promising", "promisingly"})
# "determined" commits only as an adjective ("I am determined to"), not as "decided" ("the
# court determined that").
ADJECTIVE_ONLY_STEMS = ("determined",)
# Verbs whose direct object is what they promise ("pledged free school meals", "vowed a
# referendum"); "commit" and "guarantee" are left out ("committed a crime").
PROMISED_THING_STEMS = ("pledg", "vow", "promis")
# Objects that name nothing to hold anyone to.
EMPTY_PROMISED_THINGS = frozenset({"nothing", "anything", "something", "everything", "same", "lot", "more", "much"})
# "undertake" is also plain "carry out" ("undertook a review"): only the noun and the
# verb with an infinitive count, which the complement check enforces.

# Modals that make a clause about the future; "wo" is the first half of "won't".
FUTURE_MODALS = frozenset({"will", "'ll", "’ll", "shall", "wo", "would", "'d", "’d"})
# Modals of a hypothetical: a pledge made with them ("a Labour government would") is
# conditional on an election the article may state elsewhere.
HYPOTHETICAL_MODALS = frozenset({"would", "'d", "’d"})
# Main verbs after a future modal that wish, guess or report instead of committing:
# "we would like to", "I will say this".
NON_COMMITTAL_VERBS = frozenset(
    """
    like love prefer want wish hope expect think believe imagine guess suppose say argue suggest
    seem appear happen be remain call describe characterise characterize recommend advise bet add
    """.split()
)
# Verbs of the speaker's own talk: "I'll tell you", "I'll say this", "I'm going to read
# you the question", "I'll have more to say": they announce words, not actions.
SPEECH_ACT_VERBS = frozenset("tell say read admit repeat ask add mention note concede confess".split())
# Predicates of curses shaped like plans: "I'll be damned if ...".
IDIOM_PREDICATES = frozenset({"damned", "darned", "hanged", "blowed"})
# Words whose complement is a guess or belief, not a commitment: "thinking we're going
# to", "she was sure Trump would", "I expect we will".
BELIEF_WORDS = frozenset(
    """
    think thinks thought thinking believe believes believed believing expect expects expected expecting
    sure certain confident convinced hope hopes hoped hoping fear fears feared fearing afraid assume
    assumed assuming suppose supposed predict predicts predicted doubt doubts doubted guess imagine imagined
    """.split()
)
# Inverted auxiliaries of a subjunctive condition: "Were the court to", "Had we known".
SUBJUNCTIVE_AUXILIARIES = frozenset({"were", "had"})
# Words opening a temporal clause: a "would" inside one narrates ("the days when he would").
TEMPORAL_SUBORDINATORS = frozenset({"when", "whenever", "before", "after", "until", "while"})
# Verbs of responding or complying: "will not answer", "not going to follow a script" refuse
# a demand, while "will not raise taxes" commits not to act.
COMPLIANCE_VERBS = frozenset("answer respond comment testify cooperate comply follow apologize apologise speculate".split())
# Verbs and adjectives that negate or report a commitment someone else failed to make
# ("refused to commit", "declined to pledge").
REFUSAL_WORDS = frozenset({"refuse", "refused", "refuses", "refusing", "decline", "declined", "declines", "failed"})

# Pronoun objects that make "do" stand for an action named earlier: "would do so".
ANAPHORIC_OBJECTS = frozenset({"so", "that", "this", "it", "the same"})
# Sentences searched backwards for the antecedent of "do so", counting the anaphor's own.
ANTECEDENT_SENTENCES = 3

# Subordinators of a conditional clause ("if elected", "unless", "provided that").
CONDITION_MARKERS = frozenset({"if", "unless", "provided", "providing", "once", "assuming"})
# Auxiliaries that open an inverted condition: "should Labour win", "were it elected".
INVERTED_CONDITION_AUXILIARIES = frozenset({"should", "were", "had"})
# Markers of a purpose clause, cut from an action: "in order to protect its workforce".
PURPOSE_MARKERS = frozenset({"order", "so", "as"})

# --- pledgers --------------------------------------------------------------------------

FIRST_PERSON_SINGULAR = frozenset({"i", "me", "my", "myself"})
FIRST_PERSON_PLURAL = frozenset({"we", "us", "our", "ourselves"})
THIRD_PERSON_PERSONAL = frozenset({"he", "she", "him", "her", "his"})
THIRD_PERSON_NEUTER = frozenset({"it", "its"})
# Modifiers of "government" that make it a future one, whose party acts: "a Labour
# government", "the next Labour government".
HYPOTHETICAL_DETERMINERS = frozenset({"a", "an", "any"})
HYPOTHETICAL_MODIFIERS = frozenset({"next", "future", "incoming", "new"})
# Bodies of the UK state that act for the UK Government (as pledgers and as speakers).
GOVERNMENT_BODY_PREFIXES = ("department for", "department of", "ministry of", "office for")
GOVERNMENT_BODIES = frozenset(
    {
        "treasury", "hm treasury", "home office", "foreign office", "cabinet office", "downing street",
        "no 10", "number 10", "no. 10", "dft", "dfe", "defra", "dwp", "dhsc", "fcdo", "mod",
        "government", "uk government", "the government",
    }
)
# Phrases that place a text in UK politics: without one (or a speaker of a UK party),
# "the government", a department or a secretary of state is not the UK Government.
UK_GOVERNMENT_EVIDENCE = re.compile(
    r"\b(?:Department for|Whitehall|Downing Street|Westminster|HM Treasury|Home Office|Foreign Office"
    r"|Cabinet Office|Chancellor of the Exchequer|(?:Home|Foreign|Health|Transport|Culture|Business|Justice"
    r"|Environment|Education|Defence|Energy|Housing|Work and Pensions|Northern Ireland|Scottish|Welsh|Science"
    r"|Trade|Communities) Secretary|Secretary of State for|Minister (?:for|of State)"
    r"|(?:Tory|Labour|Conservative) government)\b"
)
# Roles whose holder speaks for the government ("we will" from the health secretary is
# the government's pledge); "shadow" roles speak for a party, a "general secretary" for a union.
GOVERNMENT_ROLE_WORDS = frozenset({"minister", "secretary", "chancellor"})
NON_GOVERNMENT_ROLE_WORDS = frozenset({"shadow", "former", "ex", "general", "party", "union", "press"})
# Governments other than the UK's named by their modifier ("the Scottish Government").
DEVOLVED_GOVERNMENTS = {"scottish": "Scottish Government", "welsh": "Welsh Government"}

# --- targets ---------------------------------------------------------------------------

TARGET_ENTITY_LABELS = frozenset({"ORG", "GPE", "LOC", "FAC", "NORP"})
# Plural nouns naming the people a pledge is for ("pensioners", "train manufacturers").
TARGET_GROUP_NOUNS = frozenset(
    """
    workers staff employees pensioners families households children students pupils parents patients
    residents communities taxpayers families farmers businesses manufacturers commuters passengers
    renters tenants homeowners landlords teachers nurses doctors veterans carers drivers voters
    """.split()
)

# --- figures ---------------------------------------------------------------------------

FIGURE_ENTITY_LABELS = frozenset({"CARDINAL", "MONEY", "PERCENT", "QUANTITY"})
# Number words that make a figure without digits ("hundreds of jobs", "a million homes");
# "two things" or "one" are counts of speech, not claims.
SCALE_WORDS = frozenset(
    {"hundred", "hundreds", "thousand", "thousands", "million", "millions", "billion", "billions",
     "trillion", "dozens", "tens", "bn", "m", "k"}
)
