"""evaluate_polnear with a stand-in extractor on a two-article split written to disk."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest
from rich.console import Console

from onrecord.evaluation.polnear_eval import as_attribution, evaluate_polnear
from onrecord.types import Document, Statement

TEXTS = {"a": "Smith said taxes rise.", "b": "Jones denied it."}
ANNS = {
    "a": "T1\tSource 0 5\tSmith\nT2\tCue 6 10\tsaid\nT3\tContent 11 21\ttaxes rise\n"
    "E1\tAttribution:T2 Source:T1 Cue:T2 Content:T3",
    "b": "T1\tSource 0 5\tJones\nT2\tCue 6 12\tdenied\nT3\tContent 13 15\tit\n"
    "E1\tAttribution:T2 Source:T1 Cue:T2 Content:T3",
}


Span = tuple[int, int]


def statement(source: Span, cue: Span, content: Span) -> Statement:
    return Statement(
        kind="indirect",
        source_spans=(source,),
        cue_spans=(cue,),
        content_spans=(content,),
        speaker=None,
        confidence=1.0,
    )


class FakeExtractor:
    """Finds Smith's statement exactly and nothing in article b."""

    def __init__(self, drop: bool = False) -> None:
        self.drop = drop

    def pipe(self, items: Iterable[tuple[str, str]]) -> Iterator[Document]:
        for doc_id, text in items:
            found: tuple[Statement, ...]
            if doc_id == "a":
                found = (statement((0, 5), (6, 10), (11, 21)),)
            elif self.drop:
                continue
            else:
                found = ()
            yield Document(doc_id=doc_id, text=text, statements=found)


@pytest.fixture()
def polnear_dir(tmp_path: Path) -> Path:
    for folder in ("text", "attributions"):
        (tmp_path / "dev" / folder).mkdir(parents=True)
    for name, text in TEXTS.items():
        (tmp_path / "dev" / "text" / f"{name}.txt").write_text(text, encoding="utf-8")
        (tmp_path / "dev" / "attributions" / f"{name}_1.ann").write_text(ANNS[name], "utf-8")
    return tmp_path


def test_polnear_eval_scores_the_split(polnear_dir: Path) -> None:
    report = evaluate_polnear(FakeExtractor(), polnear_dir, "dev")
    assert report.counts.documents == 2
    assert report.counts.predicted == 1 and report.counts.gold == 2
    scores = report.counts.scores()
    assert scores.exact["attribution"].precision == 1.0
    assert scores.exact["attribution"].recall == 0.5
    assert [item.name for item in report.documents] == ["a", "b"]
    assert report.seconds >= 0


def test_polnear_eval_limit_and_json(polnear_dir: Path) -> None:
    report = evaluate_polnear(FakeExtractor(), polnear_dir, "dev", limit=1)
    record = json.loads(json.dumps(report.to_dict(per_document=True)))
    assert record["documents"] == 1 and record["gold"] == 1
    assert record["scores"]["cue"]["exact"] == {"precision": 1.0, "recall": 1.0, "f1": 1.0}
    assert record["per_document"][0]["name"] == "a"


def test_polnear_eval_renders_a_table(polnear_dir: Path) -> None:
    console = Console(record=True, width=120)
    console.print(evaluate_polnear(FakeExtractor(), polnear_dir, "dev"))
    output = console.export_text()
    for word in ("cue", "source", "content", "attribution", "exact F1", "overlap P"):
        assert word in output
    assert "1 predicted / 2 gold" in output


def test_polnear_eval_refuses_an_extractor_that_drops_articles(polnear_dir: Path) -> None:
    with pytest.raises(ValueError):
        evaluate_polnear(FakeExtractor(drop=True), polnear_dir, "dev")


def test_polnear_eval_as_attribution_keeps_every_span() -> None:
    converted = as_attribution(statement((0, 5), (6, 10), (11, 21)))
    assert converted.source == ((0, 5),)
    assert converted.cue == ((6, 10),)
    assert converted.content == ((11, 21),)
