"""Where the pages meet the rest of the server: settings, the service layer, the region store, auth.

One small module so that the pages never reach into the app's internals elsewhere. An
interview is rebuilt per request from the stored answers, in the page's language.
"""
from __future__ import annotations

import datetime

from flask import Response, abort, current_app, g, render_template, request

from nq_advisor.errors import InputError
from nq_advisor.interview.session import InterviewSession
from nq_advisor.web import auth
from nq_advisor.web.errors import FieldErrors, NotFound
from nq_advisor.web.region_store import RegionStore


# --- binding to the app (nq_advisor.web.app) ----------------------------------------------------
def services():
    return current_app.extensions["nq_advisor"]


def settings():
    return services().settings


def secret_key() -> bytes:
    key = current_app.secret_key
    return key.encode() if isinstance(key, str) else key


def retention_days() -> int:
    return settings().retention_days


# --- sessions ---------------------------------------------------------------------------------------
def new_session(subject: str, facts: dict, as_of: datetime.date | None, lang: str) -> str:
    try:
        return services().interviews.create(subject, facts, as_of, lang)["id"]
    except FieldErrors as error:
        raise InputError([message for _, message in error.errors], "form") from None


def session_for(sid: str) -> InterviewSession:
    """The interview of session ``sid`` in the page's language; 404 when there is none."""
    try:
        _, session, _ = services().interviews.load(sid)
    except NotFound:
        abort(404)
    session.lang = g.lang
    session.sid = sid
    return session


def current_value(session: InterviewSession, field: str):
    """The stored answer of ``field`` (also one no longer in use), or None."""
    return session.answers.get(field)


def open_fields(session: InterviewSession) -> set[str]:
    """The fields still worth asking (an upper bound of the questions left)."""
    skipped, answered = set(session.skipped), set(session.answers)
    return {name for d in session.open_decisions() for name in d.missing if name not in skipped | answered}


def save_answer(session: InterviewSession, field: str, value) -> None:
    """Check the answer in the page's language first (InputError), then store it."""
    session.answer(field, value)
    _store(lambda: services().interviews.answer(session.sid, field, value))


def save_skip(session: InterviewSession, field: str) -> None:
    _store(lambda: services().interviews.skip(session.sid, field))


def _store(change) -> None:
    try:
        change()
    except NotFound:
        abort(404)
    except FieldErrors as error:
        raise InputError([message for _, message in error.errors], "form") from None


def delete_session(sid: str) -> None:
    try:
        services().interviews.delete(sid)
    except NotFound:
        abort(404)


def session_page(template: str, session: InterviewSession, page: str, **context):
    return render_template(template, sid=session.sid, subject=session.subject, page=page, **context)


def document_response(body: str, mimetype: str, download: str | None = None) -> Response:
    """A whole document (handout, report) as the command line writes it; its inline CSS is allowed."""
    from nq_advisor.web.app import HANDOUT_CSP

    response = Response(body, mimetype=mimetype)
    response.headers["Content-Security-Policy"] = HANDOUT_CSP
    if download:
        response.headers["Content-Disposition"] = f'attachment; filename="{download}"'
    return response


# --- region snapshots -----------------------------------------------------------------------------
def _regions() -> RegionStore:
    regions = current_app.extensions.get("nq_advisor_regions")
    if regions is None:
        regions = current_app.extensions["nq_advisor_regions"] = RegionStore(services().store)
    return regions


def region_history(sid: str, advisor, lang: str):
    return _regions().history(sid, advisor, lang)


def region_snapshot(sid: str, day: datetime.date, facts: dict, advisor, lang: str) -> tuple[bool, int]:
    return _regions().add(sid, day, facts, advisor, lang)


# --- sign-in (nq_advisor.web.auth) ----------------------------------------------------------------
def auth_required() -> bool:
    return bool(settings().tokens)


def signed_in() -> bool:
    return auth.cookie_signed_in(request, settings().tokens)


def sign_in_cookie(response, token: str) -> bool:
    return auth.sign_in(response, request, settings().tokens, token)


def sign_out_cookie(response) -> None:
    auth.sign_out(response)
