"""Conditions compiled once into Python closures (no eval/exec): the fast three-valued interpreter.

Every condition node of a knowledge base becomes a function of one case (an
:class:`~nq_advisor.inference.evaluate.Evaluation`) returning True, False or
None (unknown).  The tree walk, the type dispatch, the operator lookup and the
search for dated parameters are done here once per knowledge base instead of
at every visit of every node of every case.  ``all``/``any`` nodes memoise
their truth in the case, so that the decision, the why-not, the undecided
facts, the distances and the interview's planning all read one set of truth
values per case.

experta stays the engine that decides what fires (``compiler.py`` builds its
own predicates); the property test ``tests/test_engine_agreement.py`` checks
that both agree.
"""
from __future__ import annotations

import datetime
import operator
from typing import Callable

from nq_advisor.load import conditions as c
from nq_advisor.load.model import KnowledgeBase


class _Unknown:
    def __repr__(self) -> str:
        return "UNKNOWN"


class _Undefined:
    """A parameter with no value on the evaluation date: the comparison is false."""

    def __repr__(self) -> str:
        return "UNDEFINED"


UNKNOWN = _Unknown()
UNDEFINED = _Undefined()

OPERATORS: dict[str, Callable] = {
    "eq": operator.eq, "ne": operator.ne, "lt": operator.lt, "le": operator.le,
    "gt": operator.gt, "ge": operator.ge,
    "in": lambda left, right: left in right,
    "not_in": lambda left, right: left not in right,
    "contains": operator.contains,
    "not_contains": lambda left, right: right not in left,
}

Truth = Callable[[object], "bool | None"]      # case -> True / False / None
Value = Callable[[object], object]              # case -> value / UNKNOWN / UNDEFINED
_PARAM_DATES_KEPT = 64                          # dates whose parameter values stay cached


ALL, ANY, COMPARE, DERIVED, IN_FORCE = "all", "any", "compare", "derived", "in_force"


class CompiledNode:
    """One condition node with its closure; equal nodes of different rules share one record.

    ``children`` are the records of an ``all``/``any`` node, ``fields`` the fact fields a
    comparison reads: the explanations walk these records instead of the node tree.
    """

    __slots__ = ("node", "truth", "kind", "children", "fields")

    def __init__(self, node, truth: Truth, kind: str, children: tuple = (), fields: tuple = ()):
        self.node, self.truth, self.kind, self.children, self.fields = node, truth, kind, children, fields


class CompiledConditions:
    """The closures of every condition node of one knowledge base, built once and kept.

    Records are found by node identity (the nodes belong to the knowledge base's rules and
    live as long as it does); equal nodes share a record, so a subtree that several rules
    repeat is evaluated once per case.  A node compiled on the fly is kept with its record
    so that its id cannot be reused meanwhile.
    """

    def __init__(self, kb: KnowledgeBase):
        self.kb = kb
        self._by_id: dict[int, tuple[object, CompiledNode]] = {}
        self._by_value: dict[object, CompiledNode] = {}
        self._negations: dict[tuple[str, str], object] = {}
        self._derivation_records: dict[tuple[str, str], tuple] = {}
        self._slots = 0
        self._params: dict[datetime.date, dict] = {}
        self._validity = {item_id: item.validity for item_id, item in kb.items.items()}
        self.never_fields = {subject: tuple(name for name, f in fields.items() if f.absent_means == "never")
                             for subject, fields in kb.fields.items()}
        for rule in kb.rules:
            raised = getattr(rule, "priority_raised", None)
            for node in (rule.condition, rule.scope, raised.when if raised else None):
                if node is not None:
                    self.entry(node)

    # public -----------------------------------------------------------------------
    def entry(self, node) -> CompiledNode:
        """The compiled record of a condition node."""
        found = self._by_id.get(id(node))
        if found is not None and found[0] is node:
            return found[1]
        record = self._by_value.get(node)
        if record is None:
            record = self._by_value[node] = self._compile(node)
        self._by_id[id(node)] = (node, record)
        return record

    def truth_of(self, node) -> Truth:
        return self.entry(node).truth

    def derivation_records(self, subject: str, name: str) -> tuple:
        """The compiled conditions of every rule deriving ``name``, looked up once."""
        key = (subject, name)
        records = self._derivation_records.get(key)
        if records is None:
            records = self._derivation_records[key] = tuple(
                self.entry(rule.condition) for rule in self.kb.derivations(subject, name))
        return records

    def negated_derivations(self, subject: str, name: str):
        """'Every derivation of ``name`` fails' as one condition (the engine's reading), built once."""
        key = (subject, name)
        node = self._negations.get(key)
        if node is None:
            node = self._negations[key] = c.All(tuple(
                c.negate(rule.condition) for rule in self.kb.derivations(subject, name)))
        return node

    def params_on(self, day: datetime.date) -> dict:
        """Every dated parameter's value on ``day`` (lists as tuples); missing ones are absent."""
        values = self._params.get(day)
        if values is None:
            values = {}
            for param_id in self.kb.parameters:
                entry = self.kb.param_entry(param_id, day)
                if entry is not None:
                    values[param_id] = tuple(entry.value) if isinstance(entry.value, list) else entry.value
            if len(self._params) >= _PARAM_DATES_KEPT:
                self._params.clear()
            self._params[day] = values
        return values

    # conditions -------------------------------------------------------------------
    def _compile(self, node) -> CompiledNode:
        if isinstance(node, (c.All, c.Any_)):
            children = tuple(self.entry(child) for child in node.children)
            is_all = isinstance(node, c.All)
            return CompiledNode(node, self._junction(children, is_all), ALL if is_all else ANY, children)
        if isinstance(node, c.InForce):
            holds = node.holds_on
            return CompiledNode(node, lambda case: holds(case.as_of), IN_FORCE)
        if isinstance(node, c.Derived):
            name, wanted = node.name, node.value

            def derived(case):
                value = case.derived(name)
                if value is False and wanted is False:
                    return case.negation_truth(name)
                return None if value is None else value == wanted
            return CompiledNode(node, derived, DERIVED)
        if isinstance(node, c.Compare):
            return CompiledNode(node, self._comparison(node), COMPARE, fields=node.fields)
        raise TypeError(f"not a condition: {node!r}")

    def _junction(self, children: tuple, is_all: bool) -> Truth:
        truths = tuple(child.truth for child in children)
        slot = self._slots
        self._slots += 1
        decisive = not is_all      # a false child decides an `all`, a true one an `any`
        otherwise = is_all

        def junction(case):
            memo = case.memo
            if slot in memo:
                return memo[slot]
            result = otherwise
            for truth in truths:
                value = truth(case)
                if value is decisive:
                    result = decisive
                    break
                if value is None:
                    result = None
            memo[slot] = result
            return result
        return junction

    def _comparison(self, node: c.Compare) -> Truth:
        test = OPERATORS[node.op]
        left, right = node.left, node.right
        if isinstance(left, c.FactRef) and isinstance(right, c.Literal):
            field, literal = left.field, right.value

            def fact_literal(case):   # the most common shape: one fact against a constant
                value = case.facts.get(field, UNKNOWN)
                return None if value is UNKNOWN else test(value, literal)
            return fact_literal
        get_left, get_right = self.value_of(left), self.value_of(right)
        slot = self._slots  # parameters, attributes and arithmetic cost more than a look-up: kept per case
        self._slots += 1

        def comparison(case):
            memo = case.memo
            if slot in memo:
                return memo[slot]
            a, b = get_left(case), get_right(case)
            if a is UNKNOWN or b is UNKNOWN:
                result = None
            elif a is UNDEFINED or b is UNDEFINED:
                result = False
            else:
                result = test(a, b)
            memo[slot] = result
            return result
        return comparison

    # expressions ------------------------------------------------------------------
    def value_of(self, expr) -> Value:
        """A closure giving the expression's value in a case (UNKNOWN / UNDEFINED as ``resolve``)."""
        if isinstance(expr, c.Literal):
            value = expr.value
            return lambda case: value
        if isinstance(expr, c.FactRef):
            field = expr.field
            return lambda case: case.facts.get(field, UNKNOWN)
        if isinstance(expr, c.ParamRef):
            param = expr.param
            return lambda case: case.params.get(param, UNDEFINED)
        if isinstance(expr, c.AttrRef):
            return self._attribute(expr)
        if isinstance(expr, c.Arithmetic):
            return self._arithmetic(expr)
        raise TypeError(f"not an expression: {expr!r}")

    def _attribute(self, expr: c.AttrRef) -> Value:
        of, attr, items, validity = expr.of, expr.attr, self.kb.items, self._validity
        if attr == c.IN_FORCE_ATTRIBUTE:
            def in_force(case):
                ref = case.facts.get(of, UNKNOWN)
                return UNKNOWN if ref is UNKNOWN else validity[ref].holds_on(case.as_of)
            return in_force

        def attribute(case):
            ref = case.facts.get(of, UNKNOWN)
            return UNKNOWN if ref is UNKNOWN else items[ref].data.get(attr, UNDEFINED)
        return attribute

    def _arithmetic(self, expr: c.Arithmetic) -> Value:
        args = tuple(self.value_of(arg) for arg in expr.args)
        step = {"mul": operator.mul, "add": operator.add, "sub": operator.sub}[expr.op]

        def arithmetic(case):
            values = [arg(case) for arg in args]
            if any(v is UNDEFINED for v in values):
                return UNDEFINED
            if any(v is UNKNOWN for v in values):
                return UNKNOWN
            result = values[0]
            for value in values[1:]:
                result = step(result, value)
            return result
        return arithmetic


def compiled_conditions(kb: KnowledgeBase) -> CompiledConditions:
    """The closures of ``kb``, compiled on first use and kept with the knowledge base."""
    compiled = kb.__dict__.get("_compiled_conditions")
    if compiled is None:
        compiled = kb.__dict__["_compiled_conditions"] = CompiledConditions(kb)
    return compiled
