"""The interview service both blueprints call: create, read, answer or revise, skip, advise, hand out, delete.

Every request rebuilds an :class:`~nq_advisor.interview.InterviewSession` from the stored
answers, so the state is a function of the store alone: a restarted (or killed) server,
or another worker process, answers exactly as the one that took the answer. An answer
is validated by the session before it is stored, so a rejected answer changes nothing.
"""
from __future__ import annotations

import datetime

from nq_advisor.advice.result import Advice
from nq_advisor.errors import InputError
from nq_advisor.i18n import LANGUAGES
from nq_advisor.inference.facts import document_value, parse_facts
from nq_advisor.interview import InterviewSession, Question
from nq_advisor.output import handout
from nq_advisor.web.errors import FieldErrors, NotFound
from nq_advisor.web.store import SessionNotFound, SessionStore, StoredSession
from nq_advisor.web.texts import text

HANDOUT_FORMATS = {"html": "text/html; charset=utf-8", "markdown": "text/markdown; charset=utf-8"}
_QUESTION_TYPES = {"int": "int", "bool": "bool", "enum": "choice", "ref": "choice", "list": "list",
                   "string": "text"}


def parse_date(value, name: str, lang: str) -> datetime.date | None:
    """A ``YYYY-MM-DD`` date, None for None or an empty string; FieldErrors naming ``name`` otherwise."""
    if value is None or value == "":
        return None
    if isinstance(value, str):
        try:
            return datetime.date.fromisoformat(value) if len(value) == 10 else _bad_date(value, name, lang)
        except ValueError:
            pass
    return _bad_date(value, name, lang)


def _bad_date(value, name: str, lang: str):
    raise FieldErrors([(name, text("param.date", lang, value=value))])


def parse_lang(value, name: str = "lang", fallback: str = "de") -> str:
    if value is None or value == "":
        return fallback
    if value not in LANGUAGES:
        raise FieldErrors([(name, text("param.choice", fallback, value=value, allowed=", ".join(LANGUAGES)))])
    return value


def field_errors(advisor, subject: str, raw: dict, lang: str) -> list[tuple[str | None, str]]:
    """Each problem of ``raw`` (a mapping of fields) with the field it concerns."""
    errors = []
    for name, value in raw.items():
        try:
            parse_facts({subject: {name: value}}, advisor.kb, lang)
        except InputError as exc:
            errors += [(str(name), message) for message in exc.messages]
    return errors


def check_facts(advisor, subject: str, raw, lang: str) -> dict:
    """Validated facts (values as documents hold them) or FieldErrors naming every bad field."""
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise FieldErrors([("facts", text("facts.not_object", lang))])
    errors = field_errors(advisor, subject, raw, lang)
    if errors:
        raise FieldErrors(errors)
    return {name: document_value(value) for name, value in parse_facts({subject: raw}, advisor.kb, lang)[1].items()}


def question_json(question: Question | None) -> dict | None:
    """A ``<question>`` of CONTRACT.md §5 (plus title, allowed values, bounds and what it decides)."""
    if question is None:
        return None
    out = {"field": question.id, "text": question.text, "type": _QUESTION_TYPES.get(question.type, "text")}
    if question.choices:
        out["choices"] = [{"value": c.value, "label": c.label} for c in question.choices]
    if question.help:
        out["help"] = question.help
    out["title"] = question.title
    out["allowed"] = question.allowed
    if question.minimum is not None:
        out["minimum"] = question.minimum
    if question.maximum is not None:
        out["maximum"] = question.maximum
    out["decides"] = [{"ref": ref, "title": title} for ref, title in zip(question.decides, question.decides_titles)]
    return out


class InterviewService:
    """Interviews over a :class:`SessionStore`; ids are the store's, answers are validated here."""

    def __init__(self, advisor, store: SessionStore):
        self.advisor = advisor
        self.store = store

    # --- reading --------------------------------------------------------------------------------
    def load(self, session_id: str) -> tuple[StoredSession, InterviewSession, list[str]]:
        """The stored session, the interview rebuilt from it, and warnings about stored answers not used."""
        stored = self.store.get(session_id)
        if stored is None:
            raise NotFound(text("not_found.interview", "de"), "not_found.interview")
        session = InterviewSession(self.advisor, stored.subject, as_of=stored.as_of, lang=stored.lang)
        warnings = []
        facts = {}
        for name, value in stored.answers.items():
            try:
                facts.update(parse_facts({stored.subject: {name: value}}, self.advisor.kb, stored.lang)[1])
            except InputError as exc:  # the knowledge base changed since: keep it stored, do not use it
                warnings.append(text("stored.invalid", stored.lang, field=name, reason="; ".join(exc.messages)))
        session._facts = facts
        session.given = [name for name in stored.given if name in facts]
        session.skipped = [name for name in stored.skipped if name in session.fields]
        return stored, session, warnings

    def state(self, session_id: str) -> dict:
        """``{"id", "subject", "answers", "skipped", "question"}`` (CONTRACT.md §5), plus as_of, lang, unused."""
        stored, session, warnings = self.load(session_id)
        return self._state(stored, session, warnings)

    def _state(self, stored: StoredSession, session: InterviewSession, warnings: list[str]) -> dict:
        out = {"id": stored.id, "subject": stored.subject, "answers": dict(stored.answers),
               "skipped": list(stored.skipped), "question": question_json(session.next_question()),
               "as_of": session.as_of.isoformat(), "lang": session.lang, "unused": session.unused()}
        if warnings:
            out["warnings"] = warnings
        return out

    # --- changes --------------------------------------------------------------------------------
    def create(self, subject, facts=None, as_of=None, lang=None) -> dict:
        """A new interview (facts validated first); its state, as ``state`` gives it."""
        lang = parse_lang(lang)
        if subject not in self.advisor.kb.fields:
            raise FieldErrors([("subject", text("param.choice", lang, value=subject,
                                                allowed=", ".join(sorted(self.advisor.kb.fields))))])
        day = parse_date(as_of, "as_of", lang) if not isinstance(as_of, datetime.date) else as_of
        checked = check_facts(self.advisor, subject, facts, lang)
        session_id = self.store.create(subject, checked, day or datetime.date.today(), lang)
        return self.state(session_id)

    def answer(self, session_id: str, name, value) -> dict:
        """Record or revise one answer; every other answer stays. A rejected answer changes nothing."""
        stored, session, _ = self.load(session_id)
        if not isinstance(name, str):
            raise FieldErrors([(None, text("field.not_string", session.lang))])
        if value is None:
            raise FieldErrors([(name, text("field.null", session.lang))])
        try:
            session.answer(name, value)
        except InputError as exc:
            raise FieldErrors([(name, message) for message in exc.messages]) from None
        self._write(lambda: self.store.set_answer(session_id, name, session.answers[name]))
        return self.state(session_id)

    def skip(self, session_id: str, name) -> dict:
        """Leave a field unknown; it is not asked again."""
        stored, session, _ = self.load(session_id)
        if not isinstance(name, str):
            raise FieldErrors([(None, text("field.not_string", session.lang))])
        try:
            session.skip(name)
        except InputError as exc:
            raise FieldErrors([(name, message) for message in exc.messages]) from None
        self._write(lambda: self.store.set_skip(session_id, name))
        return self.state(session_id)

    def delete(self, session_id: str) -> None:
        if not self.store.delete(session_id):
            raise NotFound(text("not_found.interview", "de"), "not_found.interview")

    def _write(self, change) -> None:
        try:
            change()
        except SessionNotFound:  # deleted or expired between reading and writing
            raise NotFound(text("not_found.interview", "de"), "not_found.interview") from None

    # --- results --------------------------------------------------------------------------------
    def advice(self, session_id: str) -> Advice:
        """The advice on the answers in use, exactly as ``advise`` gives it on those facts."""
        return self.load(session_id)[1].advice()

    def handout(self, session_id: str, fmt: str = "html") -> tuple[str, str]:
        """(text, content type) of the handout in ``html`` or ``markdown``."""
        _, session, _ = self.load(session_id)
        if fmt not in HANDOUT_FORMATS:
            raise FieldErrors([("format", text("param.choice", session.lang, value=fmt,
                                               allowed=", ".join(HANDOUT_FORMATS)))])
        return handout.render(session.advice(), self.advisor.kb, fmt), HANDOUT_FORMATS[fmt]
