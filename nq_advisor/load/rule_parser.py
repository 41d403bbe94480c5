"""Parse and check rule files: conditions, references to fields, items, parameters, derived facts."""
from __future__ import annotations

import datetime

from nq_advisor.load import conditions as c
from nq_advisor.errors import Problem
from nq_advisor.load.model import FieldDef, Item, PriorityRaise, Rule, Source
from nq_advisor.load.shapes import KIND_KEYS, RECOMMENDABLE_KINDS, ShapeChecker, is_date, is_name, is_plain_value
from nq_advisor.load.priority import parse_priority_raise
from nq_advisor.load.says import rule_says_problems
from nq_advisor.load.rule_texts import RULE_TEXTS
from nq_advisor.load.texts import Msg, hint, problem
from nq_advisor.load.yamlsource import LocatedDict, LocatedList

RULE_KEYS = {
    "id": (True, "id"),
    "subject": (True, ("enum", ("person", "region"))),
    "recommends": (False, "ref"),
    "derives": (False, "id"),
    "priority": (False, "int"),
    "priority_raised": (False, "any"),   # {to, when, because[, legal_basis, sources]}: see _priority_raise
    "title": (False, "text"),
    "because": (True, "text"),
    "when": (False, "any"),   # required unless the rule has a scope (then the scope alone decides)
    "scope": (False, "any"),
    "legal_basis": (False, "strs"),
    "sources": (True, "sources"),
    "valid_from": (False, "date"),
    "valid_until": (False, "date"),
    "requirements": (False, "requirements"),
    "note": (False, "text"),
    # low: the rule rests on secondary sources or an open legal question (its `note` says which);
    # the advice then warns, as for a low-confidence item
    "confidence": (False, ("enum", ("high", "medium", "low"))),
    "says": (False, "any"),   # wording of the derived fact, or of one of the rule's conditions (load/says.py)
}
_NUMERIC_OPS = ("lt", "le", "gt", "ge")


class RuleParser:
    """Turns rule mappings into :class:`Rule` objects, collecting every problem found."""

    def __init__(self, items: dict[str, Item], fields: dict[str, dict[str, FieldDef]],
                 parameters: dict, derived_names: dict[str, set[str]]):
        self.items = items
        self.fields = fields
        self.parameters = parameters
        self.derived_names = derived_names
        self.problems: list[Problem] = []
        self._subjects_without_fields: set[str] = set()  # reported once, at the first rule that needs them

    def parse_file(self, data, file: str) -> list[Rule]:
        checker = ShapeChecker(file)
        rules: list[Rule] = []
        if not isinstance(data, list):
            self.problems.append(problem(file, getattr(data, "line", 1), Msg("rule.file_not_list")))
            return rules
        for index, raw in enumerate(data):
            line = data.line_of(index) if isinstance(data, LocatedList) else 0
            if not isinstance(raw, LocatedDict):
                checker.add(line, Msg("rule.not_mapping"))
                continue
            rule = self._parse_rule(raw, file, checker)
            if rule is not None:
                rules.append(rule)
        self.problems.extend(checker.problems)
        return rules

    def _parse_rule(self, raw: LocatedDict, file: str, checker: ShapeChecker) -> Rule | None:
        rule_id = raw.get("id", "?")
        checker.check_keys(raw, RULE_KEYS, Msg("what.rule", id=rule_id))
        subject = raw.get("subject")
        if not is_name(subject) or subject not in self.fields:
            if subject in ("person", "region") and subject not in self._subjects_without_fields:
                self._subjects_without_fields.add(subject)
                checker.add(raw.line, Msg("rule.subject_without_fields", id=rule_id, subject=subject))
            return None
        recommends, derives = raw.get("recommends"), raw.get("derives")
        if (recommends is not None and not is_name(recommends)) or (derives is not None and not is_name(derives)):
            return None  # the shape check has named it
        if (recommends is None) == (derives is None):
            checker.add(raw.line, Msg("rule.one_target", id=rule_id))
        if recommends is not None:
            item = self.items.get(recommends)
            if item is None:
                checker.add(raw.line_of("recommends"), Msg("rule.unknown_item", id=rule_id, ref=recommends,
                                                           hint=hint(recommends, self.items)))
            elif item.kind not in RECOMMENDABLE_KINDS:
                checker.add(raw.line_of("recommends"), Msg("rule.not_recommendable", id=rule_id, ref=recommends,
                                                           kind=item.kind, allowed=", ".join(RECOMMENDABLE_KINDS)))
            if "priority" not in raw:
                checker.add(raw.line, Msg("rule.needs_priority", id=rule_id))
            elif isinstance(raw["priority"], int) and raw["priority"] < 1:
                checker.add(raw.line_of("priority"), Msg("rule.priority_low", id=rule_id))
        for line, message in rule_says_problems(raw, str(rule_id), derives):
            checker.add(line, message)
        if derives is not None and "title" not in raw:
            checker.add(raw.line, Msg("rule.needs_title", id=rule_id, name=derives))
        start, end = raw.get("valid_from"), raw.get("valid_until")
        if is_date(start) and is_date(end) and end < start:
            checker.add(raw.line_of("valid_until"), Msg("kb.valid_until_before", what=Msg("what.rule", id=rule_id),
                                                        end=end, start=start))
        if "when" not in raw and "scope" not in raw:
            checker.add(raw.line, Msg("rule.needs_condition", id=rule_id))
            return None
        when = self.parse_condition(raw["when"], subject, raw.line_of("when"), file) if "when" in raw else None
        scope = self.parse_condition(raw["scope"], subject, raw.line_of("scope"), file) if "scope" in raw else None
        if ("when" in raw and when is None) or ("scope" in raw and scope is None):
            return None
        validity = _validity(raw, self.items.get(recommends) if recommends else None)
        condition = c.with_validity(c.All(tuple(part for part in (scope, when) if part is not None)), validity)
        raised = self._priority_raise(raw, rule_id, subject, condition, file, checker)
        return Rule(
            id=str(rule_id), subject=subject, condition=condition, when=when,
            scope=scope, validity=validity, recommends=recommends, derives=derives,
            priority=raw.get("priority", 0) if isinstance(raw.get("priority"), int) else 0,
            title=raw.get("title") or {}, because=raw.get("because") or {},
            legal_basis=_listed(raw.get("legal_basis")),
            sources=[Source(s["url"], s["checked"], s.get("title", "")) for s in _listed(raw.get("sources"))
                     if isinstance(s, dict) and "url" in s and "checked" in s],
            requirements=_listed(raw.get("requirements")), file=file, line=raw.line, priority_raised=raised,
            confidence=raw.get("confidence") or "high", note=raw.get("note") or {},
            says=dict(raw["says"]) if isinstance(raw.get("says"), dict) else None,
        )

    def _priority_raise(self, raw, rule_id, subject, condition, file, checker) -> PriorityRaise | None:
        return parse_priority_raise(self, raw, rule_id, subject, condition, file, checker)

    # conditions -----------------------------------------------------------------
    def _problem(self, file: str, line: int, message: Msg) -> None:
        self.problems.append(problem(file, line, message))

    def parse_condition(self, raw, subject: str, line: int, file: str):
        """Parse one condition into NNF; None (with problems recorded) when it is malformed."""
        if not isinstance(raw, dict):
            self._problem(file, line, Msg("cond.not_mapping"))
            return None
        line = getattr(raw, "line", line)
        keys = set(raw)
        for junction in ("all", "any"):
            if junction in keys:
                if keys != {junction}:
                    self._problem(file, line, Msg("cond.combined", key=junction, others=sorted(keys - {junction})))
                    return None
                children_raw = raw[junction]
                if not isinstance(children_raw, list) or not children_raw:
                    self._problem(file, line, Msg("cond.empty_junction", key=junction))
                    return None
                children = [self.parse_condition(child, subject, _item_line(children_raw, i, line), file)
                            for i, child in enumerate(children_raw)]
                if any(child is None for child in children):
                    return None
                return c.All(tuple(children)) if junction == "all" else c.Any_(tuple(children))
        if "not" in keys:
            if keys != {"not"}:
                self._problem(file, line, Msg("cond.combined", key="not", others=sorted(keys - {"not"})))
                return None
            inner = self.parse_condition(raw["not"], subject, line, file)
            return None if inner is None else c.negate(inner)
        if "derived" in keys:
            name = raw["derived"]
            if keys != {"derived"}:
                self._problem(file, line, Msg("cond.combined", key="derived", others=sorted(keys - {"derived"})))
                return None
            if not is_name(name):
                self._problem(file, line, Msg("cond.derived_name", value=_short(name)))
                return None
            known = self.derived_names.get(subject, set())
            if name not in known:
                self._problem(file, line, Msg("cond.unknown_derived", name=name, hint=hint(name, known)))
                return None
            return c.Derived(name, True, line)
        return self._parse_comparison(raw, subject, line, file)

    def _parse_comparison(self, raw, subject, line, file):
        ops = [k for k in raw if k in c.COMPARISONS]
        left_keys = {"fact"} if "fact" in raw else {"attr", "of"}
        allowed = left_keys | set(ops)
        extra = [k for k in raw if k not in allowed]
        if extra:
            keys = ("all", "any", "not", "fact", "attr", "of", "derived") + c.COMPARISONS
            self._problem(file, line, Msg("cond.unknown_key", key=extra[0], hint=hint(extra[0], keys)))
            return None
        if len(ops) != 1:
            self._problem(file, line, Msg("cond.one_operator", ops=", ".join(c.COMPARISONS)))
            return None
        op = ops[0]
        left = self._parse_operand({k: raw[k] for k in left_keys if k in raw}, subject, line, file)
        right = self._parse_expr(raw[op], subject, line, file, allow_list=op in ("in", "not_in"))
        if left is None or right is None:
            return None
        if not self._check_comparison(left, op, right, subject, line, file):
            return None
        return c.Compare(left, op, right, line)

    def _parse_operand(self, raw, subject, line, file):
        if "fact" in raw:
            return self._fact_ref(raw["fact"], subject, line, file)
        if "attr" in raw and "of" in raw:
            return self._attr_ref(raw["attr"], raw["of"], subject, line, file)
        self._problem(file, line, Msg("cond.left_side"))
        return None

    def _fact_ref(self, name, subject, line, file):
        fields = self.fields[subject]
        if not is_name(name):
            self._problem(file, line, Msg("cond.fact_name", subject=subject, value=_short(name)))
            return None
        if name not in fields:
            self._problem(file, line, Msg("cond.unknown_field", subject=subject, name=name, hint=hint(name, fields)))
            return None
        return c.FactRef(name)

    def _attr_ref(self, attr, of, subject, line, file):
        if not is_name(attr) or not is_name(of):
            self._problem(file, line, Msg("cond.attr_names", attr=_short(attr), of=_short(of)))
            return None
        field = self.fields[subject].get(of)
        if field is None:
            self._problem(file, line, Msg("cond.unknown_field", subject=subject, name=of,
                                          hint=hint(of, self.fields[subject])))
            return None
        if field.type != "ref":
            self._problem(file, line, Msg("cond.of_not_ref", of=of))
            return None
        if attr == c.IN_FORCE_ATTRIBUTE:
            return c.AttrRef(attr, of)
        spec = KIND_KEYS.get(field.ref_kind, {})
        required = [k for k, (req, _) in spec.items() if req]
        if attr not in required:
            self._problem(file, line, Msg("cond.no_attribute", kind=field.ref_kind, attr=attr,
                                          hint=hint(attr, required + [c.IN_FORCE_ATTRIBUTE]),
                                          allowed=", ".join(required + [c.IN_FORCE_ATTRIBUTE])))
            return None
        return c.AttrRef(attr, of)

    def _parse_expr(self, raw, subject, line, file, allow_list=False):
        if isinstance(raw, dict):
            keys = set(raw)
            if keys == {"param"}:
                if not is_name(raw["param"]):
                    self._problem(file, line, Msg("cond.param_name", value=_short(raw["param"])))
                    return None
                if raw["param"] not in self.parameters:
                    self._problem(file, line, Msg("cond.unknown_param", name=raw["param"],
                                                  hint=hint(raw["param"], self.parameters)))
                    return None
                return c.ParamRef(raw["param"])
            if keys == {"fact"}:
                return self._fact_ref(raw["fact"], subject, line, file)
            if keys == {"attr", "of"}:
                return self._attr_ref(raw["attr"], raw["of"], subject, line, file)
            if len(keys) == 1 and next(iter(keys)) in c.ARITHMETIC:
                op = next(iter(keys))
                args_raw = raw[op]
                if not isinstance(args_raw, list) or len(args_raw) < 2 or (op == "sub" and len(args_raw) != 2):
                    self._problem(file, line, Msg("cond.operands_two" if op == "sub" else "cond.operands_more", op=op))
                    return None
                args = [self._parse_expr(a, subject, line, file) for a in args_raw]
                if any(a is None for a in args):
                    return None
                for arg in args:
                    kind = self._expr_kind(arg, subject)
                    if kind not in ("number", None):
                        self._problem(file, line, Msg("cond.arithmetic_kind", op=op, what=_describe(arg),
                                                      kind=_kind_words(kind)))
                        return None
                return c.Arithmetic(op, tuple(args))
            self._problem(file, line, Msg("cond.unknown_expression", expr=dict(raw)))
            return None
        if isinstance(raw, list):
            if not allow_list:
                self._problem(file, line, Msg("cond.list_only_in"))
                return None
            if not is_plain_value(raw, allow_list=True):
                self._problem(file, line, Msg("cond.list_values", value=_short(raw)))
                return None
            return c.Literal(tuple(raw))
        if isinstance(raw, datetime.date) or raw is None or not is_plain_value(raw):
            self._problem(file, line, Msg("cond.bad_value", value=_short(raw)))
            return None
        return c.Literal(raw)

    def _check_comparison(self, left, op, right, subject, line, file) -> bool:
        """Type checks that the fact definitions allow: enum values, numeric operators, lists."""
        kind, allowed_values = self._operand_type(left, subject)
        ok = True
        if op in _NUMERIC_OPS and kind not in ("int", "number"):
            self._problem(file, line, Msg("cond.left_number", op=op, kind=kind))
            ok = False
        right_kind = self._expr_kind(right, subject)
        if op in _NUMERIC_OPS and right_kind not in ("number", None):
            self._problem(file, line, Msg("cond.right_number", op=op, what=_describe(right),
                                          kind=_kind_words(right_kind)))
            ok = False
        if op in ("in", "not_in") and isinstance(right, c.ParamRef) and right_kind not in ("list", None):
            self._problem(file, line, Msg("cond.right_list", op=op, what=_describe(right),
                                          kind=_kind_words(right_kind)))
            ok = False
        if op in ("contains", "not_contains") and kind != "list":
            self._problem(file, line, Msg("cond.left_list", op=op))
            ok = False
        if op in ("in", "not_in") and not (isinstance(right, c.Literal) and isinstance(right.value, tuple)
                                           or isinstance(right, c.ParamRef)):
            self._problem(file, line, Msg("cond.right_values", op=op))
            ok = False
        if isinstance(right, c.Literal) and allowed_values:
            values = right.value if isinstance(right.value, tuple) else (right.value,)
            for value in values:
                if value not in allowed_values:
                    self._problem(file, line, Msg("cond.unknown_value", value=value, hint=hint(value, allowed_values),
                                                  allowed=", ".join(map(str, allowed_values))))
                    ok = False
        if isinstance(right, c.Literal) and kind == "bool" and not all(
                isinstance(v, bool) for v in (right.value if isinstance(right.value, tuple) else (right.value,))):
            self._problem(file, line, Msg("cond.yes_no", value=repr(right.value)))
            ok = False
        return ok

    def _operand_type(self, operand, subject):
        if isinstance(operand, c.FactRef):
            field = self.fields[subject][operand.field]
            if field.type in ("enum", "list", "ref"):
                return field.type, field.values
            return field.type, ()
        if operand.attr == c.IN_FORCE_ATTRIBUTE:
            return "bool", ()
        spec = KIND_KEYS[self.fields[subject][operand.of].ref_kind][operand.attr][1]
        if isinstance(spec, tuple):
            return "enum", spec[1]
        return {"int": "int", "bool": "bool"}.get(spec, "string"), ()


    def _expr_kind(self, expr, subject) -> str | None:
        """What an expression yields: number, text, true/false, list or mixed; None when not known here."""
        if isinstance(expr, c.Literal):
            return _value_kind(expr.value)
        if isinstance(expr, c.Arithmetic):
            return "number"
        if isinstance(expr, c.ParamRef):
            kinds = {_value_kind(v.value) for v in self.parameters.get(expr.param, ())}
            if not kinds:
                return None
            return kinds.pop() if len(kinds) == 1 else "mixed (" + ", ".join(sorted(kinds)) + ")"
        kind, _ = self._operand_type(expr, subject)
        return {"int": "number", "bool": "true/false", "list": "list"}.get(kind, "text")


def _value_kind(value) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, (list, tuple)):
        return "list"
    if isinstance(value, dict):
        return "mapping"
    return "text" if isinstance(value, str) else type(value).__name__


def _describe(expr) -> Msg | str:
    if isinstance(expr, c.ParamRef):
        return Msg("what.param", name=expr.param)
    if isinstance(expr, c.FactRef):
        return Msg("what.fact", name=expr.field)
    if isinstance(expr, c.AttrRef):
        return Msg("what.attr", attr=expr.attr, of=expr.of)
    if isinstance(expr, c.Literal):
        return _short(expr.value)
    return Msg("what.expression")


def _kind_words(kind: str) -> Msg:
    """What an expression yields (_expr_kind), in words."""
    if kind.startswith("mixed ("):
        return Msg("kind.mixed", kinds=[_kind_words(k) for k in kind[len("mixed ("):-1].split(", ")])
    return Msg(f"kind.{kind}") if f"kind.{kind}" in RULE_TEXTS else Msg("kind.other", name=kind)


def _short(value) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _listed(value) -> list:
    """A copy of ``value`` when it is a list, else an empty list (the shape check has reported it)."""
    return list(value) if isinstance(value, list) else []


def _validity(raw, item: Item | None):
    """Rule validity intersected with the validity of the recommended item."""
    starts = [d for d in (raw.get("valid_from"), item.get("valid_from") if item else None) if is_date(d)]
    ends = [d for d in (raw.get("valid_until"), item.get("valid_until") if item else None) if is_date(d)]
    return c.in_force_atom(max(starts) if starts else None, min(ends) if ends else None)


def _item_line(container, index, default):
    return container.line_of(index) if isinstance(container, LocatedList) else default
