"""Read a session file back into an InterviewSession, rejecting anything that does not fit.

A session file may have been edited by hand or belong to another knowledge
base: every problem is reported with the file, the key and what is allowed,
never as a traceback.
"""
from __future__ import annotations

import datetime
import os
from pathlib import Path

from nq_advisor.errors import InputError, UsageError
from nq_advisor.inference.facts import check_value, parse_facts
from nq_advisor.i18n import LANGUAGES
from nq_advisor.load.inputs import read_document
from nq_advisor.interview.session import FORMAT_KEY, FORMAT_VERSION, InterviewSession, ACTIONS, as_fact_value


def load_session(advisor, path: str | os.PathLike) -> InterviewSession:
    """The session stored in ``path``; later changes are written back there."""
    document, name = read_document(str(path))
    return session_from_document(advisor, document, name, path)


def session_from_document(advisor, document, source: str, path=None) -> InterviewSession:
    if not isinstance(document, dict) or document.get(FORMAT_KEY) != FORMAT_VERSION:
        raise InputError([f"not an interview session file (expected '{FORMAT_KEY}: {FORMAT_VERSION}')"], source)
    problems: list[str] = []
    subject = document.get("subject")
    if subject not in advisor.kb.fields:
        raise InputError([f"subject: '{subject}' not allowed; allowed: {', '.join(sorted(advisor.kb.fields))}"], source)
    lang = document.get("lang", "de")
    if lang not in LANGUAGES:
        problems.append(f"lang: '{lang}' not allowed; allowed: {', '.join(LANGUAGES)}")
        lang = "de"
    as_of = _date(document.get("as_of"), problems)
    facts = document.get("facts") or {}
    try:
        facts = parse_facts({subject: facts}, advisor.kb, lang, source)[1]
    except InputError as exc:
        problems += [f"facts: {m}" for m in exc.messages]
        facts = {}
    fields = advisor.kb.fields[subject]
    skipped = document.get("skipped") or []
    if not isinstance(skipped, list) or any(s not in fields for s in skipped):
        problems.append(f"skipped: must be a list of {subject} fields")
        skipped = []
    history = document.get("history") or []
    if not isinstance(history, list):
        problems.append("history: must be a list")
        history = []
    for index, entry in enumerate(history):
        problems += [f"history[{index}]: {m}" for m in _entry_problems(entry, fields)]
    given = document.get("given")
    if given is None:  # files written before answers could be revised: facts no answer gave were given
        answered = {entry.get("field") for entry in history if isinstance(entry, dict)}
        given = [name for name in facts if name not in answered]
    elif not isinstance(given, list) or any(g not in fields for g in given):
        problems.append(f"given: must be a list of {subject} fields")
        given = []
    if problems:
        raise InputError(problems, source)
    session = InterviewSession(advisor, subject, as_of=as_of, lang=lang)
    session._facts = facts
    session.given = [name for name in given if name in facts]
    session.skipped = list(skipped)
    session.history = [dict(entry) for entry in history]
    session.path = Path(path) if path is not None else None
    return session


def _date(value, problems: list[str]) -> datetime.date | None:
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError:
        problems.append(f"as_of: '{value}' is not a date (YYYY-MM-DD)")
        return None


def _entry_problems(entry, fields) -> list[str]:
    if not isinstance(entry, dict) or entry.get("field") not in fields or entry.get("action") not in ACTIONS:
        return [f"expected {{field: <known field>, action: {' | '.join(ACTIONS)}, ...}}"]
    field = fields[entry["field"]]
    if entry["action"] == "answer" and "value" not in entry:
        return ["an answer needs a 'value'"]
    out = []
    values = [entry["value"]] if entry["action"] == "answer" else []
    before = entry.get("before") or {}
    if not isinstance(before, dict):
        return ["before: must be a mapping"]
    if "value" in before:
        values.append(before["value"])
    for value in values:
        if not check_value(field, as_fact_value(value))[0]:
            out.append(f"{field.id}: value {value!r} not allowed")
    return out


def require_new_or_resume(path) -> bool:
    """True when ``path`` holds a session to resume, False when it is to be created; errors for a folder."""
    target = Path(path)
    if target.is_dir():
        raise UsageError(f"{path}: is a folder, not a session file")
    return target.exists()
