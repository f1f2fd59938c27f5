"""People and pledges as typed rows: what ``onrecord people`` / ``onrecord pledges`` and the API show."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, selectinload

from onrecord.errors import StoreError
from onrecord.store import names
from onrecord.store.search import check_page
from onrecord.store.models import (
    ENTITY_TYPES,
    PLEDGE_STATUSES,
    Article,
    Entity,
    EntityAlias,
    PledgeMention,
    PledgeRow,
    StatementRow,
)


@dataclass(frozen=True, slots=True)
class EntitySummary:
    """A person, organisation or group with what the record knows of them."""

    id: int
    name: str
    type: str
    party: str | None
    roles: tuple[str, ...]
    affiliations: tuple[str, ...]
    aliases: tuple[str, ...]
    statements: int
    first_seen: dt.date | None
    last_seen: dt.date | None

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form (dates as ISO strings)."""
        return {
            "id": self.id,
            "name": self.name,
            "type": self.type,
            "party": self.party,
            "roles": list(self.roles),
            "affiliations": list(self.affiliations),
            "aliases": list(self.aliases),
            "statements": self.statements,
            "first_seen": _iso(self.first_seen),
            "last_seen": _iso(self.last_seen),
        }


@dataclass(frozen=True, slots=True)
class MentionSummary:
    """One entry of a pledge's timeline."""

    kind: str
    statement_id: int
    speaker: str | None
    content: str
    article_id: int
    title: str | None
    url: str | None
    published: dt.date

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form."""
        return {
            "kind": self.kind,
            "statement_id": self.statement_id,
            "speaker": self.speaker,
            "content": self.content,
            "article_id": self.article_id,
            "title": self.title,
            "url": self.url,
            "published": self.published.isoformat(),
        }


@dataclass(frozen=True, slots=True)
class StatusChange:
    """One status change of a pledge: from, to, who, when, why."""

    old_status: str
    new_status: str
    changed_by: str
    note: str | None
    changed_at: dt.datetime

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form."""
        return {
            "old_status": self.old_status,
            "new_status": self.new_status,
            "changed_by": self.changed_by,
            "note": self.note,
            "changed_at": self.changed_at.isoformat(),
        }


@dataclass(frozen=True, slots=True)
class PledgeSummary:
    """A pledge with its timeline (oldest first) and its status history."""

    id: int
    pledger: str
    action: str
    condition: str | None
    target: str | None
    status: str
    first_seen: dt.date
    last_seen: dt.date
    timeline: tuple[MentionSummary, ...]
    history: tuple[StatusChange, ...]

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form."""
        return {
            "id": self.id,
            "pledger": self.pledger,
            "action": self.action,
            "condition": self.condition,
            "target": self.target,
            "status": self.status,
            "first_seen": self.first_seen.isoformat(),
            "last_seen": self.last_seen.isoformat(),
            "timeline": [mention.to_dict() for mention in self.timeline],
            "history": [change.to_dict() for change in self.history],
        }


def list_entities(
    session: Session,
    *,
    name: str | None = None,
    type: str | None = None,
    party: str | None = None,
    entity_id: int | None = None,
    limit: int = 100,
    offset: int = 0,
) -> list[EntitySummary]:
    """Live entities, most quoted first, optionally by name/alias part, type, party or id.

    Raises:
        StoreError: for an unknown entity type or a bad page (``search.check_page``).
    """
    if type is not None and type not in ENTITY_TYPES:
        raise StoreError(f"--type {type}: use one of {', '.join(ENTITY_TYPES)}")
    check_page(limit, offset)
    counts = (
        select(
            StatementRow.speaker_id,
            func.count(StatementRow.id).label("statements"),
            func.min(Article.published).label("first_seen"),
            func.max(Article.published).label("last_seen"),
        )
        .join(Article, StatementRow.article_id == Article.id)
        .group_by(StatementRow.speaker_id)
        .subquery()
    )
    query = (
        select(Entity, counts.c.statements, counts.c.first_seen, counts.c.last_seen)
        .outerjoin(counts, counts.c.speaker_id == Entity.id)
        .where(Entity.merged_into_id.is_(None))
        .options(selectinload(Entity.aliases), selectinload(Entity.facts))
    )
    if name:
        pattern = f"%{names.fold(name)}%"
        aliased = select(EntityAlias.entity_id).where(EntityAlias.alias_key.like(pattern))
        query = query.where(or_(Entity.name_key.like(pattern), Entity.id.in_(aliased)))
    if type:
        query = query.where(Entity.type == type)
    if party:
        query = query.where(Entity.party == (names.party_name(party) or party))
    if entity_id is not None:
        query = query.where(Entity.id == entity_id)
    query = query.order_by(func.coalesce(counts.c.statements, 0).desc(), Entity.name).limit(limit).offset(offset)
    return [_entity(entity, count, first, last) for entity, count, first, last in session.execute(query)]


def find_entity(session: Session, entity_id: int) -> EntitySummary | None:
    """The live entity that ``entity_id`` is: itself, or the one it was merged into; None when unknown."""
    entity = session.get(Entity, entity_id)
    if entity is None:
        return None
    # A merge repoints every entity merged earlier too, so one hop reaches the live one.
    found = list_entities(session, entity_id=entity.merged_into_id or entity.id, limit=1)
    return found[0] if found else None


def _entity(entity: Entity, count: int | None, first: dt.date | None, last: dt.date | None) -> EntitySummary:
    """Build the summary of one entity; roles and affiliations most recent first."""
    facts = sorted(entity.facts, key=lambda fact: fact.last_seen, reverse=True)
    return EntitySummary(
        id=entity.id,
        name=entity.name,
        type=entity.type,
        party=entity.party,
        roles=tuple(fact.value for fact in facts if fact.kind == "role"),
        affiliations=tuple(fact.value for fact in facts if fact.kind == "affiliation"),
        aliases=tuple(sorted(alias.alias for alias in entity.aliases if alias.alias != entity.name)),
        statements=count or 0,
        first_seen=first,
        last_seen=last,
    )


def list_pledges(
    session: Session,
    *,
    by: str | None = None,
    status: str | None = None,
    pledge_id: int | None = None,
    limit: int = 100,
    offset: int = 0,
) -> list[PledgeSummary]:
    """Pledges with their timelines, most recently mentioned first.

    Args:
        by (str | None): the pledger: any spelling of a party ("Tories") or a name.
        status (str | None): only pledges with this status.
        pledge_id (int | None): only this pledge.

    Raises:
        StoreError: for an unknown status or a bad page (``search.check_page``).
    """
    if status is not None and status not in PLEDGE_STATUSES:
        raise StoreError(f"--status {status}: use one of {', '.join(PLEDGE_STATUSES)}")
    check_page(limit, offset)
    query = select(PledgeRow).options(selectinload(PledgeRow.status_changes))
    if by:
        query = query.where(PledgeRow.pledger_key == names.pledger_key(by))
    if status:
        query = query.where(PledgeRow.status == status)
    if pledge_id is not None:
        query = query.where(PledgeRow.id == pledge_id)
    query = query.order_by(PledgeRow.last_seen.desc(), PledgeRow.id.desc()).limit(limit).offset(offset)
    pledges = list(session.scalars(query))
    timelines = _timelines(session, [pledge.id for pledge in pledges])
    return [
        PledgeSummary(
            id=pledge.id,
            pledger=pledge.pledger,
            action=pledge.action,
            condition=pledge.condition,
            target=pledge.target,
            status=pledge.status,
            first_seen=pledge.first_seen,
            last_seen=pledge.last_seen,
            timeline=tuple(timelines.get(pledge.id, ())),
            history=tuple(
                StatusChange(change.old_status, change.new_status, change.changed_by, change.note, change.changed_at)
                for change in pledge.status_changes
            ),
        )
        for pledge in pledges
    ]


def _timelines(session: Session, pledge_ids: list[int]) -> dict[int, list[MentionSummary]]:
    """The mentions in current article versions of each pledge, oldest first."""
    rows = session.execute(
        select(PledgeMention.pledge_id, PledgeMention.kind, StatementRow, Article, Entity.name)
        .join(StatementRow, PledgeMention.statement_id == StatementRow.id)
        .join(Article, StatementRow.article_id == Article.id)
        .outerjoin(Entity, StatementRow.speaker_id == Entity.id)
        .where(PledgeMention.pledge_id.in_(pledge_ids), Article.superseded_at.is_(None))
        .order_by(Article.published, Article.id, StatementRow.position)
    )
    timelines: dict[int, list[MentionSummary]] = {}
    for pledge_id, kind, statement, article, speaker in rows:
        timelines.setdefault(pledge_id, []).append(
            MentionSummary(kind, statement.id, speaker, statement.content, article.id, article.title, article.url,
                           article.published)
        )
    return timelines


def _iso(value: dt.date | None) -> str | None:
    """A date as ISO text, None kept."""
    return value.isoformat() if value else None
