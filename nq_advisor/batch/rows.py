"""Read batch input lazily, one case at a time: JSON Lines or CSV.

Rows are generated, never collected, so that a batch of any size runs in flat
memory.  A row that cannot be read becomes a :class:`Row` carrying its error
messages and line number; it does not stop the run.

CSV: one case per row, columns are fact fields of one subject, lists separated
by ``;``, an empty cell is unknown; cells are read as people type them (``ja``/``nein``,
``true``/``false``, ``32.000``, labels), like ``whatif --set`` and the interview.  The subject of a
row is its ``subject`` column if there is one, else ``--subject``, else the one
subject whose fields include every column.  An ``id`` column names the case.
A cell may not span lines: each physical line is one row.

Input arrives as bytes and is decoded line by line (:func:`decoded_lines`): a byte
that is not UTF-8, a line or cell over the limits of :mod:`nq_advisor.load.limits`,
or a quote left open is that row's error, reported with its line; the run goes on.
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from typing import IO, Iterable, Iterator

from nq_advisor.batch.texts import bt, csv_reason
from nq_advisor.errors import InputError, UsageError, did_you_mean, short_list
from nq_advisor.inference.facts import ValueRejected, read_value
from nq_advisor.load.inputs import parse_json
from nq_advisor.load.limits import MAX_CSV_CELL_CHARS, MAX_JSONL_LINE_BYTES
from nq_advisor.load.model import FieldDef, KnowledgeBase

RESERVED_COLUMNS = ("id", "subject")
FORMATS = ("jsonl", "csv")


@dataclass
class Row:
    """One input case: its line number, its id and a document, or the reasons it was rejected.

    JSON Lines rows arrive as ``text`` and are parsed by :func:`parsed` in the worker
    that advises on them, so that the reading process only reads lines.
    """

    line: int
    case_id: object
    document: dict | None = None
    errors: tuple[str, ...] = ()
    text: str | None = None


def detect_format(name: str, first_line: str) -> str:
    """``csv`` or ``jsonl`` from the file name, else from the first non-blank line."""
    lower = name.lower()
    if lower.endswith(".csv"):
        return "csv"
    if lower.endswith((".jsonl", ".ndjson", ".json")):
        return "jsonl"
    return "jsonl" if first_line.lstrip().startswith("{") else "csv"


class BadLine(str):
    """A physical line that cannot be used as text (not UTF-8, too long); ``problem`` says why.

    It is a (replacement) string so that readers taking plain text lines still work."""

    problem: str = ""


def decoded_lines(binary: IO[bytes], lang: str = "de") -> Iterator[str]:
    """The lines of a binary stream decoded one at a time, so that one bad byte is one bad row.

    A line that is not UTF-8 or longer than MAX_JSONL_LINE_BYTES becomes a :class:`BadLine`
    (an over-long line is skipped in bounded pieces, never held whole).  A UTF-8 byte order
    mark at the start is dropped (spreadsheet programs write one)."""
    number = 0
    while True:
        data = binary.readline(MAX_JSONL_LINE_BYTES + 1)
        if not data:
            return
        number += 1
        if number == 1 and data.startswith(b"\xef\xbb\xbf"):
            data = data[3:]
        if len(data) > MAX_JSONL_LINE_BYTES and not data.endswith(b"\n"):
            while data and not data.endswith(b"\n"):
                data = binary.readline(MAX_JSONL_LINE_BYTES + 1)
            yield _bad(bt("row.too_long", lang, limit=MAX_JSONL_LINE_BYTES))
            continue
        try:
            yield data.decode("utf-8")
        except UnicodeDecodeError as exc:
            yield _bad(bt("row.not_utf8", lang, byte=data[exc.start], column=exc.start + 1))


def _bad(problem: str) -> BadLine:
    line = BadLine("\n")
    line.problem = problem
    return line


def read_jsonl(stream: Iterable[str]) -> Iterator[Row]:
    """One JSON object per line: ``{"person": {...}}`` or ``{"region": {...}}``, optionally with ``"id"``."""
    for number, text in enumerate(stream, start=1):
        if isinstance(text, BadLine):
            yield Row(number, number, errors=(text.problem,))
        elif text.strip():
            yield Row(number, number, text=text)


# "line 1: " / "Zeile 1, " before a message about a one-line JSON text: the row's own line is named instead
_FIRST_LINE = re.compile(r"^(?:line|Zeile) 1(?:: |, )")


def parsed(row: Row, lang: str = "de") -> Row:
    """The row with its JSON text parsed into a document and an id (or into errors in ``lang``)."""
    if row.text is None:
        return row
    try:
        document = parse_json(row.text, "row", lang)
    except InputError as exc:
        return Row(row.line, row.line, errors=tuple(_FIRST_LINE.sub("", m) for m in exc.messages))
    if not isinstance(document, dict):
        return Row(row.line, row.line, errors=(bt("row.not_object", lang),))
    case_id = document.pop("id", row.line)
    return Row(row.line, case_id, document)


def read_csv(stream: Iterable[str], kb: KnowledgeBase, subject: str | None = None, lang: str = "de") -> Iterator[Row]:
    """Rows of a CSV file with a header of fact fields; see the module docstring.

    Each physical line is one row: facts never hold line breaks, so a quote left open is
    that row's error instead of swallowing the rows after it. Messages are in ``lang``."""
    lines = iter(stream)
    header_text = next(lines, None)
    if header_text is None:
        return
    if isinstance(header_text, BadLine):
        raise InputError([bt("header.line", lang, message=header_text.problem)], bt("header.source", lang))
    try:
        header = [h.strip() for h in _cells(header_text.lstrip("\ufeff"))]
    except csv.Error as exc:
        raise InputError([bt("header.line", lang, message=bt("header.bad_csv", lang, reason=csv_reason(exc, lang)))],
                         bt("header.source", lang)) from None
    default_subject = subject or _subject_from_header(header, kb, lang)
    for line, text in enumerate(lines, start=2):
        if isinstance(text, BadLine):
            yield Row(line, line, errors=(text.problem,))
            continue
        if not text.strip():
            continue
        try:
            cells = _cells(text)
        except csv.Error as exc:
            problem = (bt("row.long_cell", lang, limit=MAX_CSV_CELL_CHARS) if "field limit" in str(exc)
                       else bt("row.not_csv", lang, reason=csv_reason(exc, lang)))
            yield Row(line, line, errors=(problem,))
            continue
        if not any(cell.strip() for cell in cells):
            continue
        long_cells = [h for h, cell in zip(header, cells) if len(cell) > MAX_CSV_CELL_CHARS]
        if long_cells:
            yield Row(line, line, errors=(bt("row.long_cell_in", lang, limit=MAX_CSV_CELL_CHARS,
                                             column=long_cells[0]),))
            continue
        if len(cells) != len(header):
            yield Row(line, line, errors=(bt("row.cell_count", lang, cells=len(cells), columns=len(header)),))
            continue
        values = dict(zip(header, cells))
        case_id = values.get("id", "").strip() or line
        row_subject = values.get("subject", "").strip() or default_subject
        if row_subject not in kb.fields:
            yield Row(line, case_id, errors=(bt("row.unknown_subject", lang, subject=row_subject[:60],
                                                allowed=", ".join(sorted(kb.fields))),))
            continue
        facts, errors = _convert(values, kb.fields[row_subject], row_subject, lang, kb)
        yield Row(line, case_id, {row_subject: facts} if not errors else None, tuple(errors))


def _cells(text: str) -> list[str]:
    """The cells of one CSV line; csv.Error for a quote left open or a stray quote."""
    return next(csv.reader((text.rstrip("\r\n"),), strict=True), [])


def _subject_from_header(header: list[str], kb: KnowledgeBase, lang: str = "de") -> str | None:
    """The only subject whose fields include every column, None if a ``subject`` column decides.

    An unknown column is named with the closest known one and a short list (all of them:
    ``nq-advisor schema facts``)."""
    if "subject" in header:
        return None
    columns = [h for h in header if h not in RESERVED_COLUMNS]
    allowed = [*RESERVED_COLUMNS, *sorted({f for fields in kb.fields.values() for f in fields})]
    unknown = [h for h in columns if not any(h in fields for fields in kb.fields.values())]
    if unknown:
        messages = []
        for name in unknown[:SHOWN_UNKNOWN]:
            hint = did_you_mean(name, allowed, lang) or "; " + bt("header.allowed", lang, allowed=short_list(allowed, lang))
            messages.append(bt("header.unknown_column", lang, column=f"'{name[:60]}'", hint=hint))
        raise InputError([bt("header.line", lang, message=m) for m in messages], bt("header.source", lang))
    fitting = [s for s in sorted(kb.fields) if all(h in kb.fields[s] for h in columns)]
    if len(fitting) != 1:
        found = bt("header.several", lang, subjects=", ".join(fitting)) if fitting else bt("header.mixed", lang)
        raise UsageError(bt("header.no_subject", lang, found=found))
    return fitting[0]


SHOWN_UNKNOWN = 5  # unknown columns named one by one; a header of nothing but typos need not list them all


def _convert(values: dict[str, str], fields: dict[str, FieldDef], subject: str, lang: str = "de",
             kb: KnowledgeBase | None = None) -> tuple[dict, list[str]]:
    """Cells to fact values, read as people type them (as in ``whatif --set`` and the interview:
    ``ja``/``nein``, ``32.000``, labels, ``NRW``; lists separated by ``;``). The advisor validates
    the document again afterwards."""
    facts: dict = {}
    errors: list[str] = []
    for column, cell in values.items():
        cell = cell.strip()
        if column in RESERVED_COLUMNS or not cell:
            continue
        field = fields.get(column)
        if field is None:
            errors.append(bt("row.not_a_field", lang, subject=subject, column=column))
            continue
        try:
            value = read_value(field, cell, lang, typed=True, kb=kb)
        except ValueRejected as exc:
            errors.append(f"{subject}.{column}: {exc}")
            continue
        facts[column] = list(value) if isinstance(value, tuple) else value
    return facts, errors
