"""Input that people type: files, `whatif --set` and the interview read the same spellings
(nq_advisor.inference.facts.read_value), and refuse the rest with a short, clear message."""
import datetime

import pytest
from click.testing import CliRunner

from nq_advisor import InputError
from nq_advisor.cli import main
from nq_advisor.inference.facts import ValueRejected, read_value

AS_OF = datetime.date(2026, 11, 23)


@pytest.mark.parametrize("field, written, value", [
    ("state", "NRW", "NW"),
    ("state", "nw", "NW"),
    ("state", "Nordrhein-Westfalen", "NW"),
    ("state", "bavaria", "BY"),
    ("state", "Bayern", "BY"),
    ("employment", "arbeitslos gemeldet", "unemployed"),
    ("employment", "Registered unemployed", "unemployed"),
    ("german_level", "b1", "B1"),
    ("basic_skills_need", "ja", True),
    ("basic_skills_need", "Nein", False),
    ("basic_skills_need", "yes", True),
    ("full_time_possible", "false", False),
    ("target_occupation", "Fachkraft für Lagerlogistik", "fachkraft_lagerlogistik"),
])
def test_ids_labels_and_short_forms_are_read_in_files(advisor, field, written, value):
    _, facts = advisor.parse({"person": {field: written}})
    assert facts[field] == value


@pytest.mark.parametrize("written, value", [("32000", 32000), ("32.000", 32000), ("32 000", 32000),
                                            ("1.234.567", 1234567), ("0", 0)])
def test_typed_numbers_accept_the_german_thousands_dot(advisor, written, value):
    field = advisor.kb.fields["person"]["annual_taxable_income_eur"]
    assert read_value(field, written, typed=True) == value


@pytest.mark.parametrize("written", ["32,5", "3.2", "32.00", "1e5", "zwölf", "", "٣٢"])
def test_typed_text_that_is_no_integer_is_refused(advisor, written):
    field = advisor.kb.fields["person"]["annual_taxable_income_eur"]
    with pytest.raises(ValueRejected):
        read_value(field, written, typed=True)


def test_text_where_a_number_belongs_in_a_file_says_so(advisor):
    with pytest.raises(InputError) as info:
        advisor.parse({"person": {"age": "38"}}, lang="en")
    assert "person.age: text '38' given where a number belongs" in str(info.value)
    assert "from 14 to 99" in str(info.value)


@pytest.mark.parametrize("value", [10 ** 5000, -(10 ** 5000), "9" * 5000], ids=["big", "negative", "text"])
def test_huge_numbers_are_an_input_error_naming_field_and_range(advisor, value):
    document = {"person": {"age": value}}
    with pytest.raises(InputError) as info:
        advisor.parse(document, lang="en")
    message = str(info.value)
    assert "person.age" in message and "from 14 to 99" in message and len(message) < 300


def test_huge_typed_numbers_are_refused_before_conversion(advisor):
    field = advisor.kb.fields["person"]["employer_size"]  # no maximum of its own
    with pytest.raises(ValueRejected) as info:
        read_value(field, "9" * 5000, "en", typed=True)
    assert "at most 1000000000" in str(info.value)
    with pytest.raises(InputError):
        advisor.parse({"person": {"employer_size": 10 ** 5000}})


def test_a_misspelling_gets_the_closest_value_and_a_short_list(advisor):
    with pytest.raises(InputError) as info:
        advisor.parse({"person": {"target_occupation": "fachkraft_lagerlogistk"}}, lang="en")
    message = str(info.value)
    assert "did you mean 'fachkraft_lagerlogistik'" in message
    assert len(message) < 600 and "in all" in message  # never all 62 occupations


def test_whatif_and_interview_read_the_same_spellings(advisor, tmp_path):
    case = tmp_path / "case.yaml"
    case.write_text("person: {target_occupation: fachkraft_lagerlogistik, experience_months_in_target: 60}\n",
                    encoding="utf-8")
    result = CliRunner().invoke(main, ["whatif", str(case), "--set", "state=NRW", "--set",
                                       "annual_taxable_income_eur=32.000", "--set", "basic_skills_need=nein",
                                       "--format", "json", "--as-of", "2026-11-23"])
    assert result.exit_code == 0, result.output
    assert "Nordrhein-Westfalen" in result.output
    session = advisor.interview("person", as_of=AS_OF)
    from nq_advisor.interview.answers import parse_answer

    for name, typed, value in (("state", "NRW", "NW"), ("annual_taxable_income_eur", "32.000", 32000),
                               ("basic_skills_need", "ja", True)):
        assert parse_answer(session.question(name), advisor.kb.fields["person"][name], typed) == value
