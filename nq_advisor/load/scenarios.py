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
from nq_advisor.load.texts import Msg, problem
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


def load_scenarios(root: Path, lang: str = "de") -> list[Scenario]:
    """Every scenario of ``root/scenarios``; raise KnowledgeBaseError listing malformed ones (in ``lang``)."""
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
            problems.append(problem(name, 1, Msg("scenario.file_not_list")))
            continue
        for index, raw in enumerate(data):
            checker = ShapeChecker(name)
            if not isinstance(raw, LocatedDict):
                checker.add(data.line_of(index), Msg("scenario.not_mapping"))
            else:
                checker.check_keys(raw, SCENARIO_KEYS, Msg("what.scenario", name=raw.get("name", "?")))
                expect = raw.get("expect")
                if isinstance(expect, LocatedDict):
                    checker.check_keys(expect, {k: (False, "strs") for k in _EXPECT_KEYS}, Msg("what.expect"))
                elif "expect" in raw:
                    checker.add(raw.line_of("expect"), Msg("scenario.expect", keys=", ".join(_EXPECT_KEYS)))
            problems += checker.problems
            if checker.problems:
                continue
            scenarios.append(Scenario(raw["name"], name, raw.line, raw["as_of"], raw["facts"],
                                      dict(raw["expect"]), raw.get("lang", "de")))
    if problems:
        raise KnowledgeBaseError(problems, lang)
    return scenarios


def run_scenario(advisor, scenario: Scenario, lang: str = "de") -> ScenarioResult:
    """Run one scenario; ``failures`` say in ``lang`` what was expected and what was found, naming
    items by title (and id)."""
    result = ScenarioResult(scenario)
    source = f"{scenario.file}:{scenario.line}"
    try:
        subject, facts = advisor.parse(scenario.facts, scenario.lang, source)
    except InputError as exc:
        if lang != scenario.lang:  # the same problems, worded for the reader
            try:
                advisor.parse(scenario.facts, lang, source)
            except InputError as worded:
                exc = worded
        result.failures.append(Msg("scenario.invalid_facts", error=exc).render(lang))
        return result
    result.fired = advisor._engine(subject).run(facts, scenario.as_of)
    advice = advisor.advise_facts(subject, facts, scenario.as_of, scenario.lang)
    recommended = advice.refs()
    found = {"recommended": set(recommended), "not_recommended": {n.ref for n in advice.not_recommended},
             "done": {d.ref for d in advice.done}, "undecided": {u.ref for u in advice.undecided}}
    known = set(advisor.kb.items)
    expect = scenario.expect
    failures: list[Msg] = []
    for key in _EXPECT_KEYS:
        failures += [Msg("scenario.unknown_id", key=key, ref=ref) for ref in expect.get(key) or [] if ref not in known]
    missed = [(key, ref) for key in ("recommended", "not_recommended", "done", "undecided")
              for ref in expect.get(key) or [] if ref in known and ref not in found[key]]
    if missed:  # the reasons in the reader's language (the scenario's advice may be in the other one)
        worded = advice if lang == scenario.lang else advisor.advise_facts(subject, facts, scenario.as_of, lang)
        failures += [Msg(f"scenario.want.{key}", item=_item(advisor.kb, ref, lang), status=_status(ref, worded))
                     for key, ref in missed]
    failures += [Msg("scenario.want.absent", item=_item(advisor.kb, ref, lang))
                 for ref in expect.get("absent") or [] if ref in recommended]
    order = [ref for ref in expect.get("order") or [] if ref in recommended]
    positions = [recommended.index(ref) for ref in order]
    if positions != sorted(positions) or len(order) != len(expect.get("order") or []):
        failures.append(Msg("scenario.order", expected=[_item(advisor.kb, r, lang) for r in expect.get("order") or []]
                            or Msg("status.none"), found=[_item(advisor.kb, r, lang) for r in recommended]
                            or Msg("status.none")))
    failures += [Msg("scenario.engines_disagree", rule=rule_id) for rule_id in advice.engine_mismatches]
    result.failures = [f.render(lang) for f in failures]
    return result


def _item(kb, ref: str, lang: str) -> Msg | str:
    """'Title [id]' for a knowledge item, the id alone for an unknown one."""
    item = kb.items.get(ref)
    return Msg("scenario.item", title=item.title(lang), ref=ref) if item is not None else f"'{ref}'"


def _status(ref: str, advice) -> Msg:
    if ref in advice.refs():
        return Msg("status.recommended")
    unmet = [u for n in advice.not_recommended if n.ref == ref for u in n.unmet]
    if unmet:
        return Msg("status.not_recommended", reasons="; ".join(unmet))
    missing = [m for u in advice.undecided if u.ref == ref for m in u.missing]
    if missing:
        return Msg("status.undecided", missing=", ".join(dict.fromkeys(missing)))
    if any(d.ref == ref for d in advice.done):
        return Msg("status.done")
    return Msg("status.not_considered")


def unexercised_rules(kb, results: list[ScenarioResult]) -> list[str]:
    """Rule ids that fired in no scenario."""
    fired = set().union(*(r.fired for r in results)) if results else set()
    return sorted(rule.id for rule in kb.rules if rule.id not in fired)

