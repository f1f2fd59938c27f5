"""Documents in, rows out: one article version per transaction, idempotent by text.

``store_document`` works in stages, inside the caller's transaction:

1. The article's key is its URL, else its doc id. The same key with the same text
   (SHA-256) as its current version adds nothing; with a new text it is a new version,
   and the old version is marked superseded (kept, with its statements). The text of a
   superseded version (a correction reverted) makes that version current again.
2. Each distinct speaker is resolved to an entity once (``entities.resolve_speaker``).
3. Statements are written with their spans, their speaker as written and the entity.
4. Pledges join their cross-article pledge, disputes in the article are linked, and the
   touched pledges' timelines are relabelled by article date.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from typing import Any, Literal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from onrecord.store.entities import SpeakerEvidence, resolve_speaker
from onrecord.store.models import Article, Entity, PledgeMention, PledgeRow, StatementRow, utc_now
from onrecord.store.pledges import attach_pledge, find_contradictions, relabel
from onrecord.types import CharSpan, Document, Statement

LOGGER = logging.getLogger(__name__)

IngestStatus = Literal["added", "unchanged", "new version"]
# Metadata keys read from the input (JSON Lines keys, HTML metadata); outlet falls back
# to the site name trafilatura finds in a page.
OUTLET_KEYS = ("outlet", "sitename")


@dataclass(frozen=True, slots=True)
class IngestResult:
    """What storing one document did."""

    doc_id: str
    status: IngestStatus
    article_id: int
    version: int
    statements: int = 0
    pledges: int = 0

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form."""
        return {
            "doc_id": self.doc_id,
            "status": self.status,
            "article_id": self.article_id,
            "version": self.version,
            "statements": self.statements,
            "pledges": self.pledges,
        }


def article_key(doc_id: str, metadata: dict[str, Any]) -> str:
    """The identity of an article across versions: its URL when known, else its doc id."""
    url = metadata.get("url")
    return url.strip() if isinstance(url, str) and url.strip() else doc_id


def find_version(session: Session, key: str, sha256: str) -> Article | None:
    """The stored version of article ``key`` with this text, current or superseded, if any."""
    return session.scalars(select(Article).where(Article.key == key, Article.sha256 == sha256)).first()


def is_current(session: Session, key: str, sha256: str) -> bool:
    """True when this text is the current version of article ``key``: storing it would change nothing."""
    version = find_version(session, key, sha256)
    return version is not None and version.superseded_at is None


def store_document(session: Session, document: Document, *, today: dt.date | None = None) -> IngestResult:
    """Store one analysed document (statements, speakers, pledges) in ``session``.

    Args:
        session (Session): a transaction that the caller commits (one per article).
        document (Document): the extractor's output; ``metadata`` may hold ``url``,
            ``title``, ``outlet`` and ``date`` (ISO 8601).
        today (dt.date | None): the date used when the metadata has none.

    Returns:
        IngestResult: "unchanged" when this text is the article's current version; "new
        version" also when it is a superseded version, which becomes current again.
    """
    key = article_key(document.doc_id, document.metadata)
    existing = find_version(session, key, document.text_sha256)
    if existing is not None and existing.superseded_at is None:
        return IngestResult(document.doc_id, "unchanged", existing.id, existing.version)
    if existing is not None:
        return _restore(session, document.doc_id, existing)
    article = _new_article(session, document, key, today or dt.datetime.now(dt.UTC).date())
    rows = _store_statements(session, document, article)
    pledges: dict[int, PledgeRow] = {}
    for row in rows:
        if row.pledge is not None:
            pledge = attach_pledge(session, row, article.published, row.speaker)
            pledges[pledge.id] = pledge
    find_contradictions(session, rows, list(pledges.values()))
    for pledge in pledges.values():
        relabel(session, pledge)
    status: IngestStatus = "added" if article.version == 1 else "new version"
    LOGGER.debug("%s: %s as article %d (%d statements)", document.doc_id, status, article.id, len(rows))
    return IngestResult(document.doc_id, status, article.id, article.version, len(rows), len(pledges))


def _restore(session: Session, doc_id: str, version: Article) -> IngestResult:
    """Make a superseded version current again, superseding the current one; both stay on record."""
    _supersede_current(session, version.key)
    version.superseded_at = None
    session.flush()
    pledges = session.scalars(
        select(PledgeRow).where(PledgeRow.id.in_(
            select(PledgeMention.pledge_id).join(StatementRow, PledgeMention.statement_id == StatementRow.id)
            .where(StatementRow.article_id == version.id)
        ))
    ).all()
    for pledge in pledges:
        relabel(session, pledge)
    statements = session.scalar(select(func.count(StatementRow.id)).where(StatementRow.article_id == version.id))
    LOGGER.debug("%s: version %d of article %s is current again", doc_id, version.version, version.key)
    return IngestResult(doc_id, "new version", version.id, version.version, statements or 0, len(pledges))


def _supersede_current(session: Session, key: str) -> None:
    """Mark the current version of article ``key`` (if any) superseded now."""
    for current in session.scalars(select(Article).where(Article.key == key, Article.superseded_at.is_(None))):
        current.superseded_at = utc_now()


def _new_article(session: Session, document: Document, key: str, today: dt.date) -> Article:
    """Insert the article row, superseding the current version of the same key."""
    metadata = document.metadata
    published, date_from = _published(document.doc_id, metadata.get("date"), today)
    latest = session.scalar(select(func.max(Article.version)).where(Article.key == key)) or 0
    if latest:
        _supersede_current(session, key)
    article = Article(
        key=key,
        version=latest + 1,
        doc_id=document.doc_id,
        url=_text(metadata.get("url")),
        outlet=next((value for name in OUTLET_KEYS if (value := _text(metadata.get(name)))), None),
        title=_text(metadata.get("title")),
        published=published,
        date_from=date_from,
        text=document.text,
        sha256=document.text_sha256,
    )
    session.add(article)
    session.flush()
    return article


def _store_statements(session: Session, document: Document, article: Article) -> list[StatementRow]:
    """Write the statements of ``document``, each speaker resolved to an entity once."""
    text = document.text
    entities: dict[tuple[str, str, str | None, str | None], Entity] = {}
    rows = []
    for position, statement in enumerate(document.statements):
        speaker = statement.speaker
        entity = None
        if speaker is not None:
            identity = (speaker.name, speaker.type, speaker.role, speaker.affiliation)
            if identity not in entities:
                mentions = tuple(dict.fromkeys(text[start:end] for start, end in speaker.mention_spans))
                evidence = SpeakerEvidence(speaker.name, speaker.type, speaker.role, speaker.affiliation, mentions)
                entities[identity] = resolve_speaker(session, evidence, article.published)
            entity = entities[identity]
        row = StatementRow(
            article=article,
            position=position,
            kind=statement.kind,
            speaker_id=entity.id if entity else None,
            speaker_name=speaker.name if speaker else None,
            speaker_type=speaker.type if speaker else None,
            speaker_role=speaker.role if speaker else None,
            speaker_affiliation=speaker.affiliation if speaker else None,
            party=_party(statement),
            content=statement.content_text(text),
            cue=_join(text, statement.cue_spans),
            confidence=statement.confidence,
            spans=_spans(statement),
            pledge=statement.pledge.to_dict(text) if statement.pledge else None,
        )
        session.add(row)
        rows.append(row)
    session.flush()
    return rows


def _party(statement: Statement) -> str | None:
    """The party a statement speaks for: the speaker's affiliation, or the speaker if a party."""
    speaker = statement.speaker
    if speaker is None:
        return None
    return SpeakerEvidence(speaker.name, speaker.type, speaker.role, speaker.affiliation).party


def _spans(statement: Statement) -> dict[str, list[list[int]]]:
    """The statement's spans as JSON lists, as in ``Statement.to_dict``."""
    return {
        "source": _lists(statement.source_spans),
        "cue": _lists(statement.cue_spans),
        "content": _lists(statement.content_spans),
        "mentions": _lists(statement.speaker.mention_spans if statement.speaker else ()),
        "figures": _lists(statement.figure_spans),
    }


def _lists(spans: tuple[CharSpan, ...]) -> list[list[int]]:
    """Spans as JSON lists."""
    return [list(span) for span in spans]


def _join(text: str, spans: tuple[CharSpan, ...]) -> str:
    """The words of ``spans`` joined as ``Statement.content_text`` joins them."""
    return " … ".join(text[start:end] for start, end in spans)


def _text(value: object) -> str | None:
    """A metadata value as a stripped string, or None when absent or not text."""
    return value.strip() or None if isinstance(value, str) else None


def _published(doc_id: str, value: object, today: dt.date) -> tuple[dt.date, str]:
    """The article date from metadata (ISO date or date-time), else ``today``; and where it came from."""
    if isinstance(value, str) and value.strip():
        try:
            return dt.datetime.fromisoformat(value.strip().replace("Z", "+00:00")).date(), "metadata"
        except ValueError:
            LOGGER.warning("%s: date %r is not ISO 8601 (2024-06-04); using the ingest date", doc_id, value)
    return today, "ingest"

