"""``onrecord serve`` under CliRunner, with uvicorn.run replaced so no server starts."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import uvicorn
from fastapi import FastAPI
from typer.testing import CliRunner

from onrecord import cli


@pytest.fixture
def served(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """What uvicorn.run would have been given."""
    calls: dict[str, Any] = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **options: calls.update(app=app, **options))
    return calls


def test_serve_cli_token_from_the_environment_guards_writes(tmp_path: Path, served: dict[str, Any]) -> None:
    db = tmp_path / "record.db"
    result = CliRunner().invoke(cli.app, ["serve", "--db", str(db), "--port", "8123"],
                                env={"ONRECORD_API_TOKEN": "from-env"})
    assert result.exit_code == 0 and "writes need the API token" in result.output
    assert isinstance(served["app"], FastAPI) and served["port"] == 8123 and served["host"] == "127.0.0.1"
    assert served["app"].state.onrecord.api_token == "from-env" and db.is_file()


def test_serve_cli_without_a_token_is_read_only(tmp_path: Path, served: dict[str, Any]) -> None:
    result = CliRunner().invoke(cli.app, ["serve", "--db", str(tmp_path / "record.db")], env={"ONRECORD_API_TOKEN": ""})
    assert result.exit_code == 0 and "read only" in result.output
    assert served["app"].state.onrecord.api_token is None


@pytest.mark.parametrize("args,message", [
    (["--port", "70000"], "--port 70000"),
    (["--db", "/no/such/folder/record.db"], "does not exist"),
])
def test_serve_cli_bad_options_are_one_line_errors(served: dict[str, Any], args: list[str], message: str) -> None:
    result = CliRunner().invoke(cli.app, ["serve", *args])
    assert result.exit_code == 1 and message in result.output and "Traceback" not in result.output
    assert not served
