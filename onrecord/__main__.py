"""Run the command line as ``python -m onrecord``."""

from onrecord.cli import app

app(prog_name="onrecord")
