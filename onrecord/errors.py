"""The onrecord error tree: every message names the input and the next step."""

from __future__ import annotations


class OnrecordError(Exception):
    """Base class of every error onrecord raises on purpose."""


class InputError(OnrecordError):
    """An input file or record that cannot be read as an article."""


class ModelNotFound(OnrecordError):
    """The trained attribution model is missing or unreadable."""


class ConfigError(OnrecordError):
    """A setting with a wrong value."""


class StoreError(OnrecordError):
    """A record (database) that cannot be opened, or a change to it that is not allowed."""


class OutputError(OnrecordError):
    """An output file that cannot be written where the user asked."""
