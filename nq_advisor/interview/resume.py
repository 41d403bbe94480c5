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
from nq_advisor.interview.texts import text
from nq_advisor.interview.session import FORMAT_KEY, FORMAT_VERSION, InterviewSession, ACTIONS, as_fact_value


def _error(key: str, lang: str, **values) -> str:
    return text(f"error.{key}", lang, **values)


def load_session(advisor, path: str | os.PathLike, lang: str = "de") -> InterviewSession:
    """The session stored in ``path``; later changes are written back there. ``lang``: of the messages
    when the file cannot be read (then the session's own language is not known yet)."""
    document, name = read_document(str(path), lang)
    return session_from_document(advisor, document, name, path, lang)


def session_from_document(advisor, document, source: str, path=None, lang: str = "de") -> InterviewSession:
    if not isinstance(document, dict) or document.get(FORMAT_KEY) != FORMAT_VERSION:
        raise InputError([_error("not_session", lang, name=FORMAT_KEY, version=FORMAT_VERSION)], source)
    problems: list[str] = []
    subject = document.get("subject")
    if not isinstance(subject, str) or subject not in advisor.kb.fields:
        raise InputError([_error("not_allowed", lang, name="subject", value=subject,
                                 allowed=", ".join(sorted(advisor.kb.fields)))], source)
    messages_lang = lang
    lang = document.get("lang", "de")
    if not isinstance(lang, str) or lang not in LANGUAGES:
        problems.append(_error("not_allowed", messages_lang, name="lang", value=lang, allowed=", ".join(LANGUAGES)))
        lang = "de"
    as_of = _date(document.get("as_of"), problems, messages_lang)
    facts = document.get("facts") or {}
    if not isinstance(facts, dict):
        problems.append(_error("facts", messages_lang, subject=subject))
        facts = {}
    try:
        facts = parse_facts({subject: facts}, advisor.kb, messages_lang, source)[1]
    except InputError as exc:
        problems += [f"facts: {m}" for m in exc.messages]
        facts = {}
    fields = advisor.kb.fields[subject]
    skipped = document.get("skipped") or []
    if not isinstance(skipped, list) or any(not isinstance(s, str) or s not in fields for s in skipped):
        problems.append(_error("skipped", messages_lang, subject=subject))
        skipped = []
    history = document.get("history") or []
    if not isinstance(history, list):
        problems.append(_error("history", messages_lang))
        history = []
    for index, entry in enumerate(history):
        problems += [f"history[{index}]: {m}" for m in _entry_problems(entry, fields, messages_lang)]
    given = document.get("given")
    if given is None:  # files written before answers could be revised: facts no answer gave were given
        answered = {entry.get("field") for entry in history
                    if isinstance(entry, dict) and isinstance(entry.get("field"), str)}
        given = [name for name in facts if name not in answered]
    elif not isinstance(given, list) or any(not isinstance(g, str) or g not in fields for g in given):
        problems.append(_error("given", messages_lang, subject=subject))
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


def _date(value, problems: list[str], lang: str) -> datetime.date | None:
    if value is None:
        return None
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        return value
    try:
        if not isinstance(value, str):
            raise ValueError(value)
        return datetime.date.fromisoformat(value)
    except ValueError:
        problems.append(_error("not_date", lang, value=value))
        return None


def _entry_problems(entry, fields, lang: str) -> list[str]:
    if (not isinstance(entry, dict) or not isinstance(entry.get("field"), str) or entry.get("field") not in fields
            or not isinstance(entry.get("action"), str) or entry.get("action") not in ACTIONS):
        return [_error("entry", lang, actions=" | ".join(ACTIONS))]
    field = fields[entry["field"]]
    if entry["action"] == "answer" and "value" not in entry:
        return [_error("needs_value", lang)]
    out = []
    values = [entry["value"]] if entry["action"] == "answer" else []
    before = entry.get("before") or {}
    if not isinstance(before, dict):
        return [_error("before", lang)]
    if "value" in before:
        values.append(before["value"])
    for value in values:
        if not check_value(field, as_fact_value(value))[0]:
            out.append(_error("bad_value", lang, field=field.id, value=repr(value)[:80]))
    return out


def require_new_or_resume(path, lang: str = "de") -> bool:
    """True when ``path`` holds a session to resume, False when it is to be created; errors for a folder."""
    target = Path(path)
    if target.is_dir():
        raise UsageError(_error("is_folder", lang, path=path))
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise UsageError(_error("no_folder", lang, path=path, folder=folder))
    return target.exists()
