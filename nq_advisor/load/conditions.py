"""The rule condition language: a small tree of all/any/not, comparisons and references.

Conditions are data.  They are parsed from YAML into the node classes below and
immediately brought into negation normal form: ``not`` is pushed down to the
comparisons, whose negation is exact under three-valued logic (``not (x >= y)``
is ``x < y``; both are unknown when ``x`` is).  Both interpreters, the experta
compilation and the plain three-valued evaluator, work on this one tree.

YAML forms::

    all: [COND, ...]          any: [COND, ...]          not: COND
    {fact: F, OP: EXPR}       {attr: A, of: F, OP: EXPR}
    {derived: NAME}           # true when a `derives: NAME` rule holds
    {attr: in_force, of: F, eq: true}   # the item F names is in force on the evaluation date

with OP one of eq ne lt le gt ge in not_in contains not_contains, and EXPR a
literal, a list, ``{param: ID}``, ``{fact: F}``, ``{attr: A, of: F}`` or
``{mul|add: [EXPR, EXPR, ...]}`` / ``{sub: [EXPR, EXPR]}``.
"""
from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Union

COMPARISONS = ("eq", "ne", "lt", "le", "gt", "ge", "in", "not_in", "contains", "not_contains")
NEGATED = {
    "eq": "ne", "ne": "eq", "lt": "ge", "ge": "lt", "le": "gt", "gt": "le",
    "in": "not_in", "not_in": "in", "contains": "not_contains", "not_contains": "contains",
}
ARITHMETIC = ("mul", "add", "sub")
# pseudo-attribute of every item: true when the item (e.g. an occupation) is in force on the evaluation date
IN_FORCE_ATTRIBUTE = "in_force"


# --- expressions -----------------------------------------------------------

@dataclass(frozen=True)
class Literal:
    value: object


@dataclass(frozen=True)
class FactRef:
    field: str


@dataclass(frozen=True)
class AttrRef:
    """An attribute of the knowledge item named by a fact (e.g. the target occupation's duration)."""

    attr: str
    of: str


@dataclass(frozen=True)
class ParamRef:
    param: str


@dataclass(frozen=True)
class Arithmetic:
    op: str
    args: tuple


Expr = Union[Literal, FactRef, AttrRef, ParamRef, Arithmetic]


def expr_fields(expr: Expr) -> tuple[str, ...]:
    """Fact fields an expression reads, in order of first use."""
    if isinstance(expr, FactRef):
        return (expr.field,)
    if isinstance(expr, AttrRef):
        return (expr.of,)
    if isinstance(expr, Arithmetic):
        seen: list[str] = []
        for arg in expr.args:
            seen.extend(f for f in expr_fields(arg) if f not in seen)
        return tuple(seen)
    return ()


def expr_params(expr: Expr) -> tuple[str, ...]:
    if isinstance(expr, ParamRef):
        return (expr.param,)
    if isinstance(expr, Arithmetic):
        return tuple(p for arg in expr.args for p in expr_params(arg))
    return ()


# --- conditions --------------------------------------------------------------

@dataclass(frozen=True)
class Compare:
    """``left OP right``; unknown when any fact it reads is unknown."""

    left: Expr
    op: str
    right: Expr
    line: int = field(default=0, compare=False)

    def negated(self) -> "Compare":
        return Compare(self.left, NEGATED[self.op], self.right, self.line)

    @property
    def fields(self) -> tuple[str, ...]:
        out = list(expr_fields(self.left))
        out.extend(f for f in expr_fields(self.right) if f not in out)
        return tuple(out)


@dataclass(frozen=True)
class Derived:
    """Reference to a derived fact: ``value`` True means 'holds', False 'definitely does not hold'."""

    name: str
    value: bool = True
    line: int = field(default=0, compare=False)

    def negated(self) -> "Derived":
        return Derived(self.name, not self.value, self.line)


@dataclass(frozen=True)
class InForce:
    """The evaluation date lies in [start, end] (both inclusive; None = open)."""

    start: datetime.date | None
    end: datetime.date | None
    inside: bool = True

    def negated(self) -> "InForce":
        return InForce(self.start, self.end, not self.inside)

    def holds_on(self, day: datetime.date) -> bool:
        within = (self.start is None or self.start <= day) and (self.end is None or day <= self.end)
        return within == self.inside


@dataclass(frozen=True)
class All:
    children: tuple


@dataclass(frozen=True)
class Any_:
    children: tuple


Atom = Union[Compare, Derived, InForce]
Condition = Union[All, Any_, Compare, Derived, InForce]


def negate(node: Condition) -> Condition:
    """Negation normal form of ``not node``."""
    if isinstance(node, All):
        return Any_(tuple(negate(c) for c in node.children))
    if isinstance(node, Any_):
        return All(tuple(negate(c) for c in node.children))
    return node.negated()


def atoms(node: Condition):
    """Every atom of a condition tree, depth first."""
    if isinstance(node, (All, Any_)):
        for child in node.children:
            yield from atoms(child)
    else:
        yield node


def in_force_atom(start, end) -> InForce | None:
    return None if start is None and end is None else InForce(start, end)


def with_validity(condition: Condition | None, validity: InForce | None) -> Condition:
    if validity is None:
        return condition
    rest = condition.children if isinstance(condition, All) else (condition,)
    return All((validity,) + tuple(rest))
