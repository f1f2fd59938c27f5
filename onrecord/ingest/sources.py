"""What every reader yields: an article to analyse, or a problem with one input."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class SourceText:
    """One article to analyse: its text and where it came from.

    ``origin`` is the file path, ``path:line`` for a JSON Lines record, ``path@offset``
    for a web archive record, or ``<stdin>``. ``metadata`` holds what the source said
    about the article (HTML title and URL, WARC URL and date, or the extra keys of a
    JSON Lines record).
    """

    doc_id: str
    text: str
    origin: str
    metadata: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class InputProblem:
    """An input that could not be read, with a message that says what to do about it."""

    origin: str
    message: str

    def __str__(self) -> str:
        return f"{self.origin}: {self.message}"


InputItem = SourceText | InputProblem
