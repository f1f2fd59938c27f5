"""evaluate_pledges with a stand-in extractor over judgments and articles written to disk."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest

from onrecord.errors import InputError
from onrecord.evaluation.pledge_eval import evaluate_pledges, read_judgments, same_pledger
from onrecord.types import CharSpan, Document, Pledge, Speaker, Statement

TEXT = "Holt said she will build homes. Dale said rain would fall. Ng said he would cut fares."


def span(phrase: str) -> CharSpan:
    start = TEXT.index(phrase)
    return start, start + len(phrase)


def statement(content: str, pledger: str | None) -> Statement:
    pledge = Pledge(pledger=pledger, pledger_type="person", action_spans=(span(content),)) if pledger else None
    return Statement(
        kind="indirect", source_spans=(), cue_spans=(), content_spans=(span(content),),
        speaker=Speaker("X", "person"), confidence=1.0, pledge=pledge,
    )


class FakeExtractor:
    """Holt's pledge right, Dale's forecast taken for a pledge, Ng's pledge missed."""

    def pipe(self, items: Iterable[tuple[str, str]]) -> Iterator[Document]:
        for doc_id, text in items:
            yield Document(doc_id, text, (
                statement("she will build homes", "Mary Holt"),
                statement("rain would fall", "Dale Party"),
                statement("he would cut fares", None),
            ))


def judgment(phrase: str, is_pledge: bool, pledger: str | None) -> dict[str, object]:
    start, end = span(phrase)
    return {"doc": "a", "content_start": start, "content_end": end, "is_pledge": is_pledge,
            "pledger": pledger, "condition": None, "note": ""}


@pytest.fixture
def polnear(tmp_path: Path) -> Path:
    (tmp_path / "dev" / "text").mkdir(parents=True)
    (tmp_path / "dev" / "text" / "a.txt").write_text(TEXT, encoding="utf-8")
    lines = [judgment("she will build homes", True, "Mary Holt"), judgment("rain would fall", False, None),
             judgment("Ng said he would cut fares", True, "Lee Ng")]
    (tmp_path / "judged.jsonl").write_text("\n".join(json.dumps(line) for line in lines), encoding="utf-8")
    return tmp_path


def test_pledge_eval_counts_precision_recall_and_pledgers(polnear: Path) -> None:
    report = evaluate_pledges(FakeExtractor(), polnear, judgments_path=polnear / "judged.jsonl")
    scores = report.scores()
    assert (scores["true_positives"], scores["predicted_pledges"], scores["gold_pledges"]) == (1, 2, 2)
    assert scores["precision"] == pytest.approx(0.5) and scores["recall"] == pytest.approx(0.5)
    assert scores["pledger_right"] == 1
    assert [m["content_start"] for m in report.to_dict()["mistakes"]] == [span("rain would fall")[0], span("Ng said he would cut fares")[0]]


def test_pledge_eval_bad_judgment_line_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "judged.jsonl"
    path.write_text('{"doc": "a"}\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"judged.jsonl:1"):
        read_judgments(path)


def test_pledge_eval_missing_article_is_an_input_error(polnear: Path) -> None:
    (polnear / "dev" / "text" / "a.txt").unlink()
    with pytest.raises(InputError, match="not found"):
        evaluate_pledges(FakeExtractor(), polnear, judgments_path=polnear / "judged.jsonl")


@pytest.mark.parametrize(
    ("gold", "predicted", "same"),
    [("Donald Trump", "Donald J. Trump", True), ("S.E.C.", "SEC", True), ("Donald Trump", "Republican Party", False),
     ("Melania Trump", "Trump", False)],
)
def test_pledge_eval_pledger_names(gold: str, predicted: str, same: bool) -> None:
    assert same_pledger(gold, predicted) is same
