"""Who may call: loopback by default, access tokens everywhere else, checked in constant time.

Without tokens the server only listens on loopback (``Settings.check_exposure``) and, as a
second line, answers only requests from a loopback address naming a loopback host: a web
page in the counsellor's browser cannot reach it through DNS rebinding. With tokens, every
request needs ``Authorization: Bearer <token>`` (or, for the pages, the sign-in cookie).
"""
from __future__ import annotations

import hashlib
import hmac

from flask import current_app, redirect, url_for

from nq_advisor.web.settings import is_loopback

# endpoints anyone may call even when tokens are configured (the pages' sign-in adds its own here)
PUBLIC_ENDPOINTS: set[str] = set()
# the pages' sign-in: reachable without the cookie when tokens are configured (still loopback-only without)
SIGNIN_ENDPOINTS = {"pages.signin", "pages.static"}
SIGNIN_COOKIE = "nq_signin"


def bearer_token(request) -> str | None:
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None


def token_matches(given: str | None, tokens) -> bool:
    """Compare with every configured token in constant time (no early exit, no length leak per token)."""
    if given is None:
        return False
    supplied = given.encode("utf-8", "surrogatepass")
    ok = False
    for token in tokens:
        ok |= hmac.compare_digest(supplied, token.encode("utf-8"))
    return ok


def host_name(request) -> str:
    host = request.host or ""
    if host.startswith("["):
        return host[1:].partition("]")[0]
    return host.rpartition(":")[0] if host.count(":") == 1 else host


def local_request(request) -> bool:
    """From a loopback address, to a loopback host name."""
    return is_loopback(request.remote_addr or "") and is_loopback(host_name(request))


def authorized(request, tokens) -> bool:
    """May this request be served? The API needs the bearer token; the pages take the sign-in cookie too."""
    if not tokens:
        return local_request(request)
    if token_matches(bearer_token(request), tokens):
        return True
    if _is_api(request):
        return False
    return request.endpoint in SIGNIN_ENDPOINTS or cookie_signed_in(request, tokens)


def _is_api(request) -> bool:
    return request.path == "/api" or request.path.startswith("/api/")


# --- the pages' sign-in cookie ----------------------------------------------------------------------
def _secret() -> bytes:
    key = current_app.secret_key
    return key.encode() if isinstance(key, str) else key


def signin_value(token: str) -> str:
    """What the sign-in cookie holds: an HMAC of the token under the server's key, never the token."""
    return hmac.new(_secret(), b"signin:" + token.encode("utf-8", "surrogatepass"), hashlib.sha256).hexdigest()


def cookie_signed_in(request, tokens) -> bool:
    """The request carries the cookie of a configured token (compared in constant time with each)."""
    given = request.cookies.get(SIGNIN_COOKIE, "").encode("ascii", "replace")
    ok = False
    for token in tokens:
        ok |= hmac.compare_digest(given, signin_value(token).encode("ascii"))
    return ok


def sign_in(response, request, tokens, token: str) -> bool:
    """Set the sign-in cookie (Secure, HttpOnly, SameSite=Strict) when ``token`` is one of ``tokens``."""
    if not token_matches(token, tokens):
        return False
    response.set_cookie(SIGNIN_COOKIE, signin_value(token), httponly=True, secure=True, samesite="Strict")
    return True


def sign_out(response) -> None:
    response.delete_cookie(SIGNIN_COOKIE, httponly=True, secure=True, samesite="Strict")


def signin_redirect(request):
    """A page request without sign-in: to the sign-in page, back here afterwards (GET only)."""
    target = request.full_path.rstrip("?") if request.method == "GET" else "/"
    return redirect(url_for("pages.signin", next=target), 303)
