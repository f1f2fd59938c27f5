"""Build the per-document index of people, organisations and parties (``DocIndex``).

Built once per ``resolve_speakers`` call: one numpy-filtered pass over the tokens
(honorifics, titles, pronouns, party names, acronyms, quotation marks) and one over
``doc.ents``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from spacy.strings import get_string_id
from spacy.tokens import Doc

from onrecord.attribute import lexicon_speakers as lex
from onrecord.attribute.speaker_entities import DocIndex, Entity, is_acronym, span_head
from onrecord.attribute.speaker_persons import describe_persons, index_persons, vote_genders
from onrecord.types import CharSpan

OPEN_QUOTES = frozenset({"“", "«"})
CLOSE_QUOTES = frozenset({"”", "»"})
STRAIGHT_QUOTES = frozenset({'"'})


@dataclass(frozen=True, slots=True)
class _Scan:
    """What the single token pass found."""

    honorifics: list[int]
    titles: list[int]
    pronouns: list[int]
    parties: list[tuple[int, int, lex.Party]]
    acronyms: dict[str, list[int]]
    quotes: list[CharSpan]


def build_index(doc: Doc) -> DocIndex:
    """Index the people, organisations and parties of a parsed document."""
    scan = _scan_tokens(doc)
    party_at = {i: party for start, end, party in scan.parties for i in range(start, end)}
    index = DocIndex(doc, tuple(doc.ents), [sent.start for sent in doc.sents], scan.quotes, party_at,
                     acronym_tokens=scan.acronyms)
    index.uk = any(party.uk for _, _, party in scan.parties)
    _index_parties(index, scan)
    index_persons(index, scan.honorifics, scan.titles)
    vote_genders(index, scan.pronouns)
    _index_orgs(index)
    describe_persons(index)
    return index


def _scan_key_hashes() -> np.ndarray:
    """Hashes of the lowercase forms whose tokens the scan must look at."""
    words = set(OPEN_QUOTES | CLOSE_QUOTES | STRAIGHT_QUOTES) | set(lex.GENDERED_PRONOUNS) | lex.PARTY_FIRST_WORDS
    words |= lex.HONORIFICS | {f"{word}." for word in lex.HONORIFICS} | lex.ROLE_NOUNS
    return np.array(sorted(get_string_id(word) for word in words), dtype=np.uint64)


SCAN_KEY_HASHES = _scan_key_hashes()


def _scan_candidates(doc: Doc) -> np.ndarray:
    """Indices of tokens the scan must inspect; numpy skips the ~90% that cannot matter."""
    array = doc.to_array(["LOWER", "SHAPE", "IS_SPACE"])
    wanted = np.isin(array[:, 0], SCAN_KEY_HASHES) | (array[:, 2] == 1)
    shapes = np.unique(array[:, 1])
    acronym_shapes = [h for h in shapes.tolist() if _is_acronym_shape(doc.vocab.strings[h])]
    if acronym_shapes:
        wanted |= np.isin(array[:, 1], np.array(acronym_shapes, dtype=np.uint64))
    return np.flatnonzero(wanted)


def _is_acronym_shape(shape: str) -> bool:
    """Token shapes an acronym can have ("XXXX", "XxX")."""
    return 2 <= len(shape) <= lex.MAX_ACRONYM_CHARS and shape.count("X") >= 2 and set(shape) <= {"X", "x"}


def _scan_tokens(doc: Doc) -> _Scan:
    """One pass over the tokens: honorifics, pronouns, party names, acronyms and quotes."""
    honorifics: list[int] = []
    titles: list[int] = []
    pronouns: list[int] = []
    parties: list[tuple[int, int, lex.Party]] = []
    acronyms: dict[str, list[int]] = {}
    quotes: list[CharSpan] = []
    open_at: int | None = None
    skip_to = 0
    for i in _scan_candidates(doc).tolist():
        token = doc[i]
        text = token.text
        if text in OPEN_QUOTES or (text in STRAIGHT_QUOTES and open_at is None):
            open_at = token.idx
        elif (text in CLOSE_QUOTES or text in STRAIGHT_QUOTES) and open_at is not None:
            quotes.append((open_at, token.idx + 1))
            open_at = None
        elif token.is_space and "\n" in text and open_at is not None:
            # A quote running over paragraphs reopens at each one ("“..." / "“...”").
            quotes.append((open_at, token.idx))
            open_at = None
        lower = token.lower_
        if lower in lex.GENDERED_PRONOUNS:
            pronouns.append(i)
            continue
        if i < skip_to or not text[:1].isupper():
            continue
        if lower.rstrip(".") in lex.HONORIFICS:
            honorifics.append(i)
        elif lower in lex.ROLE_NOUNS:
            titles.append(i)
        if lower in lex.PARTY_FIRST_WORDS:
            match = _match_party(doc, i)
            if match is not None:
                parties.append((i, match[0], match[1]))
                skip_to = match[0]
                continue
        if is_acronym(text):
            acronyms.setdefault(lower, []).append(i)
    if open_at is not None:
        quotes.append((open_at, doc[-1].idx + len(doc[-1])))
    return _Scan(honorifics, titles, pronouns, parties, acronyms, quotes)


def _match_party(doc: Doc, start: int) -> tuple[int, lex.Party] | None:
    """Longest party form starting at a token, as (end token, party)."""
    for length in range(min(lex.PARTY_MAX_TOKENS, len(doc) - start), 0, -1):
        form = tuple(doc[start + k].lower_ for k in range(length))
        party = lex.PARTY_FORMS.get(form)
        if party is not None:
            return start + length, party
    party = lex.PARTY_ADJECTIVES.get(doc[start].lower_)
    if party is not None and _before_party_office(doc, start + 1):
        return start + 1, party
    return None


def _before_party_office(doc: Doc, i: int) -> bool:
    """A political office starts at token i: "councillor", or "group leader" (one lowercase noun first)."""
    if i < len(doc) and doc[i].lower_ in lex.PARTY_OFFICE_NOUNS:
        return True
    return i + 1 < len(doc) and doc[i].tag_ == "NN" and doc[i].text.islower() \
        and doc[i + 1].lower_ in lex.PARTY_OFFICE_NOUNS


def _index_parties(index: DocIndex, scan: _Scan) -> None:
    """Register party mentions; only nominal uses count as mentions of the party itself."""
    doc = index.doc
    for start, end, party in scan.parties:
        entity = index.party_entity(party)
        mention = index.mention(start, end)
        index.party_mentions.append((mention, entity))
        # "a Labour government", "Tory ministers": the party word modifies another noun.
        if span_head(doc, start, end).dep_ not in ("amod", "compound"):
            entity.mentions.append(mention)


def _index_orgs(index: DocIndex) -> None:
    """Register ORG entities by cleaned name; acronyms join the organisation they abbreviate.

    An acronym is tied to a name when it is declared in brackets after it ("Local Democracy
    Reporting Service (LDRS)") or when it spells the name's initials ("DfT").
    """
    doc = index.doc
    # "Trump", "Stumpf" tagged ORG in one sentence and PERSON in others are people.
    person_names = {e.last for e in index.persons} | {e.name.lower() for e in index.persons}
    found: list[tuple[int, int, str]] = []
    declared: dict[str, str] = {}
    for ent in index.ents:
        if ent.label_ != "ORG" or ent[-1].i in index.person_at or \
                (ent[-1].tag_ == "POS" and ent[-1].i - 1 in index.person_at):
            continue
        cleaned = clean_org(doc, ent.start, ent.end, index.party_at)
        if cleaned is None:
            continue
        start, end = cleaned
        name = doc[start:end].text
        if name.lower() in person_names:
            continue
        found.append((start, end, name))
        if end + 2 < len(doc) and doc[end].text == "(" and doc[end + 2].text == ")" \
                and is_acronym(doc[end + 1].text):
            declared[doc[end + 1].lower_] = name
    spelled: dict[str, str] = {}
    for _, _, name in found:
        if not is_acronym(name):
            for acronym in initials(name):
                spelled.setdefault(acronym, name)
    for start, end, name in found:
        key = name.lower()
        full = (declared.get(key) or spelled.get(key)) if is_acronym(name) else None
        entity = index.org_entity(full or name)
        if full is not None:
            index.acronyms[key] = entity
        add_org_mention(index, entity, start, end)
    for acronym, name in declared.items():
        index.acronyms.setdefault(acronym, index.org_entity(name))
    for acronym, entity in index.acronyms.items():
        add_acronym_mentions(index, acronym, entity)
    index.org_mentions.sort(key=lambda pair: pair[0].start)


def initials(name: str) -> set[str]:
    """Acronyms a name may go by: initials of all its words, or of its capitalised words."""
    words = [w for w in name.replace("-", " ").split() if w[:1].isalpha()]
    if len(words) < 2:
        return set()
    return {"".join(w[0] for w in words).lower(), "".join(w[0] for w in words if w[0].isupper()).lower()}


def clean_org(doc: Doc, start: int, end: int, party_at: dict[int, lex.Party]) -> tuple[int, int] | None:
    """Strip "the" and possessives; None for spans that are parties, not organisations."""
    if doc[start].lower_ in lex.LEADING_DETERMINERS:
        start += 1
    for i in range(start, end):
        if doc[i].tag_ == "POS" and all(k in party_at for k in range(start, i)):
            # "Labour’s North East" (tagged ORG): a party's possessive, not an organisation.
            return None
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space or doc[end - 1].tag_ == "POS"):
        end -= 1
    if end <= start or all(i in party_at for i in range(start, end)):
        return None
    return start, end


def named_org_before(index: DocIndex, before: int, noun: str, after: int = -1) -> Entity | None:
    """The latest "<Proper name> <noun>" in tokens (after, before) that NER did not tag ORG.

    "Eastmere council approved the plan. According to the council, ...": the small model
    leaves "Eastmere council" untagged, yet "the council" refers to it. The name is
    registered as an organisation with that earlier mention.
    """
    doc = index.doc
    for i in range(before - 1, max(after, 0), -1):
        if doc[i].lower_ != noun or not doc[i].tag_.startswith("NN") or i in index.org_at:
            continue
        start = i
        while start > 0 and not doc[start].is_sent_start and _name_word(index, start - 1):
            start -= 1
        if start < i and not (doc[i].text[:1].isupper() and _in_headline(index, i)):
            entity = index.org_entity(doc[start:i + 1].text)
            add_org_mention(index, entity, start, i + 1)
            return entity
    return None


def _name_word(index: DocIndex, i: int) -> bool:
    """A capitalised proper noun that is no party word or person's name ("the Trump campaign")."""
    token = index.doc[i]
    if token.tag_ not in ("NNP", "NNPS") or not token.text[:1].isupper() or i in index.party_at:
        return False
    return i not in index.person_at and all(token.lower_ != e.last for e in index.persons)


def _in_headline(index: DocIndex, i: int) -> bool:
    """Token i sits in a title-case line ("Popular Website Shows Bias When It Comes To ...")."""
    sent = index.sent_of(i)
    end = index.sent_starts[sent + 1] if sent + 1 < len(index.sent_starts) else len(index.doc)
    words = [t for t in index.doc[index.sent_starts[sent]:end] if t.is_alpha and len(t) > 3]
    return len(words) >= 3 and all(t.text[:1].isupper() for t in words)


def add_acronym_mentions(index: DocIndex, acronym: str, entity: Entity) -> None:
    """Add every use of an acronym ("the LDRS") as a mention of its organisation."""
    for i in index.acronym_tokens.get(acronym, []):
        if i not in index.org_at:
            add_org_mention(index, entity, i, i + 1)


def add_org_mention(index: DocIndex, entity: Entity, start: int, end: int) -> None:
    """Record one organisation mention at tokens [start, end)."""
    mention = index.mention(start, end)
    entity.mentions.append(mention)
    entity.last_seen = max(entity.last_seen, start)
    for i in range(start, end):
        index.org_at[i] = (mention, entity)
    index.org_mentions.append((mention, entity))
