"""``region report``: the progress report of a region's history, as Markdown or self-contained HTML.

Each snapshot is evaluated with the law of its own date. The chart shows the number of strategy
steps done per snapshot: in Markdown as a text bar chart plus a Mermaid ``xychart-beta``, in
HTML as an inline SVG. The report ends with the next steps (actions, partners and their role,
when a step counts as done) and the network picture of the latest snapshot.
"""
from __future__ import annotations

import html

from nq_advisor.i18n import pick, t
from nq_advisor.region.diagram import build_picture, to_mermaid, to_svg
from nq_advisor.region.history import History
from nq_advisor.region.progress import SnapshotProgress, evaluate_snapshot, item_partners, strategy_steps, unknown_steps
from nq_advisor.region.texts import tr

_SYMBOL = {"done": "✓", "open": "✗", "flawed": "!", "unknown": "?", "idle": "–"}


def evaluate_history(advisor, history: History, lang: str) -> list[SnapshotProgress]:
    return [evaluate_snapshot(advisor, s.date, s.facts, lang) for s in history.snapshots]


def _name(progress: list[SnapshotProgress]) -> str:
    return progress[-1].facts.get("name") or ""


def _bar(done: int, total: int, width: int = 26) -> str:
    filled = round(width * done / total) if total else 0
    return "█" * filled + "░" * (width - filled)


def _partner_titles(advisor, lang) -> dict:
    titles = advisor.kb.fields["region"]["steering_partners"].value_titles or {}
    return {k: pick(v, lang) for k, v in titles.items()}


def _next_steps_markdown(advisor, latest: SnapshotProgress, lang: str) -> list[str]:
    out = [f"## {tr('report.next', lang, date=latest.date.isoformat())}", ""]
    if not latest.advice.recommendations:
        return out if any(s.status == "unknown" for s in latest.states) else out + [tr("track.all_done", lang), ""]
    partners = _partner_titles(advisor, lang)
    for rec in latest.advice.recommendations:
        item = advisor.kb.items[rec.ref]
        out += [f"### {rec.priority}. {rec.title} ({t('kind.' + rec.kind, lang)})", ""]
        out += [f"- {reason}" for reason in rec.reasons[:3]]
        texts = item.get("actions") or item.get("next_steps") or []
        if texts:
            out += ["", f"**{tr('report.actions', lang)}:**", ""] + [f"1. {pick(x, lang)}" for x in texts]
        roles = item_partners(item, lang, partners)
        if roles:
            out += ["", f"**{tr('report.why_partner', lang)}:**", ""]
            out += [f"- {title}" + (f" – {role}" if role else "") for _, title, role in roles]
        occupations = [advisor.kb.items[o].title(lang) for o in item.get("occupations") or [] if o in advisor.kb.items]
        if occupations:
            out += ["", f"**{tr('report.occupations', lang)}:** " + ", ".join(occupations)]
        if item.get("done_when"):
            out += ["", f"*{tr('report.done_when', lang)}:* {item.text('done_when', lang)}"]
        out.append("")
    return out


def to_markdown(advisor, history: History, lang: str = "de") -> str:
    progress = evaluate_history(advisor, history, lang)
    steps = strategy_steps(advisor.kb)
    total = len(steps)
    name = _name(progress)
    out = [f"# {tr('report.title', lang)}" + (f" – {name}" if name else ""), ""]
    out += [f"{tr('report.snapshots', lang)}: {len(progress)} "
            f"({', '.join(p.date.isoformat() for p in progress)})", ""]
    out += [f"## {tr('report.chart', lang, total=total)}", ""]
    out += [f"| {tr('head.date', lang)} | {tr('head.done', lang)} | {tr('head.open', lang)} | |", "|---|---:|---:|---|"]
    for p in progress:
        open_count = sum(1 for s in p.states if s.status in ("open", "flawed"))
        out.append(f"| {p.date.isoformat()} | {p.done} | {open_count} | `{_bar(p.done, total)}` |")
    out += ["", "```mermaid", "xychart-beta",
            f'  title "{tr("report.chart", lang, total=total)}"',
            "  x-axis [" + ", ".join(f'"{p.date.isoformat()}"' for p in progress) + "]",
            f'  y-axis "{tr("head.done", lang)}" 0 --> {total}',
            "  bar [" + ", ".join(str(p.done) for p in progress) + "]", "```", ""]
    out += [f"## {tr('report.matrix', lang)}", ""]
    out += ["| " + tr("head.step", lang) + " | " + " | ".join(p.date.isoformat() for p in progress) + " |",
            "|---|" + "---|" * len(progress)]
    for index, step in enumerate(steps):
        cells = [f"{_SYMBOL[p.states[index].status]} {tr('status.' + p.states[index].status, lang)}" for p in progress]
        out.append(f"| {step.title(lang)} | " + " | ".join(cells) + " |")
    out.append("")
    out += _next_steps_markdown(advisor, progress[-1], lang)
    unknown = unknown_steps(advisor, progress[-1], lang)
    if unknown:
        out += [f"## {tr('report.unknown', lang)}", ""]
        out += [f"- **{title}**: {', '.join(facts)}" for title, facts in unknown] + [""]
    out += [f"## {tr('report.network', lang, date=progress[-1].date.isoformat())}", "", "```mermaid",
            to_mermaid(build_picture(advisor.kb, progress[-1].facts, lang), lang).rstrip(), "```", "",
            f"*{tr('report.generated', lang)}*", ""]
    return "\n".join(out)


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
                     f'<title>{p.date.isoformat()}: {p.done}/{total}</title></rect>')
        parts.append(f'<text x="{x + bar_w / 2}" y="{height - bottom - h - 6}" text-anchor="middle" font-size="13" '
                     f'font-weight="bold">{p.done}</text>')
        parts.append(f'<text x="{x + bar_w / 2}" y="{height - bottom + 18}" text-anchor="middle" font-size="12">'
                     f'{p.date.isoformat()}</text>')
    title = html.escape(tr("report.chart", lang, total=total))
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
            f'font-family="Helvetica, Arial, sans-serif" role="img" aria-label="{title}">'
            f'<rect width="{width}" height="{height}" fill="white"/>' + "".join(parts) + "</svg>")


_CSS = ("body{font-family:Helvetica,Arial,sans-serif;margin:24px;max-width:1040px;color:#222}"
        "table{border-collapse:collapse;margin:8px 0}td,th{border:1px solid #ccc;padding:4px 8px;text-align:left}"
        ".done{color:#2e7d32}.open{color:#c62828}.flawed{color:#e65100}.unknown,.idle{color:#777}"
        "section.rec{border-left:4px solid #1565c0;padding:2px 12px;margin:12px 0}small{color:#666}")


def to_html(advisor, history: History, lang: str = "de") -> str:
    progress = evaluate_history(advisor, history, lang)
    steps = strategy_steps(advisor.kb)
    total = len(steps)
    name = _name(progress)
    e = html.escape
    title = tr("report.title", lang) + (f" – {name}" if name else "")
    out = [f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8"><title>{e(title)}</title>'
           f"<style>{_CSS}</style></head><body>", f"<h1>{e(title)}</h1>",
           f"<p>{e(tr('report.snapshots', lang))}: {len(progress)}</p>",
           f"<h2>{e(tr('report.chart', lang, total=total))}</h2>", chart_svg(progress, total, lang),
           f"<h2>{e(tr('report.matrix', lang))}</h2><table><tr><th>{e(tr('head.step', lang))}</th>"
           + "".join(f"<th>{p.date.isoformat()}</th>" for p in progress) + "</tr>"]
    for index, step in enumerate(steps):
        cells = "".join(f'<td class="{p.states[index].status}">{_SYMBOL[p.states[index].status]} '
                        f"{e(tr('status.' + p.states[index].status, lang))}</td>" for p in progress)
        out.append(f"<tr><td>{e(step.title(lang))}</td>{cells}</tr>")
    out.append("</table>")
    latest = progress[-1]
    out.append(f"<h2>{e(tr('report.next', lang, date=latest.date.isoformat()))}</h2>")
    if not latest.advice.recommendations and not any(s.status == "unknown" for s in latest.states):
        out.append(f"<p>{e(tr('track.all_done', lang))}</p>")
    partners = _partner_titles(advisor, lang)
    for rec in latest.advice.recommendations:
        item = advisor.kb.items[rec.ref]
        out.append(f'<section class="rec"><h3>{rec.priority}. {e(rec.title)} <small>({e(t("kind." + rec.kind, lang))})</small></h3>')
        out.append("<ul>" + "".join(f"<li>{e(r)}</li>" for r in rec.reasons[:3]) + "</ul>")
        texts = item.get("actions") or item.get("next_steps") or []
        if texts:
            out.append(f"<p><b>{e(tr('report.actions', lang))}:</b></p><ol>"
                       + "".join(f"<li>{e(pick(x, lang))}</li>" for x in texts) + "</ol>")
        roles = item_partners(item, lang, partners)
        if roles:
            out.append(f"<p><b>{e(tr('report.why_partner', lang))}:</b></p><ul>"
                       + "".join(f"<li>{e(title_)}" + (f" – {e(role)}" if role else "") + "</li>"
                                 for _, title_, role in roles) + "</ul>")
        occupations = [advisor.kb.items[o].title(lang) for o in item.get("occupations") or [] if o in advisor.kb.items]
        if occupations:
            out.append(f"<p><b>{e(tr('report.occupations', lang))}:</b> {e(', '.join(occupations))}</p>")
        if item.get("done_when"):
            out.append(f"<p><i>{e(tr('report.done_when', lang))}:</i> {e(item.text('done_when', lang))}</p>")
        out.append("</section>")
    unknown = unknown_steps(advisor, latest, lang)
    if unknown:
        out.append(f"<h2>{e(tr('report.unknown', lang))}</h2><ul>" + "".join(
            f"<li><b>{e(title_)}</b>: {e(', '.join(facts))}</li>" for title_, facts in unknown) + "</ul>")
    out.append(f"<h2>{e(tr('report.network', lang, date=latest.date.isoformat()))}</h2>")
    out.append(to_svg(build_picture(advisor.kb, latest.facts, lang), lang))
    out.append(f"<p><small>{e(tr('report.generated', lang))}</small></p></body></html>\n")
    return "\n".join(out)
