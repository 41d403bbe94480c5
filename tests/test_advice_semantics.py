"""What a counsellor sees: unknown is not false, dates are inclusive, priorities order the advice."""
import datetime

import pytest

from nq_advisor import InputError

D = datetime.date


def advise(advisor, facts, as_of=D(2026, 11, 23), lang="de"):
    return advisor.advise({"person": facts}, as_of=as_of, lang=lang)


def status(advice, ref):
    if ref in advice.refs():
        return "recommended"
    if any(u.ref == ref for u in advice.undecided):
        return "undecided"
    if any(n.ref == ref for n in advice.not_recommended):
        return "not_recommended"
    return "absent"


def test_unknown_fact_makes_a_route_undecided_and_names_the_fact(mini_advisor):
    advice = advise(mini_advisor, {"target": "lager"})
    assert status(advice, "exam") == "undecided"
    assert [u.missing for u in advice.undecided if u.ref == "exam"] == [["experience"]]


def test_false_fact_makes_it_not_recommended_with_the_unmet_condition_in_words(mini_advisor):
    advice = advise(mini_advisor, {"target": "lager", "experience": 38})
    assert status(advice, "exam") == "not_recommended"
    unmet = next(n.unmet for n in advice.not_recommended if n.ref == "exam")
    assert unmet == ["Die Person hat 38 Monate Erfahrung; das gilt erst ab 54 Monaten"]


def test_threshold_is_inclusive_at_one_and_a_half_times_the_duration(mini_advisor):
    assert status(advise(mini_advisor, {"target": "lager", "experience": 54}), "exam") == "recommended"
    assert status(advise(mini_advisor, {"target": "lager", "experience": 53}), "exam") == "not_recommended"


def test_occupation_outside_bbig_and_hwo_never_gets_the_exam(mini_advisor):
    advice = advise(mini_advisor, {"target": "pflege", "experience": 200})
    assert status(advice, "exam") == "not_recommended"
    assert "PflBG" in next(n.unmet for n in advice.not_recommended if n.ref == "exam")[0]


def test_negation_of_an_unknown_fact_stays_unknown(mini_advisor):
    # training_not_exam needs NOT no_degree and NOT experience >= 12: with nothing known it is undecided
    advice = advise(mini_advisor, {})
    assert status(advice, "training") == "undecided"
    advice = advise(mini_advisor, {"degree": "german", "experience": 3})
    assert status(advice, "training") == "recommended"


def test_any_is_true_when_one_branch_holds_even_if_the_other_is_unknown(mini_advisor):
    advice = advise(mini_advisor, {"degree": "none", "age": 20, "full_time": True})
    assert status(advice, "training") == "recommended"
    rec = next(r for r in advice.recommendations if r.ref == "training")
    assert rec.rule == "training_young"


def test_validity_end_day_is_inclusive_and_start_day_too(mini_advisor):
    facts = {"employment": "unemployed"}
    assert status(advise(mini_advisor, facts, D(2023, 6, 30)), "premium") == "not_recommended"
    assert status(advise(mini_advisor, facts, D(2023, 7, 1)), "premium") == "recommended"
    assert status(advise(mini_advisor, facts, D(2024, 6, 30)), "premium") == "recommended"
    after = advise(mini_advisor, facts, D(2024, 7, 1))
    assert status(after, "premium") == "not_recommended"
    assert next(n.unmet for n in after.not_recommended if n.ref == "premium") == [
        "gilt am 01.07.2024 nicht mehr (galt bis 30.06.2024)"]


def test_recommendations_are_sorted_by_priority_and_explain_themselves(mini_advisor):
    advice = advise(mini_advisor, {"target": "lager", "experience": 60, "employment": "unemployed",
                                   "skills": ["reading"]}, D(2024, 1, 1))
    assert [r.ref for r in advice.recommendations] == ["exam", "literacy", "premium"]
    exam = advice.recommendations[0]
    assert exam.reasons[0] == "genug Erfahrung"
    assert exam.sources == ["https://example.org/exam", "https://example.org/r"]


def test_low_confidence_and_stale_sources_are_warned_about(mini_advisor):
    advice = advise(mini_advisor, {"employment": "unemployed"}, D(2024, 1, 1))
    assert any(w.startswith("Prämie:") and "niedrig" in w for w in advice.warnings)
    assert any(w.startswith("Prämie:") and "01.01.2020" in w for w in advice.warnings)


def test_english_output(mini_advisor):
    advice = advise(mini_advisor, {"target": "lager", "experience": 38}, lang="en")
    unmet = next(n.unmet for n in advice.not_recommended if n.ref == "exam")
    assert unmet == ["The person has 38 months of experience; at least 54 months are needed"]


def test_same_input_gives_identical_output(mini_advisor):
    facts = {"target": "lager", "experience": 60, "employment": "unemployed", "degree": "none"}
    assert advise(mini_advisor, facts).to_dict() == advise(mini_advisor, dict(reversed(facts.items()))).to_dict()


@pytest.mark.parametrize("document,fragment", [
    ({"person": {"agee": 30}}, "person.agee: unbekanntes Feld (meinten Sie 'age'?)"),
    ({"person": {"age": 7}}, "person.age: Wert 7 nicht erlaubt; erlaubt: ganze Zahl von 14 bis 99"),
    ({"person": {"age": "30"}}, "person.age: Text '30' angegeben, wo eine Zahl hingehört"),
    ({"person": {"age": True}}, "person.age: Wert true nicht erlaubt"),
    ({"person": {"full_time": "vielleicht"}}, "person.full_time: Wert 'vielleicht' nicht erlaubt; erlaubt: true oder false"),
    ({"person": {"employment": "employd"}}, "(meinten Sie 'employed'?)"),
    ({"person": {"skills": ["reading", "reading"]}}, "person.skills"),
    ({"person": {"target": "nurse"}}, "erlaubt: eines von lager, lager_alt, pflege"),
    ({"persn": {}}, "unbekannter Schlüssel 'persn'"),
    ({"person": {}, "region": {}}, "genau einem Schlüssel"),
    ({"person": [1, 2]}, "muss eine Zuordnung"),
])
def test_invalid_input_is_rejected_naming_field_value_and_what_is_allowed(mini_advisor, document, fragment):
    with pytest.raises(InputError) as info:
        mini_advisor.advise(document)
    assert isinstance(info.value, ValueError)
    assert fragment in str(info.value)


def test_all_input_problems_are_reported_at_once(mini_advisor):
    with pytest.raises(InputError) as info:
        mini_advisor.advise({"person": {"age": 7, "agee": 1, "employment": "x"}})
    assert len(info.value.messages) == 3


def test_an_occupation_no_longer_in_force_is_not_a_target_and_the_advice_says_so(mini_advisor):
    facts = {"target": "lager_alt", "experience": 60}
    before = advise(mini_advisor, facts, D(2020, 7, 31))
    assert status(before, "exam") == "recommended" and before.warnings == []
    after = advise(mini_advisor, facts, D(2020, 8, 1))
    assert status(after, "exam") == "not_recommended"
    assert next(n.unmet for n in after.not_recommended if n.ref == "exam") == [
        "Lagerarbeiter (alt) gilt am 01.08.2020 nicht"]
    assert after.warnings == ["Zielberuf: Lagerarbeiter (alt) ist am 01.08.2020 nicht in Kraft (bis 31.07.2020)"]
