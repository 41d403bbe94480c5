"""The domain scenarios of the bundled knowledge base (scenarios/*.yaml) pass, and the runner can fail."""
import re
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
    failures = run_scenario(mini_advisor, scenario, "en").failures
    assert "expected Exam [exam] to be recommended; status: not recommended: The person has 10 months of " \
           "experience; at least 54 months are needed" in failures
    assert "expect.absent: unknown id 'nonsense'" in failures
    assert "expected order Basic skills [literacy], Exam [exam]; recommended order: none" in failures
    german = run_scenario(mini_advisor, scenario).failures  # German by default, titles rather than ids alone
    assert "erwartet: Prüfung [exam] empfohlen; tatsächlich: nicht empfohlen: Die Person hat 10 Monate " \
           "Erfahrung; das gilt erst ab 54 Monaten" in german
    assert "expect.absent: unbekannte ID 'nonsense'" in german
    assert not [f for f in german if re.search(r"\b(expected|status|unknown|recommended|order)\b", f)], german


def test_a_scenario_with_invalid_facts_fails_in_the_readers_language(mini_advisor):
    import datetime
    scenario = Scenario("bad", "x.yaml", 3, datetime.date(2026, 1, 1), {"person": {"agee": 3}}, {})
    assert run_scenario(mini_advisor, scenario).failures[0].startswith(
        "ungültige Angaben: x.yaml:3: person.agee: unbekanntes Feld (meinten Sie 'age'?)")
    assert run_scenario(mini_advisor, scenario, "en").failures[0].startswith(
        "invalid facts: x.yaml:3: person.agee: unknown field (did you mean 'age'?)")


def test_kb_test_reports_failures_in_the_language_of_the_invocation(tmp_path):
    import shutil
    shutil.copytree(Path(__file__).parent / "fixtures" / "mini_kb", tmp_path, dirs_exist_ok=True)
    (tmp_path / "scenarios").mkdir(exist_ok=True)
    (tmp_path / "scenarios" / "wrong.yaml").write_text(
        "- name: Lagerhelfer ohne Erfahrung\n  as_of: 2026-01-01\n"
        "  facts: {person: {target: lager, experience: 10}}\n  expect: {recommended: [exam]}\n", encoding="utf-8")
    german = CliRunner().invoke(main, ["kb", "test", "--kb", str(tmp_path)])
    assert german.exit_code == 1
    assert "FEHLER scenarios/wrong.yaml:1: Lagerhelfer ohne Erfahrung" in german.output
    assert "erwartet: Prüfung [exam] empfohlen; tatsächlich: nicht empfohlen: Die Person hat 10 Monate" in german.output
    english = CliRunner().invoke(main, ["kb", "test", "--kb", str(tmp_path), "--lang", "en"])
    assert english.exit_code == 1
    assert "FAIL scenarios/wrong.yaml:1: Lagerhelfer ohne Erfahrung" in english.output
    assert "expected Exam [exam] to be recommended; status: not recommended: The person has 10 months" \
        in english.output


def test_malformed_scenarios_are_reported_with_file_and_line(tmp_path):
    (tmp_path / "scenarios").mkdir()
    (tmp_path / "scenarios" / "bad.yaml").write_text(
        "- name: x\n  as_of: 2026-02-30\n  facts: {person: {}}\n  expect: {recomended: [a]}\n", encoding="utf-8")
    with pytest.raises(KnowledgeBaseError) as info:
        load_scenarios(tmp_path, "en")
    text = str(info.value)
    assert "scenarios/bad.yaml:2:" in text and "not a valid date" in text
    assert "scenarios/bad.yaml:4: unknown key 'recomended' in expect (did you mean 'recommended'?)" in text
    with pytest.raises(KnowledgeBaseError) as info:
        load_scenarios(tmp_path)
    text = str(info.value)
    assert "scenarios/bad.yaml:2: Szenario 'x': 'as_of': '2026-02-30' ist kein gültiges Datum (JJJJ-MM-TT)" in text
    assert "scenarios/bad.yaml:4: unbekannter Schlüssel 'recomended' in expect (meinten Sie 'recommended'?)" in text


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


@pytest.mark.parametrize("lang, documented", [
    ("de", "Exit-Code 0: alle Szenarien bestanden; 1: mindestens ein Szenario schlug fehl; 2: Wissensbasis oder "
           "Szenariodatei fehlerhaft."),
    ("en", "Exit code 0: every scenario passed; 1: at least one scenario failed; 2: the knowledge base or a "
           "scenario file is invalid."),
])
def test_kb_test_exit_codes_are_what_its_help_says(tmp_path, lang, documented):
    """0 all passed, 1 a scenario failed (like pytest), 2 bad input; `kb test --help` says so."""
    import shutil
    shutil.copytree(Path(__file__).parent / "fixtures" / "mini_kb", tmp_path, dirs_exist_ok=True)
    lang_args = ["--lang", lang]

    def kb_test(*args):
        return CliRunner().invoke(main, ["kb", "test", "--kb", str(tmp_path), *lang_args, *args])

    assert documented in " ".join(kb_test("--help").output.split())
    assert kb_test().exit_code == 0
    scenarios = tmp_path / "scenarios"
    scenarios.mkdir()
    (scenarios / "wrong.yaml").write_text(
        "- name: x\n  as_of: 2026-01-01\n  facts: {person: {target: lager, experience: 10}}\n"
        "  expect: {recommended: [exam]}\n", encoding="utf-8")
    assert kb_test().exit_code == 1
    (scenarios / "wrong.yaml").write_text("- name: x\n  as_of: 2026-02-30\n  facts: {person: {}}\n", encoding="utf-8")
    malformed = kb_test()
    assert malformed.exit_code == 2 and "scenarios/wrong.yaml:2:" in malformed.output
