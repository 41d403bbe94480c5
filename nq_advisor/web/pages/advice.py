"""The advice page, the what-if box and the handout (HTML to print, Markdown to download).

The advice is the interview's own (``InterviewSession.advice``: exactly what ``advise`` gives on
the facts in use), for the session's date or another ``as_of`` the counsellor picks. The handout is
the command line's (``nq_advisor.output.handout``), byte for byte; what-if is
``nq_advisor.advice.whatif.compare`` on the session's facts, and changes nothing stored.
"""
from __future__ import annotations

import datetime

from flask import abort, g, redirect, request, url_for

from nq_advisor.advice.result import KIND_ORDER
from nq_advisor.advice.whatif import UNSET, compare
from nq_advisor.errors import InputError, UsageError
from nq_advisor.i18n import pick, t
from nq_advisor.output import handout
from nq_advisor.web.pages import pages
from nq_advisor.web.pages.forms import FormError, choice_key, choice_views, raw_value, read_answer
from nq_advisor.web.pages.state import current_value, document_response, open_fields, session_for, session_page
from nq_advisor.web.pages.texts import page_text

UNKNOWN_KEY = "__unknown__"


def _as_of(session):
    """The date picked on the page (``?as_of=``), else the session's; a bad date is a 400 page."""
    raw = (request.values.get("as_of") or "").strip()
    if not raw:
        return session.as_of, ""
    try:
        return datetime.date.fromisoformat(raw), raw
    except ValueError:
        abort(400, page_text("error.date", g.lang, value=raw))


def advice_for(session, as_of: datetime.date):
    session.as_of = as_of
    return session.advice()


@pages.get("/s/<sid>/advice")
def advice(sid):
    session = session_for(sid)
    if session.subject == "region":
        return redirect(url_for("pages.region", sid=sid), 303)
    as_of, as_of_param = _as_of(session)
    result = advice_for(session, as_of)
    kb = session.advisor.kb
    groups = [(t(f"kind.{kind}", g.lang), [r for r in result.recommendations if r.kind == kind])
              for kind in KIND_ORDER]
    contacts = {r.ref: [handout.contact_name(c, result, kb) for c in r.contact] for r in result.recommendations}
    titles = {name: pick(f.title, g.lang) for name, f in session.fields.items()}
    return session_page("advice.html", session, page="advice", advice=result, as_of_param=as_of_param,
                        groups=[group for group in groups if group[1]], contacts=contacts, field_titles=titles,
                        skipped=set(session.skipped), open_count=len(open_fields(session)),
                        whatif_fields=sorted(titles.items(), key=lambda pair: pair[1].casefold()))


@pages.get("/s/<sid>/handout", endpoint="handout")
def handout_html(sid):
    session = session_for(sid)
    result = advice_for(session, _as_of(session)[0])
    return document_response(handout.render(result, session.advisor.kb, "html"), "text/html")


@pages.get("/s/<sid>/handout.md")
def handout_markdown(sid):
    session = session_for(sid)
    result = advice_for(session, _as_of(session)[0])
    name = f"handout-{result.as_of.isoformat()}.md"
    return document_response(handout.render(result, session.advisor.kb, "markdown"), "text/markdown", name)


@pages.route("/s/<sid>/whatif", methods=["GET", "POST"])
def whatif(sid):
    session = session_for(sid)
    field = request.values.get("field", "")
    if field not in session.fields:
        return redirect(url_for("pages.advice", sid=sid), 303)
    as_of, as_of_param = _as_of(session)
    question = session.question(field)
    current = current_value(session, field) if field in session.facts else None
    context = {"question": question, "as_of_param": as_of_param, "choices": choice_views(question, current),
               "current_raw": raw_value(current), "unknown_choice": {"key": UNKNOWN_KEY, "label": page_text("whatif.unknown", g.lang)},
               "current_text": page_text("question.current", g.lang, value=question.label_of(current) if current is not None
                                         else page_text("unknown", g.lang)),
               "result": None, "error": None}
    if request.method == "GET":
        return session_page("whatif.html", session, page="advice", **context)
    unknown = bool(request.form.get("unknown")) or request.form.get("value") == UNKNOWN_KEY
    try:
        value = UNSET if unknown else read_answer(question, request.form)
        result = compare(session.advisor, session.facts_document(), {field: value}, as_of, g.lang)
    except (FormError, InputError, UsageError) as error:
        context["error"] = "; ".join(error.messages) if isinstance(error, InputError) else str(error)
        return session_page("whatif.html", session, page="advice", **context), 400
    values = [] if unknown else (value if isinstance(value, (list, tuple)) else [value])
    context.update(result=result, adopt_skip=unknown, adopt_values=[choice_key(v) for v in values],
                   choices=choice_views(question, None if unknown else value), current_raw="" if unknown else raw_value(value))
    return session_page("whatif.html", session, page="advice", **context)
