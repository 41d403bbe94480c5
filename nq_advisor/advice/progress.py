"""Which strategy steps and expertise a region already has: the advice's ``done`` list.

A strategy-step item (kind ``strategy_step``: the five steps and the expertise items) is done when
none of its rules recommends it, none is undecided, no recommended action repairs a flaw in it
(an action with ``strategy_step: <id>`` that is not a sector or framework action), and it is not an
``ongoing`` step (step 5 is never finished). Done items are listed in strategy order (step 1-5,
then the expertise items) and are not listed as "not recommended" (CONTRACT.md §2).
"""
from __future__ import annotations

from nq_advisor.advice import memo
from nq_advisor.advice.result import Advice, Done


def strategy_items(kb) -> list:
    """The strategy-step items in strategy order: steps 1-5 (file order within a step), then expertise."""
    return list(_strategy(kb)[0])


def _ongoing(kb) -> frozenset:
    """The ids of the steps that are never finished (step 5)."""
    return _strategy(kb)[1]


def _strategy(kb) -> tuple:
    """(strategy items in order, ids of the ongoing ones), sorted once per knowledge base."""
    kept = memo.table(kb, "_strategy_items")
    found = kept.get("strategy")
    if found is None:
        items = tuple(sorted(kb.items_of_kind("strategy_step"), key=lambda i: i.get("step") or 9))
        found = kept["strategy"] = (items, frozenset(i.id for i in items if i.get("ongoing")))
    return found


def repairs_flaw(item) -> bool:
    """An action linked to a step repairs it, except sector actions (they add offers to step 2) and
    actions of an ongoing step (they add opportunities)."""
    return item.kind == "action" and item.get("strategy_step") is not None and not item.get("sector")


def flawed_steps(kb, advice: Advice) -> set[str]:
    ongoing = _ongoing(kb)
    return {kb.items[r.ref].get("strategy_step") for r in advice.recommendations
            if repairs_flaw(kb.items[r.ref]) and kb.items[r.ref].get("strategy_step") not in ongoing}


def done_steps(kb, advice: Advice) -> list[Done]:
    if advice.subject != "region":
        return []
    recommended = set(advice.refs())
    undecided = {u.ref for u in advice.undecided}
    flawed = flawed_steps(kb, advice)
    considered = recommended | undecided | {n.ref for n in advice.not_recommended}
    open_ = recommended | undecided | flawed
    ongoing = _ongoing(kb)
    return [Done(item.id, item.title(advice.lang)) for item in strategy_items(kb)
            if item.id in considered and item.id not in open_ and item.id not in ongoing]
