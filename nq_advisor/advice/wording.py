"""Conditions in plain words, with the values this case gave them."""
from __future__ import annotations

import datetime

from nq_advisor.load import conditions as c
from nq_advisor.inference.evaluate import UNDEFINED, UNKNOWN, Evaluation, resolve
from nq_advisor.inference.facts import NEVER
from nq_advisor.i18n import pick, t

_ATTRIBUTE_TITLES = {
    "duration_months": {"de": "Ausbildungsdauer in Monaten", "en": "training duration in months"},
    "law": {"de": "Rechtsgrundlage", "en": "legal basis"},
    "chamber": {"de": "zuständige Kammer", "en": "competent chamber"},
    "sector": {"de": "Branche", "en": "sector"},
    "tq_available": {"de": "Teilqualifikationen angeboten", "en": "partial qualifications offered"},
    "in_force": {"de": "am Stichtag in Kraft", "en": "in force on the evaluation date"},
}


def attribute_title(attr: str, lang: str) -> str:
    """An item attribute in words (e.g. duration_months: 'Ausbildungsdauer in Monaten')."""
    return pick(_ATTRIBUTE_TITLES.get(attr), lang) or attr


def format_date(day: datetime.date | None, lang: str) -> str:
    if day is None:
        return ""
    return day.strftime("%d.%m.%Y") if lang == "de" else day.isoformat()


def format_number(value, lang: str) -> str:
    if isinstance(value, float):
        text = f"{value:.2f}".rstrip("0").rstrip(".")
        return text.replace(".", ",") if lang == "de" else text
    return str(value)


def period_text(start, end, lang: str) -> str:
    if start and end:
        return t("period.between", lang, start=format_date(start, lang), end=format_date(end, lang))
    if start:
        return t("period.from", lang, start=format_date(start, lang))
    if end:
        return t("period.until", lang, end=format_date(end, lang))
    return t("period.always", lang)


class Wording:
    """Renders atoms of one evaluated case in one language."""

    def __init__(self, evaluation: Evaluation, lang: str):
        self.ev = evaluation
        self.kb = evaluation.kb
        self.lang = lang
        self.fields = self.kb.fields[evaluation.subject]

    def atom(self, atom) -> str:
        if isinstance(atom, c.InForce):
            key = "cond.in_force" if atom.holds_on(self.ev.as_of) == atom.inside else "cond.not_in_force"
            return t(key, self.lang, as_of=format_date(self.ev.as_of, self.lang),
                     period=period_text(atom.start, atom.end, self.lang))
        if isinstance(atom, c.Derived):
            derivations = self.kb.derivations(self.ev.subject, atom.name)
            title = pick(derivations[0].title, self.lang) if derivations else atom.name
            return t("cond.derived_true" if atom.value else "cond.derived_false", self.lang, title=title)
        return self.comparison(atom)

    def comparison(self, atom: c.Compare) -> str:
        right = resolve(atom.right, self.ev.facts, self.kb, self.ev.as_of)
        if right is UNDEFINED and isinstance(atom.right, c.ParamRef):
            return t("cond.param_undefined", self.lang, param=self.param_title(atom.right.param),
                     as_of=format_date(self.ev.as_of, self.lang))
        field = self._field_of(atom.left)
        left = resolve(atom.left, self.ev.facts, self.kb, self.ev.as_of)
        if isinstance(right, bool) and atom.op in ("eq", "ne"):
            required = right if atom.op == "eq" else not right
            text = t("cond.yes_no", self.lang, left=self.operand_title(atom.left), value=self.value(required))
        else:
            required = right if atom.op == "eq" and isinstance(atom.right, c.Literal) else UNKNOWN
            phrase = t(f"op.{atom.op}", self.lang, right=self.expression(atom.right, right, field))
            text = t("cond.required", self.lang, left=self.operand_title(atom.left), phrase=phrase)
        # "(given: x)" only where it adds something: not after "is x" when the value is x
        if left is not UNKNOWN and left is not UNDEFINED and left != required:
            text += " " + t("cond.actual", self.lang, value=self.value(left, field))
        return text

    def operand_title(self, operand) -> str:
        if isinstance(operand, c.FactRef):
            return pick(self.fields[operand.field].title, self.lang)
        if isinstance(operand, c.AttrRef):
            attr = pick(_ATTRIBUTE_TITLES.get(operand.attr), self.lang) or operand.attr
            of = pick(self.fields[operand.of].title, self.lang)
            if operand.attr == c.IN_FORCE_ATTRIBUTE:
                return f"{of} {attr}"
            return t("cond.attr_of", self.lang, attr=attr, of=of)
        if isinstance(operand, c.ParamRef):
            return self.param_title(operand.param)
        return ""

    def param_title(self, param_id: str) -> str:
        item = self.kb.items.get(param_id)
        return item.title(self.lang) if item else param_id

    def expression(self, expr, value, field=None) -> str:
        """The required value, with its derivation when it is computed (e.g. '54 (1,5 × 36)')."""
        if isinstance(expr, (c.FactRef, c.AttrRef)):
            field = self._field_of(expr)
        shown = self.value(value, field) if value is not UNKNOWN else t("value.unknown", self.lang)
        if isinstance(expr, c.Arithmetic):
            parts = [self._term(arg) for arg in expr.args]
            formula = parts[0]
            for part in parts[1:]:
                formula = t(f"expr.{expr.op}", self.lang, a=formula, b=part)
            return f"{shown} ({formula})" if value is not UNKNOWN else formula
        if isinstance(expr, (c.ParamRef, c.FactRef, c.AttrRef)):
            return f"{shown} ({self.operand_title(expr)})"
        return shown

    def _term(self, expr) -> str:
        value = resolve(expr, self.ev.facts, self.kb, self.ev.as_of)
        if value is UNKNOWN:
            return self.operand_title(expr)
        if isinstance(expr, c.Arithmetic):
            return f"({self.expression(expr, value)})"
        return self.value(value, self._field_of(expr))

    def value(self, value, field=None) -> str:
        """A value in words: yes/no, numbers in the language's format, titles of items and enum values."""
        if isinstance(value, bool):
            return t("value.true" if value else "value.false", self.lang)
        if isinstance(value, (tuple, list)):
            return ", ".join(self.value(v, field) for v in value) or t("value.empty", self.lang)
        if value == NEVER:
            return t("value.never", self.lang)
        if isinstance(value, (int, float)):
            return format_number(value, self.lang)
        if field is not None and field.ref_kind and value in self.kb.items:
            return self.kb.items[value].title(self.lang)
        if field is not None and field.value_titles and value in field.value_titles:
            return pick(field.value_titles[value], self.lang)
        return str(value)

    def _field_of(self, expr):
        """The field definition whose value titles apply to values of this expression."""
        if isinstance(expr, c.FactRef):
            return self.fields.get(expr.field)
        return None
