"""The knowledge base as loaded: items, fact fields, dated parameters and rules."""
from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from pathlib import Path

from nq_advisor.load.conditions import Condition, InForce
from nq_advisor.i18n import pick


@dataclass(frozen=True)
class Source:
    url: str
    checked: datetime.date
    title: str = ""


@dataclass
class Item:
    """One knowledge item: a route, a funding instrument, an occupation, a strategy step, ..."""

    id: str
    kind: str
    data: dict
    file: str
    line: int

    def title(self, lang: str) -> str:
        titles = self.__dict__.get("_titles")
        if titles is None:
            titles = self.__dict__["_titles"] = {}
        title = titles.get(lang)
        if title is None:
            title = titles[lang] = pick(self.data.get("title"), lang)
        return title

    def text(self, key: str, lang: str) -> str:
        return pick(self.data.get(key), lang)

    def get(self, key: str, default=None):
        return self.data.get(key, default)

    @property
    def legal_basis(self) -> list[str]:
        basis = self.data.get("legal_basis")
        return list(basis) if isinstance(basis, list) else []

    @property
    def sources(self) -> list[Source]:
        sources = self.data.get("sources")
        return list(sources) if isinstance(sources, list) else []

    @property
    def confidence(self) -> str:
        return self.data.get("confidence", "high")

    @property
    def validity(self) -> InForce:
        return InForce(self.data.get("valid_from"), self.data.get("valid_until"))


@dataclass(frozen=True)
class FieldDef:
    """A fact field of a subject (person or region) as defined in knowledge/fields.yaml."""

    id: str
    subject: str
    type: str                      # int | bool | enum | string | list | ref
    title: dict
    minimum: int | None = None
    maximum: int | None = None
    values: tuple = ()             # allowed values of enum/list fields (or item ids for refs)
    ref_kind: str | None = None
    help: dict | None = None
    value_titles: dict | None = None
    question: dict | None = None
    grows: str | None = None       # per_month | per_year: the value rises with time (experience, age)
    grows_while: str | None = None  # working: it rises only while the person keeps working in the field
    absent_means: str | None = None  # never: an absent value is not unknown but "never" (e.g. no funded training)
    says: dict | None = None       # wording of conditions on this field (load/says.py, advice/wording.py)
    unit: str | None = None        # months | years | EUR | employees | hours
    ordered: bool = False          # enum values listed from low to high

    @property
    def is_list(self) -> bool:
        return self.type == "list"


@dataclass(frozen=True)
class ParamValue:
    start: datetime.date
    end: datetime.date | None
    value: object


@dataclass(frozen=True)
class PriorityRaise:
    """A better priority for a rule's recommendation while a further condition holds.

    ``when`` is the author's condition (NNF); ``condition`` is the rule's own condition
    and ``when`` together: the recommendation at priority ``to`` holds exactly when it is
    true, which the interview treats like a rule of its own.
    """

    to: int
    when: Condition
    condition: Condition
    because: dict
    legal_basis: tuple = ()
    sources: tuple = ()


@dataclass
class Rule:
    id: str
    subject: str
    condition: Condition           # NNF: validity, scope and when together
    when: Condition | None         # NNF of the author's condition only
    validity: InForce | None
    scope: Condition | None        # when false, the rule does not concern this case (e.g. another state)
    recommends: str | None
    derives: str | None
    priority: int
    title: dict
    because: dict
    legal_basis: list[str]
    sources: list[Source]
    requirements: list[dict]
    file: str
    line: int
    priority_raised: PriorityRaise | None = None
    confidence: str = "high"       # low: secondary sources or an open question (see note); the advice warns
    note: dict = field(default_factory=dict)
    says: dict | None = None       # derivations: {client|counsellor: {met, unmet}}; others: per field/derived name


@dataclass
class KnowledgeBase:
    root: Path
    items: dict[str, Item] = field(default_factory=dict)
    fields: dict[str, dict[str, FieldDef]] = field(default_factory=dict)
    parameters: dict[str, list[ParamValue]] = field(default_factory=dict)
    rules: list[Rule] = field(default_factory=list)
    content_hash: str = ""  # 'sha256:<16 hex>' of the knowledge and rule files (loader.content_hash)

    rules_by_id: dict[str, Rule] = field(default_factory=dict)
    rules_by_subject: dict[str, list[Rule]] = field(default_factory=dict)
    derivations_by_name: dict[tuple[str, str], list[Rule]] = field(default_factory=dict)
    wording_gaps: list = field(default_factory=list)   # conditions without `says` (load/says.py)

    def index_rules(self) -> None:
        """Index the rules by id, subject and derived fact; called once the rules are loaded."""
        self.rules_by_id = {rule.id: rule for rule in self.rules}
        self.rules_by_subject, self.derivations_by_name = {}, {}
        for rule in self.rules:
            self.rules_by_subject.setdefault(rule.subject, []).append(rule)
            if rule.derives:
                self.derivations_by_name.setdefault((rule.subject, rule.derives), []).append(rule)

    def rules_for(self, subject: str) -> list[Rule]:
        return self.rules_by_subject.get(subject, [])

    def derivations(self, subject: str, name: str) -> list[Rule]:
        return self.derivations_by_name.get((subject, name), [])

    def items_of_kind(self, kind: str) -> list[Item]:
        """Items of one kind in file order (indexed on first use; rebuilt when items were added)."""
        index = self.__dict__.get("_by_kind")
        if index is None or index[0] != len(self.items):
            by_kind: dict[str, list[Item]] = {}
            for item in self.items.values():
                by_kind.setdefault(item.kind, []).append(item)
            index = self.__dict__["_by_kind"] = (len(self.items), by_kind)
        return list(index[1].get(kind, ()))

    def param_entry(self, param_id: str, day: datetime.date) -> ParamValue | None:
        """The dated value of a parameter in force on ``day`` (with its period), or None."""
        for entry in self.parameters.get(param_id, ()):
            if entry.start <= day and (entry.end is None or day <= entry.end):
                return entry
        return None

    def param_value(self, param_id: str, day: datetime.date):
        """The value of a dated parameter on ``day``; raises LookupError when none is in force."""
        entry = self.param_entry(param_id, day)
        if entry is None:
            raise LookupError(param_id)
        return entry.value
