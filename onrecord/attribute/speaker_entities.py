"""Entities and mentions that speaker resolution works with, and the per-document index.

``DocIndex`` holds a document's people, organisations and parties, keyed by token
position, so resolving a source costs a few dictionary reads. ``speaker_index`` fills it.
"""

from __future__ import annotations

import sys
from bisect import bisect_right
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from onrecord.attribute import lexicon_speakers as lex
from onrecord.types import CharSpan, SpeakerType


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
        head = span_head(doc, start, end)
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


def span_head(doc: Doc, start: int, end: int) -> Token:
    """The token of [start, end) whose syntactic head lies outside it (or the last one)."""
    for i in range(end - 1, start - 1, -1):
        head = doc[i].head
        if head.i < start or head.i >= end or head.i == i:
            return doc[i]
    return doc[end - 1]


def is_acronym(text: str) -> bool:
    """Short all-letter word with two or more capitals: "LDRS", "DfT", "GOP"."""
    return (2 <= len(text) <= lex.MAX_ACRONYM_CHARS and text.isalpha()
            and sum(ch.isupper() for ch in text) >= 2)
