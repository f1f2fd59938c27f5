"""Reading PolNeAR brat standoff into gold attributions, on hand-written annotations."""

from __future__ import annotations

from pathlib import Path

import pytest

from onrecord.errors import InputError
from onrecord.evaluation.polnear import GoldAttribution, parse_brat, read_split

# Tabs separate brat fields; the third field (the span text) is not parsed.
ANN = "\n".join(
    [
        "T1\tSource 0 5\tSmith",
        "T2\tCue 6 10\tsaid",
        "T3\tContent 10 20;25 40\tfirst part second part",
        "T4\tAttribution 6 10\tsaid",
        "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1",
        "T5\tCue 50 62\twas accused",
        "T6\tContent 63 80\tof lying",
        "T7\tAttribution-no-source 50 62\twas accused",
        "E2\tAttribution-no-source:T7 Cue:T5 Content:T6",
        "T8\tDiscuss 90 95\tnoise",
        "#1\tAnnotatorNotes T1\ta note",
    ]
)


def test_polnear_parse_brat_reads_fragmented_spans_and_no_source_events() -> None:
    assert parse_brat(ANN) == (
        GoldAttribution(source=((0, 5),), cue=((6, 10),), content=((10, 20), (25, 40))),
        GoldAttribution(source=(), cue=((50, 62),), content=((63, 80),)),
    )


def test_polnear_parse_brat_skips_events_without_cue_or_content() -> None:
    ann = "T1\tSource 0 5\tSmith\nT2\tCue 6 10\tsaid\nE1\tAttribution:T2 Cue:T2 Source:T1"
    assert parse_brat(ann) == ()


def test_polnear_parse_brat_roles_can_come_in_any_order() -> None:
    ann = "T1\tContent 12 20\tit\nT2\tCue 6 10\tsaid\nE1\tContent:T1 Cue:T2 Attribution:T2"
    assert parse_brat(ann) == (GoldAttribution(source=(), cue=((6, 10),), content=((12, 20),)),)


def test_polnear_parse_brat_joins_content2_to_content() -> None:
    ann = "\n".join(
        [
            "T1\tContent 0 10\tfirst",
            "T2\tCue 11 15\tsaid",
            "T3\tContent 16 30\tsecond",
            "E1\tAttribution:T2 Cue:T2 Content:T1 Content2:T3",
        ]
    )
    (attribution,) = parse_brat(ann)
    assert attribution.content == ((0, 10), (16, 30))


def test_polnear_read_split_uses_first_annotator_and_needs_the_folders(tmp_path: Path) -> None:
    (tmp_path / "dev" / "text").mkdir(parents=True)
    (tmp_path / "dev" / "attributions").mkdir()
    (tmp_path / "dev" / "text" / "a.txt").write_text("Smith said it.", encoding="utf-8")
    (tmp_path / "dev" / "attributions" / "a_x.ann").write_text(
        "T1\tCue 6 10\tsaid\nT2\tContent 11 13\tit\nE1\tAttribution:T1 Cue:T1 Content:T2",
        encoding="utf-8",
    )
    (tmp_path / "dev" / "attributions" / "a_y.ann").write_text("", encoding="utf-8")
    (article,) = read_split(tmp_path, "dev")
    assert article.name == "a" and article.text == "Smith said it."
    assert len(article.attributions) == 1
    with pytest.raises(InputError):
        list(read_split(tmp_path, "train"))
