"""Read the PolNeAR corpus (brat standoff) into typed gold attributions.

Layout (see ``shared/data/polnear/README.md``): ``<split>/text/<article>.txt`` and
``<split>/attributions/<article>_<annotator>.ann``. Articles annotated by several
annotators are read from the first annotation file in sorted order, as the corpus
README recommends for scoring.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from onrecord.errors import InputError
from onrecord.types import CharSpan

LOGGER = logging.getLogger(__name__)


_TEXTBOUND = re.compile(r"^(T\d+)\t(\S+) ([\d ;]+)\t")
_EVENT = re.compile(r"^(E\d+)\t(\S+)")


@dataclass(frozen=True, slots=True)
class GoldAttribution:
    """One annotated attribution: character spans of its source, cue and content."""

    source: tuple[CharSpan, ...]
    cue: tuple[CharSpan, ...]
    content: tuple[CharSpan, ...]


@dataclass(frozen=True, slots=True)
class GoldArticle:
    """An article's text with its gold attributions."""

    name: str
    text: str
    attributions: tuple[GoldAttribution, ...]


def _parse_fragments(field: str) -> tuple[CharSpan, ...]:
    spans = []
    for fragment in field.split(";"):
        start, end = fragment.split()
        spans.append((int(start), int(end)))
    return tuple(spans)


def parse_brat(ann: str) -> tuple[GoldAttribution, ...]:
    """Parse the text of a ``.ann`` file into attributions (events tying T-spans)."""
    spans: dict[str, tuple[CharSpan, ...]] = {}
    events: list[list[tuple[str, str]]] = []
    for line in ann.splitlines():
        textbound = _TEXTBOUND.match(line)
        if textbound:
            spans[textbound.group(1)] = _parse_fragments(textbound.group(3))
        elif _EVENT.match(line):
            events.append([arg.partition(":")[::2] for arg in line.split("\t")[1].split()])
    attributions = []
    for arguments in events:
        roles: dict[str, tuple[CharSpan, ...]] = {}
        for role, ref in arguments:
            # "Content2" is a second part of the content: numbered parts join one role.
            role = role.rstrip("0123456789")
            roles[role] = tuple(sorted(roles.get(role, ()) + spans.get(ref, ())))
        cue, content = roles.get("Cue", ()), roles.get("Content", ())
        if cue and content:
            attributions.append(GoldAttribution(source=roles.get("Source", ()), cue=cue, content=content))
    return tuple(attributions)


def read_split(data_dir: Path | str, split: str) -> Iterator[GoldArticle]:
    """Yield the gold articles of one PolNeAR split (``train`` or ``dev``).

    Raises:
        InputError: when the split folder does not exist.
    """
    root = Path(data_dir) / split
    text_dir, ann_dir = root / "text", root / "attributions"
    if not text_dir.is_dir() or not ann_dir.is_dir():
        raise InputError(f"{root}: not a PolNeAR split (expected text/ and attributions/ inside)")
    first_ann: dict[str, Path] = {}
    for ann_path in sorted(ann_dir.glob("*.ann")):
        article = ann_path.stem.rsplit("_", 1)[0]
        first_ann.setdefault(article, ann_path)
    for article, ann_path in sorted(first_ann.items()):
        text_path = text_dir / f"{article}.txt"
        if not text_path.exists():
            LOGGER.warning("%s: annotation without text, skipped", ann_path)
            continue
        text = text_path.read_text(encoding="utf-8")
        attributions = parse_brat(ann_path.read_text(encoding="utf-8"))
        yield GoldArticle(name=article, text=text, attributions=attributions)
