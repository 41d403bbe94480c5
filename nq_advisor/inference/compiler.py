"""Compile the rules of one subject into an experta ``KnowledgeEngine`` subclass.

Compiled once per knowledge base and subject; engines are instantiated from the
class and reused for many cases with ``reset()``.  The mapping follows the
advice in shared/domain/EXPERTA.md:

* the case is one wide fact per entity (``Subject``), which also carries the
  evaluation date (field ``@as_of``, tested by validity periods), and
  ``Derived`` facts for intermediate results;
* a comparison of one fact field against a constant or a dated parameter is
  a field constraint: a literal (``L``) for equality with a constant, else one
  shared ``P`` predicate object per distinct comparison; a disjunction of
  comparisons of one field is one predicate, not an ``OR``; comparisons between
  two facts bind the fields and use ``TEST``;
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

from nq_advisor.load import conditions as c
from nq_advisor.inference.agenda import ExactRemovalDepthStrategy
from nq_advisor.inference.closures import OPERATORS
from nq_advisor.inference.evaluate import UNKNOWN, compare, resolve
from nq_advisor.inference.experta_compat import load_experta
from nq_advisor.load.model import KnowledgeBase, Rule

_experta = load_experta()
Fact, L, P, MATCH, TEST, AND, OR = (_experta.Fact, _experta.L, _experta.P, _experta.MATCH, _experta.TEST,
                                    _experta.AND, _experta.OR)
ExpertaRule, KnowledgeEngine = _experta.Rule, _experta.KnowledgeEngine
from experta.agenda import Agenda as _Agenda  # noqa: E402  (importable only after load_experta)
from experta.fact import InitialFact as _InitialFact  # noqa: E402
from experta.factlist import FactList as _FactList  # noqa: E402

from nq_advisor.inference.matcher import ChangedOnlyReteMatcher  # noqa: E402


class _QuickResetMixin:
    """experta's ``reset()`` and ``run()`` with what never changes done once per engine.

    The stock reset looks the deffacts up with ``inspect.getmembers`` and inspects their
    signatures on every call, although the compiled engines have only experta's own
    deffacts (the ``InitialFact``).  This reset does the same: a new agenda and fact list,
    the matcher's memories wiped, the ``InitialFact`` declared.
    """

    def reset(self, **kwargs):
        if kwargs:
            return KnowledgeEngine.reset(self, **kwargs)
        self.agenda = _Agenda()
        self.facts = _FactList()
        self.matcher.reset()
        self._KnowledgeEngine__declare(_InitialFact())  # as the stock reset (declare() would warn)
        self.running = False
        return None

    def run(self, steps=float("inf")):
        """experta's ``run`` loop, without building the log line of every firing (no handler reads it)."""
        self.running = True
        strategy, agenda = self.strategy, self.agenda
        while steps > 0 and self.running:
            added, removed = self.get_activations()
            strategy.update_agenda(agenda, added, removed)
            activation = agenda.get_next()
            if activation is None:
                break
            steps -= 1
            activation.rule(self, **{k: v for k, v in activation.context.items() if not k.startswith("__")})
        self.running = False


class Subject(Fact):
    """All known facts of the person or region under advice."""


class Derived(Fact):
    """An intermediate conclusion: ``name`` holds (value=True) or definitely does not (value=False)."""


class CaseContext(threading.local):
    """What predicates need besides the field value: the evaluation date of the case (per thread).

    ``rights`` keeps the right-hand values of single-field comparisons (literals and dated
    parameters, which depend on the date only) while the date stays the same.
    """

    as_of = None
    rights: dict = {}

    def set_date(self, as_of) -> None:
        if as_of != self.as_of or "rights" not in self.__dict__:
            self.as_of = as_of
            self.rights = {}


class RuleSetCompiler:
    """Builds the engine class for one subject of a knowledge base."""

    def __init__(self, kb: KnowledgeBase, subject: str, context: CaseContext):
        self.kb = kb
        self.subject = subject
        self.context = context
        self._predicates: dict = {}

    def build_engine_class(self) -> type:
        attributes: dict = {"__strategy__": ExactRemovalDepthStrategy, "__matcher__": ChangedOnlyReteMatcher}
        for index, rule in enumerate(self.kb.rules_for(self.subject)):
            attributes[f"rule_{index}"] = self._experta_rule(rule.condition, self._on_fire(rule))
        for index, (name, negative) in enumerate(self._negative_derivations().items()):
            attributes[f"negated_{index}"] = self._experta_rule(negative, self._declare_false(name))
        return type(f"{self.subject.title()}Engine", (_QuickResetMixin, KnowledgeEngine), attributes)

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
        # experta inspects the action's signature each time it copies the rule while building an
        # engine's network (hundreds of times); the signature never changes, so it is given once
        action.__signature__ = inspect.signature(action)
        return ExpertaRule(*self._conjunction(condition))(action)

    def _conjunction(self, node) -> list:
        """Conditional elements for a conjunction: one merged Subject pattern plus the rest.

        Nested conjunctions are flattened into it, validity periods test the date field of
        the Subject fact, and a disjunction over one field becomes one predicate rather
        than an ``OR`` (which experta expands into one rule per alternative).
        """
        constraints: dict[str, object] = {}
        bound: set[str] = set()
        elements: list = []

        def constrain(field: str, check) -> None:
            constraints[field] = constraints[field] & check if field in constraints else check

        for child in _flatten_all(node):
            if isinstance(child, c.Any_):
                field = _single_field_of(child)
                if field is not None:
                    constrain(field, self._any_predicate(child))
                else:
                    elements.append(OR(*[AND(*self._conjunction(alt)) for alt in child.children]))
            elif isinstance(child, c.InForce):
                constrain(AS_OF_FIELD, P(self._date_predicate(child)))
            elif isinstance(child, c.Derived):
                elements.append(Derived(name=child.name, value=child.value))
            elif _is_single_field(child):
                constrain(child.fields[0], self._field_check(child))
            else:
                bound.update(child.fields)
                elements.append(TEST(self._cross_field_test(child)))
        for field in sorted(bound):
            constrain(field, getattr(MATCH, _var(field)))
        if constraints or not elements:
            elements.insert(0, Subject(**constraints))
        return elements

    def _field_check(self, atom: c.Compare):
        """Equality with a constant of the field's own type is a literal (L); anything else a shared P."""
        field = self.kb.fields[self.subject].get(atom.fields[0])
        if (atom.op == "eq" and isinstance(atom.left, c.FactRef) and isinstance(atom.right, c.Literal)
                and field is not None and _literal_fits(field.type, atom.right.value)):
            return L(atom.right.value)
        return self._field_predicate(atom)

    def _field_predicate(self, atom: c.Compare):
        """One shared P object per distinct comparison of one field against constants/parameters."""
        if atom not in self._predicates:
            context, kb = self.context, self.kb
            field = atom.fields[0]
            if type(atom.left) is c.FactRef and type(atom.right) is c.Literal:  # the most common shape
                self._predicates[atom] = P(lambda value, _test=OPERATORS[atom.op], _literal=atom.right.value:
                                           _test(value, _literal))
                return self._predicates[atom]

            def predicate(value, _atom=atom, _field=field):
                facts = {_field: value}
                left = value if type(_atom.left) is c.FactRef else resolve(_atom.left, facts, kb, context.as_of)
                rights = context.rights
                right = rights.get(_atom, rights)
                if right is rights:  # the right side reads no fact: the same for every case on this date
                    right = rights[_atom] = resolve(_atom.right, facts, kb, context.as_of)
                return compare(_atom.op, left, right)

            self._predicates[atom] = P(predicate)
        return self._predicates[atom]

    def _any_predicate(self, node: c.Any_):
        """One shared P for a disjunction of comparisons of one field: true when any of them holds."""
        if node not in self._predicates:
            tests = tuple(self._field_predicate(atom).match for atom in node.children)
            self._predicates[node] = P(lambda value, _tests=tests: any(test(value) for test in _tests))
        return self._predicates[node]

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


AS_OF_FIELD = "@as_of"  # the evaluation date, carried by the Subject fact; not a possible field id


def _flatten_all(node) -> list:
    """The conjuncts of ``node``, with nested ``all`` merged in."""
    if not isinstance(node, c.All):
        return [node]
    return [leaf for child in node.children for leaf in _flatten_all(child)]


def _is_single_field(atom) -> bool:
    return isinstance(atom, c.Compare) and len(atom.fields) == 1 and _reads_left_only(atom)


def _single_field_of(node: c.Any_) -> str | None:
    """The field when every alternative is a comparison of that one field against constants, else None."""
    if not all(_is_single_field(child) for child in node.children):
        return None
    fields = {child.fields[0] for child in node.children}
    return fields.pop() if len(fields) == 1 else None


def _literal_fits(field_type: str, value) -> bool:
    """A literal check is exact only when the value has the field's type (True == 1 in Python)."""
    if field_type == "bool":
        return isinstance(value, bool)
    if field_type == "int":
        return type(value) is int
    return field_type in ("enum", "ref", "string") and isinstance(value, str)


def _reads_left_only(atom: c.Compare) -> bool:
    """True when the right side needs no fact (a literal, a parameter or arithmetic of those)."""
    return not c.expr_fields(atom.right)


def _var(field: str) -> str:
    return f"v_{field}"
