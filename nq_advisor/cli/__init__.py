"""The nq-advisor command line: one module per command group, registered on one click group."""
from nq_advisor.cli.main import main

__all__ = ["main"]
