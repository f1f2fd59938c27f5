"""People in a document: name mentions, clustered into persons with role, party and gender.

Names are NER PERSON spans, plus capitalised words after an honorific ("Mr Trump") or a
capitalised title ("Councillor Ada Brisk") that the small model missed or tagged ORG.
"Ms Reeves" and "Reeves" join the fullest form seen ("Rachel Reeves").
"""

from __future__ import annotations

from spacy.tokens import Doc

from onrecord.attribute import lexicon_speakers as lex
from onrecord.attribute.speaker_entities import DocIndex, Entity, Mention, is_acronym
from onrecord.attribute.speaker_roles import describe_mention, infer_affiliation

NAME_PARTICLES = frozenset({"de", "van", "von", "der", "den", "la", "le", "du", "da", "al", "bin", "ibn", "-"})


def index_persons(index: DocIndex, honorifics: list[int], titles: list[int]) -> None:
    """Collect the document's name mentions and cluster them into persons."""
    doc = index.doc
    candidates: dict[int, tuple[int, int, int]] = {}
    for ent in index.ents:
        if ent.label_ == "PERSON":
            cleaned = _clean_name(doc, ent.start, ent.end)
            if cleaned is not None:
                candidates[cleaned[1]] = cleaned
    _add_prefixed_names(doc, candidates, honorifics, mention_from_prefix=True)
    # A title is not part of the mention: the role walk reads it ("Councillor" -> role).
    _add_prefixed_names(doc, candidates, titles, mention_from_prefix=False)
    _add_bare_surnames(doc, candidates)
    clusters = _Clusters(index)
    for start, name_start, end in sorted(candidates.values()):
        clusters.add(start, name_start, end)
    _attach_person_orgs(index, clusters)
    index.person_mentions.sort(key=lambda pair: pair[0].start)


def _add_prefixed_names(doc: Doc, candidates: dict[int, tuple[int, int, int]], prefixes: list[int], *,
                        mention_from_prefix: bool) -> None:
    """Add the capitalised words after each honorific or title as a name candidate."""
    for i in prefixes:
        if i + 1 >= len(doc) or i + 1 in candidates or doc[i + 1].tag_ not in ("NNP", "NNPS"):
            continue
        end = i + 1
        while end < len(doc) and end - i <= lex.MAX_NAME_TOKENS and doc[end].tag_ in ("NNP", "NNPS") \
                and doc[end].text[:1].isupper():
            end += 1
        cleaned = _clean_name(doc, i if mention_from_prefix else i + 1, end)
        if cleaned is not None and not any(k in candidates for k in range(cleaned[1], cleaned[2])):
            candidates[cleaned[1]] = cleaned


def _add_bare_surnames(doc: Doc, candidates: dict[int, tuple[int, int, int]]) -> None:
    """Add "Ruiz" wherever the full name "Elena Ruiz" is known and the model missed the surname.

    The small model tags full names far more reliably than a bare surname ("Ruiz, 52,
    served two terms"); without these mentions a later "she" skips the person just
    named. A surname shared by two full names, and a surname modifying a noun ("the
    Ruiz campaign"), add nothing.
    """
    full_names: dict[str, set[str]] = {}
    for _, name_start, end in candidates.values():
        words = [token.lower_ for token in doc[name_start:end] if token.is_alpha]
        if len(words) > 1:
            full_names.setdefault(words[-1], set()).add(words[0])
    surnames = {surname for surname, firsts in full_names.items() if len(firsts) == 1}
    covered = {i for _, name_start, end in candidates.values() for i in range(name_start, end)}
    for token in doc:
        if (token.lower_ in surnames and token.i not in covered and token.tag_ == "NNP"
                and token.dep_ != "compound" and token.text[:1].isupper()):
            candidates[token.i] = (token.i, token.i, token.i + 1)


def _clean_name(doc: Doc, start: int, end: int) -> tuple[int, int, int] | None:
    """Strip honorifics, titles and possessives from a name: (mention start, name start, end)."""
    mention_start = start
    if start > 0 and doc[start - 1].lower_.rstrip(".") in lex.HONORIFICS and doc[start - 1].text[:1].isupper():
        mention_start = start - 1
    while start < end - 1 and (doc[start].lower_.rstrip(".") in lex.HONORIFICS
                               or doc[start].lower_ in lex.LEADING_DETERMINERS
                               or doc[start].lower_ in lex.ROLE_NOUNS):
        start += 1
    while end > start and (doc[end - 1].tag_ == "POS" or (doc[end - 1].is_punct and doc[end - 1].text != ".")):
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
        if (is_acronym(word.text) and len(word.text) <= 4) or (word.lower_,) in lex.PARTY_FORMS:
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
            # "Clinton" with both Hillary and Bill named: the one named more often so far.
            matches = [e for e in candidates if last in (e.last, e.first)]
            return max(matches, key=lambda e: len(e.mentions)) if matches else None
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
        if ent.label_ != "PERSON" and ent.start not in index.person_at and ent.text.lower() in known:
            clusters.add(ent.start, ent.start, ent.end)


def describe_persons(index: DocIndex) -> None:
    """Fill every person's role and affiliation."""
    for entity in index.persons:
        _describe_person(index, entity)


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


def vote_genders(index: DocIndex, pronouns: list[int]) -> None:
    """Gender of persons without an honorific, from he/she right next to their name.

    Two patterns vote, outside quotes: a possessive or reflexive pronoun after a subject
    who is the only person named so far in the sentence ("Trump tells his supporters"),
    and a subject pronoun opening the sentence after one whose only person is its subject
    ("Trump made the pledge on Monday. He said ..."). A gender needs a clear majority.
    """
    doc = index.doc
    by_sent: dict[int, list[Mention]] = {}
    entity_of: dict[Mention, Entity] = {}
    for mention, entity in index.person_mentions:
        if not mention.quoted:
            by_sent.setdefault(mention.sent, []).append(mention)
            entity_of[mention] = entity
    votes: dict[int, list[int]] = {}
    for i in pronouns:
        token = doc[i]
        if index.is_quoted(token.idx):
            continue
        sent = index.sent_of(i)
        if token.lower_.endswith("self"):
            named = [m for m in by_sent.get(sent, []) if m.start < i]
        elif token.dep_ in lex.SUBJECT_DEPS and _opens_sentence(doc, i, index.sent_starts[sent]):
            named = by_sent.get(sent - 1, [])
        else:
            continue
        entities = {id(entity_of[m]) for m in named}
        if len(entities) == 1 and any(m.subject for m in named):
            tally = votes.setdefault(entities.pop(), [0, 0])
            tally[lex.GENDERED_PRONOUNS[token.lower_] == "female"] += 1
    for entity in index.persons:
        male, female = votes.get(id(entity), [0, 0])
        if entity.gender is None and max(male, female) >= lex.GENDER_VOTE_MARGIN * min(male, female) + 1:
            entity.gender = "male" if male > female else "female"


def _opens_sentence(doc: Doc, i: int, sent_start: int) -> bool:
    """Whether only punctuation and quotes precede token i in its sentence."""
    return all(doc[k].is_punct or doc[k].is_space for k in range(sent_start, i))


def _honorific_role(doc: Doc, entity: Entity) -> str | None:
    """Role implied by an abbreviated title ("Sen." -> senator) when nothing else says."""
    for mention in entity.mentions:
        role = lex.HONORIFIC_ROLES.get(doc[mention.start].lower_.rstrip("."))
        if role is not None:
            return role
    return None
