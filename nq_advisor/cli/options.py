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
from nq_advisor.cli.language import LANG_ENV_VAR, IsoDate, current, metavar


def kb_option(command):
    return click.option("--kb", "kb_path", metavar=metavar("DIR"), envvar=ENV_VAR, default=None,
                        help=help_text("opt.kb", env=ENV_VAR))(command)


def lang_option(command):
    """--lang de|en; by default the language of the invocation (--lang anywhere, NQ_ADVISOR_LANG, de)."""
    return click.option("--lang", type=click.Choice(LANGUAGES), default=current, show_default=False,
                        help=help_text("opt.lang", env=LANG_ENV_VAR))(command)


def group_lang_option(command):
    """--lang on a group (``nq-advisor --lang en kb list``): the language was read from the command line
    already (language.detect, before parsing); the option only has to be accepted there."""
    return click.option("--lang", type=click.Choice(LANGUAGES), expose_value=False, is_eager=True,
                        help=help_text("opt.lang", env=LANG_ENV_VAR))(command)


def format_option(choices, default):
    return click.option("--format", "fmt", type=click.Choice(choices), default=default, show_default=True,
                        help=help_text("opt.format"))


def max_source_age_option(command):
    return click.option("--max-source-age", "max_source_age", type=click.IntRange(min=0), default=STALE_AFTER_MONTHS,
                        show_default=True, metavar=metavar("MONTHS"),
                        help=help_text("opt.max_source_age"))(command)


def as_of_option(command):
    @click.option("--as-of", "as_of", type=IsoDate(), default=None, help=help_text("opt.as_of"))
    @functools.wraps(command)
    def wrapper(*args, as_of=None, **kwargs):
        return command(*args, as_of=as_of or datetime.date.today(), **kwargs)
    return wrapper


_advisors: dict = {}


def load_advisor(kb_path) -> Advisor:
    """One Advisor per knowledge base and process."""
    key = str(kb_path)
    if key not in _advisors:
        _advisors[key] = Advisor.load(kb_path)
    return _advisors[key]
