"""Read a person's role and party from the words around one mention of their name.

Four places say who someone is, tried in this order:

1. a title before the name: "shadow chancellor Rachel Reeves", "Labour's North East mayor
   Kim McGuinness" (a possessive party gives the affiliation, a leading place is moved
   after the role: "mayor of the North East");
2. a title set off by a comma before the name: "A White House spokesman, Josh Earnest";
3. an appositive after it: "Paul Howell, the Conservative candidate for Newton Aycliffe
   and Spennymoor," or "X, who is the ...";
4. a bracketed party code after it: "Sen. Elizabeth Warren (D-Mass.)".

A role is only ever text from the article that ends in a role noun of the lexicon (or
continues from one with a preposition: "group leader on Eastmere Borough Council"). It is
normalised the same way wherever it was read:

* evaluative adjectives go ("the defeated Conservative candidate" -> "Conservative candidate");
* a leading party word goes to the affiliation ("Green councillor" -> councillor, Green),
  except in a candidacy, whose name includes the party ("Conservative candidate for X");
* generic title words are lower case ("Council leader", "Mayor"); proper nouns, acronyms
  and party words keep their capitals ("mayor of the North East", "MP for Darlington").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from onrecord.attribute import lexicon_speakers as lex

PartyAt = dict[int, lex.Party]
# Prepositions that may continue a role after its noun ("candidate for ...", "head of ...").
ROLE_PREPOSITIONS = frozenset({"of", "for", "at", "to", "in", "on", "from"})


@dataclass(frozen=True, slots=True)
class Evidence:
    """What the text around one mention says: a role and/or a party affiliation."""

    role: str | None = None
    affiliation: str | None = None


NOTHING = Evidence()


def describe_mention(doc: Doc, start: int, end: int, party_at: PartyAt) -> Evidence:
    """Role and affiliation stated around the name mention at tokens [start, end)."""
    before = title_before(doc, start, party_at)
    reverse = _reverse_appositive(doc, start, end, party_at)
    after = _appositive_after(doc, end, party_at)
    bracket = _bracketed_party(doc, end)
    role = before.role or reverse.role or after.role
    affiliation = before.affiliation or reverse.affiliation or after.affiliation or bracket
    return Evidence(role, affiliation)


def title_before(doc: Doc, boundary: int, party_at: PartyAt, *, prepositions: bool = False) -> Evidence:
    """A title phrase ending right before token ``boundary`` ("shadow chancellor ...").

    ``prepositions`` lets the title run on after its role noun ("group leader on Eastmere
    Borough Council, Daniel Okafor"); only safe before a comma, since without one the
    noun may belong to someone else ("a spokesman for Jason Miller").
    """
    tokens, possessor = _walk_left(doc, boundary, prepositions)
    affiliation = None
    if possessor is not None:
        party = party_at.get(possessor[0])
        if party is not None and all(i in party_at for i in range(*possessor)):
            affiliation = party.affiliation
            possessor = None
    while tokens and tokens[0].tag_ in ("HYPH", "VBG"):
        tokens = tokens[1:]
    if not tokens:
        return Evidence(None, affiliation)
    if all(t.i in party_at for t in tokens):
        # "Democrat Hillary Clinton", "Tory Paul Howell": a party, no role.
        return Evidence(None, affiliation or party_at[tokens[0].i].affiliation)
    role = _role_from_phrase(tokens, party_at)
    if role is None:
        return Evidence(None, affiliation)
    if possessor is not None:
        owner = doc[possessor[0]:possessor[1] + 1]  # "Hillary Clinton’s campaign manager"
        role = f"{owner.text}{doc[possessor[1]].whitespace_}{role}"
    return Evidence(role, affiliation or _party_in(tokens, party_at))


def _walk_left(doc: Doc, boundary: int, prepositions: bool) -> tuple[list[Token], tuple[int, int] | None]:
    """Title-like tokens before ``boundary`` (in order) and a possessor's token range."""
    tokens: list[Token] = []
    i = boundary - 1
    while i >= 0 and len(tokens) < lex.MAX_TITLE_TOKENS and not doc[i + 1].is_sent_start:
        token = doc[i]
        if token.tag_ == "POS":
            start = i
            while start > 0 and doc[start - 1].tag_ in ("NNP", "NNPS") and not doc[start].is_sent_start:
                start -= 1
            return tokens[::-1], ((start, i) if start < i else None)
        joins_role = token.lower_ == "of" or prepositions  # "Secretary of State", "leader on X"
        if joins_role and tokens and _continues_role(doc, i):
            tokens.append(token)
        elif (token.tag_ not in lex.TITLE_TAGS or token.ent_type_ in lex.NON_TITLE_ENTS) \
                and token.lower_ not in lex.EVALUATIVE_MODIFIERS:  # kept here, dropped by clean_role
            break
        else:
            tokens.append(token)
        i -= 1
    return tokens[::-1], None


def _continues_role(doc: Doc, i: int) -> bool:
    """Token i joins a role noun to its complement: "leader on", "spokesman for the"."""
    word = doc[i].lower_
    if word in ROLE_PREPOSITIONS:
        return i > 0 and doc[i - 1].lower_ in lex.ROLE_NOUNS
    return word == "the" and i > 1 and doc[i - 1].lower_ in ROLE_PREPOSITIONS and doc[i - 2].lower_ in lex.ROLE_NOUNS


def _role_from_phrase(tokens: Sequence[Token], party_at: PartyAt) -> str | None:
    """The role a pre-nominal phrase states, place rewritten; None without a role noun."""
    if not any(t.lower_ in lex.ROLE_NOUNS for t in tokens):
        return None
    tokens = clean_role(tokens, party_at)
    last_role = max(k for k, t in enumerate(tokens) if t.lower_ in lex.ROLE_NOUNS)
    tail = tokens[last_role + 1:]
    if tail and tail[0].lower_ not in ROLE_PREPOSITIONS:
        # Only "Secretary of State"-style tails may follow the role noun.
        return None
    place = _place_run(tokens[:last_role], party_at)
    if place is None or tail:
        return role_text(tokens, party_at)
    place_start, place_end = place
    rest = list(tokens[:place_start]) + list(tokens[place_end:])
    preposition = lex.ROLE_PLACE_PREPOSITION.get(tokens[last_role].lower_, "of")
    place_tokens = tokens[place_start:place_end]
    article = "the " if _needs_article(place_tokens) else ""
    return f"{role_text(rest, party_at)} {preposition} {article}{role_text(place_tokens, party_at)}"


def clean_role(tokens: Sequence[Token], party_at: PartyAt) -> list[Token]:
    """Role tokens without evaluative adjectives, and without a leading party unless a candidacy.

    Tokens must hold a role noun. "defeated Conservative candidate" -> "Conservative
    candidate"; "Green councillor" -> "councillor" (the party is the affiliation, which the
    callers read from the uncleaned tokens).
    """
    first = next(k for k, t in enumerate(tokens) if t.lower_ in lex.ROLE_NOUNS)
    modifiers = [t for t in tokens[:first] if t.lower_ not in lex.EVALUATIVE_MODIFIERS]
    rest = list(tokens[first:])
    nouns = [rest[0]]
    for token in rest[1:]:
        if token.lower_ not in lex.ROLE_NOUNS:
            break
        nouns.append(token)
    party_words = 0
    while party_words < len(modifiers) and modifiers[party_words].i in party_at:
        party_words += 1
    following = (modifiers + rest)[party_words]
    in_name = following.ent_iob_ == "I" and following.tag_ in ("NNP", "NNPS")  # "Democratic National Committee"
    if party_words and not in_name and not any(t.lower_ in lex.CANDIDACY_NOUNS for t in nouns):
        modifiers = modifiers[party_words:]
    return modifiers + rest


def role_text(tokens: Sequence[Token], party_at: PartyAt) -> str:
    """Tokens as they read in the text, generic title words in lower case."""
    parts: list[str] = []
    for k, token in enumerate(tokens):
        # "chief of staff to President Bill Clinton": a title before a name in the role stays.
        before_name = k + 1 < len(tokens) and tokens[k + 1].i == token.i + 1 and tokens[k + 1].ent_type_ == "PERSON"
        parts.append(token.text if before_name or _keeps_case(token, party_at) else token.lower_)
        if k + 1 < len(tokens):
            parts.append(token.whitespace_ if tokens[k + 1].i == token.i + 1 else " ")
    return "".join(parts)


def _keeps_case(token: Token, party_at: PartyAt) -> bool:
    """Acronyms, party words and proper nouns keep their capitals inside a role."""
    text = token.text
    if (len(text) > 1 and text.isupper()) or token.i in party_at:
        return True
    if token.lower_ in lex.TITLE_WORDS:
        return _in_proper_name(token, party_at)
    # A capital mid-sentence is the writer's; at a sentence start only a name's.
    return bool(token.ent_type_) or token.tag_ in ("NNP", "NNPS") or not token.is_sent_start


def _in_proper_name(token: Token, party_at: PartyAt) -> bool:
    """"Council" is a name's in "Eastmere Borough Council", a title word's in "Council leader"."""
    if not token.ent_type_:
        return False
    doc = token.doc
    start, end = token.i, token.i + 1
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return any(t.text[:1].isupper() and t.lower_ not in lex.TITLE_WORDS and t.i not in party_at
               for t in doc[start:end])


def _place_run(tokens: Sequence[Token], party_at: PartyAt) -> tuple[int, int] | None:
    """Leading place name in a title ("North East", "London"), after any party words."""
    k = 0
    while k < len(tokens) and tokens[k].i in party_at:
        k += 1
    if k >= len(tokens):
        return None
    first = tokens[k]
    if not first.text[:1].isupper():
        return None
    if first.lower_ not in lex.COMPASS_WORDS and first.ent_type_ not in lex.PLACE_ENTS:
        return None
    end = k + 1
    while end < len(tokens) and tokens[end].tag_ in ("NNP", "NNPS") and tokens[end].text[:1].isupper() \
            and tokens[end].lower_ not in lex.ROLE_NOUNS and tokens[end].i not in party_at:
        end += 1
    return k, end


def _needs_article(place: Sequence[Token]) -> bool:
    """Regions take "the" ("the North East", "the West Midlands", "the US"); cities do not."""
    words = [t.lower_ for t in place]
    if words[0] in lex.COMPASS_WORDS or words[-1] in lex.REGION_SUFFIXES:
        return True
    return len(place) == 1 and place[0].text.isupper() and len(place[0].text) <= 3


def _party_in(tokens: Sequence[Token], party_at: PartyAt) -> str | None:
    """Affiliation named by a party word inside a role ("Conservative candidate")."""
    for token in tokens:
        party = party_at.get(token.i)
        if party is not None:
            return party.affiliation
    return None


def _reverse_appositive(doc: Doc, start: int, end: int, party_at: PartyAt) -> Evidence:
    """"A White House spokesman, Josh Earnest, said": the title before a comma."""
    if start < 2 or doc[start - 1].text != ",":
        return NOTHING
    head = doc[end - 1]
    if not (head.dep_ == "appos" and head.head.i < start) and not (end < len(doc) and doc[end].text == ","):
        return NOTHING
    # "Labour's group leader on Eastmere Borough Council, Daniel Okafor": the title may run
    # on past its role noun; a phrase without a role says nothing ("At Labour's rally, X").
    evidence = title_before(doc, start - 1, party_at, prepositions=True)
    return evidence if evidence.role is not None else NOTHING


def _appositive_after(doc: Doc, end: int, party_at: PartyAt) -> Evidence:
    """", the Conservative candidate for X," or ", who is the ..." after a name."""
    j = _skip_bracket(doc, end)
    if j + 1 >= len(doc) or doc[j].text != "," or doc[j + 1].ent_type_ == "PERSON":
        return NOTHING
    j += 1
    if doc[j].lower_ == "who":
        k = j + 1
        while k < len(doc) and doc[k].lower_ in lex.COPULAS:
            k += 1
        if k == j + 1:
            return NOTHING
        j = k
    affiliation = None
    if j < len(doc) and doc[j].lower_ in ("the", "a", "an"):
        j += 1
    elif j in party_at:
        k = j
        while k in party_at:
            k += 1
        if k < len(doc) and doc[k].tag_ == "POS":  # "X, Labour's candidate for Y"
            affiliation, j = party_at[j].affiliation, k + 1
    tokens = _appositive_tokens(doc, j)
    role_tokens = _role_in_appositive(tokens, party_at)
    if role_tokens is None:
        # "Tom Whitcomb, a Republican from Bakersfield,": a party member, no role.
        if affiliation is None and tokens and tokens[0].i in party_at:
            affiliation = party_at[tokens[0].i].affiliation
        return Evidence(None, affiliation)
    role = role_text(clean_role(role_tokens, party_at), party_at)
    return Evidence(role, affiliation or _party_in(role_tokens, party_at))


def _skip_bracket(doc: Doc, j: int) -> int:
    """Index after a short bracketed aside ("(D-Mass.)") at token j, else j."""
    if j < len(doc) and doc[j].text == "(":
        for k in range(j + 1, min(j + 8, len(doc))):
            if doc[k].text == ")":
                return k + 1
    return j


def _appositive_tokens(doc: Doc, j: int) -> list[Token]:
    """Tokens of an appositive noun phrase starting at j, up to a comma, verb or clause."""
    tokens: list[Token] = []
    in_preposition = False
    k = j
    while k < len(doc) and len(tokens) < lex.MAX_APPOSITIVE_TOKENS and (k == j or not doc[k].is_sent_start):
        token = doc[k]
        if token.tag_ == "IN":
            in_preposition = True
        # "candidate for Newton Aycliffe and Spennymoor": "and" joins place names in a PP.
        joins_names = token.tag_ == "CC" and in_preposition and k + 1 < len(doc) \
            and doc[k + 1].tag_ in ("NNP", "NNPS")
        if token.tag_ in lex.APPOSITIVE_STOP_TAGS and not joins_names:
            break
        tokens.append(token)
        k += 1
    return tokens


def _role_in_appositive(tokens: Sequence[Token], party_at: PartyAt) -> list[Token] | None:
    """The role part of an appositive: modifiers, role noun(s), then an optional PP."""
    for k, token in enumerate(tokens):
        if token.lower_ in lex.ROLE_NOUNS:
            end = k + 1
            while end < len(tokens) and tokens[end].lower_ in lex.ROLE_NOUNS:
                end += 1
            if end < len(tokens) and tokens[end].lower_ in ROLE_PREPOSITIONS:
                end = len(tokens)
            return list(tokens[:end])
        if token.lower_ in lex.EVALUATIVE_MODIFIERS:
            continue  # "the defeated Conservative candidate" (tagged VBN)
        if token.tag_ not in lex.TITLE_TAGS and token.tag_ != "POS" and token.i not in party_at:
            return None
    return None


def _bracketed_party(doc: Doc, end: int) -> str | None:
    """Party of a "(D-Mass.)" / "(R)" / "(Lab)" / ", R-Wis.," code right after a name."""
    if end >= len(doc) or doc[end].text not in ("(", ","):
        return None
    window = doc[end:end + lex.PARTY_CODE_TOKENS].text
    pattern = lex.PARTY_CODE_PATTERN if doc[end].text == "(" else lex.PARTY_CODE_COMMA_PATTERN
    match = pattern.match(window)
    return lex.PARTY_CODES[match.group(1)].affiliation if match else None


def infer_affiliation(doc: Doc, start: int, end: int, party_at: PartyAt) -> lex.Party | None:
    """Party a person commits on behalf of, in the sentence of the mention [start, end).

    Only "<person> committed/pledged/promised ... a <Party> government would ..." or
    "... on behalf of <Party>" count; naming a party in any other way (attacking it,
    quoting it) says nothing about the speaker's own.
    """
    head = doc[end - 1]
    if head.dep_ == "appos":  # "Labour's mayor Richard Parker said": parsed as mayor's appositive
        head = head.head
    if head.dep_ not in lex.SUBJECT_DEPS:
        return None
    verb = head.head
    for i in range(verb.i + 1, verb.right_edge.i + 1):
        party = party_at.get(i)
        if party is None or (i - 1) in party_at:
            continue
        if i >= 2 and doc[i - 1].lower_ in ("of", "for") and doc[i - 2].lower_ in ("behalf", "speaking"):
            return party
        if verb.lower_.startswith(lex.COMMITMENT_STEMS) and _acts_in_future(doc[i]):
            return party
    return None


def _acts_in_future(token: Token) -> bool:
    """Party word heads (or modifies) the subject of a will/would clause."""
    noun = token.head if token.dep_ in ("compound", "amod") else token
    if noun.dep_ not in lex.SUBJECT_DEPS:
        return False
    return any(child.lower_ in lex.FUTURE_MODALS for child in noun.head.children)
