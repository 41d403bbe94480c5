"""Options shared by the commands, and the helpers that turn them into objects."""
from __future__ import annotations

import datetime
import functools

import click

from nq_advisor.advisor import Advisor
from nq_advisor.advice.assemble import STALE_AFTER_MONTHS
from nq_advisor.i18n import LANGUAGES
from nq_advisor.load.loader import ENV_VAR
from nq_advisor.cli.helptext import help_text


def kb_option(command):
    return click.option("--kb", "kb_path", metavar="DIR", envvar=ENV_VAR, default=None,
                        help=help_text("opt.kb", env=ENV_VAR))(command)


def lang_option(command):
    return click.option("--lang", type=click.Choice(LANGUAGES), default="de", show_default=True,
                        help=help_text("opt.lang"))(command)


def max_source_age_option(command):
    return click.option("--max-source-age", "max_source_age", type=click.IntRange(min=0), default=STALE_AFTER_MONTHS,
                        show_default=True, metavar="MONTHS",
                        help=help_text("opt.max_source_age"))(command)


def as_of_option(command):
    @click.option("--as-of", "as_of", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
                  help=help_text("opt.as_of"))
    @functools.wraps(command)
    def wrapper(*args, as_of=None, **kwargs):
        return command(*args, as_of=as_of.date() if as_of else datetime.date.today(), **kwargs)
    return wrapper


_advisors: dict = {}


def load_advisor(kb_path) -> Advisor:
    """One Advisor per knowledge base and process."""
    key = str(kb_path)
    if key not in _advisors:
        _advisors[key] = Advisor.load(kb_path)
    return _advisors[key]
