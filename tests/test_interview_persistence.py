"""Nothing is lost: the session file is written atomically after every answer, owner-only, and resumes exactly."""
import datetime
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from nq_advisor.cli import main
from nq_advisor.interview import load_session

AS_OF = datetime.date(2026, 11, 23)
ROOT = Path(__file__).resolve().parent.parent
FACTS = {"vocational_degree": "none", "age": 40, "target_occupation": "fachkraft_lagerlogistik",
         "experience_months_in_target": 60, "employment": "employed", "work_experience_months": 120,
         "full_time_possible": True, "basic_skills_need": False}


def answers_for(advisor, facts):
    """(field, typed line) for each question the interview asks with these answers (skips are empty lines)."""
    session = advisor.interview("person", as_of=AS_OF)
    steps = []
    while (question := session.next_question()) is not None:
        if question.id in facts:
            value = facts[question.id]
            line = str([c.value for c in question.choices].index(value) + 1) if question.choices else str(value)
            session.answer(question.id, value)
        else:
            line = ""
            session.skip(question.id)
        steps.append((question.id, line))
    return steps, session


def mode(path: Path) -> int:
    return path.stat().st_mode & 0o777


def test_session_file_is_owner_only_from_the_start_even_with_a_permissive_umask(advisor, tmp_path):
    old = os.umask(0)
    try:
        path = tmp_path / "s.yaml"
        session = advisor.interview("person", as_of=AS_OF)
        session.save(path)
        assert mode(path) == 0o600
        question = session.next_question()
        session.answer(question.id, question.choices[0].value)
        assert mode(path) == 0o600
        path.chmod(0o644)  # a file made readable by hand becomes private again on the next write
        session.skip(session.next_question().id)
        assert mode(path) == 0o600
    finally:
        os.umask(old)
    assert [p.name for p in tmp_path.iterdir()] == ["s.yaml"]  # no temporary file left behind


def test_every_change_is_on_disk_at_once_and_resumes_exactly(advisor, tmp_path):
    path = tmp_path / "s.yaml"
    session = advisor.interview("person", as_of=AS_OF, lang="en")
    session.save(path)
    steps, expected = answers_for(advisor, FACTS)
    for count, (name, _) in enumerate(steps[:4], start=1):
        if name in FACTS:
            session.answer(name, FACTS[name])
        else:
            session.skip(name)
        stored = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert len(stored["history"]) == count
        resumed = load_session(advisor, path)
        assert (resumed.facts, resumed.skipped, resumed.lang, resumed.as_of) == \
            (session.facts, session.skipped, "en", AS_OF)
        assert resumed.next_question() == session.next_question()
    resumed.back()
    assert load_session(advisor, path).history == session.history[:-1]


@pytest.mark.parametrize("stop_after", [1, 3, 5])
def test_interrupted_input_resumes_with_all_earlier_answers(advisor, tmp_path, stop_after):
    steps, expected = answers_for(advisor, FACTS)
    path = tmp_path / "s.yaml"
    first = CliRunner().invoke(main, ["interview", "person", "--session", str(path), "--as-of", AS_OF.isoformat()],
                               input="".join(line + "\n" for _, line in steps[:stop_after]))
    assert first.exit_code == 0, first.output  # the end of input is a normal end (Ctrl-C: 130)
    assert "Sitzung gespeichert in" in first.output
    assert len(load_session(advisor, path).history) == stop_after
    rest = "".join(line + "\n" for _, line in steps[stop_after:]) + "\n\n\n"
    second = CliRunner().invoke(main, ["interview", "--session", str(path)], input=rest)
    assert second.exit_code == 0, second.output
    resumed = load_session(advisor, path)
    assert resumed.facts == expected.facts and resumed.skipped == expected.skipped
    assert resumed.advice().to_dict() == expected.advice().to_dict()


def _wait_for_history(path: Path, count: int, process) -> None:
    """Wait until the session file records ``count`` steps (a wait for the child, not a timing assertion)."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if path.exists():
            stored = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
            if len(stored.get("history") or []) >= count:
                return
        if process.poll() is not None:
            raise AssertionError(f"interview ended early: {process.stdout.read()}")
        time.sleep(0.05)
    raise AssertionError("the session file never recorded the answer")


@pytest.mark.parametrize("kill_after", [1, 4])
def test_a_killed_process_resumes_with_all_earlier_answers(advisor, tmp_path, kill_after):
    steps, expected = answers_for(advisor, FACTS)
    path = tmp_path / "s.yaml"
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    process = subprocess.Popen(
        [sys.executable, "-m", "nq_advisor", "interview", "person", "--session", str(path),
         "--as-of", AS_OF.isoformat()],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, cwd=ROOT, env=env, text=True)
    try:
        for count, (_, line) in enumerate(steps[:kill_after], start=1):
            process.stdin.write(line + "\n")
            process.stdin.flush()
            _wait_for_history(path, count, process)
        process.send_signal(signal.SIGKILL)
        process.wait()
    finally:
        if process.poll() is None:
            process.kill()
        process.stdin.close()
        process.stdout.close()
    resumed = load_session(advisor, path)
    assert [e["field"] for e in resumed.history] == [name for name, _ in steps[:kill_after]]
    assert resumed.next_question().id == steps[kill_after][0]
    rest = "".join(line + "\n" for _, line in steps[kill_after:]) + "\n\n\n"
    result = CliRunner().invoke(main, ["interview", "--session", str(path)], input=rest)
    assert result.exit_code == 0, result.output
    assert load_session(advisor, path).facts == expected.facts
    assert mode(path) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["s.yaml"]


def test_resume_may_change_language_and_keeps_the_date(advisor, tmp_path):
    path = tmp_path / "s.yaml"
    CliRunner().invoke(main, ["interview", "region", "--session", str(path), "--as-of", "2024-06-01"], input="quit\n")
    result = CliRunner().invoke(main, ["interview", "--session", str(path), "--lang", "en"], input="quit\n")
    assert "Session resumed" in result.output
    resumed = load_session(advisor, path)
    assert (resumed.subject, resumed.lang, resumed.as_of) == ("region", "en", datetime.date(2024, 6, 1))
