"""Read an answer typed at the prompt into a typed fact value, or say clearly why not.

The last gate is :func:`nq_advisor.inference.facts.check_value`, the same check every
input file passes, so nothing invalid reaches the engine.
"""
from __future__ import annotations

import re

from nq_advisor.errors import did_you_mean
from nq_advisor.inference.facts import ValueRejected, check_value, document_value, read_value
from nq_advisor.load.model import FieldDef
from nq_advisor.interview.questions import Choice, Question
from nq_advisor.interview.texts import text

_YES = {"ja", "j", "yes", "y", "true", "wahr"}
_NO = {"nein", "n", "no", "false", "falsch"}
_EMPTY_LIST = {"0", "-"}
_INTEGER = re.compile(r"-?[0-9]+")


class AnswerError(ValueError):
    """The typed answer is not allowed; ``str(error)`` says why, in the session's language."""


def parse_answer(question: Question, field: FieldDef, raw: str):
    """The fact value for ``raw``; raises AnswerError with a message naming what is allowed."""
    answer = raw.strip()
    lang = question.lang
    if question.type == "int":
        value = _parse_int(answer, question, field)
    elif question.type == "bool":
        value = _parse_bool(answer, lang)
    elif question.type in ("enum", "ref"):
        value = _choice_or_spelling(answer, question, field)
    elif question.type == "list":
        value = _parse_list(answer, question.choices, lang)
    else:
        if not answer:
            raise AnswerError(text("reason.empty_text", lang))
        value = answer
    ok, normalised = check_value(field, value)
    if not ok:
        raise AnswerError(text("reason.out_of_range", lang, allowed=question.allowed))
    return document_value(normalised)


def _parse_int(answer: str, question: Question, field: FieldDef) -> int:
    """As facts.read_value reads typed numbers (32000, 32.000, 32 000), bounded before conversion."""
    try:
        return read_value(field, answer, question.lang, typed=True)
    except ValueRejected:
        cleaned = answer.replace(" ", "").replace(".", "").lstrip("+-")
        if cleaned.isascii() and cleaned.isdigit():
            raise AnswerError(text("reason.out_of_range", question.lang, allowed=question.allowed)) from None
        raise AnswerError(text("reason.not_a_number", question.lang, allowed=question.allowed)) from None


def _choice_or_spelling(answer: str, question: Question, field: FieldDef):
    """A choice by number, value or label (_pick_choice), else a spelling facts.read_value knows (NRW)."""
    try:
        return _pick_choice(answer, question.choices, question.lang).value
    except AnswerError as not_a_choice:
        try:
            return read_value(field, answer, question.lang, typed=True)
        except ValueRejected:
            raise not_a_choice from None


def _parse_bool(answer: str, lang: str) -> bool:
    word = answer.lower()
    if word in _YES or word == "1":
        return True
    if word in _NO or word == "2":
        return False
    raise AnswerError(text("reason.bool", lang))


def _pick_choice(answer: str, choices: tuple[Choice, ...], lang: str) -> Choice:
    """By number, by exact value or label (any case), or by a part of the value or label that fits one choice."""
    word = answer.casefold()
    if _INTEGER.fullmatch(answer) and len(answer) <= 6 and 1 <= int(answer) <= len(choices):
        return choices[int(answer) - 1]
    for choice in choices:
        if word in (str(choice.value).casefold(), choice.label.casefold()):
            return choice
    partial = [c for c in choices if word and (word in str(c.value).casefold() or word in c.label.casefold())]
    if len(partial) == 1:
        return partial[0]
    if len(partial) > 1:
        matches = ", ".join(f"{choices.index(c) + 1}) {c.label}" for c in partial[:8])
        raise AnswerError(text("reason.ambiguous", lang, matches=matches + (" …" if len(partial) > 8 else "")))
    hint = did_you_mean(answer, [str(c.value) for c in choices], lang)
    raise AnswerError(text("reason.no_choice", lang, hint=hint, count=len(choices)))


def _parse_list(answer: str, choices: tuple[Choice, ...], lang: str) -> list:
    if answer in _EMPTY_LIST:
        return []
    parts = answer.split(",") if "," in answer else answer.split()
    values: list = []
    for part in (p.strip() for p in parts):
        if part:
            value = _pick_choice(part, choices, lang).value
            if value not in values:
                values.append(value)
    return values
