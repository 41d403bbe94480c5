"""Errors of the web layer: each becomes a clear HTTP answer, never a 500 or a traceback.

``FieldErrors`` is an ``InputError`` (so callers that catch the advisor's input errors
catch it too) that knows which field each message is about: the API answers it as
``400 {"errors": [{"field": ..., "message": ...}]}`` (CONTRACT.md §5).
"""
from __future__ import annotations

from nq_advisor.errors import InputError, NqAdvisorError


class FieldErrors(InputError):
    """One or more problems, each with the field it concerns (None: the whole body)."""

    def __init__(self, errors: list[tuple[str | None, str]]):
        self.errors = list(errors)
        super().__init__([message for _, message in self.errors], "request")

    def to_dict(self) -> dict:
        return {"errors": [{"field": name, "message": message} for name, message in self.errors]}


class NotFound(NqAdvisorError):
    """An interview, knowledge item or path that does not exist (404).

    ``key`` (a message of ``web/texts.py``) lets the API word it in the request's language.
    """

    exit_code = 2

    def __init__(self, message: str, key: str | None = None):
        super().__init__(message)
        self.key = key
