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
from experta.matchers import ReteMatcher  # noqa: E402  (experta is importable only after load_experta)
from experta.matchers.rete.check import FeatureCheck, TypeCheck  # noqa: E402
from experta.matchers.rete.mixins import ChildNode  # noqa: E402
from experta.matchers.rete.nodes import (ConflictSetNode, FeatureTesterNode, OrdinaryMatchNode,  # noqa: E402
                                         WhereNode)


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
        self._memory_nodes = tuple(n for n in nodes if type(n) in (OrdinaryMatchNode, ConflictSetNode)
                                   or type(n) not in _STATELESS)
        # conflict sets that received tokens since the last look, by their position (experta's order)
        self._dirty: dict[int, ConflictSetNode] = {}
        positions = {id(node): index for index, node in enumerate(self._conflict_sets)}
        for node in nodes:
            if type(node) is FeatureTesterNode:
                node.matcher = _fast_check(node.matcher)
            node.children[:] = [ChildNode(child.node, _fast_callback(child, positions, self._dirty))
                                for child in node.children]

    def reset(self):
        for node in self._memory_nodes:
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


_STATELESS = (FeatureTesterNode, WhereNode)


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


def _fast_callback(child: ChildNode, positions: dict, dirty: dict):
    """The child's activation without the defensive token copy, for the node types that only read tokens;
    a conflict set also notes that it has news (``changes`` then looks at it alone)."""
    node, callback = child.node, child.callback
    name = getattr(callback, "__name__", "")
    kind = type(node)
    if kind is FeatureTesterNode and name == "activate":
        return _feature_tester(node)
    if kind is ConflictSetNode and name == "activate":
        position, activate_set = positions[id(node)], node._activate

        def conflict_set(token):
            activate_set(token)
            dirty[position] = node
        return conflict_set
    if kind is WhereNode and name == "activate":
        return node._activate
    if kind is OrdinaryMatchNode and name == "activate_left":
        return node._activate_left
    if kind is OrdinaryMatchNode and name == "activate_right":
        return node._activate_right
    return callback


def _feature_tester(node):
    """``FeatureTesterNode._activate`` that copies the token only when the test adds bindings to it."""
    children = node.children  # filled in place with fast callbacks

    def activate(token):
        (fact,) = token.data
        match = node.matcher(fact)
        if not match:
            return
        if isinstance(match, Mapping):
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
