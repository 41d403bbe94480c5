"""JSON Schema of facts and advice: other tools validate with it, so it must agree with the advisor."""
import datetime
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from jsonschema import Draft202012Validator

from nq_advisor.cli import main
from nq_advisor.errors import InputError
from nq_advisor.load.inputs import read_document
from nq_advisor.output.json_schema import advice_schema, facts_schema
from nq_advisor.load.scenarios import load_scenarios

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
AS_OF = datetime.date(2026, 11, 23)


@pytest.fixture(scope="module")
def facts_validator(advisor):
    schema = facts_schema(advisor.kb)
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


@pytest.fixture(scope="module")
def advice_validator(advisor):
    schema = advice_schema(advisor.kb)
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def _bundled_documents(advisor):
    documents = [(path.name, read_document(str(path))[0]) for path in EXAMPLES]
    documents += [(f"{s.file}:{s.line}", s.facts) for s in load_scenarios(advisor.kb.root)]
    return documents


def test_there_are_bundled_documents_to_check(advisor):
    assert EXAMPLES
    assert len(_bundled_documents(advisor)) > len(EXAMPLES)


def test_bundled_examples_and_scenario_facts_are_valid_facts(advisor, facts_validator):
    for name, document in _bundled_documents(advisor):
        errors = [e.message for e in facts_validator.iter_errors(document)]
        assert not errors, f"{name}: {errors}"


def test_real_advice_validates_against_the_advice_schema(advisor, advice_validator):
    for name, document in _bundled_documents(advisor):
        try:
            advice = advisor.advise(document, as_of=AS_OF)
        except InputError:
            continue
        for lang in ("de", "en"):
            data = json.loads(json.dumps(advisor.advise(document, as_of=AS_OF, lang=lang).to_dict()))
            errors = [e.message for e in advice_validator.iter_errors(data)]
            assert not errors, f"{name}: {errors}"
        assert advice.subject in ("person", "region")


@pytest.mark.parametrize("document", [
    {"person": {"age": 200}},                                  # out of range
    {"person": {"age": 13}},
    {"person": {"age": "38"}},                                 # wrong type
    {"person": {"age": True}},                                 # a bool is not an int
    {"person": {"basic_skills_need": "vielleicht"}},
    {"person": {"state": "XX"}},                               # not an allowed value
    {"person": {"target_occupation": "astronaut"}},            # not an occupation id
    {"person": {"agee": 38}},                                  # unknown field
    {"region": {"sectors_skill_demand": ["logistics", "logistics"]}},  # duplicates
    {"region": {"sectors_skill_demand": ["mining"]}},
    {"region": {"name": "  "}},                                # blank text
    {"person": {}, "region": {}},                              # two subjects
    {"company": {}},                                           # unknown subject
    {},
])
def test_schema_rejects_what_the_advisor_rejects(advisor, facts_validator, document):
    assert not facts_validator.is_valid(document)
    with pytest.raises(InputError):
        advisor.parse(document)


def test_the_schema_lists_the_canonical_values_the_advisor_also_reads_other_spellings(advisor, facts_validator):
    document = {"person": {"basic_skills_need": "ja", "state": "NRW", "employment": "arbeitslos gemeldet"}}
    assert not facts_validator.is_valid(document)  # the schema describes the form the advisor writes
    assert advisor.parse(document)[1] == {"basic_skills_need": True, "state": "NW", "employment": "unemployed"}


def test_schema_accepts_what_the_advisor_accepts(advisor, facts_validator):
    document = {"region": {"name": "Ruhr", "state": "NW", "sectors_skill_demand": ["logistics", "care"],
                           "steering_network": True}}
    assert facts_validator.is_valid(document)
    advisor.parse(document)


def test_schema_names_allowed_values_from_the_knowledge_base(advisor):
    person = facts_schema(advisor.kb, "en")["$defs"]["person"]["properties"]
    occupations = sorted(i.id for i in advisor.kb.items_of_kind("occupation"))
    assert person["target_occupation"]["enum"] == occupations
    assert person["age"]["minimum"] == 14 and person["age"]["maximum"] == 99
    assert person["age"]["title"] == "Age in years"


def test_advice_schema_allows_additional_fields(advice_validator):
    advice = {"subject": "person", "as_of": "2026-11-23", "recommendations": [], "not_recommended": [],
              "undecided": [], "warnings": [], "added_later": {"x": 1}}
    assert advice_validator.is_valid(advice)
    del advice["warnings"]
    assert not advice_validator.is_valid(advice)


@pytest.mark.parametrize("which", ["facts", "advice"])
def test_schema_command_prints_the_generated_schema(advisor, which):
    result = CliRunner().invoke(main, ["schema", which])
    assert result.exit_code == 0, result.output
    expected = facts_schema(advisor.kb) if which == "facts" else advice_schema(advisor.kb)
    assert json.loads(result.output) == expected


def test_schema_command_rejects_an_unknown_schema():
    result = CliRunner().invoke(main, ["schema", "people"])
    assert result.exit_code == 2
    assert "advice" in result.output and "facts" in result.output
