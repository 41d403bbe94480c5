"""The counsellor's pages under ``/``: person interview, advice, what-if, handout, region network.

Server-rendered HTML that works without JavaScript (``static/app.js`` only adds a copy button);
every form is a POST with a CSRF token, and the only thing personal in a URL is the random
session id. The pages call the same service layer as the HTTP API (nq_advisor.web.sessions)
and the same functions as the command line for advice, handout, what-if and region reports.
"""
from __future__ import annotations

from flask import Blueprint, g, render_template, request
from werkzeug.exceptions import BadRequest

from nq_advisor import __version__
from nq_advisor.i18n import t
from nq_advisor.region.texts import tr
from nq_advisor.web.pages import guard
from nq_advisor.web.pages.state import auth_required, secret_key, signed_in
from nq_advisor.web.pages.texts import page_text

pages = Blueprint("pages", __name__, template_folder="../templates", static_folder="../static",
                  static_url_path="/assets")


@pages.before_request
def _before():
    g.lang = guard.page_lang()  # sign-in itself is checked before (nq_advisor.web.app, auth.authorized)
    guard.check_csrf(secret_key())
    return None


@pages.after_request
def _after(response):
    return guard.finish(response)


@pages.errorhandler(400)
def _bad_request(error):
    lang = getattr(g, "lang", "de")
    if getattr(g, "csrf_failed", False):
        lines = [page_text("error.csrf", lang)]
    else:
        described = error.description if isinstance(error.description, str) and \
            error.description != BadRequest.description else ""
        lines = [described or page_text("error.400", lang)]
    return render_template("message.html", heading=page_text("error.title", lang), lines=lines, error=True), 400


@pages.errorhandler(404)
def _not_found(error):
    lang = getattr(g, "lang", "de")
    return render_template("message.html", heading=page_text("error.title", lang),
                           lines=[page_text("error.404", lang)], error=True), 404


@pages.app_context_processor
def _context():
    lang = getattr(g, "lang", "de")
    return {
        "lang": lang,
        "other_lang": "en" if lang == "de" else "de",
        "_": lambda key, **values: page_text(key, lang, **values),
        "t": lambda key, **values: t(key, lang, **values),
        "rt": lambda key, **values: tr(key, lang, **values),
        "csrf_token": lambda: guard.csrf_token(secret_key()),
        "switch_url": guard.switch_url(lang) if request else "",
        "signed_in": auth_required() and signed_in(),
        "version": __version__,
    }


# the routes register themselves on the blueprint
from nq_advisor.web.pages import interview, advice, region, signin  # noqa: E402,F401
