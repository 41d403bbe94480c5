"""Advise on many cases: a bounded, order-keeping pipeline over worker processes.

Rows come from a lazy reader (:mod:`nq_advisor.batch.rows`), are grouped into
chunks and sent to N worker processes; each worker builds its Advisor once (the
pool initializer) and returns compact :class:`CaseResult` records.  At most
``window`` chunks are in flight, so memory stays flat however long the input is
(``multiprocessing.Pool.imap`` would read the whole input ahead).  Results are
yielded in input order.  With one job everything runs in this process.

Ctrl-C during a parallel run only sets a flag, and the run stops at the next safe point
(between chunks, never inside the pool's own bookkeeping): an interrupt that lands while the
pool holds one of its locks could otherwise leave ``terminate()`` waiting for ever.
"""
from __future__ import annotations

import collections
import datetime
import itertools
import json
import math
import os
import signal
import threading
from dataclasses import dataclass
from typing import Iterable, Iterator

from nq_advisor.batch.rows import Row, parsed
from nq_advisor.batch.texts import bt
from nq_advisor.errors import InputError

CHUNK_SIZE = 50
CHUNKS_IN_FLIGHT_PER_JOB = 4


@dataclass
class CaseResult:
    """What the writers and the summary need from one case (small, cheap to send between processes)."""

    line: int
    case_id: object
    errors: tuple[str, ...] = ()
    subject: str = ""
    json_text: str = ""              # the contract JSON plus id and line, when asked for
    recommended: tuple = ()          # (ref, kind) in priority order
    undecided: tuple = ()            # refs still open
    open_questions: tuple = ()       # fact fields that would decide them, first-asked first

    @property
    def top_route(self) -> str:
        return next((ref for ref, kind in self.recommended if kind == "route"), "")

    @property
    def funding(self) -> list[str]:
        return [ref for ref, kind in self.recommended if kind == "funding"]


@dataclass(frozen=True)
class BatchSettings:
    kb_path: str | None
    as_of: datetime.date
    lang: str = "de"
    with_json: bool = True
    source: str = "input"


_worker: dict = {}
_advisors: dict = {}


def _start_worker(settings: BatchSettings) -> None:
    """Pool initializer: the worker's one Advisor (inherited already loaded when the pool forks)."""
    from nq_advisor.advisor import Advisor

    key = str(settings.kb_path)
    if key not in _advisors:
        _advisors[key] = Advisor.load(settings.kb_path)
    _worker["advisor"] = _advisors[key]
    _worker["settings"] = settings


def _start_pool_worker(settings: BatchSettings) -> None:
    """A pool worker ignores Ctrl-C: the main process alone handles it (no traceback per worker)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _start_worker(settings)


def advise_row(row: Row) -> CaseResult:
    """One row through the worker's Advisor; input errors become the result's errors.

    Anything else that goes wrong with one row is that row's error too: one case made to
    hurt must not end a run of thousands (nor, with --jobs, lose the whole output)."""
    try:
        return _advise_row(row)
    except Exception as exc:  # noqa: BLE001 - reported as the row's error, the run goes on
        settings = _worker["settings"]
        return CaseResult(row.line, _safe_id(row.case_id), _located(settings, row, (
            bt("row.crashed", settings.lang, error=f"{type(exc).__name__}: {str(exc)[:200]}"),)))


def _safe_id(case_id):
    """An id that JSON can hold: NaN or infinity (from a float id) become text."""
    if isinstance(case_id, float) and not math.isfinite(case_id):
        return str(case_id)
    return case_id


def _advise_row(row: Row) -> CaseResult:
    advisor, settings = _worker["advisor"], _worker["settings"]
    row = parsed(row, settings.lang)
    if row.errors:
        return CaseResult(row.line, row.case_id, _located(settings, row, row.errors))
    try:
        subject, facts = advisor.parse(row.document, settings.lang)
    except InputError as exc:
        return CaseResult(row.line, row.case_id, _located(settings, row, exc.messages))
    advice = advisor.advise_facts(subject, facts, settings.as_of, settings.lang)
    json_text = ""
    if settings.with_json:
        json_text = json.dumps({"id": _safe_id(row.case_id), "line": row.line, **advice.to_dict()},
                               ensure_ascii=False, allow_nan=False)
    questions: list[str] = []
    for entry in advice.undecided:
        questions.extend(f for f in entry.missing if f not in questions)
    return CaseResult(row.line, row.case_id, subject=subject, json_text=json_text,
                      recommended=tuple((r.ref, r.kind) for r in advice.recommendations),
                      undecided=tuple(dict.fromkeys(u.ref for u in advice.undecided)),
                      open_questions=tuple(questions))


def _located(settings: BatchSettings, row: Row, messages) -> tuple[str, ...]:
    return tuple(f"{settings.source}:{row.line}: {m}" for m in messages)


def _advise_chunk(rows: list[Row]) -> list[tuple]:
    """Results as plain tuples: they pickle several times faster than dataclass instances."""
    return [_as_tuple(advise_row(row)) for row in rows]


def _as_tuple(r: CaseResult) -> tuple:
    return (r.line, r.case_id, r.errors, r.subject, r.json_text, r.recommended, r.undecided, r.open_questions)


def _chunks(rows: Iterable[Row], size: int) -> Iterator[list[Row]]:
    iterator = iter(rows)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


def run_batch(rows: Iterable[Row], settings: BatchSettings, jobs: int | None = None,
              chunk_size: int = CHUNK_SIZE, advisor=None) -> Iterator[CaseResult]:
    """Advise on every row, yielding results in input order; reads at most a bounded window ahead.

    ``advisor``: an Advisor already loaded from ``settings.kb_path`` (saves loading it again).
    """
    jobs = jobs or os.cpu_count() or 1
    if advisor is not None:
        _advisors[str(settings.kb_path)] = advisor
    if jobs == 1:
        _start_worker(settings)
        for row in rows:
            yield advise_row(row)
        return
    import multiprocessing

    _start_worker(settings)  # load once here so that forked workers inherit the parsed knowledge base
    window = jobs * CHUNKS_IN_FLIGHT_PER_JOB
    with _interrupt_as_flag() as interrupted:
        with multiprocessing.Pool(jobs, initializer=_start_pool_worker, initargs=(settings,)) as pool:
            pending: collections.deque = collections.deque()
            for chunk in _chunks(rows, chunk_size):
                _stop_if(interrupted)
                pending.append(pool.apply_async(_advise_chunk, (chunk,)))
                if len(pending) >= window:
                    yield from (CaseResult(*t) for t in _result(pending.popleft(), interrupted))
            while pending:
                yield from (CaseResult(*t) for t in _result(pending.popleft(), interrupted))


class _interrupt_as_flag:
    """Within the block Ctrl-C sets the returned event instead of raising KeyboardInterrupt
    (only in the main thread, where Python handles signals; elsewhere the event stays unset)."""

    def __enter__(self) -> threading.Event:
        self.event, self.previous = threading.Event(), None
        if threading.current_thread() is threading.main_thread():
            self.previous = signal.signal(signal.SIGINT, lambda *_: self.event.set())
        return self.event

    def __exit__(self, *exc) -> None:
        if self.previous is not None:
            signal.signal(signal.SIGINT, self.previous)


def _stop_if(interrupted: threading.Event) -> None:
    if interrupted.is_set():
        raise KeyboardInterrupt


def _result(pending, interrupted: threading.Event) -> list:
    """The chunk's results, waiting in short steps so that Ctrl-C is noticed while a worker is busy."""
    while not pending.ready():
        _stop_if(interrupted)
        pending.wait(0.1)
    _stop_if(interrupted)
    return pending.get()
