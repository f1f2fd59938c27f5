"""Fill ``Statement.pledge`` and ``Statement.figure_spans`` for the statements of a parsed document.

1. Collect each statement's tokens (content and cue) from its character spans.
2. Find its committing clauses (``commitments.py``), in text order.
3. Keep the first whose pledger resolves (``pledgers.py``); a modal commitment counts
   only when the speaker can commit for that pledger.
4. Read the action (``actions.py``, following "do so"), the conditions
   (``conditions.py``) and the targets (``targets.py``).
5. A future government's pledge with no condition of its own ("a Labour government
   would act") takes the condition of the same pledger's latest conditional pledge
   before it ("Labour has reaffirmed its pledges ... if it wins the general election"):
   the article states the election condition once and the rest presupposes it.
6. Mark the figures of every statement (``figures.py``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from spacy.tokens import Doc

from onrecord.pledges.actions import find_action
from onrecord.pledges.commitments import Commitment, find_commitments
from onrecord.pledges.conditions import find_conditions
from onrecord.pledges.figures import find_figures
from onrecord.pledges.pledgers import Pledger, PledgerResolver, has_uk_evidence
from onrecord.pledges.targets import find_targets
from onrecord.types import CharSpan, Pledge, Statement


def find_pledges(doc: Doc, statements: Sequence[Statement]) -> tuple[Statement, ...]:
    """Return ``statements`` with their pledge (or ``None``) and figure spans filled.

    Args:
        doc (Doc): the parsed document the statements' offsets refer to.
        statements (Sequence[Statement]): the attributed statements, in text order.

    RETURNS (tuple[Statement, ...]): the same statements, each with ``pledge`` and
    ``figure_spans`` set from its own words.
    """
    speakers = [statement.speaker for statement in statements]
    resolver = PledgerResolver(speakers, uk_context=has_uk_evidence(doc.text, speakers))
    conditions_by_pledger: dict[str, tuple[CharSpan, ...]] = {}
    filled = []
    for statement in statements:
        content = _token_ids(doc, statement.content_spans)
        found = _pledge(doc, statement, content | _token_ids(doc, statement.cue_spans), resolver)
        pledge = None
        if found is not None:
            pledge, hypothetical = found
            if hypothetical and not pledge.condition_spans and pledge.pledger in conditions_by_pledger:
                pledge = replace(pledge, condition_spans=conditions_by_pledger[pledge.pledger])
            if pledge.condition_spans:
                conditions_by_pledger[pledge.pledger] = pledge.condition_spans
        filled.append(replace(statement, pledge=pledge, figure_spans=find_figures(doc, content)))
    return tuple(filled)


def _pledge(doc: Doc, statement: Statement, token_ids: set[int], resolver: PledgerResolver) -> tuple[Pledge, bool] | None:
    """The statement's first resolvable commitment as a pledge, and whether it is a future government's."""
    for commitment in find_commitments(doc, token_ids):
        pledger = _pledger(doc, commitment, statement, resolver)
        if pledger is None:
            continue
        action = find_action(doc, doc[commitment.action_head], doc[commitment.trigger])
        clause = doc[commitment.trigger] if commitment.explicit else doc[commitment.action_head]
        pledge = Pledge(
            pledger=pledger.name,
            pledger_type=pledger.type,
            action_spans=action,
            condition_spans=find_conditions(doc, clause, doc[commitment.action_head]),
            target_spans=find_targets(doc, action),
        )
        return pledge, pledger.hypothetical and commitment.hypothetical
    return None


def _pledger(doc: Doc, commitment: Commitment, statement: Statement, resolver: PledgerResolver) -> Pledger | None:
    """Who ``commitment`` binds: its actor, else (for a commitment word) its committer.

    A modal commitment counts only when the speaker can commit for its actor; "he" and
    "she" stand for the speaker only in reported speech ("Smith said he would").
    """
    speaker = statement.speaker
    reported = statement.kind == "indirect"

    def resolve(token_id: int | None) -> Pledger | None:
        if token_id is None:  # the speaker ("Trump vowed to"): a person commits personally
            if speaker is not None and speaker.type == "person":
                return Pledger(speaker.name, "person")
            return resolver.represented(speaker)
        return resolver.resolve(doc[token_id], speaker, reported=reported)

    pledger = resolve(commitment.actor)
    if commitment.explicit:
        return pledger if pledger is not None or commitment.actor == commitment.committer else resolve(commitment.committer)
    return pledger if pledger is not None and resolver.compatible(pledger, speaker) else None


def _token_ids(doc: Doc, spans: Sequence[CharSpan]) -> set[int]:
    """Indices of the tokens overlapping ``spans``."""
    ids: set[int] = set()
    for start, end in spans:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None:
            ids.update(range(span.start, span.end))
    return ids
