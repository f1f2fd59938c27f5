"""evaluate_seed with a stand-in extractor, on a miniature seed folder and the real one."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from rich.console import Console

from onrecord.errors import InputError
from onrecord.evaluation.seed_eval import (
    compare_seed,
    evaluate_seed,
    find_advert,
    read_seed,
)
from onrecord.types import Document, Pledge, Speaker, Statement

TEXT = (
    'Ann Lee said: "We will build it.\n\n'
    "\U0001f5f3\ufe0f\u00a0Kick-off election month informed! Subscribe now.\n\n"
    "The Northern Echo:\n\n"
    '"And we will pay for it."\n\n'
    "Bob Ray said the plan was wrong.\n"
)


def span_of(phrase: str) -> tuple[int, int]:
    start = TEXT.index(phrase)
    return start, start + len(phrase)


def gold_entry(speaker: str, kind: str, content: str) -> dict[str, object]:
    start, end = span_of(content)
    return {
        "speaker": speaker,
        "speaker_type": "person",
        "role": None,
        "affiliation": "Labour" if speaker == "Ann Lee" else None,
        "kind": kind,
        "cue": "said",
        "content": content,
        "content_start": start,
        "content_end": end,
        "pledge": None,
    }


GOLD = [
    gold_entry("Ann Lee", "direct", "We will build it."),
    gold_entry("Ann Lee", "direct", "And we will pay for it."),
    gold_entry("Bob Ray", "indirect", "the plan was wrong"),
]


def said(speaker: str | None, kind: str, content: tuple[int, int]) -> Statement:
    person = Speaker(name=speaker, type="person", affiliation="Labour") if speaker else None
    return Statement(
        kind=kind,  # type: ignore[arg-type]
        source_spans=(),
        cue_spans=(span_of("said"),),
        content_spans=(content,),
        speaker=person,
        confidence=1.0,
    )


class FixedExtractor:
    """Returns the same statements for any text."""

    def __init__(self, statements: tuple[Statement, ...]) -> None:
        self.statements = statements

    def pipe(self, items: Iterable[tuple[str, str]]) -> Iterator[Document]:
        for doc_id, text in items:
            yield Document(doc_id=doc_id, text=text, statements=self.statements)


@pytest.fixture()
def seed_dir(tmp_path: Path) -> Path:
    (tmp_path / "hitachi-newton-aycliffe.txt").write_text(TEXT, encoding="utf-8")
    record = {"doc_id": "seed", "statements": GOLD}
    (tmp_path / "gold.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    return tmp_path


def test_seed_eval_matches_by_half_of_the_gold_content(seed_dir: Path) -> None:
    start = span_of("We will build it.")[0]
    first_half = said("Ann Lee", "direct", (start, start + 9))  # 9 of 17 chars
    too_little = said("Bob Ray", "direct", (span_of("the plan")))  # 8 of 18 chars
    report = evaluate_seed(FixedExtractor((first_half, too_little)), seed_dir)
    first, second, third = report.matches
    assert first.found and first.coverage == pytest.approx(9 / 17)
    assert first.speaker_correct and first.kind_correct and first.affiliation_correct
    assert not second.found and not second.speaker_correct
    assert not third.found and third.coverage == pytest.approx(8 / 18)
    assert [item.statement for item in report.unmatched] == [too_little]
    assert report.total("found") == 1 and report.total("speaker_correct") == 1


def test_seed_eval_checks_speaker_and_kind(seed_dir: Path) -> None:
    wrong_speaker = said("Bob Ray", "direct", span_of("And we will pay for it."))
    wrong_kind = said("bob  ray", "mixed", span_of("the plan was wrong"))
    report = evaluate_seed(FixedExtractor((wrong_speaker, wrong_kind)), seed_dir)
    _, second, third = report.matches
    assert second.found and not second.speaker_correct and second.kind_correct
    assert third.found and third.speaker_correct and not third.kind_correct  # case-blind names
    assert not third.affiliation_correct  # "Labour" predicted, none in gold
    assert "found with right speaker: 1/3" in report.summary()


def test_seed_eval_flags_predictions_in_the_advert(seed_dir: Path) -> None:
    advert = find_advert(TEXT)
    assert advert is not None
    assert TEXT[advert[0] : advert[1]].startswith("\U0001f5f3")
    assert TEXT[advert[0] : advert[1]].endswith("The Northern Echo:")
    invented = said(None, "direct", span_of("Subscribe now."))
    spanning = said("Ann Lee", "direct", (span_of("We will")[0], span_of("pay for it.")[1]))
    report = evaluate_seed(FixedExtractor((invented, spanning)), seed_dir)
    assert [item.statement for item in report.in_advert] == [invented, spanning]
    assert [item.statement for item in report.unmatched] == [invented]
    assert report.matches[0].found and report.matches[1].found  # one prediction, two golds
    console = Console(record=True, width=200)
    console.print(report)
    output = console.export_text()
    assert "ADVERT" in output and "Subscribe now." in output


def test_seed_eval_json_form(seed_dir: Path) -> None:
    report = evaluate_seed(FixedExtractor(()), seed_dir)
    record = json.loads(json.dumps(report.to_dict()))
    assert record["gold"] == 3 and record["found"] == 0 and record["predicted"] == 0
    assert record["matches"][0]["gold"]["speaker"] == "Ann Lee"


def test_seed_eval_missing_files_name_the_path(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"gold\.jsonl|hitachi"):
        evaluate_seed(FixedExtractor(()), tmp_path)


def test_seed_eval_real_seed_gold_is_consistent(shared_seed_dir: Path) -> None:
    text, gold = read_seed(shared_seed_dir)
    assert len(gold) == 16
    assert all(text[g.content_start : g.content_end] == g.content for g in gold)
    advert = find_advert(text)
    assert advert is not None
    # No gold statement lies inside the advert, and a perfect system scores 16/16.
    assert all(g.content_end <= advert[0] or g.content_start >= advert[1] for g in gold)
    perfect = tuple(
        Statement(
            kind=g.kind,  # type: ignore[arg-type]
            source_spans=(),
            cue_spans=(),
            content_spans=((g.content_start, g.content_end),),
            speaker=Speaker(name=g.speaker, type="person", role=g.role, affiliation=g.affiliation),
            confidence=1.0,
        )
        for g in gold
    )
    report = compare_seed(text, gold, perfect)
    assert report.total("speaker_correct") == 16 and not report.unmatched


def pledged(statement: Statement, pledger: str, condition: str | None = None) -> Statement:
    """``statement`` with a pledge whose action is its first content span."""
    condition_spans = (span_of(condition),) if condition else ()
    pledge = Pledge(pledger, "organisation", statement.content_spans[:1], condition_spans)
    return replace(statement, pledge=pledge)


def test_seed_eval_scores_pledges_pledgers_conditions_and_false_pledges(seed_dir: Path) -> None:
    gold = [dict(entry) for entry in GOLD]
    gold[0]["pledge"] = {"pledger": "Labour Party", "action": "build", "condition": "if we build it"}
    gold[1]["pledge"] = {"pledger": "Labour Party", "action": "pay", "condition": None}
    (seed_dir / "gold.jsonl").write_text(json.dumps({"statements": gold}) + "\n", encoding="utf-8")
    right = pledged(said("Ann Lee", "direct", span_of("We will build it.")), "Labour Party", "will build it")
    wrong_pledger = pledged(said("Ann Lee", "direct", span_of("And we will pay for it.")), "Ann Lee")
    false = pledged(said("Bob Ray", "indirect", span_of("the plan was wrong")), "Bob Ray")
    report = evaluate_seed(FixedExtractor((right, wrong_pledger, false)), seed_dir)
    first, second, third = report.matches
    assert first.pledge_correct and first.condition_found  # "build" and "it": 2 of its 3 words
    assert not second.pledge_correct and second.predicted_pledger == "Ann Lee"
    assert third.false_pledge
    assert "pledges detected with right pledger: 1/2 · conditions found: 1/1 · false pledges: 1/1" in report.summary()
    assert report.to_dict()["pledges_with_right_pledger"] == 1


def test_seed_eval_one_prediction_over_two_gold_paragraphs_gives_its_pledge_to_one(seed_dir: Path) -> None:
    both = said("Ann Lee", "direct", (span_of("We will build it.")[0], span_of("pay for it.")[1]))
    spanning = replace(both, content_spans=(span_of("We will build it."), span_of("And we will pay for it.")))
    on_second = replace(spanning, pledge=Pledge("Labour Party", "organisation", (span_of("pay for it"),)))
    report = evaluate_seed(FixedExtractor((on_second,)), seed_dir)
    first, second, _ = report.matches
    assert first.predicted is second.predicted is on_second
    assert first.pledge is None and second.predicted_pledger == "Labour Party"
    assert second.false_pledge and not first.false_pledge  # the gold fixture has no pledges
