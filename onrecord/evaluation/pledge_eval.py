"""Score pledge detection against hand-judged statements of a PolNeAR split.

The judgments (``data/pledges_polnear_<split>.jsonl``, see ``data/README.md``) each
mark one statement of an article by its content offsets and say whether it is a
pledge, whose, and on what condition. ``evaluate_pledges`` runs the extractor over the
judged articles, pairs each judgment with the predicted statement whose content
overlaps it most (one to one), and counts:

- detection: a predicted statement with a pledge is a true positive when its judgment
  says pledge; predicted pledges on statements nobody judged are counted apart, since
  the judged set is a sample;
- pledger accuracy and condition agreement over the true positives.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rich.table import Table

from onrecord.errors import InputError
from onrecord.evaluation.polnear_eval import SupportsPipe
from onrecord.types import CharSpan, Statement

JUDGMENTS_DIR = Path(__file__).parent / "data"
_NAME_NOISE = re.compile(r"[.\u2019']")


@dataclass(frozen=True, slots=True)
class PledgeJudgment:
    """One hand-judged statement: its content span and what its pledge should be."""

    doc: str
    content: CharSpan
    is_pledge: bool
    pledger: str | None
    condition: str | None
    note: str = ""


@dataclass(frozen=True, slots=True)
class Outcome:
    """A judgment next to the statement predicted for it (``None`` when nothing overlaps)."""

    judgment: PledgeJudgment
    predicted_pledger: str | None
    predicted_condition: str | None
    found: bool

    @property
    def predicted_pledge(self) -> bool:
        """Whether the matched statement carries a pledge."""
        return self.predicted_pledger is not None


@dataclass(frozen=True, slots=True)
class PledgeReport:
    """Detection P/R/F1, pledger accuracy and conditions over the judged statements."""

    split: str
    outcomes: tuple[Outcome, ...]
    unjudged_pledges: int
    seconds: float
    documents: int = 0
    mistakes: tuple[Outcome, ...] = field(default=(), repr=False)

    @property
    def true_positives(self) -> tuple[Outcome, ...]:
        """Judged pledges the extractor found as pledges."""
        return tuple(o for o in self.outcomes if o.judgment.is_pledge and o.predicted_pledge)

    def scores(self) -> dict[str, Any]:
        """Counts and rates, as plain numbers."""
        predicted = sum(o.predicted_pledge for o in self.outcomes)
        gold = sum(o.judgment.is_pledge for o in self.outcomes)
        hits = self.true_positives
        precision = len(hits) / predicted if predicted else 0.0
        recall = len(hits) / gold if gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        pledgers = sum(same_pledger(o.judgment.pledger, o.predicted_pledger) for o in hits)
        conditions = sum(same_condition(o.judgment.condition, o.predicted_condition) for o in hits)
        return {
            "judged": len(self.outcomes),
            "gold_pledges": gold,
            "predicted_pledges": predicted,
            "true_positives": len(hits),
            "precision": precision,
            "recall": recall,
            "f1": f1,
            "pledger_right": pledgers,
            "pledger_accuracy": pledgers / len(hits) if hits else 0.0,
            "conditions_right": conditions,
            "unjudged_predicted_pledges": self.unjudged_pledges,
            "statements_not_found": sum(not o.found for o in self.outcomes),
        }

    def to_table(self) -> Table:
        """A Rich table of the scores, with the counts behind each rate."""
        s = self.scores()
        table = Table(
            title=f"PolNeAR {self.split}: pledges on {s['judged']} judged statements",
            caption=(
                f"{self.documents} articles · {s['unjudged_predicted_pledges']} predicted pledges not judged · "
                f"{s['statements_not_found']} judged statements not found · {self.seconds:.1f} s"
            ),
        )
        table.add_column("measure")
        table.add_column("value", justify="right")
        table.add_column("counts", justify="right")
        tp = s["true_positives"]
        table.add_row("precision", _percent(s["precision"]), f"{tp}/{s['predicted_pledges']}")
        table.add_row("recall", _percent(s["recall"]), f"{tp}/{s['gold_pledges']}")
        table.add_row("F1", _percent(s["f1"]), "")
        table.add_row("pledger accuracy", _percent(s["pledger_accuracy"]), f"{s['pledger_right']}/{tp}")
        table.add_row("conditions right", "", f"{s['conditions_right']}/{tp}")
        return table

    def __rich__(self) -> Table:
        return self.to_table()

    def to_dict(self) -> dict[str, Any]:
        """The JSON form: scores, then each mistake (false positive, miss, wrong pledger)."""
        return {
            "split": self.split,
            "documents": self.documents,
            "seconds": round(self.seconds, 3),
            "scores": {key: round(value, 4) if isinstance(value, float) else value for key, value in self.scores().items()},
            "mistakes": [_mistake(outcome) for outcome in self.mistakes],
        }


def read_judgments(path: Path) -> list[PledgeJudgment]:
    """Read a judgments file (JSON Lines), failing with the line number on a bad record.

    Raises:
        InputError: when the file is missing or a line is not a judgment.
    """
    if not path.is_file():
        raise InputError(f"{path}: no pledge judgments for this split")
    judgments = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            judgments.append(
                PledgeJudgment(
                    doc=record["doc"],
                    content=(int(record["content_start"]), int(record["content_end"])),
                    is_pledge=bool(record["is_pledge"]),
                    pledger=record.get("pledger"),
                    condition=record.get("condition"),
                    note=record.get("note", ""),
                )
            )
        except (ValueError, KeyError, TypeError) as exc:
            raise InputError(f"{path}:{number}: not a pledge judgment ({exc})") from exc
    return judgments


def match_judgments(
    judgments: Sequence[PledgeJudgment], statements: Sequence[Statement]
) -> dict[int, Statement]:
    """Pair judgments with statements one to one, largest content overlap first.

    RETURNS (dict[int, Statement]): judgment index -> its statement; judgments that
    overlap no free statement are absent.
    """
    pairs = sorted(
        (
            (overlap, j, s)
            for j, judgment in enumerate(judgments)
            for s, statement in enumerate(statements)
            if (overlap := _overlap(judgment.content, statement.content_spans)) > 0
        ),
        reverse=True,
    )
    matched: dict[int, Statement] = {}
    used: set[int] = set()
    for _, j, s in pairs:
        if j not in matched and s not in used:
            matched[j] = statements[s]
            used.add(s)
    return matched


def same_pledger(gold: str | None, predicted: str | None) -> bool:
    """Whether the predicted pledger names the judged one (it may be longer: "Donald J. Trump")."""
    if gold is None or predicted is None:
        return gold == predicted
    return set(_name_words(gold)) <= set(_name_words(predicted))


def same_condition(gold: str | None, predicted: str | None) -> bool:
    """Whether both or neither have a condition, and one condition's words hold the other's."""
    if gold is None or predicted is None:
        return gold == predicted
    gold_words, predicted_words = _name_words(gold), _name_words(predicted)
    return bool(gold_words) and (set(gold_words) <= set(predicted_words) or set(predicted_words) <= set(gold_words))


def evaluate_pledges(
    extractor: SupportsPipe,
    data_dir: Path | str,
    split: str = "dev",
    *,
    judgments_path: Path | None = None,
) -> PledgeReport:
    """Run ``extractor`` over the judged articles of a PolNeAR split and score its pledges.

    Args:
        extractor (SupportsPipe): e.g. ``onrecord.api.Extractor()``.
        data_dir (Path | str): the PolNeAR folder holding ``<split>/text/``.
        split (str): the split whose judgments to use.
        judgments_path (Path | None): the judgments file; by default the shipped one.

    RETURNS (PledgeReport): the outcome of every judgment and the unjudged pledges.

    Raises:
        InputError: when the judgments or an article they name are missing.
    """
    started = time.perf_counter()
    judgments = read_judgments(judgments_path or JUDGMENTS_DIR / f"pledges_polnear_{split}.jsonl")
    names = sorted({judgment.doc for judgment in judgments})
    texts = [(name, _read_article(Path(data_dir) / split / "text" / f"{name}.txt")) for name in names]
    outcomes: list[Outcome] = []
    unjudged = 0
    for document in extractor.pipe(texts):
        own = [judgment for judgment in judgments if judgment.doc == document.doc_id]
        matched = match_judgments(own, document.statements)
        matched_ids = {id(statement) for statement in matched.values()}
        unjudged += sum(s.pledge is not None and id(s) not in matched_ids for s in document.statements)
        outcomes.extend(_outcome(judgment, matched.get(j), document.text) for j, judgment in enumerate(own))
    mistakes = tuple(o for o in outcomes if _is_mistake(o))
    return PledgeReport(
        split=split,
        outcomes=tuple(outcomes),
        unjudged_pledges=unjudged,
        seconds=time.perf_counter() - started,
        documents=len(names),
        mistakes=mistakes,
    )


def _read_article(path: Path) -> str:
    if not path.is_file():
        raise InputError(f"{path}: judged article not found (is --data the PolNeAR folder?)")
    return path.read_text(encoding="utf-8")


def _outcome(judgment: PledgeJudgment, statement: Statement | None, text: str) -> Outcome:
    pledge = statement.pledge if statement is not None else None
    condition = " ".join(text[a:b] for a, b in pledge.condition_spans) if pledge else ""
    return Outcome(
        judgment=judgment,
        predicted_pledger=pledge.pledger if pledge else None,
        predicted_condition=condition or None,
        found=statement is not None,
    )


def _is_mistake(outcome: Outcome) -> bool:
    if outcome.judgment.is_pledge != outcome.predicted_pledge:
        return True
    return outcome.predicted_pledge and not same_pledger(outcome.judgment.pledger, outcome.predicted_pledger)


def _mistake(outcome: Outcome) -> dict[str, Any]:
    judgment = outcome.judgment
    return {
        "doc": judgment.doc,
        "content_start": judgment.content[0],
        "is_pledge": judgment.is_pledge,
        "pledger": judgment.pledger,
        "predicted_pledger": outcome.predicted_pledger,
        "note": judgment.note,
    }


def _overlap(span: CharSpan, spans: Iterable[CharSpan]) -> int:
    return sum(max(0, min(span[1], b) - max(span[0], a)) for a, b in spans)


def _name_words(name: str) -> list[str]:
    """Lowercase words of a name without dots, apostrophes, single letters or "the"."""
    words = re.findall(r"\w+", _NAME_NOISE.sub("", name.casefold()))
    return [word for word in words if len(word) > 1 and word != "the"]


def _percent(value: float) -> str:
    return f"{100 * value:.1f}"
