"""Read batch input lazily, one case at a time: JSON Lines or CSV.

Rows are generated, never collected, so that a batch of any size runs in flat
memory.  A row that cannot be read becomes a :class:`Row` carrying its error
messages and line number; it does not stop the run.

CSV: one case per row, columns are fact fields of one subject, lists separated
by ``;``, booleans ``true``/``false``, an empty cell is unknown.  The subject of a
row is its ``subject`` column if there is one, else ``--subject``, else the one
subject whose fields include every column.  An ``id`` column names the case.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass
from typing import IO, Iterator

from nq_advisor.errors import InputError, UsageError
from nq_advisor.load.inputs import parse_json
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


def read_jsonl(stream: IO[str]) -> Iterator[Row]:
    """One JSON object per line: ``{"person": {...}}`` or ``{"region": {...}}``, optionally with ``"id"``."""
    for number, text in enumerate(stream, start=1):
        if text.strip():
            yield Row(number, number, text=text)


def parsed(row: Row) -> Row:
    """The row with its JSON text parsed into a document and an id (or into errors)."""
    if row.text is None:
        return row
    try:
        document = parse_json(row.text, "row")
    except InputError as exc:
        return Row(row.line, row.line, errors=tuple(m.removeprefix("line 1: ") for m in exc.messages))
    if not isinstance(document, dict):
        return Row(row.line, row.line, errors=("expected a JSON object with 'person' or 'region'",))
    case_id = document.pop("id", row.line)
    return Row(row.line, case_id, document)


def read_csv(stream: IO[str], kb: KnowledgeBase, subject: str | None = None) -> Iterator[Row]:
    """Rows of a CSV file with a header of fact fields; see the module docstring."""
    reader = csv.reader(stream)
    header = next(reader, None)
    if header is None:
        return
    header = [h.strip() for h in header]
    default_subject = subject or _subject_from_header(header, kb)
    for cells in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) != len(header):
            yield Row(line, line, errors=(f"{len(cells)} cells, but the header has {len(header)} columns",))
            continue
        values = dict(zip(header, cells))
        case_id = values.get("id", "").strip() or line
        row_subject = values.get("subject", "").strip() or default_subject
        if row_subject not in kb.fields:
            yield Row(line, case_id, errors=(f"subject '{row_subject}' unknown; allowed: {', '.join(sorted(kb.fields))}",))
            continue
        facts, errors = _convert(values, kb.fields[row_subject], row_subject)
        yield Row(line, case_id, {row_subject: facts} if not errors else None, tuple(errors))


def _subject_from_header(header: list[str], kb: KnowledgeBase) -> str | None:
    """The only subject whose fields include every column, None if a ``subject`` column decides."""
    if "subject" in header:
        return None
    columns = [h for h in header if h not in RESERVED_COLUMNS]
    unknown = [h for h in columns if not any(h in fields for fields in kb.fields.values())]
    if unknown:
        allowed = sorted({f for fields in kb.fields.values() for f in fields})
        raise InputError([f"line 1: unknown column(s) {', '.join(unknown)}; allowed: id, subject, "
                          + ", ".join(allowed)], "CSV header")
    fitting = [s for s in sorted(kb.fields) if all(h in kb.fields[s] for h in columns)]
    if len(fitting) != 1:
        raise UsageError("CSV: cannot tell the subject from the columns "
                         f"({', '.join(fitting) or 'they mix subjects'}); use --subject or a 'subject' column")
    return fitting[0]


def _convert(values: dict[str, str], fields: dict[str, FieldDef], subject: str) -> tuple[dict, list[str]]:
    """Cells to typed values; the advisor validates ranges and allowed values afterwards."""
    facts: dict = {}
    errors: list[str] = []
    for column, cell in values.items():
        cell = cell.strip()
        if column in RESERVED_COLUMNS or not cell:
            continue
        field = fields.get(column)
        if field is None:
            errors.append(f"{subject}.{column}: not a field of {subject}")
            continue
        if field.type == "int":
            try:
                facts[column] = int(cell)
            except ValueError:
                errors.append(f"{subject}.{column}: '{cell}' is not an integer")
        elif field.type == "bool":
            if cell.lower() not in ("true", "false"):
                errors.append(f"{subject}.{column}: '{cell}' is not true or false")
            else:
                facts[column] = cell.lower() == "true"
        elif field.type == "list":
            facts[column] = [part.strip() for part in cell.split(";") if part.strip()]
        else:
            facts[column] = cell
    return facts, errors
