"""``create_app(settings)``: the Flask application of ``nq-advisor serve``.

One advisor (knowledge base compiled once, an engine per thread) and one session store
per process, kept in ``app.extensions["nq_advisor"]``. Every answer carries security
headers (a strict Content-Security-Policy, no caching of anything personal); every
error is a clear answer (JSON under ``/api``, a short page elsewhere), never a traceback.
Nothing personal is logged: the access log names the route pattern, not the path with
its interview id, and never a body.
"""
from __future__ import annotations

import html
import logging
import threading
import time
import traceback
from dataclasses import dataclass

from flask import Flask, Response, current_app, g, jsonify, request
from werkzeug.exceptions import HTTPException

from nq_advisor.advisor import Advisor
from nq_advisor.web import auth
from nq_advisor.web.errors import FieldErrors, NotFound
from nq_advisor.web.settings import Settings
from nq_advisor.web.sessions import InterviewService
from nq_advisor.web.store import utcnow
from nq_advisor.web.store_sqlite import SqliteSessionStore
from nq_advisor.web.texts import text

log = logging.getLogger("nq_advisor.web")
PURGE_EVERY_SECONDS = 3600

API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
PAGE_CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; object-src 'none'; "
            "frame-ancestors 'none'; base-uri 'none'; form-action 'self'")
# the handout is one self-contained file with inline CSS (it is also saved and printed); no scripts
HANDOUT_CSP = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'"

SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
}


@dataclass
class Services:
    """What the blueprints share: settings, the advisor, the store and the interview service."""

    settings: Settings
    advisor: Advisor
    store: SqliteSessionStore
    interviews: InterviewService
    _last_purge: float = 0.0
    _purge_lock: threading.Lock = None

    def purge_if_due(self) -> None:
        """Delete expired sessions at start and then at most once an hour (on the next request)."""
        now = time.monotonic()
        if self._last_purge and now - self._last_purge < PURGE_EVERY_SECONDS:
            return
        if self._purge_lock.acquire(blocking=False):
            try:
                self._last_purge = now
                removed = self.store.purge_expired(utcnow())
                if removed:
                    log.info("deleted %d expired interview session(s)", removed)
            finally:
                self._purge_lock.release()


def services(app: Flask | None = None) -> Services:
    from flask import current_app
    return (app or current_app).extensions["nq_advisor"]


def create_app(settings: Settings | None = None, advisor: Advisor | None = None) -> Flask:
    """The application for ``settings``; ``advisor`` may be passed to share a loaded knowledge base."""
    settings = settings or Settings()
    settings.ensure_data_dir()
    app = Flask("nq_advisor.web")
    app.config.update(MAX_CONTENT_LENGTH=settings.max_body_bytes, SECRET_KEY=settings.load_secret_key(),
                      SESSION_COOKIE_HTTPONLY=True, SESSION_COOKIE_SAMESITE="Strict")
    app.json.sort_keys = False
    app.json.ensure_ascii = False
    advisor = advisor or Advisor.load(settings.kb_path)
    store = SqliteSessionStore(settings.database, settings.retention_days)
    app.extensions["nq_advisor"] = Services(settings, advisor, store, InterviewService(advisor, store),
                                            _purge_lock=threading.Lock())
    services(app).purge_if_due()

    from nq_advisor.web.api import api
    app.register_blueprint(api, url_prefix="/api")
    from nq_advisor.web.pages import pages
    app.register_blueprint(pages)

    app.before_request(_before)
    app.after_request(_after)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(FieldErrors, _field_errors)
    app.register_error_handler(NotFound, _not_found)
    app.register_error_handler(Exception, _internal_error)
    return app


def wants_json() -> bool:
    return request.path == "/api" or request.path.startswith("/api/")


def request_lang() -> str:
    lang = request.args.get("lang")
    return lang if lang in ("de", "en") else "de"


def error_response(status: int, errors: list[tuple[str | None, str]]) -> Response:
    """``{"errors": [{"field", "message"}]}`` under /api; a short escaped page elsewhere."""
    if wants_json():
        response = jsonify({"errors": [{"field": name, "message": message} for name, message in errors]})
    else:
        items = "".join(f"<li>{html.escape(message)}</li>" for _, message in errors)
        response = Response(f"<!doctype html><meta charset=utf-8><title>{status}</title><ul>{items}</ul>",
                            mimetype="text/html")
    response.status_code = status
    return response


def _before():
    g.started = time.perf_counter()
    settings = services().settings
    if request.endpoint in auth.PUBLIC_ENDPOINTS or auth.authorized(request, settings.tokens):
        services().purge_if_due()
        return None
    if settings.tokens and not wants_json() and "pages" in current_app.blueprints:
        return auth.signin_redirect(request)  # the pages: sign in first (pages/signin.py)
    response = error_response(401, [(None, text("unauthorized", request_lang()))])
    if settings.tokens:
        response.headers["WWW-Authenticate"] = 'Bearer realm="nq-advisor"'
    return response


def _after(response: Response) -> Response:
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    response.headers.setdefault("Content-Security-Policy", API_CSP if wants_json() else PAGE_CSP)
    # answers and advice are personal data: no cache may keep them (static files may say otherwise)
    response.headers.setdefault("Cache-Control", "no-store")
    if services().settings.tokens:
        response.headers.setdefault("Strict-Transport-Security", "max-age=31536000")
    started = g.get("started")
    rule = request.url_rule.rule if request.url_rule is not None else "<no route>"
    log.info("%s %s %d %.1f ms", request.method, rule, response.status_code,
             (time.perf_counter() - started) * 1000 if started else 0.0)
    return response


def _http_error(error: HTTPException):
    lang = request_lang()
    if error.code == 404:
        message = text("not_found.path", lang)
    elif error.code == 405:
        message = text("method", lang, allowed=", ".join(sorted(getattr(error, "valid_methods", None) or [])))
    elif error.code == 413:
        message = text("body.too_large", lang, limit=services().settings.max_body_bytes)
    else:
        message = error.description or error.name
    response = error_response(error.code or 500, [(None, message)])
    if error.code == 405 and getattr(error, "valid_methods", None):
        response.headers["Allow"] = ", ".join(error.valid_methods)
    return response


def _field_errors(error: FieldErrors):
    return error_response(400, error.errors)


def _not_found(error: NotFound):
    message = text(error.key, request_lang()) if error.key else str(error)
    return error_response(404, [(None, message)])


def _internal_error(error: Exception):
    """Log the kind and place of the failure, not its message (it might quote personal data)."""
    rule = request.url_rule.rule if request.url_rule is not None else "<no route>"
    frames = "".join(traceback.format_tb(error.__traceback__))
    log.error("internal error %s in %s %s\n%s", type(error).__name__, request.method, rule, frames)
    return error_response(500, [(None, text("internal", request_lang()))])
