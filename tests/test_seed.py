"""Acceptance on the seed article: the whole extraction against its 16 gold statements.

Reads ``shared/data/seed/`` (article and ``gold.jsonl``, see its README) beside this
repository and skips when that folder is absent. The report comes from
``onrecord.evaluation.seed_eval.evaluate_seed``, computed once for the module.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from onrecord.api import Extractor
from onrecord.evaluation.seed_eval import SeedMatch, SeedReport, evaluate_seed, find_advert, read_seed

GOLD_STATEMENTS = 16
MIN_RIGHT_SPEAKER = 15


@pytest.fixture(scope="module")
def report(shared_seed_dir: Path) -> SeedReport:
    return evaluate_seed(Extractor(), shared_seed_dir)


@pytest.fixture(scope="module")
def text(shared_seed_dir: Path) -> str:
    return read_seed(shared_seed_dir)[0]


def describe(match: SeedMatch) -> str:
    """One line for a failure message: gold speaker and content, what was predicted."""
    return (
        f"gold {match.gold.speaker!r}: {match.gold.content[:60]!r} -> found={match.found} "
        f"({match.coverage:.0%}), predicted speaker {match.predicted_speaker!r}"
    )


def match_after(report: SeedReport, text: str, phrase: str) -> SeedMatch:
    """The gold statement whose content is the first to start after ``phrase`` in the text."""
    offset = text.index(phrase) + len(phrase)
    following = [match for match in report.matches if match.gold.content_start >= offset]
    assert following, phrase
    return min(following, key=lambda match: match.gold.content_start)


def test_seed_finds_gold_statements_with_right_speaker(report: SeedReport) -> None:
    assert len(report.matches) == GOLD_STATEMENTS
    wrong = [describe(match) for match in report.matches if not match.speaker_correct]
    assert report.total("speaker_correct") >= MIN_RIGHT_SPEAKER, wrong


@pytest.mark.parametrize(
    "opening",
    ["If we do those things", "I\u2019ve been working with them", "It\u2019s very clear", "With Hitachi"],
)
def test_seed_continuation_paragraphs_keep_speaker(report: SeedReport, opening: str) -> None:
    (match,) = [match for match in report.matches if match.gold.content.startswith(opening)]
    assert match.found, describe(match)
    assert match.speaker_correct, describe(match)


@pytest.mark.parametrize(
    ("phrase", "speaker"),
    [("He told the LDRS", "Paul Howell"), ("The shadow chancellor told", "Rachel Reeves")],
)
def test_seed_colon_introduction_resolves_speaker(report: SeedReport, text: str, phrase: str, speaker: str) -> None:
    match = match_after(report, text, phrase)
    assert match.found, describe(match)
    assert match.predicted_speaker == speaker, describe(match)


def test_seed_nothing_overlaps_advert_or_caption(report: SeedReport, text: str) -> None:
    advert = find_advert(text)
    assert advert is not None
    # The span checked runs from the advert through the caption label after it.
    assert text[advert[0] : advert[1]].endswith("The Northern Echo:")
    assert [item.content for item in report.in_advert] == []


@pytest.mark.parametrize("speaker", ["Rachel Reeves", "Kim McGuinness", "Paul Howell"])
def test_seed_role_and_affiliation_match_gold(report: SeedReport, speaker: str) -> None:
    matches = [match for match in report.matches if match.gold.speaker == speaker]
    assert matches
    for match in matches:
        assert match.found, describe(match)
        assert match.role_correct, (match.gold.role, match.predicted_role)
        assert match.affiliation_correct, (match.gold.affiliation, match.predicted_affiliation)


MIN_PLEDGES_WITH_RIGHT_PLEDGER = 8


def test_seed_pledges_detected_with_right_pledger(report: SeedReport) -> None:
    counts = report.pledge_counts()
    assert counts["gold_pledges"] == 10
    wrong = [
        f"{match.gold.content[:50]!r}: gold {match.gold.pledge}, predicted {match.predicted_pledger!r}"
        for match in report.matches
        if match.gold.pledge and not match.pledge_correct
    ]
    assert report.total("pledge_correct") >= MIN_PLEDGES_WITH_RIGHT_PLEDGER, wrong


def test_seed_pledge_conditions_found(report: SeedReport) -> None:
    assert report.pledge_counts()["gold_conditions"] == 3
    assert report.total("condition_found") == 3


@pytest.mark.parametrize("phrase", ["accused", "had warned", "He told the LDRS"])
def test_seed_no_pledge_on_accusation_or_warning(report: SeedReport, text: str, phrase: str) -> None:
    match = match_after(report, text, phrase)
    assert match.gold.pledge is None
    assert not match.false_pledge, match.pledge


def test_seed_do_so_takes_the_action_called_for(report: SeedReport, text: str) -> None:
    match = match_after(report, text, "Ms Reeves confirmed on Tuesday")
    assert match.pledge is not None and match.pledge["action"] is not None
    assert match.pledge["action"].startswith("trigger an extension")


def test_seed_claims_with_figures_are_flagged(report: SeedReport, text: str) -> None:
    match = match_after(report, text, "the jobs they bring in Newton Aycliffe.")
    assert match.predicted is not None
    figures = [text[start:end] for start, end in match.predicted.figure_spans]
    assert "750 jobs" in figures and "1,300" in figures
