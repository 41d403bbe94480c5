"""``nq-advisor interview`` driven like a counsellor types: scripted input through click's runner.

The scripts are computed from the Python API first (which questions come for
these answers), so that the tests keep working while the knowledge base grows.
"""
import datetime
import io
import json

import pytest
import yaml
from click.testing import CliRunner

from nq_advisor.cli import main
from nq_advisor.interview import load_session
from nq_advisor.output.handout import render as render_handout
from nq_advisor.output.table import render

AS_OF = datetime.date(2026, 11, 23)
PERSONS = [
    {"vocational_degree": "none", "age": 40, "target_occupation": "fachkraft_lagerlogistik",
     "experience_months_in_target": 60, "employment": "employed", "work_experience_months": 120},
    {"vocational_degree": "foreign", "foreign_degree_recognition": "not_applied", "german_level": "B1",
     "residence": "third_country", "employment": "unemployed", "benefit": "grundsicherung", "age": 33},
    {"vocational_degree": "german", "unskilled_work_years_since_degree": 6, "can_work_in_learned_occupation": False,
     "age": 50, "full_time_possible": False, "state": "NW"},
]
REGIONS = [
    {"company_structure_analysed": False, "steering_network": False, "coordination": "none"},
    {"company_structure_analysed": True, "provider_offers_surveyed": True, "funding_landscape_sounded": True,
     "target_group_funding_clarified": True, "company_counselling_offer": "established",
     "offers_presented_to": ["companies"], "steering_network": True, "steering_partners": ["agentur", "ihk"],
     "coordination": "partisan", "framework_changes": ["skill_shortage"], "sectors_high_unskilled": ["logistics"]},
]


def flat(text: str) -> str:
    """Output with line wrapping undone (the prompts wrap long texts to the terminal width)."""
    return " ".join(text.split())


def run(*args, input=None):
    return CliRunner().invoke(main, list(args), input=input)


def typed(question, value) -> str:
    """How a counsellor types ``value``: the choice number, or the number itself."""
    if question.type == "list":
        return ",".join(str(_number(question, v)) for v in value) or "0"
    if question.choices:
        return str(_number(question, value))
    return str(value)


def _number(question, value) -> int:
    return [c.value for c in question.choices].index(value) + 1


def script_for(advisor, subject, facts, lang="de"):
    """The lines to type (one per question) and the session the API reaches with the same answers."""
    session = advisor.interview(subject, as_of=AS_OF, lang=lang)
    lines = []
    while (question := session.next_question()) is not None:
        if question.id in facts:
            lines.append(typed(question, facts[question.id]))
            session.answer(question.id, facts[question.id])
        else:
            lines.append("")
            session.skip(question.id)
    return lines, session


@pytest.mark.parametrize("subject, facts", [("person", f) for f in PERSONS] + [("region", f) for f in REGIONS])
def test_scripted_session_ends_with_the_advice_of_advise_and_saves_facts_and_handout(advisor, tmp_path, subject, facts):
    lines, expected = script_for(advisor, subject, facts)
    facts_file, handout = tmp_path / "facts.yaml", tmp_path / "handout.md"
    answers = "\n".join(lines + ["", str(facts_file), str(handout)]) + "\n"
    result = run("interview", subject, "--as-of", AS_OF.isoformat(), input=answers)
    assert result.exit_code == 0, result.output
    advice = advisor.advise({subject: expected.facts}, as_of=AS_OF)
    table = render(advice, "table", {n: f.title["de"] for n, f in advisor.kb.fields[subject].items()}, kb=advisor.kb)
    assert table in result.output
    saved = yaml.safe_load(facts_file.read_text(encoding="utf-8"))
    assert saved == {subject: expected.facts}
    as_json = run("advise", str(facts_file), "--format", "json", "--as-of", AS_OF.isoformat())
    assert json.loads(as_json.output) == advice.to_dict() == expected.advice().to_dict()
    assert handout.read_text(encoding="utf-8") == render_handout(advice, advisor.kb, "markdown")
    assert (facts_file.stat().st_mode & 0o777) == 0o600


def test_prompt_shows_numbered_choices_help_umlauts_and_current_advice(advisor):
    first = advisor.interview("person", as_of=AS_OF).next_question()
    result = run("interview", "person", "--as-of", AS_OF.isoformat(), input="help\n?\nquit\n\n")
    out = flat(result.output)
    assert result.exit_code == 0, out
    assert flat(first.text) in out
    for index, choice in enumerate(first.choices, start=1):
        assert f"{index}) {choice.label}" in out
    assert "Hilfe – " + first.title in out
    assert flat(first.help or "keinen weiteren Hilfetext") in out
    assert "Zwischenstand" in out and "Rechtsstand: 23.11.2026" in out
    assert "überspringen" in out and "Ã" not in out  # umlauts as umlauts, no mojibake


def test_invalid_answers_are_explained_and_asked_again(advisor):
    session = advisor.interview("person", as_of=AS_OF)
    question = session.next_question()
    typed = ""
    while question.type != "int":  # reach an int question by answering with the first choice (1 = yes/first)
        session.answer(question.id, question.choices[0].value)
        typed += "1\n"
        question = session.next_question()
    result = run("interview", "person", "--as-of", AS_OF.isoformat(),
                 input=typed + "zwölf\n-3\n100000000000\nquit\n\n")
    assert result.output.count("Ungültige Antwort") == 2 + (question.maximum is not None)
    assert flat(question.allowed) in flat(result.output)
    assert result.exit_code == 0


def test_a_choice_can_be_typed_as_value_or_part_of_the_label(advisor, tmp_path):
    session_file = tmp_path / "s.yaml"
    first = advisor.interview("person", as_of=AS_OF).next_question()
    choice = first.choices[-1]
    run("interview", "person", "--as-of", AS_OF.isoformat(), "--session", str(session_file),
        input=f"{str(choice.value).upper()}\nquit\n")
    assert load_session(advisor, session_file).facts == {first.id: choice.value}


def test_back_changes_the_previous_answer(advisor, tmp_path):
    session_file = tmp_path / "s.yaml"
    first = advisor.interview("person", as_of=AS_OF).next_question()
    assert len(first.choices) >= 2
    result = run("interview", "person", "--as-of", AS_OF.isoformat(), "--session", str(session_file),
                 input="1\n<\n2\nquit\n")
    assert "Zurück zu: " + first.title in result.output
    assert load_session(advisor, session_file).facts == {first.id: first.choices[1].value}


def test_quit_keeps_the_session_and_resume_continues_where_it_stopped(advisor, tmp_path):
    facts = PERSONS[0]
    lines, expected = script_for(advisor, "person", facts)
    session_file = tmp_path / "session.yaml"
    half = len(lines) // 2
    first = run("interview", "person", "--as-of", AS_OF.isoformat(), "--session", str(session_file),
                input="\n".join(lines[:half] + ["quit"]) + "\n")
    assert first.exit_code == 0 and "Sitzung gespeichert in" in first.output
    second = run("interview", "--session", str(session_file), input="\n".join(lines[half:] + ["", "", ""]) + "\n")
    assert second.exit_code == 0, second.output
    assert load_session(advisor, session_file).facts == expected.facts


def test_from_file_starts_with_known_facts_and_does_not_ask_them(advisor, tmp_path):
    case = tmp_path / "case.yaml"
    case.write_text("person: {vocational_degree: none, age: 30}\n", encoding="utf-8")
    session_file = tmp_path / "s.yaml"
    result = run("interview", "--from", str(case), "--session", str(session_file), "--as-of", AS_OF.isoformat(),
                 input="quit\n")
    assert result.exit_code == 0, result.output
    assert load_session(advisor, session_file).facts == {"vocational_degree": "none", "age": 30}
    assert flat(advisor.interview("person").question("vocational_degree").text) not in flat(result.output)


def test_english_prompts(advisor):
    first = advisor.interview("region", as_of=AS_OF, lang="en").next_question()
    result = run("interview", "region", "--lang", "en", "--as-of", AS_OF.isoformat(), input="quit\n\n")
    assert flat(first.text) in flat(result.output) and "Question 1" in result.output and "Frage" not in result.output


def test_nothing_is_written_without_a_named_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("interview", "person", input="1\n\n\n")
    assert result.exit_code == 0
    assert "nicht gespeichert" in result.output
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("args, content, message", [
    (["--from", "case.yaml"], "person: {age: 7}\n", "person.age"),
    (["--session", "s.yaml"], "nq_advisor_interview: 1\nsubject: person\nas_of: 2026-11-23\nfacts: {age: 7}\n", "age"),
    (["--session", "s.yaml"], "just: text\n", "keine Interview-Sitzungsdatei"),
    (["region", "--from", "case.yaml"], "person: {age: 30}\n", "enthält 'person', nicht 'region'"),
])
def test_bad_files_give_clear_errors_and_exit_code_2(tmp_path, monkeypatch, args, content, message):
    monkeypatch.chdir(tmp_path)
    (tmp_path / args[-1]).write_text(content, encoding="utf-8")
    result = run("interview", *args)
    assert result.exit_code == 2
    assert message in result.output and "Traceback" not in result.output


def test_existing_session_and_from_together_are_refused(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    run("interview", "--session", "s.yaml", input="quit\n")
    (tmp_path / "case.yaml").write_text("person: {age: 30}\n", encoding="utf-8")
    result = run("interview", "--session", "s.yaml", "--from", "case.yaml")
    assert result.exit_code == 2 and "besteht schon" in result.output


def test_german_commands_and_a_german_yes_to_overwrite(advisor, tmp_path):
    """A German counsellor types German words: 'überspringen' skips, 'beenden' quits, and the question
    whether to overwrite an existing file is answered with 'j' (ja); English words still work."""
    existing = tmp_path / "sitzung.yaml"
    existing.write_text("alt\n", encoding="utf-8")
    script = f"überspringen\nbeenden\n{existing}\nvielleicht\nj\n"
    result = CliRunner().invoke(main, ["interview", "person", "--as-of", "2026-11-23"], input=script)
    out = flat(result.output)
    assert result.exit_code == 0, result.output
    assert "'überspringen' = überspringen" in out and "'skip'" not in out
    assert "Überschreiben? [j/N]" in out and "Bitte 'j' (ja) oder 'n' (nein) eingeben." in out
    assert load_session(advisor, existing).subject == "person"  # overwritten by the session
    assert "[y/N]" not in out


def test_a_language_asked_for_before_the_command_switches_a_resumed_session(tmp_path):
    """`nq-advisor --lang de interview --session S` (or NQ_ADVISOR_LANG=de) on an English session
    continues in German, as `--lang de` after the command does."""
    path = tmp_path / "s.yaml"
    CliRunner().invoke(main, ["interview", "person", "--lang", "en", "--session", str(path)], input="quit\n")
    resumed = CliRunner().invoke(main, ["--lang", "de", "interview", "--session", str(path)], input="beenden\n")
    assert "Sitzung fortgesetzt" in resumed.output, resumed.output
    path.unlink()
    CliRunner().invoke(main, ["interview", "person", "--lang", "en", "--session", str(path)], input="quit\n")
    resumed = CliRunner().invoke(main, ["interview", "--session", str(path)], input="beenden\n",
                                 env={"NQ_ADVISOR_LANG": "de"})
    assert "Sitzung fortgesetzt" in resumed.output, resumed.output


class _InterruptedInput(io.RawIOBase):
    """Standard input that gives ``lines`` and then behaves as if Ctrl-C was pressed at the prompt."""

    def __init__(self, lines: str):
        self._data = lines.encode()

    def readable(self):
        return True

    def readinto(self, buffer):
        if not self._data:
            raise KeyboardInterrupt
        size = min(len(buffer), len(self._data))
        buffer[:size], self._data = self._data[:size], self._data[size:]
        return size


@pytest.mark.parametrize("lang, end, saved", [
    ("de", "Ende der Eingabe.", "Sitzung gespeichert in {path}. Fortsetzen mit: nq-advisor interview --session {path}"),
    ("en", "End of input.", "Session saved in {path}. Resume with: nq-advisor interview --session {path}"),
])
def test_end_of_input_is_no_interrupt_it_says_where_the_session_is_and_how_to_resume(advisor, tmp_path, lang, end,
                                                                                  saved):
    """Ctrl-D (or piped answers that end early) keeps every answer, names the file and the command that
    continues, and exits 0; only Ctrl-C is an interrupt (130)."""
    lines, _ = script_for(advisor, "person", PERSONS[0], lang)
    path = tmp_path / "s.yaml"
    args = ["interview", "person", "--session", str(path), "--as-of", AS_OF.isoformat(), "--lang", lang]
    result = run(*args, input=lines[0] + "\n" + lines[1] + "\n")
    assert result.exit_code == 0, result.output
    out = result.output.splitlines()
    assert end in out and saved.format(path=path) in out, result.output
    assert ("Abgebrochen" if lang == "de" else "Interrupted") not in result.output
    assert len(load_session(advisor, path).history) == 2  # both answers are in the file
    resumed = run("interview", "--session", str(path), input="")
    assert resumed.exit_code == 0 and saved.format(path=path) in resumed.output.splitlines()
    assert len(load_session(advisor, path).history) == 2

    path.unlink()
    interrupted = CliRunner().invoke(main, args, input=_InterruptedInput(lines[0] + "\n"))
    assert interrupted.exit_code == 130, interrupted.output
    assert ("Abgebrochen." if lang == "de" else "Interrupted.") in interrupted.output
    assert saved.format(path=path) in interrupted.output.splitlines()
    assert len(load_session(advisor, path).history) == 1


def test_a_session_of_the_other_subject_says_how_to_resume_it(tmp_path):
    session_file = tmp_path / "s.yaml"
    run("interview", "person", "--as-of", AS_OF.isoformat(), "--session", str(session_file), input="quit\n")
    result = run("interview", "region", "--session", str(session_file))
    assert result.exit_code == 2, result.output
    assert f"fortsetzen mit 'nq-advisor interview person --session {session_file}'" in result.output, result.output
