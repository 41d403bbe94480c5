"""User-facing errors: each knows its exit code and how to show itself."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable


@dataclass(frozen=True, order=True)
class Problem:
    """One located problem in a knowledge-base or input file.

    ``message`` is the English text; ``text`` (when set) the same message as a key and values
    (``nq_advisor.load.texts.Msg``), so that :meth:`format` can show it in the reader's language."""

    file: str
    line: int
    message: str
    text: object = field(default=None, compare=False, repr=False)

    def render(self, lang: str = "en") -> str:
        """The message in ``lang`` (German or English)."""
        return self.text.render(lang) if self.text is not None else self.message

    def format(self, lang: str = "en") -> str:
        """'file:line: message' in ``lang``."""
        message = self.render(lang)
        return f"{self.file}:{self.line}: {message}" if self.line else f"{self.file}: {message}"

    def __str__(self) -> str:
        return self.format("en")


class NqAdvisorError(Exception):
    """Base class of every error the user can cause; never shown as a traceback."""

    exit_code = 1

    def format(self) -> str:
        return str(self)


class KnowledgeBaseError(NqAdvisorError):
    """The knowledge base (YAML items, rules, scenarios) has one or more problems."""

    exit_code = 2  # bad input like any other: a knowledge base that does not validate

    def __init__(self, problems: Iterable[Problem], lang: str = "de"):
        self.problems = sorted(set(problems))
        self.lang = lang
        super().__init__(self.text(lang))

    def text(self, lang: str | None = None) -> str:
        """Every problem as 'file:line: message' in ``lang`` (the language the error was raised in)."""
        return "\n".join(p.format(lang or self.lang) for p in self.problems)

    def format(self, lang: str | None = None) -> str:
        lang = lang or self.lang
        count = len(self.problems)
        if lang == "de":
            return f"{self.text(lang)}\n{count} Problem{'e' if count != 1 else ''} in der Wissensbasis"
        return f"{self.text(lang)}\n{count} problem{'s' if count != 1 else ''} in the knowledge base"


class InputError(NqAdvisorError, ValueError):
    """Input facts were rejected: unknown field, wrong type, value out of range."""

    exit_code = 2

    def __init__(self, messages: Iterable[str], source: str = "input"):
        self.messages = list(messages)
        self.source = source
        super().__init__("\n".join(f"{source}: {m}" for m in self.messages))


class UsageError(NqAdvisorError, ValueError):
    """A command was called with a value it cannot use (unknown id, bad option value)."""

    exit_code = 2


def did_you_mean(word: str, candidates: Iterable[str], lang: str = "en") -> str:
    """Return ' (did you mean 'x'?)' for a close match, else an empty string."""
    import difflib  # only when needed: it is slow to import
    matches = difflib.get_close_matches(str(word), sorted(set(map(str, candidates))), n=1, cutoff=0.6)
    if not matches:
        return ""
    return f" (meinten Sie '{matches[0]}'?)" if lang == "de" else f" (did you mean '{matches[0]}'?)"


SHOWN_NAMES = 12  # an error lists at most this many allowed names


def short_list(names: Iterable[str], lang: str = "de", shown: int = SHOWN_NAMES) -> str:
    """'a, b, c' for a few names; the first ``shown`` and where to find all of them for many
    (never a 2,000-character line)."""
    from nq_advisor.i18n import t

    names = [str(n) for n in names]
    text = ", ".join(names[:shown])
    return text + t("allowed.more", lang, count=len(names)) if len(names) > shown else text


# why the system refused a file, in German (strerror is the C library's English)
_OS_REASONS_DE = {"EACCES": "keine Berechtigung", "EPERM": "nicht erlaubt", "ENOENT": "nicht vorhanden",
                  "ENOSPC": "kein Platz mehr auf dem Datenträger", "EROFS": "nur lesbares Dateisystem",
                  "EISDIR": "ist ein Ordner", "ENOTDIR": "ein Teil des Pfads ist kein Ordner",
                  "ENAMETOOLONG": "Name zu lang", "EEXIST": "besteht schon", "EBUSY": "belegt",
                  "EDQUOT": "Kontingent erschöpft", "EIO": "Ein-/Ausgabefehler"}


def os_reason(error: OSError, lang: str = "de") -> str:
    """Why an operating-system call failed, in ``lang`` (German for the usual reasons)."""
    import errno

    reason = error.strerror or str(error)
    if lang != "de":
        return reason
    return _OS_REASONS_DE.get(errno.errorcode.get(error.errno or 0, ""), reason)
