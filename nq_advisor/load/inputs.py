"""Read an input document (YAML or JSON, a file or stdin) without guessing anything."""
from __future__ import annotations

import json
import sys
from pathlib import Path

from nq_advisor.errors import InputError, UsageError
from nq_advisor.load.yamlsource import load_yaml_text, plain


def read_document(path: str) -> tuple[object, str]:
    """Return (document, display name); '-' reads standard input."""
    if path == "-":
        text, name = sys.stdin.read(), "<stdin>"
    else:
        file = Path(path)
        try:
            text = file.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise UsageError(f"{path}: file not found") from None
        except UnicodeDecodeError:
            raise InputError(["not UTF-8 text"], path) from None
        except OSError as exc:
            raise UsageError(f"{path}: cannot read file: {exc.strerror}") from None
        name = path
    return parse_document(text, name), name


def parse_document(text: str, name: str):
    if name.endswith(".json") or text.lstrip().startswith(("{", "[")):
        try:
            return json.loads(text)
        except json.JSONDecodeError as exc:
            raise InputError([f"line {exc.lineno}: invalid JSON: {exc.msg}"], name) from None
    data, problems = load_yaml_text(text, name)
    if problems:
        raise InputError([f"line {p.line}: {p.message}" for p in problems], name)
    return plain(data)
