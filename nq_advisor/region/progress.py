"""Where a region stands: the status of each strategy step, read from the advice for its facts.

A step is *open* when a rule recommends it, *unknown* when its rules are undecided, *flawed* when
it is not recommended but an action that repairs it (``strategy_step: <id>``) is, and *done*
otherwise. Step 5 has no "done" fact: with no changed framework conditions it is *idle*.
"""
from __future__ import annotations

import datetime
from dataclasses import dataclass

from nq_advisor.advice.progress import flawed_steps, strategy_items
from nq_advisor.advice.result import Advice
from nq_advisor.i18n import pick

STATUSES = ("done", "flawed", "open", "unknown", "idle")


@dataclass(frozen=True)
class StepState:
    id: str
    title: str
    step: int | None
    status: str


def strategy_steps(kb) -> list:
    """The strategy-step items in strategy order: steps 1-5, then the expertise items."""
    return strategy_items(kb)


def step_states(kb, advice: Advice) -> list[StepState]:
    recommended = set(advice.refs())
    undecided = {u.ref for u in advice.undecided}
    flaws = flawed_steps(kb, advice)
    states = []
    for item in strategy_steps(kb):
        if item.id in recommended:
            status = "open"
        elif item.id in undecided:
            status = "unknown"
        elif item.id in flaws:
            status = "flawed"
        elif item.get("ongoing"):
            status = "idle"
        else:
            status = "done"
        states.append(StepState(item.id, item.title(advice.lang), item.get("step"), status))
    return states


def count(states: list[StepState], status: str) -> int:
    return sum(1 for s in states if s.status == status)


@dataclass
class SnapshotProgress:
    """One snapshot with its advice and step states (the law as of the snapshot's date)."""

    date: datetime.date
    facts: dict
    advice: Advice
    states: list[StepState]

    @property
    def done(self) -> int:
        return count(self.states, "done")


def evaluate_snapshot(advisor, date: datetime.date, facts: dict, lang: str) -> SnapshotProgress:
    advice = advisor.advise_facts("region", facts, date, lang)
    return SnapshotProgress(date, facts, advice, step_states(advisor.kb, advice))


def item_partners(item, lang: str, field_titles: dict) -> list[tuple[str, str, str]]:
    """(partner id, partner title, role) for an item's partners, roles from ``partner_roles``."""
    roles = item.get("partner_roles") or {}
    return [(p, field_titles.get(p, p), pick(roles.get(p), lang)) for p in item.get("partners") or []]


def unknown_steps(advisor, progress: SnapshotProgress, lang: str) -> list[tuple[str, list[str]]]:
    """(step title, titles of the facts that decide it) for every step still unknown."""
    fields = advisor.kb.fields["region"]
    missing: dict[str, list[str]] = {}
    for undecided in progress.advice.undecided:
        missing.setdefault(undecided.ref, []).extend(undecided.missing)
    return [(s.title, list(dict.fromkeys(pick(fields[m].title, lang) if m in fields else m
                                         for m in missing.get(s.id, []))))
            for s in progress.states if s.status == "unknown"]
