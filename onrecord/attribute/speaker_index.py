"""Per-document index of the people, organisations and parties a speaker can resolve to.

Built once per ``resolve_speakers`` call, in one pass over the tokens (honorifics, party
names, acronyms, quotation marks) and one over ``doc.ents``. Everything later looks
entities up by token position, so resolving a source costs a few dictionary reads.
"""

from __future__ import annotations

import sys
from bisect import bisect_right
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from onrecord.attribute import lexicon_speakers as lex
from onrecord.attribute.speaker_roles import describe_mention, infer_affiliation
from onrecord.types import CharSpan, SpeakerType

NAME_PARTICLES = frozenset({"de", "van", "von", "der", "den", "la", "le", "du", "da", "al", "bin", "ibn", "-"})
OPEN_QUOTES = frozenset({"“", "«"})
CLOSE_QUOTES = frozenset({"”", "»"})
STRAIGHT_QUOTES = frozenset({'"'})


@dataclass(frozen=True, slots=True)
class Mention:
    """One mention of an entity: token range (honorific included) and its context."""

    start: int
    end: int
    start_char: int
    end_char: int
    sent: int
    subject: bool
    quoted: bool


@dataclass(slots=True, eq=False)
class Entity:
    """An entity being resolved: mutable while one document is processed."""

    name: str
    type: SpeakerType
    role: str | None = None
    affiliation: str | None = None
    gender: lex.PronounKind | None = None
    party: lex.Party | None = None
    first: str | None = None
    last: str | None = None
    name_quality: tuple[int, int] = (0, 0)
    last_seen: int = -1
    mentions: list[Mention] = field(default_factory=list)
    source_spans: list[CharSpan] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class _Scan:
    """What the single token pass found."""

    honorifics: list[int]
    parties: list[tuple[int, int, lex.Party]]
    acronyms: dict[str, list[int]]
    quotes: list[CharSpan]


@dataclass(slots=True)
class DocIndex:
    """Entities of one document, looked up by token position or by name."""

    doc: Doc
    ents: tuple[Span, ...]  # doc.ents builds new spans on every access: read it once
    sent_starts: list[int]
    quotes: list[CharSpan]
    party_at: dict[int, lex.Party]
    persons: list[Entity] = field(default_factory=list)
    person_at: dict[int, tuple[Mention, Entity]] = field(default_factory=dict)
    person_mentions: list[tuple[Mention, Entity]] = field(default_factory=list)
    orgs: dict[str, Entity] = field(default_factory=dict)
    org_at: dict[int, tuple[Mention, Entity]] = field(default_factory=dict)
    org_mentions: list[tuple[Mention, Entity]] = field(default_factory=list)
    acronyms: dict[str, Entity] = field(default_factory=dict)
    acronym_tokens: dict[str, list[int]] = field(default_factory=dict)
    parties: dict[lex.Party, Entity] = field(default_factory=dict)
    party_mentions: list[tuple[Mention, Entity]] = field(default_factory=list)
    uk: bool = False

    def sent_of(self, token_index: int) -> int:
        """Index of the sentence holding a token."""
        return bisect_right(self.sent_starts, token_index) - 1

    def is_quoted(self, char: int) -> bool:
        """Whether a character offset lies inside quotation marks."""
        pos = bisect_right(self.quotes, (char, sys.maxsize)) - 1
        return pos >= 0 and self.quotes[pos][0] <= char < self.quotes[pos][1]

    def mention(self, start: int, end: int) -> Mention:
        """Build a mention of tokens [start, end) with its sentence, subject and quote flags."""
        doc = self.doc
        head = _span_head(doc, start, end)
        subject = head.dep_ in lex.SUBJECT_DEPS or (
            head.dep_ in ("appos", "compound") and head.head.dep_ in lex.SUBJECT_DEPS
        )
        start_char = doc[start].idx
        return Mention(start, end, start_char, doc[end - 1].idx + len(doc[end - 1]), self.sent_of(start),
                       subject, self.is_quoted(start_char))

    def party_entity(self, party: lex.Party) -> Entity:
        """The entity of a party, created on first use."""
        entity = self.parties.get(party)
        if entity is None:
            entity = Entity(party.name, "organisation", affiliation=party.affiliation, party=party)
            self.parties[party] = entity
        return entity

    def org_entity(self, name: str) -> Entity:
        """The organisation entity for a cleaned name, created on first use."""
        key = name.lower()
        entity = self.orgs.get(key)
        if entity is None:
            entity = Entity(name, "organisation")
            self.orgs[key] = entity
        return entity


def build_index(doc: Doc) -> DocIndex:
    """Index the people, organisations and parties of a parsed document."""
    scan = _scan_tokens(doc)
    party_at = {i: party for start, end, party in scan.parties for i in range(start, end)}
    index = DocIndex(doc, doc.ents, [sent.start for sent in doc.sents], scan.quotes, party_at,
                     acronym_tokens=scan.acronyms)
    index.uk = any(party.uk for _, _, party in scan.parties)
    _index_parties(index, scan)
    _index_persons(index, scan)
    _index_orgs(index)
    for entity in index.persons:
        _describe_person(index, entity)
    return index


def _scan_tokens(doc: Doc) -> _Scan:
    """One pass over the tokens: honorifics, party names, acronyms and quoted stretches."""
    honorifics: list[int] = []
    parties: list[tuple[int, int, lex.Party]] = []
    acronyms: dict[str, list[int]] = {}
    quotes: list[CharSpan] = []
    open_at: int | None = None
    skip_to = 0
    for token in doc:
        i, text = token.i, token.text
        if text in OPEN_QUOTES or (text in STRAIGHT_QUOTES and open_at is None):
            open_at = token.idx
        elif (text in CLOSE_QUOTES or text in STRAIGHT_QUOTES) and open_at is not None:
            quotes.append((open_at, token.idx + 1))
            open_at = None
        elif token.is_space and "\n" in text and open_at is not None:
            # A quote running over paragraphs reopens at each one ("“..." / "“...”").
            quotes.append((open_at, token.idx))
            open_at = None
        if i < skip_to or not text[:1].isupper():
            continue
        lower = token.lower_
        if lower.rstrip(".") in lex.HONORIFICS:
            honorifics.append(i)
        if lower in lex.PARTY_FIRST_WORDS:
            match = _match_party(doc, i)
            if match is not None:
                parties.append((i, match[0], match[1]))
                skip_to = match[0]
                continue
        if _is_acronym(text):
            acronyms.setdefault(lower, []).append(i)
    if open_at is not None:
        quotes.append((open_at, doc[-1].idx + len(doc[-1])))
    return _Scan(honorifics, parties, acronyms, quotes)


def _match_party(doc: Doc, start: int) -> tuple[int, lex.Party] | None:
    """Longest party form starting at a token, as (end token, party)."""
    for length in range(min(lex.PARTY_MAX_TOKENS, len(doc) - start), 0, -1):
        form = tuple(doc[start + k].lower_ for k in range(length))
        party = lex.PARTY_FORMS.get(form)
        if party is not None:
            return start + length, party
    return None


def _is_acronym(text: str) -> bool:
    """Short all-letter word with two or more capitals: "LDRS", "DfT", "GOP"."""
    return (2 <= len(text) <= lex.MAX_ACRONYM_CHARS and text.isalpha()
            and sum(ch.isupper() for ch in text) >= 2)


def _span_head(doc: Doc, start: int, end: int) -> Token:
    """The token of [start, end) whose syntactic head lies outside it (or the last one)."""
    for i in range(end - 1, start - 1, -1):
        head = doc[i].head
        if head.i < start or head.i >= end or head.i == i:
            return doc[i]
    return doc[end - 1]


def _index_parties(index: DocIndex, scan: _Scan) -> None:
    """Register party mentions; only nominal uses count as mentions of the party itself."""
    doc = index.doc
    for start, end, party in scan.parties:
        entity = index.party_entity(party)
        mention = index.mention(start, end)
        index.party_mentions.append((mention, entity))
        # "a Labour government", "Tory ministers": the party word modifies another noun.
        if _span_head(doc, start, end).dep_ not in ("amod", "compound"):
            entity.mentions.append(mention)


# --- persons --------------------------------------------------------------------------


def _index_persons(index: DocIndex, scan: _Scan) -> None:
    """Collect name mentions (NER PERSON plus honorific + capitalised word) and cluster them."""
    doc = index.doc
    candidates: dict[int, tuple[int, int, int]] = {}
    for ent in index.ents:
        if ent.label_ == "PERSON":
            cleaned = _clean_name(doc, ent.start, ent.end)
            if cleaned is not None:
                candidates[cleaned[1]] = cleaned
    for i in scan.honorifics:
        if i + 1 < len(doc) and i + 1 not in candidates and doc[i + 1].tag_ in ("NNP", "NNPS"):
            end = i + 1
            while end < len(doc) and end - i <= lex.MAX_NAME_TOKENS and doc[end].tag_ in ("NNP", "NNPS") \
                    and doc[end].text[:1].isupper():
                end += 1
            cleaned = _clean_name(doc, i, end)
            if cleaned is not None and not any(k in candidates for k in range(cleaned[1], cleaned[2])):
                candidates[cleaned[1]] = cleaned
    clusters = _Clusters(index)
    for start, name_start, end in sorted(candidates.values()):
        clusters.add(start, name_start, end)
    _attach_person_orgs(index, clusters)
    index.person_mentions.sort(key=lambda pair: pair[0].start)


def _clean_name(doc: Doc, start: int, end: int) -> tuple[int, int, int] | None:
    """Strip honorifics, titles and possessives from a name: (mention start, name start, end)."""
    mention_start = start
    if start > 0 and doc[start - 1].lower_.rstrip(".") in lex.HONORIFICS and doc[start - 1].text[:1].isupper():
        mention_start = start - 1
    while start < end - 1 and (doc[start].lower_.rstrip(".") in lex.HONORIFICS
                               or doc[start].lower_ in lex.LEADING_DETERMINERS
                               or doc[start].lower_ in lex.ROLE_NOUNS):
        start += 1
    while end > start and (doc[end - 1].tag_ == "POS" or doc[end - 1].is_punct and doc[end - 1].text != "."):
        end -= 1
    if not _looks_like_name(doc, start, end):
        return None
    if doc[start].lower_ in lex.LEADING_DETERMINERS or doc[start].lower_ in lex.ROLE_NOUNS:
        return None
    return min(mention_start, start), start, end


def _looks_like_name(doc: Doc, start: int, end: int) -> bool:
    """Reject place names, acronyms and party words that the small model tags PERSON."""
    if not 0 < end - start <= lex.MAX_NAME_TOKENS:
        return False
    tokens = doc[start:end]
    if tokens[0].lower_ in lex.PLACE_WORDS or not tokens[0].text[:1].isupper():
        return False
    if any(not t.text[:1].isupper() and t.lower_ not in NAME_PARTICLES for t in tokens):
        return False
    if end - start == 1:
        word = tokens[0]
        if (_is_acronym(word.text) and len(word.text) <= 4) or (word.lower_,) in lex.PARTY_FORMS:
            return False
        # "Newton Aycliffe": the small model tags the second half of a place name PERSON.
        if start > 0 and doc[start - 1].ent_type_ in lex.PLACE_ENTS and doc[start - 1].tag_ == "NNP":
            return False
    return True


class _Clusters:
    """Groups name mentions into persons: "Ms Reeves" and "Reeves" join "Rachel Reeves"."""

    def __init__(self, index: DocIndex) -> None:
        self.index = index
        self.by_word: dict[str, list[Entity]] = {}

    def add(self, start: int, name_start: int, end: int) -> Entity:
        """Add one name mention; return the person it joined or founded."""
        doc = self.index.doc
        words = [t.lower_ for t in doc[name_start:end] if t.is_alpha or t.lower_.rstrip(".").isalpha()]
        words = [w.rstrip(".") for w in words] or [doc[name_start].lower_]
        entity = self._find(words)
        if entity is None:
            entity = Entity("", "person")
            self.index.persons.append(entity)
        self._update(entity, words, name_start, end)
        honorific = doc[start].lower_.rstrip(".") if start < name_start else ""
        if honorific in lex.HONORIFIC_GENDER:
            entity.gender = lex.HONORIFIC_GENDER[honorific]
        mention = self.index.mention(start, end)
        entity.mentions.append(mention)
        entity.last_seen = start
        for i in range(start, end):
            self.index.person_at[i] = (mention, entity)
        self.index.person_mentions.append((mention, entity))
        return entity

    def _find(self, words: list[str]) -> Entity | None:
        """The known person a name refers to, most recently mentioned first."""
        first, last = words[0], words[-1]
        candidates = sorted(self.by_word.get(last, []), key=lambda e: -e.last_seen)
        if len(words) == 1:
            for entity in candidates:
                if entity.last == last or entity.first == last:
                    return entity
            return None
        for entity in candidates:
            if entity.last == last and (entity.first is None or _same_first(entity.first, first)):
                return entity
        # "Kim" alone earlier, "Kim McGuinness" now: the first-name-only person is this one.
        for entity in self.by_word.get(first, []):
            if entity.first is None and entity.last == first:
                return entity
        return None

    def _update(self, entity: Entity, words: list[str], name_start: int, end: int) -> None:
        """Keep the fullest form of the name and index it by first and last word."""
        doc = self.index.doc
        text = doc[name_start:end].text
        quality = (sum(len(w) > 1 for w in words), int(not text.isupper()))
        if quality > entity.name_quality:
            entity.name, entity.name_quality = text, quality
            entity.first, entity.last = (words[0] if len(words) > 1 else None), words[-1]
        for word in {words[0], words[-1]}:
            bucket = self.by_word.setdefault(word, [])
            if entity not in bucket:
                bucket.append(entity)


def _same_first(known: str, first: str) -> bool:
    """First names agree, allowing an initial ("J." for "John")."""
    return known == first or (known[0] == first[0] and min(len(known), len(first)) == 1)


def _attach_person_orgs(index: DocIndex, clusters: _Clusters) -> None:
    """Count "a Keir Starmer government" (tagged ORG) as a mention of a known full name."""
    known = {e.name.lower(): e for e in index.persons if e.first is not None}
    for ent in index.ents:
        if ent.label_ != "PERSON" and ent.start not in index.person_at and len(ent) >= 2:
            if ent.text.lower() in known:
                clusters.add(ent.start, ent.start, ent.end)


def _describe_person(index: DocIndex, entity: Entity) -> None:
    """Fill role and affiliation from the text around every mention; infer party last."""
    for mention in entity.mentions:
        evidence = describe_mention(index.doc, mention.start, mention.end, index.party_at)
        if entity.role is None and evidence.role is not None:
            entity.role = evidence.role
        if entity.affiliation is None and evidence.affiliation is not None:
            entity.affiliation = evidence.affiliation
    if entity.role is None:
        entity.role = _honorific_role(index.doc, entity)
    if entity.affiliation is None and entity.mentions:
        full = next((m for m in entity.mentions if m.end - m.start >= 2), entity.mentions[0])
        party = infer_affiliation(index.doc, full.start, full.end, index.party_at)
        entity.affiliation = party.affiliation if party else None


def _honorific_role(doc: Doc, entity: Entity) -> str | None:
    """Role implied by an abbreviated title ("Sen." -> senator) when nothing else says."""
    for mention in entity.mentions:
        role = lex.HONORIFIC_ROLES.get(doc[mention.start].lower_.rstrip("."))
        if role is not None:
            return role
    return None


# --- organisations --------------------------------------------------------------------


def _index_orgs(index: DocIndex) -> None:
    """Register ORG entities by cleaned name, their bracketed acronyms and acronym uses."""
    doc = index.doc
    for ent in index.ents:
        if ent.label_ != "ORG" or ent.start in index.person_at:
            continue
        cleaned = clean_org(doc, ent.start, ent.end, index.party_at)
        if cleaned is None:
            continue
        start, end = cleaned
        name = doc[start:end].text
        entity = index.acronyms.get(name.lower()) or index.org_entity(name)
        _add_org_mention(index, entity, start, end)
        if end + 2 < len(doc) and doc[end].text == "(" and doc[end + 2].text == ")" \
                and _is_acronym(doc[end + 1].text):
            index.acronyms[doc[end + 1].lower_] = entity
    for acronym, entity in index.acronyms.items():
        add_acronym_mentions(index, acronym, entity)
    index.org_mentions.sort(key=lambda pair: pair[0].start)


def clean_org(doc: Doc, start: int, end: int, party_at: dict[int, lex.Party]) -> tuple[int, int] | None:
    """Strip "the" and possessives; None for spans that are parties, not organisations."""
    if doc[start].lower_ in lex.LEADING_DETERMINERS:
        start += 1
    for i in range(start, end):
        if doc[i].tag_ == "POS":
            # "Labour’s North East" (tagged ORG): a party's possessive, not an organisation.
            end = i
            break
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    if end <= start or all(i in party_at for i in range(start, end)):
        return None
    return start, end


def add_acronym_mentions(index: DocIndex, acronym: str, entity: Entity) -> None:
    """Add every use of an acronym ("the LDRS") as a mention of its organisation."""
    for i in index.acronym_tokens.get(acronym, []):
        if i not in index.org_at:
            _add_org_mention(index, entity, i, i + 1)


def _add_org_mention(index: DocIndex, entity: Entity, start: int, end: int) -> None:
    """Record one organisation mention at tokens [start, end)."""
    mention = index.mention(start, end)
    entity.mentions.append(mention)
    entity.last_seen = max(entity.last_seen, start)
    for i in range(start, end):
        index.org_at[i] = (mention, entity)
    index.org_mentions.append((mention, entity))
