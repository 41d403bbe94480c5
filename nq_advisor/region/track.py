"""``region track``: add a dated snapshot to a region's history and show what changed.

What was done since the last snapshot is read from the step states of both snapshots, each
evaluated with the law of its own date; what is still open is the advice for the new snapshot.
"""
from __future__ import annotations

import datetime
from dataclasses import dataclass


from nq_advisor.i18n import format_date, pick, t
from nq_advisor.region.history import History, Snapshot, load_history, save_history
from nq_advisor.region.progress import SnapshotProgress, evaluate_snapshot
from nq_advisor.output.table import fit_table, wrap_text
from nq_advisor.region.texts import tr


@dataclass
class TrackResult:
    history: History
    replaced: bool
    previous: SnapshotProgress | None
    current: SnapshotProgress


def track(advisor, facts: dict, history_path, date: datetime.date, lang: str = "de") -> TrackResult:
    """Validate, append (or replace the same day's snapshot), save atomically, and compare."""
    history = load_history(history_path, advisor, lang)
    replaced = history.add(Snapshot(date, facts))
    save_history(history)
    before = history.snapshots[-2] if len(history.snapshots) > 1 else None
    previous = evaluate_snapshot(advisor, before.date, before.facts, lang) if before else None
    return TrackResult(history, replaced, previous, evaluate_snapshot(advisor, date, facts, lang))


def changed_facts(before: dict, after: dict) -> list[tuple[str, object, object]]:
    """(field, before, after) for every fact that differs, in the order the facts were given."""
    names = list(dict.fromkeys([*after, *before]))
    return [(name, before.get(name), after.get(name)) for name in names if before.get(name) != after.get(name)]


def render_track(result: TrackResult, advisor, lang: str) -> str:
    """Plain-text summary: saved, done since last snapshot, changed facts, open items (a table)."""
    current, previous = result.current, result.previous
    out = [tr("track.saved_one" if len(result.history.snapshots) == 1 else "track.saved", lang, date=format_date(current.date, lang), file=result.history.path,
              count=len(result.history.snapshots))]
    if result.replaced:
        out.append(tr("track.replaced", lang, date=format_date(current.date, lang)))
    out.append("")
    if previous is None:
        out.append(tr("track.first", lang))
    else:
        before = {s.id: s.status for s in previous.states}
        done = [s for s in current.states if s.status == "done" and before.get(s.id) != "done"]
        worse = [s for s in current.states if before.get(s.id) == "done" and s.status in ("open", "flawed")]
        if done:
            out.append(tr("track.since", lang, date=format_date(previous.date, lang)))
            out += [f"  ✓ {s.title}" for s in done]
        else:
            out.append(tr("track.nothing_done", lang, date=format_date(previous.date, lang)))
        if worse:
            out.append(tr("track.reopened", lang))
            out += [f"  ! {s.title} ({tr('status.' + s.status, lang)})" for s in worse]
        changes = changed_facts(previous.facts, current.facts)
        if changes:
            out += ["", tr("track.changed", lang)]
            out.append(fit_table([[_field_title(advisor, n, lang), _value(advisor, n, a, lang),
                                   _value(advisor, n, b, lang)] for n, a, b in changes],
                                 [tr("head.field", lang), tr("head.before", lang), tr("head.after", lang)],
                                 wrap={0: 1, 1: 1, 2: 1}))
    out += ["", open_table(current, advisor, lang)]
    return wrap_text("\n".join(out).rstrip()) + "\n"  # tables fit already; long lines of the lists wrap


def open_table(progress: SnapshotProgress, advisor, lang: str) -> str:
    """Recommendations by priority, then the steps still unknown with the facts that decide them."""
    recs = progress.advice.recommendations
    status = {s.id: s.status for s in progress.states}
    rows = [[r.priority, r.title, tr("status." + status.get(r.ref, "open"), lang) if r.kind == "strategy_step"
             else t("kind." + r.kind, lang), r.reasons[0] if r.reasons else ""] for r in recs]
    missing: dict[str, list[str]] = {}
    for undecided in progress.advice.undecided:
        missing.setdefault(undecided.ref, []).extend(undecided.missing)
    rows += [["–", s.title, tr("status.unknown", lang), tr("track.missing", lang) + ", ".join(
        dict.fromkeys(_field_title(advisor, m, lang) for m in missing.get(s.id, [])))]
        for s in progress.states if s.status == "unknown"]
    if not rows:
        return tr("track.all_done", lang)
    return tr("track.open", lang) + "\n" + fit_table(
        rows, [tr("head.prio", lang), tr("head.item", lang), tr("head.status", lang), tr("head.reason", lang)],
        wrap={1: 2, 2: 1, 3: 3})


def _field_title(advisor, name: str, lang: str) -> str:
    field = advisor.kb.fields["region"].get(name)
    return pick(field.title, lang) if field else name


def _value(advisor, name: str, value, lang: str) -> str:
    if value is None:
        return "–"
    field = advisor.kb.fields["region"].get(name)
    titles = (field.value_titles or {}) if field else {}

    def one(v):
        item = advisor.kb.items.get(v) if field is not None and field.ref_kind else None
        return item.title(lang) if item else pick(titles.get(v), lang) or str(v)
    if isinstance(value, (list, tuple)):
        return ", ".join(one(v) for v in value) or "–"
    if isinstance(value, bool):
        return {"de": {True: "ja", False: "nein"}, "en": {True: "yes", False: "no"}}[lang][value]
    return one(value)

