"""Resolve statement sources ("He", "Ms Reeves", "the party") to canonical speakers.

``resolve_speakers`` takes the source span of each statement and returns who it is:

1. build the document's entity index once (names, organisations, parties, roles);
2. walk the sources in document order; for each, try in turn
   a pronoun ("he" -> the latest compatible speaker or subject), a relative pronoun,
   a party ("Labour", "the party"), the government, a coordinated group, a named
   person, "a spokesperson for <org>", a role description ("the shadow chancellor"),
   an organisation (name, acronym or "the company"), a plural group, and finally an
   unresolved speaker named by the source text;
3. turn each entity into one frozen ``Speaker`` whose mention spans include every
   source resolved to it.
"""

from __future__ import annotations

import logging
from bisect import bisect_left
from collections.abc import Sequence

from spacy.tokens import Doc, Span, Token

from onrecord.attribute import lexicon_speakers as lex
from onrecord.attribute.speaker_entities import DocIndex, Entity, Mention
from onrecord.attribute.speaker_index import add_acronym_mentions, build_index, initials, named_org_before
from onrecord.types import CharSpan, Speaker, SpeakerType

LOGGER = logging.getLogger(__name__)

# A pronoun candidate: (token position, entity, salient, quoted). Salient means it was a
# previous statement's speaker or a sentence subject.
_Candidate = tuple[int, Entity, bool, bool]


def resolve_speakers(doc: Doc, sources: Sequence[Span | None]) -> list[Speaker | None]:
    """Resolve each statement's source span to a canonical speaker.

    Args:
        doc: the parsed article (tagger, parser and NER must have run).
        sources: one source span per statement, in document order; None where the
            statement has no explicit source.

    Returns:
        One ``Speaker`` per source, or None where there is no source or it cannot be
        resolved (a first-person pronoun, a pronoun with no antecedent). Sources that
        refer to the same entity get equal ``Speaker`` objects.
    """
    if all(source is None for source in sources):
        return [None] * len(sources)
    resolver = _Resolver(build_index(doc))
    entities: list[Entity | None] = [None] * len(sources)
    for k in sorted(range(len(sources)), key=lambda k: _start_of(sources[k])):
        source = sources[k]
        if source is None:
            continue
        entity = resolver.resolve(source)
        if entity is None:
            LOGGER.debug("no speaker for source %r at char %d", source.text, source.start_char)
        else:
            entity.source_spans.append((source.start_char, source.end_char))
            resolver.note_speaker(source, entity)
        entities[k] = entity
    built: dict[int, Speaker] = {}
    return [_speaker(entity, built) if entity is not None else None for entity in entities]


def _start_of(source: Span | None) -> int:
    """Sort key: document position of a source."""
    return -1 if source is None else source.start


def _speaker(entity: Entity, built: dict[int, Speaker]) -> Speaker:
    """The frozen Speaker of an entity, built once and shared by all its statements."""
    speaker = built.get(id(entity))
    if speaker is None:
        speaker = Speaker(entity.name, entity.type, entity.role, entity.affiliation, _mention_spans(entity))
        built[id(entity)] = speaker
    return speaker


def _mention_spans(entity: Entity) -> tuple[CharSpan, ...]:
    """Name mentions plus resolved sources; a name inside a source span counts once."""
    sources = set(entity.source_spans)
    spans = set(sources)
    for mention in entity.mentions:
        span = (mention.start_char, mention.end_char)
        if not any(start <= span[0] and span[1] <= end for start, end in sources):
            spans.add(span)
    return tuple(sorted(spans))


class _Resolver:
    """Resolves source spans of one document against its index, in document order."""

    def __init__(self, index: DocIndex) -> None:
        self.index = index
        self.doc = index.doc
        self.speakers: list[tuple[int, int, Entity]] = []
        self.others: dict[tuple[SpeakerType, str], Entity] = {}
        self.person_starts = [mention.start for mention, _ in index.person_mentions]
        self.org_mentions = sorted(index.org_mentions + index.party_mentions, key=lambda pair: pair[0].start)
        self.org_starts = [mention.start for mention, _ in self.org_mentions]

    def note_speaker(self, source: Span, entity: Entity) -> None:
        """Remember a resolved source as a candidate antecedent for later pronouns."""
        self.speakers.append((source.start, self.index.sent_of(source.start), entity))

    def resolve(self, source: Span) -> Entity | None:
        """The entity a source span refers to, or None."""
        trimmed = _trim(self.doc, source.start, source.end)
        if trimmed is None:
            return None
        start, end = trimmed
        if end - start == 1:
            word = self.doc[start].lower_
            if word in lex.PRONOUNS:
                return self._pronoun(start, lex.PRONOUNS[word])
            if word in lex.UNRESOLVABLE_PRONOUNS:
                return None
            if word in lex.RELATIVE_PRONOUNS:
                return self._relative(self.doc[start])
        return self._noun_phrase(start, end, strict=False)

    # --- pronouns ---------------------------------------------------------------------

    def _pronoun(self, start: int, kind: lex.PronounKind) -> Entity | None:
        """The latest compatible speaker or subject within the last few sentences."""
        lowest = self.index.sent_of(start) - lex.PRONOUN_WINDOW_SENTENCES
        if kind in ("male", "female"):
            candidates = self._mention_candidates(self.index.person_mentions, self.person_starts, start, lowest)
            candidates += self._speaker_candidates(start, lowest, ("person",))
            candidates = [c for c in candidates if c[1].gender in (None, kind)]
        else:
            types: tuple[SpeakerType, ...] = ("organisation",) if kind == "it" else ("group", "organisation")
            candidates = self._speaker_candidates(start, lowest, types)
            mentions = self._mention_candidates(self.org_mentions, self.org_starts, start, lowest)
            candidates += [c for c in mentions if kind == "it" or c[2]]
        # No gender is learnt from the choice made here: one wrong guess ("she" -> Trump)
        # would then block every later "he" (PolNeAR dev, AP live blog of 2016-09-12).
        return _most_salient(candidates)

    def _mention_candidates(self, mentions: list[tuple[Mention, Entity]], starts: list[int], before: int,
                            lowest_sent: int) -> list[_Candidate]:
        """Mentions that end before a token, back to a sentence index."""
        found: list[_Candidate] = []
        for k in range(bisect_left(starts, before) - 1, -1, -1):
            mention, entity = mentions[k]
            if mention.sent < lowest_sent:
                break
            if mention.end <= before:
                found.append((mention.start, entity, mention.subject, mention.quoted))
        return found

    def _speaker_candidates(self, before: int, lowest_sent: int, types: tuple[SpeakerType, ...]) -> list[_Candidate]:
        """Earlier resolved speakers of the given types, back to a sentence index."""
        found: list[_Candidate] = []
        for position, sent, entity in reversed(self.speakers):
            if sent < lowest_sent:
                break
            if position < before and entity.type in types:
                found.append((position, entity, True, self.index.is_quoted(self.doc[position].idx)))
        return found

    def _relative(self, token: Token) -> Entity | None:
        """"who"/"which": the noun the relative clause hangs from."""
        if token.head.dep_ != "relcl":
            return None
        antecedent = token.head.head
        for table in (self.index.person_at, self.index.org_at):
            hit = table.get(antecedent.i)
            if hit is not None:
                return hit[1]
        party = self.index.party_at.get(antecedent.i)
        if party is not None:
            return self.index.party_entity(party)
        return self._noun_phrase(antecedent.left_edge.i, antecedent.i + 1, strict=False)

    # --- noun phrases -----------------------------------------------------------------

    def _noun_phrase(self, start: int, end: int, *, strict: bool) -> Entity | None:
        """Resolve a non-pronoun source; ``strict`` forbids inventing unresolved entities."""
        doc = self.doc
        core = start + 1 if doc[start].lower_ in lex.LEADING_DETERMINERS and end - start > 1 else start
        words = tuple(t.lower_ for t in doc[core:end])
        party = lex.PARTY_FORMS.get(words)
        if party is not None:
            return self.index.party_entity(party)
        if words in lex.PARTY_ANAPHORS:
            return self._last_party(start)
        root = doc[start:end].root
        steps = (self._government, self._coordinated, self._person, self._spokesperson, self._described,
                 self._organisation, self._group)
        for step in steps:
            entity = step(core, end, root, strict)
            if entity is not None:
                return entity
        return None if strict else self._unresolved(core, end, root)

    def _last_party(self, before: int) -> Entity | None:
        """"the party": the party mentioned last before the source (else first after)."""
        mentions = self.index.party_mentions
        earlier = [entity for mention, entity in mentions if mention.start < before]
        if earlier:
            return earlier[-1]
        return mentions[0][1] if mentions else None

    def _government(self, core: int, end: int, root: Token, strict: bool) -> Entity | None:
        """"the government", "Tory ministers", "Downing Street"."""
        words = tuple(t.lower_ for t in self.doc[core:end])
        if words not in lex.GOVERNMENT_PHRASES:
            if root.lower_ not in lex.GOVERNMENT_HEADS:
                return None
            for token in self.doc[core:end]:
                if token.i != root.i and token.i not in self.index.party_at and token.text[:1].isupper() \
                        and token.lower_ not in lex.GENERIC_GOVERNMENT_MODIFIERS:
                    return None  # "the Scottish Government" is another government
        name = lex.UK_GOVERNMENT if self.index.uk else lex.GENERIC_GOVERNMENT
        return self._other("organisation", name)

    def _coordinated(self, core: int, end: int, root: Token, strict: bool) -> Entity | None:
        """"Obama and Clinton", "Mr. Grassley and Mr. Leahy": coordinated heads are a group."""
        if not any(child.dep_ == "conj" and core <= child.i < end for child in root.children):
            return None
        if root.ent_type_ == "ORG" and all(t.ent_type_ == "ORG" for t in self.doc[core:end]):
            return None  # "Department for Business and Trade": one organisation
        if core > 0 and self.doc[core - 1].lower_ == "the" and root.tag_ == "NN" and root.lower_ in lex.ROLE_NOUNS:
            return None  # "the former secretary of state and current nominee": one person
        return self._group_entity(core, end)

    def _person(self, core: int, end: int, root: Token, strict: bool) -> Entity | None:
        """A named person in the source: the name is its head or the head's appositive."""
        person_at = self.index.person_at
        hit = person_at.get(root.i)
        if hit is not None:
            return hit[1] if hit[1].first is not None else self._appositive_full_name(root, end) or hit[1]
        for i in range(core, end):
            hit = person_at.get(i)
            if hit is None:
                continue
            mention, entity = hit
            head = self.doc[mention.end - 1]
            if (head.dep_ == "appos" and head.head.i == root.i) or self._at_edge(mention, core, end, root):
                return entity
        return self._surname(core, end, root)

    def _appositive_full_name(self, root: Token, end: int) -> Entity | None:
        """A full name in apposition to a one-word name: "Twitter, the shadow housing secretary
        Kevin Hollinrake", where the small model took "Twitter" for a person."""
        for token in root.subtree:
            hit = self.index.person_at.get(token.i) if token.dep_ == "appos" and token.i < end else None
            if hit is not None and hit[1].first is not None:
                return hit[1]
        return None

    def _at_edge(self, mention: Mention, core: int, end: int, root: Token) -> bool:
        """Name opens an appositive source ("Rendell, a surrogate") or closes a titled one."""
        doc = self.doc
        if mention.start == core:
            return mention.end == end or doc[mention.end].text in (",", "(")
        if mention.end == end and core < mention.start - 1 and doc[mention.start - 1].text == ",":
            # "Labour's group leader on Eastmere Borough Council, Daniel Okafor": the parser
            # hangs the name on "Council", but a description then a name is the named person.
            return all(t.tag_ not in lex.CLAUSE_TAGS for t in doc[core:mention.start - 1])
        # "campaign spokesman Jason Miller", but not "a spokesman for Jason Miller".
        return mention.end == end and root.lower_ in lex.ROLE_NOUNS and root.i < mention.start \
            and all(t.tag_ not in ("IN", "POS") for t in doc[root.i:mention.start])

    def _surname(self, core: int, end: int, root: Token) -> Entity | None:
        """A capitalised name the NER missed here ("WALLACE", "Trump" tagged ORG)."""
        if root.ent_type_ in lex.PLACE_ENTS or root.ent_type_ in ("NORP", "FAC"):
            return None  # "North Korea" is no relation of a "N. Korea" the NER took for a name
        tokens = [t for t in self.doc[core:end] if t.lower_.rstrip(".") not in lex.HONORIFICS]
        # Capitalisation, not the tag: a sentence-initial "Tarrow said" may be tagged NN.
        if not tokens or len(tokens) > 2 or not all(t.text[:1].isupper() for t in tokens):
            return None
        word = tokens[-1].lower_
        matches = [e for e in self.index.persons if e.last == word or (e.first is None and e.last == word)]
        if not matches:
            return None
        return max(matches, key=lambda e: max((m.start for m in e.mentions if m.start < core), default=-1))

    def _spokesperson(self, core: int, end: int, root: Token, strict: bool) -> Entity | None:
        """"a spokesperson for the council", "a Labour spokesman": the organisation speaks."""
        if root.lower_ not in lex.SPOKES_NOUNS:
            return None
        if root.i + 2 < end and self.doc[root.i + 1].lower_ in ("for", "of", "at"):
            owner = self._noun_phrase(root.i + 2, end, strict=True)
        elif core < root.i:
            owner = self._noun_phrase(core, root.i, strict=True)
        else:
            return None
        return owner if owner is not None and owner.type == "organisation" else None

    def _described(self, core: int, end: int, root: Token, strict: bool) -> Entity | None:
        """"the shadow chancellor", "the mayor": the person whose role fits the words."""
        if root.lower_ not in lex.ROLE_NOUNS or root.tag_ not in ("NN", "NNP"):
            return None
        party = next((self.index.party_at[t.i] for t in self.doc[core:end] if t.i in self.index.party_at), None)
        words = [t.lower_ for t in self.doc[core:end] if t.is_alpha and t.i not in self.index.party_at
                 and t.lower_ != "former" and t.lower_ not in lex.EVALUATIVE_MODIFIERS]
        best: tuple[tuple[bool, int, int], Entity] | None = None
        for entity in self.index.persons:
            if entity.role is None:
                continue
            role_words = set(entity.role.lower().replace("-", " ").split())
            if root.lower_ not in role_words or any(w in lex.RANK_MODIFIERS and w not in words for w in role_words):
                continue
            if party is not None and entity.affiliation not in (None, party.affiliation):
                continue
            last_before = max((m.start for m in entity.mentions if m.start < core), default=-1)
            missing = sum(word not in role_words for word in words)
            key = (last_before >= 0, -missing, last_before)
            if best is None or key > best[0]:
                best = (key, entity)
        return best[1] if best is not None else None

    def _organisation(self, core: int, end: int, root: Token, strict: bool) -> Entity | None:
        """An organisation by name, acronym, "the company"-style descriptor or entity tag."""
        hit = self.index.org_at.get(root.i)
        if hit is not None:
            return hit[1]
        if root.lower_ in lex.GROUP_NOUNS:
            return None  # sentence-initial "Staff", "Police" are tagged NNP, sometimes ORG
        doc = self.doc
        if end - core == 1 and doc[core].text.isalpha() and sum(c.isupper() for c in doc[core].text) >= 2:
            return self._acronym(doc[core].lower_)
        # "the council", "the Council": a bare descriptor after a determiner refers back.
        bare = end - core == 1 and core > 0 and doc[core - 1].lower_ in lex.LEADING_DETERMINERS
        if root.lower_ in lex.ORG_DESCRIPTORS and (bare or not any(t.text[:1].isupper() for t in doc[core:end])):
            entity = self._descriptor(core, root.lower_, bare)
            if entity is not None or root.text.islower():
                return entity  # an unmatched "the Council" reads on as a name
        if root.ent_type_ in lex.ORG_ENTS or (root.tag_ in ("NNP", "NNPS") and not root.ent_type_ and not strict):
            tokens = [t for t in doc[_name_start(doc, core, end):end] if t.tag_ != "POS"]
            return self.index.org_entity(doc[tokens[0].i:tokens[-1].i + 1].text)
        return None

    def _acronym(self, acronym: str) -> Entity | None:
        """An acronym used alone: declared "(LDRS)" or the initials of a known organisation."""
        entity = self.index.acronyms.get(acronym)
        if entity is None:
            entity = next((e for e in self.index.orgs.values() if acronym in initials(e.name)), None)
            if entity is None:
                return None
            self.index.acronyms[acronym] = entity
            add_acronym_mentions(self.index, acronym, entity)
        return entity

    def _descriptor(self, before: int, noun: str, bare: bool) -> Entity | None:
        """"the council": the latest earlier organisation named with that noun (or any, for "the company").

        For a bare "the council", a name the NER missed ("Eastmere council", untagged) counts
        too if it comes later than the latest tagged match; "another mining company" does
        not refer back to a named one.
        """
        earlier = [(m, e) for m, e in self.index.org_mentions if m.start < before]
        tagged = next(((m, e) for m, e in reversed(earlier) if noun in e.name.lower().split()), None)
        untagged = None
        if bare:
            untagged = named_org_before(self.index, before, noun, tagged[0].start if tagged else -1)
        if untagged is not None:
            return untagged
        if tagged is not None:
            return tagged[1]
        if noun in lex.GENERIC_ORG_DESCRIPTORS and earlier:
            return earlier[-1][1]
        return None

    def _group(self, core: int, end: int, root: Token, strict: bool) -> Entity | None:
        """Plural or collective heads: "sources", "officials", "police"."""
        if strict:
            return None
        plural = root.tag_ in ("NNS", "NNPS") or root.lower_ in lex.GROUP_NOUNS
        if not plural and root.lower_ not in lex.GROUP_QUANTIFIERS:
            return None
        return self._group_entity(core, end)

    def _group_entity(self, core: int, end: int) -> Entity:
        """A group named by the source text, with a party if one alone qualifies it."""
        entity = self._other("group", self._text(core, end))
        entity.affiliation = entity.affiliation or self._sole_party(core, end)
        return entity

    def _unresolved(self, core: int, end: int, root: Token) -> Entity:
        """Keep what the text says: an unnamed official, or a body named by the source."""
        personal = root.lower_ in lex.ROLE_NOUNS or root.lower_ in lex.PERSON_NOUNS or root.i in self.index.party_at
        kind: SpeakerType = "person" if personal else "organisation"
        entity = self._other(kind, self._text(core if personal else _name_start(self.doc, core, end), end))
        entity.affiliation = entity.affiliation or self._sole_party(core, end)
        return entity

    def _sole_party(self, core: int, end: int) -> str | None:
        """The party qualifying a phrase, unless it is coordinated ("Labour and union leaders")."""
        parties = {self.index.party_at[t.i] for t in self.doc[core:end] if t.i in self.index.party_at}
        if len(parties) != 1:
            return None
        for token in self.doc[core:end]:
            if token.i in self.index.party_at and (token.dep_ in ("conj", "cc")
                                                    or any(c.dep_ == "conj" for c in token.children)):
                return None
        return next(iter(parties)).affiliation

    def _other(self, kind: SpeakerType, name: str) -> Entity:
        """A group, government or unresolved entity, shared by sources with the same name."""
        key = (kind, name.lower())
        entity = self.others.get(key)
        if entity is None:
            entity = Entity(name, kind)
            self.others[key] = entity
        return entity

    def _text(self, start: int, end: int) -> str:
        """Source text of tokens [start, end), possessive dropped."""
        tokens = [t for t in self.doc[start:end] if t.tag_ != "POS"]
        return self.doc[tokens[0].i:tokens[-1].i + 1].text


def _name_start(doc: Doc, core: int, end: int) -> int:
    """Where the name of a body starts: "the regulator Ofwat" is Ofwat, "the union Unite" Unite."""
    for i in range(core, end):
        if doc[i].text[:1].isupper():
            return i if all(doc[k].text.islower() for k in range(core, i)) else core
    return core


def _most_salient(candidates: list[_Candidate]) -> Entity | None:
    """Latest salient unquoted candidate, else latest unquoted, else latest of all."""
    tiers = ([c for c in candidates if c[2] and not c[3]], [c for c in candidates if not c[3]], candidates)
    for chosen in tiers:
        if chosen:
            return max(chosen, key=lambda c: c[0])[1]
    return None


def _trim(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    """Drop edge punctuation, a trailing possessive and a trailing bracket ("(LDRS)")."""
    while start < end and (doc[start].is_punct or doc[start].is_space):
        start += 1
    if end - start > 2 and doc[end - 1].text == ")":
        for k in range(end - 2, max(start, end - 9), -1):
            if doc[k].text == "(":
                end = k
                break
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space or doc[end - 1].tag_ == "POS"):
        end -= 1
    return (start, end) if end > start else None
