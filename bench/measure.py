"""Measurements that need a whole process or an interview: cold start, interview steps, batch memory."""
from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

from cases import random_documents, random_value

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "person_lagerhelfer.yaml"
CLI = [sys.executable, "-m", "nq_advisor"]


def _timed_run(args: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL, cwd=ROOT)
    return time.perf_counter() - start


def cli_cold_start(runs: int) -> dict:
    """Whole-process time of `nq-advisor advise` on one case, and of `--help`."""
    advise = CLI + ["advise", str(EXAMPLE), "--format", "json", "--as-of", "2026-11-23"]
    _timed_run(advise)  # the first run fills the OS file cache
    times = [_timed_run(advise) for _ in range(runs)]
    helps = [_timed_run(CLI + ["--help"]) for _ in range(max(3, runs // 2))]
    return {"advise_median": statistics.median(times), "advise_max": max(times),
            "help_median": statistics.median(helps)}


def interview_steps(advisor, rng, as_of) -> dict:
    """Time from an answer to the next question, over complete interviews with random answers."""
    times: list[float] = []
    if hasattr(advisor, "interview"):
        how = "advisor.interview(): answer() + next_question()"
        for subject in ("person", "region"):
            fields = advisor.kb.fields[subject]
            for _ in range(15):
                session = advisor.interview(subject)
                question = session.next_question()
                while question is not None:
                    value = random_value(fields[question.id], rng)
                    start = time.perf_counter()
                    session.answer(question.id, value)
                    question = session.next_question()
                    times.append(time.perf_counter() - start)
    else:
        how = "no interview API yet: advise_facts + first field of Advice.undecided"
        for subject in ("person", "region"):
            fields = advisor.kb.fields[subject]
            for _ in range(15):
                facts: dict = {}
                question = _next_undecided(advisor.advise_facts(subject, facts, as_of), facts)
                while question is not None:
                    facts[question] = advisor.parse({subject: {question: random_value(fields[question], rng)}})[1][question]
                    start = time.perf_counter()
                    question = _next_undecided(advisor.advise_facts(subject, facts, as_of), facts)
                    times.append(time.perf_counter() - start)
    ordered = sorted(times) or [0.0]
    return {"how": how, "count": len(times), "median": statistics.median(ordered) * 1000,
            "p95": ordered[int(0.95 * (len(ordered) - 1))] * 1000, "max": ordered[-1] * 1000}


def _next_undecided(advice, facts) -> str | None:
    for entry in advice.undecided:
        for field in entry.missing:
            if field not in facts:
                return field
    return None


def peak_rss_of_batch(advisor, folder: Path, rows: int) -> list[tuple[int, float]]:
    """Peak resident memory (MB) of the batch command over a short and a long input (all cores)."""
    results = []
    for count in sorted({min(10000, rows), rows}):
        path = folder / f"cases_{count}.jsonl"
        with path.open("w", encoding="utf-8") as file:
            for document in random_documents(advisor.kb, count, seed=5):
                file.write(json.dumps(document) + "\n")
        probe = ("import resource, subprocess, sys; subprocess.run(sys.argv[1:], check=True, "
                 "stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL); "
                 "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
        out = subprocess.run([sys.executable, "-c", probe] + CLI + [
            "batch", str(path), "--as-of", "2026-11-23", "--output", str(folder / "out.jsonl")],
            check=True, capture_output=True, text=True, cwd=ROOT).stdout
        results.append((count, int(out.strip()) / 1024))
        path.unlink()
    return results
