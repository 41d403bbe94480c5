"""Between HTML forms and fact values: the widgets of a question, and a posted answer read back.

Every value a form sends is a string; it is turned into the field's type here and then
checked by the interview core like any other input, so nothing unchecked is stored.
"""
from __future__ import annotations

from dataclasses import dataclass

from nq_advisor.interview.questions import Question
from nq_advisor.interview.texts import text
from nq_advisor.web.pages.texts import page_text


@dataclass(frozen=True)
class ChoiceView:
    key: str
    label: str
    checked: bool


class FormError(ValueError):
    """The posted answer cannot be read; the message is in the page's language."""


def choice_key(value) -> str:
    """The string a form sends for a fact value (booleans as true/false)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def choice_views(question: Question, current) -> list[ChoiceView]:
    """The choices of ``question`` with the current value (or values, for a list) ticked."""
    if isinstance(current, (list, tuple)):
        chosen = {choice_key(v) for v in current}
    else:
        chosen = {choice_key(current)} if current is not None else set()
    return [ChoiceView(choice_key(c.value), c.label, choice_key(c.value) in chosen) for c in question.choices]


def raw_value(current) -> str:
    """The text shown in a free input for the current value."""
    return "" if current is None or isinstance(current, (list, tuple, bool)) else str(current)


def read_answer(question: Question, form) -> object:
    """The fact value of a posted answer form; raises FormError naming what is allowed."""
    lang = question.lang
    if question.type == "list":
        keys = form.getlist("value")
        by_key = {choice_key(c.value): c.value for c in question.choices}
        unknown = [k for k in keys if k not in by_key]
        if unknown:
            raise FormError(text("reason.no_choice", lang, hint="", count=len(question.choices)))
        return [by_key[k] for k in dict.fromkeys(keys)]
    raw = (form.get("value") or "").strip()
    if not raw:
        raise FormError(page_text("form.empty", lang))
    if question.type == "int":
        cleaned = raw.replace(" ", "").lstrip("+")
        if not (cleaned.isdigit() or (cleaned.startswith("-") and cleaned[1:].isdigit())):
            raise FormError(text("reason.not_a_number", lang, allowed=question.allowed))
        return int(cleaned)
    if question.choices:
        for choice in question.choices:
            if choice_key(choice.value) == raw:
                return choice.value
        raise FormError(text("reason.no_choice", lang, hint="", count=len(question.choices)))
    return raw
