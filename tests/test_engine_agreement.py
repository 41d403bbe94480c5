"""experta and the three-valued evaluator agree on every rule, for random facts and dates.

experta decides what the advice recommends; the plain evaluator explains it (why, why not,
what is missing).  On complete facts both must agree on every rule; because conditions are
compiled in negation normal form they must also agree on partial facts: a rule fires in
experta exactly when it is true (not merely not-false) under three-valued logic.
"""
import datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nq_advisor.inference.evaluate import Evaluation
from nq_advisor.load.model import FieldDef

DATES = st.dates(min_value=datetime.date(2000, 1, 1), max_value=datetime.date(2035, 12, 31))  # also before parameters start


def value_strategy(field: FieldDef):
    if field.type == "int":
        low = field.minimum if field.minimum is not None else 0
        high = field.maximum if field.maximum is not None else low + 240
        return st.integers(min_value=low, max_value=high)
    if field.type == "bool":
        return st.booleans()
    if field.type in ("enum", "ref"):
        return st.sampled_from(list(field.values))
    if field.type == "list":
        return st.lists(st.sampled_from(list(field.values)), unique=True).map(tuple)
    return st.text(min_size=1, max_size=12).filter(str.strip)


def facts_strategy(fields: dict, complete: bool):
    values = {name: value_strategy(field) for name, field in sorted(fields.items())}
    if complete:
        return st.fixed_dictionaries(values)
    return st.fixed_dictionaries({}, optional=values)


def disagreements(advisor, subject, facts, as_of):
    fired = advisor._engine(subject).run(facts, as_of)
    evaluation = Evaluation(advisor.kb, subject, facts, as_of)
    return [(rule.id, rule.id in fired, evaluation.truth(rule.condition))
            for rule in advisor.kb.rules_for(subject)
            if (rule.id in fired) != (evaluation.truth(rule.condition) is True)]


def _check(advisor, data, complete):
    subject = data.draw(st.sampled_from(sorted(advisor.kb.fields)))
    facts = data.draw(facts_strategy(advisor.kb.fields[subject], complete))
    as_of = data.draw(DATES)
    assert disagreements(advisor, subject, facts, as_of) == []


SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@SETTINGS
@given(data=st.data())
def test_agree_on_complete_facts_mini(mini_advisor, data):
    _check(mini_advisor, data, complete=True)


@SETTINGS
@given(data=st.data())
def test_agree_on_partial_facts_mini(mini_advisor, data):
    _check(mini_advisor, data, complete=False)


@SETTINGS
@given(data=st.data())
def test_agree_on_complete_facts_bundled(advisor, data):
    _check(advisor, data, complete=True)


@SETTINGS
@given(data=st.data())
def test_agree_on_partial_facts_bundled(advisor, data):
    _check(advisor, data, complete=False)


def test_engine_is_built_once_and_reused_across_cases(mini_advisor):
    engine = mini_advisor._engine("person")
    first = engine.run({"degree": "none", "age": 20, "full_time": True}, datetime.date(2026, 1, 1))
    second = engine.run({"degree": "german"}, datetime.date(2026, 1, 1))
    assert mini_advisor._engine("person") is engine
    assert "training_young" in first and "training_young" not in second


def _off_by_one(method):
    """A compiler bug: `ge` compiled as `gt` and `lt` as `le` (off by one at every threshold)."""
    from nq_advisor.load import conditions as c

    def mutated(self, atom):
        op = {"ge": "gt", "lt": "le"}.get(atom.op, atom.op)
        return method(self, c.Compare(atom.left, op, atom.right, atom.line))
    return mutated


def _drop_last_conjunct(node):
    """A compiler bug: the last condition of every conjunction is forgotten."""
    from nq_advisor.load import conditions as c
    if not isinstance(node, c.All):
        return [node]
    leaves = [leaf for child in node.children for leaf in _drop_last_conjunct(child)]
    return leaves[:-1] if len(leaves) > 1 else leaves


def _threshold_cases(kb):
    """Scenario facts, and each with its numeric facts moved onto the numbers the rules compare with."""
    from nq_advisor.load.loader import bundled_root
    from nq_advisor.load.scenarios import load_scenarios

    cases = []
    for scenario in load_scenarios(bundled_root()):
        subject, facts = next(iter(scenario.facts.items()))
        cases.append((subject, dict(facts or {}), scenario.as_of))
    for months in (54, 36, 24, 48, 72):
        cases.append(("person", {"target_occupation": "fachkraft_lagerlogistik", "experience_months_in_target": months,
                                 "age": 25, "vocational_degree": "none", "basic_skills_need": False,
                                 "completed_tq_modules": 1, "full_time_possible": True}, datetime.date(2026, 11, 23)))
    return cases


@pytest.mark.parametrize("mutation", ["compare", "conjunction"])
def test_a_mutated_compiler_disagrees_with_the_evaluator(advisor, monkeypatch, mutation):
    """The agreement check can fail: experta compiled with a typical bug disagrees on real cases."""
    from nq_advisor import Advisor
    from nq_advisor.inference import compiler

    if mutation == "compare":
        for name in ("_field_predicate", "_cross_field_test"):
            monkeypatch.setattr(compiler.RuleSetCompiler, name, _off_by_one(getattr(compiler.RuleSetCompiler, name)))
    else:
        monkeypatch.setattr(compiler, "_flatten_all", _drop_last_conjunct)
    mutated = Advisor(advisor.kb)  # compiles new engine classes with the mutation
    found = [d for subject, facts, as_of in _threshold_cases(advisor.kb)
             for d in disagreements(mutated, subject, advisor.parse({subject: facts})[1], as_of)]
    assert found, "the mutated compiler was not caught"
    monkeypatch.undo()
    assert all(d == [] for d in [disagreements(advisor, s, advisor.parse({s: f})[1], a)
                                 for s, f, a in _threshold_cases(advisor.kb)])


def test_agree_before_a_parameter_is_in_force(advisor):
    """Issue 11: on 2012-03-31 the § 81 years parameter has no value yet; engine and explanation agree."""
    facts = {"vocational_degree": "german", "unskilled_work_years_since_degree": 451}
    as_of = datetime.date(2012, 3, 31)
    assert disagreements(advisor, "person", advisor.parse({"person": facts})[1], as_of) == []
    advice = advisor.advise({"person": facts}, as_of=as_of)
    assert not [w for w in advice.to_dict()["warnings"] if "engine" in str(w) or "Regelmaschine" in str(w)]


def _network_paths(matcher) -> list:
    """Every path from the root to a conflict set: node kinds, checks and input ports, with the rule."""
    import re

    paths = []

    def walk(node, path):
        for child in node.children:
            check = getattr(child.node, "matcher", None)
            described = re.sub(r"__pattern_\d+__| at 0x[0-9a-f]+", "", repr(check)) if check is not None else ""
            step = path + ((type(child.node).__name__, child.callback.__name__, described),)
            if hasattr(child.node, "rule"):
                paths.append((id(child.node.rule._wrapped), step))
            walk(child.node, step)
    walk(matcher.root_node, ())
    return sorted(paths, key=repr)


def test_the_engine_wires_the_network_experta_wires(advisor):
    """The beta network is wired without experta's per-rule singledispatch (speed, issue 17): the
    nodes, checks and ports from the root to every rule's conflict set are experta's own."""
    from nq_advisor.inference.matcher import ChangedOnlyReteMatcher  # imports experta (compat) first

    from experta.matchers import ReteMatcher

    class Ours(ReteMatcher):
        build_beta_part = staticmethod(ChangedOnlyReteMatcher.build_beta_part)

    for subject in ("person", "region"):
        engine = advisor._engine(subject)._engine
        assert _network_paths(Ours(engine)) == _network_paths(ReteMatcher(engine))
        assert len(_network_paths(Ours(engine))) >= len(advisor.kb.rules_for(subject))
