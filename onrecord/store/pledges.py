"""One pledge across articles: clustering, its timeline of mentions, and its status.

1. ``attach_pledge`` files a statement's pledge under an existing pledge of the same
   pledger whose action (plus target) shares enough content words, or starts a new one.
2. ``find_contradictions`` links statements of other speakers in the same article that
   dispute a pledge ("cannot be done", "misleading") to the pledge they share most words
   with.
3. ``relabel`` orders a pledge's mentions by article date: the first article's mentions
   "made" it, later ones "reaffirmed" it; contradictions stay "contradicted".
4. ``set_status`` changes the status a user tracks, with who, when and a note.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Sequence
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from onrecord.errors import StoreError
from onrecord.store import names
from onrecord.store.models import (
    PLEDGE_STATUSES,
    Article,
    Entity,
    PledgeMention,
    PledgeRow,
    PledgeStatusChange,
    StatementRow,
)

LOGGER = logging.getLogger(__name__)

# Dice similarity of content-word stems above which two actions of one pledger are the
# same pledge, with at least MIN_SHARED_TERMS words in common. Set on hand-written pairs
# ("trigger an extension to the contract" / "extend Hitachi's West Coast contract" alike;
# "save jobs at the factory" / "build new homes" apart): under-merging only splits a
# timeline, over-merging would put words in a party's mouth.
SAME_PLEDGE_DICE = 0.4
MIN_SHARED_TERMS = 2
# Words that make a statement dispute what another speaker promised.
DISPUTE = re.compile(
    r"\b(?:not|never|cannot|can't|can’t|won't|won’t|misleading|mislead\w*|false|untrue|fantasy|unfunded|"
    r"uncosted|credible|wrong|lie|lies|empty|accus\w*|den(?:y|ied|ies)|dismiss\w*|reject\w*)\b",
    re.IGNORECASE,
)


def attach_pledge(session: Session, statement: StatementRow, published: dt.date, speaker: Entity | None) -> PledgeRow:
    """File the pledge of ``statement`` under its pledge, made or reaffirmed; return that pledge.

    A speaker pledging personally is named as their entity is ("Reeves" -> "Rachel
    Reeves"); such a pledge may also join one of their party's pledges with the same
    wording ("we will trigger an extension" after "a Labour government would").
    """
    record = statement.pledge or {}
    pledger = str(record["pledger"])
    pledger_type = str(record.get("pledger_type") or "organisation")
    key = names.pledger_key(pledger)
    # Personal pledges of the party's people are candidates too, whichever came first.
    keys: Any = or_(PledgeRow.pledger_key == key, PledgeRow.pledger_key.in_(
        select(Entity.name_key).where(Entity.party == key, Entity.merged_into_id.is_(None))))
    if speaker is not None and speaker.type == "person" and names.name_key(pledger) in {
        names.name_key(statement.speaker_name or ""), speaker.name_key
    }:
        pledger, pledger_type, key = speaker.name, "person", speaker.name_key
        keys = PledgeRow.pledger_key.in_({key} | ({speaker.party} if speaker.party else set()))
    action = record.get("action") or statement.content
    phrase = " ".join(filter(None, (action, record.get("target"))))
    wording, doing = names.terms(phrase), names.common_terms(phrase)
    best, best_score = None, 0.0
    for candidate in session.scalars(select(PledgeRow).where(keys)):
        known = set(candidate.terms)
        score = names.dice(wording, known)
        # Shared place names alone ("Newton Aycliffe") do not make two actions one pledge.
        alike = len(wording & known) >= MIN_SHARED_TERMS and bool(doing & known)
        if score >= SAME_PLEDGE_DICE and alike and score > best_score:
            best, best_score = candidate, score
    if best is None:
        best = PledgeRow(
            pledger=pledger,
            pledger_key=key,
            pledger_type=pledger_type,
            action=action,
            condition=record.get("condition"),
            target=record.get("target"),
            terms=sorted(wording),
            first_seen=published,
            last_seen=published,
        )
        session.add(best)
    else:
        # The union lets a reworded later mention still be found by the next one.
        best.terms = sorted(set(best.terms) | wording)
        best.condition = best.condition or record.get("condition")
        if best.pledger_type == "person" and pledger_type != "person":
            # The party a politician spoke for is the broader pledger.
            best.pledger, best.pledger_key, best.pledger_type = pledger, key, pledger_type
    best.mentions.append(PledgeMention(statement=statement, kind="made"))
    session.flush()
    return best


def find_contradictions(session: Session, statements: Sequence[StatementRow], pledges: Sequence[PledgeRow]) -> int:
    """Link statements of ``statements`` that dispute one of ``pledges`` (same article); return how many."""
    linked = 0
    for statement in statements:
        if statement.pledge is not None or not DISPUTE.search(f"{statement.cue} {statement.content}"):
            continue
        words = names.terms(statement.content)
        candidates = [pledge for pledge in pledges if _other_side(statement, pledge)]
        named = [pledge for pledge in candidates if _names_pledger(statement.content, pledge)]
        scored = [(len(words & set(pledge.terms)), -index, pledge) for index, pledge in enumerate(candidates)]
        relevant = [item for item in scored if item[0] > 0 or item[2] in named]
        if not relevant:
            continue
        pledge = max(relevant, key=lambda item: item[:2])[2]
        pledge.mentions.append(PledgeMention(statement=statement, kind="contradicted"))
        linked += 1
    session.flush()
    return linked


def _other_side(statement: StatementRow, pledge: PledgeRow) -> bool:
    """True when the speaker is known not to speak for the pledger (another party, an outside body)."""
    if statement.speaker_name and names.pledger_key(statement.speaker_name) == pledge.pledger_key:
        return False
    if statement.party:
        return statement.party != pledge.pledger_key
    # A person of unknown party may be the pledger's own colleague: no contradiction then.
    return statement.speaker_type in ("organisation", "group")


def _names_pledger(content: str, pledge: PledgeRow) -> bool:
    """True when the disputing statement names the pledger ("the things Labour are claiming")."""
    return any(names.pledger_key(word) == pledge.pledger_key for word in re.findall(r"[A-Z][\w’'-]+", content))


def relabel(session: Session, pledge: PledgeRow) -> None:
    """Recompute mention kinds and first/last dates from the article dates of current versions."""
    rows = session.execute(
        select(PledgeMention, Article.published, Article.id, StatementRow.position)
        .join(StatementRow, PledgeMention.statement_id == StatementRow.id)
        .join(Article, StatementRow.article_id == Article.id)
        .where(PledgeMention.pledge_id == pledge.id, Article.superseded_at.is_(None))
        .order_by(Article.published, Article.id, StatementRow.position)
    ).all()
    if not rows:
        return
    first_article = next((article_id for mention, _, article_id, _ in rows if mention.kind != "contradicted"), None)
    for mention, _, article_id, _ in rows:
        if mention.kind != "contradicted":
            mention.kind = "made" if article_id == first_article else "reaffirmed"
    pledge.first_seen, pledge.last_seen = rows[0][1], rows[-1][1]


def set_status(session: Session, pledge_id: int, status: str, changed_by: str, note: str | None) -> PledgeRow:
    """Set a pledge's status and record the change.

    Raises:
        StoreError: for an unknown pledge, an unknown status, or no name for ``changed_by``.
    """
    if status not in PLEDGE_STATUSES:
        allowed = ", ".join(repr(name) for name in PLEDGE_STATUSES)
        raise StoreError(f"status {status!r}: not a pledge status; use one of {allowed}")
    if not changed_by.strip():
        raise StoreError("say who changes the status (--by NAME): the history keeps it")
    pledge = session.get(PledgeRow, pledge_id)
    if pledge is None:
        raise StoreError(f"pledge {pledge_id}: no such pledge; list them with onrecord pledges")
    if pledge.status != status:
        pledge.status_changes.append(
            PledgeStatusChange(old_status=pledge.status, new_status=status, changed_by=changed_by, note=note)
        )
        pledge.status = status
    session.flush()
    return pledge
