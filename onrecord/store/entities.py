"""Who is who across articles: resolve each speaker to one entity, conservatively.

A speaker (already canonical inside its article) becomes an entity by these rules, in
order; the first that applies wins:

1. Organisations and groups: the same folded name, or else exactly one organisation
   known by that alias ("Labour" -> "Labour Party").
2. A full name ("Rachel Reeves"): the person with that name. Else exactly one person
   known only by that surname ("Ms Reeves", from an earlier story) who agrees with it,
   and no other person of that surname: that entity, now named in full.
3. A surname alone ("Ms Reeves"): exactly one person of that surname who agrees with it
   (same party, same role, or the same title seen before) and conflicts in nothing
   (another party, a title of the other gender). Never a guess between two.
4. A role alone ("shadow chancellor"): exactly one person seen in that role.
5. Otherwise a new entity. Users merge or split what the rules got wrong; each change
   leaves an ``EntityChange`` audit row.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from onrecord.errors import StoreError
from onrecord.store import names
from onrecord.store.models import Entity, EntityAlias, EntityChange, EntityFact, PledgeRow, StatementRow

LOGGER = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class SpeakerEvidence:
    """What one article says about a speaker: name, type, role, party, how it was written."""

    name: str
    type: str
    role: str | None
    affiliation: str | None
    mentions: tuple[str, ...] = ()

    @property
    def party(self) -> str | None:
        """The canonical party of the speaker's affiliation (or of the speaker, for a party)."""
        return names.party_name(self.affiliation) or (names.party_name(self.name) if self.type != "person" else None)


def resolve_speaker(session: Session, evidence: SpeakerEvidence, seen: dt.date) -> Entity:
    """Find or create the entity of ``evidence`` and record its aliases, role and party.

    Args:
        session (Session): the open transaction of the article being stored.
        evidence (SpeakerEvidence): the speaker as the article gives it.
        seen (dt.date): the article's date, kept with each role and affiliation.

    Returns:
        Entity: a live entity (never one merged into another).
    """
    entity = _find(session, evidence)
    if entity is None:
        entity = Entity(
            name=evidence.name,
            name_key=names.name_key(evidence.name),
            surname_key=names.surname_key(evidence.name) if evidence.type == "person" else None,
            type=evidence.type,
        )
        session.add(entity)
        session.flush()
        LOGGER.debug("new %s entity %r", evidence.type, evidence.name)
    _remember(session, entity, evidence, seen)
    return entity


def _find(session: Session, evidence: SpeakerEvidence) -> Entity | None:
    """Apply the resolution rules of the module docstring; None means a new entity."""
    key = names.name_key(evidence.name)
    exact = _live(session, type=evidence.type, name_key=key)
    if evidence.type != "person":
        if exact:
            return exact[0]
        by_alias = _live_by_alias(session, evidence.type, key)
        return by_alias[0] if len(by_alias) == 1 else None
    if names.is_description(evidence.name):
        by_role = [entity for entity in _live_by_fact(session, "role", key) if not _conflicts(entity, evidence)]
        if len(by_role) == 1:
            return by_role[0]
        return exact[0] if exact else None
    surname = names.surname_key(evidence.name)
    namesakes = [entity for entity in _live(session, type="person", surname_key=surname) if entity.name_key != key]
    if len(key.split()) > 1:
        if exact:
            return exact[0]
        surname_only = [entity for entity in namesakes if len(entity.name_key.split()) == 1]
        if len(surname_only) == 1 == len(namesakes) and _agrees(surname_only[0], evidence):
            return _rename(session, surname_only[0], evidence.name)
        return None
    agreeing = [entity for entity in namesakes if _agrees(entity, evidence)]
    if len(agreeing) == 1:
        return agreeing[0]
    return exact[0] if exact else None


def _rename(session: Session, entity: Entity, name: str) -> Entity:
    """Give a surname-only entity its full name, and its personal pledges with it."""
    key = names.name_key(name)
    session.execute(
        update(PledgeRow).where(PledgeRow.pledger_key == entity.name_key).values(pledger=name, pledger_key=key)
    )
    entity.name, entity.name_key = name, key
    return entity


def _agrees(entity: Entity, evidence: SpeakerEvidence) -> bool:
    """Something positive links them (party, role or title) and nothing sets them apart."""
    if _conflicts(entity, evidence):
        return False
    if evidence.party and entity.party == evidence.party:
        return True
    roles = {names.fold(fact.value) for fact in entity.facts if fact.kind == "role"}
    if evidence.role and names.fold(evidence.role) in roles:
        return True
    aliases = {alias.alias_key for alias in entity.aliases}
    titled = {names.fold(mention) for mention in evidence.mentions if names.title_gender(mention)}
    return bool(titled & aliases)


def _conflicts(entity: Entity, evidence: SpeakerEvidence) -> bool:
    """Another party, or a title of the other gender, rules the entity out."""
    if evidence.party and entity.party and evidence.party != entity.party:
        return True
    genders = {names.title_gender(mention) for mention in (evidence.name, *evidence.mentions)} - {None}
    known = {names.title_gender(alias.alias) for alias in entity.aliases} - {None}
    return bool(genders and known and genders != known)


def _live(session: Session, **where: str | None) -> list[Entity]:
    """Live entities whose columns equal ``where``."""
    query = select(Entity).filter_by(merged_into_id=None, **where).order_by(Entity.id)
    return list(session.scalars(query))


def _live_by_alias(session: Session, type_: str, key: str) -> list[Entity]:
    """Live entities of ``type_`` once written as ``key``."""
    query = (
        select(Entity)
        .join(EntityAlias)
        .where(Entity.merged_into_id.is_(None), Entity.type == type_, EntityAlias.alias_key == key)
        .distinct()
    )
    return list(session.scalars(query))


def _live_by_fact(session: Session, kind: str, value_key: str) -> list[Entity]:
    """Live people with a role or affiliation equal to ``value_key`` (folded)."""
    query = (
        select(Entity)
        .join(EntityFact)
        .where(
            Entity.merged_into_id.is_(None),
            Entity.type == "person",
            EntityFact.kind == kind,
            func.lower(EntityFact.value) == value_key,
        )
        .distinct()
    )
    return list(session.scalars(query))


def _remember(session: Session, entity: Entity, evidence: SpeakerEvidence, seen: dt.date) -> None:
    """Add the article's spellings, role and affiliation to the entity."""
    known = {alias.alias for alias in entity.aliases}
    for alias in dict.fromkeys((evidence.name, *evidence.mentions)):
        if alias not in known and names.is_alias(alias, entity.surname_key):
            entity.aliases.append(EntityAlias(alias=alias, alias_key=names.fold(alias)))
            known.add(alias)
    facts = {(fact.kind, fact.value): fact for fact in entity.facts}
    role = evidence.role or (names.fold(evidence.name) if names.is_description(evidence.name) else None)
    for kind, value in (("role", role), ("affiliation", evidence.affiliation)):
        if not value:
            continue
        fact = facts.get((kind, value))
        if fact is None:
            entity.facts.append(EntityFact(kind=kind, value=value, first_seen=seen, last_seen=seen))
        else:
            fact.first_seen, fact.last_seen = min(fact.first_seen, seen), max(fact.last_seen, seen)
    if evidence.party:
        entity.party = evidence.party
    session.flush()


def merge_entities(session: Session, keep_id: int, other_id: int, changed_by: str, note: str | None) -> Entity:
    """Merge entity ``other_id`` into ``keep_id``: statements, aliases and facts move over.

    The merged entity keeps its row, pointing at the one kept, and an audit row records
    who merged them and why.

    Raises:
        StoreError: for an unknown or already merged entity, the same entity twice, or
            entities of different types.
    """
    keep, other = _live_entity(session, keep_id), _live_entity(session, other_id)
    if keep.id == other.id:
        raise StoreError(f"entity {keep_id}: cannot merge an entity into itself")
    if keep.type != other.type:
        raise StoreError(f"entities {keep_id} and {other_id}: a {keep.type} and a {other.type} cannot be merged")
    moved = list(session.scalars(select(StatementRow.id).where(StatementRow.speaker_id == other.id)))
    session.execute(update(StatementRow).where(StatementRow.speaker_id == other.id).values(speaker_id=keep.id))
    session.execute(update(Entity).where(Entity.merged_into_id == other.id).values(merged_into_id=keep.id))
    known = {alias.alias for alias in keep.aliases}
    for alias in list(other.aliases):
        if alias.alias not in known:
            keep.aliases.append(EntityAlias(alias=alias.alias, alias_key=alias.alias_key))
    facts = {(fact.kind, fact.value): fact for fact in keep.facts}
    for fact in other.facts:
        mine = facts.get((fact.kind, fact.value))
        if mine is None:
            keep.facts.append(EntityFact(kind=fact.kind, value=fact.value, first_seen=fact.first_seen,
                                         last_seen=fact.last_seen))
        else:
            mine.first_seen, mine.last_seen = min(mine.first_seen, fact.first_seen), max(mine.last_seen, fact.last_seen)
    keep.party = keep.party or other.party
    other.merged_into_id = keep.id
    session.add(EntityChange(action="merge", entity_id=keep.id, other_entity_id=other.id, statement_ids=moved,
                             changed_by=changed_by, note=note))
    session.flush()
    return keep


def split_entity(
    session: Session, entity_id: int, statement_ids: list[int], name: str, changed_by: str, note: str | None
) -> Entity:
    """Move some statements of an entity to a new entity called ``name``.

    The new entity takes the speaker names, roles and affiliations of those statements.

    Raises:
        StoreError: for an unknown entity, no statements, statements of another speaker,
            or a name already used by another entity of the same type.
    """
    entity = _live_entity(session, entity_id)
    if not statement_ids:
        raise StoreError(f"entity {entity_id}: name the statements to split off (--statement ID, repeatable)")
    rows = list(session.scalars(select(StatementRow).where(StatementRow.id.in_(statement_ids))))
    foreign = sorted(set(statement_ids) - {row.id for row in rows if row.speaker_id == entity.id})
    if foreign:
        raise StoreError(f"statements {foreign}: not statements of entity {entity_id} ({entity.name})")
    if len(rows) == len(list(session.scalars(select(StatementRow.id).where(StatementRow.speaker_id == entity.id)))):
        raise StoreError(f"entity {entity_id}: splitting off every statement leaves nothing; rename instead")
    key = names.name_key(name)
    if _live(session, type=entity.type, name_key=key):
        raise StoreError(f"{name!r}: another {entity.type} already has this name; merge into it instead")
    new = Entity(name=name, name_key=key, type=entity.type, surname_key=names.surname_key(name) if entity.type ==
                 "person" else None)
    session.add(new)
    session.flush()
    for row in rows:
        row.speaker_id = new.id
        evidence = SpeakerEvidence(name=name, type=entity.type, role=row.speaker_role,
                                   affiliation=row.speaker_affiliation,
                                   mentions=(row.speaker_name,) if row.speaker_name else ())
        _remember(session, new, evidence, row.article.published)
    session.add(EntityChange(action="split", entity_id=entity.id, other_entity_id=new.id,
                             statement_ids=sorted(statement_ids), changed_by=changed_by, note=note))
    session.flush()
    return new


def _live_entity(session: Session, entity_id: int) -> Entity:
    """The live entity ``entity_id``, or a ``StoreError`` that says where it went."""
    entity = session.get(Entity, entity_id)
    if entity is None:
        raise StoreError(f"entity {entity_id}: no such entity; list them with onrecord people")
    if entity.merged_into_id is not None:
        raise StoreError(f"entity {entity_id}: merged into entity {entity.merged_into_id}; use that one")
    return entity
