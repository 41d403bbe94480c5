"""The region's pages: open steps with actions and partners, done steps, snapshots, progress report.

The same code as ``nq-advisor region track/report/diagram`` does the work: step states and
partners from nq_advisor.region.progress, the chart from region.report.chart_svg, the network
picture from region.diagram; snapshots go to the database (nq_advisor.web.region_store) instead
of a history file, with the same rules (dated, forward in time, one per day).
"""
from __future__ import annotations

import datetime

from flask import abort, g, redirect, request, url_for
from markupsafe import Markup

from nq_advisor.errors import InputError, UsageError
from nq_advisor.i18n import pick, t
from nq_advisor.region.diagram import build_picture, to_svg
from nq_advisor.region.progress import evaluate_snapshot, item_partners, strategy_steps, unknown_steps
from nq_advisor.region.report import _SYMBOL, chart_svg, evaluate_history, to_html as report_html, \
    to_markdown as report_markdown
from nq_advisor.region.texts import tr
from nq_advisor.web.pages import pages
from nq_advisor.web.pages.state import document_response, open_fields, region_history, region_snapshot, \
    session_for, session_page
from nq_advisor.web.pages.texts import page_text


def _region_session(sid):
    session = session_for(sid)
    if session.subject != "region":
        abort(404)
    return session


def _partner_titles(kb, lang: str) -> dict:
    titles = kb.fields["region"]["steering_partners"].value_titles or {}
    return {key: pick(value, lang) for key, value in titles.items()}


@pages.get("/s/<sid>/region")
def region(sid, notice: str = "", error: str = "", status: int = 200):
    session = _region_session(sid)
    kb, lang = session.advisor.kb, g.lang
    progress = evaluate_snapshot(session.advisor, session.as_of, _facts(session), lang)
    states = {s.id: s for s in progress.states}
    partners = _partner_titles(kb, lang)
    steps = []
    for rec in progress.advice.recommendations:
        item = kb.items[rec.ref]
        state = states.get(rec.ref)
        steps.append({
            "rec": rec, "kind": t(f"kind.{rec.kind}", lang),
            "status": tr(f"status.{state.status}", lang) if state else "", "status_id": state.status if state else "",
            "actions": [pick(a, lang) for a in item.get("actions") or item.get("next_steps") or []],
            "partners": item_partners(item, lang, partners),
            "occupations": [kb.items[o].title(lang) for o in item.get("occupations") or [] if o in kb.items],
            "done_when": item.text("done_when", lang) if item.get("done_when") else ""})
    history = region_history(sid, session.advisor, lang)
    snapshots = evaluate_history(session.advisor, history, lang) if history.snapshots else []
    return session_page(
        "region.html", session, page="region", name=_name(session), steps=steps, unknown=unknown_steps(session.advisor, progress, lang),
        done=[s for s in progress.states if s.status == "done"], history=snapshots, total=len(strategy_steps(kb)),
        today=datetime.date.today().isoformat(), open_count=len(open_fields(session)), notice=notice, error=error,
        diagram_svg=Markup(to_svg(build_picture(kb, _facts(session), lang), lang))), status


def _facts(session) -> dict:
    """The region facts in use, typed as ``advise`` takes them (lists as tuples)."""
    return session.advisor.parse(session.facts_document(), g.lang)[1]


def _name(session) -> str:
    return _facts(session).get("name") or ""


@pages.post("/s/<sid>/snapshots")
def snapshot(sid):
    session = _region_session(sid)
    raw = (request.form.get("date") or "").strip()
    try:
        day = datetime.date.fromisoformat(raw)
    except ValueError:
        return region(sid, error=page_text("error.date", g.lang, value=raw), status=400)
    last = region_history(sid, session.advisor, g.lang).last
    if last is not None and day < last.date:
        return region(sid, error=page_text("region.before_last", g.lang, date=day.isoformat(),
                                           last=last.date.isoformat()), status=400)
    try:
        replaced, count = region_snapshot(sid, day, _facts(session), session.advisor, g.lang)
    except (UsageError, InputError) as problem:
        message = "; ".join(problem.messages) if isinstance(problem, InputError) else str(problem)
        return region(sid, error=message, status=400)
    return redirect(url_for("pages.report", sid=sid, saved=day.isoformat(), replaced=int(replaced), count=count), 303)


@pages.get("/s/<sid>/report")
def report(sid):
    session = _region_session(sid)
    kb, lang = session.advisor.kb, g.lang
    history = region_history(sid, session.advisor, lang)
    notice = ""
    saved = request.args.get("saved", "")
    if saved:
        key = "region.snapshot_replaced" if request.args.get("replaced") == "1" else "region.snapshot_saved"
        notice = page_text(key, lang, date=saved, count=len(history.snapshots))
    if not history.snapshots:
        return session_page("report.html", session, page="report", progress=[], name=_name(session), notice=notice)
    progress = evaluate_history(session.advisor, history, lang)
    steps = strategy_steps(kb)
    matrix = [{"title": step.title(lang), "cells": [
        {"status": p.states[index].status, "symbol": _SYMBOL[p.states[index].status],
         "text": tr("status." + p.states[index].status, lang)} for p in progress]} for index, step in enumerate(steps)]
    since = None
    if len(progress) > 1:
        before = {s.id: s.status for s in progress[-2].states}
        since = {"date": progress[-2].date.isoformat(),
                 "done": [s.title for s in progress[-1].states if s.status == "done" and before.get(s.id) != "done"],
                 "worse": [s.title for s in progress[-1].states
                           if before.get(s.id) == "done" and s.status in ("open", "flawed")]}
    return session_page("report.html", session, page="report", progress=progress, total=len(steps), matrix=matrix,
                        since=since, notice=notice, name=progress[-1].facts.get("name") or "",
                        chart_svg=Markup(chart_svg(progress, len(steps), lang)),
                        diagram_svg=Markup(to_svg(build_picture(kb, progress[-1].facts, lang), lang)))


@pages.get("/s/<sid>/report.html")
def report_html_page(sid):
    session = _region_session(sid)
    history = region_history(sid, session.advisor, g.lang)
    if not history.snapshots:
        return redirect(url_for("pages.report", sid=sid), 303)
    return document_response(report_html(session.advisor, history, g.lang), "text/html")


@pages.get("/s/<sid>/report.md")
def report_markdown_page(sid):
    session = _region_session(sid)
    history = region_history(sid, session.advisor, g.lang)
    if not history.snapshots:
        return redirect(url_for("pages.report", sid=sid), 303)
    return document_response(report_markdown(session.advisor, history, g.lang), "text/markdown",
                             f"bericht-{history.last.date.isoformat()}.md")
