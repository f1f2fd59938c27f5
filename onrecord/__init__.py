"""onrecord: find who said what in news articles.

The public Python API::

    import onrecord

    doc = onrecord.extract(text)          # a Document with its Statements
    extractor = onrecord.Extractor()      # load once, then extractor.pipe(pairs)

``Extractor`` and ``extract`` come from ``onrecord.api`` and are imported on first
access: ``onrecord.api`` imports spaCy, which takes most of a second, and the command
line (``onrecord --help``) and ``onrecord.ingest`` should not pay for it. The spaCy
model itself is loaded later still, by the first ``extract`` call
(``onrecord.api.default_extractor``) or by ``Extractor()``.
"""

from __future__ import annotations

import importlib
import logging
from importlib.metadata import PackageNotFoundError, version
from typing import TYPE_CHECKING, Any

from onrecord.types import Document, Speaker, Statement

if TYPE_CHECKING:
    from onrecord.api import Extractor, extract

__all__ = ["Document", "Extractor", "Speaker", "Statement", "__version__", "extract"]

try:
    __version__ = version("onrecord")
except PackageNotFoundError:  # run from a source tree that was never installed
    __version__ = "0.0.0"

# A library leaves logging to the application: without a handler of its own, Python
# would print onrecord's warnings through its last-resort handler.
logging.getLogger(__name__).addHandler(logging.NullHandler())

# Names served lazily from onrecord.api (see the module docstring for why).
_API_NAMES = frozenset({"Extractor", "extract"})


def __getattr__(name: str) -> Any:
    """Import ``Extractor`` and ``extract`` from ``onrecord.api`` on first access."""
    if name in _API_NAMES:
        value = getattr(importlib.import_module("onrecord.api"), name)
        globals()[name] = value  # later lookups skip this function
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    """List the lazy names too, so ``dir(onrecord)`` and completion show them."""
    return sorted(set(globals()) | _API_NAMES)
