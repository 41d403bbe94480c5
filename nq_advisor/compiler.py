"""Compile the rules of one subject into an experta ``KnowledgeEngine`` subclass.

Compiled once per knowledge base and subject; engines are instantiated from the
class and reused for many cases with ``reset()``.  The mapping follows the
advice in shared/domain/EXPERTA.md:

* the case is one wide fact per entity (``Subject``) plus a ``Case`` fact
  holding the evaluation date, and ``Derived`` facts for intermediate results;
* a comparison of one fact field against a constant or a dated parameter is
  a field constraint with one shared ``P`` predicate object per distinct
  comparison; comparisons between two facts bind the fields and use ``TEST``;
* conditions arrive in negation normal form, so no ``NOT`` is needed: a
  negated derived fact is the ``Derived(name, value=False)`` fact, declared by
  a generated companion rule when every derivation of the name is false.
  Inference stays monotonic: nothing is retracted or modified.

Dated parameters are read through a per-thread case context, so one compiled
class serves every evaluation date.
"""
from __future__ import annotations

import inspect
import threading

from . import conditions as c
from .agenda import ExactRemovalDepthStrategy
from .evaluate import UNKNOWN, compare, resolve
from .experta_compat import load_experta
from .model import KnowledgeBase, Rule

_experta = load_experta()
Fact, P, MATCH, TEST, AND, OR = (_experta.Fact, _experta.P, _experta.MATCH, _experta.TEST,
                                 _experta.AND, _experta.OR)
ExpertaRule, KnowledgeEngine = _experta.Rule, _experta.KnowledgeEngine


class Subject(Fact):
    """All known facts of the person or region under advice."""


class Case(Fact):
    """The evaluation date (``as_of``)."""


class Derived(Fact):
    """An intermediate conclusion: ``name`` holds (value=True) or definitely does not (value=False)."""


class CaseContext(threading.local):
    """What predicates need besides the field value: knowledge base, date, facts of this case."""

    kb: KnowledgeBase
    as_of = None
    facts: dict = {}


class RuleSetCompiler:
    """Builds the engine class for one subject of a knowledge base."""

    def __init__(self, kb: KnowledgeBase, subject: str, context: CaseContext):
        self.kb = kb
        self.subject = subject
        self.context = context
        self._predicates: dict = {}

    def build_engine_class(self) -> type:
        attributes: dict = {"__strategy__": ExactRemovalDepthStrategy}
        for index, rule in enumerate(self.kb.rules_for(self.subject)):
            attributes[f"rule_{index}"] = self._experta_rule(rule.condition, self._on_fire(rule))
        for index, (name, negative) in enumerate(self._negative_derivations().items()):
            attributes[f"negated_{index}"] = self._experta_rule(negative, self._declare_false(name))
        return type(f"{self.subject.title()}Engine", (KnowledgeEngine,), attributes)

    def _negative_derivations(self) -> dict[str, c.Condition]:
        """For each derived fact used negated: the condition under which all its derivations fail."""
        used = {a.name for r in self.kb.rules_for(self.subject) for a in c.atoms(r.condition)
                if isinstance(a, c.Derived) and not a.value}
        # a negated derived fact may in turn need further negated derived facts
        pending, result = sorted(used), {}
        while pending:
            name = pending.pop()
            if name in result:
                continue
            derivations = self.kb.derivations(self.subject, name)
            negative = c.All(tuple(c.negate(r.condition) for r in derivations))
            result[name] = negative
            pending.extend(a.name for a in c.atoms(negative) if isinstance(a, c.Derived) and not a.value)
        return dict(sorted(result.items()))

    # right-hand sides -------------------------------------------------------------
    @staticmethod
    def _on_fire(rule: Rule):
        if rule.derives:
            def fire(engine, _name=rule.derives, _id=rule.id):
                engine.fired.add(_id)
                engine.declare(Derived(name=_name, value=True))
        else:
            def fire(engine, _id=rule.id):
                engine.fired.add(_id)
        return fire

    @staticmethod
    def _declare_false(name: str):
        def fire(engine, _name=name):
            engine.declare(Derived(name=_name, value=False))
        return fire

    # left-hand sides ----------------------------------------------------------------
    def _experta_rule(self, condition: c.Condition, action):
        return ExpertaRule(*self._conjunction(condition))(action)

    def _conjunction(self, node) -> list:
        """Conditional elements for a conjunction: one merged Subject pattern plus the rest."""
        children = node.children if isinstance(node, c.All) else (node,)
        constraints: dict[str, object] = {}
        bound: set[str] = set()
        elements: list = []
        for child in children:
            if isinstance(child, c.All):
                elements.extend(self._conjunction(child))
            elif isinstance(child, c.Any_):
                elements.append(OR(*[AND(*self._conjunction(alt)) for alt in child.children]))
            elif isinstance(child, c.InForce):
                elements.append(Case(as_of=P(self._date_predicate(child))))
            elif isinstance(child, c.Derived):
                elements.append(Derived(name=child.name, value=child.value))
            elif len(child.fields) == 1 and _reads_left_only(child):
                field = child.fields[0]
                predicate = self._field_predicate(child)
                constraints[field] = constraints[field] & predicate if field in constraints else predicate
            else:
                bound.update(child.fields)
                elements.append(TEST(self._cross_field_test(child)))
        for field in sorted(bound):
            binding = getattr(MATCH, _var(field))
            constraints[field] = constraints[field] & binding if field in constraints else binding
        if constraints or not elements:
            elements.insert(0, Subject(**constraints))
        return elements

    def _field_predicate(self, atom: c.Compare):
        """One shared P object per distinct comparison of one field against constants/parameters."""
        if atom not in self._predicates:
            context, kb = self.context, self.kb
            field = atom.fields[0]

            def predicate(value, _atom=atom, _field=field):
                facts = {_field: value}
                left = resolve(_atom.left, facts, kb, context.as_of)
                right = resolve(_atom.right, facts, kb, context.as_of)
                return compare(_atom.op, left, right)

            self._predicates[atom] = P(predicate)
        return self._predicates[atom]

    def _cross_field_test(self, atom: c.Compare):
        context, kb = self.context, self.kb
        fields = atom.fields

        def test(**values):
            facts = {f: values[_var(f)] for f in fields}
            left = resolve(atom.left, facts, kb, context.as_of)
            right = resolve(atom.right, facts, kb, context.as_of)
            if left is UNKNOWN or right is UNKNOWN:
                return False
            return compare(atom.op, left, right)

        test.__signature__ = inspect.Signature(
            [inspect.Parameter(_var(f), inspect.Parameter.KEYWORD_ONLY) for f in fields])
        return test

    @staticmethod
    def _date_predicate(atom: c.InForce):
        return lambda day, _atom=atom: _atom.holds_on(day)


def _reads_left_only(atom: c.Compare) -> bool:
    """True when the right side needs no fact (a literal, a parameter or arithmetic of those)."""
    return not c.expr_fields(atom.right)


def _var(field: str) -> str:
    return f"v_{field}"
