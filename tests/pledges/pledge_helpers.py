"""Build statements by hand on short texts, so the pledges stage is tested apart from attribution."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from onrecord.pledges.statements import find_pledges
from onrecord.types import CharSpan, Speaker, Statement, StatementKind


def span_of(text: str, phrase: str, after: int = 0) -> CharSpan:
    """The span of the first ``phrase`` in ``text`` at or after ``after``."""
    start = text.index(phrase, after)
    return start, start + len(phrase)


@dataclass(frozen=True)
class Said:
    """One statement to build: who, the cue words and the content words as written in the text."""

    speaker: Speaker | None
    cue: str
    content: str
    kind: StatementKind = "indirect"


def statements_of(text: str, said: list[Said]) -> tuple[Statement, ...]:
    """Statements with the given speakers, cues and contents located in ``text``, in order."""
    built = []
    position = 0
    for item in said:
        content = span_of(text, item.content, position)
        cue = span_of(text, item.cue, max(0, content[0] - 80)) if item.cue else None
        built.append(
            Statement(
                kind=item.kind,
                source_spans=(),
                cue_spans=(cue,) if cue else (),
                content_spans=(content,),
                speaker=item.speaker,
                confidence=1.0,
            )
        )
        position = content[1]
    return tuple(built)


def run(parser: Language, text: str, said: list[Said]) -> tuple[Doc, tuple[Statement, ...]]:
    """Parse ``text`` and run the pledges stage on the hand-built statements."""
    doc = parser(text)
    return doc, find_pledges(doc, statements_of(text, said))


def words(text: str, spans: tuple[CharSpan, ...]) -> list[str]:
    """The text of each span."""
    return [text[start:end] for start, end in spans]


def person(name: str, affiliation: str | None = None, role: str | None = None) -> Speaker:
    """A person speaker."""
    return Speaker(name=name, type="person", role=role, affiliation=affiliation)


def organisation(name: str) -> Speaker:
    """An organisation speaker."""
    return Speaker(name=name, type="organisation")
