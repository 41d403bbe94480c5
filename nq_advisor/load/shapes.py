"""The shape of knowledge items: which keys each kind has and what their values must be.

Checks here are per item and report ``file:line`` problems; cross references
between items, fields and rules are checked in :mod:`nq_advisor.load.loader`.
"""
from __future__ import annotations

import datetime
import math
import re

from nq_advisor.errors import Problem
from nq_advisor.load.texts import Msg, hint, problem
from nq_advisor.load.yamlsource import LocatedDict, LocatedList

ID_PATTERN = re.compile(r"^[a-z][a-z0-9_]*$")
STATES = ("BW", "BY", "BE", "BB", "HB", "HH", "HE", "MV", "NI", "NW", "RP", "SL", "SN", "ST", "SH", "TH")
CONFIDENCE = ("high", "medium", "low")
CONTACTS = ("agentur", "jobcenter", "kammer", "ihk", "hwk", "bamf", "land", "provider",
            "employer", "kfw", "beratungsstelle", "anerkennungsstelle", "network")
PARTNERS = ("agentur", "jobcenter", "ihk", "hwk", "union", "employer_association", "municipality",
            "providers", "migrant_organisations", "state_ministry")
FIELD_TYPES = ("int", "bool", "enum", "string", "list", "ref")

# key -> (required, check)   checks: 'text' {de,en}; 'texts' list of {de,en}; 'str'; 'strs';
# 'int'; 'bool'; 'date'; 'sources'; ('enum', values); ('enums', values); 'ref' (item id);
# 'refs'; 'any'
COMMON_KEYS = {
    "id": (True, "id"),
    "kind": (True, "any"),
    "title": (True, "text"),
    "summary": (False, "text"),
    "legal_basis": (False, "strs"),
    "sources": (False, "sources"),
    "valid_from": (False, "date"),
    "valid_until": (False, "date"),
    "confidence": (False, ("enum", CONFIDENCE)),
    "note": (False, "text"),
}
_ADVICE_KEYS = {
    "contact": (False, ("enums", CONTACTS)),
    "requirements": (False, "requirements"),
    "amounts": (False, "text"),
    "next_steps": (False, "texts"),
}
KIND_KEYS: dict[str, dict] = {
    "field": {"subject": (True, ("enum", ("person", "region"))), "type": (True, ("enum", FIELD_TYPES)),
              "min": (False, "int"), "max": (False, "int"), "values": (False, "strs"),
              "ref_kind": (False, "str"), "help": (False, "text"), "value_titles": (False, "value_titles"),
              "question": (False, "text"),
              # how the value changes with time while nothing else changes (for "reachable in N months")
              "grows": (False, ("enum", ("per_month", "per_year"))),
              # the value rises only while the person keeps doing something (e.g. working in the field)
              "grows_while": (False, ("enum", ("working",))),
              # what an absent value means when the contract defines it (e.g. "absent = never")
              "absent_means": (False, ("enum", ("never",))),
              # how the fact reads for the client and the counsellor (checked in load/says.py)
              "says": (False, "any"),
              # unit of an int field's values, for "ab 25 Jahren", "unter 250 Beschäftigten"
              "unit": (False, ("enum", ("months", "years", "EUR", "employees", "hours"))),
              # enum values are listed from low to high (e.g. language levels): "schon weiter als A2"
              "ordered": (False, "bool")},
    "parameter": {"unit": (True, "str"), "values": (True, "param_values")},
    "sector": {},
    "occupation": {"duration_months": (True, "int"), "chamber": (True, ("enum", ("ihk", "hwk", "lwk", "other"))),
                   "law": (True, ("enum", ("BBiG", "HwO", "PflBG", "PflFAssG", "other"))),
                   "sector": (True, "ref"), "tq_available": (True, "bool"),
                   # an abolished or renamed occupation names its successor(s) and the day they took over
                   "successors": (False, "refs"), "successor_from": (False, "date")},
    "route": dict(_ADVICE_KEYS),
    "funding": dict(_ADVICE_KEYS, state=(False, ("enum", STATES))),
    "support": dict(_ADVICE_KEYS),
    # region actions: what to do about a sector, a framework change or a step done badly
    "action": dict(_ADVICE_KEYS, occupations=(False, "refs"), sector=(False, "ref"), strategy_step=(False, "ref"),
                   partners=(False, ("enums", PARTNERS)), partner_roles=(False, "partner_roles"),
                   done_when=(False, "text")),
    # the five steps of the network strategy (step 1-5) and the expertise network management needs (no step)
    "strategy_step": {"step": (False, "int"), "ongoing": (False, "bool"), "actions": (True, "texts"), "partners": (False, ("enums", PARTNERS)),
                      "partner_roles": (False, "partner_roles"), "done_when": (True, "text")},
    "target_group": {"support": (False, "refs"), "description": (False, "text")},
    "state_note": {"state": (True, ("enum", STATES))},
}
# kinds whose items make claims about law, programmes or practice: a source is required
SOURCED_KINDS = {"parameter", "occupation", "route", "funding", "support", "action", "strategy_step",
                 "target_group", "state_note"}
# kinds that rules may recommend, and the `kind` they get in the advice
RECOMMENDABLE_KINDS = ("route", "funding", "support", "strategy_step", "action")


class ShapeChecker:
    """Collects problems while checking values of one file."""

    def __init__(self, file: str):
        self.file = file
        self.problems: list[Problem] = []

    def add(self, line: int, message: "Msg | str") -> None:
        self.problems.append(problem(self.file, line, message))

    def check_keys(self, mapping: LocatedDict, spec: dict, what: "Msg | str") -> None:
        for key in mapping:
            if key not in spec:
                self.add(mapping.line_of(key), Msg("shape.unknown_key", key=key, what=what, hint=hint(key, spec),
                                                   allowed=", ".join(sorted(spec))))
        for key, (required, check) in spec.items():
            if key not in mapping:
                if required:
                    self.add(mapping.line, Msg("shape.missing_key", what=what, key=key))
                continue
            self.check_value(mapping[key], check, mapping.line_of(key), Msg("what.key", what=what, key=key))

    def check_value(self, value, check, line: int, what: "Msg | str") -> None:
        if isinstance(check, tuple):
            name, allowed = check
            values = value if name == "enums" else [value]
            if name == "enums" and not isinstance(value, list):
                self.add(line, Msg("shape.list_of", what=what, allowed=", ".join(allowed)))
                return
            for v in values:
                if not isinstance(v, str):
                    self.add(line, Msg("shape.one_of", what=what, allowed=", ".join(map(str, allowed)), value=_short(v)))
                elif v not in allowed:
                    self.add(line, Msg("shape.unknown_value", what=what, value=v, hint=hint(v, allowed),
                                       allowed=", ".join(map(str, allowed))))
            return
        method = getattr(self, f"_check_{check}")
        method(value, line, what)

    # individual checks --------------------------------------------------------
    def _check_any(self, value, line, what):
        pass

    def _check_id(self, value, line, what):
        if not isinstance(value, str) or not ID_PATTERN.match(value):
            self.add(line, Msg("shape.bad_id", what=what, value=_short(value)))

    _check_ref = _check_id

    def _check_refs(self, value, line, what):
        if not isinstance(value, list):
            self.add(line, Msg("shape.ids", what=what))
            return
        for index, v in enumerate(value):
            self._check_id(v, _line(value, index, line), what)

    def _check_str(self, value, line, what):
        if not isinstance(value, str) or not value.strip():
            self.add(line, Msg("shape.str", what=what))

    def _check_strs(self, value, line, what):
        if not isinstance(value, list):
            self.add(line, Msg("shape.strs", what=what))
            return
        for index, v in enumerate(value):
            self._check_str(v, _line(value, index, line), what)

    def _check_int(self, value, line, what):
        if isinstance(value, bool) or not isinstance(value, int):
            self.add(line, Msg("shape.int", what=what, value=_short(value)))

    def _check_bool(self, value, line, what):
        if not isinstance(value, bool):
            self.add(line, Msg("shape.bool", what=what, value=_short(value)))

    def _check_value_titles(self, value, line, what):
        """{value: {de, en}} (the titles of an enum or list field's values)."""
        if not isinstance(value, dict):
            self.add(line, Msg("shape.value_titles", what=what))
            return
        for key, text in value.items():
            self._check_text(text, _key_line(value, key, line), Msg("what.key", what=what, key=key))

    def _check_date(self, value, line, what):
        if isinstance(value, datetime.datetime) or not isinstance(value, datetime.date):
            self.add(line, Msg("shape.date", what=what, value=value))

    def _check_text(self, value, line, what):
        if not isinstance(value, dict):
            self.add(line, Msg("shape.text", what=what))
            return
        for lang in ("de", "en"):
            if not isinstance(value.get(lang), str) or not value.get(lang, "").strip():
                self.add(line, Msg("shape.text_missing", what=what, lang=lang))
        for key in value:
            if key not in ("de", "en"):
                self.add(_key_line(value, key, line), Msg("shape.text_language", what=what, key=key))

    def _check_texts(self, value, line, what):
        if not isinstance(value, list):
            self.add(line, Msg("shape.texts", what=what))
            return
        for index, v in enumerate(value):
            self._check_text(v, _line(value, index, line), what)

    def _check_sources(self, value, line, what):
        if not isinstance(value, list) or not value:
            self.add(line, Msg("shape.sources", what=what))
            return
        for index, source in enumerate(value):
            at = _line(value, index, line)
            if not isinstance(source, dict):
                self.add(at, Msg("shape.source", what=what))
                continue
            self.check_keys(source, {"url": (True, "str"), "checked": (True, "date"), "title": (False, "str")},
                            Msg("what.source"))
            url = source.get("url")
            if isinstance(url, str) and not url.startswith(("https://", "http://")):
                self.add(source.line_of("url"), Msg("shape.url", url=url))

    def _check_partner_roles(self, value, line, what):
        """Why each network partner is needed: {partner id: {de, en}}."""
        if not isinstance(value, dict):
            self.add(line, Msg("shape.partner_roles", what=what))
            return
        for partner, text in value.items():
            at = _key_line(value, partner, line)
            if partner not in PARTNERS:
                self.add(at, Msg("shape.unknown_partner", what=what, partner=partner, hint=hint(partner, PARTNERS),
                                 allowed=", ".join(PARTNERS)))
            self._check_text(text, at, Msg("what.key", what=what, key=partner))

    def _check_requirements(self, value, line, what):
        if not isinstance(value, list):
            self.add(line, Msg("shape.requirements", what=what))
            return
        for index, req in enumerate(value):
            if not isinstance(req, dict):
                self.add(_line(value, index, line), Msg("shape.requirement", what=what))
                continue
            self.check_keys(req, {"text": (True, "text"), "legal_basis": (False, "strs")}, Msg("what.requirement"))

    def _check_param_values(self, value, line, what):
        if not isinstance(value, list) or not value:
            self.add(line, Msg("shape.param_values", what=what))
            return
        previous_end = None
        for index, entry in enumerate(value):
            at = _line(value, index, line)
            if not isinstance(entry, dict):
                self.add(at, Msg("shape.param_entry", what=what))
                continue
            self.check_keys(entry, {"from": (True, "date"), "until": (False, "date"), "value": (True, "any")},
                            Msg("what.parameter_value"))
            value = entry.get("value")
            if "value" in entry and not (is_plain_value(value, allow_list=True) or isinstance(value, dict) and all(
                    is_plain_value(v, allow_list=True) for v in value.values())):
                self.add(entry.line_of("value"), Msg("shape.param_value", value=_short(value)))
            start, end = entry.get("from"), entry.get("until")
            if _is_date(start) and _is_date(end) and end < start:
                self.add(entry.line_of("until"), Msg("shape.until_before_from", end=end, start=start))
            if _is_date(start) and previous_end is not None and _is_date(previous_end) and start <= previous_end:
                self.add(entry.line_of("from"), Msg("shape.overlap", start=start))
            previous_end = end if end is not None else start


def is_plain_value(value, allow_list: bool = False) -> bool:
    """A value a condition or parameter may hold: a text, true/false, a finite number (or a list of those)."""
    if isinstance(value, list) and allow_list:
        return all(is_plain_value(v) for v in value)
    if isinstance(value, float):
        return math.isfinite(value)
    return isinstance(value, (str, int, bool))


def is_name(value) -> bool:
    """An id, a field or parameter name must be a text (a list or mapping there would crash a lookup)."""
    return isinstance(value, str)


def _short(value) -> str:
    """A value for a message, cut short (it may come from a hostile file)."""
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _is_date(value) -> bool:
    return isinstance(value, datetime.date) and not isinstance(value, datetime.datetime)


def _line(container, index, default):
    return container.line_of(index) if isinstance(container, LocatedList) else default


def _key_line(container, key, default):
    return container.line_of(key) if isinstance(container, LocatedDict) else default


is_date = _is_date
