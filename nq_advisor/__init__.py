"""nq-advisor: rule-based advice on Nachqualifizierung for persons and regional networks.

The public names are imported on first use (PEP 562), so that a command that needs little
(``nq-advisor --help``) does not import the whole advice stack.
"""
from __future__ import annotations

import importlib

__all__ = ["Advisor", "Advice", "Recommendation", "NotRecommended", "Undecided",
           "NqAdvisorError", "InputError", "KnowledgeBaseError", "UsageError"]
__version__ = "0.1.0"

_HOMES = {"Advisor": "nq_advisor.advisor", "Advice": "nq_advisor.advice.result",
          "Recommendation": "nq_advisor.advice.result", "NotRecommended": "nq_advisor.advice.result",
          "Undecided": "nq_advisor.advice.result", "NqAdvisorError": "nq_advisor.errors",
          "InputError": "nq_advisor.errors", "KnowledgeBaseError": "nq_advisor.errors",
          "UsageError": "nq_advisor.errors"}


def __getattr__(name: str):
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'nq_advisor' has no attribute {name!r}")
    value = getattr(importlib.import_module(home), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(list(globals()) + __all__)
