"""Reasons for a reader: the why-not of each item in one line or in full, and the reasons of a
recommendation, worded for the client ("Sie") or the counsellor.

The advice keeps the conditions that failed or held (``NotRecommended.atoms``,
``Recommendation.met_atoms``); this module words them again for the reader at hand, so one advice
serves the counsellor's table and the client's handout. Rules of one item are alternatives (any one
would have been enough): a reason they share is shown once, and the one-line why-not takes the
alternative that is closest to holding, with the month in which waiting closes the gap.
"""
from __future__ import annotations

from dataclasses import dataclass

from nq_advisor.advice.distance import reachable_text
from nq_advisor.advice.result import Advice, Recommendation
from nq_advisor.advice.wording import Wording
from nq_advisor.inference.evaluate import Evaluation
from nq_advisor.load import conditions as c


@dataclass
class WhyNot:
    ref: str
    title: str
    short: str                 # the deciding reason, with "erreichbar etwa ..." where time closes the gap
    reasons: list[str]         # every reason once: first those all alternatives share
    alternatives: list[list[str]]  # per rule, the reasons not shared by all


def wording_for(advice: Advice, kb, audience: str) -> Wording:
    return Wording(Evaluation(kb, advice.subject, advice.facts, advice.as_of), advice.lang, audience)


def why_not(advice: Advice, kb, audience: str = "client", skip_steps: bool = True) -> list[WhyNot]:
    """One entry per not-recommended item, in the advice's order. For regions, strategy steps with a
    flaw are left out (``skip_steps``): the recommended action that repairs the flaw speaks for them."""
    wording = wording_for(advice, kb, audience)
    grouped: dict[str, list] = {}
    for n in advice.not_recommended:
        item = kb.items.get(n.ref)
        if skip_steps and advice.subject == "region" and item is not None and item.kind == "strategy_step":
            continue
        grouped.setdefault(n.ref, []).append(n)
    out = []
    for ref, entries in grouped.items():
        alternatives = []
        for n in entries:
            rule = kb.rules_by_id.get(n.rule)
            says = rule.says if rule is not None else None
            atoms = list(n.atoms)
            sentences = _unique([wording.atom(a, says) for a in atoms]) if atoms else list(n.unmet)
            alternatives.append((n, _order(atoms, sentences), sentences))
        texts = [s for _, _, s in alternatives]
        shared = [s for s in texts[0] if all(s in other for other in texts[1:])] if len(texts) > 1 else []
        rest = [[s for s in sentences if s not in shared] for sentences in texts]
        rest = [r for r in rest if r]
        reasons = _unique(shared + [s for r in rest for s in r])
        out.append(WhyNot(ref, entries[0].title, _short(alternatives, advice.lang, audience), reasons, rest))
    return out


def _order(atoms, sentences) -> list[str]:
    """Sentences with the reasons about the case first (facts, derived facts), item attributes last."""
    if len(atoms) != len(sentences):
        return sentences
    def rank(pair):
        atom = pair[0]
        if isinstance(atom, c.Compare) and isinstance(atom.left, c.FactRef):
            return 0
        return 1 if isinstance(atom, c.Derived) else 2
    return [s for _, s in sorted(zip(atoms, sentences), key=rank)]


def _short(alternatives, lang: str, audience: str) -> str:
    """The alternative with the fewest failed conditions (one that time closes first), its first reason."""
    def closeness(entry):
        n, ordered, _ = entry
        reachable = len(ordered) == 1 and any(d.reachable_on for d in n.distance)
        return (len(ordered), not reachable, n.rule)
    n, ordered, _ = min(alternatives, key=closeness)
    if not ordered:
        return ""
    line = ordered[0]
    if len(ordered) == 1:
        reachable = [d for d in n.distance if d.reachable_on is not None]
        if reachable:
            line += " – " + reachable_text(reachable[0], lang, audience)
    return line


def met_sentences(rec: Recommendation, advice: Advice, kb, audience: str = "client",
                  wording: Wording | None = None) -> list[str]:
    """The conditions that held, worded for ``audience``: facts of the case first, item attributes last."""
    wording = wording or wording_for(advice, kb, audience)
    rule = kb.rules_by_id.get(rec.rule)
    atoms = list(rec.met_atoms)
    sentences = [wording.atom(a, rule.says if rule else None) for a in atoms]
    return _unique(_order(atoms, sentences))


def reasons_for(rec: Recommendation, advice: Advice, kb, audience: str = "client",
                wording: Wording | None = None) -> list[str]:
    """The rule's ``because`` and the conditions that held, worded for ``audience``."""
    if not rec.met_atoms:
        return list(rec.reasons)
    wording = wording or wording_for(advice, kb, audience)
    rule = kb.rules_by_id.get(rec.rule)
    because = [r for r in rec.reasons[:1 + len(rec.also_rules)]]
    return _unique(because + [wording.atom(a, rule.says if rule else None) for a in rec.met_atoms])


def _unique(values: list[str]) -> list[str]:
    return list(dict.fromkeys(v for v in values if v))
