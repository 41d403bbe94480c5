"""experta's RETE matcher, doing the same matching with less work per case.

The network, its checks and the order of activations are experta's own (built by
``ReteMatcher.build_network``); this module changes how tokens travel through it:

* experta polls every rule's conflict set on every cycle (building two new sets
  each time); :meth:`ChangedOnlyReteMatcher.changes` looks only at the conflict sets
  that received a token since, in experta's order;
* it resets the nodes from a flat list instead of a recursion with a log call per node;
* every node copies each token it receives, although only a feature test that adds
  bindings changes one; here a token is copied only then (the other nodes read it, or
  build new tokens), and a field test reads its field directly instead of splitting its
  name and logging every comparison.

Plugged in through the engine's ``__matcher__`` extension point; the property test in
``tests/test_engine_agreement.py`` checks the decisions against the three-valued evaluator.
"""
from __future__ import annotations

from collections.abc import Mapping

from nq_advisor.inference.experta_compat import load_experta

load_experta()
from experta.conditionalelement import AND, NOT, OR, TEST  # noqa: E402  (importable only after load_experta)
from experta.fact import Fact  # noqa: E402
from experta.matchers import ReteMatcher  # noqa: E402
from experta.matchers.rete.check import FeatureCheck, SameContextCheck, TypeCheck, WhereCheck  # noqa: E402
from experta.matchers.rete.mixins import ChildNode  # noqa: E402
from experta.matchers.rete.nodes import (ConflictSetNode, FeatureTesterNode, NotNode,  # noqa: E402
                                         OrdinaryMatchNode, WhereNode)
from experta.matchers.rete.utils import wire_rule  # noqa: E402
from experta.rule import Rule  # noqa: E402


class ChangedOnlyReteMatcher(ReteMatcher):
    """experta's RETE matcher with less overhead per case and per firing (see the module docstring)."""

    def __init__(self, engine):
        super().__init__(engine)
        self._conflict_sets = self._get_conflict_set_nodes()
        nodes, pending = [], [self.root_node]
        seen = set()
        while pending:
            node = pending.pop()
            if id(node) not in seen:
                seen.add(id(node))
                nodes.append(node)
                pending.extend(child.node for child in node.children)
        self._nodes = tuple(nodes)
        # nodes with a memory that the callbacks below note when they receive a token; the others
        # (whose callbacks are experta's own) are wiped at every reset
        self._always_reset = tuple(n for n in nodes if type(n) not in _STATELESS and type(n) not in _TRACKED)
        self._touched: dict[int, object] = {}
        # conflict sets that received tokens since the last look, by their position (experta's order)
        self._dirty: dict[int, ConflictSetNode] = {}
        positions = {id(node): index for index, node in enumerate(self._conflict_sets)}
        for node in nodes:
            if type(node) is FeatureTesterNode:
                node.check = node.matcher  # experta's check object, for describing the network
                node.matcher = _fast_check(node.matcher)
            node.children[:] = [ChildNode(child.node, _fast_callback(child, positions, self._dirty, self._touched))
                                for child in node.children]
        for node in nodes:  # a fresh start: every memory empty
            node._reset() if type(node) not in _STATELESS else None

    @staticmethod
    def build_beta_part(ruleset, alpha_terminals):
        """experta's ``build_beta_part`` wiring the same nodes in the same order, without the new
        ``singledispatch`` function that experta's ``wire_rule`` defines (and warms) for every rule:
        half the cost of starting an engine. Shapes this module does not know go to ``wire_rule``."""
        for rule in ruleset:
            for lhs in (rule[0] if isinstance(rule[0], OR) else (rule,)):
                try:
                    last_node = _wire(lhs, alpha_terminals)
                except _Unknown:
                    wire_rule(rule, alpha_terminals, lhs=lhs)
                    continue
                conflict_set_node = ConflictSetNode(rule)
                last_node.add_child(conflict_set_node, conflict_set_node.activate)

    def reset(self):
        """Wipe the memories that received tokens since the last reset (the others are still empty)."""
        touched = self._touched
        for node in touched.values():
            node._reset()
        touched.clear()
        for node in self._always_reset:
            node._reset()

    def changes(self, adding=None, deleting=None):
        if deleting is not None:
            for deleted in deleting:
                self.root_node.remove(deleted)
        if adding is not None:
            for added in adding:
                self.root_node.add(added)
        added, removed = [], []
        dirty = self._dirty
        if dirty:
            for position in sorted(dirty):
                node_added, node_removed = dirty[position].get_activations()
                added.extend(node_added)
                removed.extend(node_removed)
            dirty.clear()
        return added, removed


class _Unknown(Exception):
    """A conditional element ``_wire`` leaves to experta (FORALL, EXISTS, anything new)."""


def _wire(elem, alpha_terminals):
    """The beta nodes of one conditional element, as experta's ``wire_rule`` builds them."""
    if isinstance(elem, TEST):
        return WhereNode(WhereCheck(elem[0]))
    if isinstance(elem, Fact):
        return alpha_terminals[elem]
    if isinstance(elem, NOT):
        return alpha_terminals[elem[0]]
    if not isinstance(elem, (Rule, AND)):
        raise _Unknown(type(elem).__name__)
    if len(elem) == 1:
        return alpha_terminals[elem[0]] if isinstance(elem[0], Fact) else _wire(elem[0], alpha_terminals)
    current_node = None
    for first, second in zip(elem, elem[1:]):
        if isinstance(second, TEST):
            if current_node is None:
                current_node = _wire(first, alpha_terminals)
            new_node = _wire(second, alpha_terminals)
            current_node.add_child(new_node, new_node.activate)
            current_node = new_node
            continue
        node_class = NotNode if isinstance(second, NOT) else OrdinaryMatchNode
        if current_node is None:
            current_node = node_class(SameContextCheck())
            left_branch = _wire(first, alpha_terminals)
        else:
            left_branch = current_node
            current_node = node_class(SameContextCheck())
        right_branch = _wire(second, alpha_terminals)
        left_branch.add_child(current_node, current_node.activate_left)
        right_branch.add_child(current_node, current_node.activate_right)
    return current_node


_STATELESS = (FeatureTesterNode, WhereNode)
_TRACKED = (OrdinaryMatchNode, ConflictSetNode)


def _fast_check(check):
    """The same test as experta's check object, without the name parsing and logging per call."""
    if type(check) is TypeCheck:
        fact_type = check.fact_type
        return lambda fact: type(fact) == fact_type  # noqa: E721  (experta compares types exactly)
    if type(check) is FeatureCheck and isinstance(check.what, str) and "__" not in check.what \
            and not check.what.isnumeric():
        what, test, expected = check.what, check.check, check.expected

        def feature(fact):
            try:
                record = fact[what]
            except (IndexError, KeyError, TypeError):
                return False
            return test(record, expected)
        return feature
    return check


def _fast_callback(child: ChildNode, positions: dict, dirty: dict, touched: dict):
    """The child's activation without the defensive token copy, for the node types that only read tokens;
    a conflict set also notes that it has news (``changes`` then looks at it alone), and a node with a
    memory notes that ``reset`` must wipe it."""
    node, callback = child.node, child.callback
    name = getattr(callback, "__name__", "")
    kind = type(node)
    if kind is FeatureTesterNode and name == "activate":
        return _feature_tester(node)
    if kind is ConflictSetNode and name == "activate":
        position, activate_set, key = positions[id(node)], node._activate, id(node)

        def conflict_set(token):
            activate_set(token)
            dirty[position] = node
            touched[key] = node
        return conflict_set
    if kind is WhereNode and name == "activate":
        return node._activate
    if kind is OrdinaryMatchNode and name in ("activate_left", "activate_right"):
        activate, key = getattr(node, "_" + name), id(node)

        def match_node(token):
            touched[key] = node
            activate(token)
        return match_node
    if kind in _TRACKED:  # a callback this module does not know: its node is wiped at every reset
        key = id(node)

        def other(token):
            touched[key] = node
            callback(token)
        return other
    return callback


def _feature_tester(node):
    """``FeatureTesterNode._activate`` that copies the token only when the test adds bindings to it."""
    children = node.children  # filled in place with fast callbacks

    def activate(token):
        (fact,) = token.data
        match = node.matcher(fact)
        if not match:
            return
        if match is not True and isinstance(match, Mapping):
            context = token.context
            for key, value in match.items():
                if isinstance(key, tuple):  # negated condition
                    if key[1] in context and context[key[1]] == value:
                        return
                else:
                    if context.get(key, value) != value:
                        return
                    if (False, key) in context and context[(False, key)] == value:
                        return
            token = token.copy()
            token.context.update(match)
        for child in children:
            child.callback(token)
    return activate
