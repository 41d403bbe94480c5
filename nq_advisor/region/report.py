"""``region report``: the progress report of a region's history, as Markdown or self-contained HTML.

Each snapshot is evaluated with the law of its own date. The chart shows the number of strategy
steps done per snapshot: in Markdown as a text bar chart plus a Mermaid ``xychart-beta``, in
HTML as an inline SVG. The report ends with the next steps (actions, partners and their role,
when a step counts as done) and the network picture of the latest snapshot.
"""
from __future__ import annotations

import html

from nq_advisor.advice.why_not import wording_for
from nq_advisor.i18n import format_date
from nq_advisor.output.handout import handout_texts as _handout_texts
from nq_advisor.output.markup import Md, render_html, render_markdown, trusted_svg
from nq_advisor.output.region_content import region_entry
from nq_advisor.region.diagram import build_picture, legend, to_mermaid, to_svg
from nq_advisor.region.history import History
from nq_advisor.region.progress import SnapshotProgress, evaluate_snapshot, strategy_steps, unknown_steps
from nq_advisor.region.texts import tr

_SYMBOL = {"done": "✓", "open": "✗", "flawed": "!", "unknown": "?", "idle": "–"}


def evaluate_history(advisor, history: History, lang: str) -> list[SnapshotProgress]:
    return [evaluate_snapshot(advisor, s.date, s.facts, lang) for s in history.snapshots]


def _name(progress: list[SnapshotProgress]) -> str:
    return str(progress[-1].facts.get("name") or "")


def _bar(done: int, total: int, width: int = 26) -> str:
    filled = round(width * done / total) if total else 0
    return "█" * filled + "░" * (width - filled)


def chart_svg(progress: list[SnapshotProgress], total: int, lang: str) -> str:
    """A bar chart of steps done per snapshot, with the open count as a lighter stacked bar."""
    width, height, left, bottom, top = 720, 300, 50, 50, 30
    plot_h = height - bottom - top
    slot = (width - left - 20) / max(len(progress), 1)
    bar_w = min(80, slot * 0.6)
    parts = [f'<line x1="{left}" y1="{height - bottom}" x2="{width - 10}" y2="{height - bottom}" stroke="#333"/>',
             f'<line x1="{left}" y1="{top}" x2="{left}" y2="{height - bottom}" stroke="#333"/>']
    for tick in range(0, total + 1, max(1, total // 4) if total else 1):
        y = height - bottom - plot_h * tick / total
        parts.append(f'<text x="{left - 8}" y="{y + 4}" text-anchor="end" font-size="11">{tick}</text>'
                     f'<line x1="{left}" y1="{y}" x2="{width - 10}" y2="{y}" stroke="#eee"/>')
    for index, p in enumerate(progress):
        x = left + slot * index + (slot - bar_w) / 2
        h = plot_h * p.done / total if total else 0
        parts.append(f'<rect class="done" x="{x}" y="{height - bottom - h}" width="{bar_w}" height="{h}" fill="#2e7d32">'
                     f'<title>{format_date(p.date, lang)}: {p.done}/{total}</title></rect>')
        parts.append(f'<text x="{x + bar_w / 2}" y="{height - bottom - h - 6}" text-anchor="middle" font-size="13" '
                     f'font-weight="bold">{p.done}</text>')
        parts.append(f'<text x="{x + bar_w / 2}" y="{height - bottom + 18}" text-anchor="middle" font-size="12">'
                     f'{format_date(p.date, lang)}</text>')
    title = html.escape(tr("report.chart", lang, total=total))
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
            f'font-family="Helvetica, Arial, sans-serif" role="img" aria-label="{title}">'
            f'<rect width="{width}" height="{height}" fill="white"/>' + "".join(parts) + "</svg>")


def _context(advisor, history: History, lang: str, markdown: bool) -> dict:
    progress = evaluate_history(advisor, history, lang)
    steps = strategy_steps(advisor.kb)
    total = len(steps)
    latest = progress[-1]
    name = _name(progress)
    advice = latest.advice
    wording = wording_for(advice, advisor.kb, "client")
    dates = [format_date(p.date, lang) for p in progress]
    rows = [{"title": step.title(lang),
             "cells": [{"status": p.states[i].status, "symbol": _SYMBOL[p.states[i].status],
                        "text": tr("status." + p.states[i].status, lang)} for p in progress]}
            for i, step in enumerate(steps)]
    picture = build_picture(advisor.kb, latest.facts, lang)
    return {
        "lang": lang, "title": tr("report.title", lang), "subtitle": name, "date_line": "", "disclaimer": "",
        "snapshots": tr("report.snapshots", lang) + f": {len(progress)} ({', '.join(dates)})",
        "chart_title": tr("report.chart", lang, total=total),
        "history": [{"date": d, "done": p.done, "open": sum(1 for s in p.states if s.status in ("open", "flawed")),
                     "bar": Md("`" + _bar(p.done, total) + "`")} for d, p in zip(dates, progress)],
        "matrix_title": tr("report.matrix", lang), "dates": dates, "rows": rows,
        "head": {k: tr(f"head.{k}", lang) for k in ("date", "done", "open", "step")},
        "next_title": tr("report.next", lang, date=format_date(latest.date, lang)),
        "next": [region_entry(n, rec, advice, advisor.kb, wording)
                 for n, rec in enumerate(advice.recommendations, 1)],
        "all_done": tr("track.all_done", lang) if not advice.recommendations
        and not any(s.status == "unknown" for s in latest.states) else "",
        "done_title": tr("report.done", lang), "done": [d.title for d in advice.done],
        "unknown_title": tr("report.unknown", lang),
        "unknown": [{"title": title, "facts": ", ".join(facts)} for title, facts in unknown_steps(advisor, latest, lang)],
        "network_title": tr("report.network", lang, date=format_date(latest.date, lang)),
        "generated": tr("report.generated", lang),
        "t": _handout_texts(lang),
        "chart": None if markdown else trusted_svg(chart_svg(progress, total, lang)),
        "network": None if markdown else trusted_svg(to_svg(picture, lang)),
        "legend": legend(lang),
        "xychart": Md("\n".join([
            "xychart-beta", f'  title "{mermaid_text(tr("report.chart", lang, total=total))}"',
            "  x-axis [" + ", ".join(f'"{d}"' for d in dates) + "]",
            f'  y-axis "{mermaid_text(tr("head.done", lang))}" 0 --> {total}',
            "  bar [" + ", ".join(str(p.done) for p in progress) + "]"])) if markdown else None,
        "mermaid": Md(to_mermaid(picture, lang).rstrip()) if markdown else None,
    }


def mermaid_text(text: str) -> str:
    return str(text).replace('"', "'").replace("\n", " ")


def to_markdown(advisor, history: History, lang: str = "de") -> str:
    return render_markdown("region_report.md", **_context(advisor, history, lang, markdown=True))


def to_html(advisor, history: History, lang: str = "de") -> str:
    return render_html("region_report.html", **_context(advisor, history, lang, markdown=False))
