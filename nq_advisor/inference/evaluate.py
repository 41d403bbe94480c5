"""Three-valued evaluation of conditions in plain Python (True, False, None = unknown).

This is the second interpreter of the rule language: experta decides what
fires, this module explains it: which conditions failed (``unmet``), which
unknown facts would decide a rule (``missing``), and which conditions held
(``met``).  Truth values come from the closures of :mod:`closures`, compiled
once per knowledge base; an :class:`Evaluation` memoises them for its case, so
the decision, the explanations and the interview's planning share one set.
:func:`resolve` and :func:`compare` remain the plain reference definitions
(experta's predicates and the wording use them).
"""
from __future__ import annotations

import datetime

from nq_advisor.load import conditions as c
from nq_advisor.inference.closures import ALL, ANY, COMPARE, DERIVED, UNDEFINED, UNKNOWN, compiled_conditions
from nq_advisor.inference.facts import NEVER
from nq_advisor.load.model import KnowledgeBase, Rule

__all__ = ["UNDEFINED", "UNKNOWN", "Evaluation", "compare", "resolve"]


def resolve(expr, facts: dict, kb: KnowledgeBase, as_of: datetime.date):
    """Value of an expression, UNKNOWN when a fact it reads is absent, UNDEFINED for a missing parameter."""
    if isinstance(expr, c.Literal):
        return expr.value
    if isinstance(expr, c.FactRef):
        return facts.get(expr.field, UNKNOWN)
    if isinstance(expr, c.AttrRef):
        ref = facts.get(expr.of, UNKNOWN)
        if ref is UNKNOWN:
            return UNKNOWN
        item = kb.items[ref]
        if expr.attr == c.IN_FORCE_ATTRIBUTE:
            return item.validity.holds_on(as_of)
        return item.data.get(expr.attr, UNDEFINED)
    if isinstance(expr, c.ParamRef):
        try:
            value = kb.param_value(expr.param, as_of)
        except LookupError:
            return UNDEFINED
        return tuple(value) if isinstance(value, list) else value
    if isinstance(expr, c.Arithmetic):
        values = [resolve(arg, facts, kb, as_of) for arg in expr.args]
        if any(v is UNDEFINED for v in values):
            return UNDEFINED
        if any(v is UNKNOWN for v in values):
            return UNKNOWN
        if expr.op == "sub":
            return values[0] - values[1]
        result = values[0]
        for value in values[1:]:
            result = result * value if expr.op == "mul" else result + value
        return result
    raise TypeError(f"not an expression: {expr!r}")


def compare(op: str, left, right) -> bool:
    """Two-valued comparison of known values (shared by both interpreters)."""
    if left is UNDEFINED or right is UNDEFINED:
        return False
    if op == "eq":
        return left == right
    if op == "ne":
        return left != right
    if op == "lt":
        return left < right
    if op == "le":
        return left <= right
    if op == "gt":
        return left > right
    if op == "ge":
        return left >= right
    if op == "in":
        return left in right
    if op == "not_in":
        return left not in right
    if op == "contains":
        return right in left
    if op == "not_contains":
        return right not in left
    raise ValueError(f"unknown operator {op}")


class Evaluation:
    """Evaluates the rules of one subject on one case, memoising derived facts and junction truths."""

    __slots__ = ("kb", "subject", "facts", "as_of", "params", "memo", "compiled", "_derived", "_missing")

    def __init__(self, kb: KnowledgeBase, subject: str, facts: dict, as_of: datetime.date,
                 absent_meanings: bool = True):
        self.kb = kb
        self.subject = subject
        self.compiled = compiled = compiled_conditions(kb)
        # the interview passes absent_meanings=False: an absent "never" field is still worth asking
        if absent_meanings:
            never = [name for name in compiled.never_fields.get(subject, ()) if name not in facts]
            if never:
                facts = {**facts, **dict.fromkeys(never, NEVER)}
        self.facts = facts
        self.as_of = as_of
        self.params = compiled.params_on(as_of)
        self.memo: dict[int, bool | None] = {}
        self._derived: dict[str, bool | None] = {}
        self._missing: dict[int, tuple] = {}

    # truth -------------------------------------------------------------------
    def truth(self, node) -> bool | None:
        """Three-valued truth of a condition (``all``/``any`` nodes are memoised for this case)."""
        return self.compiled.truth_of(node)(self)

    def operands(self, node: c.Compare):
        return (self.value(node.left), self.value(node.right))

    def value(self, expr):
        """The value of an expression in this case (UNKNOWN / UNDEFINED as :func:`resolve`)."""
        return self.compiled.value_of(expr)(self)

    def derived(self, name: str) -> bool | None:
        """A derived fact holds if any deriving rule holds, fails if all fail, else is unknown."""
        derived = self._derived
        if name not in derived:
            derived[name] = None  # cycles are rejected at load time; this guards recursion
            values = [record.truth(self) for record in self.compiled.derivation_records(self.subject, name)]
            derived[name] = True if True in values else (None if None in values else False)
        return derived[name]

    def negation_truth(self, name: str) -> bool | None:
        """Truth of 'every derivation of ``name`` fails', read as the engine reads it: the conjunction
        of the negated conditions.  It differs from "no derivation holds" only when a condition
        compares with a parameter that has no value on the date: such a comparison is false and so
        is its negation, so the negated derived fact does not hold either (neither side is claimed
        before the law sets the number)."""
        key = ("not", name)
        if key not in self._derived:
            self._derived[key] = self.truth(self.compiled.negated_derivations(self.subject, name))
        return self._derived[key]

    def rule_truth(self, rule: Rule) -> bool | None:
        return self.compiled.truth_of(rule.condition)(self)

    def possible(self, node, target: bool, frozen=frozenset()) -> bool:
        """Could ``node`` still become ``target`` if more facts were learnt, ``frozen`` ones staying unknown?

        Used by the interview: once a counsellor skips a field, a rule that needs it
        can no longer become true, so the other facts it reads no longer matter.
        A comparison with unknown facts is taken to be able to go either way.
        """
        return self._possible(self.compiled.entry(node), target, frozen)

    def _possible(self, record, target: bool, frozen) -> bool:
        truth = record.truth(self)
        if truth is not None:
            return truth == target
        kind = record.kind
        if kind == ALL or kind == ANY:
            parts = [self._possible(child, target, frozen) for child in record.children]
            return all(parts) if target == (kind == ALL) else any(parts)
        if kind == DERIVED:
            return self._derived_possible(record.node.name, record.node.value == target, frozen)
        if kind == COMPARE:
            return not any(f in frozen for f in record.fields if f not in self.facts)
        return False

    def _derived_possible(self, name: str, value: bool, frozen) -> bool:
        derivations = self.compiled.derivation_records(self.subject, name)
        if value:
            return any(self._possible(record, True, frozen) for record in derivations)
        return all(self._possible(record, False, frozen) for record in derivations)

    # explanation ---------------------------------------------------------------
    def unmet(self, node) -> list:
        """The atoms that make a false condition false."""
        return [record.node for record in self.unmet_records(self.compiled.entry(node))]

    def unmet_records(self, record) -> list:
        """:meth:`unmet` on compiled records (equal atoms of different rules are one record)."""
        if record.truth(self) is not False:
            return []
        return self._unmet(record)

    def _unmet(self, record) -> list:
        """The atoms of a false record that make it false (a false ``any`` has only false children)."""
        kind = record.kind
        if kind == ALL:
            return [a for child in record.children if child.truth(self) is False for a in self._unmet(child)]
        if kind == ANY:
            return [a for child in record.children for a in self._unmet(child)]
        return [record]

    def met(self, node) -> list:
        """The atoms that make a true condition true."""
        return [record.node for record in self.met_records(self.compiled.entry(node))]

    def met_records(self, record) -> list:
        if record.truth(self) is not True:
            return []
        return self._met(record)

    def _met(self, record) -> list:
        """The atoms of a true record that make it true (a true ``all`` has only true children)."""
        kind = record.kind
        if kind == ALL:
            return [a for child in record.children for a in self._met(child)]
        if kind == ANY:
            return self._met(next(child for child in record.children if child.truth(self) is True))
        return [record]

    def missing(self, node) -> list[str]:
        """Unknown facts that keep an undecided condition undecided, in order of appearance."""
        return list(self.missing_of(self.compiled.entry(node)))

    def missing_of(self, record) -> tuple:
        """:meth:`missing` of a compiled record, memoised per case (undecided rules share subtrees)."""
        memo = self._missing
        found = memo.get(id(record))
        if found is None:
            found = memo[id(record)] = self._find_missing(record)
        return found

    def _find_missing(self, record) -> tuple:
        kind = record.kind
        if kind == COMPARE:  # unknown exactly when a fact it reads is absent
            facts = self.facts
            return tuple([f for f in record.fields if f not in facts])
        if record.truth(self) is not None:
            return ()
        if kind == ALL or kind == ANY:
            children = record.children
        elif kind == DERIVED:
            children = self.compiled.derivation_records(self.subject, record.node.name)
        else:
            return ()
        found: dict = {}
        memo, facts = self._missing, self.facts
        for child in children:
            if child.kind == COMPARE:
                for name in child.fields:
                    if name not in facts:
                        found[name] = None
                continue
            names = memo.get(id(child))
            if names is None:  # a decided child has nothing missing: no need to look inside
                names = memo[id(child)] = () if child.truth(self) is not None else self._find_missing(child)
            for name in names:
                found[name] = None
        return tuple(found)
