"""The web layer's own messages, German and English (one lookup, like i18n.t)."""
from __future__ import annotations

from nq_advisor.i18n import DEFAULT_LANGUAGE, translate

_TEXTS: dict[str, dict[str, str]] = {
    "body.not_json": {"de": "Der Inhalt ist kein gültiges JSON ({reason}).",
                      "en": "The body is not valid JSON ({reason})."},
    "body.not_utf8": {"de": "Der Inhalt ist kein UTF-8-Text.", "en": "The body is not UTF-8 text."},
    "body.too_deep": {"de": "Das JSON ist tiefer verschachtelt als erlaubt (höchstens {limit} Ebenen).",
                      "en": "The JSON is nested deeper than allowed (at most {limit} levels)."},
    "body.too_large": {"de": "Der Inhalt ist größer als erlaubt (höchstens {limit} Bytes).",
                       "en": "The body is larger than allowed (at most {limit} bytes)."},
    "body.not_object": {"de": "Erwartet wird ein JSON-Objekt mit den Schlüsseln {keys}.",
                        "en": "Expected a JSON object with the keys {keys}."},
    "body.unknown_key": {"de": "Unbekannter Schlüssel '{name}'; erlaubt: {keys}.",
                         "en": "Unknown key '{name}'; allowed: {keys}."},
    "body.missing_key": {"de": "'{name}' fehlt.", "en": "'{name}' is missing."},
    "body.content_type": {"de": "Erwartet wird Content-Type application/json.",
                          "en": "Expected Content-Type application/json."},
    "param.date": {"de": "'{value}' ist kein Datum; erlaubt: JJJJ-MM-TT.",
                   "en": "'{value}' is not a date; allowed: YYYY-MM-DD."},
    "param.choice": {"de": "'{value}' ist nicht erlaubt; erlaubt: {allowed}.",
                     "en": "'{value}' not allowed; allowed: {allowed}."},
    "param.unknown": {"de": "Unbekannter Parameter '{name}'; erlaubt: {allowed}.",
                      "en": "Unknown parameter '{name}'; allowed: {allowed}."},
    "field.not_string": {"de": "Der Feldname muss ein Text sein.", "en": "The field name must be a string."},
    "field.null": {"de": "Eine Antwort darf nicht null sein; zum Überspringen POST …/skips verwenden.",
                   "en": "An answer must not be null; to skip, use POST …/skips."},
    "facts.not_object": {"de": "'facts' muss ein Objekt aus Feldern und Werten sein.",
                         "en": "'facts' must be an object of fields and values."},
    "set.not_object": {"de": "'set' muss ein Objekt aus Feldern und neuen Werten sein.",
                       "en": "'set' must be an object of fields and new values."},
    "not_found.interview": {"de": "Keine Befragung mit dieser Kennung (nie angelegt, gelöscht oder abgelaufen).",
                            "en": "No interview with this id (never created, deleted, or expired)."},
    "not_found.item": {"de": "Kein Eintrag '{id}' in der Wissensbasis{hint}.",
                       "en": "No item '{id}' in the knowledge base{hint}."},
    "not_found.path": {"de": "Diesen Pfad gibt es nicht.", "en": "There is no such path."},
    "method": {"de": "Diese Methode ist hier nicht erlaubt; erlaubt: {allowed}.",
               "en": "This method is not allowed here; allowed: {allowed}."},
    "unauthorized": {"de": "Zugangstoken fehlt oder ist falsch (Authorization: Bearer <Token>).",
                     "en": "Access token missing or wrong (Authorization: Bearer <token>)."},
    "internal": {"de": "Interner Fehler; die Anfrage wurde nicht ausgeführt.",
                 "en": "Internal error; the request was not carried out."},
    "tokens.not_found": {"de": "--token-file {path}: Datei nicht gefunden", "en": "--token-file {path}: file not found"},
    "tokens.unreadable": {"de": "--token-file {path}: nicht lesbar ({reason})",
                          "en": "--token-file {path}: cannot read it ({reason})"},
    "tokens.too_short": {"de": "Zugangstoken brauchen mindestens 16 Zeichen ({count} zu kurz); eines erzeugen mit: "
                               "python3 -c 'import secrets; print(secrets.token_urlsafe(32))'",
                         "en": "access tokens must be at least 16 characters long ({count} too short); make one "
                               "with: python3 -c 'import secrets; print(secrets.token_urlsafe(32))'"},
    "stored.invalid": {"de": "Die gespeicherte Antwort zu '{field}' passt nicht mehr zur Wissensbasis und wird "
                             "nicht verwendet: {reason}",
                       "en": "The stored answer to '{field}' no longer fits the knowledge base and is not used: "
                             "{reason}"},
}


def text(key: str, lang: str = DEFAULT_LANGUAGE, **values: object) -> str:
    return translate(_TEXTS, key, lang, **values)
