"""``onrecord eval`` (score against annotated data) and ``onrecord train``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from onrecord.cli import common
from onrecord.cli.common import app, reports_errors, require_folder
from onrecord.errors import ConfigError
from onrecord.output import ReportFormat, print_report

DEFAULT_POLNEAR_DIR = Path("../shared/data/polnear")
DEFAULT_SEED_DIR = Path("../shared/data/seed")
DEFAULT_MODEL_DIR = Path("onrecord/resources/attribution")

eval_app = typer.Typer(
    help=(
        "Score the extractor against annotated data.\n\n"
        "Examples:\n\n"
        "  onrecord eval polnear --split dev --data ../shared/data/polnear\n\n"
        "  onrecord eval seed --data ../shared/data/seed"
    ),
    no_args_is_help=True,
    rich_markup_mode="rich",
)
app.add_typer(eval_app, name="eval")


@eval_app.command("polnear")
@reports_errors
def eval_polnear(
    split: Annotated[str, typer.Option(help="Split to score: dev or train.")] = "dev",
    data: Annotated[Path, typer.Option(help="The PolNeAR folder (holding train/ and dev/).")] = DEFAULT_POLNEAR_DIR,
    limit: Annotated[
        int | None, typer.Option(help="Score only the first N articles (quick checks).", show_default=False)
    ] = None,
    report_format: Annotated[ReportFormat, typer.Option("--format", "-f", help="table or json.")] = ReportFormat.table,
) -> None:
    """Score source, cue and content spans on a PolNeAR split (exact and overlap P/R/F1).

    Example:

      onrecord eval polnear --split dev --data ../shared/data/polnear --limit 20
    """
    from onrecord.evaluation.polnear_eval import evaluate_polnear

    require_folder(data, "the PolNeAR folder (holding train/ and dev/)")
    print_report(evaluate_polnear(common.make_extractor(), data, split, limit=limit), report_format)


@eval_app.command("seed")
@reports_errors
def eval_seed(
    data: Annotated[Path, typer.Option(help="The seed folder (article .txt and gold.jsonl).")] = DEFAULT_SEED_DIR,
    report_format: Annotated[ReportFormat, typer.Option("--format", "-f", help="table or json.")] = ReportFormat.table,
) -> None:
    """Compare the statements found in the seed article with its gold statements.

    Example:

      onrecord eval seed --data ../shared/data/seed
    """
    from onrecord.evaluation.seed_eval import evaluate_seed

    require_folder(data, "the seed folder (holding the article and gold.jsonl)")
    print_report(evaluate_seed(common.make_extractor(), data), report_format)


@eval_app.command("pledges")
@reports_errors
def eval_pledges(
    data: Annotated[Path, typer.Option(help="The PolNeAR folder (holding dev/text/).")] = DEFAULT_POLNEAR_DIR,
    split: Annotated[str, typer.Option(help="Split whose hand-judged pledges to score.")] = "dev",
    judgments: Annotated[
        Path | None, typer.Option(help="Judgments file (default: the shipped one for the split).", show_default=False)
    ] = None,
    report_format: Annotated[ReportFormat, typer.Option("--format", "-f", help="table or json.")] = ReportFormat.table,
) -> None:
    """Score pledge detection (P/R/F1), pledgers and conditions on hand-judged PolNeAR statements.

    Example:

      onrecord eval pledges --data ../shared/data/polnear --format json
    """
    from onrecord.evaluation.pledge_eval import evaluate_pledges

    require_folder(data, "the PolNeAR folder (holding dev/text/)")
    print_report(evaluate_pledges(common.make_extractor(), data, split, judgments_path=judgments), report_format)


@app.command()
@reports_errors
def train(
    data: Annotated[Path, typer.Option(help="The PolNeAR folder; its train/ split is used.")] = DEFAULT_POLNEAR_DIR,
    output: Annotated[Path, typer.Option(help="Folder for the model weights and config.json.")] = DEFAULT_MODEL_DIR,
    n_process: Annotated[int, typer.Option(help="spaCy processes for parsing the training texts.")] = 1,
) -> None:
    """Train the attribution model on PolNeAR train (needs the dev extra: scikit-learn).

    Example:

      onrecord train --data ../shared/data/polnear --output onrecord/resources/attribution
    """
    require_folder(data, "the PolNeAR folder (holding train/)")
    try:
        from onrecord.training.train import train_model

        train_model(data, output, n_process=n_process)
    except ModuleNotFoundError as exc:
        if exc.name != "sklearn":
            raise
        raise ConfigError("training needs scikit-learn; run pip install -e '.[dev]'") from exc
    common.STDERR.print(f"model written to {output}", soft_wrap=True)
