"""The state of one interview: known facts, skipped fields, the answer history, and its session file.

Every change (answer, skip, back) is written to the session file at once when
the session has one, so that a session interrupted in any way resumes exactly
where it stopped: the next question is a function of the state alone.

Answers can be revised in any order: answering an answered field replaces it and
keeps every other answer. An answer that no longer matters after a revision (the
employer's size once the person is no longer employed) is kept, so that it is
there again if the revision is undone, but it is not used: the facts the advice
is built from are those the interview would have asked for, given the other
answers (:func:`nq_advisor.interview.selection.facts_in_use`). Facts given when
the session was created are always used, as ``advise`` would use them.
"""
from __future__ import annotations

import datetime
import os
from pathlib import Path

from nq_advisor.advice.result import Advice
from nq_advisor.advice.assemble import STALE_AFTER_MONTHS
from nq_advisor.errors import InputError, UsageError, did_you_mean, short_list, os_reason
from nq_advisor.inference.facts import document_value, facts_document, parse_facts
from nq_advisor.i18n import DEFAULT_LANGUAGE, LANGUAGES, t
from nq_advisor.interview.questions import Question, build_question
from nq_advisor.interview.texts import text
from nq_advisor.interview.selection import OpenDecision, ReplayMemo, choose_field, decided_by, facts_in_use
from nq_advisor.private_files import dump_yaml, write_private

FORMAT_KEY = "nq_advisor_interview"
FORMAT_VERSION = 1
ACTIONS = ("answer", "skip")


class InterviewSession:
    """Asks only what can still change the advice; see :meth:`next_question`."""

    def __init__(self, advisor, subject: str, facts: dict | None = None, as_of: datetime.date | None = None,
                 lang: str = "de", path: str | os.PathLike | None = None):
        if lang not in LANGUAGES:
            raise UsageError(text("error.unknown_language", DEFAULT_LANGUAGE, value=str(lang)[:40],
                                  allowed=", ".join(LANGUAGES)))
        if subject not in advisor.kb.fields:
            raise UsageError(text("error.unknown_subject", lang, subject=str(subject)[:60],
                                  allowed=", ".join(sorted(advisor.kb.fields))))
        self.advisor = advisor
        self.subject = subject
        self.as_of = as_of or datetime.date.today()
        self.lang = lang
        self._facts: dict = {}  # every answer given, also those no longer in use
        if facts:
            raw = facts.get(subject) if set(facts) == {subject} and isinstance(facts.get(subject), dict) else facts
            self._facts = parse_facts({subject: raw}, advisor.kb, lang)[1]
        self.given: list[str] = list(self._facts)  # facts given at creation: always in use
        self._in_use: tuple | None = None  # (state key, facts in use, open decisions), recomputed on change
        self._replay = ReplayMemo()  # what earlier replays of this session worked out
        self.skipped: list[str] = []
        self.history: list[dict] = []
        self.path = Path(path) if path is not None else None
        self.stale_after_months = STALE_AFTER_MONTHS  # source-age warnings; an option, not session state

    # --- state ---------------------------------------------------------------
    @property
    def fields(self) -> dict:
        return self.advisor.kb.fields[self.subject]

    @property
    def facts(self) -> dict:
        """The facts in use (a copy), as ``advise`` takes them under the subject key: the advice's facts."""
        return facts_document(self._used()[0])

    @property
    def answers(self) -> dict:
        """Every answered field (a copy, facts given at creation included), also answers no longer in use."""
        return facts_document(self._facts)

    def unused(self) -> list[str]:
        """Answered fields that no longer matter after a revision: kept, but not used for the advice."""
        used = self._used()[0]
        return [name for name in self._facts if name not in used]

    def open_decisions(self) -> list[OpenDecision]:
        """The rules whose outcome can still change the advice, with the unknown facts deciding them
        (a copy: the session keeps its own list between answers)."""
        return list(self._used()[1])

    def _used(self) -> tuple[dict, list[OpenDecision]]:
        key = (tuple(sorted(self._facts.items(), key=lambda pair: pair[0])), tuple(self.skipped),
               tuple(self.given), self.as_of)
        if self._in_use is None or self._in_use[0] != key:
            used, decisions = facts_in_use(self.advisor.kb, self.subject, self._facts, self.given, self.as_of,
                                           self.skipped, list(self.fields), self._replay)
            self._in_use = (key, used, decisions)
        return self._in_use[1], self._in_use[2]

    def next_question(self) -> Question | None:
        """The next field worth asking, or None when no unknown, unskipped field can change the advice.

        An answered field is never asked again, also when its answer is not in use now.
        """
        decisions = self.open_decisions()
        name = choose_field(decisions, set(self.skipped) | set(self._facts), list(self.fields))
        if name is None:
            return None
        return self.question(name, decided_by(decisions, name))

    def question(self, name: str, decides: tuple[str, ...] = ()) -> Question:
        """The question for field ``name`` (whether or not it is worth asking now)."""
        return build_question(self._field(name), self.advisor.kb, self.lang, decides)

    def advice(self) -> Advice:
        """The advice on the facts known so far, exactly as ``Advisor.advise`` gives it."""
        return self.advisor.advise_facts(self.subject, dict(self._used()[0]), self.as_of, self.lang,
                                         self.stale_after_months)

    # --- changes -------------------------------------------------------------
    def answer(self, name: str, value) -> None:
        """Record ``value`` for field ``name``; raises InputError (a ValueError) for anything not allowed.

        Answering an answered field revises it; every other answer stays.
        """
        self._field(name)
        _, checked = parse_facts({self.subject: {name: value}}, self.advisor.kb, self.lang)
        entry = {"field": name, "action": "answer", "value": document_value(checked[name]), "before": self._before(name)}
        self._facts[name] = checked[name]
        if name in self.skipped:
            self.skipped.remove(name)
        self._record(entry)

    def skip(self, name: str) -> None:
        """Leave field ``name`` unknown; it is not asked again (until :meth:`back` undoes the skip)."""
        self._field(name)
        entry = {"field": name, "action": "skip", "before": self._before(name)}
        self._facts.pop(name, None)
        if name not in self.skipped:
            self.skipped.append(name)
        self._record(entry)

    def back(self) -> str | None:
        """Undo the last answer or skip; return its field (asked again next), or None when there is none."""
        if not self.history:
            return None
        entry = self.history.pop()
        name, before = entry["field"], entry.get("before") or {}
        self._facts.pop(name, None)
        if name in self.skipped:
            self.skipped.remove(name)
        if "value" in before:
            self._facts[name] = as_fact_value(before["value"])
        elif before.get("skipped"):
            self.skipped.append(name)
        self._autosave()
        return name

    def _before(self, name: str) -> dict:
        if name in self._facts:
            return {"value": document_value(self._facts[name])}
        return {"skipped": True} if name in self.skipped else {}

    def _record(self, entry: dict) -> None:
        self.history.append(entry)
        self._autosave()

    def _field(self, name: str):
        field = self.fields.get(name)
        if field is None:
            raise InputError([t("input.unknown_field", self.lang, subject=self.subject, field=str(name)[:60],
                                hint=did_you_mean(name, self.fields, self.lang),
                                allowed=short_list(sorted(self.fields), self.lang))],
                             text("error.source", self.lang))
        return field

    # --- persistence ----------------------------------------------------------
    def to_document(self) -> dict:
        """The session file's content: everything needed to resume exactly here."""
        return {FORMAT_KEY: FORMAT_VERSION, "subject": self.subject, "as_of": self.as_of.isoformat(),
                "lang": self.lang, "facts": self.answers, "given": list(self.given), "skipped": list(self.skipped),
                "history": [dict(entry) for entry in self.history]}

    def facts_document(self) -> dict:
        """The known facts as an input document for ``nq-advisor advise``."""
        return {self.subject: self.facts}

    def save(self, path: str | os.PathLike | None = None) -> Path:
        """Write the session file (atomically, owner-only); from now on every change is written there."""
        if path is not None:
            self.path = Path(path)
        if self.path is None:
            raise UsageError(text("error.no_session_file", self.lang))
        self._write()
        return self.path

    def _autosave(self) -> None:
        if self.path is not None:
            self._write()

    def _write(self) -> None:
        """Write the session file; a folder that does not exist or cannot be written is a UsageError."""
        try:
            write_private(self.path, dump_yaml(self.to_document()))
        except OSError as exc:
            raise UsageError(text("error.cannot_write", self.lang, path=self.path,
                                  reason=os_reason(exc, self.lang))) from None


def as_fact_value(value):
    return tuple(value) if isinstance(value, list) else value
