"""The seed check's report: one table row per gold statement, the predictions left over."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from rich.console import Group, RenderableType
from rich.markup import escape
from rich.table import Table
from rich.text import Text

if TYPE_CHECKING:
    from onrecord.evaluation.seed_eval import SeedMatch, SeedPrediction

Check = Literal["found", "speaker_correct", "kind_correct", "role_correct", "affiliation_correct",
                "pledge_correct", "condition_found", "false_pledge"]

_GOLD_COLUMNS = (
    "#",
    "gold content",
    "found",
    "speaker (gold / predicted)",
    "kind",
    "role (gold / predicted)",
    "affiliation (gold / predicted)",
    "pledger (gold / predicted)",
)


@dataclass(frozen=True, slots=True)
class SeedReport:
    """Row-by-row results on the seed article."""

    matches: tuple[SeedMatch, ...]
    predicted: int
    unmatched: tuple[SeedPrediction, ...]
    in_advert: tuple[SeedPrediction, ...]
    seconds: float

    def total(self, what: Check) -> int:
        """Count gold rows where the ``SeedMatch`` property ``what`` is true."""
        return sum(1 for match in self.matches if getattr(match, what))

    def pledge_counts(self) -> dict[str, int]:
        """Gold pledges, gold conditions and gold statements without a pledge."""
        pledges = [match.gold.pledge for match in self.matches if match.gold.pledge]
        return {
            "gold_pledges": len(pledges),
            "gold_conditions": sum(1 for pledge in pledges if pledge.get("condition")),
            "gold_non_pledges": len(self.matches) - len(pledges),
        }

    def summary(self) -> str:
        """Two lines: the headline counts of statements, then of pledges."""
        gold = len(self.matches)
        counts = self.pledge_counts()
        return (
            f"found: {self.total('found')}/{gold} · "
            f"found with right speaker: {self.total('speaker_correct')}/{gold} · "
            f"right kind: {self.total('kind_correct')}/{gold} · "
            f"predictions: {self.predicted}, matching no gold: {len(self.unmatched)}, "
            f"touching the advert: {len(self.in_advert)} · {self.seconds:.2f} s\n"
            f"pledges detected with right pledger: {self.total('pledge_correct')}/{counts['gold_pledges']} · "
            f"conditions found: {self.total('condition_found')}/{counts['gold_conditions']} · "
            f"false pledges: {self.total('false_pledge')}/{counts['gold_non_pledges']} non-pledge statements"
        )

    def to_table(self) -> Table:
        """Return the per-gold-statement table."""
        table = Table(title="Seed article: gold statements", show_lines=True)
        for header in _GOLD_COLUMNS:
            table.add_column(header, overflow="fold")
        for number, match in enumerate(self.matches, start=1):
            gold = match.gold
            found = f"{_mark(match.found)} {100 * match.coverage:.0f}%"
            table.add_row(
                str(number),
                _clip(gold.content),
                found,
                _pair(gold.speaker, match.predicted_speaker, match.speaker_correct),
                _pair(gold.kind, match.predicted_kind, match.kind_correct),
                _pair(gold.role, match.predicted_role, match.role_correct),
                _pair(gold.affiliation, match.predicted_affiliation, match.affiliation_correct),
                _pledge_cell(match),
            )
        return table

    def unmatched_table(self) -> Table:
        """Return the predictions that match no gold statement."""
        table = Table(title="Predictions matching no gold statement")
        for header in ("speaker", "kind", "cue", "content", "advert"):
            table.add_column(header, overflow="fold")
        for item in self.unmatched:
            speaker = item.statement.speaker.name if item.statement.speaker else "—"
            advert = "[red]ADVERT[/red]" if item.in_advert else ""
            table.add_row(
                escape(speaker), item.statement.kind, escape(item.cue), _clip(item.content), advert
            )
        return table

    def __rich__(self) -> RenderableType:
        parts: list[RenderableType] = [self.to_table(), Text(self.summary())]
        if self.unmatched:
            parts.append(self.unmatched_table())
        for item in self.in_advert:
            parts.append(Text(f"prediction touches the advert: {item.content}", "red"))
        return Group(*parts)

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form: totals, rows, unmatched and advert predictions."""
        return {
            "gold": len(self.matches),
            "predicted": self.predicted,
            "found": self.total("found"),
            "found_with_right_speaker": self.total("speaker_correct"),
            "right_kind": self.total("kind_correct"),
            "right_role": self.total("role_correct"),
            "right_affiliation": self.total("affiliation_correct"),
            **self.pledge_counts(),
            "pledges_with_right_pledger": self.total("pledge_correct"),
            "conditions_found": self.total("condition_found"),
            "false_pledges": self.total("false_pledge"),
            "seconds": round(self.seconds, 3),
            "matches": [match.to_dict() for match in self.matches],
            "unmatched": [item.to_dict() for item in self.unmatched],
            "in_advert": [item.to_dict() for item in self.in_advert],
        }


def _pledge_cell(match: SeedMatch) -> str:
    """Gold and predicted pledger, marked; "+ condition" when a gold condition was found."""
    gold = match.gold.pledge.get("pledger") if match.gold.pledge else None
    ok = match.pledge_correct if gold else not match.false_pledge
    condition = " + condition" if match.condition_found else ""
    return _pair(gold, match.predicted_pledger, ok) + condition


def _mark(ok: bool) -> str:
    return "[green]✓[/green]" if ok else "[red]✗[/red]"


def _pair(gold: str | None, predicted: str | None, ok: bool) -> str:
    return f"{escape(gold or '—')} / {escape(predicted or '—')} {_mark(ok)}"


def _clip(text: str, width: int = 80) -> str:
    """Flatten and shorten ``text`` for a table cell, escaped for Rich markup."""
    flat = " ".join(text.split())
    return escape(flat if len(flat) <= width else flat[: width - 1] + "…")
