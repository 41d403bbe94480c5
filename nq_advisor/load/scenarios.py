"""Domain test cases as data: facts, a date, and what the advice must (not) contain.

``nq-advisor kb test`` and the test suite run them; the report also names the
rules that no scenario makes fire, so that every rule is exercised.
"""
from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from pathlib import Path

from nq_advisor.errors import InputError, KnowledgeBaseError, Problem
from nq_advisor.load.shapes import ShapeChecker
from nq_advisor.load.yamlsource import LocatedDict, LocatedList, load_yaml_file

_EXPECT_KEYS = ("recommended", "not_recommended", "done", "undecided", "absent", "order")
SCENARIO_KEYS = {"name": (True, "str"), "as_of": (True, "date"), "facts": (True, "any"),
                 "expect": (True, "any"), "lang": (False, ("enum", ("de", "en")))}


@dataclass
class Scenario:
    name: str
    file: str
    line: int
    as_of: datetime.date
    facts: dict
    expect: dict
    lang: str = "de"


@dataclass
class ScenarioResult:
    scenario: Scenario
    failures: list[str] = field(default_factory=list)
    fired: set[str] = field(default_factory=set)

    @property
    def passed(self) -> bool:
        return not self.failures


def load_scenarios(root: Path) -> list[Scenario]:
    """Every scenario of ``root/scenarios``; raise KnowledgeBaseError listing malformed ones."""
    folder = root / "scenarios"
    scenarios: list[Scenario] = []
    problems: list[Problem] = []
    for path in sorted(folder.glob("*.yaml")) if folder.is_dir() else []:
        name = str(path.relative_to(root))
        data, found = load_yaml_file(path, name)
        problems += found
        if data is None:
            continue
        if not isinstance(data, LocatedList):
            problems.append(Problem(name, 1, "a scenario file must be a list of scenarios"))
            continue
        for index, raw in enumerate(data):
            checker = ShapeChecker(name)
            if not isinstance(raw, LocatedDict):
                checker.add(data.line_of(index), "each scenario must be a mapping with name, as_of, facts, expect")
            else:
                checker.check_keys(raw, SCENARIO_KEYS, f"scenario '{raw.get('name', '?')}'")
                expect = raw.get("expect")
                if isinstance(expect, LocatedDict):
                    checker.check_keys(expect, {k: (False, "strs") for k in _EXPECT_KEYS}, "expect")
                elif "expect" in raw:
                    checker.add(raw.line_of("expect"), "expect must be a mapping of "
                                + ", ".join(_EXPECT_KEYS))
            problems += checker.problems
            if checker.problems:
                continue
            scenarios.append(Scenario(raw["name"], name, raw.line, raw["as_of"], raw["facts"],
                                      dict(raw["expect"]), raw.get("lang", "de")))
    if problems:
        raise KnowledgeBaseError(problems)
    return scenarios


def run_scenario(advisor, scenario: Scenario) -> ScenarioResult:
    result = ScenarioResult(scenario)
    try:
        subject, facts = advisor.parse(scenario.facts, scenario.lang, f"{scenario.file}:{scenario.line}")
    except InputError as exc:
        result.failures.append(f"invalid facts: {exc}")
        return result
    result.fired = advisor._engine(subject).run(facts, scenario.as_of)
    advice = advisor.advise_facts(subject, facts, scenario.as_of, scenario.lang)
    recommended = advice.refs()
    not_recommended = {n.ref for n in advice.not_recommended}
    undecided = {u.ref for u in advice.undecided}
    known = set(advisor.kb.items)
    expect = scenario.expect
    for key in _EXPECT_KEYS:
        for ref in expect.get(key) or []:
            if ref not in known:
                result.failures.append(f"expect.{key}: unknown id '{ref}'")
    for ref in expect.get("recommended") or []:
        if ref not in recommended:
            result.failures.append(f"expected '{ref}' to be recommended; status: {_status(ref, advice)}")
    for ref in expect.get("not_recommended") or []:
        if ref not in not_recommended:
            result.failures.append(f"expected '{ref}' in not_recommended; status: {_status(ref, advice)}")
    done = {d.ref for d in advice.done}
    for ref in expect.get("done") or []:
        if ref not in done:
            result.failures.append(f"expected '{ref}' to be done; status: {_status(ref, advice)}")
    for ref in expect.get("undecided") or []:
        if ref not in undecided:
            result.failures.append(f"expected '{ref}' to be undecided; status: {_status(ref, advice)}")
    for ref in expect.get("absent") or []:
        if ref in recommended:
            result.failures.append(f"expected '{ref}' not to be recommended, but it is")
    order = [ref for ref in expect.get("order") or [] if ref in recommended]
    positions = [recommended.index(ref) for ref in order]
    if positions != sorted(positions) or len(order) != len(expect.get("order") or []):
        result.failures.append(f"expected order {expect.get('order')}; recommended order: {recommended}")
    for rule_id in advice.engine_mismatches:
        result.failures.append(f"experta and the three-valued evaluator disagree on rule '{rule_id}'")
    return result


def _status(ref: str, advice) -> str:
    if ref in advice.refs():
        return "recommended"
    unmet = [u for n in advice.not_recommended if n.ref == ref for u in n.unmet]
    if unmet:
        return "not recommended: " + "; ".join(unmet)
    missing = [m for u in advice.undecided if u.ref == ref for m in u.missing]
    if missing:
        return "undecided, missing: " + ", ".join(dict.fromkeys(missing))
    if any(d.ref == ref for d in advice.done):
        return "done"
    return "not considered by any rule in force"


def unexercised_rules(kb, results: list[ScenarioResult]) -> list[str]:
    """Rule ids that fired in no scenario."""
    fired = set().union(*(r.fired for r in results)) if results else set()
    return sorted(rule.id for rule in kb.rules if rule.id not in fired)

