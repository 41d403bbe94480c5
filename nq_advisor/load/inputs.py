"""Read an input document (YAML or JSON, a file or stdin) without guessing anything.

Both syntaxes go through the input policy of :mod:`nq_advisor.load.limits`
(size, UTF-8, depth, number of values, integer digits, string length) and
reject what they would otherwise silently accept: duplicate keys (JSON keeps
the last value) and ``NaN``/``Infinity`` (not JSON at all).
Every problem is one message in the user's language naming the file (and line), with a hint at the
usual cause where there is one (a comma after the last entry of a JSON object, single quotes).
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from nq_advisor.errors import InputError, UsageError
from nq_advisor.load import limits
from nq_advisor.load.limits import LimitExceeded
from nq_advisor.i18n import t
from nq_advisor.load.texts import Msg, at_line, os_reason
from nq_advisor.load.yamlsource import load_yaml_text, plain


def read_document(path: str, lang: str = "de") -> tuple[object, str]:
    """Return (document, display name); '-' reads standard input."""
    if path == "-":
        name = "<stdin>"
        stream = getattr(sys.stdin, "buffer", None)
        if stream is None:  # a text stream put in place of stdin (tests, embedding)
            return parse_document(sys.stdin.read(limits.MAX_DOCUMENT_BYTES + 1), name, lang), name
        data = stream.read(limits.MAX_DOCUMENT_BYTES + 1)
    else:
        file = Path(path)
        name = path
        try:
            with open(file, "rb") as handle:
                data = handle.read(limits.MAX_DOCUMENT_BYTES + 1)
        except FileNotFoundError:
            raise UsageError(t("input.file_not_found", lang, path=path)) from None
        except IsADirectoryError:
            raise UsageError(t("input.is_folder", lang, path=path)) from None
        except OSError as exc:
            raise UsageError(t("input.cannot_read", lang, path=path, reason=os_reason(exc).render(lang))) from None
    return parse_bytes(data, name, lang), name


def parse_bytes(data: bytes, name: str, lang: str = "de"):
    """A document from raw bytes (a file, stdin, an HTTP body) under the input policy."""
    try:
        text = limits.decode_utf8(data)
    except LimitExceeded as exc:
        raise InputError([at_line(exc, lang)], name) from None
    return parse_document(text, name, lang)


def parse_document(text: str, name: str, lang: str = "de"):
    """A document from text: JSON when the name says so or it starts with '{' or '[', else YAML."""
    if not text.strip():  # one message for an empty file and empty input, JSON or YAML
        raise InputError([t("input.empty", lang)], name)
    if len(text) > limits.MAX_DOCUMENT_BYTES:
        raise InputError([limits.too_large_message(len(text.encode("utf-8"))).render(lang)], name)
    if name.endswith(".json") or text.lstrip().startswith(("{", "[")):
        return parse_json(text, name, lang)
    data, problems = load_yaml_text(text, name)
    if problems:
        raise InputError([at_line(p, lang) for p in problems], name)
    return plain(data)


def parse_json(text: str, name: str, lang: str = "de"):
    """JSON under the input policy; every problem an InputError with its line."""
    try:
        value = json.loads(text, object_pairs_hook=_unique_keys, parse_int=_bounded_int,
                           parse_constant=_no_constant, parse_float=_finite_float)
        limits.check_depth_and_size(value)
    except json.JSONDecodeError as exc:
        raise InputError([json_problem(text, exc, lang)], name) from None
    except _DuplicateKey as exc:
        raise InputError([t("input.line", lang, line=_key_line(text, exc.key),
                            message=t("input.duplicate_key", lang, name=exc.key))], name) from None
    except LimitExceeded as exc:
        if exc.line == 0:
            exc.line = _deep_line(text) if "nested" in exc.message else _first_line(text, _NUMBER_TROUBLE)
        raise InputError([at_line(exc, lang)], name) from None
    except RecursionError:
        deep = LimitExceeded(Msg("limit.depth", limit=limits.MAX_DEPTH), _deep_line(text))
        raise InputError([at_line(deep, lang)], name) from None
    return value


class _DuplicateKey(ValueError):
    def __init__(self, key: str):
        super().__init__(key)
        self.key = key


def _unique_keys(pairs):
    result = {}
    for key, value in pairs:
        if key in result:
            raise _DuplicateKey(key)
        result[key] = value
    return result


def _bounded_int(literal: str) -> int:
    limits.check_int_literal(literal)
    return int(literal)


def _finite_float(literal: str) -> float:
    value = float(literal)
    if value in (float("inf"), float("-inf")):
        raise LimitExceeded(Msg("limit.float", literal=literal[:40]))
    return value


def _no_constant(name: str):
    raise LimitExceeded(Msg("limit.constant", name=name))


def _key_line(text: str, key: str) -> int:
    """The line of the second occurrence of ``"key":`` (where the duplicate is), 0 if not found."""
    matches = list(re.finditer(re.escape(json.dumps(key)) + r"\s*:", text))
    if len(matches) < 2:
        return 0
    return text.count("\n", 0, matches[1].start()) + 1


_NUMBER_TROUBLE = re.compile(r"[0-9]{%d,}|NaN|-?Infinity|[0-9.]+[eE][+-]?[0-9]{3,}" % (limits.MAX_INT_DIGITS + 1))


def _first_line(text: str, pattern: re.Pattern) -> int:
    """The line of the first match of ``pattern`` (for problems the JSON hooks cannot locate), 0 if none."""
    match = pattern.search(text)
    return text.count("\n", 0, match.start()) + 1 if match else 0


def _unclosed_bracket(text: str) -> str | None:
    """The closing bracket the innermost bracket still open at the end of ``text`` needs, or None when
    every bracket is closed (or the text ends inside a string)."""
    open_brackets = []
    for _, char in _brackets(text):
        if char == '"':
            return None
        if char in "[{":
            open_brackets.append("]" if char == "[" else "}")
        elif open_brackets:
            open_brackets.pop()
    return open_brackets[-1] if open_brackets else None


def _deep_line(text: str) -> int:
    """The line where bracket nesting first exceeds MAX_DEPTH (strings skipped); 0 if it does not."""
    depth = 0
    for index, char in _brackets(text):
        if char in "[{":
            depth += 1
            if depth > limits.MAX_DEPTH:
                return text.count("\n", 0, index) + 1
        elif char in "]}":
            depth -= 1
    return 0


def _brackets(text: str):
    """(index, bracket) of every bracket outside JSON strings; a last (len(text), '"') when the text
    ends inside a string."""
    in_string, escaped = False, False
    for index, char in enumerate(text):
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[]{}":
            yield index, char
    if in_string:
        yield len(text), '"'


# json's messages (Python 3.11-3.13) in German
_JSON_REASONS_DE = {
    "Expecting value": "Wert erwartet",
    "Expecting property name enclosed in double quotes": "Feldname in doppelten Anführungszeichen erwartet",
    "Expecting ',' delimiter": "',' erwartet",
    "Expecting ':' delimiter": "':' erwartet",
    "Extra data": "weitere Daten nach dem Ende des Dokuments",
    "Unterminated string starting at": "nicht abgeschlossene Zeichenkette",
    "Invalid control character at": "ungültiges Steuerzeichen",
    "Invalid \\escape": "ungültige Escape-Folge",
    "Invalid \\uXXXX escape": "ungültige Escape-Folge \\uXXXX",
}


def json_problem(text: str, exc: json.JSONDecodeError, lang: str) -> str:
    """'line L, column C: invalid JSON: reason' in ``lang``, with a hint at the likely cause."""
    exc = _same_on_every_python(text, exc)
    return json_reason(text, exc, lang, t("input.bad_json", lang, line=exc.lineno, column=exc.colno, reason="{reason}",
                                          hint="{hint}"))


def _same_on_every_python(text: str, exc: json.JSONDecodeError) -> json.JSONDecodeError:
    """A comma after the last entry, located at the comma: Python 3.13 says so itself, older ones
    complain about the bracket after it. Counsellors get one message whichever Python runs."""
    if exc.msg.startswith(_TRAILING_COMMA):
        return exc
    before, after = text[:exc.pos].rstrip(), text[exc.pos:].lstrip()
    if before.endswith(",") and after[:1] in ("}", "]"):
        kind = "object" if after[0] == "}" else "array"
        return json.JSONDecodeError(f"{_TRAILING_COMMA} before end of {kind}", text, len(before) - 1)
    return exc


_TRAILING_COMMA = "Illegal trailing comma"  # Python 3.13's words


def json_reason(text: str, exc: json.JSONDecodeError, lang: str, form: str = "") -> str:
    """Why ``text`` is not JSON, in ``lang`` (never Python's English in German), with a hint at the
    likely cause; ``form`` places reason and hint (default: 'line L, column C: reason – hint')."""
    exc = _same_on_every_python(text, exc)
    trailing_comma = exc.msg.startswith(_TRAILING_COMMA)
    reason = Msg("json.unknown_reason", reason=exc.msg).render(lang)  # never Python's English in German
    if trailing_comma:
        reason = t("input.json_trailing_comma", lang)  # says it all: no hint needed
    elif lang == "de" and exc.msg in _JSON_REASONS_DE:
        reason = _JSON_REASONS_DE[exc.msg]
    ends_early = not text[exc.pos:].strip() and exc.msg != "Expecting value"
    closing = _unclosed_bracket(text) if ends_early and not trailing_comma else None
    if closing:  # Python asks for the ',' that could follow; what is missing is the bracket
        reason = Msg("json.missing_bracket", bracket=closing).render(lang)
    hint = "" if trailing_comma else _json_hint(text, exc, lang)
    if not form:
        form = Msg("json.where", line=exc.lineno, column=exc.colno).render(lang) + "{reason}{hint}"
    return form.replace("{reason}", reason).replace("{hint}", hint)


def _json_hint(text: str, exc: json.JSONDecodeError, lang: str) -> str:
    """' – the usual cause' of a JSON error where there is one (quotes, an unclosed bracket), else ''."""
    at = text[exc.pos:exc.pos + 1]
    if at == "'" or (exc.msg.startswith("Expecting property name") and text[exc.pos:].lstrip()[:1] == "'"):
        return t("input.json_single_quotes", lang)
    if exc.msg.startswith(("Expecting value", "Expecting property name")) and at.isalpha() \
            and text[exc.pos:exc.pos + 4] not in ("true", "null") and text[exc.pos:exc.pos + 5] != "false":
        return Msg("json.hint.unquoted").render(lang)
    if not text[exc.pos:].strip() and exc.msg != "Expecting value":
        return Msg("json.hint.unclosed").render(lang)
    return ""
