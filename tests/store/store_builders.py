"""Hand-built Documents for store tests: write a text, name the phrases, get the spans."""

from __future__ import annotations

from typing import Any

from onrecord.types import Document, Pledge, Speaker, Statement, StatementKind


def span(text: str, phrase: str) -> tuple[int, int]:
    """The span of the first ``phrase`` in ``text`` (fails loudly when absent)."""
    start = text.index(phrase)
    return start, start + len(phrase)


def said(
    text: str,
    content: str,
    speaker: str | None,
    *,
    cue: str = "said",
    kind: StatementKind = "indirect",
    speaker_type: str = "person",
    role: str | None = None,
    affiliation: str | None = None,
    mentions: tuple[str, ...] = (),
    pledger: str | None = None,
    action: str | None = None,
) -> Statement:
    """A statement of ``text``; a pledge when ``pledger`` and ``action`` are given."""
    who = None
    if speaker is not None:
        written = mentions or (speaker,)
        who = Speaker(speaker, speaker_type, role, affiliation, tuple(span(text, mention) for mention in written))  # type: ignore[arg-type]
    pledge = None
    if pledger is not None and action is not None:
        pledger_type = "person" if pledger == speaker else "organisation"
        pledge = Pledge(pledger, pledger_type, (span(text, action),))  # type: ignore[arg-type]
    return Statement(
        kind=kind,
        source_spans=(who.mention_spans[0],) if who else (),
        cue_spans=(span(text, cue),),
        content_spans=(span(text, content),),
        speaker=who,
        confidence=0.9,
        pledge=pledge,
    )


def article(doc_id: str, text: str, *statements: Statement, **metadata: Any) -> Document:
    """A Document with metadata (url, title, outlet, date)."""
    return Document(doc_id=doc_id, text=text, statements=statements, metadata=metadata)
