"""Typed results shared by every stage: statements, speakers and documents.

Every span is a ``(start, end)`` pair of Python ``str`` offsets (code points) into
``Document.text``, so ``text[start:end]`` is always the evidence.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from typing import Any, Literal

CharSpan = tuple[int, int]
StatementKind = Literal["direct", "indirect", "mixed"]
SpeakerType = Literal["person", "organisation", "group"]


def _spans(pairs: Any) -> tuple[CharSpan, ...]:
    """``[[start, end], ...]`` (JSON, Parquet) as a tuple of ``(start, end)``."""
    return tuple((int(start), int(end)) for start, end in pairs or ())


def _shift(spans: tuple[CharSpan, ...], offset: int) -> tuple[CharSpan, ...]:
    return tuple((start + offset, end + offset) for start, end in spans)


@dataclass(frozen=True, slots=True)
class Speaker:
    """Who a statement is attributed to, resolved to a canonical name."""

    name: str
    type: SpeakerType
    role: str | None = None
    affiliation: str | None = None
    mention_spans: tuple[CharSpan, ...] = ()

    def shifted(self, offset: int) -> Speaker:
        """The same speaker with its mention spans moved by ``offset`` characters."""
        return replace(self, mention_spans=_shift(self.mention_spans, offset))

    @classmethod
    def from_dict(cls, record: dict[str, Any]) -> Speaker:
        """Read back the JSON form written by ``to_dict``."""
        return cls(
            name=record["name"],
            type=record["type"],
            role=record.get("role"),
            affiliation=record.get("affiliation"),
            mention_spans=_spans(record.get("mention_spans")),
        )

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form used by the CLI, the API and the store."""
        return {
            "name": self.name,
            "type": self.type,
            "role": self.role,
            "affiliation": self.affiliation,
            "mention_spans": [list(span) for span in self.mention_spans],
        }


@dataclass(frozen=True, slots=True)
class Pledge:
    """A commitment to a future action or outcome, read from one statement.

    ``pledger`` is canonical: the person when they commit personally ("I will"),
    otherwise the party, government or organisation that would act ("Labour Party",
    "UK Government"). ``action_spans`` is the action as written; for an anaphoric
    action ("would do so") it points at the antecedent phrase, which may lie outside
    the statement. Condition and target spans are empty when the text states none.
    """

    pledger: str
    pledger_type: SpeakerType
    action_spans: tuple[CharSpan, ...]
    condition_spans: tuple[CharSpan, ...] = ()
    target_spans: tuple[CharSpan, ...] = ()

    def shifted(self, offset: int) -> Pledge:
        """The same pledge with every span moved by ``offset`` characters."""
        return replace(
            self,
            action_spans=_shift(self.action_spans, offset),
            condition_spans=_shift(self.condition_spans, offset),
            target_spans=_shift(self.target_spans, offset),
        )

    @classmethod
    def from_dict(cls, record: dict[str, Any]) -> Pledge:
        """Read back the JSON form written by ``to_dict`` (the words, if any, are ignored)."""
        return cls(
            pledger=record["pledger"],
            pledger_type=record["pledger_type"],
            action_spans=_spans(record.get("action_spans")),
            condition_spans=_spans(record.get("condition_spans")),
            target_spans=_spans(record.get("target_spans")),
        )

    def to_dict(self, text: str | None = None) -> dict[str, Any]:
        """Return the JSON form; with ``text``, each part's words are included too."""
        record: dict[str, Any] = {"pledger": self.pledger, "pledger_type": self.pledger_type}
        for part in ("action", "condition", "target"):
            spans: tuple[CharSpan, ...] = getattr(self, f"{part}_spans")
            record[f"{part}_spans"] = [list(span) for span in spans]
            if text is not None:
                record[part] = " … ".join(text[start:end] for start, end in spans) or None
        return record


@dataclass(frozen=True, slots=True)
class Statement:
    """One attributed statement: who (source), how (cue) and what (content)."""

    kind: StatementKind
    source_spans: tuple[CharSpan, ...]
    cue_spans: tuple[CharSpan, ...]
    content_spans: tuple[CharSpan, ...]
    speaker: Speaker | None
    confidence: float
    pledge: Pledge | None = None
    # Numbers the statement asserts ("750 jobs", "£2bn"): claims a fact-checker can test.
    figure_spans: tuple[CharSpan, ...] = ()

    def shifted(self, offset: int) -> Statement:
        """The same statement with every span moved by ``offset`` characters."""
        return replace(
            self,
            source_spans=_shift(self.source_spans, offset),
            cue_spans=_shift(self.cue_spans, offset),
            content_spans=_shift(self.content_spans, offset),
            speaker=self.speaker.shifted(offset) if self.speaker else None,
            pledge=self.pledge.shifted(offset) if self.pledge else None,
            figure_spans=_shift(self.figure_spans, offset),
        )

    def content_text(self, text: str) -> str:
        """Return the content fragments joined by ' … ' (for display only)."""
        return " … ".join(text[start:end] for start, end in self.content_spans)

    @classmethod
    def from_dict(cls, record: dict[str, Any]) -> Statement:
        """Read back the JSON form written by ``to_dict`` (a line of ``onrecord extract``)."""
        return cls(
            kind=record["kind"],
            source_spans=_spans(record.get("source_spans")),
            cue_spans=_spans(record.get("cue_spans")),
            content_spans=_spans(record.get("content_spans")),
            speaker=Speaker.from_dict(record["speaker"]) if record.get("speaker") else None,
            confidence=float(record["confidence"]),
            pledge=Pledge.from_dict(record["pledge"]) if record.get("pledge") else None,
            figure_spans=_spans(record.get("figure_spans")),
        )

    def to_dict(self, text: str | None = None) -> dict[str, Any]:
        """Return the JSON form used by the CLI, the API and the store.

        With the document ``text``, the pledge parts carry their words as well.
        """
        return {
            "kind": self.kind,
            "source_spans": [list(span) for span in self.source_spans],
            "cue_spans": [list(span) for span in self.cue_spans],
            "content_spans": [list(span) for span in self.content_spans],
            "speaker": self.speaker.to_dict() if self.speaker else None,
            "confidence": round(self.confidence, 4),
            "pledge": self.pledge.to_dict(text) if self.pledge else None,
            "figure_spans": [list(span) for span in self.figure_spans],
        }


@dataclass(frozen=True, slots=True)
class Document:
    """An analysed article: its exact text and the statements found in it."""

    doc_id: str
    text: str
    statements: tuple[Statement, ...] = ()
    metadata: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)

    @property
    def text_sha256(self) -> str:
        """SHA-256 of the UTF-8 text the offsets refer to."""
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    def to_dict(self, *, include_text: bool = True) -> dict[str, Any]:
        """Return the JSON Lines record of this document."""
        record: dict[str, Any] = {"doc_id": self.doc_id, "text_sha256": self.text_sha256}
        if self.metadata:
            record["metadata"] = self.metadata
        if include_text:
            record["text"] = self.text
        record["statements"] = [statement.to_dict(self.text) for statement in self.statements]
        return record
