"""The ``onrecord`` command line; each module registers its commands on ``app``.

Help text and errors are in ``common``; ``batch`` is the read-and-extract loop that the
commands over many articles share.
"""

from onrecord.cli import evaluate, extract  # noqa: F401  (importing registers the commands)
from onrecord.cli import spark  # noqa: F401  (registers "onrecord spark ...")
from onrecord.cli import record  # noqa: F401  (the record's commands: ingest, search, ...)
from onrecord.cli import serve  # noqa: F401  (registers "onrecord serve")
from onrecord.cli.common import app

__all__ = ["app"]
