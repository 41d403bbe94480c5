"""Per request, before any page: the page language, cross-site request forgery checks, sign-in.

- Language: ``?lang=en`` (the switch on every page) is remembered in a cookie; German by default.
- CSRF: a random per-browser-session value in an http-only, SameSite=Strict cookie; every form
  carries HMAC(secret, value) and a POST without the matching pair is refused (400), before any
  change is made. The secret is the server's key (kept 0600 in the data folder), so forms stay
  valid across a restart.
- Sign-in: when the server has access tokens, the pages need the sign-in cookie that
  ``/anmelden`` sets (checked in nq_advisor.web.auth).
"""
from __future__ import annotations

import hashlib
import hmac
import secrets
from urllib.parse import urlencode

from flask import abort, g, request

from nq_advisor.i18n import DEFAULT_LANGUAGE, LANGUAGES

LANG_COOKIE = "nq_lang"
CSRF_COOKIE = "nq_csrf"
CSRF_FIELD = "csrf_token"


def page_lang() -> str:
    asked = request.args.get("lang")
    if asked in LANGUAGES:
        return asked
    remembered = request.cookies.get(LANG_COOKIE)
    return remembered if remembered in LANGUAGES else DEFAULT_LANGUAGE


def switch_url(lang: str) -> str:
    """This page in the other language: the same path, the same (non-personal) query, ``lang`` swapped."""
    other = "en" if lang == "de" else "de"
    query = [(k, v) for k, v in request.args.items(multi=True) if k != "lang"] + [("lang", other)]
    return request.path + "?" + urlencode(query)


def _sign(secret: bytes, value: str) -> str:
    return hmac.new(secret, b"csrf:" + value.encode(), hashlib.sha256).hexdigest()


def csrf_token(secret: bytes) -> str:
    """The token for this browser session's forms (creates the session value on first use)."""
    value = getattr(g, "csrf_value", None)
    if value is None:
        value = request.cookies.get(CSRF_COOKIE) or ""
        if len(value) < 32:
            value = secrets.token_urlsafe(32)
            g.csrf_new = True
        g.csrf_value = value
    return _sign(secret, value)


def check_csrf(secret: bytes) -> None:
    """Refuse (400) a state-changing request whose form token does not match the cookie."""
    if request.method in ("GET", "HEAD", "OPTIONS"):
        return
    value = request.cookies.get(CSRF_COOKIE) or ""
    sent = request.form.get(CSRF_FIELD, "")
    if len(value) < 32 or not sent or not hmac.compare_digest(_sign(secret, value), sent):
        g.csrf_failed = True
        abort(400)


def is_secure_context() -> bool:
    """Cookies may carry the Secure flag: HTTPS, or a loopback host (browsers treat it as secure)."""
    host = (request.host or "").rsplit(":", 1)[0].strip("[]")
    return request.is_secure or host in ("localhost", "::1") or host.startswith("127.")


def finish(response):
    """Set the cookies this request decided on (language, a new CSRF value)."""
    secure = is_secure_context()
    asked = request.args.get("lang")
    if asked in LANGUAGES and request.cookies.get(LANG_COOKIE) != asked:
        response.set_cookie(LANG_COOKIE, asked, max_age=365 * 86400, httponly=True, samesite="Lax", secure=secure)
    if getattr(g, "csrf_new", False):
        response.set_cookie(CSRF_COOKIE, g.csrf_value, httponly=True, samesite="Strict", secure=secure)
    return response
