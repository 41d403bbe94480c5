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
  name and logging every comparison;
* the join and conflict-set nodes do experta's work for a valid token (the only kind a
  monotonic engine sends: nothing is retracted) without re-checking a token's shape on
  every construction, and an activation computes its hash once instead of at every set
  operation. Anything else goes to experta's own code.

Plugged in through the engine's ``__matcher__`` extension point; the property test in
``tests/test_engine_agreement.py`` checks the decisions against the three-valued evaluator.
"""
from __future__ import annotations

from collections.abc import Mapping

from nq_advisor.inference.experta_compat import load_experta

load_experta()
from experta.activation import Activation  # noqa: E402  (importable only after load_experta)
from experta.conditionalelement import AND, NOT, OR, TEST  # noqa: E402
from experta.fact import Fact  # noqa: E402
from experta.matchers import ReteMatcher  # noqa: E402
from experta.matchers.rete.check import (FactCapture, FeatureCheck, SameContextCheck, TypeCheck,  # noqa: E402
                                         WhereCheck)
from experta.matchers.rete.mixins import ChildNode  # noqa: E402
from experta.matchers.rete.nodes import (ConflictSetNode, FeatureTesterNode, NotNode,  # noqa: E402
                                         OrdinaryMatchNode, WhereNode)
from experta.matchers.rete.token import Token, TokenInfo  # noqa: E402
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
    if type(check) is FactCapture:
        bind = check.bind
        return lambda fact: {bind: fact}
    if type(check) is FeatureCheck and isinstance(check.what, str) and "__" not in check.what \
            and not check.what.isnumeric():
        what, test, expected = check.what, check.check, check.expected
        absent = _ABSENT
        if getattr(expected, "__bind__", True) is None and test.__name__ in ("equal_literal", "match_predicate"):
            # experta's two checks without a binding answer True or False: test the value here
            if test.__name__ == "equal_literal":
                value = expected.value
                test = lambda record, _: value == record  # noqa: E731  (experta's comparison, same order)
            else:
                predicate = expected.match
                test = lambda record, _: True if predicate(record) else False  # noqa: E731

        def feature(fact):
            record = dict.get(fact, what, absent)
            if record is absent:
                if type(fact).__fields__:  # a declared field may have a default (experta's __missing__)
                    try:
                        record = fact[what]
                    except (IndexError, KeyError, TypeError):
                        return False
                else:
                    return False
            return test(record, expected)
        return feature
    return check


_ABSENT = object()
_VALID = Token.TagType.VALID


def _token(tag, data: set, context: dict) -> Token:
    """A Token as experta's constructor makes it from a set of facts and a dict, without re-checking
    the shape of what this module built itself."""
    return tuple.__new__(Token, (tag, data, context))


def _info(token: Token) -> TokenInfo:
    return tuple.__new__(TokenInfo, (frozenset(token.data), frozenset(token.context.items())))


class _Activation(Activation):
    """experta's Activation with its hash computed once: the agenda and the conflict set hash
    each activation several times, and rule, facts and context never change after creation."""

    def __init__(self, rule, facts, context):
        self.rule = rule
        self.facts = set(facts)
        self.key = None
        self.context = context
        self._hash = hash((rule, frozenset(facts), frozenset(context.items())))

    def __hash__(self):
        return self._hash

    __eq__ = Activation.__eq__


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
        position, activate_set, key, rule = positions[id(node)], node._activate, id(node), node.rule

        def conflict_set(token):
            dirty[position] = node
            touched[key] = node
            if token.tag is not _VALID:
                return activate_set(token)
            info = _info(token)
            memory = node.memory
            if info in memory:
                return None
            memory.add(info)
            activation = _Activation(rule, info.data, {k: v for k, v in info.context if isinstance(k, str)})
            if activation in node.removed:
                node.removed.remove(activation)
            else:
                node.added.add(activation)
            return None
        return conflict_set
    if kind is WhereNode and name == "activate":
        return node._activate
    if kind is OrdinaryMatchNode and name in ("activate_left", "activate_right"):
        return _join(node, name == "activate_left", getattr(node, "_" + name), touched)
    if kind in _TRACKED:  # a callback this module does not know: its node is wiped at every reset
        key = id(node)

        def other(token):
            touched[key] = node
            callback(token)
        return other
    return callback


def _join(node, is_left: bool, experta_activate, touched: dict):
    """``OrdinaryMatchNode``'s activation from one side, as experta does it for a valid token: keep
    the token in this side's memory, pair it with every token of the other side whose context
    agrees, and send each pair on as one token with the merged context."""
    children, same_context, key = node.children, node.matcher, id(node)

    def activate(token):
        touched[key] = node
        if token.tag is not _VALID:
            return experta_activate(token)
        context = token.context
        if is_left:
            node.left_memory.append(_info(token))
            others = node.right_memory
        else:
            node.right_memory.append(_info(token))
            others = node.left_memory
        for other_data, other_items in others:
            other_context = dict(other_items)
            if not (same_context(context, other_context) if is_left else same_context(other_context, context)):
                continue
            merged = {k: v for k, v in context.items() if isinstance(k, str)}
            for k, v in other_context.items():
                if not isinstance(k, tuple):  # negated values are not needed any further
                    merged[k] = v
            joined = _token(token.tag, token.data | other_data, merged)
            for child in children:
                child.callback(joined)
        return None
    return activate


def _feature_tester(node):
    """``FeatureTesterNode._activate`` that copies the token only when the test adds bindings to it."""
    children = node.children  # filled in place with fast callbacks

    def activate(token):
        (fact,) = token.data
        match = node.matcher(fact)
        if not match:
            return
        if match is not True and (type(match) is dict or isinstance(match, Mapping)):
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
            token = _token(token.tag, token.data.copy(), {**context, **match})
        for child in children:
            child.callback(token)
    return activate
