"""Batch runs as a Jobcenter or ministry uses them: many cases in, one advice per case out, in order."""
import csv
import datetime
import io
import json
import tracemalloc
from pathlib import Path

import pytest
from click.testing import CliRunner

from nq_advisor.batch.run import BatchSettings, run_batch
from nq_advisor.batch.report import JsonLinesWriter
from nq_advisor.batch.rows import Row, read_csv, read_jsonl
from nq_advisor.cli import main

MINI_KB = Path(__file__).parent / "fixtures" / "mini_kb"
AS_OF = datetime.date(2026, 11, 23)
EXAM_CASE = {"person": {"age": 40, "degree": "none", "experience": 70, "target": "lager"}}


def run(*args, input=None):
    return CliRunner().invoke(main, list(args), input=input)


def write_jsonl(path, documents):
    path.write_text("".join(json.dumps(d) + "\n" for d in documents), encoding="utf-8")
    return path


@pytest.fixture
def mixed_input(tmp_path):
    """Valid cases of both subjects around a blank line, a broken line and an invalid value."""
    lines = [json.dumps({"id": "p-1", **EXAM_CASE}),
             json.dumps({"region": {"network": False}}),
             "",
             "{not json",
             json.dumps({"person": {"age": 200}}),
             json.dumps({"id": "p-6", "person": {"age": 22, "degree": "none", "full_time": True}})]
    path = tmp_path / "cases.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_jsonl_gives_one_advice_per_case_in_input_order(mixed_input, jobs):
    result = run("batch", str(mixed_input), "--jobs", jobs, "--kb", str(MINI_KB), "--as-of", "2026-11-23")
    assert result.exit_code == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["line"] for r in records] == [1, 2, 4, 5, 6]
    assert [r["id"] for r in records] == ["p-1", 2, 4, 5, "p-6"]
    assert [r["ref"] for r in records[0]["recommendations"]][0] == "exam"
    assert records[1]["subject"] == "region"
    assert "errors" in records[2] and "errors" in records[3]
    assert records[4]["recommendations"]


def test_each_advice_equals_what_advise_prints_for_that_case(tmp_path):
    case = tmp_path / "case.json"
    case.write_text(json.dumps(EXAM_CASE), encoding="utf-8")
    single = json.loads(run("advise", str(case), "--format", "json", "--kb", str(MINI_KB),
                            "--as-of", "2026-11-23", "--lang", "en").stdout)
    batch = run("batch", str(write_jsonl(tmp_path / "in.jsonl", [EXAM_CASE])), "--kb", str(MINI_KB),
                "--as-of", "2026-11-23", "--lang", "en")
    record = json.loads(batch.stdout)
    assert (record.pop("id"), record.pop("line")) == (1, 1)
    assert record == single


def test_invalid_rows_are_reported_with_line_numbers_and_do_not_stop_the_run(mixed_input):
    result = run("batch", str(mixed_input), "--kb", str(MINI_KB), "--jobs", "1", "--lang", "en")
    assert result.exit_code == 0
    assert f"{mixed_input}:4: column 2: invalid JSON" in result.stderr
    assert f"{mixed_input}:5: person.age: value 200 not allowed" in result.stderr
    assert "5 cases: 3 advised, 2 invalid" in result.stderr


def test_strict_makes_invalid_rows_fail_the_run(mixed_input, tmp_path):
    result = run("batch", str(mixed_input), "--kb", str(MINI_KB), "--strict", "-o", str(tmp_path / "out.jsonl"))
    assert result.exit_code == 2
    assert len((tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()) == 5


def test_strict_passes_when_every_row_is_valid(tmp_path):
    path = write_jsonl(tmp_path / "in.jsonl", [EXAM_CASE] * 3)
    assert run("batch", str(path), "--kb", str(MINI_KB), "--strict").exit_code == 0


def test_empty_input_writes_nothing_and_succeeds(tmp_path):
    for name in ("empty.jsonl", "empty.csv"):
        path = tmp_path / name
        path.write_text("", encoding="utf-8")
        result = run("batch", str(path), "--kb", str(MINI_KB), "--strict", "--lang", "en")
        assert result.exit_code == 0, result.stderr
        assert result.stdout == ""
        assert "0 cases: 0 advised, 0 invalid" in result.stderr


def test_stdin_is_read_when_input_is_a_dash():
    result = run("batch", "-", "--kb", str(MINI_KB), input=json.dumps(EXAM_CASE) + "\n")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["subject"] == "person"


def test_csv_input_types_lists_booleans_and_unknown_cells(tmp_path):
    path = tmp_path / "cases.csv"
    path.write_text("id,age,degree,experience,target,full_time,skills\n"
                    "a,40,none,70,lager,,\n"
                    "b,22,none,,,true,reading;digital\n"
                    "c,abc,none,,,maybe,\n"
                    "d,30,nonee,,,,\n", encoding="utf-8")
    result = run("batch", str(path), "--kb", str(MINI_KB), "--jobs", "1", "--lang", "en")
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["id"] for r in records] == ["a", "b", "c", "d"]
    assert records[0]["recommendations"][0]["ref"] == "exam"
    assert "experience" in {m for u in records[1]["undecided"] for m in u["missing"]}  # empty cell = unknown
    assert f"{path}:4: person.age: value 'abc' not allowed; allowed: an integer" in result.stderr
    assert f"{path}:4: person.full_time: value 'maybe' not allowed; allowed: true or false" in result.stderr
    assert f"{path}:5: person.degree: value 'nonee' not allowed (did you mean 'none'?)" in result.stderr


def test_csv_subject_comes_from_a_column_or_the_option(tmp_path):
    mixed = tmp_path / "mixed.csv"
    mixed.write_text("subject,age,network\nperson,40,\nregion,,true\n", encoding="utf-8")
    records = [json.loads(line) for line in run("batch", str(mixed), "--kb", str(MINI_KB)).stdout.splitlines()]
    assert [r["subject"] for r in records] == ["person", "region"]
    only_shared = tmp_path / "ambiguous.csv"
    only_shared.write_text("id\nx\n", encoding="utf-8")
    result = run("batch", str(only_shared), "--kb", str(MINI_KB))
    assert result.exit_code == 2 and "--subject" in result.stderr
    result = run("batch", str(only_shared), "--kb", str(MINI_KB), "--subject", "region")
    assert json.loads(result.stdout)["subject"] == "region"


def test_csv_with_an_unknown_column_is_rejected_before_any_case(tmp_path):
    path = tmp_path / "cases.csv"
    path.write_text("id,agee\n1,40\n", encoding="utf-8")
    result = run("batch", str(path), "--kb", str(MINI_KB), "--lang", "en")
    assert result.exit_code == 2
    assert "CSV header: line 1: unknown column 'agee' (did you mean 'age'?)" in result.stderr
    assert result.stdout == ""


def test_csv_output_summarises_each_case(mixed_input):
    result = run("batch", str(mixed_input), "--kb", str(MINI_KB), "--format", "csv", "--as-of", "2026-11-23")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [r["id"] for r in rows] == ["p-1", "2", "4", "5", "p-6"]
    assert rows[0]["top_route"] == "exam"
    assert "premium" not in rows[0]["funding"]
    assert rows[3]["errors"].startswith(f"{mixed_input}:5:")
    assert rows[1]["subject"] == "region" and rows[1]["top_route"] == ""


def test_summary_counts_routes_and_instruments_over_the_input(tmp_path):
    path = write_jsonl(tmp_path / "in.jsonl", [EXAM_CASE] * 3 + [{"person": {"age": 30}}])
    result = run("batch", str(path), "--kb", str(MINI_KB), "--summary", "--lang", "en",
                 "-o", str(tmp_path / "out.jsonl"))
    assert result.exit_code == 0
    report = result.stdout
    assert "4 cases, 4 advised, 0 invalid" in report
    exam_line = next(line for line in report.splitlines() if line.startswith("Exam "))
    assert " 3 " in f" {exam_line} " and "75.0%" in exam_line
    assert "(exam)" not in report and "Qualification route" in exam_line  # titles and kinds in words, not ids


def test_the_reader_is_lazy():
    consumed = []

    def lines():
        for number in range(1, 100_001):
            consumed.append(number)
            yield json.dumps({"person": {"age": 30}}) + "\n"

    rows = read_jsonl(lines())
    first = [next(rows) for _ in range(5)]
    assert [r.line for r in first] == [1, 2, 3, 4, 5]
    assert len(consumed) == 5


def test_the_csv_reader_is_lazy(mini_advisor):
    consumed = []

    def lines():
        yield "age,degree\n"
        for number in range(100_000):
            consumed.append(number)
            yield "30,none\n"

    rows = read_csv(lines(), mini_advisor.kb)
    assert next(rows).document == {"person": {"age": 30, "degree": "none"}}
    assert len(consumed) == 1


@pytest.mark.parametrize("jobs", [1, 2])
def test_the_pipeline_reads_only_a_bounded_window_ahead(mini_advisor, jobs):
    pulled = []

    def rows():
        for number in range(1, 100_001):
            pulled.append(number)
            yield Row(number, number, {"region": {"network": True}})

    settings = BatchSettings(str(MINI_KB), AS_OF, with_json=False)
    results = run_batch(rows(), settings, jobs=jobs, chunk_size=10, advisor=mini_advisor)
    taken = [next(results).line for _ in range(30)]
    results.close()
    assert taken == list(range(1, 31))
    assert len(pulled) <= 30 + jobs * 4 * 10 + 10  # what was taken, the chunks in flight, one being filled


def test_ctrl_c_in_a_parallel_run_stops_between_chunks_and_restores_the_handler(mini_advisor):
    """Ctrl-C only sets a flag while the pool runs (an interrupt inside the pool's bookkeeping could
    leave terminate() waiting for ever); the run stops with KeyboardInterrupt at the next chunk, and
    the program's own Ctrl-C handling is back afterwards."""
    import os
    import signal

    rows = (Row(n, n, {"region": {"network": True}}) for n in range(1, 100_001))
    settings = BatchSettings(str(MINI_KB), AS_OF, with_json=False)
    results = run_batch(rows, settings, jobs=2, chunk_size=10, advisor=mini_advisor)
    taken = [next(results).line]
    os.kill(os.getpid(), signal.SIGINT)  # lands while the run is paused at a result: no exception here
    with pytest.raises(KeyboardInterrupt):
        for result in results:
            taken.append(result.line)
    assert taken == list(range(1, len(taken) + 1))  # every result before the stop, in order
    assert len(taken) <= 10  # it stopped within the chunk it was handing out
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


def test_memory_stays_flat_over_a_long_input(mini_advisor):
    """Peak traced memory of 2,000 cases is that of 400: nothing grows with the input."""
    settings = BatchSettings(str(MINI_KB), AS_OF)

    def peak(count: int) -> int:
        documents = (json.dumps({"id": n, "region": {"network": n % 2 == 0, "name": f"R{n}"}}) + "\n"
                     for n in range(count))
        sink = io.StringIO()
        writer = JsonLinesWriter(sink)
        tracemalloc.start()
        try:
            for result in run_batch(read_jsonl(documents), settings, jobs=1, advisor=mini_advisor):
                writer.write(result)
                sink.seek(0)
                sink.truncate()  # a file on disk would not stay in memory either
            return tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()

    peak(100)  # warm up: engine instance, caches
    short, long = peak(400), peak(2000)
    assert long < short + 200_000, (short, long)


# --- embedding: the Python API as docs/embedding.md describes it ------------------------------

def test_the_embedding_example_in_the_docs_runs(tmp_path):
    import re
    import subprocess
    import sys

    docs = (Path(__file__).resolve().parent.parent / "docs" / "embedding.md").read_text(encoding="utf-8")
    example = re.search(r"```python\n(.*?)```", docs, re.S).group(1)
    script = tmp_path / "example.py"
    script.write_text(example, encoding="utf-8")
    result = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "person ['externenpruefung'" in result.stdout
    assert "rejected: ['person.age: value 200 not allowed" in result.stdout
    assert "first question:" in result.stdout


def test_an_advisor_shared_between_threads_gives_the_same_advice(mini_advisor):
    from concurrent.futures import ThreadPoolExecutor

    documents = [{"person": {"age": age, "degree": "none", "experience": age, "target": "lager",
                             "full_time": age % 2 == 0}} for age in range(18, 78)]
    expected = [mini_advisor.advise(d, as_of=AS_OF).to_dict() for d in documents]
    with ThreadPoolExecutor(max_workers=4) as pool:
        for _ in range(3):
            assert list(pool.map(lambda d: mini_advisor.advise(d, as_of=AS_OF).to_dict(), documents)) == expected


def test_a_byte_that_is_not_utf8_is_a_reported_row_with_its_line(tmp_path):
    path = tmp_path / "cases.csv"
    path.write_bytes("id,age\n1,40\n2,\xe4\n3,50\n".encode("latin-1"))
    result = run("batch", str(path), "--kb", str(MINI_KB), "--strict")
    assert result.exit_code == 2
    assert f"{path}:3: kein UTF-8-Text (Byte 0xe4 in Spalte 3)" in result.stderr
    assert [json.loads(line)["line"] for line in result.stdout.splitlines()] == [2, 3, 4]
    assert "3 Fälle: 2 beraten, 1 ungültig" in result.stderr
    assert "Traceback" not in result.stderr


def test_output_file_is_readable_by_its_owner_only(tmp_path, mixed_input):
    out = tmp_path / "advice.jsonl"
    result = run("batch", str(mixed_input), "--output", str(out), "--jobs", "1", "--kb", str(MINI_KB),
                 "--as-of", AS_OF.isoformat())
    assert out.exists(), result.output
    assert out.stat().st_mode & 0o777 == 0o600
