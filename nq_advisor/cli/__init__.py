"""The nq-advisor command line: one module per command group, registered on one click group.

``main`` (the click group) is imported on first use (PEP 562), so that the console script's
entry point (:func:`nq_advisor.cli.entry.run`) is running before the commands are imported.
"""
from __future__ import annotations

import importlib

__all__ = ["main"]


def __getattr__(name: str):
    if name != "main":
        raise AttributeError(f"module 'nq_advisor.cli' has no attribute {name!r}")
    value = importlib.import_module("nq_advisor.cli.main").main
    globals()[name] = value
    return value
