"""Benchmarks of nq-advisor: print figures, check them against the targets of issue 7, assert nothing.

    .venv/bin/python bench/run.py                        # everything, about 2-3 minutes on 2 cores
    .venv/bin/python bench/run.py --quick                # fewer cases, for a first look
    .venv/bin/python bench/run.py --memory-rows 100000   # memory over a 100,000-row batch

Sections: in-process advise latency (person, region) against the plain three-valued interpreter
on the same cases; CLI cold start; interview step; batch throughput with 1 and all cores; memory
of a long batch.  Cases are seeded random valid facts generated from the knowledge base's fields.
"""
from __future__ import annotations

import argparse
import datetime
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

from cases import random_documents, random_facts  # noqa: E402
from measure import cli_cold_start, interview_steps, peak_rss_of_batch  # noqa: E402

from nq_advisor import Advisor  # noqa: E402
from nq_advisor.inference.evaluate import Evaluation  # noqa: E402

AS_OF = datetime.date(2026, 11, 23)
TARGETS = {"median_ms": 5.0, "p95_ms": 15.0, "ratio": 10.0, "cold_s": 0.5, "interview_ms": 50.0, "scaling": 1.8}


def ms(seconds: float) -> float:
    return seconds * 1000.0


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def verdict(ok: bool) -> str:
    return "ok" if ok else "MISSED"


def machine() -> str:
    lines = [f"python {platform.python_version()} ({platform.python_implementation()}), "
             f"{platform.system()} {platform.release()}, {os.cpu_count()} cores"]
    try:
        cpu = subprocess.run(["lscpu"], capture_output=True, text=True, check=False).stdout
        lines += [line.strip() for line in cpu.splitlines() if line.startswith(("Model name", "CPU(s):"))]
    except OSError:
        pass
    return "; ".join(lines)


def latency(advisor: Advisor, subject: str, count: int, rng: random.Random) -> dict:
    """advise_facts per case versus the plain interpreter (Evaluation over all rules) on the same cases."""
    kb = advisor.kb
    rules = kb.rules_for(subject)
    cases = [random_facts(kb, subject, rng) for _ in range(count)]
    for facts in cases[:20]:  # warm up: engine instance, caches
        advisor.advise_facts(subject, facts, AS_OF)
    advise, engine, plain = [], [], []
    inference = advisor._engine(subject)
    for facts in cases:
        start = time.perf_counter()
        advisor.advise_facts(subject, facts, AS_OF)
        advise.append(time.perf_counter() - start)
        start = time.perf_counter()
        inference.run(facts, AS_OF)
        engine.append(time.perf_counter() - start)
        start = time.perf_counter()
        evaluation = Evaluation(kb, subject, facts, AS_OF)
        for rule in rules:
            evaluation.rule_truth(rule)
        plain.append(time.perf_counter() - start)
    return {"rules": len(rules), "median": ms(statistics.median(advise)), "p95": ms(pct(advise, 0.95)),
            "engine_median": ms(statistics.median(engine)), "plain_median": ms(statistics.median(plain)),
            "plain_p95": ms(pct(plain, 0.95))}


def batch_throughput(advisor: Advisor, count: int, jobs: int) -> float:
    """Cases per second through the batch pipeline (reader, workers, JSON Lines writer to /dev/null)."""
    import io
    import json

    from nq_advisor.batch.run import BatchSettings, run_batch
    from nq_advisor.batch.report import JsonLinesWriter
    from nq_advisor.batch.rows import read_jsonl

    text = "".join(json.dumps(d) + "\n" for d in random_documents(advisor.kb, count, seed=11))
    settings = BatchSettings(None, AS_OF)
    with open(os.devnull, "w", encoding="utf-8") as sink:
        writer = JsonLinesWriter(sink)
        start = time.perf_counter()
        for result in run_batch(read_jsonl(io.StringIO(text)), settings, jobs, advisor=advisor):
            writer.write(result)
        return count / (time.perf_counter() - start)


def _burn(n: int) -> int:
    total = 0
    for i in range(n):
        total += i
    return total


def cpu_scaling_reference(cores: int) -> float:
    """How much a plain CPU-bound Python loop speeds up on ``cores`` processes right now.

    On a shared or virtual machine other load caps what any batch can reach; this puts
    the batch scaling next to what the machine offered at the same moment.
    """
    import multiprocessing

    work = [3_000_000] * (2 * cores)
    start = time.perf_counter()
    for n in work:
        _burn(n)
    one = time.perf_counter() - start
    with multiprocessing.Pool(cores) as pool:
        start = time.perf_counter()
        pool.map(_burn, work, chunksize=1)
        many = time.perf_counter() - start
    return one / many


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer cases and runs")
    parser.add_argument("--memory-rows", type=int, default=None,
                        help="rows of the long batch (default 30000, to stay within 3 minutes; 100000 takes ~3 more)")
    args = parser.parse_args()
    n_latency, n_batch, n_cold = (200, 2000, 3) if args.quick else (1000, 10000, 10)
    memory_rows = args.memory_rows or (20000 if args.quick else 30000)
    cores = os.cpu_count() or 1

    print(f"machine: {machine()}")
    print(f"load average before: {os.getloadavg()[0]:.1f} (other processes on the machine skew every figure)")
    start = time.perf_counter()
    advisor = Advisor.load()
    print(f"load + compile the bundled knowledge base: {ms(time.perf_counter() - start):.0f} ms "
          f"({len(advisor.kb.rules)} rules, {len(advisor.kb.items)} items)")
    rng = random.Random(2026)
    checks = []

    print("\nin-process advise per case (advise_facts; engine = experta run only; plain = three-valued "
          "interpreter over all rules)")
    for subject in ("person", "region"):
        r = latency(advisor, subject, n_latency, rng)
        ratio = r["median"] / r["plain_median"]
        print(f"  {subject:7s} {r['rules']:4d} rules, {n_latency} cases: advise median {r['median']:.2f} ms, "
              f"p95 {r['p95']:.2f} ms | engine median {r['engine_median']:.2f} ms | plain median "
              f"{r['plain_median']:.3f} ms, p95 {r['plain_p95']:.3f} ms | advise/plain {ratio:.1f}x, "
              f"engine/plain {r['engine_median'] / r['plain_median']:.1f}x")
        checks.append((f"{subject} advise median <= 5 ms", r["median"] <= TARGETS["median_ms"]))
        checks.append((f"{subject} advise p95 <= 15 ms", r["p95"] <= TARGETS["p95_ms"]))
        checks.append((f"{subject} advise <= 10x plain interpreter", ratio <= TARGETS["ratio"]))

    cold = cli_cold_start(n_cold)
    print(f"\nCLI cold start, whole process, {n_cold} runs: advise one case median {cold['advise_median']:.3f} s, "
          f"max {cold['advise_max']:.3f} s | --help median {cold['help_median']:.3f} s")
    checks.append(("CLI cold start < 0.5 s", cold["advise_median"] < TARGETS["cold_s"]))

    steps = interview_steps(advisor, rng, AS_OF)
    print(f"\ninterview step ({steps['how']}), {steps['count']} steps: median {steps['median']:.2f} ms, "
          f"p95 {steps['p95']:.2f} ms, max {steps['max']:.2f} ms")
    checks.append(("interview step < 50 ms", steps["p95"] < TARGETS["interview_ms"]))

    print(f"\nbatch throughput, {n_batch} generated cases (half person, half region), JSON Lines out:")
    one = batch_throughput(advisor, n_batch, 1)
    print(f"  1 process:   {one:7.0f} cases/s")
    if cores > 1:
        many = batch_throughput(advisor, n_batch, cores)
        print(f"  {cores} processes: {many:7.0f} cases/s  (scaling {many / one:.2f}x; a plain CPU-bound "
              f"loop scaled {cpu_scaling_reference(cores):.2f}x on this machine at the same time)")
        checks.append((f"batch scaling 1 -> {cores} cores >= 1.8x", many / one >= TARGETS["scaling"]))

    with tempfile.TemporaryDirectory() as folder:
        memory = peak_rss_of_batch(advisor, Path(folder), memory_rows)
    print("\nmemory of `nq-advisor batch` (all cores), peak RSS of its largest process: "
          + ", ".join(f"{rows} rows {mb:.0f} MB" for rows, mb in memory))
    small, large = memory[0][1], memory[-1][1]
    checks.append((f"memory flat over {memory[-1][0]} rows (peak within 10 % of {memory[0][0]} rows)",
                   large <= small * 1.10))

    print("\ntargets:")
    for name, ok in checks:
        print(f"  {verdict(ok):6s} {name}")
    print(f"\nbench took {time.perf_counter() - start:.0f} s; load average after: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
