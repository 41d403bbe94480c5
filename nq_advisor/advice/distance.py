"""How far a failed numeric condition is from holding, and when it would hold by itself.

A counsellor wants more than "not met": "38 of 54 months of experience; reachable in
16 months, around 2028-03".  For a failed ``lt le gt ge`` comparison of a numeric fact
with a number (literal, parameter or computed expression) this module computes the
gap in whole units of the field, and, for fields that rise with time (``grows:
per_month|per_year`` in knowledge/fields.yaml), the month in which the gap closes if
nothing else changes.  Fact fields are integers, so ``gt 4`` needs 5 and ``ge 4.5``
needs 5: the gap is counted to the first integer value that satisfies the comparison.
"""
from __future__ import annotations

import calendar
import datetime
import math
from dataclasses import dataclass

from nq_advisor.load import conditions as c
from nq_advisor.inference.evaluate import UNDEFINED, UNKNOWN, Evaluation, resolve
from nq_advisor.advice.wording import amount_words  # one table of unit words
from nq_advisor.i18n import approx_month, format_number, pick, t

NUMERIC_OPS = ("lt", "le", "gt", "ge")
GROWTH_UNITS = {"per_month": "months", "per_year": "years"}
# Fields that rise only while the person keeps working (in the field), not with the calendar alone.


@dataclass(frozen=True)
class Distance:
    """The gap of one failed numeric comparison; ``reachable_on`` only when waiting closes it."""

    field: str
    field_title: str
    op: str
    actual: int | float
    required: int | float          # the bound of the comparison as the rule states it
    target: int | float            # the nearest value that satisfies it (integer fields)
    missing_amount: int | float    # how much the value must rise (> 0) or fall (< 0)
    unit: str | None               # months, years, or the parameter's unit
    grows: str | None
    grows_while_working: bool
    reachable_in: int | None       # months or years of waiting, None when waiting does not help
    reachable_on: datetime.date | None
    text: str

    def to_dict(self) -> dict:
        return {
            "field": self.field, "op": self.op, "actual": self.actual, "required": self.required,
            "missing_amount": self.missing_amount, "unit": self.unit, "grows": self.grows,
            "grows_while_working": self.grows_while_working, "reachable_in": self.reachable_in,
            "reachable_on": self.reachable_on.strftime("%Y-%m") if self.reachable_on else None,
            "text": self.text,
        }


def add_months(day: datetime.date, months: int) -> datetime.date | None:
    """``day`` plus whole months; the day is clamped to the month's end (31 Jan + 1 month = 28/29 Feb).

    None beyond the calendar (after 9999-12-31, e.g. ``--as-of 9999-12-31``): no date to name."""
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    if not datetime.MINYEAR <= year <= datetime.MAXYEAR:
        return None
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def target_value(op: str, required) -> int:
    """The integer value nearest to the failing side that satisfies ``value OP required``."""
    if op == "ge":
        return math.ceil(required)
    if op == "gt":
        return math.floor(required) + 1
    if op == "le":
        return math.floor(required)
    if op == "lt":
        return math.ceil(required) - 1
    raise ValueError(f"not a numeric comparison: {op}")


def distance_of(atom, evaluation: Evaluation, lang: str = "de") -> Distance | None:
    """The distance of a failed comparison ``{fact: F, lt|le|gt|ge: number}``, else None."""
    if not isinstance(atom, c.Compare) or atom.op not in NUMERIC_OPS or not isinstance(atom.left, c.FactRef):
        return None
    if atom.left.field in c.expr_fields(atom.right):
        return None  # both sides move together; a gap in units of the field means nothing
    field = evaluation.kb.fields[evaluation.subject].get(atom.left.field)
    actual = resolve(atom.left, evaluation.facts, evaluation.kb, evaluation.as_of)
    required = resolve(atom.right, evaluation.facts, evaluation.kb, evaluation.as_of)
    if not (_is_number(actual) and _is_number(required)) or field is None:
        return None
    if evaluation.truth(atom) is not False:
        return None
    target = target_value(atom.op, required)
    missing = target - actual
    grows = field.grows
    unit = GROWTH_UNITS.get(grows) or _param_unit(atom.right, evaluation)
    reachable_in = missing if grows and missing > 0 else None
    reachable_on = None
    if reachable_in is not None:
        months = reachable_in if grows == "per_month" else reachable_in * 12
        reachable_on = add_months(evaluation.as_of, months)
    distance = Distance(
        field=field.id, field_title=pick(field.title, lang), op=atom.op, actual=actual,
        required=_plain(required), target=target, missing_amount=missing, unit=unit, grows=grows,
        grows_while_working=field.grows_while == "working", reachable_in=reachable_in,
        reachable_on=reachable_on, text="")
    return _with_text(distance, lang)


def distances(atoms, evaluation: Evaluation, lang: str = "de") -> list[Distance]:
    found = (distance_of(atom, evaluation, lang) for atom in atoms)
    return [d for d in found if d is not None]


def _with_text(d: Distance, lang: str) -> Distance:
    actual, target = format_number(d.actual, lang), format_number(d.target, lang)
    key = "distance.short" if d.missing_amount > 0 else "distance.excess"
    text = t(key, lang, field=d.field_title, actual=actual, target=target,
             amount=amount_words(abs(d.missing_amount), d.unit, lang, "nominative"))
    if d.reachable_on is not None:
        text += "; " + t("distance.reachable", lang, amount=amount_words(d.reachable_in, d.unit, lang, "dative"),
                         month=approx_month(d.reachable_on, lang))
        if d.grows_while_working:
            text += " " + t("distance.while_working", lang)
    elif d.grows and d.missing_amount < 0:
        text += "; " + t("distance.grows_away", lang)
    return Distance(**{**d.__dict__, "text": text})


def reachable_text(d: Distance, lang: str, audience: str = "client") -> str:
    """'erreichbar etwa November 2028, wenn Sie weiter in diesem Bereich arbeiten' (empty if waiting
    does not close the gap)."""
    if d.reachable_on is None:
        return ""
    text = t("distance.reachable_short", lang, month=approx_month(d.reachable_on, lang))
    if d.grows_while_working:
        text += t("distance.while_working_client" if audience == "client" else "distance.while_working_short", lang)
    return text




def _param_unit(expr, evaluation: Evaluation) -> str | None:
    if isinstance(expr, c.ParamRef):
        item = evaluation.kb.items.get(expr.param)
        return item.get("unit") if item else None
    return None


def _is_number(value) -> bool:
    """A finite number: 'never' (infinitely long ago) has no distance to anything."""
    return (value is not UNKNOWN and value is not UNDEFINED and isinstance(value, (int, float))
            and not isinstance(value, bool) and math.isfinite(value))


def _plain(value):
    return int(value) if isinstance(value, float) and value.is_integer() else value
