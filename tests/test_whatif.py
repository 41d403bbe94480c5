"""What if: the difference in the advice when facts change (API and command line)."""
import datetime
import json

import pytest
from click.testing import CliRunner

from nq_advisor import InputError, UsageError
from nq_advisor.cli import main
from nq_advisor.advice.whatif import UNSET, Relative, compare, parse_assignments

DAY = datetime.date(2026, 11, 23)
LAGER_38 = {"person": {"target_occupation": "fachkraft_lagerlogistik", "experience_months_in_target": 38,
                       "vocational_degree": "none", "work_experience_months": 100, "competence_evidence": False}}


def run(*args):
    return CliRunner().invoke(main, list(args))


@pytest.fixture
def case(tmp_path):
    path = tmp_path / "case.yaml"
    path.write_text(json.dumps(LAGER_38), encoding="utf-8")
    return path


def test_sixteen_more_months_of_experience_add_the_external_exam(advisor):
    result = compare(advisor, LAGER_38, {"experience_months_in_target": Relative(16)}, DAY, "en")
    assert [d.ref for d in result.added if d.ref == "externenpruefung"] == ["externenpruefung"]
    added = next(d for d in result.added if d.ref == "externenpruefung")
    assert (added.before, added.after) == ("not_recommended", "recommended") and added.priority_after
    assert result.changes[0].before == 38 and result.changes[0].after == 54
    assert "externenpruefung" not in result.before.refs() and "externenpruefung" in result.after.refs()


def test_fifteen_more_months_are_not_enough(advisor):
    result = compare(advisor, LAGER_38, {"experience_months_in_target": Relative(15)}, DAY)
    assert "externenpruefung" not in [d.ref for d in result.added]


def test_language_certificate_changes_the_language_course_advice(advisor):
    document = {"person": {"german_level": "A2", "residence": "third_country", "employment": "employed",
                           "vocational_degree": "none"}}
    result = compare(advisor, document, {"german_level": "B1"}, DAY, "en")
    assert result.has_changes()
    touched = {d.ref for group in (result.added, result.removed, result.reprioritised,
                                   result.newly_undecided, result.newly_decided) for d in group}
    assert touched & {"berufssprachkurs", "integrationskurs"}, result.to_dict()


def test_making_a_fact_unknown_moves_refs_to_undecided(advisor):
    document = {"person": {**LAGER_38["person"], "experience_months_in_target": 60, "age": 38}}
    result = compare(advisor, document, {"experience_months_in_target": UNSET}, DAY)
    moved = [d for d in result.removed if d.ref == "externenpruefung"]
    assert moved and moved[0].after == "undecided"
    assert "Berufserfahrung im Zielberuf" in moved[0].text


def test_no_change_says_so(case):
    result = run("whatif", str(case), "--set", "experience_months_in_target=39", "--as-of", "2026-11-23")
    assert result.exit_code == 0, result.output
    assert "ändert sich nicht" in result.output and "38 → 39" in result.output


def test_command_line_table_and_json(case):
    table = run("whatif", str(case), "--set", "experience_months_in_target=+16", "--as-of", "2026-11-23",
                "--lang", "en")
    assert table.exit_code == 0, table.output
    assert "Newly recommended" in table.output and "External examination" in table.output
    assert "Law as of: 23 November 2026" in table.output
    as_json = run("whatif", str(case), "--set", "experience_months_in_target=54", "--format", "json",
                  "--as-of", "2026-11-23")
    data = json.loads(as_json.output)
    assert data["as_of"] == "2026-11-23"
    assert data["changes"] == [{"field": "experience_months_in_target", "before": 38, "after": 54}]
    assert "externenpruefung" in [d["ref"] for d in data["added"]]
    assert {"before", "after", "removed", "reprioritised", "newly_undecided", "newly_decided"} <= set(data)


@pytest.mark.parametrize("assignment, expected", [
    ("experience=3", "did you mean"),                         # unknown field
    ("german_level=B7", "german_level"),                      # not an allowed value: named with the allowed ones
    ("experience_months_in_target=viele", "integer"),         # not a number
    ("age=+3", "known value"),                                # relative change of an unknown fact
    ("full_time_possible=vielleicht", "true or false"),
    ("german_level", "FIELD=VALUE"),
    ("experience_months_in_target=-50", "experience_months_in_target"),   # below the minimum after the change
])
def test_invalid_changes_exit_2_with_a_clear_message(case, assignment, expected):
    result = run("whatif", str(case), "--set", assignment, "--lang", "en")
    assert result.exit_code == 2, result.output
    assert expected in result.output
    assert "Traceback" not in result.output


def test_values_are_parsed_by_field_type(advisor):
    person = parse_assignments(advisor.kb, "person", ["age=40", "full_time_possible=ja", "german_level=B1",
                                                      "experience_months_in_target=+12", "benefit=?"])
    assert person == {"age": 40, "full_time_possible": True, "german_level": "B1",
                      "experience_months_in_target": Relative(12), "benefit": UNSET}
    region = parse_assignments(advisor.kb, "region", ["steering_partners=agentur, jobcenter;ihk",
                                                      "offers_presented_to="])
    assert region == {"steering_partners": ("agentur", "jobcenter", "ihk"), "offers_presented_to": ()}
    with pytest.raises(UsageError):
        parse_assignments(advisor.kb, "person", ["age=alt"])


def test_api_rejects_an_invalid_changed_case_as_input_error(advisor):
    with pytest.raises(InputError):
        compare(advisor, LAGER_38, {"german_level": "B7"}, DAY)
