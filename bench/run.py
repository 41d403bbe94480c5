"""Benchmarks of nq-advisor: every figure beside a reference measured in the same run; asserts nothing.

    .venv/bin/python bench/run.py                        # everything, about 2-3 minutes on 2 cores
    .venv/bin/python bench/run.py --quick                # fewer rounds, for a first look
    .venv/bin/python bench/run.py --memory-rows 100000   # memory over a 100,000-row batch

Other processes on the machine change absolute times, so each figure is printed as a ratio to a
reference taken interleaved with it (CPU time, not wall time, where one process is measured):

* advise + to_dict per case (realistic cases: the bundled scenarios and examples) against the
  closure floor: the compiled three-valued conditions deciding every rule of the same case;
* CLI cold start (CPU time of the whole process) against a process that only imports experta,
  yaml and click; ``Advisor.load()`` from the cache against parsing the cache file alone;
* the interview step against the floor; batch throughput on all cores against a plain CPU loop
  on the same cores; batch memory over a short and a long input.

Targets (issue 17): person advise median <= 1.5 ms and <= 10x the floor, region <= 1.2 ms; cold
start <= 2.5x the import reference; Advisor.load() from cache < 30 ms; interview step < 1 ms;
batch on 2 processes >= 1.8x one process when the CPU loop scales >= 1.9x; memory flat.
"""
from __future__ import annotations

import argparse
import datetime
import os
import platform
import random
import shutil
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

from cases import realistic_cases  # noqa: E402
from measure import (batch_scaling, cache_load, cold_start, first_sight, interview_steps,  # noqa: E402
                     latency, peak_rss_of_batch)

from nq_advisor import Advisor  # noqa: E402

AS_OF = datetime.date(2026, 11, 23)


def verdict(ok: bool | None) -> str:
    return {True: "ok", False: "MISSED", None: "n/a"}[ok]


def machine() -> str:
    lines = [f"python {platform.python_version()} ({platform.python_implementation()}), "
             f"{platform.system()} {platform.release()}, {os.cpu_count()} cores"]
    try:
        cpu = subprocess.run(["lscpu"], capture_output=True, text=True, check=False).stdout
        lines += [line.split(":", 1)[1].strip() for line in cpu.splitlines() if line.startswith("Model name")]
    except OSError:
        pass
    return "; ".join(lines)


def load() -> str:
    return "/".join(f"{x:.1f}" for x in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer rounds and runs")
    parser.add_argument("--memory-rows", type=int, default=None,
                        help="rows of the long batch (default 30000; 100000 takes ~3 more minutes)")
    parser.add_argument("--skip", action="append", default=[], choices=["advise", "start", "interview", "batch",
                                                                          "memory"], help="leave a section out")
    args = parser.parse_args()
    rounds, n_cold, n_batch = (3, 6, 2000) if args.quick else (10, 16, 8000)
    memory_rows = args.memory_rows or (20000 if args.quick else 30000)
    cores = os.cpu_count() or 1
    begin = time.perf_counter()

    # the benchmark fills a cache of its own; the user's cache folder stays untouched
    cache_home = tempfile.mkdtemp(prefix="nq-advisor-bench-cache-")
    os.environ["XDG_CACHE_HOME"] = cache_home
    os.environ.pop("NQ_ADVISOR_NO_CACHE", None)
    print(f"machine: {machine()}")
    print(f"load average (1/5/15 min) before: {load()}")
    advisor = Advisor.load()
    print(f"knowledge base: {len(advisor.kb.items)} items, {len(advisor.kb.rules)} rules")
    checks = []

    if "advise" not in args.skip:
        print(f"\nadvise + to_dict per case, CPU time, realistic cases x {rounds} rounds, interleaved with the "
              "closure floor (all rules of the case decided by the compiled conditions):")
        for subject, target in (("person", 1.5), ("region", 1.2)):
            cases = realistic_cases(advisor, subject)
            r = latency(advisor, subject, cases, AS_OF, rounds)
            ratio = r["median"] / r["floor"]
            print(f"  {subject:7s} {len(cases):3d} cases: median {r['median']:.3f} ms, p95 {r['p95']:.3f} ms | "
                  f"floor {r['floor']:.3f} ms | {ratio:.1f}x floor | experta run alone {r['engine']:.3f} ms "
                  f"({r['engine'] / r['floor']:.1f}x)")
            checks.append((f"{subject} advise median <= {target} ms", r["median"] <= target))
            if subject == "person":
                checks.append(("person advise <= 10x closure floor", ratio <= 10))
        random_cases = realistic_cases(advisor, "person", random_count=300, seed=2026)
        r = latency(advisor, "person", random_cases, AS_OF, max(1, rounds // 3))
        print(f"  (random persons, 70 % of fields known: median {r['median']:.3f} ms, "
              f"{r['median'] / r['floor']:.1f}x floor)")
        first = first_sight(Advisor.load(), "person", realistic_cases(advisor, "person", random_count=300,
                                                                       seed=2027), AS_OF)
        print(f"  (first sight: 300 new random persons on a new advisor, whose worded conditions are not yet "
              f"kept: median {first:.3f} ms)")

    if "start" not in args.skip:
        cold = cold_start(n_cold, cache_home)
        print(f"\nstart-up, {n_cold} runs each, interleaved; CPU time of the whole process (wall in brackets):")
        print(f"  reference `import experta, yaml, click`: median {cold['ref']:.3f} s ({cold['ref_wall']:.3f} s)")
        print(f"  `advise FILE --format json`, cache warm:   median {cold['warm']:.3f} s ({cold['warm_wall']:.3f} s)"
              f" = {cold['warm'] / cold['ref']:.2f}x the reference")
        print(f"  the same with --no-cache:                  median {cold['nocache']:.3f} s "
              f"({cold['nocache_wall']:.3f} s) = {cold['nocache'] / cold['ref']:.2f}x")
        print(f"  `--help`:                                  median {cold['help']:.3f} s "
              f"= {cold['help'] / cold['ref']:.2f}x")
        checks.append(("cold start <= 2.5x import of experta, yaml, click", cold["warm"] / cold["ref"] <= 2.5))
        loaded = cache_load(10 if args.quick else 30)
        print(f"  Advisor.load() from the cache: median {loaded['load']:.1f} ms (parsing the cache file alone "
              f"{loaded['parse']:.1f} ms, {loaded['load'] / loaded['parse']:.1f}x); from the YAML files "
              f"{loaded['files']:.0f} ms")
        checks.append(("Advisor.load() from cache < 30 ms", loaded["load"] < 30))

    if "interview" not in args.skip:
        steps = interview_steps(advisor, random.Random(2026), AS_OF, 6 if args.quick else 20)
        print(f"\ninterview step (answer + next_question), {steps['count']} steps of random complete interviews: "
              f"median {steps['median']:.3f} ms, p95 {steps['p95']:.3f} ms ({steps['median'] / steps['floor']:.1f}x "
              f"the floor of a person case)")
        checks.append(("interview step median < 1 ms", steps["median"] < 1.0))

    if "batch" not in args.skip and cores > 1:
        b = batch_scaling(advisor, n_batch, cores, AS_OF)
        print(f"\nbatch, {n_batch} generated cases (half person, half region), JSON Lines to /dev/null, "
              f"interleaved with a plain CPU loop on the same cores:")
        print(f"  1 process {b['one']:.0f} cases/s, {cores} processes {b['many']:.0f} cases/s: "
              f"{b['scaling']:.2f}x | CPU loop {b['cpu']:.2f}x")
        fair = b["cpu"] >= 1.9
        checks.append((f"batch {cores} processes >= 1.8x one (when the CPU loop scales >= 1.9x; it scaled "
                       f"{b['cpu']:.2f}x)", b["scaling"] >= 1.8 if fair else None))

    if "memory" not in args.skip:
        with tempfile.TemporaryDirectory() as folder:
            memory = peak_rss_of_batch(advisor, Path(folder), memory_rows)
        print("\nmemory of `nq-advisor batch` (all cores), peak RSS of its largest process: "
              + ", ".join(f"{rows} rows {mb:.0f} MB" for rows, mb in memory))
        checks.append((f"memory flat over {memory[-1][0]} rows (peak within 10 % of {memory[0][0]} rows)",
                       memory[-1][1] <= memory[0][1] * 1.10))

    print("\ntargets:")
    for name, ok in checks:
        print(f"  {verdict(ok):6s} {name}")
    print(f"\nbench took {time.perf_counter() - begin:.0f} s; load average after: {load()}")
    shutil.rmtree(cache_home, ignore_errors=True)


if __name__ == "__main__":
    main()
