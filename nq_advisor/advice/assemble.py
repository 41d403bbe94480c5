"""Turn the rules that fired (experta) and the three-valued evaluation into an Advice.

A ref (route, instrument, strategy step) is *recommended* when one of its rules
fired; otherwise *undecided* when one of its rules is still unknown (listing
the unknown facts that decide it); otherwise *not recommended*, listing for
its rules the conditions that failed.  Rules whose scope is false (a programme
of another state) do not concern the case and are not listed at all.
"""
from __future__ import annotations

import datetime

from nq_advisor.load import conditions as c
from nq_advisor.advice.progress import done_steps
from nq_advisor.advice.result import KIND_ORDER, Advice, NotRecommended, Recommendation, Undecided
from nq_advisor.advice.distance import distances
from nq_advisor.advice.explain import STALE_AFTER_MONTHS, freshness_warnings, used_item_ids
from nq_advisor.inference.evaluate import Evaluation
from nq_advisor.i18n import pick, t
from nq_advisor.load.model import Item, KnowledgeBase, Rule
from nq_advisor.advice.wording import Wording, format_date, period_text


def build_advice(kb: KnowledgeBase, subject: str, facts: dict, as_of: datetime.date, fired: set[str],
                 lang: str = "de", stale_after_months: int = STALE_AFTER_MONTHS) -> Advice:
    evaluation = Evaluation(kb, subject, facts, as_of)
    wording = Wording(evaluation, lang)
    advice = Advice(subject=subject, as_of=as_of, lang=lang, facts=dict(facts))
    by_ref: dict[str, list[Rule]] = {}
    for rule in kb.rules_for(subject):
        truth = evaluation.rule_truth(rule)
        if (truth is True) != (rule.id in fired):
            advice.engine_mismatches.append(rule.id)
            advice.warnings.append(t("warning.engine_mismatch", lang, rule=rule.id))
        if rule.recommends:
            by_ref.setdefault(rule.recommends, []).append(rule)

    for ref, rules in by_ref.items():
        item = kb.items[ref]
        fired_rules = sorted((r for r in rules if r.id in fired), key=lambda r: (r.priority, r.id))
        if fired_rules:
            advice.recommendations.append(_recommendation(item, fired_rules, evaluation, wording, lang))
            continue
        concerned = [r for r in rules if r.scope is None or evaluation.truth(r.scope) is not False]
        if not concerned:
            continue  # e.g. another state's programme: no "why not" for this case
        unknown = [r for r in concerned if evaluation.rule_truth(r) is None]
        if unknown:
            for rule in sorted(unknown, key=lambda r: r.id):
                advice.undecided.append(Undecided(ref, rule.id, item.title(lang), evaluation.missing(rule.condition)))
        else:
            advice.not_recommended.extend(_why_not(item, concerned, evaluation, wording, lang))

    advice.recommendations.sort(key=lambda r: (r.priority, KIND_ORDER.index(r.kind), r.ref))
    advice.done = done_steps(kb, advice)
    done = {d.ref for d in advice.done}
    advice.not_recommended = [n for n in advice.not_recommended if n.ref not in done]
    advice.not_recommended.sort(key=lambda n: (n.ref, n.rule))
    advice.undecided.sort(key=lambda u: (u.ref, u.rule))
    advice.warnings.extend(_facts_naming_items_not_in_force(kb, subject, facts, as_of, lang))
    advice.warnings.extend(_state_notes(kb, facts, as_of, lang))
    advice.warnings.extend(_source_warnings(kb, advice, evaluation, lang, stale_after_months))
    return advice


def _why_not(item: Item, rules: list[Rule], evaluation: Evaluation, wording: Wording, lang: str):
    """One entry per failed rule; rules out of force only when no rule of the item is in force."""
    def in_force(rule):
        return rule.validity is None or rule.validity.holds_on(evaluation.as_of)

    listed = [r for r in rules if in_force(r)] or rules
    seen: set[tuple] = set()
    for rule in sorted(listed, key=lambda r: r.id):
        atoms = _dedupe(evaluation.unmet(rule.condition)) if in_force(rule) else [rule.validity]
        unmet = _unique([wording.atom(a, rule.says) for a in atoms])
        if tuple(unmet) not in seen:  # two rules failing on the same conditions say it once
            seen.add(tuple(unmet))
            yield NotRecommended(item.id, rule.id, item.title(lang), unmet, distances(atoms, evaluation, lang),
                                 atoms=atoms)


def _state_notes(kb, facts, as_of, lang) -> list[str]:
    """What the knowledge base says about the person's or region's state, e.g. 'no current programme'."""
    return [f"{item.title(lang)}: {item.text('summary', lang) or item.text('note', lang)}".rstrip(": ")
            for item in sorted(kb.items_of_kind("state_note"), key=lambda i: i.id)
            if item.get("state") == facts.get("state") and item.validity.holds_on(as_of)]


def _facts_naming_items_not_in_force(kb, subject, facts, as_of, lang) -> list[str]:
    """E.g. a target occupation that was renamed or abolished before the evaluation date."""
    warnings = []
    for name, field in sorted(kb.fields[subject].items()):
        if not field.ref_kind or name not in facts:
            continue
        for ref in facts[name] if field.is_list else (facts[name],):
            item = kb.items[ref]
            if not item.validity.holds_on(as_of):
                warnings.append(t("warning.item_not_in_force", lang, field=pick(field.title, lang),
                                  title=item.title(lang), as_of=format_date(as_of, lang),
                                  period=period_text(item.get("valid_from"), item.get("valid_until"), lang)))
    return warnings


def _recommendation(item: Item, rules: list[Rule], evaluation: Evaluation, wording: Wording, lang: str):
    main = rules[0]
    reasons = [pick(main.because, lang)]
    for rule in rules[1:]:
        reasons.append(pick(rule.because, lang))
    met_atoms = [a for a in _dedupe(evaluation.met(main.condition)) if not _is_validity_check(a)]
    reasons += [wording.atom(atom, main.says) for atom in met_atoms]
    # the fired rule's basis first: it is the one in force on the date (e.g. § 131a before § 87a)
    legal = _unique([b for r in rules for b in r.legal_basis] + item.legal_basis)
    sources = _unique([s.url for s in item.sources] + [s.url for r in rules for s in r.sources])
    requirements = [_requirement_text(req, lang) for req in item.get("requirements") or []]
    requirements += [_requirement_text(req, lang) for r in rules for req in r.requirements]
    kind = item.kind
    return Recommendation(
        ref=item.id, kind=kind, priority=main.priority, rule=main.id, title=item.title(lang),
        reasons=_unique(reasons), legal_basis=legal, sources=sources, requirements=_unique(requirements),
        contact=list(item.get("contact") or []), confidence=item.confidence,
        also_rules=[r.id for r in rules[1:]], met_atoms=met_atoms)


def _is_validity_check(atom) -> bool:
    """'in force on the date' holds for every recommendation: not worth a line among its reasons."""
    if isinstance(atom, c.InForce):
        return True
    return isinstance(atom, c.Compare) and isinstance(atom.left, c.AttrRef) \
        and atom.left.attr == c.IN_FORCE_ATTRIBUTE


def _requirement_text(requirement: dict, lang: str) -> str:
    text = pick(requirement.get("text"), lang)
    basis = requirement.get("legal_basis") or []
    return f"{text} ({'; '.join(basis)})" if basis else text


def _source_warnings(kb, advice: Advice, evaluation: Evaluation, lang, months) -> list[str]:
    """Low confidence or stale sources of the recommended items and of what their rules read."""
    used = []
    for rec in advice.recommendations:
        used += [rec.ref] + used_item_ids(evaluation, [kb.rules_by_id[r] for r in [rec.rule] + rec.also_rules])
    return freshness_warnings(kb, used, advice.as_of, lang, months)


def _dedupe(atoms: list) -> list:
    seen, out = set(), []
    for atom in atoms:
        if atom not in seen:
            seen.add(atom)
            out.append(atom)
    return out


def _unique(values: list) -> list:
    return list(dict.fromkeys(v for v in values if v))
