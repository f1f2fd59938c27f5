"""Ingest: turn files, folders, JSON Lines and stdin into texts to analyse."""

from onrecord.ingest.readers import InputItem, InputProblem, SourceText, find_input_files, read_input, read_inputs

__all__ = ["InputItem", "InputProblem", "SourceText", "find_input_files", "read_input", "read_inputs"]
