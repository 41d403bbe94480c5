"""HTTP load and faults for ``nq-advisor serve``, on loopback only, bounded in clients and time.

    python bench/http_load.py [--clients 16] [--seconds 20]

Three phases against one real server process (``nq-advisor serve`` on a free loopback
port, a temporary data folder):

1. advise: ``--clients`` threads POST /api/advise with seeded random cases (keep-alive
   connections) for a third of ``--seconds``: requests/s, p50/p99 latency, errors.
   In the same run, in-process ``Advisor.advise`` on the same cases (one thread: the server
   is one Python process too) gives the reference throughput.
2. interviews: whole interviews (create, answer or skip every question, advice) for a third.
3. faults: the same interviews; halfway the server is killed with SIGKILL and restarted on the
   same data folder. Every answer the server acknowledged (200) is checked afterwards: answers
   lost must be 0. Requests that fail while the server is down are retried and counted apart.

Targets (issue 15, 2-core machine): 0 errors, p99 of advise < 50 ms with 16 clients, HTTP
throughput >= half of in-process advise throughput.
"""
from __future__ import annotations

import argparse
import datetime
import http.client
import json
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from cases import random_facts, random_value  # noqa: E402

from nq_advisor import Advisor  # noqa: E402

AS_OF = "2026-11-23"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """``nq-advisor serve`` as a child process on 127.0.0.1."""

    def __init__(self, data_dir: Path, port: int, threads: int, workers: int):
        self.data_dir, self.port, self.threads, self.workers = data_dir, port, threads, workers
        self.process = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "nq_advisor", "serve", "--port", str(self.port), "--data", str(self.data_dir),
             "--threads", str(self.threads), "--workers", str(self.workers)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit("the server stopped at start")
            try:
                status, _ = Client(self.port).request("GET", "/api/health")
                if status == 200:
                    return
            except OSError:
                time.sleep(0.05)
        raise SystemExit("the server did not start within 60 s")

    def kill9(self) -> None:
        """SIGKILL to the server and its worker processes at once."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.kill9()


class Client:
    """One keep-alive connection; reconnects after a failure."""

    def __init__(self, port: int):
        self.port = port
        self.conn = None

    def request(self, method: str, path: str, body=None):
        if self.conn is None:
            self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        data = None if body is None else json.dumps(body).encode()
        headers = {"Content-Type": "application/json"} if body is not None else {}
        try:
            self.conn.request(method, path, body=data, headers=headers)
            response = self.conn.getresponse()
            return response.status, response.read()
        except (OSError, http.client.HTTPException):
            self.conn.close()
            self.conn = None
            raise


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else float("nan")


def run_threads(count: int, seconds: float, work) -> tuple[list, float]:
    """Run ``work(index, stop_at, results)`` in ``count`` threads; results and the wall time."""
    results: list = []
    lock = threading.Lock()
    stop_at = time.monotonic() + seconds

    def runner(index):
        local: list = []
        work(index, stop_at, local)
        with lock:
            results.extend(local)

    threads = [threading.Thread(target=runner, args=(i,)) for i in range(count)]
    start = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, time.monotonic() - start


def advise_phase(port: int, cases: list, clients: int, seconds: float) -> dict:
    def work(index, stop_at, out):
        client, rng = Client(port), random.Random(index)
        while time.monotonic() < stop_at:
            case = rng.choice(cases)
            started = time.perf_counter()
            try:
                status, _ = client.request("POST", f"/api/advise?as_of={AS_OF}", case)
            except OSError:
                status = 0
            out.append((time.perf_counter() - started, status))
    results, wall = run_threads(clients, seconds, work)
    latencies = [t for t, status in results if status == 200]
    return {"requests": len(results), "per_s": len(results) / wall, "errors": sum(s != 200 for _, s in results),
            "p50_ms": pct(latencies, 0.5) * 1000, "p99_ms": pct(latencies, 0.99) * 1000}


def in_process_throughput(advisor: Advisor, cases: list, seconds: float) -> float:
    as_of = datetime.date.fromisoformat(AS_OF)
    for case in cases[:20]:
        advisor.advise(case, as_of=as_of)  # compile the engines
    count, stop_at, start = 0, time.monotonic() + seconds, time.monotonic()
    while time.monotonic() < stop_at:
        advisor.advise(cases[count % len(cases)], as_of=as_of)
        count += 1
    return count / (time.monotonic() - start)


class Interviews:
    """Clients doing whole interviews; every acknowledged answer is remembered for the loss check."""

    def __init__(self, port: int, kb, retry_until_up: bool):
        self.port, self.kb, self.retry = port, kb, retry_until_up
        self.acknowledged: dict[str, dict] = {}
        self.lock = threading.Lock()

    def call(self, client, method, path, body=None, out=None):
        while True:
            started = time.perf_counter()
            try:
                status, raw = client.request(method, path, body)
            except OSError:
                if not self.retry:
                    out.append((time.perf_counter() - started, 0, "step"))
                    raise
                out.append((time.perf_counter() - started, -1, "down"))
                time.sleep(0.05)
                continue
            out.append((time.perf_counter() - started, status, "step"))
            return status, raw

    def work(self, index, stop_at, out):
        client, rng = Client(self.port), random.Random(1000 + index)
        while time.monotonic() < stop_at:
            subject = "person" if rng.random() < 0.7 else "region"
            known = random_facts(self.kb, subject, rng, known=0.8)
            try:
                status, raw = self.call(client, "POST", "/api/interviews", {"subject": subject, "as_of": AS_OF}, out)
                if status != 201:
                    continue
                state = json.loads(raw)
                session_id = state["id"]
                with self.lock:
                    self.acknowledged[session_id] = {}
                while state["question"] is not None and time.monotonic() < stop_at:
                    field = state["question"]["field"]
                    if field in known:
                        status, raw = self.call(client, "POST", f"/api/interviews/{session_id}/answers",
                                                {"field": field, "value": known[field]}, out)
                        if status == 200:
                            with self.lock:
                                self.acknowledged[session_id][field] = known[field]
                    else:
                        status, raw = self.call(client, "POST", f"/api/interviews/{session_id}/skips",
                                                {"field": field}, out)
                    if status != 200:
                        break
                    state = json.loads(raw)
                    if rng.random() < 0.1 and self.acknowledged[session_id]:  # revise an earlier answer
                        name = rng.choice(sorted(self.acknowledged[session_id]))
                        value = random_value(self.kb.fields[subject][name], rng)
                        status, raw = self.call(client, "POST", f"/api/interviews/{session_id}/answers",
                                                {"field": name, "value": value}, out)
                        if status == 200:
                            with self.lock:
                                self.acknowledged[session_id][name] = value
                            state = json.loads(raw)
                if state["question"] is None:
                    self.call(client, "GET", f"/api/interviews/{session_id}/advice", None, out)
            except OSError:
                continue

    def lost_answers(self) -> tuple[int, int]:
        """(answers acknowledged, answers not found with their acknowledged value) after everything."""
        client, lost, total = Client(self.port), 0, 0
        for session_id, answers in self.acknowledged.items():
            total += len(answers)
            status, raw = client.request("GET", f"/api/interviews/{session_id}")
            stored = json.loads(raw)["answers"] if status == 200 else {}
            lost += sum(1 for name, value in answers.items() if stored.get(name) != value)
        return total, lost


def summary(results) -> dict:
    steps = [(t, s) for t, s, kind in results if kind == "step"]
    ok = [t for t, s in steps if 200 <= s < 300]
    return {"requests": len(steps), "errors": sum(not 200 <= s < 300 for _, s in steps),
            "down": sum(kind == "down" for _, _, kind in results),
            "p50_ms": pct(ok, 0.5) * 1000, "p99_ms": pct(ok, 0.99) * 1000}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--threads", type=int, default=8, help="server threads per process")
    parser.add_argument("--workers", type=int, default=min(os.cpu_count() or 1, 4), help="server processes")
    args = parser.parse_args()
    clients = max(1, min(args.clients, 64))
    seconds = max(3.0, min(args.seconds, 300.0))
    load_before = os.getloadavg()[0]
    advisor = Advisor.load()
    rng = random.Random(7)
    cases = [{s: random_facts(advisor.kb, s, rng)} for s in ["person", "region"] * 100]
    with tempfile.TemporaryDirectory() as tmp:
        server = Server(Path(tmp) / "data", free_port(), args.threads, args.workers)
        server.start()
        try:
            advise_phase(server.port, cases, clients, 2.0)  # warm up: every worker thread compiles its engines
            advise = advise_phase(server.port, cases, clients, seconds / 3)
            local = in_process_throughput(advisor, cases, min(5.0, seconds / 3))
            steady = Interviews(server.port, advisor.kb, retry_until_up=False)
            results, wall = run_threads(clients, seconds / 3, steady.work)
            interviews = summary(results)
            interviews["per_s"] = interviews["requests"] / wall
            faults = Interviews(server.port, advisor.kb, retry_until_up=True)

            def killer():
                time.sleep(seconds / 6)
                server.kill9()
                server.start()

            chaos = threading.Thread(target=killer)
            chaos.start()
            results, _ = run_threads(clients, seconds / 3, faults.work)
            chaos.join()
            fault = summary(results)
            answered, lost = faults.lost_answers()
            steady_answered, steady_lost = steady.lost_answers()
        finally:
            server.stop()
    ratio = advise["per_s"] / local
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}; {clients} clients, "
          f"server: {args.workers} process(es) x {args.threads} threads, {seconds:.0f} s; load average before: "
          f"{load_before:.1f}")
    print(f"advise over HTTP: {advise['per_s']:.0f} req/s, p50 {advise['p50_ms']:.1f} ms, "
          f"p99 {advise['p99_ms']:.1f} ms, errors {advise['errors']} of {advise['requests']}")
    print(f"advise in-process (1 thread, same cases): {local:.0f} /s; HTTP / in-process = {ratio:.2f}")
    print(f"interviews: {interviews['per_s']:.0f} req/s, p50 {interviews['p50_ms']:.1f} ms, "
          f"p99 {interviews['p99_ms']:.1f} ms, errors {interviews['errors']} of {interviews['requests']}")
    print(f"kill -9 and restart during interviews: {fault['requests']} requests, errors {fault['errors']}, "
          f"{fault['down']} retries while down; answers acknowledged {answered + steady_answered}, "
          f"lost {lost + steady_lost}")
    ok = (advise["errors"] == 0 and interviews["errors"] == 0 and fault["errors"] == 0 and advise["p99_ms"] < 50
          and ratio >= 0.5 and lost + steady_lost == 0)
    print(f"targets (0 errors, p99 advise < 50 ms, HTTP >= 0.5 x in-process, 0 answers lost): "
          f"{'met' if ok else 'NOT met'}")


if __name__ == "__main__":
    main()
