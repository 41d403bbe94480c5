"""Sign-in for the pages when the server has access tokens (required off loopback).

The sign-in page takes a token and, when it is one of the server's, sets a cookie that holds
not the token but an HMAC of it (nq_advisor.web.auth): Secure, HttpOnly, SameSite=Strict.
Signing out clears it. ``next`` must be a path on this server (no open redirect).
"""
from __future__ import annotations

from flask import redirect, render_template, request, url_for

from nq_advisor.web.pages import pages
from nq_advisor.web.pages.state import sign_in_cookie, sign_out_cookie


def _local_path(value: str) -> str:
    if value.startswith("/") and not value.startswith("//") and "\\" not in value:
        return value
    return url_for("pages.start")


@pages.route("/signin", methods=["GET", "POST"])
def signin():
    next_path = _local_path(request.values.get("next", ""))
    if request.method == "GET":
        return render_template("signin.html", next_path=next_path, error=False)
    response = redirect(next_path, 303)
    if not sign_in_cookie(response, request.form.get("token", "")):
        return render_template("signin.html", next_path=next_path, error=True), 401
    return response


@pages.post("/signout")
def signout():
    response = redirect(url_for("pages.signin"), 303)
    sign_out_cookie(response)
    return response
