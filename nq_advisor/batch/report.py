"""Write batch results (JSON Lines or a CSV summary) and count them for the aggregate report.

Every input case gets one output line, in input order, so that output and input
can be joined by line: a rejected case gets a record with its ``errors``.
"""
from __future__ import annotations

import collections
import csv
import json
import math
from typing import IO

from nq_advisor.batch.run import CaseResult
from nq_advisor.batch.texts import bt
from nq_advisor.i18n import format_percent, pick, t
from nq_advisor.load.model import KnowledgeBase

CSV_COLUMNS = ("id", "line", "subject", "top_route", "funding", "recommended", "open_questions", "errors")


class JsonLinesWriter:
    """One JSON object per case: the contract JSON plus ``id`` and ``line``, or ``id``, ``line``, ``errors``."""

    def __init__(self, stream: IO[str]):
        self.stream = stream

    def write(self, result: CaseResult) -> None:
        if result.errors:
            text = json.dumps({"id": _safe_id(result.case_id), "line": result.line, "errors": list(result.errors)},
                              ensure_ascii=False, allow_nan=False)
        else:
            text = result.json_text
        self.stream.write(text + "\n")


class CsvSummaryWriter:
    """One row per case: id, top route, funding refs, all recommended refs, open questions (``;``-separated)."""

    def __init__(self, stream: IO[str], header: bool = True):
        self.writer = csv.writer(stream, lineterminator="\n")
        if header:
            self.writer.writerow(CSV_COLUMNS)

    def write(self, result: CaseResult) -> None:
        self.writer.writerow([neutralised(cell) for cell in (
            result.case_id, result.line, result.subject, result.top_route,
            ";".join(result.funding), ";".join(ref for ref, _ in result.recommended),
            ";".join(result.open_questions), " | ".join(result.errors))])


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralised(cell):
    """A text cell that a spreadsheet would run as a formula (``=HYPERLINK(...)``, ``+``, ``-``, ``@``,
    tab, CR) gets a leading apostrophe, as OWASP advises against CSV injection; numbers stay numbers."""
    if isinstance(cell, str) and cell.startswith(FORMULA_STARTS):
        return "'" + cell
    return cell


def _safe_id(case_id):
    if isinstance(case_id, float) and not math.isfinite(case_id):
        return str(case_id)
    return case_id


WRITERS = {"jsonl": JsonLinesWriter, "csv": CsvSummaryWriter}


class Tally:
    """Counts over the whole input: cases, rejected rows, recommended refs, top routes, open questions."""

    def __init__(self):
        self.cases = 0
        self.invalid = 0
        self.subjects: collections.Counter = collections.Counter()
        self.recommended: collections.Counter = collections.Counter()
        self.kinds: dict[str, str] = {}
        self.top_routes: collections.Counter = collections.Counter()
        self.undecided: collections.Counter = collections.Counter()
        self.questions: collections.Counter = collections.Counter()

    def add(self, result: CaseResult) -> None:
        self.cases += 1
        if result.errors:
            self.invalid += 1
            return
        self.subjects[result.subject] += 1
        for ref, kind in result.recommended:
            self.recommended[ref] += 1
            self.kinds[ref] = kind
        self.top_routes[result.top_route or "-"] += 1
        self.undecided.update(result.undecided)
        self.questions.update(result.open_questions)

    @property
    def valid(self) -> int:
        return self.cases - self.invalid


def summary_text(tally: Tally, kb: KnowledgeBase, lang: str = "de", top: int = 10) -> str:
    """The aggregate report, e.g. for a region's caseload: how often each route and instrument applies."""
    from nq_advisor.output.table import fit_table  # only the report needs it

    def text(key: str) -> str:
        return bt(f"summary.{key}", lang)

    out = [bt("summary.one_case" if tally.cases == 1 else "summary.cases", lang, cases=tally.cases,
              valid=tally.valid, invalid=tally.invalid)]

    def title(ref: str) -> str:
        if ref == "-":
            return text("none")
        item = kb.items.get(ref)
        return item.title(lang) if item else ref

    def share(count: int) -> str:
        return format_percent(100 * count / tally.valid, lang) if tally.valid else "-"

    def table(heading: str, counter: collections.Counter, with_kind: bool = False, limit=None) -> None:
        if not counter:
            return
        rows = []
        for ref, count in sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]:
            row = [title(ref)]
            if with_kind:
                kind = tally.kinds.get(ref)
                row.append(t(f"kind.{kind}", lang) if kind else "")
            rows.append(row + [count, share(count)])
        headers = [text("ref")] + ([text("kind")] if with_kind else []) + [text("count"), text("share")]
        out.extend(["", heading, fit_table(rows, headers, wrap={0: 1})])

    table(text("recommended"), tally.recommended, with_kind=True)
    table(text("top_route"), tally.top_routes)
    table(text("undecided"), tally.undecided)
    fields = {name: f for fs in kb.fields.values() for name, f in fs.items()}
    questions = collections.Counter({f"{pick(fields[q].title, lang) if q in fields else q}": n
                                     for q, n in tally.questions.items()})
    if questions:
        rows = [[q, n, share(n)] for q, n in sorted(questions.items(), key=lambda kv: (-kv[1], kv[0]))[:top]]
        out.extend(["", text("questions"), fit_table(rows, [text("question"), text("count"), text("share")], wrap={0: 1})])
    return "\n".join(out) + "\n"
