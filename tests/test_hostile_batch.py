"""Batch input made to hurt (issue 11): each bad row is a reported row, the run goes on, no file is lost."""
import csv
import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from nq_advisor.cli import main

MINI_KB = Path(__file__).parent / "fixtures" / "mini_kb"
GOOD = {"person": {"age": 40, "degree": "none", "experience": 70, "target": "lager"}}


def run(*args, input=None):
    return CliRunner().invoke(main, [*map(str, args), "--kb", str(MINI_KB), "--as-of", "2026-11-23"], input=input)


def jsonl(path, lines):
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_hostile_rows_are_reported_rows_and_the_run_goes_on(tmp_path, jobs):
    good = json.dumps(GOOD)
    lines = [good,
             '{"person": {"age": ' + "9" * 5000 + "}}",                     # 2: integer of 5,000 digits
             '{"person": {"skills": ' + "[" * 400 + "]" * 400 + "}}",       # 3: 400 nested lists
             '{"id": NaN, "person": {"age": 30}}',                          # 4: NaN is not JSON
             '{"person": {"age": 30}, "person": {"age": 31}}',             # 5: duplicate key
             '{"person": {"age": 30}',                                      # 6: broken JSON
             good]
    path = jsonl(tmp_path / "cases.jsonl", lines)
    out = tmp_path / "out.jsonl"
    result = run("batch", path, "--output", out, "--jobs", jobs, "--lang", "en")
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.stderr
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["line"] for r in records] == [1, 2, 3, 4, 5, 6, 7]
    assert "recommendations" in records[0] and "recommendations" in records[6]
    errors = {r["line"]: " ".join(r["errors"]) for r in records if "errors" in r}
    assert "5000 digits" in errors[2]
    assert "nested deeper" in errors[3]
    assert "NaN" in errors[4]
    assert "duplicate key 'person'" in errors[5]
    assert set(errors) == {2, 3, 4, 5, 6}
    assert "7 cases: 2 advised, 5 invalid" in result.stderr


def test_output_that_is_the_input_is_refused_before_anything_is_truncated(tmp_path):
    path = jsonl(tmp_path / "cases.jsonl", [json.dumps(GOOD)])
    before = path.read_bytes()
    link = tmp_path / "hard.jsonl"
    os.link(path, link)
    for output in (path, tmp_path / "." / "cases.jsonl", link):
        result = run("batch", path, "--output", output)
        assert result.exit_code == 2, result.output
        assert "ist die Eingabedatei selbst" in result.output
        assert path.read_bytes() == before


def test_existing_output_becomes_owner_only(tmp_path):
    path = jsonl(tmp_path / "cases.jsonl", [json.dumps(GOOD)])
    out = tmp_path / "out.jsonl"
    out.write_text("old\n")
    out.chmod(0o644)
    assert run("batch", path, "--output", out).exit_code == 0
    assert out.stat().st_mode & 0o777 == 0o600
    assert "old" not in out.read_text()


def test_output_through_a_symbolic_link_is_refused(tmp_path):
    path = jsonl(tmp_path / "cases.jsonl", [json.dumps(GOOD)])
    target = tmp_path / "precious.txt"
    target.write_text("keep me\n")
    link = tmp_path / "out.jsonl"
    link.symlink_to(target)
    result = run("batch", path, "--output", link)
    assert result.exit_code == 2
    assert "ist ein symbolischer Link" in result.output
    assert target.read_text() == "keep me\n"


def test_csv_bom_long_cell_unclosed_quote_and_formulas(tmp_path):
    path = tmp_path / "cases.csv"
    rows = ["\ufeffid,age,degree",
            "=HYPERLINK(\"http://evil.example\"),40,none",
            "long," + "4" * 131_073 + ",none",
            "open,\"40,none",
            "@SUM(A1),41,none",
            "-2+3,42,german",
            "plain,43,none"]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    result = run("batch", path, "--format", "csv", "--lang", "en")
    assert result.exit_code == 0, result.output
    assert "unknown column" not in result.stderr
    table = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [row["line"] for row in table] == ["2", "3", "4", "5", "6", "7"]
    by_line = {row["line"]: row for row in table}
    assert by_line["2"]["id"] == "'=HYPERLINK(\"http://evil.example\")" and not by_line["2"]["errors"]
    assert by_line["5"]["id"] == "'@SUM(A1)" and by_line["6"]["id"] == "'-2+3"
    assert "longer than 131072 characters" in by_line["3"]["errors"]
    assert "quote left open" in by_line["4"]["errors"]
    assert by_line["7"]["id"] == "plain" and not by_line["7"]["errors"]   # not swallowed by the open quote
    assert not any(row[col].startswith(("=", "+", "-", "@")) for row in table for col in row)


def test_resume_skips_rows_already_in_the_output(tmp_path):
    documents = [dict(GOOD, id=f"c{n}") for n in range(1, 7)]
    path = jsonl(tmp_path / "cases.jsonl", [json.dumps(d) for d in documents])
    out = tmp_path / "out.jsonl"
    assert run("batch", path, "--output", out).exit_code == 0
    complete = out.read_text().splitlines()
    # as if killed while writing line 4: three whole lines and half of the fourth
    out.write_text("\n".join(complete[:3]) + "\n" + complete[3][:20])
    result = run("batch", path, "--output", out, "--resume")
    assert result.exit_code == 0, result.output
    assert "Zeilen bis 3" in result.stderr
    assert out.read_text().splitlines() == complete
    assert out.stat().st_mode & 0o777 == 0o600


def test_an_interrupted_resumed_run_counts_the_cases_it_added(tmp_path, monkeypatch):
    """The count after Ctrl-C is this run's, so a resumed run says 'weitere' (the file holds more)."""
    import nq_advisor.batch.run as batch_run

    real = batch_run.run_batch

    def interrupted_after_two(*args, **kwargs):
        for number, result in enumerate(real(*args, **kwargs), start=1):
            yield result
            if number == 2:
                raise KeyboardInterrupt

    documents = [dict(GOOD, id=f"c{n}") for n in range(1, 9)]
    path = jsonl(tmp_path / "cases.jsonl", [json.dumps(d) for d in documents])
    out = tmp_path / "out.jsonl"
    monkeypatch.setattr(batch_run, "run_batch", interrupted_after_two)  # imported by the command when it runs
    first = run("batch", path, "--output", out, "--jobs", "1")
    assert first.exit_code == 130 and "Abgebrochen nach 2 Fällen;" in first.stderr, first.output
    again = run("batch", path, "--output", out, "--jobs", "1", "--resume")
    assert again.exit_code == 130 and "Abgebrochen nach 2 weiteren Fällen;" in again.stderr, again.output
    assert len(out.read_text().splitlines()) == 4


def test_resume_of_a_csv_output_writes_no_second_header(tmp_path):
    path = jsonl(tmp_path / "cases.jsonl", [json.dumps(dict(GOOD, id=f"c{n}")) for n in range(1, 5)])
    out = tmp_path / "out.csv"
    assert run("batch", path, "--output", out, "--format", "csv").exit_code == 0
    complete = out.read_text().splitlines()
    out.write_text("\n".join(complete[:3]) + "\n")
    assert run("batch", path, "--output", out, "--format", "csv", "--resume").exit_code == 0
    assert out.read_text().splitlines() == complete


def test_resume_needs_an_output_file(tmp_path):
    path = jsonl(tmp_path / "cases.jsonl", [json.dumps(GOOD)])
    result = run("batch", path, "--resume")
    assert result.exit_code == 2 and "--output" in result.output


def test_ctrl_c_ends_cleanly_and_says_how_to_resume(tmp_path):
    path = jsonl(tmp_path / "cases.jsonl", [json.dumps(GOOD)] * 200_000)
    out = tmp_path / "out.jsonl"
    process = subprocess.Popen(
        [sys.executable, "-m", "nq_advisor", "batch", str(path), "--output", str(out), "--jobs", "2",
         "--kb", str(MINI_KB)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while (not out.exists() or out.stat().st_size < 10_000) and time.monotonic() < deadline:
        time.sleep(0.05)
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130, stderr
    assert "Traceback" not in stderr and "KeyboardInterrupt" not in stderr
    assert "--resume" in stderr
    lines = out.read_text().splitlines()
    assert all(json.loads(line)["line"] == number for number, line in enumerate(lines, start=1))
