"""``onrecord serve``: the web pages and the JSON API over a record, with uvicorn."""

from __future__ import annotations

from typing import Annotated

import typer

from onrecord.cli.common import STDERR, app, make_extractor, reports_errors
from onrecord.cli.record import DbOption
from onrecord.errors import ConfigError

TOKEN_HELP = "The API token every write (POST) must send as 'Authorization: Bearer TOKEN'; none: writes are refused."


@app.command()
@reports_errors
def serve(
    db: DbOption = "onrecord.db",
    host: Annotated[str, typer.Option(help="The address to listen on (0.0.0.0: every interface).")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="The port to listen on.")] = 8000,
    token: Annotated[str | None, typer.Option(envvar="ONRECORD_API_TOKEN", help=TOKEN_HELP,
                                              show_default=False)] = None,
) -> None:
    """Serve the record: search, articles, people and pledges as web pages, and a JSON API.

    Examples:

      onrecord serve

      ONRECORD_API_TOKEN=s3cret onrecord serve --db postgresql://localhost/onrecord --port 8080

    The API is described at /docs (OpenAPI at /openapi.json). Reading is open to anyone
    who reaches the server; writes need the token.
    """
    import uvicorn

    from onrecord.serve import create_app

    if not 1 <= port <= 65535:
        raise ConfigError(f"--port {port}: use a port from 1 to 65535")
    web = create_app(db, token, extractor_factory=make_extractor)
    writes = "writes need the API token" if token else "read only (no --token / ONRECORD_API_TOKEN)"
    STDERR.print(f"serving {db} on http://{host}:{port} ({writes}); API docs at /docs")
    uvicorn.run(web, host=host, port=port, log_level="warning")
