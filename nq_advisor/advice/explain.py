"""The why chain of one recommendation as data: rules, facts, parameters, derived facts, sources.

``explain()`` answers "why (not) this ref?" for one case.  The decision itself is the
engine's (through ``Advisor.advise_facts``); the chain comes from the three-valued
evaluator, which names the atoms that made each rule true, false or unknown.  Every
step carries the facts, dated parameter values and item attributes it read, and a
derived fact carries the rules that derived it, recursively.  Interfaces render this
structure (``to_dict()`` for JSON); nothing is ever parsed back from text.
"""
from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from nq_advisor.load import conditions as c
from nq_advisor.advice.distance import Distance, distance_of
from nq_advisor.errors import UsageError, did_you_mean
from nq_advisor.inference.facts import document_value
from nq_advisor.inference.evaluate import UNDEFINED, UNKNOWN, Evaluation, resolve
from nq_advisor.i18n import pick, t
from nq_advisor.load.model import KnowledgeBase, Rule
from nq_advisor.advice.sources import (STALE_AFTER_MONTHS, deciding_rules, freshness_warnings, relevant_atoms,
                                       used_item_ids)
from nq_advisor.advice.wording import Wording, attribute_title, format_date

@dataclass
class FactUse:
    field: str
    title: str
    value: object            # None when unknown
    text: str

    def to_dict(self) -> dict:
        return {"field": self.field, "title": self.title, "value": document_value(self.value), "text": self.text}


@dataclass
class ParameterUse:
    """A dated parameter value as it stood on the evaluation date."""

    id: str
    title: str
    value: object
    unit: str | None
    valid_from: datetime.date | None
    valid_until: datetime.date | None
    legal_basis: list[str]
    sources: list[dict]
    confidence: str
    # when no value is in force on the date: says so, and from when the first value applies
    not_set: str = ""

    def to_dict(self) -> dict:
        return {"id": self.id, "title": self.title, "value": document_value(self.value), "unit": self.unit,
                "valid_from": _iso(self.valid_from), "valid_until": _iso(self.valid_until),
                "legal_basis": list(self.legal_basis), "sources": list(self.sources), "confidence": self.confidence}


@dataclass
class AttributeUse:
    """An attribute of the item a fact names, e.g. the training duration of the target occupation."""

    item: str
    item_title: str
    attr: str
    attr_title: str
    value: object
    text: str
    sources: list[dict]

    def to_dict(self) -> dict:
        return {"item": self.item, "item_title": self.item_title, "attr": self.attr, "attr_title": self.attr_title,
                "value": document_value(self.value), "text": self.text, "sources": list(self.sources)}


@dataclass
class Step:
    """One condition of a rule with its truth (True, False, None = unknown) and what it read."""

    text: str
    truth: bool | None
    facts: list[FactUse] = field(default_factory=list)
    parameters: list[ParameterUse] = field(default_factory=list)
    attributes: list[AttributeUse] = field(default_factory=list)
    derived: "DerivedFact | None" = None
    distance: Distance | None = None
    missing: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {"text": self.text, "truth": self.truth, "facts": [f.to_dict() for f in self.facts],
                "parameters": [p.to_dict() for p in self.parameters],
                "attributes": [a.to_dict() for a in self.attributes],
                "derived": self.derived.to_dict() if self.derived else None,
                "distance": self.distance.to_dict() if self.distance else None, "missing": list(self.missing)}


@dataclass
class RuleTrace:
    id: str
    truth: bool | None
    priority: int | None     # None for a rule that derives an intermediate fact
    because: str
    legal_basis: list[str]
    sources: list[dict]
    steps: list[Step]
    raised: "RuleTrace | None" = None   # the rule's priority_raised: its priority `to`, truth and steps

    def to_dict(self) -> dict:
        return {"id": self.id, "truth": self.truth, "priority": self.priority, "because": self.because,
                "legal_basis": list(self.legal_basis), "sources": list(self.sources),
                "steps": [s.to_dict() for s in self.steps],
                "priority_raised": self.raised.to_dict() if self.raised else None}


@dataclass
class DerivedFact:
    """An intermediate fact and the rules that decided it (the true ones, or all false ones)."""

    name: str
    title: str
    truth: bool | None
    rules: list[RuleTrace]

    def to_dict(self) -> dict:
        return {"name": self.name, "title": self.title, "truth": self.truth, "rules": [r.to_dict() for r in self.rules]}


@dataclass
class Explanation:
    ref: str
    kind: str
    title: str
    subject: str
    as_of: datetime.date
    lang: str
    status: str                          # recommended | not_recommended | undecided | done (regions)
    priority: int | None
    rules: list[RuleTrace]
    legal_basis: list[str]
    sources: list[dict]
    requirements: list[str]
    missing: list[str]                   # unknown facts that would decide an undecided ref
    missing_titles: list[str]            # the same in words
    confidence: str
    warnings: list[str]

    def to_dict(self) -> dict:
        return {"ref": self.ref, "kind": self.kind, "title": self.title, "subject": self.subject,
                "as_of": self.as_of.isoformat(), "status": self.status, "priority": self.priority,
                "rules": [r.to_dict() for r in self.rules], "legal_basis": list(self.legal_basis),
                "sources": list(self.sources), "requirements": list(self.requirements),
                "missing": list(self.missing), "missing_titles": list(self.missing_titles), "confidence": self.confidence, "warnings": list(self.warnings)}


def explain(advisor, document, ref: str, as_of: datetime.date | None = None, lang: str = "de",
            max_source_age: int | None = None, source: str = "input") -> Explanation:
    """Why ``ref`` is (not) recommended for the case in ``document``; UsageError for an unknown ref."""
    subject, facts = advisor.parse(document, lang, source)
    return explain_facts(advisor, subject, facts, ref, as_of, lang, max_source_age)


def explain_facts(advisor, subject: str, facts: dict, ref: str, as_of: datetime.date | None = None,
                  lang: str = "de", max_source_age: int | None = None) -> Explanation:
    kb: KnowledgeBase = advisor.kb
    rules = [r for r in kb.rules_for(subject) if r.recommends == ref]
    if not rules:
        raise UsageError(_unknown_ref_message(kb, subject, ref, lang))
    kwargs = {} if max_source_age is None else {"stale_after_months": max_source_age}
    advice = advisor.advise_facts(subject, facts, as_of, lang, **kwargs)
    evaluation = Evaluation(kb, subject, facts, advice.as_of)
    tracer = _Tracer(evaluation, lang)
    item = kb.items[ref]
    recommendation = next((r for r in advice.recommendations if r.ref == ref), None)
    if recommendation is not None:
        status, chosen = "recommended", [r for r in rules if evaluation.rule_truth(r) is True]
    elif any(u.ref == ref for u in advice.undecided):
        status, chosen = "undecided", [r for r in rules if evaluation.rule_truth(r) is None]
    elif any(d.ref == ref for d in advice.done):
        status, chosen = "done", rules     # a region's step in place: its rules read as what is done
    else:
        status, chosen = "not_recommended", rules
    chosen.sort(key=lambda r: (r.priority, r.id))
    traces = [tracer.rule(r) for r in chosen]
    missing = [] if status != "undecided" else _unique(m for r in chosen for m in evaluation.missing(r.condition))
    used = [ref] + used_item_ids(evaluation, chosen)
    months = max_source_age if max_source_age is not None else STALE_AFTER_MONTHS
    return Explanation(
        ref=ref, kind=item.kind, title=item.title(lang), subject=subject, as_of=advice.as_of, lang=lang,
        status=status, priority=recommendation.priority if recommendation else None, rules=traces,
        legal_basis=_unique(item.legal_basis + [b for r in chosen for b in r.legal_basis]),
        sources=_sources(item.sources), requirements=recommendation.requirements if recommendation else
        [pick(req.get("text"), lang) for req in item.get("requirements") or []],
        missing=missing, missing_titles=[pick(kb.fields[subject][m].title, lang) for m in missing],
        confidence=item.confidence,
        warnings=freshness_warnings(kb, used, advice.as_of, lang, months))


class _Tracer:
    """Builds rule traces for one evaluated case."""

    def __init__(self, evaluation: Evaluation, lang: str):
        self.ev = evaluation
        self.kb = evaluation.kb
        self.lang = lang
        self.wording = Wording(evaluation, lang)
        self.fields = self.kb.fields[evaluation.subject]

    def rule(self, rule: Rule) -> RuleTrace:
        atoms = list(dict.fromkeys(relevant_atoms(self.ev, rule.condition)))
        raised = rule.priority_raised
        return RuleTrace(id=rule.id, truth=self.ev.rule_truth(rule), priority=None if rule.derives else rule.priority,
                         because=pick(rule.because, self.lang), legal_basis=list(rule.legal_basis),
                         sources=_sources(rule.sources), steps=[self.step(a) for a in atoms],
                         raised=self.raise_trace(rule.id, raised) if raised else None)

    def raise_trace(self, rule_id: str, raised) -> RuleTrace:
        """The condition of a rule's raised priority, traced like a rule of its own."""
        atoms = list(dict.fromkeys(relevant_atoms(self.ev, raised.when)))
        return RuleTrace(id=rule_id, truth=self.ev.truth(raised.when), priority=raised.to,
                         because=pick(raised.because, self.lang), legal_basis=list(raised.legal_basis),
                         sources=_sources(raised.sources), steps=[self.step(a) for a in atoms])

    def step(self, atom) -> Step:
        step = Step(text=self.wording.atom(atom), truth=self.ev.truth(atom))
        if isinstance(atom, c.Derived):
            rules = deciding_rules(self.ev, atom.name)
            title = pick(rules[0].title, self.lang) if rules else atom.name
            step.derived = DerivedFact(atom.name, title, self.ev.derived(atom.name), [self.rule(r) for r in rules])
        elif isinstance(atom, c.Compare):
            step.facts = [self.fact(f) for f in atom.fields]
            step.parameters = [self.parameter(p) for expr in (atom.left, atom.right) for p in c.expr_params(expr)]
            step.attributes = [a for expr in (atom.left, atom.right) for a in self.attributes(expr)]
            step.missing = [f for f in atom.fields if f not in self.ev.facts]
            if step.truth is False:
                step.distance = distance_of(atom, self.ev, self.lang)
        return step

    def fact(self, name: str) -> FactUse:
        definition = self.fields.get(name)
        title = pick(definition.title, self.lang) if definition else name
        if name not in self.ev.facts:
            return FactUse(name, title, None, t("value.unknown", self.lang))
        value = self.ev.facts[name]
        return FactUse(name, title, value, self.wording.value(value, definition))

    def parameter(self, param_id: str) -> ParameterUse:
        item = self.kb.items.get(param_id)
        entry = self.kb.param_entry(param_id, self.ev.as_of)
        return ParameterUse(
            id=param_id, title=item.title(self.lang) if item else param_id,
            value=entry.value if entry else None, unit=item.get("unit") if item else None,
            valid_from=entry.start if entry else None, valid_until=entry.end if entry else None,
            legal_basis=item.legal_basis if item else [], sources=_sources(item.sources) if item else [],
            confidence=item.confidence if item else "high",
            not_set="" if entry else _not_set(self.kb.parameters.get(param_id) or [], self.ev.as_of, self.lang))

    def attributes(self, expr) -> list[AttributeUse]:
        if isinstance(expr, c.Arithmetic):
            return [a for arg in expr.args for a in self.attributes(arg)]
        if not isinstance(expr, c.AttrRef) or expr.of not in self.ev.facts:
            return []
        item = self.kb.items.get(self.ev.facts[expr.of])
        if item is None:
            return []
        value = resolve(expr, self.ev.facts, self.kb, self.ev.as_of)
        value = None if value is UNKNOWN or value is UNDEFINED else value
        text = t("value.unknown", self.lang) if value is None else self.wording.value(value)
        return [AttributeUse(item.id, item.title(self.lang), expr.attr, attribute_title(expr.attr, self.lang),
                             value, text, _sources(item.sources))]


def _unknown_ref_message(kb: KnowledgeBase, subject: str, ref: str, lang: str) -> str:
    refs = sorted({r.recommends for r in kb.rules_for(subject) if r.recommends})
    if ref in kb.items:
        return t("explain.not_considered", lang, ref=ref, subject=subject)
    return t("explain.unknown_ref", lang, ref=ref, hint=did_you_mean(ref, refs, lang), allowed=", ".join(refs))


def _sources(sources) -> list[dict]:
    return [{"url": s.url, "checked": s.checked.isoformat(), **({"title": s.title} if s.title else {})}
            for s in sources]


def _iso(day) -> str | None:
    return day.isoformat() if day else None


def _unique(values) -> list:
    return list(dict.fromkeys(v for v in values if v))


def _not_set(entries, day, lang: str) -> str:
    """'not set on DAY (first value from X)' for a parameter with no value in force on ``day``."""
    later = [e.start for e in entries if e.start and e.start > day]
    if later:
        return t("explain.param_not_yet", lang, day=format_date(day, lang), first=format_date(min(later), lang))
    return t("explain.param_not_set", lang, day=format_date(day, lang))
