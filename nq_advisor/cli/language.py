"""The language of one command-line invocation, for our texts and for click's own.

The language is known before click parses anything: ``--lang de|en`` anywhere on the command line,
else ``NQ_ADVISOR_LANG``, else German. That matters because click prints help and usage errors while
it parses, before any command runs. :func:`begin` (called by the group's ``main``) sets it, puts the
help texts of every command into it, and click's texts follow through :func:`install`.
"""
from __future__ import annotations

import datetime
import importlib
import os

import click

from nq_advisor.cli.click_texts import GERMAN
from nq_advisor.i18n import DEFAULT_LANGUAGE, LANGUAGES

LANG_ENV_VAR = "NQ_ADVISOR_LANG"

_state = {"lang": DEFAULT_LANGUAGE}


def detect(argv: list[str], environ=None) -> str:
    """'en' or 'de': ``--lang X`` / ``--lang=X`` on the command line first, then the environment."""
    return asked_for(argv, environ) or DEFAULT_LANGUAGE


def asked_for(argv: list[str], environ=None) -> str | None:
    """The language the user asked for on the command line or in the environment, or None."""
    for index, arg in enumerate(argv):
        if arg == "--":
            break
        if arg == "--lang" and index + 1 < len(argv) and argv[index + 1] in LANGUAGES:
            return argv[index + 1]
        if arg.startswith("--lang=") and arg.split("=", 1)[1] in LANGUAGES:
            return arg.split("=", 1)[1]
    env = (os.environ if environ is None else environ).get(LANG_ENV_VAR, "")
    return env if env in LANGUAGES else None


def invalid_env(argv: list[str], environ=None) -> str | None:
    """The value of NQ_ADVISOR_LANG when it is set, not a language we have, and in use: a ``--lang`` on
    the command line wins over the environment (as for any click option), so the variable is then not
    read at all. An empty variable counts as unset."""
    for arg in argv:
        if arg == "--":
            break
        if arg == "--lang" or arg.startswith("--lang="):
            return None  # click checks that value itself ("'xx' ist keines von 'de', 'en'")
    value = (os.environ if environ is None else environ).get(LANG_ENV_VAR, "")
    return value if value and value not in LANGUAGES else None


def invalid_env_message(value: str, lang: str | None = None) -> str:
    """The usage error for a bad NQ_ADVISOR_LANG, worded like click's for ``--lang xx``."""
    allowed = ", ".join(f"'{code}'" for code in LANGUAGES)
    return _ENV_ERROR[lang or current()].format(env=LANG_ENV_VAR, value=value, allowed=allowed)


_ENV_ERROR = {"de": "Ungültiger Wert für die Umgebungsvariable {env}: '{value}' ist keines von {allowed}. "
                    "Setzen Sie sie auf einen davon, entfernen Sie sie (unset {env}) oder geben Sie --lang an.",
              "en": "Invalid value for the environment variable {env}: '{value}' is not one of {allowed}. "
                    "Set it to one of them, remove it (unset {env}) or give --lang."}


def current() -> str:
    return _state["lang"]


def set_language(lang: str, asked: str | None = None) -> None:
    """``asked``: the language the user chose explicitly, if any (it overrides a session's own)."""
    _state["lang"] = lang if lang in LANGUAGES else DEFAULT_LANGUAGE
    _state["asked"] = asked if asked in LANGUAGES else None


def asked() -> str | None:
    """The language chosen with --lang or NQ_ADVISOR_LANG for this invocation, or None."""
    return _state.get("asked")


def gettext(message: str) -> str:
    return GERMAN.get(message, message) if _state["lang"] == "de" else message


def ngettext(singular: str, plural: str, count: int) -> str:
    return gettext(singular if count == 1 else plural)


CLICK_MODULES = ("core", "decorators", "exceptions", "formatting", "parser", "types", "termui", "utils",
                 "shell_completion", "_termui_impl")


def install() -> None:
    """Point click's gettext names at ours (click binds ``_``/``ngettext`` per module at import)."""
    for name in CLICK_MODULES:
        try:
            module = importlib.import_module(f"click.{name}")
        except ImportError:  # e.g. a platform-specific module
            continue
        if hasattr(module, "_"):
            module._ = gettext
        if hasattr(module, "ngettext"):
            module.ngettext = ngettext


# Placeholders in usage lines and help (metavars), per language.
METAVARS = {
    "FILE": {"de": "DATEI", "en": "FILE"},
    "DIR": {"de": "ORDNER", "en": "DIR"},
    "MONTHS": {"de": "MONATE", "en": "MONTHS"},
    "FIELD=VALUE": {"de": "FELD=WERT", "en": "FIELD=VALUE"},
    "INPUT": {"de": "EINGABE", "en": "INPUT"},
    "HISTORY": {"de": "VERLAUF", "en": "HISTORY"},
    "ITEM_ID": {"de": "ID", "en": "ITEM_ID"},
    "WHICH": {"de": "WAS", "en": "WHICH"},
    "SUBJECT": {"de": "GEGENSTAND", "en": "SUBJECT"},
    "N": {"de": "N", "en": "N"},
    "ADDRESS": {"de": "ADRESSE", "en": "ADDRESS"},
    "PORT": {"de": "PORT", "en": "PORT"},
    "DAYS": {"de": "TAGE", "en": "DAYS"},
    "NUMBER": {"de": "ZAHL", "en": "NUMBER"},
    "VALUE": {"de": "WERT", "en": "VALUE"},
    "DATE": {"de": "JJJJ-MM-TT", "en": "YYYY-MM-DD"},
    "[OPTIONS]": {"de": "[OPTIONEN]", "en": "[OPTIONS]"},
    "COMMAND [ARGS]...": {"de": "BEFEHL [ARGUMENTE]...", "en": "COMMAND [ARGS]..."},
}
_METAVAR_KEY = {text: key for key, texts in METAVARS.items() for text in texts.values()}


def metavar(key: str, lang: str | None = None) -> str:
    return METAVARS[key][lang or current()]


# click's own placeholders for a type without a metavar ("INTEGER RANGE", "TEXT"): ours instead
_TYPE_METAVARS = {"integer": "NUMBER", "integer range": "NUMBER", "float": "NUMBER", "float range": "NUMBER",
                  "text": "VALUE"}


def type_metavar(param: click.Parameter) -> str | None:
    """The key of METAVARS for an option or argument that click would show by its type's English name."""
    if param.metavar is not None or getattr(param, "is_flag", False) or isinstance(param, click.Argument):
        return None
    return _TYPE_METAVARS.get(getattr(param.type, "name", ""))


def localize_metavar(text: str | None, lang: str) -> str | None:
    key = _METAVAR_KEY.get(text) if text else None
    return METAVARS[key][lang] if key else text


class IsoDate(click.ParamType):
    """A calendar date written JJJJ-MM-TT / YYYY-MM-DD; a bad one is one line naming that form."""

    name = "date"

    def get_metavar(self, param, ctx=None):  # click >= 8.2 passes ctx
        return metavar("DATE")

    def convert(self, value, param, ctx):
        if isinstance(value, datetime.date):
            return value
        text = str(value).strip()
        try:
            if len(text) != 10:
                raise ValueError
            return datetime.date.fromisoformat(text)
        except ValueError:
            self.fail(_DATE_ERROR[current()].format(value=value), param, ctx)


_DATE_ERROR = {"de": "'{value}' ist kein Datum der Form JJJJ-MM-TT (z. B. 2026-11-23).",
               "en": "'{value}' is not a date of the form YYYY-MM-DD (e.g. 2026-11-23)."}
