"""The nq-advisor command line: one module per command group, registered on one click group."""
from .main import main

__all__ = ["main"]
