"""Validate input facts against the knowledge base's field definitions.

An absent field is unknown; nothing is guessed.  Every problem is reported at
once, naming the field, the value and what is allowed.
"""
from __future__ import annotations

import math

from nq_advisor.errors import InputError, did_you_mean
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
    values = ", ".join(field.values)
    return t("allowed.list_of" if field.is_list else "allowed.one_of", lang, values=values)


def check_value(field: FieldDef, value) -> tuple[bool, object]:
    """(ok, normalised value); lists become tuples so that facts are hashable."""
    if field.type == "int":
        ok = isinstance(value, int) and not isinstance(value, bool)
        ok = ok and (field.minimum is None or value >= field.minimum)
        ok = ok and (field.maximum is None or value <= field.maximum)
        return ok, value
    if field.type == "bool":
        return isinstance(value, bool), value
    if field.type == "string":
        return isinstance(value, str) and bool(value.strip()), value
    if field.type in ("enum", "ref"):
        return isinstance(value, str) and value in field.values, value
    if field.type == "list":
        if not isinstance(value, (list, tuple)):
            return False, value
        ok = all(isinstance(v, str) and v in field.values for v in value) and len(set(value)) == len(value)
        return ok, tuple(value)
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
                              hint=did_you_mean(name, fields, lang), allowed=", ".join(sorted(fields))))
            continue
        ok, normalised = check_value(field, value)
        if not ok:
            hint = did_you_mean(value, field.values, lang) if isinstance(value, str) and field.values else ""
            messages.append(t("input.bad_value", lang, subject=subject, field=name, value=_show(value),
                              hint=hint, allowed=allowed_text(field, lang)))
            continue
        facts[name] = normalised
    if messages:
        raise InputError(messages, source)
    return subject, facts


def _show(value) -> str:
    if isinstance(value, str):
        return f"'{value}'"
    if value is True or value is False:
        return "true" if value else "false"
    if isinstance(value, int) and value.bit_length() > 64:  # str() of a huge int is slow or refused
        return f"{'-' if value < 0 else ''}~10^{int(value.bit_length() * 0.30103)}"
    return repr(value) if not isinstance(value, list) else "[" + ", ".join(map(str, value)) + "]"


# An absent field whose definition says `absent_means: never` (e.g. months since the last funded
# training: "absent = never" in the contract) is infinitely long ago, not unknown.
NEVER = math.inf


def with_absent_meanings(kb: KnowledgeBase, subject: str, facts: dict, only=None) -> dict:
    """``facts`` plus NEVER for absent fields that define it (restricted to the names in ``only``)."""
    defaults = {name: NEVER for name, field in kb.fields[subject].items()
                if field.absent_means == "never" and name not in facts and (only is None or name in only)}
    return {**facts, **defaults} if defaults else facts
