"""The result of an evaluation, in the structure of the interface contract."""
from __future__ import annotations

import datetime
from dataclasses import dataclass, field

KIND_ORDER = ("route", "funding", "support", "strategy_step", "action")


@dataclass
class Recommendation:
    ref: str
    kind: str
    priority: int
    rule: str
    title: str
    reasons: list[str]
    legal_basis: list[str]
    sources: list[str]
    requirements: list[str] = field(default_factory=list)
    contact: list[str] = field(default_factory=list)
    confidence: str = "high"
    also_rules: list[str] = field(default_factory=list)
    # the conditions that held, to word them again for another reader (not part of the JSON)
    met_atoms: list = field(default_factory=list, repr=False, compare=False)

    def to_dict(self) -> dict:
        return {
            "ref": self.ref, "kind": self.kind, "priority": self.priority, "rule": self.rule,
            "title": self.title, "reasons": list(self.reasons), "legal_basis": list(self.legal_basis),
            "sources": list(self.sources), "requirements": list(self.requirements),
            "contact": list(self.contact), "confidence": self.confidence, "also_rules": list(self.also_rules),
        }


@dataclass
class NotRecommended:
    ref: str
    rule: str
    title: str
    unmet: list[str]
    distance: list = field(default_factory=list)  # distance.Distance per failed numeric condition
    # the failed conditions, to word them again for another reader (not part of the JSON)
    atoms: list = field(default_factory=list, repr=False, compare=False)

    def to_dict(self) -> dict:
        return {"ref": self.ref, "rule": self.rule, "title": self.title, "unmet": list(self.unmet),
                "distance": [d.to_dict() for d in self.distance]}


@dataclass
class Undecided:
    ref: str
    rule: str
    title: str
    missing: list[str]

    def to_dict(self) -> dict:
        return {"ref": self.ref, "rule": self.rule, "title": self.title, "missing": list(self.missing)}


@dataclass
class Done:
    """A strategy step or expertise a region already has (contract: the JSON's ``done`` list)."""

    ref: str
    title: str

    def to_dict(self) -> dict:
        return {"ref": self.ref, "title": self.title}


@dataclass
class Advice:
    subject: str
    as_of: datetime.date
    lang: str
    facts: dict
    recommendations: list[Recommendation] = field(default_factory=list)
    not_recommended: list[NotRecommended] = field(default_factory=list)
    undecided: list[Undecided] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    done: list[Done] = field(default_factory=list)
    engine_mismatches: list[str] = field(default_factory=list)  # rule ids; must stay empty
    # what produced the advice: {"version": nq-advisor's, "knowledge_base": content hash} (CONTRACT.md §2)
    meta: dict | None = None

    def refs(self) -> list[str]:
        return [r.ref for r in self.recommendations]

    def to_dict(self) -> dict:
        return {
            "subject": self.subject,
            "as_of": self.as_of.isoformat(),
            "recommendations": [r.to_dict() for r in self.recommendations],
            "not_recommended": [n.to_dict() for n in self.not_recommended],
            "undecided": [u.to_dict() for u in self.undecided],
            "warnings": list(self.warnings),
            "done": [d.to_dict() for d in self.done],
            **({"meta": dict(self.meta)} if self.meta is not None else {}),
        }
