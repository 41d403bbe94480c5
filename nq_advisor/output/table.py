"""Advice as text for people: a table, JSON or YAML (the handout is nq_advisor.output.handout)."""
from __future__ import annotations

import json
import os
import shutil
import textwrap

import yaml
from tabulate import tabulate

from nq_advisor.advice.result import KIND_ORDER, Advice
from nq_advisor.i18n import pick, t
from nq_advisor.advice.wording import format_date

_HEAD = {
    "de": {"prio": "Prio", "title": "Empfehlung", "reason": "Begründung", "legal": "Rechtsgrundlage",
           "why_not": "Nicht empfohlen", "unmet": "Nicht erfüllt", "undecided": "Noch offen",
           "missing": "Zu klären", "warnings": "Hinweise", "as_of": "Rechtsstand", "none": "keine Empfehlung",
           "subject": {"person": "Person", "region": "Region"}},
    "en": {"prio": "Prio", "title": "Recommendation", "reason": "Reason", "legal": "Legal basis",
           "why_not": "Not recommended", "unmet": "Not met", "undecided": "Still open",
           "missing": "To clarify", "warnings": "Notes", "as_of": "Law as of", "none": "no recommendation",
           "subject": {"person": "Person", "region": "Region"}},
}


GAP = 2  # tabulate's "simple" format puts two spaces between columns
MIN_WRAPPED = 10  # a wrapped column is never narrower than this


def terminal_width() -> int:
    """``COLUMNS`` when set, else the terminal's width (80 when the output is not a terminal)."""
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    return shutil.get_terminal_size((80, 24)).columns


HEAD_PADDING = 2  # tabulate makes a column at least its header plus two spaces wide


def _natural(cell) -> int:
    return max((len(line) for line in str(cell).split("\n")), default=0)


def column_widths(rows: list[list], headers: list[str], wrap: dict[int, int], width: int) -> list[int]:
    """Widths that fit ``width``: columns not in ``wrap`` keep their natural width; the columns in
    ``wrap`` (index -> weight) share the rest in proportion to their weights, none wider than it
    needs and none narrower than MIN_WRAPPED."""
    natural = [max([len(h) + HEAD_PADDING] + [_natural(r[i]) for r in rows]) for i, h in enumerate(headers)]
    widths = list(natural)
    space = width - GAP * (len(headers) - 1) - sum(w for i, w in enumerate(natural) if i not in wrap)
    open_columns = [i for i in wrap if i < len(headers)]
    # water-filling: columns that need less than their share keep their width, the others share the rest
    while open_columns:
        total = sum(wrap[i] for i in open_columns)
        share = {i: max(MIN_WRAPPED, space * wrap[i] // total) for i in open_columns}
        small = [i for i in open_columns if natural[i] <= share[i]]
        if not small:
            for i in open_columns:
                widths[i] = share[i]
            break
        for i in small:
            widths[i] = natural[i]
            space -= natural[i]
            open_columns.remove(i)
    return widths


def _wrap_cell(cell, width: int) -> str:
    lines = []
    for line in str(cell).split("\n"):
        lines += textwrap.wrap(line, width, break_on_hyphens=False) or [""]
    return "\n".join(lines)


def fit_table(rows: list[list], headers: list[str], wrap: dict[int, int], width: int | None = None) -> str:
    """A tabulate "simple" table no wider than ``width`` (default: the terminal), wrapping the cells of
    the columns in ``wrap`` (column index -> share of the room) to fit."""
    width = width or terminal_width()
    widths = column_widths(rows, headers, wrap, width)
    wrapped = [[_wrap_cell(cell, widths[i]) if i in wrap else cell for i, cell in enumerate(row)] for row in rows]
    heads = [_wrap_cell(h, max(1, widths[i] - HEAD_PADDING)) if i in wrap else h for i, h in enumerate(headers)]
    return tabulate(wrapped, headers=heads, tablefmt="simple", disable_numparse=True)


def wrap_text(text: str, width: int | None = None) -> str:
    """Free text wrapped to the terminal, each line keeping its indentation (and '- ' bullets hanging).
    Words longer than a line (URLs) stay whole."""
    width = width or terminal_width()
    out = []
    for line in text.split("\n"):
        if len(line) <= width:
            out.append(line)
            continue
        stripped = line.lstrip(" ")
        indent = " " * (len(line) - len(stripped))
        hang = indent + ("  " if stripped[:2] in ("- ", "✓ ", "✗ ", "? ", "→ ") else "  ")
        out.extend(textwrap.wrap(stripped, width, initial_indent=indent, subsequent_indent=hang,
                                 break_long_words=False, break_on_hyphens=False) or [line])
    return "\n".join(out)


def field_titles(kb, subject: str, lang: str) -> dict[str, str]:
    """Fact field ids to their titles in ``lang`` (for 'to clarify' lists)."""
    return {name: pick(f.title, lang) for name, f in kb.fields.get(subject, {}).items()}


def render(advice: Advice, fmt: str, titles: dict[str, str] | None = None) -> str:
    """table, json or yaml; the Markdown and HTML handout is nq_advisor.output.handout."""
    if fmt == "json":
        return to_json(advice)
    if fmt == "yaml":
        return yaml.safe_dump(advice.to_dict(), allow_unicode=True, sort_keys=False, width=100)
    return to_table(advice, titles or {})


def to_json(advice: Advice) -> str:
    return json.dumps(advice.to_dict(), ensure_ascii=False, indent=2) + "\n"


def _missing_text(missing: list[str], titles: dict[str, str]) -> str:
    return ", ".join(titles.get(m, m) for m in missing)


def open_by_ref(advice: Advice) -> list[tuple[str, list[str]]]:
    """(title, facts to clarify) per undecided ref: the facts any of its open rules needs, each once."""
    grouped: dict[str, tuple[str, list[str]]] = {}
    for u in advice.undecided:
        _, missing = grouped.setdefault(u.ref, (u.title, []))
        missing.extend(m for m in u.missing if m not in missing)
    return list(grouped.values())


_OR = {"de": "– oder –", "en": "– or –"}


def why_not_by_ref(advice: Advice) -> list[tuple[str, list[str]]]:
    """(title, lines) per not recommended ref: each rule's unmet conditions, the rules separated by
    'oder' (any one of them would have been enough), with the distances that time can close."""
    grouped: dict[str, tuple[str, list[list[str]]]] = {}
    for n in advice.not_recommended:
        _, alternatives = grouped.setdefault(n.ref, (n.title, []))
        lines = list(n.unmet) + [f"→ {d.text}" for d in n.distance if d.reachable_on is not None]
        if lines not in alternatives:
            alternatives.append(lines)
    result = []
    for title, alternatives in grouped.values():
        lines = list(alternatives[0])
        for alternative in alternatives[1:]:
            lines += [_OR[advice.lang]] + alternative
        result.append((title, lines))
    return result


def to_table(advice: Advice, titles: dict[str, str]) -> str:
    head = _HEAD[advice.lang]
    lines = [f"{head['subject'][advice.subject]} – {head['as_of']}: {format_date(advice.as_of, advice.lang)}", ""]
    if not advice.recommendations:
        lines.append(f"({head['none']})")
    for kind in KIND_ORDER:
        rows = [[r.priority, r.title, r.reasons[0] if r.reasons else "", "; ".join(r.legal_basis[:3])]
                for r in advice.recommendations if r.kind == kind]
        if rows:
            lines.append(t(f"kind.{kind}", advice.lang))
            lines.append(fit_table(rows, [head["prio"], head["title"], head["reason"], head["legal"]],
                                   wrap={2: 3, 1: 2, 3: 2}))
            lines.append("")
    if advice.not_recommended:
        lines.append(head["why_not"])
        rows = [[title, "\n".join(lines)] for title, lines in why_not_by_ref(advice)]
        lines.append(fit_table(rows, [head["title"], head["unmet"]], wrap={1: 2, 0: 1}))
        lines.append("")
    if advice.undecided:
        lines.append(head["undecided"])
        rows = [[title, _missing_text(missing, titles)] for title, missing in open_by_ref(advice)]
        lines.append(fit_table(rows, [head["title"], head["missing"]], wrap={1: 2, 0: 1}))
        lines.append("")
    if advice.warnings:
        lines.append(head["warnings"])
        lines.extend(wrap_text(f"- {w}") for w in advice.warnings)
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"
