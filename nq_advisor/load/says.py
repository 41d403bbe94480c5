"""Check the wording of conditions: how each fact reads when a rule's condition holds and when not.

Wording is knowledge (docs/knowledge-format.md, "How conditions read"): a field in
knowledge/fields.yaml carries ``says`` with a ``client`` block (addressed as "Sie", required for every
field a rule reads) and an optional ``counsellor`` block (third person; falls back to the client's).
A derivation rule carries ``says: {client: {met, unmet}, counsellor: ...}``; any rule may override
the wording of one of its conditions with ``says: {<field or derived name>: {met, unmet}}``.

This module checks the shape of those blocks and that every condition of every rule can be worded,
so a missing sentence is a load error naming file and line, never a raw id in a handout.
"""
from __future__ import annotations

import string

from nq_advisor.errors import Problem
from nq_advisor.load import conditions as c
from nq_advisor.load.texts import Msg, problem

AUDIENCES = ("client", "counsellor")
# keys of an audience block (see docs/knowledge-format.md)
BLOCK_KEYS = ("question", "empty", "value", "values", "never", "above", "below", "contains", "attributes",
              "eq", "ne", "lt", "le", "gt", "ge", "in", "not_in")
PLACEHOLDERS = {"value", "required", "statement", "item", "min", "max", "occupation", "as_of", "title"}
MET_UNMET = ("met", "unmet")


def _text_problems(value, line, what) -> list[tuple[int, str]]:
    """A {de, en} text with known placeholders only."""
    if not isinstance(value, dict) or set(value) - {"de", "en"}:
        return [(line, Msg("shape.text", what=what))]
    out = []
    for lang in ("de", "en"):
        text = value.get(lang)
        if not isinstance(text, str) or not text.strip():
            out.append((line, Msg("shape.text_missing", what=what, lang=lang)))
            continue
        try:
            names = {name for _, name, _, _ in string.Formatter().parse(text) if name}
        except ValueError as exc:
            out.append((line, Msg("says.placeholder_broken", what=what, lang=lang, reason=exc)))
            continue
        unknown = names - PLACEHOLDERS
        if unknown:
            out.append((line, Msg("says.placeholder_unknown", what=what, lang=lang, name=sorted(unknown)[0],
                                  allowed=", ".join("{" + p + "}" for p in sorted(PLACEHOLDERS)))))
    return out


def _line(mapping, key, default):
    return mapping.line_of(key) if hasattr(mapping, "line_of") else default


def _met_unmet_problems(value, line, what) -> list[tuple[int, str]]:
    if not isinstance(value, dict):
        return [(line, Msg("says.met_unmet", what=what))]
    out = []
    for key in value:
        if key not in MET_UNMET:
            out.append((_line(value, key, line), Msg("says.unknown_key", what=what, key=key, allowed="met, unmet")))
        else:
            out += _text_problems(value[key], _line(value, key, line), Msg("what.path", what=what, path=key))
    return out


def block_problems(block, line, what) -> list[tuple[int, str]]:
    """The shape of one audience block (also used for an attribute's block)."""
    if not isinstance(block, dict):
        return [(line, Msg("says.mapping", what=what))]
    out = []
    for key, value in block.items():
        at = _line(block, key, line)
        if key not in BLOCK_KEYS:
            out.append((at, Msg("says.unknown_key", what=what, key=key, allowed=", ".join(BLOCK_KEYS))))
        elif key == "values":
            if not isinstance(value, dict):
                out.append((at, Msg("says.values", what=what)))
                continue
            for name, text in value.items():
                out += _text_problems(text, _line(value, name, at),
                                      Msg("what.path", what=what, path=f"values.{str(name).lower()}"))
        elif key == "attributes":
            if not isinstance(value, dict):
                out.append((at, Msg("says.attributes", what=what)))
                continue
            for name, inner in value.items():
                out += block_problems(inner, _line(value, name, at), Msg("what.path", what=what, path=f"attributes.{name}"))
        elif key in ("question", "empty", "value", "never", "above", "below"):
            out += _text_problems(value, at, Msg("what.path", what=what, path=key))
        else:
            out += _met_unmet_problems(value, at, Msg("what.path", what=what, path=key))
    return out


def field_says_problems(raw, field_id: str) -> list[tuple[int, str]]:
    """Problems of a field's ``says`` (line, message)."""
    says = raw.get("says")
    if says is None:
        return []
    line = raw.line_of("says") if hasattr(raw, "line_of") else raw.line
    if not isinstance(says, dict):
        return [(line, Msg("says.field_not_mapping", id=field_id))]
    out = []
    for key, block in says.items():
        if key not in AUDIENCES:
            out.append((_line(says, key, line), Msg("says.unknown_audience", id=field_id, key=key)))
        else:
            out += block_problems(block, _line(says, key, line),
                                  Msg("what.field_key", id=field_id, key=f"says.{key}"))
    return out


def rule_says_problems(raw, rule_id: str, derives: str | None) -> list[tuple[int, str]]:
    says = raw.get("says")
    if says is None:
        return []
    line = raw.line_of("says")
    if not isinstance(says, dict):
        return [(line, Msg("says.rule_not_mapping", id=rule_id))]
    out = []
    for key, value in says.items():
        at = _line(says, key, line)
        out += _met_unmet_problems(value, at, Msg("what.rule_key", id=rule_id, key=f"says.{key}"))
    return out


def lookup(values: dict | None, value):
    """``values`` keyed by a fact value; YAML reads the keys true/false as booleans."""
    if not values:
        return None
    if value in values and not (isinstance(value, int) and not isinstance(value, bool) and value in (0, 1)):
        return values[value]
    key = str(value).lower()
    for name, text in values.items():
        if str(name).lower() == key:
            return text
    return None


def coverage_problems(kb) -> list[Problem]:
    """Every condition of every rule has client wording: a fact, an item attribute or a derived fact.

    A gap fails ``kb validate`` (and a test keeps the bundled knowledge base free of gaps), but loading
    still works: the condition then reads as its requirement ("Alter in Jahren: mindestens 25"), so a
    new field without wording never stops the advisor."""
    problems: list[Problem] = []
    reported: set[tuple] = set()
    for rule in kb.rules:
        overrides = rule.says if isinstance(rule.says, dict) else {}
        for atom in c.atoms(rule.condition):
            missing = _missing_wording(kb, rule.subject, atom, overrides)
            if missing and (rule.subject, str(missing)) not in reported:
                reported.add((rule.subject, str(missing)))
                problems.append(problem(rule.file, rule.line, Msg("gap.rule", id=rule.id, missing=missing)))
    return problems


def _missing_wording(kb, subject, atom, overrides) -> Msg | None:
    if isinstance(atom, c.InForce):
        return None
    if isinstance(atom, c.Derived):
        if atom.name in overrides:
            return None
        derivations = kb.derivations(subject, atom.name)
        if not any(isinstance(r.says, dict) and "client" in r.says for r in derivations):
            return Msg("gap.derived", name=atom.name)
        return None
    if not isinstance(atom, c.Compare):
        return None
    left = atom.left
    if isinstance(left, c.FactRef):
        if left.field in overrides:
            return None
        field = kb.fields[subject].get(left.field)
        block = ((field.says or {}).get("client") if field else None) or {}
        return _block_gap(block, field, atom.op, Msg("says.field_of", name=left.field, subject=subject))
    if isinstance(left, c.AttrRef):
        field = kb.fields[subject].get(left.of)
        attrs = (((field.says or {}).get("client") or {}).get("attributes") or {}) if field else {}
        if left.attr not in attrs:
            return Msg("gap.attribute", attr=left.attr, of=left.of)
        return None
    return None


def _block_gap(block, field, op, what) -> Msg | None:
    if field is None:
        return None
    if op in block:
        return None
    if field.type in ("enum", "bool", "ref") and "value" in block:
        return None
    if field.type in ("enum", "bool"):
        values = field.values if field.type == "enum" else (True, False)
        gaps = [str(v).lower() for v in values if lookup(block.get("values"), v) is None]
        if gaps:
            return Msg("gap.values", what=what, gaps=", ".join(gaps))
        return None
    if field.type == "list" or op in ("contains", "not_contains"):
        return None if "contains" in block else Msg("gap.contains", what=what)
    if field.type == "int":
        return None if "value" in block else Msg("gap.int", what=what)
    return None if "value" in block or "values" in block else Msg("gap.value", what=what)
