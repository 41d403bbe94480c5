"""The measurements of bench/run.py; each returns a figure together with its reference from the same run."""
from __future__ import annotations

import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

from cases import random_documents, random_value

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "person_lagerhelfer.yaml"
CLI = [sys.executable, "-m", "nq_advisor"]
# the bare import of what `advise` needs (experta made importable as nq_advisor's compat module does)
IMPORT_REFERENCE = [sys.executable, "-c", "import collections, collections.abc; "
                    "collections.Mapping = collections.abc.Mapping; import experta, yaml, click"]


def _ms(seconds: float) -> float:
    return seconds * 1000.0


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]


def latency(advisor, subject: str, cases: list[dict], as_of, rounds: int) -> dict:
    """CPU time per case of advise_facts + to_dict, the experta run alone, and the closure floor, interleaved."""
    from nq_advisor.inference.evaluate import Evaluation

    kb, clock = advisor.kb, time.process_time
    rules = kb.rules_for(subject)
    engine = advisor._engine(subject)
    for facts in cases[:20]:  # warm up: engine instance, caches
        advisor.advise_facts(subject, facts, as_of).to_dict()
    advise, floor, run = [], [], []
    for _ in range(rounds):
        for facts in cases:
            start = clock()
            evaluation = Evaluation(kb, subject, facts, as_of)
            for rule in rules:
                evaluation.rule_truth(rule)
            floor.append(clock() - start)
            start = clock()
            advisor.advise_facts(subject, facts, as_of).to_dict()
            advise.append(clock() - start)
            start = clock()
            engine.run(facts, as_of)
            run.append(clock() - start)
    return {"median": _ms(statistics.median(advise)), "p95": _ms(_p95(advise)),
            "floor": _ms(statistics.median(floor)), "engine": _ms(statistics.median(run))}


def first_sight(advisor, subject: str, cases: list[dict], as_of) -> float:
    """Median CPU ms of advise + to_dict for cases each seen once by an advisor that has advised only
    one other case: the texts that ``advise`` keeps per knowledge base are mostly not there yet."""
    clock, times = time.process_time, []
    advisor.advise_facts(subject, {}, as_of).to_dict()  # the engine and the compiled conditions
    for facts in cases:
        start = clock()
        advisor.advise_facts(subject, facts, as_of).to_dict()
        times.append(clock() - start)
    return _ms(statistics.median(times))


def _child_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _run(args: list[str], env: dict) -> tuple[float, float]:
    """(CPU seconds, wall seconds) of one whole process."""
    cpu, start = _child_cpu(), time.perf_counter()
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL, cwd=ROOT, env=env)
    return _child_cpu() - cpu, time.perf_counter() - start


def cold_start(runs: int, cache_home: str) -> dict:
    """Start-up of `advise` (cache warm and --no-cache) and `--help`, interleaved with the import reference."""
    env = {**os.environ, "XDG_CACHE_HOME": cache_home}
    env.pop("NQ_ADVISOR_NO_CACHE", None)
    # measured as installed: with bytecode (pip compiles packages at install time; a checkout with
    # PYTHONDONTWRITEBYTECODE would compile every module of nq-advisor at every start)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "nq_advisor")], check=True, env=env,
                   stdout=subprocess.DEVNULL)
    advise = CLI + ["advise", str(EXAMPLE), "--format", "json", "--as-of", "2026-11-23"]
    _run(advise, env)  # fills the cache and the OS file cache
    _run(IMPORT_REFERENCE, env)
    times: dict[str, list] = {"ref": [], "warm": [], "nocache": [], "help": []}
    for index in range(runs):
        times["ref"].append(_run(IMPORT_REFERENCE, env))
        times["warm"].append(_run(advise, env))
        if index % 2 == 0:
            times["nocache"].append(_run(CLI + ["--no-cache"] + advise[len(CLI):], env))
            times["help"].append(_run(CLI + ["--help"], env))
    out = {}
    for name, pairs in times.items():
        out[name] = statistics.median(cpu for cpu, _ in pairs)
        out[f"{name}_wall"] = statistics.median(wall for _, wall in pairs)
    return out


def cache_load(runs: int) -> dict:
    """Advisor.load() from the (warm) cache, parsing the cache file alone, and loading from the files (ms, CPU)."""
    from nq_advisor import Advisor
    from nq_advisor.load import cache, loader

    clock = time.process_time
    Advisor.load()  # writes the cache
    root = loader.resolve_root(None)
    key = cache.key_of(loader._yaml_files(root, "knowledge") + loader._yaml_files(root, "rules"), root)
    path = cache.cache_dir() / f"{key}.json"
    loads, parses = [], []
    for _ in range(runs):
        start = clock()
        Advisor.load()
        loads.append(clock() - start)
        start = clock()
        json.loads(path.read_bytes())
        parses.append(clock() - start)
    start = clock()
    Advisor.load(cache=False)
    files = clock() - start
    return {"load": _ms(statistics.median(loads)), "parse": _ms(statistics.median(parses)), "files": _ms(files)}


def interview_steps(advisor, rng, as_of, sessions: int) -> dict:
    """CPU time from an answer to the next question over complete interviews with random answers."""
    from nq_advisor.inference.evaluate import Evaluation

    clock = time.process_time
    times: list[float] = []
    for subject in ("person", "region"):
        fields = advisor.kb.fields[subject]
        for _ in range(sessions):
            session = advisor.interview(subject, as_of=as_of)
            question = session.next_question()
            while question is not None:
                value = random_value(fields[question.id], rng)
                start = clock()
                session.answer(question.id, value)
                question = session.next_question()
                times.append(clock() - start)
    rules = advisor.kb.rules_for("person")
    floor = []
    for _ in range(200):
        start = clock()
        evaluation = Evaluation(advisor.kb, "person", {"age": 30}, as_of)
        for rule in rules:
            evaluation.rule_truth(rule)
        floor.append(clock() - start)
    return {"count": len(times), "median": _ms(statistics.median(times)), "p95": _ms(_p95(times)),
            "floor": _ms(statistics.median(floor))}


def _burn(n: int) -> int:
    total = 0
    for i in range(n):
        total += i
    return total


def _cpu_scaling(cores: int) -> float:
    """How much a plain CPU-bound Python loop speeds up on ``cores`` processes right now."""
    import multiprocessing

    work = [2_000_000] * (2 * cores)
    start = time.perf_counter()
    for n in work:
        _burn(n)
    one = time.perf_counter() - start
    with multiprocessing.Pool(cores) as pool:
        start = time.perf_counter()
        pool.map(_burn, work, chunksize=1)
        many = time.perf_counter() - start
    return one / many


def _throughput(advisor, text: str, count: int, jobs: int, as_of) -> float:
    import io

    from nq_advisor.batch.report import JsonLinesWriter
    from nq_advisor.batch.rows import read_jsonl
    from nq_advisor.batch.run import BatchSettings, run_batch

    settings = BatchSettings(None, as_of)
    with open(os.devnull, "w", encoding="utf-8") as sink:
        writer = JsonLinesWriter(sink)
        start = time.perf_counter()
        for result in run_batch(read_jsonl(io.StringIO(text)), settings, jobs, advisor=advisor):
            writer.write(result)
        return count / (time.perf_counter() - start)


def batch_scaling(advisor, count: int, cores: int, as_of) -> dict:
    """Batch cases/s on 1 and on all cores, and the CPU loop's scaling before and after (the mean)."""
    text = "".join(json.dumps(d) + "\n" for d in random_documents(advisor.kb, count, seed=11))
    cpu_before = _cpu_scaling(cores)
    one = _throughput(advisor, text, count, 1, as_of)
    many = _throughput(advisor, text, count, cores, as_of)
    cpu_after = _cpu_scaling(cores)
    return {"one": one, "many": many, "scaling": many / one, "cpu": (cpu_before + cpu_after) / 2}


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
