"""Revising answers: the other answers stay, questions that no longer matter are not asked, answers that
no longer matter are kept but not used (issue 15). Through the Python API, session files and the CLI."""
import datetime

import yaml
from click.testing import CliRunner

from nq_advisor.cli import main
from nq_advisor.interview import load_session

AS_OF = datetime.date(2026, 11, 23)


def test_answering_an_answered_field_revises_it_and_keeps_the_others(advisor):
    session = advisor.interview("person", as_of=AS_OF)
    for field, value in (("vocational_degree", "none"), ("age", 40), ("employment", "employed"), ("state", "BY")):
        session.answer(field, value)
    session.answer("age", 52)
    assert session.answers == {"vocational_degree": "none", "age": 52, "employment": "employed", "state": "BY"}
    assert session.next_question().id not in session.answers


def test_an_answer_that_no_longer_matters_is_kept_but_not_used(advisor):
    session = advisor.interview("person", as_of=AS_OF)
    session.answer("employment", "employed")
    assert session.next_question() is not None
    session.answer("employer_size", 30)
    assert session.unused() == []
    session.answer("employment", "unemployed")
    assert session.answers == {"employment": "unemployed", "employer_size": 30}
    assert session.unused() == ["employer_size"] and "employer_size" not in session.facts
    # not used: the advice is that on the other answers, and the question is not asked again
    assert session.advice().to_dict() == advisor.advise({"person": {"employment": "unemployed"}},
                                                        as_of=AS_OF).to_dict()
    # it matters again once the revision is undone
    session.answer("employment", "employed")
    assert session.unused() == [] and session.facts["employer_size"] == 30
    session.answer("employment", "unemployed")
    asked = []
    while (question := session.next_question()) is not None:
        asked.append(question.id)
        session.skip(question.id)
    assert asked and "employer_size" not in asked and "employment" not in asked


def test_with_the_employer_size_it_is_used_while_employed(advisor):
    session = advisor.interview("person", as_of=AS_OF)
    session.answer("employment", "employed")
    session.answer("employer_size", 30)
    assert session.advice().to_dict() == advisor.advise(
        {"person": {"employment": "employed", "employer_size": 30}}, as_of=AS_OF).to_dict()


def test_facts_given_at_the_start_are_always_used(advisor):
    given = {"employment": "unemployed", "employer_size": 30}
    session = advisor.interview("person", facts=given, as_of=AS_OF)
    assert session.unused() == [] and session.facts == given
    assert session.advice().to_dict() == advisor.advise({"person": given}, as_of=AS_OF).to_dict()


def test_session_files_keep_unused_answers_and_what_was_given(advisor, tmp_path):
    path = tmp_path / "s.yaml"
    session = advisor.interview("person", facts={"state": "HH"}, as_of=AS_OF)
    session.save(path)
    session.answer("employment", "employed")
    session.answer("employer_size", 30)
    session.answer("employment", "inactive")
    resumed = load_session(advisor, path)
    assert resumed.answers == session.answers and resumed.given == ["state"]
    assert resumed.unused() == ["employer_size"]
    # a file written before answers could be revised (no 'given'): facts no answer gave were given
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    del document["given"]
    path.write_text(yaml.safe_dump(document), encoding="utf-8")
    assert load_session(advisor, path).given == ["state"]


def test_cli_changes_an_earlier_answer_without_losing_the_later_ones(advisor, tmp_path):
    path = tmp_path / "s.yaml"
    session = advisor.interview("person", as_of=AS_OF)
    first = session.next_question()
    assert first.id == "vocational_degree"
    lines = ["1"]                                   # vocational_degree: none
    session.answer(first.id, "none")
    second = session.next_question()
    lines.append("45" if second.type == "int" else "1")
    lines += ["ändern", "1", "2"]                   # change answer 1 to choice 2 (german)
    lines += ["quit"]
    result = CliRunner().invoke(main, ["interview", "person", "--session", str(path), "--as-of", str(AS_OF)],
                                input="\n".join(lines) + "\n")
    assert result.exit_code == 0, result.output
    resumed = load_session(advisor, path)
    assert resumed.answers[first.id] == "german"
    assert second.id in resumed.answers  # the later answer is still there
    assert "Bisherige Antworten" in result.output


def test_cli_change_with_enter_keeps_everything(advisor, tmp_path):
    path = tmp_path / "s.yaml"
    lines = ["1", "ändern", "1", "", "quit"]
    result = CliRunner().invoke(main, ["interview", "person", "--session", str(path), "--as-of", str(AS_OF),
                                       "--lang", "en"], input="\n".join(lines) + "\n")
    assert result.exit_code == 0, result.output
    assert load_session(advisor, path).answers == {"vocational_degree": "none"}
    assert "unchanged" in result.output



def _rebuilt(advisor, subject, steps, as_of):
    session = advisor.interview(subject, as_of=as_of)
    for kind, name, value in steps:
        session.answer(name, value) if kind == "answer" else session.skip(name)
    return session


def test_a_long_session_asks_what_a_session_rebuilt_from_its_answers_asks(advisor):
    """The session keeps what earlier steps worked out (speed): after answers, skips, revisions and a
    change of date it asks exactly the question, and uses exactly the answers, of a new session given
    the same steps."""
    import random
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
    from cases import random_value

    rng = random.Random(23)
    for subject in ("person", "region"):
        fields = advisor.kb.fields[subject]
        for _ in range(6):
            session, steps = advisor.interview(subject, as_of=AS_OF), []
            question = session.next_question()
            while question is not None:
                roll = rng.random()
                if roll < 0.1:
                    steps.append(("skip", question.id, None))
                elif roll < 0.2 and session.answers:  # revise an earlier answer
                    name = rng.choice(sorted(session.answers))
                    steps.append(("answer", name, random_value(fields[name], rng)))
                else:
                    steps.append(("answer", question.id, random_value(fields[question.id], rng)))
                kind, name, value = steps[-1]
                session.answer(name, value) if kind == "answer" else session.skip(name)
                if rng.random() < 0.05:
                    session.as_of = datetime.date(2024, 1, 1)
                rebuilt = _rebuilt(advisor, subject, steps, session.as_of)
                question = session.next_question()
                expected = rebuilt.next_question()
                assert (question and question.id) == (expected and expected.id), steps
                assert session.facts == rebuilt.facts
