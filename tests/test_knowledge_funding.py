"""Funding knowledge: the rates and versions a counsellor reads in the advice.

The YAML scenarios check which instruments are recommended; these tests check what the
scenario format cannot: which version of § 82 SGB III and which company-size band speaks
(rule and reason), and that every state is covered by a programme or a sourced state note.
"""
from __future__ import annotations

import datetime

import pytest

from nq_advisor import Advisor
from nq_advisor.load.shapes import STATES

D = datetime.date


@pytest.fixture(scope="module")
def advisor():
    return Advisor.load()


def _employee_with_degree(size: int, **extra) -> dict:
    facts = {"employment": "employed", "employer_size": size, "vocational_degree": "german",
             "degree_training_months": 36, "years_since_degree": 10, "unskilled_work_years_since_degree": 0,
             "can_work_in_learned_occupation": True, "months_since_last_funded_training": 60}
    facts.update(extra)
    return {"person": facts}


def _recommendation(advice, ref):
    found = [r for r in advice.recommendations if r.ref == ref]
    assert found, f"{ref} not recommended; recommended: {advice.refs()}"
    return found[0]


@pytest.mark.parametrize("size, course_rule, wage_rate", [
    (49, "beschaeftigtenfoerderung_2024_kleinbetrieb", "75 %"),
    (50, "beschaeftigtenfoerderung_2024_mittelbetrieb", "50 %"),
    (499, "beschaeftigtenfoerderung_2024_mittelbetrieb", "50 %"),
    (500, "beschaeftigtenfoerderung_2024_grossbetrieb", "25 %"),
])
def test_section_82_bands_since_april_2024(advisor, size, course_rule, wage_rate):
    advice = advisor.advise(_employee_with_degree(size), as_of=D(2024, 6, 1))
    assert _recommendation(advice, "beschaeftigtenfoerderung").rule == course_rule
    assert wage_rate in _recommendation(advice, "arbeitsentgeltzuschuss").reasons[0]


@pytest.mark.parametrize("day, size, course_rule", [
    (D(2024, 3, 31), 30, "beschaeftigtenfoerderung_2019_kmu"),          # 10-249 under the 2019 version
    (D(2024, 4, 1), 30, "beschaeftigtenfoerderung_2024_kleinbetrieb"),  # below 50 from 1.4.2024
    (D(2024, 3, 31), 9, "beschaeftigtenfoerderung_2019_kleinstbetrieb"),
    (D(2024, 3, 31), 2500, "beschaeftigtenfoerderung_2019_sehr_grossbetrieb"),
])
def test_section_82_version_on_the_day(advisor, day, size, course_rule):
    advice = advisor.advise(_employee_with_degree(size), as_of=day)
    assert _recommendation(advice, "beschaeftigtenfoerderung").rule == course_rule


def test_employee_over_45_in_company_below_500_pays_no_share(advisor):
    advice = advisor.advise(_employee_with_degree(499, age=45), as_of=D(2026, 11, 23))
    assert _recommendation(advice, "beschaeftigtenfoerderung").rule == "beschaeftigtenfoerderung_2024_ab_45"
    advice = advisor.advise(_employee_with_degree(500, age=45), as_of=D(2026, 11, 23))
    assert _recommendation(advice, "beschaeftigtenfoerderung").rule == "beschaeftigtenfoerderung_2024_grossbetrieb"


def test_full_wage_subsidy_without_degree_in_any_company_size(advisor):
    # § 82 Abs. 3 Satz 2-3: up to the full pro-rata wage whenever § 81 Abs. 2 is met (VERIFIED.md §1)
    facts = {"person": {"employment": "employed", "employer_size": 5000, "vocational_degree": "none",
                        "work_experience_months": 60}}
    rec = _recommendation(advisor.advise(facts, as_of=D(2026, 11, 23)), "arbeitsentgeltzuschuss")
    assert rec.rule == "arbeitsentgeltzuschuss_ohne_abschluss"
    assert "100 %" in rec.reasons[0]
    assert rec.also_rules == []  # the 25 % rate of Satz 4 applies only "im Übrigen"


def test_premium_legal_basis_changes_on_1_july_2023(advisor):
    facts = {"person": {"employment": "unemployed", "vocational_degree": "none", "work_experience_months": 48,
                        "target_occupation": "fachlagerist"}}
    before = _recommendation(advisor.advise(facts, as_of=D(2023, 6, 30)), "weiterbildungspraemie")
    after = _recommendation(advisor.advise(facts, as_of=D(2023, 7, 1)), "weiterbildungspraemie")
    assert "§ 131a Abs. 3 SGB III a. F." in before.legal_basis
    assert "§ 87a Abs. 1 SGB III" in after.legal_basis and "§ 131a Abs. 3 SGB III a. F." not in after.legal_basis


def test_integration_course_2026_depends_on_residence_status(advisor):
    # §§ 44, 44a AufenthG (VERIFIED.md §8): entitlement and obligation are untouched by the 2026 stop,
    # admission within free places (§ 44 Abs. 4) is suspended; an unknown status leaves the course open
    unknown = advisor.advise({"person": {"residence": "third_country", "german_level": "A1"}}, as_of=D(2026, 11, 23))
    assert [u.missing for u in unknown.undecided if u.ref == "integrationskurs"]
    entitled = {"person": {"residence": "third_country", "german_level": "A1", "residence_status": "residence_permit",
                           "residence_permit_months": 3}}
    assert _recommendation(advisor.advise(entitled, as_of=D(2026, 11, 23)), "integrationskurs").rule \
        == "integrationskurs_anspruch"
    tolerated = {"person": {"residence": "third_country", "german_level": "A1", "residence_status": "duldung",
                            "integration_course_obligation": False}}
    advice = advisor.advise(tolerated, as_of=D(2026, 11, 23))
    assert "integrationskurs" not in advice.refs()
    unmet = " ".join(u for n in advice.not_recommended if n.ref == "integrationskurs" for u in n.unmet)
    assert "nicht im Rahmen freier Plätze zu" in unmet  # § 44 Abs. 4 AufenthG: no admissions in 2026
    obliged = {"person": {**tolerated["person"], "integration_course_obligation": True}}
    assert _recommendation(advisor.advise(obliged, as_of=D(2026, 11, 23)), "integrationskurs").rule \
        == "integrationskurs_verpflichtung"
    assert "integrationskurs" in advisor.advise(tolerated, as_of=D(2025, 12, 31)).refs()
    eu = {"person": {"residence": "eu", "german_level": "A1"}}
    advice = advisor.advise(eu, as_of=D(2026, 11, 23))
    assert "integrationskurs" not in advice.refs()
    unmet = " ".join(u for n in advice.not_recommended if n.ref == "integrationskurs" for u in n.unmet)
    assert "nicht im Rahmen freier Plätze" in unmet
    assert "integrationskurs" in advisor.advise(eu, as_of=D(2025, 12, 31)).refs()


def test_every_state_has_a_programme_or_a_sourced_note(advisor):
    items = advisor.kb.items.values()
    programmes = {i.get("state") for i in items if i.kind == "funding" and i.id.startswith("landesprogramm_")}
    notes = {i.get("state") for i in items if i.kind == "state_note" and i.sources}
    assert set(STATES) == programmes | notes
    assert not programmes & notes, "a state has both a programme and a 'no programme' note"


def test_state_programme_ids_match_their_state(advisor):
    for item in advisor.kb.items.values():
        if item.kind == "funding" and item.id.startswith("landesprogramm_"):
            assert item.id.split("_")[1] == item.get("state", "").lower(), item.id
