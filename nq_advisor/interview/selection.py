"""Which question next: a field that some still-open decision of the advice needs.

A decision is *open* when a rule is still unknown (three-valued) and its result
could change a recommendation: its item is not recommended yet, or it is but
this rule would recommend it with a better priority; and the rule can still
become true (it needs no field the counsellor skipped).
Rules that are true or false stay so whatever else is learnt (Kleene logic is
monotone), so only the unknown facts of open rules (``Evaluation.missing``)
can change the advice.  Fields no rule reads are never among them, and a
field that only matters together with another (employer size when employed)
disappears as soon as the other answer makes its rules false.
"""
from __future__ import annotations

import datetime
from dataclasses import dataclass

from nq_advisor.inference.evaluate import Evaluation
from nq_advisor.inference.facts import with_absent_meanings
from nq_advisor.load.model import KnowledgeBase


@dataclass(frozen=True)
class OpenDecision:
    """An unknown rule whose outcome can still change the advice, and the unknown facts that decide it."""

    ref: str
    rule: str
    priority: int
    missing: tuple[str, ...]
    recommended: bool  # True: the item is recommended already; this rule could give it a better priority


def open_decisions(kb: KnowledgeBase, subject: str, facts: dict, as_of: datetime.date,
                   skipped=frozenset()) -> list[OpenDecision]:
    """Every open decision for ``facts``, in a stable order (ref, rule).

    A rule that can no longer become true because it needs a skipped field is not
    open: whatever else is answered, it cannot recommend anything.
    """
    skipped = frozenset(skipped)
    # a field whose absence means "never" is asked like any other; skipping it means never
    evaluation = Evaluation(kb, subject, with_absent_meanings(kb, subject, facts, only=skipped), as_of,
                            absent_meanings=False)
    by_ref: dict[str, list] = {}
    for rule in kb.rules_for(subject):
        if rule.recommends:
            by_ref.setdefault(rule.recommends, []).append((rule, evaluation.rule_truth(rule)))
    decisions = []
    for ref in sorted(by_ref):
        fired = [rule.priority for rule, truth in by_ref[ref] if truth is True]
        best = min(fired) if fired else None
        for rule, truth in sorted(by_ref[ref], key=lambda pair: pair[0].id):
            if truth is None and (best is None or rule.priority < best) \
                    and evaluation.possible(rule.condition, True, skipped):
                missing = tuple(evaluation.missing(rule.condition))
                decisions.append(OpenDecision(ref, rule.id, rule.priority, missing, best is not None))
    return decisions


def choose_field(decisions: list[OpenDecision], skipped, field_order: list[str]) -> str | None:
    """The unknown, not skipped field most open decisions need; ties: best priority, then field order.

    Asking what most open rules depend on first settles the most at once, so the
    session stays short; the order of knowledge/fields.yaml only breaks ties,
    which keeps the choice deterministic.
    """
    counts: dict[str, int] = {}
    best_priority: dict[str, int] = {}
    for decision in decisions:
        for name in decision.missing:
            if name in skipped:
                continue
            counts[name] = counts.get(name, 0) + 1
            best_priority[name] = min(best_priority.get(name, decision.priority), decision.priority)
    if not counts:
        return None
    position = {name: index for index, name in enumerate(field_order)}
    return min(counts, key=lambda name: (-counts[name], best_priority[name], position.get(name, len(position)), name))


def facts_in_use(kb: KnowledgeBase, subject: str, answers: dict, given, as_of: datetime.date, skipped,
                 field_order: list[str]) -> tuple[dict, list[OpenDecision]]:
    """The answers the advice uses, and the open decisions on them.

    The interview is replayed on the answers: starting from the facts given at
    creation, the answered field the interview would ask next (the same choice as
    :func:`choose_field`, among answered fields) is taken in, until no open decision
    needs an answered field. An answer left out is one whose question would not be
    asked now, because other answers decided everything it could change (the
    employer's size once the person is not employed): it no longer matters.
    Since Kleene logic is monotone, taking in more answers only closes decisions,
    so the replay ends after at most one step per answer.
    """
    used = {name: answers[name] for name in given if name in answers}
    skipped = frozenset(skipped)
    while True:
        decisions = open_decisions(kb, subject, used, as_of, skipped)
        pending = frozenset(answers) - set(used)
        if not pending:
            return used, decisions
        not_pending = {name for d in decisions for name in d.missing if name not in pending} | skipped
        name = choose_field(decisions, not_pending, field_order)
        if name is None:
            return used, decisions
        used[name] = answers[name]


def decided_by(decisions: list[OpenDecision], name: str) -> tuple[str, ...]:
    """The refs whose open decisions need ``name``, in order of priority."""
    refs = sorted({(d.priority, d.ref) for d in decisions if name in d.missing})
    return tuple(dict.fromkeys(ref for _, ref in refs))
