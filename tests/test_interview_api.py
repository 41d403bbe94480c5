"""The interview through the Python API: it asks only what can change the advice, and ends with advise's advice.

Expectations are computed from the advisor itself (advise on the same facts, the
three-valued evaluator), never from particular rule ids, because the knowledge
base grows while these tests stay.
"""
import datetime
import math
import random

import pytest

from nq_advisor import Advisor, InputError
from nq_advisor.load import conditions as c
from nq_advisor.inference.evaluate import Evaluation
from nq_advisor.load.scenarios import load_scenarios

AS_OF = datetime.date(2026, 11, 23)


def drive(advisor, subject, facts, as_of=AS_OF, on_question=None):
    """Answer every question from ``facts``, skip what they lack; return (session, asked field ids)."""
    session = advisor.interview(subject, as_of=as_of)
    asked = []
    while (question := session.next_question()) is not None:
        assert question.id not in asked, f"{question.id} asked twice"
        if on_question:
            on_question(session, question)
        asked.append(question.id)
        if question.id in facts:
            session.answer(question.id, facts[question.id])
        else:
            session.skip(question.id)
    return session, asked


def decided(kb, subject, facts, as_of):
    """What the advice has settled, from the evaluator: {recommended ref: best priority}, and the refs still
    open (no rule holds, one is unknown). Every other ref is not recommended, whether listed with a why-not
    or left out because its rules do not concern the case (their scope is false)."""
    evaluation = Evaluation(kb, subject, facts, as_of)
    truths = {}
    for rule in kb.rules_for(subject):
        if rule.recommends:
            truths.setdefault(rule.recommends, []).append((rule.priority, evaluation.rule_truth(rule)))
            if rule.priority_raised:  # the better priority holds with the raise condition
                raised = rule.priority_raised
                truths[rule.recommends].append((raised.to, evaluation.truth(c.All((rule.condition, raised.when)))))
    priorities = {ref: min(p for p, t in pairs if t is True) for ref, pairs in truths.items()
                  if any(t is True for _, t in pairs)}
    still_open = {ref for ref, pairs in truths.items() if ref not in priorities and any(t is None for _, t in pairs)}
    return priorities, still_open


def recommended(advice):
    """What a counsellor acts on: {recommended ref: priority}."""
    return {r.ref: r.priority for r in advice.recommendations}


def random_complete_facts(kb, subject, rng):
    facts = {}
    for name, field in kb.fields[subject].items():
        if field.type == "int":
            low = field.minimum or 0
            facts[name] = rng.randint(low, field.maximum if field.maximum is not None else low + 150)
        elif field.type == "bool":
            facts[name] = rng.random() < 0.5
        elif field.type in ("enum", "ref"):
            facts[name] = rng.choice(field.values)
        elif field.type == "list":
            facts[name] = sorted(rng.sample(list(field.values), rng.randint(0, len(field.values))))
        else:
            facts[name] = "Region Nord"
    return facts


def _cases():
    """Bundled scenarios (persons and regions, few facts) and seeded complete cases."""
    advisor = Advisor.load()
    cases = [pytest.param(s.facts, s.as_of, id=f"scenario:{s.file}:{s.line}")
             for s in load_scenarios(advisor.kb.root)]
    rng = random.Random(11)
    for subject in ("person", "region"):
        for index in range(6):
            cases.append(pytest.param({subject: random_complete_facts(advisor.kb, subject, rng)}, AS_OF,
                                      id=f"complete-{subject}-{index}"))
    return cases


CASES = _cases()
SAMPLE = CASES[::7] + CASES[-12:]


@pytest.mark.parametrize("document, as_of", CASES)
def test_final_advice_equals_advise_on_the_same_facts(advisor, document, as_of):
    subject, facts = advisor.parse(document)
    session, asked = drive(advisor, subject, facts, as_of)
    final = session.advice().to_dict()
    assert final == advisor.advise({subject: session.facts}, as_of=as_of).to_dict()
    # The facts the interview never asked for change no recommendation that advise makes on all of them.
    full = advisor.advise(document, as_of=as_of)
    assert recommended(session.advice()) == recommended(full)
    # What stays open at the end is open only because of skipped fields: it needs one to become true.
    for entry in session.advice().undecided:
        assert set(entry.missing) & set(session.skipped), entry
    assert set(asked) <= set(advisor.kb.fields[subject])


def _int_probes(kb, field):
    """Values of an int field on both sides of every number the rules compare with (literals, parameters,
    parameter × item attribute), plus the bounds: every comparison outcome a value can produce."""
    numbers = set()
    for rule in kb.rules:
        for atom in c.atoms(rule.condition):
            if isinstance(atom, c.Compare):
                for expr in (atom.left, atom.right):
                    if isinstance(expr, c.Literal) and isinstance(expr.value, (int, float)) \
                            and not isinstance(expr.value, bool):
                        numbers.add(expr.value)
    params = {v.value for values in kb.parameters.values() for v in values
              if isinstance(v.value, (int, float)) and not isinstance(v.value, bool)}
    attrs = {v for item in kb.items.values() for v in item.data.values()
             if isinstance(v, (int, float)) and not isinstance(v, bool)}
    numbers |= params | attrs | {p * a for p in params for a in attrs}
    low = field.minimum if field.minimum is not None else 0
    high = field.maximum if field.maximum is not None else 10 ** 7
    probes = {low, high}
    for n in numbers:
        probes |= {math.floor(n) - 1, math.floor(n), math.ceil(n), math.ceil(n) + 1}
    return sorted(v for v in probes if low <= v <= high)


def _probes(kb, field):
    if field.type == "int":
        return _int_probes(kb, field)
    if field.type == "bool":
        return [True, False]
    if field.type in ("enum", "ref"):
        return list(field.values)
    if field.type == "list":
        return [[]] + [[v] for v in field.values] + [list(field.values)]
    return ["Region Süd"]


@pytest.mark.parametrize("document, as_of", SAMPLE)
def test_after_the_session_no_unknown_field_could_change_the_advice(advisor, document, as_of):
    """For every field neither answered nor skipped and every value that matters to a comparison,
    the recommendations (with priority) stay as they are."""
    subject, facts = advisor.parse(document)
    session, _ = drive(advisor, subject, facts, as_of)
    final = session.advice()
    settled = recommended(final)
    known = advisor.parse({subject: session.facts})[1]
    assert decided(advisor.kb, subject, known, as_of)[0] == settled
    untouched = [f for name, f in advisor.kb.fields[subject].items() if name not in known and name not in session.skipped]
    for field in untouched:
        probes = _probes(advisor.kb, field)
        for value in probes:
            more = advisor.parse({subject: {**session.facts, field.id: value}})[1]
            assert decided(advisor.kb, subject, more, as_of)[0] == settled, (field.id, value)
        for value in probes[:: max(1, len(probes) // 4)]:  # end to end through experta, a few values each
            with_value = advisor.advise({subject: {**session.facts, field.id: value}}, as_of=as_of)
            assert recommended(with_value) == settled, (field.id, value)


def _open_fields_from_advice(advisor, subject, facts, as_of):
    """Fields some undecided entry needs, or some unknown rule that would give a recommended item a better priority."""
    advice = advisor.advise({subject: facts}, as_of=as_of)
    needed = {name for entry in advice.undecided for name in entry.missing}
    parsed = advisor.parse({subject: facts})[1]
    evaluation = Evaluation(advisor.kb, subject, parsed, as_of)
    best = {r.ref: r.priority for r in advice.recommendations}
    for rule in advisor.kb.rules_for(subject):
        variants = [(rule.priority, rule.condition)]
        if rule.priority_raised:  # a question that can raise a recommended item's priority is worth asking
            variants.append((rule.priority_raised.to, c.All((rule.condition, rule.priority_raised.when))))
        for priority, condition in variants:
            if rule.recommends in best and priority < best[rule.recommends] \
                    and evaluation.truth(condition) is None:
                needed |= set(evaluation.missing(condition))
    # a field whose absence means "never" (contract) is asked when an unknown value would leave a rule open
    asked_as_unknown = Evaluation(advisor.kb, subject, parsed, as_of, absent_meanings=False)
    for rule in advisor.kb.rules_for(subject):
        if rule.recommends and asked_as_unknown.rule_truth(rule) is None:
            needed |= {name for name in asked_as_unknown.missing(rule.condition)
                       if advisor.kb.fields[subject][name].absent_means}
    return needed


@pytest.mark.parametrize("document, as_of", SAMPLE)
def test_every_question_is_needed_by_an_open_item_when_asked(advisor, document, as_of):
    subject, facts = advisor.parse(document)

    def check(session, question):
        assert question.id not in session.facts and question.id not in session.skipped
        assert question.id in _open_fields_from_advice(advisor, subject, session.facts, as_of), question.id
        assert question.decides, question.id

    drive(advisor, subject, facts, as_of, on_question=check)


def test_fields_no_rule_reads_are_never_asked(advisor):
    read = {}
    for rule in advisor.kb.rules:
        for atom in c.atoms(rule.condition):
            if isinstance(atom, c.Compare):
                read.setdefault(rule.subject, set()).update(atom.fields)
    rng = random.Random(5)
    for subject in ("person", "region"):
        for _ in range(5):
            _, asked = drive(advisor, subject, random_complete_facts(advisor.kb, subject, rng))
            assert set(asked) <= read.get(subject, set())
        _, asked = drive(advisor, subject, {})
        assert set(asked) <= read.get(subject, set())
    session = advisor.interview("region", as_of=AS_OF)
    seen = []
    while (q := session.next_question()) is not None:
        seen.append(q.id)
        session.skip(q.id)
    assert "name" not in seen


def test_skipped_fields_stay_unknown_and_are_not_asked_again(advisor):
    session = advisor.interview("person", as_of=AS_OF)
    first = session.next_question()
    session.skip(first.id)
    assert first.id not in session.facts and first.id in session.skipped
    seen = []
    while (q := session.next_question()) is not None:
        seen.append(q.id)
        session.skip(q.id)
    assert first.id not in seen
    assert any(first.id in u.missing for u in session.advice().undecided)


def test_back_undoes_the_last_answer_and_asks_that_question_again(advisor):
    session = advisor.interview("person", as_of=AS_OF)
    first = session.next_question()
    session.answer(first.id, first.choices[0].value if first.choices else first.minimum or 0)
    second = session.next_question()
    assert second.id != first.id
    assert session.back() == first.id
    assert first.id not in session.facts
    assert session.next_question().id == first.id
    assert session.back() is None


def test_back_restores_a_value_given_before_the_interview(advisor):
    session = advisor.interview("person", facts={"vocational_degree": "none"}, as_of=AS_OF)
    session.answer("vocational_degree", "german")
    session.back()
    assert session.facts["vocational_degree"] == "none"


def test_invalid_answers_are_rejected_with_what_is_allowed_and_change_nothing(advisor):
    session = advisor.interview("person", as_of=AS_OF)
    with pytest.raises(InputError) as error:
        session.answer("age", 7)
    assert "14" in str(error.value) and "99" in str(error.value)
    with pytest.raises(ValueError) as error:
        session.answer("vocational_degre", "none")
    assert "vocational_degree" in str(error.value)
    with pytest.raises(ValueError):
        session.answer("vocational_degree", "master")
    assert session.facts == {} and session.history == []


def test_starts_from_known_facts_and_never_asks_them(advisor):
    known = {"vocational_degree": "none", "age": 30}
    session = advisor.interview("person", facts=known, as_of=AS_OF)
    asked = []
    while (q := session.next_question()) is not None:
        asked.append(q.id)
        session.skip(q.id)
    assert not set(known) & set(asked)
    assert session.facts == known
    with pytest.raises(InputError):
        advisor.interview("person", facts={"age": "thirty"})


@pytest.mark.parametrize("lang", ["de", "en"])
def test_every_question_has_text_and_readable_choices(advisor, lang):
    for subject, fields in advisor.kb.fields.items():
        session = advisor.interview(subject, lang=lang)
        for name, field in fields.items():
            question = session.question(name)
            assert question.text.endswith("?") and question.text != question.title + "?", name
            for choice in question.choices:
                assert choice.label, (name, choice)
                if field.type in ("enum", "list") and not field.ref_kind:
                    assert choice.value in (field.value_titles or {}), (name, choice.value)
                if lang == "de":
                    assert choice.label != str(choice.value), (name, choice)
            if field.type in ("enum", "ref", "list", "bool"):
                assert question.choices


def test_english_questions_are_english(advisor):
    question = advisor.interview("person", lang="en").question("vocational_degree")
    assert question.text.startswith("What") and "no vocational degree" in [c.label for c in question.choices]


# --- dependencies follow from the rules, not from the order of the questions --------------------

_EXTRA_FIELDS = """
- {id: employer_size, kind: field, subject: person, type: int, min: 1, title: {de: Beschäftigte, en: Employees},
   unit: employees, says: {client: {value: {de: "Ihr Arbeitgeber hat {value}", en: "Your employer has {value}"}}}}
- {id: recognition, kind: field, subject: person, type: enum, values: [not_applied, partial, full], title: {de: Anerkennung, en: Recognition},
   says: {client: {value: {de: "Anerkennung: {value}", en: "Recognition: {value}"}}}}
"""
_EXTRA_ITEMS = """
- {id: small_firm_grant, kind: funding, title: {de: Zuschuss, en: Grant}, sources: [{url: "https://example.org/g", checked: 2026-11-23}]}
- {id: recognise, kind: route, title: {de: Anerkennen, en: Recognise}, sources: [{url: "https://example.org/r", checked: 2026-11-23}]}
"""
_EXTRA_RULES = """
- id: grant_small_employer
  subject: person
  recommends: small_firm_grant
  priority: 2
  because: {de: kleiner Betrieb, en: small firm}
  sources: [{url: "https://example.org/g", checked: 2026-11-23}]
  when:
    all:
      - {fact: employer_size, lt: 250}
      - {fact: employment, eq: employed}
- id: recognise_foreign
  subject: person
  recommends: recognise
  priority: 1
  because: {de: ausländischer Abschluss, en: foreign degree}
  sources: [{url: "https://example.org/r", checked: 2026-11-23}]
  when:
    all:
      - {fact: recognition, eq: not_applied}
      - {fact: degree, eq: foreign}
"""


@pytest.fixture(scope="module")
def dependent_advisor(tmp_path_factory):
    """The mini knowledge base plus two fields that matter only after another answer; the dependent
    fields come first in fields.yaml, so only the rules can put them second."""
    import shutil
    from pathlib import Path
    root = tmp_path_factory.mktemp("kb")
    shutil.copytree(Path(__file__).parent / "fixtures" / "mini_kb", root, dirs_exist_ok=True)
    fields = root / "knowledge" / "fields.yaml"
    lines = fields.read_text(encoding="utf-8").splitlines(keepends=True)
    fields.write_text(lines[0] + _EXTRA_FIELDS.lstrip("\n") + "".join(lines[1:]), encoding="utf-8")
    with open(root / "knowledge" / "items.yaml", "a", encoding="utf-8") as items:
        items.write(_EXTRA_ITEMS)
    with open(root / "rules" / "rules.yaml", "a", encoding="utf-8") as rules:
        rules.write(_EXTRA_RULES)
    return Advisor.load(root)


@pytest.mark.parametrize("employment, asked_size", [("unemployed", False), ("inactive", False), ("employed", True)])
def test_employer_size_is_asked_only_when_employed(dependent_advisor, employment, asked_size):
    facts = {"employment": employment, "employer_size": 12, "degree": "german"}
    _, asked = drive(dependent_advisor, "person", facts, datetime.date(2024, 1, 1))
    assert asked.index("employment") < asked.index("employer_size") if asked_size else True
    assert ("employer_size" in asked) is asked_size


@pytest.mark.parametrize("degree, asked_recognition", [("none", False), ("german", False), ("foreign", True)])
def test_recognition_is_asked_only_with_a_foreign_degree(dependent_advisor, degree, asked_recognition):
    _, asked = drive(dependent_advisor, "person", {"degree": degree, "recognition": "not_applied"},
                     datetime.date(2024, 1, 1))
    assert ("recognition" in asked) is asked_recognition
    if asked_recognition:
        assert asked.index("degree") < asked.index("recognition")
