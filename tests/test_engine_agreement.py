"""experta and the three-valued evaluator agree on every rule, for random facts and dates.

experta decides what the advice recommends; the plain evaluator explains it (why, why not,
what is missing).  On complete facts both must agree on every rule; because conditions are
compiled in negation normal form they must also agree on partial facts: a rule fires in
experta exactly when it is true (not merely not-false) under three-valued logic.
"""
import datetime

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


def test_agree_before_a_parameter_is_in_force(advisor):
    """Issue 11: on 2012-03-31 the § 81 years parameter has no value yet; engine and explanation agree."""
    facts = {"vocational_degree": "german", "unskilled_work_years_since_degree": 451}
    as_of = datetime.date(2012, 3, 31)
    assert disagreements(advisor, "person", advisor.parse({"person": facts})[1], as_of) == []
    advice = advisor.advise({"person": facts}, as_of=as_of)
    assert not [w for w in advice.to_dict()["warnings"] if "engine" in str(w) or "Regelmaschine" in str(w)]
