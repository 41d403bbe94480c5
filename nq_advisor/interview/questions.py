"""Questions are data: each is built from a fact field of knowledge/fields.yaml.

The field's ``question`` (or its title), ``help``, type, allowed values with
their ``value_titles`` (or the titles of the items a ref field names) and
``min``/``max`` make the question; nothing about a field is written in Python.
"""
from __future__ import annotations

from dataclasses import dataclass

from nq_advisor.inference.facts import allowed_text
from nq_advisor.i18n import pick
from nq_advisor.load.model import FieldDef, KnowledgeBase
from nq_advisor.interview.texts import text


@dataclass(frozen=True)
class Choice:
    """One allowed answer: the value stored in the facts and its label for people."""

    value: object
    label: str


@dataclass(frozen=True)
class Question:
    """What to ask next. ``id`` is the fact field name (pass it to ``session.answer``)."""

    id: str
    subject: str
    type: str                      # int | bool | enum | ref | list | string
    text: str
    title: str
    help: str
    allowed: str
    choices: tuple[Choice, ...] = ()
    minimum: int | None = None
    maximum: int | None = None
    decides: tuple[str, ...] = ()  # refs (items) whose advice this answer can still change
    decides_titles: tuple[str, ...] = ()
    lang: str = "de"

    @property
    def is_list(self) -> bool:
        return self.type == "list"

    def label_of(self, value) -> str:
        """A known value as people read it (choices by label, lists joined)."""
        if isinstance(value, (list, tuple)):
            return ", ".join(self.label_of(v) for v in value) or text("choice.none_of_these", self.lang)
        for choice in self.choices:
            if choice.value == value:
                return choice.label
        return str(value)


def choices_for(field: FieldDef, kb: KnowledgeBase, lang: str) -> tuple[Choice, ...]:
    """Numbered choices of a field: yes/no, enum values, or the items a ref field names."""
    if field.type == "bool":
        return (Choice(True, text("yes", lang)), Choice(False, text("no", lang)))
    if field.type not in ("enum", "ref", "list"):
        return ()
    titles = field.value_titles or {}
    out = []
    for value in field.values:
        if value in titles:
            label = pick(titles[value], lang)
        elif field.ref_kind and value in kb.items:
            label = kb.items[value].title(lang)
        else:
            label = str(value)
        out.append(Choice(value, label))
    return tuple(out)


def build_question(field: FieldDef, kb: KnowledgeBase, lang: str, decides: tuple[str, ...] = ()) -> Question:
    """The question for ``field`` in ``lang``; falls back to the field's title when it has no question text."""
    title = pick(field.title, lang)
    wording = pick(field.question, lang) if field.question else f"{title}?"
    return Question(
        id=field.id, subject=field.subject, type=field.type, text=wording, title=title,
        help=pick(field.help, lang) if field.help else "", allowed=allowed_text(field, lang),
        choices=choices_for(field, kb, lang), minimum=field.minimum, maximum=field.maximum, decides=decides,
        decides_titles=tuple(kb.items[ref].title(lang) if ref in kb.items else ref for ref in decides), lang=lang)
