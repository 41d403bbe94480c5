"""Which question next: a field that some still-open decision of the advice needs.

A decision is *open* when a rule is still unknown (three-valued) and its result
could change a recommendation: its item is not recommended yet, or it is but
this rule would recommend it with a better priority (also a raised priority,
``priority_raised``, whose condition is still unknown); and the rule can still
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
from nq_advisor.load import conditions as c
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
                   skipped=frozenset(), memo: dict | None = None) -> list[OpenDecision]:
    """Every open decision for ``facts``, in a stable order (ref, rule).

    A rule that can no longer become true because it needs a skipped field is not
    open: whatever else is answered, it cannot recommend anything. ``memo`` (a dict
    kept by the caller for one date) reuses each rule's evaluation while the facts it
    reads stay the same, as they mostly do from one step of a replay to the next.
    """
    skipped = frozenset(skipped)
    # a field whose absence means "never" is asked like any other; skipping it means never
    evaluation = Evaluation(kb, subject, with_absent_meanings(kb, subject, facts, only=skipped), as_of,
                            absent_meanings=False)
    reads = _fields_read(kb, subject) if memo is not None else None
    decisions = []
    for ref, planned in _variants(kb, subject):
        variants = [(rule, priority, _outcome(evaluation, (rule.id, priority), condition, skipped, memo, reads))
                    for rule, priority, condition in planned]
        fired = [priority for _, priority, outcome in variants if outcome[0] is True]
        best = min(fired) if fired else None
        for rule, priority, (truth, possible, missing) in variants:  # in (rule id, -priority) order
            if truth is None and (best is None or priority < best) and possible():
                decisions.append(OpenDecision(ref, rule.id, priority, missing(), best is not None))
    return decisions


_ABSENT = object()


def _variants(kb: KnowledgeBase, subject: str) -> list:
    """(ref, [(rule, priority, condition)]) sorted by ref, built once per knowledge base and subject.

    A rule with a raised priority counts twice: as itself and, at the raised priority, as its
    condition together with the raise condition (a question that can raise a recommended item's
    priority is still worth asking)."""
    kept = kb.__dict__.setdefault("_interview_variants", {})
    found = kept.get(subject)
    if found is None:
        by_ref: dict[str, list] = {}
        for rule in kb.rules_for(subject):
            if rule.recommends:
                variants = by_ref.setdefault(rule.recommends, [])
                variants.append((rule, rule.priority, rule.condition))
                raised = rule.priority_raised
                if raised is not None:
                    variants.append((rule, raised.to, raised.condition))
        found = kept[subject] = [(ref, sorted(by_ref[ref], key=lambda v: (v[0].id, -v[1]))) for ref in sorted(by_ref)]
    return found


def _outcome(evaluation: Evaluation, key: tuple, condition, skipped: frozenset, memo: dict | None, reads):
    """(truth, possible(), missing()) of a rule's condition; the last two only for an unknown condition,
    computed once, when asked for, and kept in ``memo`` under the values of the facts it reads."""
    truth = evaluation.truth(condition)
    if truth is not None:
        return (truth, None, None)
    memo_key = None
    if memo is not None:
        names, facts = reads(key, condition), evaluation.facts
        memo_key = (key, tuple([facts.get(n, _ABSENT) for n in names]),
                    tuple([n in skipped for n in names]) if skipped else ())
        found = memo.get(memo_key)
        if found is not None:
            return found
    cache: dict = {}

    def possible() -> bool:
        if "possible" not in cache:
            cache["possible"] = evaluation.possible(condition, True, skipped)
        return cache["possible"]

    def missing() -> tuple[str, ...]:
        if "missing" not in cache:
            cache["missing"] = tuple(evaluation.missing(condition))
        return cache["missing"]

    outcome = (truth, possible, missing)
    if memo_key is not None:
        memo[memo_key] = outcome
    return outcome


_READS: dict[int, tuple] = {}


def _fields_read(kb: KnowledgeBase, subject: str):
    """``reads(key, condition)``: every fact field the condition reads, also through derived facts;
    remembered per knowledge base, subject and key (a rule id and priority)."""
    entry = _READS.get(id(kb))
    if entry is None or entry[0] is not kb:
        entry = _READS[id(kb)] = (kb, {})
    known = entry[1]

    def walk(node, seen: set, out: list) -> None:
        if isinstance(node, (c.All, c.Any_)):
            for child in node.children:
                walk(child, seen, out)
        elif isinstance(node, c.Compare):
            out.extend(f for f in node.fields if f not in out)
        elif isinstance(node, c.Derived) and node.name not in seen:
            seen.add(node.name)
            for derivation in kb.derivations(subject, node.name):
                walk(derivation.condition, seen, out)

    def reads(key: tuple, condition) -> tuple[str, ...]:
        full = (subject, key)
        if full not in known:
            out: list[str] = []
            walk(condition, set(), out)
            known[full] = tuple(sorted(out))
        return known[full]

    return reads


def choose_field(decisions: list[OpenDecision], skipped, field_order: list[str] | dict) -> str | None:
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
            if best_priority.get(name, decision.priority) >= decision.priority:
                best_priority[name] = decision.priority
    if not counts:
        return None
    position = field_order if isinstance(field_order, dict) else {name: index for index, name in enumerate(field_order)}
    return min(counts, key=lambda name: (-counts[name], best_priority[name], position.get(name, len(position)), name))


class ReplayMemo:
    """What one session's replays have worked out, kept from one answer to the next.

    Every answer replays the interview from the start (:func:`facts_in_use`); the facts of
    each replay step are mostly those of a step of the previous replay, so their open
    decisions (per facts, skipped fields and date) and each rule's outcome (per values of
    the facts it reads) are looked up instead of evaluated again. Bounded: wiped when full.
    """

    KEPT = 4096

    def __init__(self):
        self.as_of = None
        self.decisions: dict = {}
        self.rules: dict = {}

    def for_date(self, as_of: datetime.date) -> "ReplayMemo":
        if as_of != self.as_of or len(self.decisions) > self.KEPT or len(self.rules) > 32 * self.KEPT:
            self.as_of, self.decisions, self.rules = as_of, {}, {}
        return self


def _state(facts: dict, skipped: frozenset) -> tuple:
    return (tuple(sorted((name, tuple(v) if isinstance(v, list) else v) for name, v in facts.items())), skipped)


def facts_in_use(kb: KnowledgeBase, subject: str, answers: dict, given, as_of: datetime.date, skipped,
                 field_order: list[str], replay: ReplayMemo | None = None) -> tuple[dict, list[OpenDecision]]:
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
    replay = (replay or ReplayMemo()).for_date(as_of)
    position = {name: index for index, name in enumerate(field_order)}
    while True:
        state = _state(used, skipped)
        decisions = replay.decisions.get(state)
        if decisions is None:
            decisions = replay.decisions[state] = open_decisions(kb, subject, used, as_of, skipped, replay.rules)
        pending = frozenset(answers) - set(used)
        if not pending:
            return used, decisions
        not_pending = {name for d in decisions for name in d.missing if name not in pending} | skipped
        name = choose_field(decisions, not_pending, position)
        if name is None:
            return used, decisions
        used[name] = answers[name]


def decided_by(decisions: list[OpenDecision], name: str) -> tuple[str, ...]:
    """The refs whose open decisions need ``name``, in order of priority."""
    refs = sorted({(d.priority, d.ref) for d in decisions if name in d.missing})
    return tuple(dict.fromkeys(ref for _, ref in refs))
