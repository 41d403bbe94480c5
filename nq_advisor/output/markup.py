"""Templates for HTML and Markdown documents, with escaping that no template can forget.

HTML templates (``*.html`` in nq_advisor/output/templates/) render with Jinja2 autoescape: every
value from input or knowledge is escaped. Markdown templates (``*.md``) render through
``finalize=md_escape``: every ``{{ value }}`` is escaped for Markdown (no links, headings, HTML or
emphasis can be smuggled in through a region name, a fact or a knowledge text), unless the template
wraps it in ``md_url`` (a checked http(s) link) or the value is :class:`Md` (markup built here).
Both share one layout (``layout.html``) and one print stylesheet (``print.css``: A4, ``@page``,
blocks not split across pages). Interfaces (region/, web/) render through :func:`render_html` and
:func:`render_markdown`; output/ never imports them.
"""
from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import quote, urlsplit

import jinja2
from markupsafe import Markup

TEMPLATES = "templates"

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|&~])")
_MD_LINE_START = re.compile(r"^(\d+)([.)])(?=\s|$)|^([-+=])(?=\s|$)")
_SAFE_URL = re.compile(r"^https?://[^\s<>\"'`]+$")


class Md(str):
    """Markdown built by code from escaped parts: the Markdown ``finalize`` passes it unchanged."""


def md_escape(value) -> str:
    """Text that Markdown shows as written: special characters escaped, line breaks made spaces
    (so no text can start a heading, list or block of its own)."""
    if value is None:
        return ""
    if isinstance(value, Md):
        return value
    text = _MD_SPECIAL.sub(r"\\\1", " ".join(str(value).split()))
    # a text placed at the start of a line must not start a list item or a setext heading
    return _MD_LINE_START.sub(lambda m: f"{m.group(1)}\\{m.group(2)}" if m.group(1) else f"\\{m.group(3)}", text)


def safe_url(url) -> str | None:
    """The URL if it is a plain http(s) address (else None): no javascript:, no data:, no spaces."""
    text = str(url or "").strip()
    if not _SAFE_URL.match(text):
        return None
    parts = urlsplit(text)
    return text if parts.scheme in ("http", "https") and parts.netloc else None


def md_url(url) -> Md:
    """An autolink ``<https://...>`` for a safe URL; anything else as escaped text."""
    checked = safe_url(url)
    if checked is None:
        return Md(md_escape(url))
    return Md("<" + quote(checked, safe=":/?#[]@!$&'()*+,;=%~-._") + ">")


def html_url(url) -> str | None:
    return safe_url(url)


def _finalize_md(value):
    return md_escape(value)


@lru_cache(maxsize=None)
def _html_env() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.PackageLoader("nq_advisor.output", TEMPLATES),
                             autoescape=jinja2.select_autoescape(["html", "htm", "xml", "svg"], default=True),
                             trim_blocks=True, lstrip_blocks=True, undefined=jinja2.StrictUndefined)
    env.filters["safe_url"] = html_url
    return env


@lru_cache(maxsize=None)
def _md_env() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.PackageLoader("nq_advisor.output", TEMPLATES), autoescape=False,
                             finalize=_finalize_md, trim_blocks=True, lstrip_blocks=True,
                             keep_trailing_newline=True, undefined=jinja2.StrictUndefined)
    env.filters["md_url"] = md_url
    return env


def render_html(template: str, **context) -> str:
    """Render an HTML template (autoescape on); ``svg`` values must be :class:`markupsafe.Markup`."""
    return _html_env().get_template(template).render(**context)


def render_markdown(template: str, **context) -> str:
    """Render a Markdown template; every value is escaped by :func:`md_escape`."""
    text = _md_env().get_template(template).render(**context)
    return re.sub(r"\n{3,}", "\n\n", text)


def trusted_svg(svg: str) -> Markup:
    """An SVG built by nq_advisor's own renderers, which escape every text they place in it."""
    return Markup(svg)
