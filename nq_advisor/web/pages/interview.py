"""Pages of the interview: start, one question per page, the overview of all answers, delete.

Every answer is saved through the service layer before the next page is shown (POST, then a
redirect), so a reload, a closed browser or a restarted server never loses one. Only questions
that can still change the advice are asked (the interview core picks them); "weiß nicht"
leaves a fact unknown and it is not asked again.
"""
from __future__ import annotations

import datetime

from flask import abort, g, redirect, render_template, request, url_for

from nq_advisor.errors import InputError
from nq_advisor.i18n import pick
from nq_advisor.web.pages import pages
from nq_advisor.web.pages.forms import FormError, choice_views, raw_value, read_answer
from nq_advisor.web.pages.state import (current_value, delete_session, new_session, open_fields, retention_days,
                                        save_answer, save_skip, session_for, session_page)
from nq_advisor.web.pages.texts import page_text

RETURN_PAGES = {"answers": "pages.answers", "advice": "pages.advice", "region": "pages.region"}


@pages.get("/")
def start():
    return render_template("start.html", retention_days=retention_days())


@pages.post("/sessions")
def create():
    subject = request.form.get("subject")
    if subject not in ("person", "region"):
        abort(400)
    raw = (request.form.get("as_of") or "").strip()
    try:
        as_of = datetime.date.fromisoformat(raw) if raw else None
    except ValueError:
        return render_template("message.html", heading=page_text("error.title", g.lang), error=True,
                               lines=[page_text("error.date", g.lang, value=raw)]), 400
    name = (request.form.get("name") or "").strip() if subject == "region" else ""
    try:
        sid = new_session(subject, {"name": name} if name else {}, as_of, g.lang)
    except InputError as error:
        return render_template("message.html", heading=page_text("error.title", g.lang), error=True,
                               lines=list(error.messages)), 400
    return redirect(url_for("pages.question", sid=sid), 303)


@pages.get("/s/<sid>/")
def question(sid):
    session = session_for(sid)
    upcoming = session.next_question()
    if upcoming is None:
        return session_page("done.html", session, page="question")
    return _question_page(session, upcoming, "")


@pages.get("/s/<sid>/question/<field>")
def question_for(sid, field):
    session = session_for(sid)
    if field not in session.fields:
        abort(404)
    return_to = request.args.get("return_to", "answers")
    return _question_page(session, session.question(field), return_to if return_to in RETURN_PAGES else "")


def _question_page(session, question, return_to, error: str | None = None, status: int = 200):
    current = current_value(session, question.id)
    remaining = len(open_fields(session) | {question.id})
    progress = page_text("question.progress_one" if remaining == 1 else "question.progress", g.lang, count=remaining)
    if question.id in session.skipped:
        current_text = page_text("question.skipped_before", g.lang)
    elif current is not None:
        current_text = page_text("question.current", g.lang, value=question.label_of(current))
    else:
        current_text = ""
    return session_page("question.html", session, page="question", question=question,
                        choices=choice_views(question, current), current_raw=raw_value(current),
                        current_text=current_text, progress_text=progress, return_to=return_to,
                        answered_count=len(session.answers), error=error), status


@pages.post("/s/<sid>/answer")
def answer(sid):
    session = session_for(sid)
    field = request.form.get("field", "")
    if field not in session.fields:
        abort(400)
    return_to = request.form.get("return_to", "")
    question = session.question(field)
    try:
        if request.form.get("action") == "skip":
            save_skip(session, field)
        else:
            save_answer(session, field, read_answer(question, request.form))
    except (FormError, InputError) as error:
        message = "; ".join(error.messages) if isinstance(error, InputError) else str(error)
        return _question_page(session, question, return_to if return_to in RETURN_PAGES else "", message, 400)
    if return_to in RETURN_PAGES:
        return redirect(url_for(RETURN_PAGES[return_to], sid=sid), 303)
    return redirect(url_for("pages.question", sid=sid), 303)


@pages.get("/s/<sid>/answers")
def answers(sid):
    session = session_for(sid)
    fields = session.fields
    used = set(session.facts)
    answered = session_answers(session)
    rows = [{"field": name, "title": pick(fields[name].title, g.lang),
             "value": session.question(name).label_of(value), "used": name in used}
            for name, value in answered.items()]
    skipped = [{"field": name, "title": pick(fields[name].title, g.lang)} for name in session.skipped]
    more = [{"field": name, "title": pick(fields[name].title, g.lang)} for name in fields
            if name not in answered and name not in session.skipped]
    return session_page("answers.html", session, page="answers", rows=rows, skipped=skipped, more=more)


def session_answers(session) -> dict:
    """Every answer given, in the order of knowledge/fields.yaml (used or kept for later)."""
    values = session.answers
    return {name: values[name] for name in session.fields if name in values}


@pages.get("/s/<sid>/delete")
def confirm_delete(sid):
    return session_page("confirm_delete.html", session_for(sid), page="delete")


@pages.post("/s/<sid>/delete")
def delete(sid):
    delete_session(sid)
    return render_template("message.html", heading=page_text("deleted.title", g.lang),
                           lines=[page_text("deleted.text", g.lang)])
