"""Validate input facts against the knowledge base's field definitions.

An absent field is unknown; nothing is guessed.  Every problem is reported at
once, naming the field, the value and what is allowed.
"""
from __future__ import annotations

import math

from nq_advisor.errors import InputError, did_you_mean, short_list
from nq_advisor.i18n import t
from nq_advisor.load.model import FieldDef, KnowledgeBase


def allowed_text(field: FieldDef, lang: str) -> str:
    """What a field accepts, in words."""
    if field.type == "int":
        if field.minimum is not None and field.maximum is not None:
            return t("allowed.int_range", lang, min=field.minimum, max=field.maximum)
        if field.minimum is not None:
            return t("allowed.int_min", lang, min=field.minimum)
        return t("allowed.int", lang)
    if field.type == "bool":
        return t("allowed.bool", lang)
    if field.type == "string":
        return t("allowed.string", lang)
    values = ", ".join(str(v) for v in field.values[:SHOWN_VALUES])
    if len(field.values) > SHOWN_VALUES:
        values += t("allowed.more", lang, count=len(field.values))
    return t("allowed.list_of" if field.is_list else "allowed.one_of", lang, values=values)


# What people type: one reading for input files, `whatif --set` and the interview (read_value).
_TRUE = {"true", "ja", "yes", "j", "y", "wahr"}
_FALSE = {"false", "nein", "no", "n", "falsch"}


def yes_or_no(word: str) -> bool | None:
    """True for 'ja', 'j', 'yes', 'true' ..., False for 'nein', 'no', 'false' ..., else None."""
    word = word.strip().casefold()
    return True if word in _TRUE else False if word in _FALSE else None
# Common short forms that name one value unambiguously (the ISO codes, ids and labels are matched anyway).
ALIASES: dict[str, dict[str, str]] = {
    "state": {"nrw": "NW", "bawü": "BW", "bawue": "BW", "bw": "BW", "rlp": "RP", "mv": "MV", "m-v": "MV",
              "mvp": "MV", "lsa": "ST", "s-h": "SH", "nds": "NI", "hh": "HH", "hb": "HB", "thür": "TH",
              "brb": "BB", "saar": "SL"},
}
# Integers bigger than this are refused before any conversion (fields without a maximum included), so
# that no input can make the program build or print huge numbers.
INT_CEILING = 1_000_000_000
_MAX_DIGITS = len(str(INT_CEILING))
SHOWN_VALUES = 12  # an error lists at most this many allowed values


class ValueRejected(ValueError):
    """A value a field does not accept; ``str()`` is the reason in the user's language, naming what is allowed."""


def read_value(field: FieldDef, value, lang: str = "de", typed: bool = False, kb: KnowledgeBase | None = None):
    """The fact value for ``value`` as a person wrote it, or ValueRejected saying why and what is allowed.

    Accepted for choices: ids in any case, the German and English labels, unambiguous short forms
    (``NRW``); for yes/no: ja/nein/yes/no/true/false; for numbers: integers, and when ``typed`` (text
    from a command line, prompt or CSV cell) also ``32000``, ``32.000`` and ``32 000``. In a JSON or
    YAML document text where a number belongs (``age: "38"``) is refused with that reason. Numbers are
    checked against the field's range before anything converts them. Lists become tuples (hashable).
    """
    if field.type == "int":
        return _read_int(field, value, lang, typed)
    if field.type == "bool":
        if isinstance(value, bool):
            return value
        answer = yes_or_no(value) if isinstance(value, str) else None
        if answer is not None:
            return answer
        raise ValueRejected(_reason(field, value, lang))
    if field.type == "string":
        if isinstance(value, str) and value.strip():
            return value
        raise ValueRejected(_reason(field, value, lang))
    if field.type == "list":
        items = value
        if typed and isinstance(value, str):
            items = [v for v in value.replace(";", ",").split(",") if v.strip()]
        if not isinstance(items, (list, tuple)):
            raise ValueRejected(_reason(field, value, lang))
        chosen = tuple(_read_choice(field, item, lang, kb) for item in items)
        if len(set(chosen)) != len(chosen):
            raise ValueRejected(_reason(field, value, lang))
        return chosen
    if field.type in ("enum", "ref"):
        return _read_choice(field, value, lang, kb)
    raise ValueRejected(_reason(field, value, lang))


def _read_int(field: FieldDef, value, lang: str, typed: bool) -> int:
    if isinstance(value, str) and typed:
        text = value.strip().replace(" ", "").replace("\u202f", "")
        digits = text.lstrip("+-")
        grouped = "." in digits and all(part.isdigit() and len(part) == 3 for part in digits.split(".")[1:]) \
            and digits.split(".")[0].isdigit() and 1 <= len(digits.split(".")[0]) <= 3
        if grouped:
            digits = digits.replace(".", "")
        if not digits.isascii() or not digits.isdigit() or text[:1] == "+" and text[1:2] in "+-":
            raise ValueRejected(_reason(field, value, lang))
        if len(digits.lstrip("0")) > _MAX_DIGITS:  # refuse before int() converts thousands of digits
            raise ValueRejected(_range_reason(field, lang))
        value = -int(digits) if text.startswith("-") else int(digits)
    if isinstance(value, str) and _looks_numeric(value):
        raise ValueRejected(t("input.text_for_number", lang, value=_show(value[:20]), allowed=allowed_text(field, lang)))
    if not isinstance(value, int) or isinstance(value, bool):
        raise ValueRejected(_reason(field, value, lang))
    too_small = field.minimum is not None and value < field.minimum
    too_big = value > (field.maximum if field.maximum is not None else INT_CEILING)
    if too_small or too_big or value < -INT_CEILING:
        raise ValueRejected(_range_reason(field, lang, value))
    return value


def _looks_numeric(text: str) -> bool:
    stripped = text.strip().lstrip("+-").replace(".", "").replace(" ", "")
    return bool(stripped) and stripped.isascii() and stripped.isdigit()


def _range_reason(field: FieldDef, lang: str, value=None) -> str:
    allowed = allowed_text(field, lang)
    if field.maximum is None:
        allowed += t("allowed.ceiling", lang, max=INT_CEILING)
    return t("input.reason", lang, value=_show(value) if value is not None else t("input.huge_number", lang),
             hint="", allowed=allowed)


def _labels(field: FieldDef, kb: KnowledgeBase | None) -> dict[str, str]:
    """casefolded id, label (both languages) and short form -> value; a label shared by two values is left out."""
    found: dict[str, set] = {}
    for value in field.values:
        names = {str(value)}
        titles = (field.value_titles or {}).get(value)
        if titles is None and kb is not None and value in kb.items:
            titles = kb.items[value].get("title")
        if isinstance(titles, dict):
            names.update(str(v) for v in titles.values())
        for name in names:
            found.setdefault(name.strip().casefold(), set()).add(value)
    for alias, value in ALIASES.get(field.id, {}).items():
        if value in field.values:
            found.setdefault(alias, set()).add(value)
    return {name: next(iter(values)) for name, values in found.items() if len(values) == 1}


def _read_choice(field: FieldDef, value, lang: str, kb: KnowledgeBase | None):
    if isinstance(value, str):
        if value in field.values:
            return value
        labels = _labels(field, kb)
        key = value.strip().casefold()
        if key in labels:
            return labels[key]
        import difflib  # only when needed: it is slow to import
        match = difflib.get_close_matches(key, list(labels), n=1, cutoff=0.6)
        hint = t("input.did_you_mean", lang, value=labels[match[0]]) if match else ""
        raise ValueRejected(_reason(field, value, lang, hint))
    raise ValueRejected(_reason(field, value, lang))


def _reason(field: FieldDef, value, lang: str, hint: str = "") -> str:
    return t("input.reason", lang, value=_show(value), hint=hint, allowed=allowed_text(field, lang))


def check_value(field: FieldDef, value) -> tuple[bool, object]:
    """(ok, normalised value) for a value as the program holds it; lists become tuples (hashable)."""
    if field.type in ("enum", "ref") and not (isinstance(value, str) and value in field.values):
        return False, value
    if field.type == "bool" and not isinstance(value, bool):
        return False, value
    if field.type == "list" and not (isinstance(value, (list, tuple))
                                     and all(isinstance(v, str) and v in field.values for v in value)):
        return False, value
    try:
        return True, read_value(field, value)
    except ValueRejected:
        return False, value


def document_value(value):
    """A fact value as input documents hold it: lists, where facts hold tuples (to be hashable)."""
    return list(value) if isinstance(value, tuple) else value


def facts_document(facts: dict) -> dict:
    """Facts as the mapping under the subject key of an input document."""
    return {name: document_value(value) for name, value in facts.items()}


def parse_facts(document, kb: KnowledgeBase, lang: str = "de", source: str = "input") -> tuple[str, dict]:
    """Return (subject, facts) from ``{person: {...}}`` or ``{region: {...}}``; raise InputError."""
    if not isinstance(document, dict) or len(document) != 1:
        raise InputError([t("input.not_mapping", lang)], source)
    subject, raw = next(iter(document.items()))
    if subject not in kb.fields:
        raise InputError([t("input.unknown_subject", lang, name=subject)], source)
    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        raise InputError([t("input.facts_not_mapping", lang, subject=subject)], source)
    fields = kb.fields[subject]
    messages: list[str] = []
    facts: dict = {}
    for name, value in raw.items():
        field = fields.get(name)
        if field is None:
            messages.append(t("input.unknown_field", lang, subject=subject, field=name,
                              hint=_field_hint(name, fields, lang), allowed=short_list(sorted(fields), lang)))
            continue
        try:
            facts[name] = read_value(field, value, lang, kb=kb)
        except ValueRejected as exc:
            messages.append(f"{subject}.{name}: {exc}")
    if messages:
        raise InputError(messages, source)
    return subject, facts


def _show(value) -> str:
    """A value for an error message, never longer than a line (nor a 5,000-digit number spelt out)."""
    if isinstance(value, str):
        return f"'{value[:60]}…'" if len(value) > 60 else f"'{value}'"
    if value is True or value is False:
        return "true" if value else "false"
    if isinstance(value, int) and value.bit_length() > 64:  # str() of a huge int is slow or refused
        return f"{'-' if value < 0 else ''}~10^{int(value.bit_length() * 0.30103)}"
    if isinstance(value, (list, tuple)):
        text = "[" + ", ".join(_show(v) if not isinstance(v, str) else v for v in value[:SHOWN_VALUES]) + "]"
        return text if len(text) <= 120 else text[:117] + "…]"
    text = repr(value)
    return text if len(text) <= 60 else text[:59] + "…"


# An absent field whose definition says `absent_means: never` (e.g. months since the last funded
# training: "absent = never" in the contract) is infinitely long ago, not unknown.
NEVER = math.inf


def _field_hint(name: str, fields: dict, lang: str) -> str:
    """' (meinten Sie 'state'?)' for a close id, or for a name people use for the field: the start of
    its German or English title ('bundesland', 'federal_state', 'Alter')."""
    wanted = " ".join(str(name).lower().replace("_", " ").replace("-", " ").split())
    named = set()
    for field_id, field in fields.items():
        for title in (field.title or {}).values():
            words = str(title).lower().split()
            if any(" ".join(words[:n]) == wanted for n in range(1, len(words) + 1)):
                named.add(field_id)
    if len(named) == 1:  # the one field whose title starts with that name: suggest it as for a typo
        return did_you_mean(named.pop(), fields, lang)
    return did_you_mean(name, fields, lang)


def with_absent_meanings(kb: KnowledgeBase, subject: str, facts: dict, only=None) -> dict:
    """``facts`` plus NEVER for absent fields that define it (restricted to the names in ``only``)."""
    defaults = {name: NEVER for name, field in kb.fields[subject].items()
                if field.absent_means == "never" and name not in facts and (only is None or name in only)}
    return {**facts, **defaults} if defaults else facts
