"""Turn the rules that fired (experta) and the three-valued evaluation into an Advice.

A ref (route, instrument, strategy step) is *recommended* when one of its rules
fired; otherwise *undecided* when one of its rules is still unknown (listing
the unknown facts that decide it); otherwise *not recommended*, listing for
its rules the conditions that failed.  Rules whose scope is false (a programme
of another state) do not concern the case and are not listed at all.
"""
from __future__ import annotations

import datetime
from typing import NamedTuple

from nq_advisor.load import conditions as c
from nq_advisor.advice import memo
from nq_advisor.advice.progress import done_steps
from nq_advisor.advice.result import KIND_ORDER, Advice, NotRecommended, Recommendation, Undecided
from nq_advisor.advice.distance import distances
from nq_advisor.advice.sources import STALE_AFTER_MONTHS, freshness_warnings, used_item_ids
from nq_advisor.inference.closures import COMPARE, DERIVED, IN_FORCE, compiled_conditions
from nq_advisor.inference.evaluate import UNKNOWN, Evaluation
from nq_advisor.i18n import pick, t
from nq_advisor.load.model import Item, KnowledgeBase, Rule
from nq_advisor.advice.wording import Wording, format_date, period_text


def build_advice(kb: KnowledgeBase, subject: str, facts: dict, as_of: datetime.date, fired: set[str],
                 lang: str = "de", stale_after_months: int = STALE_AFTER_MONTHS) -> Advice:
    evaluation = Evaluation(kb, subject, facts, as_of)
    wording = _CachedWording(evaluation, lang)
    advice = Advice(subject=subject, as_of=as_of, lang=lang, facts=dict(facts))
    plan = _plan(kb, subject)
    truth = {}
    for rule, record in plan.rules:
        truth[rule.id] = value = record.truth(evaluation)
        if (value is True) != (rule.id in fired):
            advice.engine_mismatches.append(rule.id)
            advice.warnings.append(t("warning.engine_mismatch", lang, rule=rule.id))

    for ref, item, rules, ids, unscoped in plan.refs:
        if not fired.isdisjoint(ids):
            ranked = sorted((effective_priority(r, evaluation), r.id, r) for r, _, _ in rules if r.id in fired)
            advice.recommendations.append(_recommendation(item, ranked, evaluation, wording, lang))
            continue
        concerned = unscoped or [(r, record) for r, record, scope in rules
                                 if scope is None or scope(evaluation) is not False]
        if not concerned:
            continue  # e.g. another state's programme: no "why not" for this case
        unknown = [(r, record) for r, record in concerned if truth[r.id] is None]
        if unknown:
            title = item.title(lang)
            for rule, record in unknown:
                advice.undecided.append(Undecided(ref, rule.id, title, list(evaluation.missing_of(record))))
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


class _Plan(NamedTuple):
    """What every case of a subject walks through, built once per knowledge base."""

    rules: list          # (rule, compiled condition) of every rule of the subject
    refs: list           # (ref, item, its rules as (rule, compiled condition, scope truth or None) sorted by id,
                         #  their ids, and the (rule, compiled condition) pairs when no rule has a scope)
    ref_fields: list     # the fields naming knowledge items (a target occupation), sorted


def _plan(kb: KnowledgeBase, subject: str) -> _Plan:
    plans = kb.__dict__.setdefault("_advice_plans", {})
    plan = plans.get(subject)
    if plan is None:
        compiled = compiled_conditions(kb)
        by_ref: dict[str, list[Rule]] = {}
        for rule in kb.rules_for(subject):
            if rule.recommends:
                by_ref.setdefault(rule.recommends, []).append(rule)
        refs = []
        for ref, rules in by_ref.items():
            ordered = sorted(rules, key=lambda r: r.id)
            planned = [(r, compiled.entry(r.condition), compiled.truth_of(r.scope) if r.scope else None)
                       for r in ordered]
            unscoped = [(r, record) for r, record, _ in planned] if all(r.scope is None for r in ordered) else None
            refs.append((ref, kb.items[ref], planned, frozenset(r.id for r in ordered), unscoped))
        plan = plans[subject] = _Plan([(rule, compiled.entry(rule.condition)) for rule in kb.rules_for(subject)], refs,
                                      [(name, f) for name, f in sorted(kb.fields[subject].items()) if f.ref_kind])
    return plan


def effective_priority(rule: Rule, evaluation: Evaluation) -> int:
    """The rule's priority, or its raised priority while the raise condition is true for the case."""
    raised = rule.priority_raised
    if raised is not None and evaluation.truth(raised.when) is True:
        return raised.to
    return rule.priority


class _CachedWording:
    """Each atom worded once, and its distance computed once, however many rules and cases repeat it.

    The text of a comparison depends only on the values of the facts it reads, the date and the
    language; that of a derived fact only on its truth; so the texts are kept per knowledge base
    under exactly these keys and most cases find every line already worded.
    """

    KEPT = 8192  # enough for every text of the bundled scenarios many times over; memory stays flat

    def __init__(self, evaluation: Evaluation, lang: str):
        self.wording = Wording(evaluation, lang)
        self.evaluation = evaluation
        self.lang = lang
        self._texts = memo.table(evaluation.kb, "_worded_atoms")
        self._distances = memo.table(evaluation.kb, "_atom_distances")
        self._keys: dict[int, tuple | None] = {}  # this case's key of each record (rules share records)

    def _key(self, record) -> tuple | None:
        """What the record's text and distance depend on besides the rule's own wording, or None."""
        keys = self._keys
        key = keys.get(id(record), keys)
        if key is not keys:
            return key
        kind, ev = record.kind, self.evaluation
        if kind == COMPARE:
            facts = ev.facts
            key = (id(record), self.lang, ev.as_of, tuple([_hashable(facts.get(name, UNKNOWN))
                                                           for name in record.fields]))
        elif kind == DERIVED:
            key = (id(record), self.lang, record.truth(ev))
        elif kind == IN_FORCE:
            key = (id(record), self.lang, ev.as_of)
        else:
            key = None
        keys[id(record)] = key
        return key

    def atom(self, record, says: dict | None = None) -> str:
        """``says``: the rule's own wording of its conditions, if any (it overrides the field's)."""
        key = self._key(record)
        if key is None:
            return self.wording.atom(record.node, says)
        if says:
            key = (key, id(says))
        text = self._texts.get(key)
        if text is None:
            text = memo.keep(self._texts, key, self.wording.atom(record.node, says), self.KEPT)
        return text

    def distances(self, records) -> list:
        out = []
        for record in records:
            key = self._key(record) if record.kind == COMPARE else None
            found = self._distances.get(key) if key is not None else None
            if found is None:
                found = distances([record.node], self.evaluation, self.lang)
                if key is not None:
                    memo.keep(self._distances, key, found, self.KEPT)
            out += found
        return out


def _hashable(value):
    return tuple(value) if isinstance(value, list) else value


def _why_not(item: Item, rules: list[tuple], evaluation: Evaluation, wording: _CachedWording, lang: str):
    """One entry per failed rule (``rules``: (rule, compiled condition), sorted by id); rules out of
    force only when no rule of the item is in force."""
    as_of = evaluation.as_of
    listed = [(r, record) for r, record in rules if r.validity is None or r.validity.holds_on(as_of)]
    in_force = bool(listed)
    seen: set[tuple] = set()
    for rule, record in listed or rules:
        records = _dedupe(evaluation.unmet_records(record) if in_force
                          else [evaluation.compiled.entry(rule.validity)])
        unmet = _unique([wording.atom(r, rule.says) for r in records])
        if tuple(unmet) not in seen:  # two rules failing on the same conditions say it once
            seen.add(tuple(unmet))
            yield NotRecommended(item.id, rule.id, item.title(lang), unmet, wording.distances(records),
                                 atoms=[r.node for r in records])


def _state_notes(kb, facts, as_of, lang) -> list[str]:
    """What the knowledge base says about the person's or region's state, e.g. 'no current programme'."""
    return [f"{item.title(lang)}: {item.text('summary', lang) or item.text('note', lang)}".rstrip(": ")
            for item in sorted(kb.items_of_kind("state_note"), key=lambda i: i.id)
            if item.get("state") == facts.get("state") and item.validity.holds_on(as_of)]


def _facts_naming_items_not_in_force(kb, subject, facts, as_of, lang) -> list[str]:
    """E.g. a target occupation that was renamed or abolished before the evaluation date."""
    warnings = []
    for name, field in _plan(kb, subject).ref_fields:
        if name not in facts:
            continue
        for ref in facts[name] if field.is_list else (facts[name],):
            item = kb.items[ref]
            if not item.validity.holds_on(as_of):
                warnings.append(t("warning.item_not_in_force", lang, field=pick(field.title, lang),
                                  title=item.title(lang), as_of=format_date(as_of, lang),
                                  period=period_text(item.get("valid_from"), item.get("valid_until"), lang)))
                if item.get("successors") and item.get("successor_from") and as_of >= item.get("successor_from"):
                    names = ", ".join(f"{kb.items[s].title(lang)} ({s})" for s in item.get("successors"))
                    warnings.append(t("warning.successor", lang, title=item.title(lang), successors=names,
                                      since=format_date(item.get("successor_from"), lang)))
    return warnings


def _recommendation(item: Item, ranked: list[tuple], evaluation: Evaluation, wording: _CachedWording, lang: str):
    """``ranked``: (effective priority, id, rule) of the item's fired rules, best first."""
    priority, _, main = ranked[0]
    rules = [rule for _, _, rule in ranked]
    raised = main.priority_raised if main.priority_raised and priority == main.priority_raised.to else None
    raises = tuple(r.priority_raised for r in rules if r.priority_raised and evaluation.truth(r.priority_raised.when))
    fixed = _fixed_parts(item, rules, raises, lang)
    reasons = [pick(raised.because, lang)] if raised else []
    reasons += fixed.because
    entry = evaluation.compiled.entry
    met = evaluation.met_records(entry(main.condition))
    if raised:
        met += evaluation.met_records(entry(raised.when))
    met_atoms = []
    for record in _dedupe(met):
        if not _is_validity_check(record.node):
            reasons.append(wording.atom(record, main.says))
            met_atoms.append(record.node)
    return Recommendation(
        ref=item.id, kind=item.kind, priority=priority, rule=main.id, title=fixed.title,
        reasons=_unique(reasons), legal_basis=list(fixed.legal_basis), sources=list(fixed.sources),
        requirements=list(fixed.requirements), contact=list(fixed.contact), confidence=item.confidence,
        also_rules=[r.id for r in rules[1:]], met_atoms=met_atoms)


class _Fixed(NamedTuple):
    """The parts of a recommendation that depend only on the item, its fired rules and the language."""

    title: str
    legal_basis: tuple
    sources: tuple
    requirements: tuple
    contact: tuple
    because: tuple       # each fired rule's reason, best first


_FIXED_KEPT = 4096


def _fixed_parts(item: Item, rules: list[Rule], raises: tuple, lang: str) -> _Fixed:
    """Kept per knowledge base: the same item with the same fired rules is recommended in many cases."""
    kept = memo.table(item, "_fixed_parts")
    key = (tuple(r.id for r in rules), tuple(id(x) for x in raises), lang)
    fixed = kept.get(key)
    if fixed is None:
        # the fired rule's basis first: it is the one in force on the date (e.g. § 131a before § 87a)
        legal = _unique([b for r in rules for b in r.legal_basis] + [b for x in raises for b in x.legal_basis]
                        + item.legal_basis)
        sources = _unique([s.url for s in item.sources] + [s.url for r in rules for s in r.sources]
                          + [s.url for x in raises for s in x.sources])
        requirements = [_requirement_text(req, lang) for req in item.get("requirements") or []]
        requirements += [_requirement_text(req, lang) for r in rules for req in r.requirements]
        fixed = memo.keep(kept, key, _Fixed(item.title(lang), tuple(legal), tuple(sources),
                                            tuple(_unique(requirements)), tuple(item.get("contact") or ()),
                                            tuple(pick(rule.because, lang) for rule in rules)), _FIXED_KEPT)
    return fixed


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
    used, open_rules = [], []
    for rec in advice.recommendations:
        rules = [kb.rules_by_id[r] for r in [rec.rule] + rec.also_rules]
        raised = rules[0].priority_raised
        if raised is not None and rec.priority == raised.to:
            rules.append(_ConditionOnly(raised.when))  # what the raised priority read counts too
        used += [rec.ref] + used_item_ids(evaluation, rules)
        open_rules += [r for r in rules if getattr(r, "confidence", "high") == "low" and r not in open_rules]
    warnings = freshness_warnings(kb, used, advice.as_of, lang, months)
    # a rule that rests on secondary sources or an open question says so, with the question
    warnings += [t("warning.low_confidence_rule", lang, title=_rule_title(kb, r, lang), note=pick(r.note, lang) or "-")
                 for r in open_rules]
    return warnings


def _rule_title(kb: KnowledgeBase, rule: Rule, lang: str) -> str:
    """A rule as people know it: by the item it recommends (its title), not by its id."""
    item = kb.items.get(rule.recommends) if rule.recommends else None
    return item.title(lang) if item is not None else (pick(rule.title, lang) or rule.id)


class _ConditionOnly(NamedTuple):
    """Stands for a rule where only its condition is read (``used_item_ids``)."""

    condition: object


def _dedupe(records: list) -> list:
    """Compiled records once each (equal atoms share one record)."""
    return list({id(record): record for record in records}.values())


def _unique(values: list) -> list:
    return list(dict.fromkeys(v for v in values if v))
