"""Issue 14: the facts the law needs (§ 81 Abs. 2 Satz 3, short degrees, residence status, disability, ...),
successors of abolished occupations, and rules of low confidence, as a counsellor sees them."""
import datetime
import json
import shutil
from pathlib import Path

from click.testing import CliRunner

from nq_advisor.cli import main
from nq_advisor.load.loader import check_knowledge_base

D = datetime.date
MINI_KB = Path(__file__).parent / "fixtures" / "mini_kb"


def run(*args):
    return CliRunner().invoke(main, list(args))


def test_child_raising_years_decide_the_entitlement(advisor):
    # § 81 Abs. 2 Satz 1 Nr. 1, Satz 3 SGB III: 2 years unskilled + 3 years child-raising > 4 years
    parent = {"person": {"employment": "unemployed", "vocational_degree": "german", "degree_training_months": 36,
                         "unskilled_work_years_since_degree": 2, "unemployment_care_years_since_degree": 3,
                         "can_work_in_learned_occupation": False, "work_experience_months": 100}}
    assert "bildungsgutschein" in advisor.advise(parent, as_of=D(2026, 12, 3)).refs()
    parent["person"]["unemployment_care_years_since_degree"] = 2
    assert "bildungsgutschein" not in advisor.advise(parent, as_of=D(2026, 12, 3)).refs()


def test_a_one_year_degree_is_no_vocational_degree(advisor):
    helper = {"person": {"employment": "unemployed", "vocational_degree": "german", "degree_training_months": 12,
                         "work_experience_months": 100}}
    assert "bildungsgutschein" in advisor.advise(helper, as_of=D(2026, 12, 3)).refs()


def test_the_new_facts_are_in_the_schema_and_rejected_when_wrong(tmp_path):
    schema = json.loads(run("schema", "facts").output)
    text = json.dumps(schema)
    for name in ("residence_status", "residence_permit_months", "integration_course_obligation", "disability",
                 "short_time_work", "competence_evidence", "degree_training_months", "degree_occupation",
                 "unemployment_care_years_since_degree", "self_employed"):
        assert name in text, name
    case = tmp_path / "case.yaml"
    case.write_text("person: {residence_status: refugee}\n", encoding="utf-8")
    result = run("advise", str(case))
    assert result.exit_code == 2 and "residence_status" in result.output and "duldung" in result.output


def test_whatif_sets_the_years_that_count_like_unskilled_work(tmp_path):
    case = tmp_path / "case.yaml"
    example = Path(__file__).parents[1] / "examples" / "person_erziehungszeiten.yaml"
    case.write_text(example.read_text(encoding="utf-8"), encoding="utf-8")
    result = run("whatif", str(case), "--set", "unemployment_care_years_since_degree=2", "--as-of", "2026-11-23",
                 "--format", "json")
    assert result.exit_code == 0, result.output
    removed = [d["ref"] for d in json.loads(result.output)["removed"]]
    assert "bildungsgutschein" in removed and "weiterbildungsgeld" in removed


def test_interview_asks_the_residence_status_of_a_third_country_national(advisor):
    session = advisor.interview("person", facts={"residence": "third_country", "german_level": "A1", "age": 30},
                                as_of=D(2026, 11, 23))
    asked = []
    while (question := session.next_question()) is not None and len(asked) < 40:
        asked.append(question.id)
        if question.id == "residence_status":
            session.answer(question.id, "duldung")
        elif question.id == "integration_course_obligation":
            session.answer(question.id, False)
        else:
            session.skip(question.id)
    assert "residence_status" in asked and "integration_course_obligation" in asked
    advice = session.advice()
    assert "integrationskurs" not in advice.refs()
    assert any(n.ref == "integrationskurs" for n in advice.not_recommended)


def test_an_abolished_target_names_its_successor_from_its_day(advisor):
    facts = {"person": {"target_occupation": "rohrleitungsbauer", "experience_months_in_target": 60}}
    after = " ".join(advisor.advise(facts, as_of=D(2026, 8, 1)).warnings)
    assert "Nachfolgeberuf seit 01.08.2026: Leitungsbauer/-in für Infrastrukturtechnik (leitungsbauer_infrastrukturtechnik)" \
        in after
    before = " ".join(advisor.advise(facts, as_of=D(2026, 7, 31)).warnings)
    assert "leitungsbauer_infrastrukturtechnik" not in before


def test_a_rule_of_low_confidence_warns_with_its_open_question(advisor):
    # § 16 Abs. 3b SGB II a. F. (secondary sources only): the advice says so
    facts = {"person": {"employment": "employed", "benefit": "grundsicherung", "vocational_degree": "none",
                        "work_experience_months": 70, "target_occupation": "fachkraft_lagerlogistik"}}
    warnings = advisor.advise(facts, as_of=D(2024, 6, 1), lang="en").warnings
    title = advisor.kb.items["weiterbildungsgeld"].title("en")   # named by the item's title, not the rule id
    assert any(w.startswith(title) and "not fully settled in law" in w and "16 (3b)" in w for w in warnings)
    later = advisor.advise(facts, as_of=D(2025, 6, 1), lang="en").warnings
    assert not any("16 (3b)" in w for w in later)


def test_successors_need_a_date_and_must_be_occupations(tmp_path):
    kb = tmp_path / "kb"
    shutil.copytree(MINI_KB, kb)
    items = kb / "knowledge" / "items.yaml"
    items.write_text(items.read_text(encoding="utf-8") + """
- id: lager_uralt
  kind: occupation
  title: {de: Uralt, en: Very old}
  duration_months: 24
  chamber: ihk
  law: BBiG
  sector: logistics
  tq_available: false
  valid_until: 2000-07-31
  successors: [lager, logistics]
  sources: [{url: "https://example.org/uralt", checked: 2026-12-03}]
""", encoding="utf-8")
    _, problems = check_knowledge_base(kb)
    messages = [p.message for p in problems]
    assert any("'successors' needs 'successor_from'" in m for m in messages), messages
    assert any("'logistics' is a sector, expected a occupation" in m for m in messages), messages
