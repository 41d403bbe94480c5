"""Who may call: loopback by default, access tokens everywhere else, checked in constant time.

Without tokens the server only listens on loopback (``Settings.check_exposure``) and, as a
second line, answers only requests from a loopback address naming a loopback host: a web
page in the counsellor's browser cannot reach it through DNS rebinding. With tokens, every
request needs ``Authorization: Bearer <token>`` (or, for the pages, the sign-in cookie).
"""
from __future__ import annotations

import hmac

from nq_advisor.web.settings import is_loopback

# endpoints anyone may call even when tokens are configured (the pages' sign-in adds its own here)
PUBLIC_ENDPOINTS: set[str] = set()


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
    """May this request be served? (Sign-in cookies of the pages are checked by the pages' own hook.)"""
    if not tokens:
        return local_request(request)
    return token_matches(bearer_token(request), tokens)
