"""Why, why not with distance, and as-of warnings, on the bundled knowledge base.

Occupation durations: Fachkraft für Lagerlogistik 36 months, Fachlagerist 24 months
(LagAusbV § 2); § 45 Abs. 2 BBiG asks for 1.5 times that as experience: 54 and 36 months.
"""
import datetime
import json

import pytest
from click.testing import CliRunner

from nq_advisor import Advisor
from nq_advisor.load import conditions as c
from nq_advisor.cli import main
from nq_advisor.advice.distance import add_months, distance_of, target_value
from nq_advisor.inference.evaluate import Evaluation
from nq_advisor.advice.explain import explain

DAY = datetime.date(2026, 11, 23)


def lager(months, occupation="fachkraft_lagerlogistik", **more):
    return {"person": {"target_occupation": occupation, "experience_months_in_target": months,
                       "competence_evidence": False, **more}}  # no waiver (§ 45 Abs. 2 Satz 3 BBiG)


def externenpruefung_entry(advice_dict):
    entries = [n for n in advice_dict["not_recommended"] if n["ref"] == "externenpruefung"]
    assert entries, advice_dict["not_recommended"]
    return [d for n in entries for d in n["distance"] if d["field"] == "experience_months_in_target"][0]


def run(*args):
    return CliRunner().invoke(main, list(args))


# --- date arithmetic and the integer target ---------------------------------------------------

@pytest.mark.parametrize("start, months, expected", [
    ((2026, 11, 23), 16, (2028, 3, 23)),      # the example: 38 of 54 months in Nov 2026
    ((2026, 12, 15), 1, (2027, 1, 15)),       # across the year boundary
    ((2026, 1, 31), 1, (2026, 2, 28)),        # month end clamped
    ((2024, 1, 31), 1, (2024, 2, 29)),        # leap year
    ((2024, 2, 29), 12, (2025, 2, 28)),       # one year after a leap day
    ((2026, 11, 23), 0, (2026, 11, 23)),
    ((2026, 3, 31), 11, (2027, 2, 28)),
])
def test_add_months(start, months, expected):
    assert add_months(datetime.date(*start), months) == datetime.date(*expected)


@pytest.mark.parametrize("op, bound, target", [
    ("ge", 54, 54), ("gt", 4, 5), ("ge", 4.5, 5), ("gt", 4.5, 5), ("lt", 36, 35), ("le", 36, 36), ("lt", 35.5, 35),
])
def test_integer_target_of_a_comparison(op, bound, target):
    assert target_value(op, bound) == target


# --- distance in advise ----------------------------------------------------------------------------

def test_externenpruefung_38_of_54_months_reachable_around_2028_03(advisor):
    advice = advisor.advise(lager(38), as_of=DAY, lang="en").to_dict()
    assert "externenpruefung" not in [r["ref"] for r in advice["recommendations"]]
    d = externenpruefung_entry(advice)
    assert (d["actual"], d["required"], d["missing_amount"], d["unit"]) == (38, 54, 16, "months")
    assert d["reachable_in"] == 16 and d["reachable_on"] == "2028-03"
    assert d["grows_while_working"] is True
    assert "38 of 54" in d["text"] and "around March 2028" in d["text"] and "keeps working" in d["text"]


def test_fachlagerist_one_month_short_at_year_end_is_reachable_in_january(advisor):
    advice = advisor.advise(lager(35, "fachlagerist"), as_of=datetime.date(2026, 12, 31)).to_dict()
    d = externenpruefung_entry(advice)
    assert (d["required"], d["missing_amount"], d["reachable_on"]) == (36, 1, "2027-01")
    assert "1 Monat" in d["text"] and "in 1 Monat," in d["text"]
    on_the_day = advisor.advise(lager(36, "fachlagerist"), as_of=DAY)
    assert "externenpruefung" in on_the_day.refs()


def test_distance_shown_in_table_and_explain(tmp_path):
    case = tmp_path / "case.yaml"
    case.write_text("person: {target_occupation: fachkraft_lagerlogistik, experience_months_in_target: 38, "
                    "competence_evidence: false}\n")
    table = CliRunner().invoke(main, ["advise", str(case), "--as-of", "2026-11-23"], env={"COLUMNS": "400"})
    flowing = table.output  # wide enough for one line per cell
    assert table.exit_code == 0 and "38 Monate Berufserfahrung im Zielberuf" in flowing
    assert "erreichbar etwa März 2028" in flowing
    why_not = run("explain", str(case), "externenpruefung", "--as-of", "2026-11-23", "--lang", "en")
    assert why_not.exit_code == 0, why_not.output
    assert "not recommended" in why_not.output and "reachable in 16 months, around March 2028" in why_not.output


def test_gt_needs_one_more_unit_than_ge_and_a_non_growing_field_has_no_date(advisor):
    # § 81 Abs. 2 SGB III: "more than four years" of unskilled work; 4 is not enough, 5 is.
    # (§ 81 Abs. 2 Satz 3: periods of unemployment, child-raising and care count too; none here)
    facts = {"vocational_degree": "german", "degree_training_months": 36, "unskilled_work_years_since_degree": 4,
             "unemployment_care_years_since_degree": 0, "can_work_in_learned_occupation": False}
    evaluation = Evaluation(advisor.kb, "person", facts, DAY)
    atom = c.Compare(c.FactRef("unskilled_work_years_since_degree"), "gt", c.ParamRef("nachholen_jahre_ungelernt_min"))
    d = distance_of(atom, evaluation, "en")
    assert (d.required, d.target, d.missing_amount) == (4, 5, 1)
    assert d.reachable_on is None and d.grows is None
    assert evaluation.derived("ohne_verwertbaren_abschluss") is False
    facts["unskilled_work_years_since_degree"] = 5
    assert Evaluation(advisor.kb, "person", facts, DAY).derived("ohne_verwertbaren_abschluss") is True


def test_per_year_field_reachable_in_whole_years_and_too_much_never_by_waiting(advisor):
    evaluation = Evaluation(advisor.kb, "person", {"age": 23, "work_experience_months": 140},
                            datetime.date(2024, 2, 29))
    young = distance_of(c.Compare(c.FactRef("age"), "ge", c.Literal(25)), evaluation, "de")
    assert (young.missing_amount, young.unit, young.reachable_on) == (2, "years", datetime.date(2026, 2, 28))
    assert young.grows_while_working is False
    too_long = distance_of(c.Compare(c.FactRef("work_experience_months"), "lt", c.Literal(36)), evaluation, "en")
    assert too_long.missing_amount == -105 and too_long.reachable_on is None
    assert "at most 35" in too_long.text and "waiting does not help" in too_long.text


# --- why ---------------------------------------------------------------------------------------------

def test_why_shows_rule_facts_dated_parameter_and_occupation_duration(advisor):
    result = explain(advisor, lager(60), "externenpruefung", as_of=DAY, lang="de")
    assert result.status == "recommended" and result.priority is not None
    recommending = {r.id for r in advisor.kb.rules if r.recommends == "externenpruefung"}
    assert result.rules and {r.id for r in result.rules} <= recommending
    steps = [s for r in result.rules for s in r.steps]
    params = {p.id: p for s in steps for p in s.parameters}
    factor = params["externenpruefung_erfahrungsfaktor"]
    assert factor.value == 1.5 and factor.valid_from == datetime.date(2005, 4, 1)
    assert factor.sources and factor.sources[0]["checked"] == "2026-11-23"
    attributes = [a for s in steps for a in s.attributes]
    assert any(a.item == "fachkraft_lagerlogistik" and a.attr == "duration_months" and a.value == 36
               for a in attributes)
    facts = {f.field: f.value for s in steps for f in s.facts}
    assert facts["experience_months_in_target"] == 60
    assert "§ 45 Abs. 2 BBiG" in result.legal_basis
    data = json.loads(json.dumps(result.to_dict()))
    assert data["status"] == "recommended" and data["as_of"] == "2026-11-23"


def test_why_follows_derived_facts_to_the_facts_they_come_from(advisor):
    document = {"person": {"vocational_degree": "none", "work_experience_months": 140}}
    result = explain(advisor, document, "bildungsgutschein", as_of=DAY, lang="en")
    assert result.status == "recommended"
    derived = [s.derived for r in result.rules for s in r.steps if s.derived]
    assert derived and derived[0].name == "ohne_verwertbaren_abschluss" and derived[0].truth is True
    inner = [f.field for rule in derived[0].rules for s in rule.steps for f in s.facts]
    assert "vocational_degree" in inner


def test_undecided_names_the_facts_to_ask(advisor):
    result = explain(advisor, {"person": {"target_occupation": "fachkraft_lagerlogistik"}}, "externenpruefung",
                     as_of=DAY)
    assert result.status == "undecided"
    assert "experience_months_in_target" in result.missing


def test_unknown_ref_is_a_usage_error_with_a_suggestion(tmp_path):
    case = tmp_path / "case.yaml"
    case.write_text("person: {age: 30}\n")
    result = run("explain", str(case), "externenpruefng", "--lang", "en")
    assert result.exit_code == 2
    assert "did you mean 'externenpruefung'" in result.output
    occupation = run("explain", str(case), "fachkraft_lagerlogistik", "--lang", "en")
    assert occupation.exit_code == 2 and "no rule recommends" in occupation.output


def test_explain_json_is_the_chain_as_data(tmp_path):
    case = tmp_path / "case.yaml"
    case.write_text("person: {target_occupation: fachlagerist, experience_months_in_target: 30, competence_evidence: false}\n")
    result = run("explain", str(case), "externenpruefung", "--format", "json", "--as-of", "2026-11-23")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["status"] == "not_recommended" and data["as_of"] == "2026-11-23"
    distances = [s["distance"] for r in data["rules"] for s in r["steps"] if s["distance"]]
    assert distances and distances[0]["missing_amount"] == 6 and distances[0]["reachable_on"] == "2027-05"


# --- as of ---------------------------------------------------------------------------------------------

def _stale(warnings, ref, lang="de"):
    title = Advisor.load().kb.items[ref].title(lang)  # warnings name items by title, not by id
    return [w for w in warnings if w.startswith(f"{title}:") and "23.11.2026" in w]


def test_stale_sources_warn_for_the_item_its_parameter_and_the_occupation(advisor):
    fresh = advisor.advise(lager(60), as_of=DAY)
    assert not _stale(fresh.warnings, "externenpruefung")
    later = advisor.advise(lager(60), as_of=datetime.date(2028, 1, 1))
    for ref in ("externenpruefung", "externenpruefung_erfahrungsfaktor", "fachkraft_lagerlogistik"):
        assert _stale(later.warnings, ref), later.warnings
    patient = advisor.advise(lager(60), as_of=datetime.date(2028, 1, 1), stale_after_months=36)
    assert not _stale(patient.warnings, "externenpruefung")


def test_max_source_age_option_on_advise_explain_and_whatif(tmp_path):
    case = tmp_path / "case.yaml"
    case.write_text("person: {target_occupation: fachkraft_lagerlogistik, experience_months_in_target: 60}\n")
    common = ["--as-of", "2027-06-01", "--lang", "en"]
    for args in (["advise", str(case)], ["explain", str(case), "externenpruefung"],
                 ["whatif", str(case), "--set", "experience_months_in_target=70"]):
        strict = run(*args, *common, "--max-source-age", "3")
        relaxed = run(*args, *common, "--max-source-age", "12")
        assert strict.exit_code == 0 and relaxed.exit_code == 0, strict.output
        assert "older than 3 months" in strict.output
        assert "older than" not in relaxed.output


def test_low_confidence_items_used_by_a_recommendation_warn(advisor):
    # The income limit of § 4 DeuFöV and the Brandenburg programme are marked confidence: low.
    document = {"person": {"state": "BB", "employment": "employed", "german_level": "B1",
                           "annual_taxable_income_eur": 18000, "residence": "third_country"}}
    advice = advisor.advise(document, as_of=DAY, lang="en")
    low = [w for w in advice.warnings if "confidence: low" in w]
    titles = {ref: advisor.kb.items[ref].title("en") for ref in ("sprachkurs_einkommensgrenze_eur", "landesprogramm_bb")}
    assert any(w.startswith(titles["sprachkurs_einkommensgrenze_eur"]) for w in low), advice.warnings
    assert any(w.startswith(titles["landesprogramm_bb"]) for w in low)
    assert not any("sprachkurs_einkommensgrenze_eur" in w for w in advice.warnings)  # no raw ids


def test_low_confidence_of_the_recommended_item_itself_warns():
    advisor = Advisor.load()
    advisor.kb.items["externenpruefung"].data["confidence"] = "low"
    advice = advisor.advise(lager(60), as_of=DAY)
    title = advisor.kb.items["externenpruefung"].title("de")
    assert any(w.startswith(title) and "niedrig" in w for w in advice.warnings)
