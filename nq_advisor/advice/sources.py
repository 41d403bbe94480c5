"""Which knowledge items a decision read, and the warnings about their sources.

A recommendation is only as good as the parameters and items its deciding conditions read:
their sources may be of low confidence or checked too long ago. ``advise`` warns about them
for every recommendation and ``explain`` for the one item asked about; both read the same
atoms (what made a rule true, false, or keeps it unknown).
"""
from __future__ import annotations

import datetime

from nq_advisor.advice import memo
from nq_advisor.load import conditions as c
from nq_advisor.inference.evaluate import Evaluation
from nq_advisor.i18n import format_date, t
from nq_advisor.load.model import KnowledgeBase, Rule

STALE_AFTER_MONTHS = 12  # default age after which a source check counts as stale (--max-source-age)


def relevant_atoms(evaluation: Evaluation, node) -> list:
    """The atoms that decide a condition: what made it true, false, or what keeps it unknown (and what holds)."""
    truth = evaluation.truth(node)
    if truth is True:
        return evaluation.met(node)
    if truth is False:
        return evaluation.unmet(node)
    if isinstance(node, c.All):
        out = []
        for child in node.children:
            out += evaluation.met(child) if evaluation.truth(child) is True else (
                relevant_atoms(evaluation, child) if evaluation.truth(child) is None else [])
        return out
    if isinstance(node, c.Any_):
        return [a for child in node.children if evaluation.truth(child) is None
                for a in relevant_atoms(evaluation, child)]
    return [node]


def deciding_rules(evaluation: Evaluation, name: str) -> list[Rule]:
    """The derivations that decided a derived fact: the true ones, else the unknown ones, else all (false)."""
    rules = evaluation.kb.derivations(evaluation.subject, name)
    truth = evaluation.derived(name)
    if truth is False:
        return rules
    return [r for r in rules if evaluation.rule_truth(r) is truth]


def used_item_ids(evaluation: Evaluation, rules: list[Rule]) -> list[str]:
    """Knowledge items the deciding atoms of ``rules`` read: parameters and items named by facts."""
    found: list[str] = []
    for rule in rules:
        if not _may_read_items(evaluation.kb, evaluation.subject, rule.condition):
            continue  # e.g. every region rule: none reads a parameter or an item
        for atom in relevant_atoms(evaluation, rule.condition):
            if isinstance(atom, c.Compare):
                for expr in (atom.left, atom.right):
                    found += list(c.expr_params(expr))
                    found += [evaluation.facts[f] for f in _attr_sources(expr) if f in evaluation.facts]
            elif isinstance(atom, c.Derived):
                found += used_item_ids(evaluation, deciding_rules(evaluation, atom.name))
    return _unique(found)


def _may_read_items(kb: KnowledgeBase, subject: str, condition) -> bool:
    """Whether a condition reads a parameter or an item attribute anywhere, also through the rules
    deriving the facts it uses: if not, no case can find an item in it (answered once per knowledge base)."""
    kept = memo.table(kb, "_conditions_reading_items")
    key = (subject, id(condition))
    found = kept.get(key)
    if found is None:
        found = kept[key] = _reads_items(kb, subject, condition, set())
    return found


def _reads_items(kb: KnowledgeBase, subject: str, condition, seen: set) -> bool:
    for atom in c.atoms(condition):
        if isinstance(atom, c.Compare):
            if any(c.expr_params(expr) or _attr_sources(expr) for expr in (atom.left, atom.right)):
                return True
        elif isinstance(atom, c.Derived) and atom.name not in seen:
            seen.add(atom.name)
            if any(_reads_items(kb, subject, rule.condition, seen) for rule in kb.derivations(subject, atom.name)):
                return True
    return False


def freshness_warnings(kb: KnowledgeBase, item_ids, as_of: datetime.date, lang: str, months: int) -> list[str]:
    """Warn for every used item of low confidence or whose newest source check is older than ``months``."""
    warnings = []
    kept = memo.table(kb, "_freshness_warnings")
    for item_id in _unique(item_ids):
        key = (item_id, as_of, lang, months)
        found = kept.get(key)
        if found is None:
            found = memo.keep(kept, key, _item_warnings(kb.items.get(item_id), as_of, lang, months), _WARNINGS_KEPT)
        warnings += found
    return warnings


_WARNINGS_KEPT = 16384


def _item_warnings(item, as_of: datetime.date, lang: str, months: int) -> tuple:
    """The warnings of one item on one date (kept per knowledge base: they depend on nothing else)."""
    if item is None:
        return ()
    warnings = []
    name = item.title(lang)  # the title, not the id (users read it)
    if item.confidence == "low":
        warnings.append(t("warning.low_confidence", lang, ref=name))
    checked = [s.checked for s in item.sources]
    if checked and months_between(max(checked), as_of) > months:
        warnings.append(t("warning.stale_source", lang, ref=name,
                          checked=format_date(max(checked), lang), months=months))
    return tuple(warnings)


def months_between(earlier: datetime.date, later: datetime.date) -> float:
    return (later.year - earlier.year) * 12 + (later.month - earlier.month) + (later.day - earlier.day) / 31


def _attr_sources(expr) -> list[str]:
    if isinstance(expr, c.AttrRef):
        return [expr.of]
    if isinstance(expr, c.Arithmetic):
        return [f for arg in expr.args for f in _attr_sources(arg)]
    return []


def _unique(values) -> list:
    return list(dict.fromkeys(v for v in values if v))
