"""Read an input document (YAML or JSON, a file or stdin) without guessing anything.

Every problem is one message in the user's language naming the file (and line), with a hint at the
usual cause where there is one (a comma after the last entry of a JSON object, single quotes).
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

from nq_advisor.errors import InputError, UsageError
from nq_advisor.i18n import t
from nq_advisor.load.yamlsource import load_yaml_text, plain


def read_document(path: str, lang: str = "de") -> tuple[object, str]:
    """Return (document, display name); '-' reads standard input."""
    if path == "-":
        text, name = sys.stdin.read(), "<stdin>"
    else:
        file = Path(path)
        try:
            text = file.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise UsageError(t("input.file_not_found", lang, path=path)) from None
        except IsADirectoryError:
            raise UsageError(t("input.is_folder", lang, path=path)) from None
        except UnicodeDecodeError:
            raise InputError([t("input.not_utf8", lang)], path) from None
        except OSError as exc:
            raise UsageError(t("input.cannot_read", lang, path=path, reason=exc.strerror or exc)) from None
        name = path
    return parse_document(text, name, lang), name


def parse_document(text: str, name: str, lang: str = "de"):
    if name.endswith(".json") or text.lstrip().startswith(("{", "[")):
        try:
            return json.loads(text)
        except json.JSONDecodeError as exc:
            raise InputError([json_problem(text, exc, lang)], name) from None
    data, problems = load_yaml_text(text, name)
    if problems:
        raise InputError([t("input.line", lang, line=p.line, message=yaml_problem(p.message, lang))
                          for p in problems], name)
    return plain(data)


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
    "Illegal trailing comma before end of object": "Komma vor dem Ende des Objekts",
    "Illegal trailing comma before end of array": "Komma vor dem Ende der Liste",  # Python >= 3.13
}


def json_problem(text: str, exc: json.JSONDecodeError, lang: str) -> str:
    """'line L, column C: invalid JSON: reason' in ``lang``, with a hint at the likely cause."""
    reason = _JSON_REASONS_DE.get(exc.msg, exc.msg) if lang == "de" else exc.msg
    before = text[:exc.pos].rstrip()
    at = text[exc.pos:exc.pos + 1]
    hint = ""
    if exc.msg.startswith("Illegal trailing comma") or (  # Python >= 3.13 names it, older ones do not
            before.endswith(",") and text[exc.pos:].lstrip()[:1] in ("}", "]")):
        hint = t("input.json_trailing_comma", lang)
    elif at == "'" or (exc.msg.startswith("Expecting property name") and text[exc.pos:].lstrip()[:1] == "'"):
        hint = t("input.json_single_quotes", lang)
    return t("input.bad_json", lang, line=exc.lineno, column=exc.colno, reason=reason, hint=hint)


_YAML_REASONS_DE = {
    "mapping values are not allowed here": "hier ist kein 'Schlüssel: Wert' erlaubt (Einrückung oder ':' prüfen)",
    "could not find expected ':'": "':' erwartet",
    "did not find expected key": "Schlüssel erwartet (Einrückung prüfen)",
    "did not find expected '-' indicator": "'-' erwartet (Einrückung der Liste prüfen)",
    "did not find expected ',' or ']'": "',' oder ']' erwartet",
    "did not find expected ',' or '}'": "',' oder '}' erwartet",
    "found character '\\t' that cannot start any token": "Tabulator gefunden; YAML rückt mit Leerzeichen ein",
    "found undefined alias": "unbekannter Verweis (Alias)",
    "found unexpected end of stream": "unerwartetes Ende der Datei",
    "expected a single document in the stream": "mehr als ein Dokument in der Datei",
    "found unknown escape character": "unbekannte Escape-Folge",
}


def yaml_problem(message: str, lang: str) -> str:
    """A problem of yamlsource ('invalid YAML: reason', 'duplicate key ...') in ``lang``."""
    if lang != "de":
        return message
    if message.startswith("invalid YAML: "):
        reason = message[len("invalid YAML: "):]
        return t("input.bad_yaml", lang, reason=_YAML_REASONS_DE.get(reason, reason))
    if message.startswith("duplicate key '"):
        key = message.split("'")[1]
        return t("input.duplicate_key", lang, name=key)
    return message
