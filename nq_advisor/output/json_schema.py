"""JSON Schema (draft 2020-12) for input facts and for the advice output.

Generated from the knowledge base's own field definitions (``kb.fields``), so
that a tool embedding nq-advisor can validate a case before it calls, with the
same types, ranges and allowed values the advisor itself enforces.  The advice
schema describes the output structure of the interface contract (§2); it allows
additional properties because the project may add fields.
"""
from __future__ import annotations

from nq_advisor.advice.result import KIND_ORDER
from nq_advisor.i18n import pick
from nq_advisor.load.model import FieldDef, KnowledgeBase

DIALECT = "https://json-schema.org/draft/2020-12/schema"
RECOMMENDABLE_KINDS = KIND_ORDER


def field_schema(field: FieldDef, lang: str = "de") -> dict:
    """The schema of one fact field: the same rules as nq_advisor.inference.facts.check_value."""
    schema: dict = {"title": pick(field.title, lang)}
    if field.help:
        schema["description"] = pick(field.help, lang)
    if getattr(field, "absent_means", None) == "never":
        schema["x-absent-means"] = "never"  # absent is not unknown here: the event never happened
    if field.type == "int":
        schema["type"] = "integer"
        if field.minimum is not None:
            schema["minimum"] = field.minimum
        if field.maximum is not None:
            schema["maximum"] = field.maximum
    elif field.type == "bool":
        schema["type"] = "boolean"
    elif field.type == "string":
        schema.update(type="string", pattern=r"\S")  # blank text is rejected like an absent value
    elif field.type in ("enum", "ref"):
        schema.update(type="string", enum=list(field.values))
    elif field.type == "list":
        schema.update(type="array", items={"type": "string", "enum": list(field.values)}, uniqueItems=True)
    if field.ref_kind:
        schema["x-ref-kind"] = field.ref_kind
    return schema


def subject_schema(kb: KnowledgeBase, subject: str, lang: str = "de") -> dict:
    fields = kb.fields[subject]
    return {
        "type": "object",
        "description": ("Alle Felder sind optional; ein fehlendes Feld ist unbekannt." if lang == "de" else
                        "Every field is optional; an absent field is unknown."),
        "properties": {name: field_schema(fields[name], lang) for name in sorted(fields)},
        "additionalProperties": False,
    }


def facts_schema(kb: KnowledgeBase, lang: str = "de") -> dict:
    """An input document: exactly one key, a subject (``person`` or ``region``), holding its facts."""
    subjects = sorted(kb.fields)
    return {
        "$schema": DIALECT,
        "$id": "https://nq-advisor.invalid/schema/facts.json",
        "title": "nq-advisor input facts" if lang == "en" else "nq-advisor Eingabefakten",
        "type": "object",
        "oneOf": [{"required": [s], "properties": {s: {"$ref": f"#/$defs/{s}"}}, "additionalProperties": False}
                  for s in subjects],
        "$defs": {s: subject_schema(kb, s, lang) for s in subjects},
    }


def advice_schema(kb: KnowledgeBase, lang: str = "de") -> dict:
    """The advice JSON of CONTRACT.md §2 (``Advice.to_dict()``); additional properties are allowed."""
    refs = sorted(i.id for i in kb.items.values() if i.kind in RECOMMENDABLE_KINDS)
    rule_ids = sorted(r.id for r in kb.rules)
    field_names = sorted({name for fields in kb.fields.values() for name in fields})
    strings = {"type": "array", "items": {"type": "string"}}
    ref = {"type": "string", "enum": refs}
    rule = {"type": "string", "enum": rule_ids}
    return {
        "$schema": DIALECT,
        "$id": "https://nq-advisor.invalid/schema/advice.json",
        "title": "nq-advisor advice" if lang == "en" else "nq-advisor Empfehlung",
        "type": "object",
        "required": ["subject", "as_of", "recommendations", "not_recommended", "undecided", "warnings"],
        "properties": {
            "subject": {"type": "string", "enum": sorted(kb.fields)},
            "as_of": {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"},
            "recommendations": {"type": "array", "items": {
                "type": "object",
                "required": ["ref", "kind", "priority", "rule", "title", "reasons", "legal_basis", "sources"],
                "properties": {
                    "ref": ref, "kind": {"type": "string", "enum": list(KIND_ORDER)},
                    "priority": {"type": "integer", "minimum": 1}, "rule": rule, "title": {"type": "string"},
                    "reasons": strings, "legal_basis": strings, "sources": strings,
                }}},
            "not_recommended": {"type": "array", "items": {
                "type": "object", "required": ["ref", "rule", "unmet"],
                "properties": {"ref": ref, "rule": rule, "unmet": strings}}},
            "undecided": {"type": "array", "items": {
                "type": "object", "required": ["ref", "rule", "missing"],
                "properties": {"ref": ref, "rule": rule,
                               "missing": {"type": "array", "items": {"type": "string", "enum": field_names}}}}},
            "warnings": strings,
            "done": {"type": "array", "items": {
                "type": "object", "required": ["ref", "title"],
                "properties": {"ref": ref, "title": {"type": "string"}}}},
            "meta": {"type": "object", "required": ["version", "knowledge_base"], "properties": {
                "version": {"type": "string"},
                "knowledge_base": {"type": "string", "pattern": r"^sha256:[0-9a-f]{16}$"}}},
        },
    }


SCHEMAS = {"facts": facts_schema, "advice": advice_schema}
