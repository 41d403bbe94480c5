"""Three-valued evaluation of conditions in plain Python (True, False, None = unknown).

This is the second interpreter of the rule language: experta decides what
fires, this module explains it: which conditions failed (``unmet``), which
unknown facts would decide a rule (``missing``), and which conditions held
(``met``).  Both share :func:`compare` and :func:`resolve`, so that they
agree by construction on what a single comparison means.
"""
from __future__ import annotations

import datetime

from nq_advisor.load import conditions as c
from nq_advisor.inference.facts import with_absent_meanings
from nq_advisor.load.model import KnowledgeBase, Rule


class _Unknown:
    def __repr__(self) -> str:
        return "UNKNOWN"


class _Undefined:
    """A parameter with no value on the evaluation date: the comparison is false."""

    def __repr__(self) -> str:
        return "UNDEFINED"


UNKNOWN = _Unknown()
UNDEFINED = _Undefined()


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
    """Evaluates the rules of one subject on one case, memoising derived facts."""

    def __init__(self, kb: KnowledgeBase, subject: str, facts: dict, as_of: datetime.date,
                 absent_meanings: bool = True):
        self.kb = kb
        self.subject = subject
        # the interview passes absent_meanings=False: an absent "never" field is still worth asking
        self.facts = with_absent_meanings(kb, subject, facts) if absent_meanings else facts
        self.as_of = as_of
        self._derived: dict[str, bool | None] = {}
        self._truths: dict[int, tuple] = {}

    # truth -------------------------------------------------------------------
    def truth(self, node) -> bool | None:
        """Three-valued truth of a condition.

        ``all``/``any`` nodes are memoised, since the explanations (unmet, met, missing)
        ask for the same subtrees again at every level; single comparisons are cheaper
        to evaluate than to look up.
        """
        if isinstance(node, (c.All, c.Any_)):
            memo = self._truths.get(id(node))
            if memo is None:
                # the node is kept in the memo so that its id cannot be reused by another node meanwhile
                memo = self._truths[id(node)] = (node, self._junction_truth(node))
            return memo[1]
        return self._atom_truth(node)

    def _junction_truth(self, node) -> bool | None:
        if isinstance(node, c.All):
            values = [self.truth(child) for child in node.children]
            return False if False in values else (None if None in values else True)
        if isinstance(node, c.Any_):
            values = [self.truth(child) for child in node.children]
            return True if True in values else (None if None in values else False)
        raise TypeError(f"not a condition: {node!r}")

    def _atom_truth(self, node) -> bool | None:
        if isinstance(node, c.InForce):
            return node.holds_on(self.as_of)
        if isinstance(node, c.Derived):
            value = self.derived(node.name)
            if value is False and node.value is False:
                return self._negation_truth(node.name)
            return None if value is None else value == node.value
        if isinstance(node, c.Compare):
            left, right = self.operands(node)
            if left is UNKNOWN or right is UNKNOWN:
                return None
            return compare(node.op, left, right)
        raise TypeError(f"not a condition: {node!r}")

    def operands(self, node: c.Compare):
        return (resolve(node.left, self.facts, self.kb, self.as_of),
                resolve(node.right, self.facts, self.kb, self.as_of))

    def derived(self, name: str) -> bool | None:
        """A derived fact holds if any deriving rule holds, fails if all fail, else is unknown."""
        if name not in self._derived:
            self._derived[name] = None  # cycles are rejected at load time; this guards recursion
            values = [self.truth(rule.condition) for rule in self.kb.derivations(self.subject, name)]
            self._derived[name] = True if True in values else (None if None in values else False)
        return self._derived[name]

    def _negation_truth(self, name: str) -> bool | None:
        """Truth of 'every derivation of ``name`` fails', read as the engine reads it: the conjunction
        of the negated conditions.  It differs from "no derivation holds" only when a condition
        compares with a parameter that has no value on the date: such a comparison is false and so
        is its negation, so the negated derived fact does not hold either (neither side is claimed
        before the law sets the number)."""
        key = ("not", name)
        if key not in self._derived:
            self._derived[key] = self.truth(c.All(tuple(
                c.negate(rule.condition) for rule in self.kb.derivations(self.subject, name))))
        return self._derived[key]

    def rule_truth(self, rule: Rule) -> bool | None:
        return self.truth(rule.condition)

    def possible(self, node, target: bool, frozen=frozenset()) -> bool:
        """Could ``node`` still become ``target`` if more facts were learnt, ``frozen`` ones staying unknown?

        Used by the interview: once a counsellor skips a field, a rule that needs it
        can no longer become true, so the other facts it reads no longer matter.
        A comparison with unknown facts is taken to be able to go either way.
        """
        truth = self.truth(node)
        if truth is not None:
            return truth == target
        if isinstance(node, c.All):
            parts = [self.possible(child, target, frozen) for child in node.children]
            return all(parts) if target else any(parts)
        if isinstance(node, c.Any_):
            parts = [self.possible(child, target, frozen) for child in node.children]
            return any(parts) if target else all(parts)
        if isinstance(node, c.Derived):
            return self._derived_possible(node.name, node.value == target, frozen)
        if isinstance(node, c.Compare):
            return not any(f in frozen for f in node.fields if f not in self.facts)
        return False

    def _derived_possible(self, name: str, value: bool, frozen) -> bool:
        derivations = [rule.condition for rule in self.kb.derivations(self.subject, name)]
        if value:
            return any(self.possible(condition, True, frozen) for condition in derivations)
        return all(self.possible(condition, False, frozen) for condition in derivations)

    # explanation ---------------------------------------------------------------
    def _explained_truth(self, node) -> bool | None:
        """Truth memoised for atoms too: the explanations visit every atom several times."""
        memo = self._truths.get(id(node))
        if memo is None:
            memo = self._truths[id(node)] = (node, self.truth(node))
        return memo[1]

    def unmet(self, node) -> list:
        """The atoms that make a false condition false."""
        if self._explained_truth(node) is not False:
            return []
        if isinstance(node, c.All):
            return [a for child in node.children if self._explained_truth(child) is False for a in self.unmet(child)]
        if isinstance(node, c.Any_):
            return [a for child in node.children for a in self.unmet(child)]
        return [node]

    def met(self, node) -> list:
        """The atoms that make a true condition true."""
        if self._explained_truth(node) is not True:
            return []
        if isinstance(node, c.All):
            return [a for child in node.children for a in self.met(child)]
        if isinstance(node, c.Any_):
            first_true = next(child for child in node.children if self._explained_truth(child) is True)
            return self.met(first_true)
        return [node]

    def missing(self, node) -> list[str]:
        """Unknown facts that keep an undecided condition undecided, in order of appearance."""
        if self._explained_truth(node) is not None:
            return []
        found: list[str] = []
        if isinstance(node, (c.All, c.Any_)):
            for child in node.children:
                if self._explained_truth(child) is None:
                    found.extend(f for f in self.missing(child) if f not in found)
        elif isinstance(node, c.Derived):
            for rule in self.kb.derivations(self.subject, node.name):
                found.extend(f for f in self.missing(rule.condition) if f not in found)
        elif isinstance(node, c.Compare):
            found.extend(f for f in node.fields if f not in self.facts)
        return found
