"""Check an extractor against the 16 hand-annotated statements of the seed article.

The seed article (``shared/data/seed/``, see its README) is small enough to read
row by row, so instead of corpus metrics this report says, for every gold statement,
whether it was found and whether its speaker, kind, role and affiliation are right,
and lists the predictions that match no gold statement. Predictions touching the
subscription advert in the middle of the article are flagged: that advert sits between
two paragraphs of one quote and is the easiest place to invent a statement.

A gold statement is *found* by the prediction whose content spans cover the largest
share of its content characters, provided that share is at least
``MIN_CONTENT_OVERLAP``.

A predicted pledge belongs to the gold statement its spans overlap most (one prediction
may cover several gold paragraphs). A gold pledge is *detected* when it owns one with the
gold pledger; a pledge owned by a gold statement without one is *false*.
"""

from __future__ import annotations

import json
import logging
import re
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from onrecord.errors import InputError
from onrecord.evaluation.polnear_eval import SupportsPipe
from onrecord.evaluation.seed_report import SeedReport
from onrecord.types import CharSpan, Statement

LOGGER = logging.getLogger(__name__)

SEED_TEXT = "hitachi-newton-aycliffe.txt"
SEED_GOLD = "gold.jsonl"
# Share of the gold content's characters a prediction must cover to count as finding it;
# half tolerates boundary disagreements (quotation marks, "that", a final full stop).
MIN_CONTENT_OVERLAP = 0.5
# The advert paragraph starts with a ballot-box emoji and a no-break space, so match
# the words only and widen to the start of the line; the advert ends with this line.
ADVERT_FIRST_WORDS = "Kick-off election month"
ADVERT_LAST_LINE = "The Northern Echo:"
# The gold condition "if Labour wins the next general election" paraphrases the
# article's "if it wins the general election": 3 of its 5 words.
MIN_CONDITION_WORD_SHARE = 0.5
_CONDITION_FILLER = frozenset({"if", "the", "a", "an"})

@dataclass(frozen=True, slots=True)
class SeedGold:
    """One gold statement of the seed article (fields as in ``gold.jsonl``)."""

    speaker: str
    speaker_type: str
    role: str | None
    affiliation: str | None
    kind: str
    cue: str
    content: str
    content_start: int
    content_end: int
    pledge: dict[str, Any] | None = None

    @classmethod
    def from_dict(cls, record: dict[str, Any]) -> SeedGold:
        """Build from one entry of the ``statements`` list.

        Raises:
            KeyError: when a field other than role, affiliation or pledge is missing.
        """
        return cls(
            speaker=record["speaker"],
            speaker_type=record["speaker_type"],
            role=record.get("role"),
            affiliation=record.get("affiliation"),
            kind=record["kind"],
            cue=record["cue"],
            content=record["content"],
            content_start=record["content_start"],
            content_end=record["content_end"],
            pledge=record.get("pledge"),
        )

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form (the ``gold.jsonl`` entry)."""
        return {name: getattr(self, name) for name in self.__dataclass_fields__}


@dataclass(frozen=True, slots=True)
class SeedMatch:
    """A gold statement and the prediction that best covers its content, if any."""

    gold: SeedGold
    predicted: Statement | None
    coverage: float
    # The predicted pledge this gold statement owns, in ``Pledge.to_dict(text)`` form.
    pledge: dict[str, Any] | None = None

    @property
    def found(self) -> bool:
        """Whether a prediction covers enough of the gold content."""
        return self.predicted is not None

    @property
    def predicted_speaker(self) -> str | None:
        """The predicted speaker's name, or ``None``."""
        if self.predicted is None or self.predicted.speaker is None:
            return None
        return self.predicted.speaker.name

    @property
    def speaker_correct(self) -> bool:
        """Found, with the gold speaker's name (ignoring case and apostrophe style)."""
        return _same(self.predicted_speaker, self.gold.speaker)

    @property
    def kind_correct(self) -> bool:
        """Found, with the gold kind (direct, indirect or mixed)."""
        return self.predicted_kind == self.gold.kind

    @property
    def predicted_kind(self) -> str | None:
        """The predicted statement's kind, or ``None``."""
        return self.predicted.kind if self.predicted is not None else None

    @property
    def predicted_role(self) -> str | None:
        """The predicted speaker's role, or ``None``."""
        speaker = self.predicted.speaker if self.predicted is not None else None
        return speaker.role if speaker is not None else None

    @property
    def predicted_affiliation(self) -> str | None:
        """The predicted speaker's affiliation, or ``None``."""
        speaker = self.predicted.speaker if self.predicted is not None else None
        return speaker.affiliation if speaker is not None else None

    @property
    def role_correct(self) -> bool:
        """Found, with the gold role (both absent counts as correct)."""
        return self.found and _same(self.predicted_role, self.gold.role)

    @property
    def affiliation_correct(self) -> bool:
        """Found, with the gold affiliation (both absent counts as correct)."""
        return self.found and _same(self.predicted_affiliation, self.gold.affiliation)

    @property
    def predicted_pledger(self) -> str | None:
        """The pledger of the pledge this gold statement owns, or ``None``."""
        return self.pledge["pledger"] if self.pledge else None

    @property
    def pledge_correct(self) -> bool:
        """A gold pledge, detected with the gold pledger."""
        return self.gold.pledge is not None and _same(self.predicted_pledger, self.gold.pledge.get("pledger"))

    @property
    def condition_found(self) -> bool:
        """A gold condition, sharing ``MIN_CONDITION_WORD_SHARE`` of its words with the predicted one."""
        gold = self.gold.pledge.get("condition") if self.gold.pledge else None
        predicted = self.pledge.get("condition") if self.pledge else None
        if not gold or not predicted:
            return False
        gold_words = _condition_words(gold)
        return len(gold_words & _condition_words(predicted)) >= MIN_CONDITION_WORD_SHARE * len(gold_words)

    @property
    def false_pledge(self) -> bool:
        """No gold pledge, but a predicted one."""
        return self.gold.pledge is None and self.pledge is not None

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form of this row."""
        return {
            "gold": self.gold.to_dict(),
            "found": self.found,
            "coverage": round(self.coverage, 3),
            "predicted": self.predicted.to_dict() if self.predicted else None,
            "speaker_correct": self.speaker_correct,
            "kind_correct": self.kind_correct,
            "role_correct": self.role_correct,
            "affiliation_correct": self.affiliation_correct,
            "pledge": self.pledge,
            "pledge_correct": self.pledge_correct,
            "condition_found": self.condition_found,
            "false_pledge": self.false_pledge,
        }


@dataclass(frozen=True, slots=True)
class SeedPrediction:
    """A prediction worth a look: it matches no gold statement or touches the advert."""

    statement: Statement
    content: str
    cue: str
    in_advert: bool

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form: the statement plus its cue and content text."""
        return {
            "statement": self.statement.to_dict(),
            "content": self.content,
            "cue": self.cue,
            "in_advert": self.in_advert,
        }


def read_seed(seed_dir: Path | str) -> tuple[str, tuple[SeedGold, ...]]:
    """Read the seed article's text and gold statements.

    Raises:
        InputError: when either file is missing or ``gold.jsonl`` is not JSON Lines.
    """
    text_path, gold_path = Path(seed_dir) / SEED_TEXT, Path(seed_dir) / SEED_GOLD
    for path in (text_path, gold_path):
        if not path.is_file():
            raise InputError(
                f"{path}: missing; pass the folder holding {SEED_TEXT} and {SEED_GOLD}"
            )
    text = text_path.read_text(encoding="utf-8")
    gold: list[SeedGold] = []
    for number, line in enumerate(gold_path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            gold += [SeedGold.from_dict(item) for item in record.get("statements", [])]
        except json.JSONDecodeError as error:
            raise InputError(f"{gold_path}:{number}: not JSON ({error.msg})") from error
        except KeyError as error:
            raise InputError(f"{gold_path}:{number}: a statement lacks {error}") from error
    for item in gold:
        if not isinstance(item.content_start, int) or not isinstance(item.content_end, int):
            raise InputError(f"{gold_path}: statement {item.content!r} lacks content offsets")
        if text[item.content_start : item.content_end] != item.content:
            LOGGER.warning("seed: offsets of %r do not match the text", item.content[:40])
    return text, tuple(gold)


def find_advert(text: str) -> CharSpan | None:
    """Return the span from the advert's first line to its ``The Northern Echo:`` line."""
    first = text.find(ADVERT_FIRST_WORDS)
    if first < 0:
        return None
    start = text.rfind("\n", 0, first) + 1
    last = text.find(ADVERT_LAST_LINE, first)
    end = last + len(ADVERT_LAST_LINE) if last >= 0 else text.find("\n", first)
    return start, (end if end >= 0 else len(text))


def evaluate_seed(extractor: SupportsPipe, seed_dir: Path | str) -> SeedReport:
    """Run ``extractor`` on the seed article and compare it with the gold statements.

    Args:
        extractor (SupportsPipe): e.g. ``onrecord.api.Extractor()``.
        seed_dir (Path | str): the folder holding the article and ``gold.jsonl``.

    RETURNS (SeedReport): one row per gold statement plus the unmatched predictions.

    Raises:
        InputError: when a seed file is missing or unreadable.
    """
    text, gold = read_seed(seed_dir)
    started = time.perf_counter()
    document = next(iter(extractor.pipe([("seed", text)])))
    seconds = time.perf_counter() - started
    return compare_seed(text, gold, document.statements, seconds=seconds)


def compare_seed(
    text: str,
    gold: tuple[SeedGold, ...],
    predicted: tuple[Statement, ...],
    *,
    seconds: float = 0.0,
) -> SeedReport:
    """Match predictions to gold statements by content coverage and build the report."""
    matches = tuple(_best_match(item, predicted) for item in gold)
    matched_ids = {id(match.predicted) for match in matches if match.predicted is not None}
    advert = find_advert(text)
    if advert is None:
        LOGGER.warning("seed: advert paragraph not found, advert check skipped")
    notable = [
        SeedPrediction(
            statement=statement,
            content=statement.content_text(text),
            cue=" … ".join(text[start:end] for start, end in statement.cue_spans),
            in_advert=advert is not None and _touches(statement, advert),
        )
        for statement in predicted
    ]
    return SeedReport(
        matches=_with_pledges(text, matches),
        predicted=len(predicted),
        unmatched=tuple(p for p in notable if id(p.statement) not in matched_ids),
        in_advert=tuple(p for p in notable if p.in_advert),
        seconds=seconds,
    )


def _best_match(gold: SeedGold, predicted: tuple[Statement, ...]) -> SeedMatch:
    """Return the prediction covering most of the gold content, if it covers enough."""
    length = max(gold.content_end - gold.content_start, 1)
    best: Statement | None = None
    best_coverage = 0.0
    for statement in predicted:
        coverage = _covered(statement.content_spans, gold.content_start, gold.content_end) / length
        if coverage > best_coverage:
            best, best_coverage = statement, coverage
    if best_coverage < MIN_CONTENT_OVERLAP:
        best = None
    return SeedMatch(gold=gold, predicted=best, coverage=best_coverage)


def _with_pledges(text: str, matches: tuple[SeedMatch, ...]) -> tuple[SeedMatch, ...]:
    """Give each predicted pledge to the gold statement, among those its prediction matched, it overlaps most."""
    owners: dict[int, tuple[int, int]] = {}  # id(prediction) -> (characters overlapped, gold row)
    for number, match in enumerate(matches):
        if match.predicted is not None and match.predicted.pledge is not None:
            pledge = match.predicted.pledge
            spans = pledge.action_spans + pledge.condition_spans + pledge.target_spans
            overlap = _covered(spans, match.gold.content_start, match.gold.content_end)
            if overlap > owners.get(id(match.predicted), (-1, 0))[0]:
                owners[id(match.predicted)] = (overlap, number)
    rows = list(matches)
    for _, number in owners.values():
        pledge = rows[number].predicted.pledge  # type: ignore[union-attr]
        rows[number] = replace(rows[number], pledge=pledge.to_dict(text) if pledge else None)
    return tuple(rows)


def _condition_words(condition: str) -> set[str]:
    """The words of a condition that carry meaning (not "if" or articles), case-folded."""
    return set(re.findall(r"\w+", condition.replace("\u2019", "'").casefold())) - _CONDITION_FILLER


def _covered(spans: tuple[CharSpan, ...], start: int, end: int) -> int:
    """Count characters of [start, end) inside the union of ``spans``."""
    clipped = sorted((max(s, start), min(e, end)) for s, e in spans if s < end and e > start)
    covered, reach = 0, start
    # Merge as we go so overlapping fragments are not counted twice.
    for fragment_start, fragment_end in clipped:
        begin = max(fragment_start, reach)
        if fragment_end > begin:
            covered += fragment_end - begin
            reach = fragment_end
    return covered


def _touches(statement: Statement, region: CharSpan) -> bool:
    """Whether any source, cue or content span of ``statement`` overlaps ``region``."""
    spans = statement.source_spans + statement.cue_spans + statement.content_spans
    return any(start < region[1] and end > region[0] for start, end in spans)


def _normalise(value: str | None) -> str | None:
    if value is None:
        return None
    return " ".join(value.replace("\u2019", "'").casefold().split()) or None


def _same(predicted: str | None, gold: str | None) -> bool:
    return _normalise(predicted) == _normalise(gold)
