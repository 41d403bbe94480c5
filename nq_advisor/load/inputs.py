"""Read an input document (YAML or JSON, a file or stdin) without guessing anything.

Both syntaxes go through the input policy of :mod:`nq_advisor.load.limits`
(size, UTF-8, depth, number of values, integer digits, string length) and
reject what they would otherwise silently accept: duplicate keys (JSON keeps
the last value) and ``NaN``/``Infinity`` (not JSON at all).
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from nq_advisor.errors import InputError, UsageError
from nq_advisor.load import limits
from nq_advisor.load.limits import LimitExceeded
from nq_advisor.load.yamlsource import load_yaml_text, plain


def read_document(path: str) -> tuple[object, str]:
    """Return (document, display name); '-' reads standard input."""
    if path == "-":
        name = "<stdin>"
        stream = getattr(sys.stdin, "buffer", None)
        if stream is None:  # a text stream put in place of stdin (tests, embedding)
            return parse_document(sys.stdin.read(limits.MAX_DOCUMENT_BYTES + 1), name), name
        data = stream.read(limits.MAX_DOCUMENT_BYTES + 1)
    else:
        file = Path(path)
        name = path
        try:
            with open(file, "rb") as handle:
                data = handle.read(limits.MAX_DOCUMENT_BYTES + 1)
        except FileNotFoundError:
            raise UsageError(f"{path}: file not found") from None
        except IsADirectoryError:
            raise UsageError(f"{path}: is a folder, not a file") from None
        except OSError as exc:
            raise UsageError(f"{path}: cannot read file: {exc.strerror}") from None
    return parse_bytes(data, name), name


def parse_bytes(data: bytes, name: str):
    """A document from raw bytes (a file, stdin, an HTTP body) under the input policy."""
    try:
        text = limits.decode_utf8(data)
    except LimitExceeded as exc:
        raise InputError([_located(exc)], name) from None
    return parse_document(text, name)


def parse_document(text: str, name: str):
    """A document from text: JSON when the name says so or it starts with '{' or '[', else YAML."""
    if len(text) > limits.MAX_DOCUMENT_BYTES:
        raise InputError([limits.too_large_message(len(text.encode("utf-8")))], name)
    if name.endswith(".json") or text.lstrip().startswith(("{", "[")):
        return parse_json(text, name)
    data, problems = load_yaml_text(text, name)
    if problems:
        raise InputError([f"line {p.line}: {p.message}" if p.line else p.message for p in problems], name)
    return plain(data)


def parse_json(text: str, name: str):
    """JSON under the input policy; every problem an InputError with its line."""
    try:
        value = json.loads(text, object_pairs_hook=_unique_keys, parse_int=_bounded_int,
                           parse_constant=_no_constant, parse_float=_finite_float)
        limits.check_depth_and_size(value)
    except json.JSONDecodeError as exc:
        raise InputError([f"line {exc.lineno}: invalid JSON: {exc.msg}"], name) from None
    except _DuplicateKey as exc:
        raise InputError([f"line {_key_line(text, exc.key)}: duplicate key '{exc.key}' "
                          "(the later value would silently win)"], name) from None
    except LimitExceeded as exc:
        if exc.line == 0:
            exc.line = _deep_line(text) if "nested" in exc.message else _first_line(text, _NUMBER_TROUBLE)
        raise InputError([_located(exc)], name) from None
    except RecursionError:
        raise InputError([f"line {_deep_line(text)}: nested deeper than {limits.MAX_DEPTH} levels"], name) from None
    return value


def _located(exc: LimitExceeded) -> str:
    return f"line {exc.line}: {exc.message}" if exc.line else exc.message


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
        raise LimitExceeded(f"number {literal[:40]} is too large")
    return value


def _no_constant(name: str):
    raise LimitExceeded(f"'{name}' is not a number in JSON")


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


def _deep_line(text: str) -> int:
    """The line where bracket nesting first exceeds MAX_DEPTH (strings skipped); 0 if it does not."""
    depth, in_string, escaped = 0, False, False
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
        elif char in "[{":
            depth += 1
            if depth > limits.MAX_DEPTH:
                return text.count("\n", 0, index) + 1
        elif char in "]}":
            depth -= 1
    return 0
