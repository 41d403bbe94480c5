"""Conditions in plain words, with the values this case gave them.

How a condition reads is knowledge: ``says`` in knowledge/fields.yaml (per field, for the client
addressed as "Sie" and for the counsellor) and in rules (derived facts, per-condition overrides);
see docs/knowledge-format.md. This module picks the sentence for met or unmet and fills in values,
required values and units in the reader's language (nq_advisor.i18n formats numbers and dates).
A condition whose truth is still unknown reads as the requirement ("Alter in Jahren: mindestens 25").
"""
from __future__ import annotations


from nq_advisor.load import conditions as c
from nq_advisor.inference.evaluate import UNDEFINED, UNKNOWN, Evaluation, resolve
from nq_advisor.inference.facts import NEVER
from nq_advisor.i18n import format_date, format_money, format_number, pick, t  # noqa: F401 (re-exported)
from nq_advisor.load.says import lookup

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


def period_text(start, end, lang: str) -> str:
    if start and end:
        return t("period.between", lang, start=format_date(start, lang), end=format_date(end, lang))
    if start:
        return t("period.from", lang, start=format_date(start, lang))
    if end:
        return t("period.until", lang, end=format_date(end, lang))
    return t("period.always", lang)


class Wording:
    """Renders atoms of one evaluated case in one language, for the ``client`` or the ``counsellor``."""

    def __init__(self, evaluation: Evaluation, lang: str, audience: str = "counsellor"):
        self.ev = evaluation
        self.kb = evaluation.kb
        self.lang = lang
        self.audience = audience
        self.fields = self.kb.fields[evaluation.subject]

    def atom(self, atom, overrides: dict | None = None) -> str:
        """The atom as a sentence: what is the case when its truth is known, else what it requires.
        ``overrides`` is the rule's ``says`` (per field or derived name: {met, unmet})."""
        overrides = overrides if isinstance(overrides, dict) else {}
        if isinstance(atom, c.InForce):
            return self._in_force(atom)
        truth = self.ev.truth(atom)
        if isinstance(atom, c.Derived):
            return self._derived(atom, truth, overrides)
        if truth is None or not isinstance(atom, c.Compare):
            return self.requirement(atom)
        try:
            text = self._compare(atom, truth, overrides)
        except (KeyError, IndexError, ValueError):
            text = None
        return text or self.requirement(atom)

    # --- known truth: sentences from the knowledge base -------------------------------------------
    def _in_force(self, atom: c.InForce) -> str:
        holds = atom.holds_on(self.ev.as_of)
        start, end = format_date(atom.start, self.lang), format_date(atom.end, self.lang)
        if holds:
            key = "says.in_force"
        elif atom.start and self.ev.as_of < atom.start:
            key = "says.not_yet"
        else:
            key = "says.no_longer"
        return t(key, self.lang, start=start, end=end, as_of=format_date(self.ev.as_of, self.lang),
                 period=period_text(atom.start, atom.end, self.lang))

    def _derived(self, atom: c.Derived, truth, overrides) -> str:
        texts = overrides.get(atom.name)
        if not texts:
            for rule in self.kb.derivations(self.ev.subject, atom.name):
                says = rule.says or {}
                texts = says.get(self.audience) or says.get("client")
                if texts:
                    break
        derivations = self.kb.derivations(self.ev.subject, atom.name)
        title = pick(derivations[0].title, self.lang) if derivations else atom.name
        if truth is None or not texts:
            return title
        derived_holds = truth if atom.value else not truth
        return pick(texts.get("met" if derived_holds else "unmet"), self.lang) or title

    def _block(self, field) -> tuple[dict, dict]:
        """(this audience's block, the client's block) of a field's ``says``."""
        says = (field.says or {}) if field is not None else {}
        client = says.get("client") or {}
        return (says.get(self.audience) or client), client

    def _compare(self, atom: c.Compare, truth: bool, overrides: dict) -> str | None:
        left = atom.left
        right = resolve(atom.right, self.ev.facts, self.kb, self.ev.as_of)
        if right is UNDEFINED:
            return t("cond.param_undefined", self.lang, param=self.param_title(getattr(atom.right, "param", "")),
                     as_of=format_date(self.ev.as_of, self.lang))
        value = resolve(left, self.ev.facts, self.kb, self.ev.as_of)
        unit = None
        if isinstance(left, c.FactRef):
            field = self.fields.get(left.field)
            block, client = self._block(field)
            override = overrides.get(left.field)
            unit = field.unit or _GROWTH_UNIT.get(field.grows or "")
            value_field = field
        elif isinstance(left, c.AttrRef):
            field = self.fields.get(left.of)
            mine, client = self._block(field)
            block = (mine.get("attributes") or {}).get(left.attr) or {}
            client = (client.get("attributes") or {}).get(left.attr) or {}
            override = None
            unit = _ATTRIBUTE_UNITS.get(left.attr)
            value_field = None
        else:
            return None
        key = "met" if truth else "unmet"
        occupation = ""
        if isinstance(left, c.AttrRef):
            named = self.kb.items.get(self.ev.facts.get(left.of) or "")
            occupation = named.title(self.lang) if named else ""
        words = {"value": self._words(value, value_field, unit), "occupation": occupation,
                 "as_of": format_date(self.ev.as_of, self.lang),
                 "required": self._required(atom, right, value_field, unit),
                 "title": self.operand_title(left)}
        if override and override.get(key):
            return _fill(pick(override[key], self.lang), words)
        op = atom.op
        if op in ("contains", "not_contains"):
            contains_holds = truth if op == "contains" else not truth
            templates = _first(block, client, "contains")
            item = self._list_item(right, field, block, client)
            return _fill(pick(templates["met" if contains_holds else "unmet"], self.lang), dict(words, item=item))
        explicit = _first(block, client, op)
        if explicit and explicit.get(key):
            return _fill(pick(explicit[key], self.lang), words)
        statement = self._statement(block, client, value, words)
        if statement is None:
            return None
        if op in ("eq", "ne", "in", "not_in") and not truth and value_field is not None and value_field.ordered:
            ordered = self._ordered(block, client, value_field, value, right, op, words)
            if ordered:
                return ordered
        if op in ("lt", "le", "gt", "ge"):
            return t(f"says.{op}.{key}", self.lang, statement=statement, required=words["required"])
        return statement

    def _statement(self, block, client, value, words) -> str | None:
        """How the actual value reads: the per-value sentence, the 'never' sentence, or the template."""
        if value == NEVER and _first(block, client, "never"):
            return pick(_first(block, client, "never"), self.lang)
        for source in (block, client):
            text = lookup(source.get("values"), value)
            if text:
                return _fill(pick(text, self.lang), words)
        template = _first(block, client, "value")
        return _fill(pick(template, self.lang), words) if template else None

    def _ordered(self, block, client, field, value, right, op, words) -> str | None:
        """'schon weiter als A2' / 'noch unter B1' for an ordered enum outside the required values."""
        order = list(field.values)
        allowed = [v for v in order if (v in right if op in ("in", "not_in") else v == right)]
        if op in ("ne", "not_in"):
            allowed = [v for v in order if v not in allowed]
        if not allowed or value not in order:
            return None
        position = order.index(value)
        if position in (0, len(order) - 1):
            return None  # the first and last values ('keine', 'Muttersprache') speak for themselves
        if position > max(order.index(v) for v in allowed) and _first(block, client, "above"):
            return _fill(pick(_first(block, client, "above"), self.lang),
                         dict(words, max=self._short(field, allowed[-1]), value=self._short(field, value)))
        if position < min(order.index(v) for v in allowed) and _first(block, client, "below"):
            return _fill(pick(_first(block, client, "below"), self.lang),
                         dict(words, min=self._short(field, allowed[0]), value=self._short(field, value)))
        return None

    def _short(self, field, value) -> str:
        """A value's title up to its explanation ('A2 – elementare Sprachverwendung' -> 'A2')."""
        return self.value(value, field).split(" – ")[0]

    def _list_item(self, right, field, block, client) -> str:
        for source in (block, client):
            text = lookup(source.get("values"), right)
            if text:
                return pick(text, self.lang)
        return self.value(right, field)

    def _words(self, value, field, unit) -> str:
        """A value in words with its unit: '38 Jahre', '32.000 €', 'Nordrhein-Westfalen'."""
        if value is UNKNOWN or value is UNDEFINED:
            return t("value.unknown", self.lang)
        if isinstance(value, (int, float)) and not isinstance(value, bool) and value != NEVER:
            return amount_words(value, unit, self.lang, "nominative")
        return self.value(value, field)

    def _required(self, atom, right, field, unit) -> str:
        """The required value: 'ab 54 Monaten' needs the dative; lists read 'A, B oder C'."""
        if isinstance(right, (tuple, list)):
            return join_or([self.value(v, field) for v in right], self.lang)
        if isinstance(right, (int, float)) and not isinstance(right, bool):
            case = "nominative" if atom.op == "le" else "dative"
            return amount_words(right, unit, self.lang, case)
        return self.value(right, field)

    def statement_of(self, name: str, value) -> str:
        """How one fact reads on its own (for the situation paragraph of a handout)."""
        field = self.fields.get(name)
        if field is None:
            return ""
        title = pick(field.title, self.lang)
        if field.is_list:
            block, client = self._block(field)
            if not value and _first(block, client, "empty"):
                return pick(_first(block, client, "empty"), self.lang)
            return f"{title}: {join_and([self.value(v, field) for v in value], self.lang) or t('value.empty', self.lang)}"
        block, client = self._block(field)
        words = {"value": self._words(value, field, field.unit or _GROWTH_UNIT.get(field.grows or ""))}
        try:
            statement = self._statement(block, client, value, words)
        except (KeyError, IndexError, ValueError):
            statement = None
        return statement or f"{title}: {self.value(value, field)}"

    # --- unknown truth: what the condition requires ------------------------------------------------
    def requirement(self, atom) -> str:
        if isinstance(atom, c.InForce):
            return self._in_force(atom)
        if isinstance(atom, c.Derived):
            return self._derived(atom, None, {})
        right = resolve(atom.right, self.ev.facts, self.kb, self.ev.as_of)
        if right is UNDEFINED and isinstance(atom.right, c.ParamRef):
            return t("cond.param_undefined", self.lang, param=self.param_title(atom.right.param),
                     as_of=format_date(self.ev.as_of, self.lang))
        field = self._field_of(atom.left)
        if isinstance(right, bool) and atom.op in ("eq", "ne"):
            required = right if atom.op == "eq" else not right
            return t("cond.yes_no", self.lang, left=self.operand_title(atom.left), value=self.value(required))
        if atom.op in ("in", "not_in") and isinstance(right, (tuple, list)):
            values = [self.value(v, field) for v in right]
            shown = join_or(values, self.lang) if atom.op == "in" else join_nor(values, self.lang)
            return t("cond.yes_no", self.lang, left=self.operand_title(atom.left), value=shown)
        phrase = t(f"op.{atom.op}", self.lang, right=self.expression(atom.right, right, field))
        return t("cond.required", self.lang, left=self.operand_title(atom.left), phrase=phrase)

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


_GROWTH_UNIT = {"per_month": "months", "per_year": "years"}
_ATTRIBUTE_UNITS = {"duration_months": "months"}
_UNIT_WORDS = {
    "months": {"de": ("Monat", "Monate", "Monaten"), "en": ("month", "months", "months")},
    "years": {"de": ("Jahr", "Jahre", "Jahren"), "en": ("year", "years", "years")},
    "hours": {"de": ("Stunde", "Stunden", "Stunden"), "en": ("hour", "hours", "hours")},
    "employees": {"de": ("Beschäftigten", "Beschäftigte", "Beschäftigten"),
                  "en": ("employee", "employees", "employees")},
}


def amount_words(amount, unit: str | None, lang: str, case: str = "nominative") -> str:
    """'38 Jahre', 'ab 54 Monaten' (dative), '32.000 €'; a number without a known unit stays a number."""
    if isinstance(amount, float) and amount.is_integer():
        amount = int(amount)
    if unit == "EUR":
        return format_money(amount, lang)
    number = format_number(amount, lang)
    words = _UNIT_WORDS.get(unit or "", {}).get(lang)
    if words is None:
        return number
    if amount == 1:
        return f"{number} {words[0]}"
    return f"{number} {words[2] if case == 'dative' else words[1]}"


def join_or(values: list[str], lang: str) -> str:
    """'A, B oder C' / 'A, B or C'."""
    values = [v for v in values if v]
    if len(values) <= 1:
        return "".join(values) or t("value.empty", lang)
    return f"{', '.join(values[:-1])} {t('word.or', lang)} {values[-1]}"


def join_and(values: list[str], lang: str) -> str:
    values = [v for v in values if v]
    if len(values) <= 1:
        return "".join(values)
    return f"{', '.join(values[:-1])} {t('word.and', lang)} {values[-1]}"


def join_nor(values: list[str], lang: str) -> str:
    """'weder A noch B' / 'neither A nor B'; one value: 'nicht A' / 'not A'."""
    if len(values) == 1:
        return t("word.not_value", lang, value=values[0])
    return t("word.neither", lang, first=", ".join(values[:-1]), last=values[-1])


def _first(block: dict, client: dict, key: str):
    return block.get(key) or client.get(key)


def _fill(template: str, words: dict) -> str:
    return template.format_map(_Blank(words))


class _Blank(dict):
    """str.format_map that leaves an unknown placeholder empty instead of raising."""

    def __missing__(self, key):
        return ""
