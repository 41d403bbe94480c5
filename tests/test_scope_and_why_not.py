"""The why-not list names only what concerns the case: other states' programmes are left out."""
import datetime

D = datetime.date(2026, 11, 23)
BASE = {"vocational_degree": "none", "employment": "employed", "target_occupation": "fachkraft_lagerlogistik",
        "experience_months_in_target": 30}


def test_programmes_of_other_states_are_no_why_not(advisor):
    advice = advisor.advise({"person": dict(BASE, state="BE")}, as_of=D)
    listed = {n.ref for n in advice.not_recommended} | {u.ref for u in advice.undecided} | set(advice.refs())
    assert not {ref for ref in listed if ref.startswith("landesprogramm_")}
    # what the knowledge base knows about Berlin is said instead
    assert any(w.startswith("Berlin: kein aktuelles Landesprogramm") for w in advice.warnings)


def test_the_own_states_programme_is_a_why_not_when_its_conditions_fail(advisor):
    advice = advisor.advise({"person": dict(BASE, state="NW", annual_taxable_income_eur=90000)}, as_of=D)
    nw = [n for n in advice.not_recommended if n.ref == "landesprogramm_nw"]
    assert nw and all("Jahreseinkommen" in " ".join(n.unmet) for n in nw)
    assert not [n for n in advice.not_recommended if n.ref.startswith("landesprogramm_") and n.ref != "landesprogramm_nw"]


def test_unknown_state_leaves_state_programmes_undecided_and_asks_for_the_state(advisor):
    advice = advisor.advise({"person": dict(BASE)}, as_of=D)
    open_items = [u for u in advice.undecided if u.ref.startswith("landesprogramm_")]
    assert open_items and all("state" in u.missing for u in open_items)


def test_identical_why_nots_of_several_rules_are_said_once(advisor):
    advice = advisor.advise({"person": dict(BASE, state="NW")}, as_of=D)
    seen = [(n.ref, tuple(n.unmet)) for n in advice.not_recommended]
    assert len(seen) == len(set(seen))


EMPLOYEE = {"employment": "employed", "vocational_degree": "german", "years_since_degree": 5, "employer_size": 30,
            "age": 35, "state": "BE"}


def test_absent_months_since_funded_training_means_never_as_the_contract_says(advisor):
    never = advisor.advise({"person": dict(EMPLOYEE)}, as_of=D)
    assert "beschaeftigtenfoerderung" in never.refs()
    assert not any("months_since_last_funded_training" in u.missing for u in never.undecided)
    recent = advisor.advise({"person": dict(EMPLOYEE, months_since_last_funded_training=12)}, as_of=D)
    assert "beschaeftigtenfoerderung" not in recent.refs()
    unmet = [u for n in recent.not_recommended if n.ref == "beschaeftigtenfoerderung" for u in n.unmet]
    assert any("Weiterbildung liegt 12 Monate zurück; das gilt erst ab 24 Monaten" in u for u in unmet), unmet


def test_the_interview_still_asks_it_and_skipping_means_never(advisor):
    session = advisor.interview("person", facts={"person": dict(EMPLOYEE)}, as_of=D)
    asked = []
    while (question := session.next_question()) is not None:
        asked.append(question.id)
        session.skip(question.id)
    assert "months_since_last_funded_training" in asked
    assert "beschaeftigtenfoerderung" in session.advice().refs()


def test_the_legal_basis_in_force_on_the_date_comes_first(advisor):
    facts = {"person": {"vocational_degree": "none", "employment": "unemployed", "benefit": "alg",
                        "work_experience_months": 60, "target_occupation": "fachkraft_lagerlogistik",
                        "experience_months_in_target": 12, "age": 35}}
    def premium(day):
        advice = advisor.advise(facts, as_of=day)
        return next(r for r in advice.recommendations if r.ref == "weiterbildungspraemie")
    assert premium(datetime.date(2023, 6, 30)).legal_basis[0].startswith("§ 131a Abs. 3")
    assert premium(datetime.date(2023, 7, 1)).legal_basis[0] == "§ 87a Abs. 1 SGB III"


def test_the_table_names_each_open_item_once_with_all_facts_to_clarify(advisor):
    from nq_advisor.output.table import open_by_ref, to_table
    advice = advisor.advise({"person": dict(BASE, state="BE")}, as_of=D)
    assert len({u.ref for u in advice.undecided}) < len(advice.undecided)  # several open rules per item
    grouped = open_by_ref(advice)
    assert len(grouped) == len({u.ref for u in advice.undecided})
    table = to_table(advice, {})
    assert table.count("Integrationskurs (BAMF)") == 1
