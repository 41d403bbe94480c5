"""Advice as text for people: a table, JSON or YAML (the handout is nq_advisor.output.handout)."""
from __future__ import annotations

import json
import os
import textwrap

from nq_advisor.advice.result import KIND_ORDER, Advice
from nq_advisor.i18n import pick, t
from nq_advisor.advice.why_not import why_not
from nq_advisor.output.region_content import sector_offer
from nq_advisor.i18n import format_date

_HEAD = {
    "de": {"prio": "Prio", "title": "Empfehlung", "reason": "Begründung", "legal": "Rechtsgrundlage",
           "why_not": "Nicht empfohlen", "unmet": "Grund", "undecided": "Noch offen",
           "missing": "Zu klären", "warnings": "Hinweise", "done": "Erledigt", "not_needed": "Nicht nötig", "as_of": "Rechtsstand", "none": "keine Empfehlung",
           "subject": {"person": "Person", "region": "Region"}},
    "en": {"prio": "Prio", "title": "Recommendation", "reason": "Reason", "legal": "Legal basis",
           "why_not": "Not recommended", "unmet": "Reason", "undecided": "Still open",
           "missing": "To clarify", "warnings": "Notes", "done": "Done", "not_needed": "Not needed", "as_of": "Law as of", "none": "no recommendation",
           "subject": {"person": "Person", "region": "Region"}},
}


GAP = 2  # tabulate's "simple" format puts two spaces between columns
MIN_WRAPPED = 10  # a wrapped column is never narrower than this


def terminal_width() -> int:
    """``COLUMNS`` when set, else the terminal's width (80 when the output is not a terminal)."""
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    import shutil  # only when needed: it is slow to import
    return shutil.get_terminal_size((80, 24)).columns


HEAD_PADDING = 2  # tabulate makes a column at least its header plus two spaces wide


def _natural(cell) -> int:
    return max((len(line) for line in str(cell).split("\n")), default=0)


def column_widths(rows: list[list], headers: list[str], wrap: dict[int, int], width: int) -> list[int]:
    """Widths that fit ``width``: columns not in ``wrap`` keep their natural width; the columns in
    ``wrap`` (index -> weight) share the rest in proportion to their weights, none wider than it
    needs and none narrower than its longest word (so that no word is split); where the longest
    words do not all fit, the columns with most width per weight give way first (down to MIN_WRAPPED)."""
    natural = [max([len(h) + HEAD_PADDING] + [_natural(r[i]) for r in rows]) for i, h in enumerate(headers)]
    widths = list(natural)
    space = width - GAP * (len(headers) - 1) - sum(w for i, w in enumerate(natural) if i not in wrap)
    open_columns = [i for i in wrap if i < len(headers)]
    floor = {i: max(MIN_WRAPPED, min(natural[i], max([longest_word(h) + HEAD_PADDING for h in headers[i:i + 1]]
                                                     + [longest_word(r[i]) for r in rows])))
             for i in open_columns}
    while sum(floor.values()) > space and any(f > MIN_WRAPPED for f in floor.values()):
        # not every word fits whole: the column with the most floor per weight gives way first
        floor[max((i for i in floor if floor[i] > MIN_WRAPPED), key=lambda i: floor[i] / wrap[i])] -= 1
    # water-filling: columns whose longest word needs more than their share get that, columns that
    # need less than their share keep their width, the others share the rest
    while open_columns:
        total = sum(wrap[i] for i in open_columns)
        share = {i: space * wrap[i] // total for i in open_columns}
        # columns whose longest word needs more than their share first: then every column left keeps
        # room for its longest word (the floors fit the space, and shares only grow from here)
        settled = [i for i in open_columns if floor[i] > share[i]] or \
            [i for i in open_columns if natural[i] <= share[i]]
        if not settled:
            for i in open_columns:
                widths[i] = share[i]
            break
        for i in settled:
            widths[i] = min(natural[i], max(floor[i], share[i]))
            space -= widths[i]
            open_columns.remove(i)
    return widths


# where a word may break: after a hyphen or slash that follows a letter or digit ("Lager-/Logistik")
_BREAK_AFTER = "-/"


def _break_points(word: str) -> list[int]:
    return [i + 1 for i, char in enumerate(word[:-1]) if char in _BREAK_AFTER and i > 0 and word[i - 1].isalnum()]


def longest_word(text) -> int:
    """The longest piece of ``text`` that wrapping keeps whole (words, split after hyphens and slashes)."""
    longest = 0
    for word in str(text).split():
        start = 0
        for point in _break_points(word) + [len(word)]:
            longest = max(longest, point - start)
            start = point
    return longest


def wrap_words(text: str, width: int) -> list[str]:
    """Lines of at most ``width`` characters, broken between words or after a hyphen or slash; only a
    word longer than a whole line is split, with a hyphen at the split."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        while word:
            gap = 1 if line else 0
            room = width - len(line) - gap
            if len(word) <= room:
                line += " " * gap + word
                break
            fitting = [p for p in _break_points(word) if p <= room]
            if fitting:
                lines.append(line + " " * gap + word[:fitting[-1]])
                line, word = "", word[fitting[-1]:]
            elif line:
                lines.append(line)
                line = ""
            else:  # a word longer than the line: split it, marked by a hyphen
                cut = max(1, width - 1)
                lines.append(word[:cut] + ("-" if width > 1 else ""))
                word = word[cut:]
    if line:
        lines.append(line)
    return lines or [""]


def _wrap_cell(cell, width: int) -> str:
    lines = []
    for line in str(cell).split("\n"):
        lines += wrap_words(line, width)
    return "\n".join(lines)


def fit_table(rows: list[list], headers: list[str], wrap: dict[int, int], width: int | None = None) -> str:
    """A tabulate "simple" table no wider than ``width`` (default: the terminal), wrapping the cells of
    the columns in ``wrap`` (column index -> share of the room) to fit."""
    width = width or terminal_width()
    widths = column_widths(rows, headers, wrap, width)
    wrapped = [[_wrap_cell(cell, widths[i]) if i in wrap else cell for i, cell in enumerate(row)] for row in rows]
    heads = [_wrap_cell(h, max(1, widths[i] - HEAD_PADDING)) if i in wrap else h for i, h in enumerate(headers)]
    return _tabulate(wrapped, headers=heads, tablefmt="simple", disable_numparse=True)


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


def render(advice: Advice, fmt: str, titles: dict[str, str] | None = None, pretty: bool = True, kb=None) -> str:
    """table, json or yaml; the Markdown and HTML handout is nq_advisor.output.handout.

    ``pretty=False`` writes JSON on one line (for programs: the C encoder, several times faster).
    ``kb`` lets the table name a sector offer's occupations and routes.
    """
    if fmt == "json":
        return to_json(advice, pretty)
    if fmt == "yaml":
        import yaml  # only the formats that need a library import it (start-up time)

        return yaml.safe_dump(advice.to_dict(), allow_unicode=True, sort_keys=False, width=100)
    return to_table(advice, titles or {}, kb)


def to_json(advice: Advice, pretty: bool = True) -> str:
    """The contract JSON; indented for people, or one line (same content, same key order) for programs."""
    return json.dumps(advice.to_dict(), ensure_ascii=False, indent=2 if pretty else None) + "\n"


def _missing_text(missing: list[str], titles: dict[str, str]) -> str:
    return ", ".join(titles.get(m, m) for m in missing)


def open_by_ref(advice: Advice) -> list[tuple[str, list[str]]]:
    """(title, facts to clarify) per undecided ref: the facts any of its open rules needs, each once."""
    return [(title, missing) for title, missing, _ in _open_with_refs(advice)]


def why_not_by_ref(advice: Advice, kb=None, audience: str = "counsellor") -> list[tuple[str, list[str]]]:
    """(title, [one line]) per not-recommended item: the deciding reason and, where time closes the
    gap, when it will hold. The full list of reasons is in ``explain`` and the JSON."""
    if kb is None:
        return [(n.title, n.unmet[:1]) for n in advice.not_recommended]
    return [(w.title, [w.short]) for w in why_not(advice, kb, audience)]


def open_lines(advice: Advice, kb, titles: dict[str, str]) -> list[tuple[str, str]]:
    """(title, what to clarify) per undecided item; sector offers that wait only for the region's
    sectors are one line asking for them."""
    rows, sector_fields = [], set()
    for title, missing, ref in _open_with_refs(advice):
        item = kb.items.get(ref) if kb is not None else None
        if item is not None and item.get("sector") and all(m.startswith("sectors_") for m in missing):
            sector_fields.update(missing)
            continue
        rows.append((title, _missing_text(missing, titles)))
    if sector_fields:
        rows.append((t("open.sectors", advice.lang), _missing_text(sorted(sector_fields), titles)))
    return rows


def _tabulate(*args, **kwargs) -> str:
    """tabulate, imported only when a table is printed (it costs ~30 ms of start-up, JSON needs none of it)."""
    from tabulate import tabulate

    return tabulate(*args, **kwargs)


def _open_with_refs(advice: Advice) -> list[tuple[str, list[str], str]]:
    grouped: dict[str, tuple[str, list[str]]] = {}
    for u in advice.undecided:
        _, missing = grouped.setdefault(u.ref, (u.title, []))
        missing.extend(m for m in u.missing if m not in missing)
    return [(title, missing, ref) for ref, (title, missing) in grouped.items()]


def _reason(rec, advice: Advice, kb) -> str:
    """The rule's reason; a sector offer adds its occupations (with TQ) and the routes that suit them."""
    reason = rec.reasons[0] if rec.reasons else ""
    item = kb.items.get(rec.ref) if kb is not None else None
    if item is None or not item.get("sector"):
        return reason
    offer = sector_offer(item, kb, advice.lang)
    occupations = ", ".join(f"{o['title']} ({t('table.tq' if o['tq'] else 'table.no_tq', advice.lang)})"
                            for o in offer["occupations"])
    return f"{reason}\n{t('table.occupations', advice.lang, occupations=occupations)}\n" \
           f"{t('table.routes', advice.lang, routes=offer['routes'])}"


def to_table(advice: Advice, titles: dict[str, str], kb=None) -> str:
    head = _HEAD[advice.lang]
    lines = [f"{head['subject'][advice.subject]} – {head['as_of']}: {format_date(advice.as_of, advice.lang)}", ""]
    if not advice.recommendations:
        lines.append(f"({head['none']})")
    for kind in KIND_ORDER:
        rows = [[r.priority, r.title, _reason(r, advice, kb), "; ".join(r.legal_basis[:3])]
                for r in advice.recommendations if r.kind == kind]
        if rows:
            lines.append(t(f"kind.{kind}", advice.lang))
            lines.append(fit_table(rows, [head["prio"], head["title"], head["reason"], head["legal"]],
                                   wrap={2: 3, 1: 2, 3: 2}))
            lines.append("")
    if advice.done:
        lines.append(head["done"])
        lines.extend(wrap_text(f"✓ {d.title}") for d in advice.done)
        lines.append("")
    why_not_rows = why_not_by_ref(advice, kb)
    if why_not_rows:
        lines.append(head["not_needed" if advice.subject == "region" else "why_not"])
        rows = [[title, "\n".join(reasons)] for title, reasons in why_not_rows]
        lines.append(fit_table(rows, [head["title"], head["unmet"]], wrap={1: 2, 0: 1}))
        lines.append("")
    if advice.undecided:
        lines.append(head["undecided"])
        rows = [[title, missing] for title, missing in open_lines(advice, kb, titles)]
        lines.append(fit_table(rows, [head["title"], head["missing"]], wrap={1: 2, 0: 1}))
        lines.append("")
    if advice.warnings:
        lines.append(head["warnings"])
        lines.extend(wrap_text(f"- {w}") for w in advice.warnings)
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"
