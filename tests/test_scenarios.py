"""The domain scenarios of the bundled knowledge base (scenarios/*.yaml) pass, and the runner can fail."""
from pathlib import Path

import pytest
from click.testing import CliRunner

from nq_advisor import Advisor
from nq_advisor.cli import main
from nq_advisor.errors import KnowledgeBaseError
from nq_advisor.load.loader import bundled_root
from nq_advisor.load.scenarios import Scenario, load_scenarios, run_scenario, unexercised_rules

SCENARIOS = load_scenarios(bundled_root())


@pytest.fixture(scope="module")
def bundled():
    return Advisor.load()


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: f"{Path(s.file).stem}:{s.line}")
def test_scenario(bundled, scenario):
    result = run_scenario(bundled, scenario)
    assert result.failures == [], f"{scenario.file}:{scenario.line} {scenario.name}"


def test_a_wrong_expectation_fails_with_the_reason(mini_advisor):
    import datetime
    scenario = Scenario("wrong", "x.yaml", 1, datetime.date(2026, 1, 1),
                        {"person": {"target": "lager", "experience": 10}},
                        {"recommended": ["exam"], "order": ["literacy", "exam"], "absent": ["nonsense"]})
    failures = run_scenario(mini_advisor, scenario).failures
    assert any("expected 'exam' to be recommended; status: not recommended: Die Person hat 10 Monate Erfahrung" in f for f in failures)
    assert any("unknown id 'nonsense'" in f for f in failures)


def test_malformed_scenarios_are_reported_with_file_and_line(tmp_path):
    (tmp_path / "scenarios").mkdir()
    (tmp_path / "scenarios" / "bad.yaml").write_text(
        "- name: x\n  as_of: 2026-02-30\n  facts: {person: {}}\n  expect: {recomended: [a]}\n", encoding="utf-8")
    with pytest.raises(KnowledgeBaseError) as info:
        load_scenarios(tmp_path)
    text = str(info.value)
    assert "scenarios/bad.yaml:2:" in text and "not a valid date" in text
    assert "scenarios/bad.yaml:4: unknown key 'recomended' in expect (did you mean 'recommended'?)" in text


def test_kb_test_command_reports_unexercised_rules(mini_advisor):
    result = CliRunner().invoke(main, ["kb", "test", "--kb", str(Path(__file__).parent / "fixtures" / "mini_kb")])
    assert result.exit_code == 0
    assert "0 bestanden, 0 fehlgeschlagen" in result.output
    assert "Regeln, die kein Szenario auslöst (7)" in result.output
    assert unexercised_rules(mini_advisor.kb, []) == sorted(r.id for r in mini_advisor.kb.rules)


def test_every_rule_of_the_bundled_knowledge_base_fires_in_some_scenario(bundled):
    results = [run_scenario(bundled, s) for s in SCENARIOS]
    assert unexercised_rules(bundled.kb, results) == []


def test_there_are_enough_scenarios_for_persons_and_regions():
    subjects = [next(iter(s.facts)) for s in SCENARIOS]
    assert subjects.count("person") >= 40 and subjects.count("region") >= 10
