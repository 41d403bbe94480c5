"""Messages of the load stage in German and English, kept as a key and values until they are shown.

A knowledge-base problem or a broken input limit is found deep in loading, where the reader's
language is not known (and the validated knowledge base is cached for every language).  So the
problem carries a :class:`Msg`; the edge that prints it (``kb validate``, the error handler of the
command line, the Python API's errors) renders it with ``Msg.render(lang)``.  ``str()`` of a
message, and ``Problem.message``, stay the English text, so logs and existing callers read as before.
The catalogue is split over this module (knowledge files, input documents, limits, YAML and JSON)
and :mod:`nq_advisor.load.rule_texts` (rules, conditions, wording blocks, scenarios).
"""
from __future__ import annotations

import re
from typing import Iterable

from nq_advisor.errors import Problem, os_reason as _worded_os_reason
from nq_advisor.load.rule_texts import RULE_TEXTS

TEXTS: dict[str, dict[str, str]] = {
    # parts that are put together: what a problem is about, hints, the located line
    "what.item": {"de": "Eintrag '{id}' ({kind})", "en": "{kind} '{id}'"},
    "what.key": {"de": "{what}: '{key}'", "en": "{what}: '{key}'"},
    "what.path": {"de": "{what}.{path}", "en": "{what}.{path}"},
    "what.source": {"de": "Quelle", "en": "source"},
    "what.requirement": {"de": "Anforderung", "en": "requirement"},
    "what.parameter_value": {"de": "Parameterwert", "en": "parameter value"},
    "what.field": {"de": "Feld '{id}'", "en": "field '{id}'"},
    "what.field_key": {"de": "Feld '{id}': {key}", "en": "field '{id}': {key}"},
    "hint.did_you_mean": {"de": " (meinten Sie '{value}'?)", "en": " (did you mean '{value}'?)"},
    "located.line": {"de": "Zeile {line}: {message}", "en": "line {line}: {message}"},
    # shapes of knowledge items (load/shapes.py)
    "shape.unknown_key": {"de": "unbekannter Schlüssel '{key}' in {what}{hint}; erlaubt: {allowed}",
                          "en": "unknown key '{key}' in {what}{hint}; allowed: {allowed}"},
    "shape.missing_key": {"de": "{what}: Pflichtschlüssel '{key}' fehlt", "en": "{what}: missing required key '{key}'"},
    "shape.list_of": {"de": "{what} muss eine Liste sein aus: {allowed}", "en": "{what} must be a list of: {allowed}"},
    "shape.one_of": {"de": "{what} muss einer dieser Werte sein: {allowed}; nicht {value}",
                     "en": "{what} must be one of: {allowed}; not {value}"},
    "shape.unknown_value": {"de": "{what}: unbekannter Wert '{value}'{hint}; erlaubt: {allowed}",
                            "en": "{what}: unknown value '{value}'{hint}; allowed: {allowed}"},
    "shape.bad_id": {"de": "{what}: {value} ist keine gültige ID (erlaubt: Kleinbuchstaben a-z, Ziffern, _)",
                     "en": "{what}: {value} is not a valid id (lower-case ASCII letters, digits, _)"},
    "shape.ids": {"de": "{what} muss eine Liste von IDs sein", "en": "{what} must be a list of ids"},
    "shape.str": {"de": "{what} muss ein nicht leerer Text sein", "en": "{what} must be a non-empty text"},
    "shape.strs": {"de": "{what} muss eine Liste von Texten sein", "en": "{what} must be a list of texts"},
    "shape.int": {"de": "{what} muss eine ganze Zahl sein, nicht {value}", "en": "{what} must be an integer, not {value}"},
    "shape.bool": {"de": "{what} muss true oder false sein, nicht {value}",
                   "en": "{what} must be true or false, not {value}"},
    "shape.value_titles": {"de": "{what} muss jedem Wert einen Text {{de, en}} zuordnen",
                           "en": "{what} must be a mapping of values to {{de, en}} texts"},
    "shape.date": {"de": "{what}: '{value}' ist kein gültiges Datum (JJJJ-MM-TT)",
                   "en": "{what}: '{value}' is not a valid date (YYYY-MM-DD)"},
    "shape.text": {"de": "{what} muss eine Zuordnung mit den Texten 'de' und 'en' sein",
                   "en": "{what} must be a mapping with 'de' and 'en' texts"},
    "shape.text_missing": {"de": "{what} braucht einen nicht leeren Text '{lang}'",
                           "en": "{what} needs a non-empty '{lang}' text"},
    "shape.text_language": {"de": "{what}: unbekannte Sprache '{key}'; erlaubt: de, en",
                            "en": "{what}: unknown language '{key}'; allowed: de, en"},
    "shape.texts": {"de": "{what} muss eine Liste von Texten {{de, en}} sein", "en": "{what} must be a list of {{de, en}} texts"},
    "shape.sources": {"de": "{what} muss eine nicht leere Liste von {{url, checked}} sein",
                      "en": "{what} must be a non-empty list of {{url, checked}}"},
    "shape.source": {"de": "{what}: jede Quelle braucht 'url' und 'checked' (Datum)",
                     "en": "{what}: each source needs 'url' and 'checked' (date)"},
    "shape.url": {"de": "Quell-URL '{url}' muss mit https:// oder http:// beginnen",
                  "en": "source url '{url}' must start with https:// or http://"},
    "shape.partner_roles": {"de": "{what} muss Partner-IDs je einen Text {{de, en}} zuordnen",
                            "en": "{what} must be a mapping of partner ids to {{de, en}} texts"},
    "shape.unknown_partner": {"de": "{what}: unbekannter Partner '{partner}'{hint}; erlaubt: {allowed}",
                              "en": "{what}: unknown partner '{partner}'{hint}; allowed: {allowed}"},
    "shape.requirements": {"de": "{what} muss eine Liste von {{text, legal_basis}} sein",
                           "en": "{what} must be a list of {{text, legal_basis}}"},
    "shape.requirement": {"de": "{what}: jede Anforderung braucht 'text'", "en": "{what}: each requirement needs a 'text'"},
    "shape.param_values": {"de": "{what} muss eine nicht leere Liste von Einträgen {{from, value}} sein",
                           "en": "{what} must be a non-empty list of {{from, value}} entries"},
    "shape.param_entry": {"de": "{what}: jeder Eintrag braucht 'from' und 'value'",
                          "en": "{what}: each entry needs 'from' and 'value'"},
    "shape.param_value": {"de": "Parameterwert muss eine endliche Zahl, ein Text, true/false, eine Liste oder eine "
                                "Zuordnung davon sein, nicht {value}",
                          "en": "parameter value must be a finite number, a text, true/false, a list or a mapping "
                                "of those, not {value}"},
    "shape.until_before_from": {"de": "'until' {end} liegt vor 'from' {start}", "en": "'until' {end} lies before 'from' {start}"},
    "shape.overlap": {"de": "Wert ab {start} überschneidet den vorigen Wert", "en": "value from {start} overlaps the previous value"},
    # the knowledge base as a whole (load/loader.py)
    "kb.no_such_folder": {"de": "keine Wissensbasis: den Ordner gibt es nicht", "en": "not a knowledge base: no such folder"},
    "kb.not_a_folder": {"de": "keine Wissensbasis: das ist kein Ordner", "en": "not a knowledge base: not a folder"},
    "kb.not_a_kb": {"de": "keine Wissensbasis: die Ordner 'knowledge' und 'rules' fehlen",
                    "en": "not a knowledge base: expected the folders 'knowledge' and 'rules'"},
    "kb.file_not_list": {"de": "eine Wissensdatei muss eine Liste von Einträgen sein",
                         "en": "a knowledge file must be a list of items"},
    "kb.item_not_mapping": {"de": "jeder Eintrag muss eine Zuordnung mit id, kind, title sein",
                            "en": "each item must be a mapping with id, kind, title"},
    "kb.comments_only": {"de": "leere Datei (nur Kommentare): hier gehört eine Liste von Einträgen hin",
                         "en": "empty file (only comments): expected a list of items"},
    "kb.empty_file": {"de": "leere Datei: hier gehört eine Liste von Einträgen hin", "en": "empty file: expected a list of items"},
    "kb.unknown_kind": {"de": "Eintrag '{id}': unbekannte Art (kind) {kind}{hint}; erlaubt: {allowed}",
                        "en": "item '{id}': unknown kind {kind}{hint}; allowed: {allowed}"},
    "kb.valid_until_before": {"de": "{what}: valid_until {end} liegt vor valid_from {start}",
                              "en": "{what}: valid_until {end} lies before valid_from {start}"},
    "kb.duplicate_id": {"de": "ID '{id}' doppelt (zuerst festgelegt in {where})",
                        "en": "duplicate id '{id}' (first defined at {where})"},
    "kb.successor_from": {"de": "{what}: 'successors' braucht 'successor_from' (den Tag, ab dem der Nachfolger gilt)",
                          "en": "{what}: 'successors' needs 'successor_from' (the day the successor took over)"},
    "kb.unknown_ref": {"de": "{what} verweist auf den unbekannten Eintrag '{ref}'{hint}",
                       "en": "{what} refers to unknown item '{ref}'{hint}"},
    "kb.wrong_kind": {"de": "'{ref}' ist von der Art (kind) {kind}, gebraucht wird {expected}",
                      "en": "'{ref}' is a {kind}, expected a {expected}"},
    "kb.max_below_min": {"de": "{what}: max {high} liegt unter min {low}", "en": "{what}: max {high} is below min {low}"},
    "kb.field_needs": {"de": "{what} vom Typ {type} braucht {needs}", "en": "{what} of type {type} needs {needs}"},
    "kb.or": {"de": "'{a}' oder '{b}'", "en": "'{a}' or '{b}'"},
    "kb.unknown_ref_kind": {"de": "{what}: unbekannte ref_kind '{ref_kind}'{hint}",
                            "en": "{what}: unknown ref_kind '{ref_kind}'{hint}"},
    "kb.absent_means": {"de": "{what}: absent_means: never braucht type int (eine Anzahl von Zeiteinheiten)",
                        "en": "{what}: absent_means: never needs type int (a count of time units)"},
    "kb.duplicate_rule": {"de": "Regel-ID '{id}' doppelt (zuerst festgelegt in {where})",
                          "en": "duplicate rule id '{id}' (first defined at {where})"},
    "kb.cycle": {"de": "die abgeleitete Tatsache '{name}' hängt von sich selbst ab (Zirkel)",
                 "en": "derived fact '{name}' depends on itself (cycle)"},
    # input policy (load/limits.py, load/inputs.py)
    "limit.too_large": {"de": "Dokument zu groß: {size} Bytes (höchstens {limit} Bytes)",
                        "en": "document too large: {size} bytes (limit {limit} bytes)"},
    "limit.not_utf8": {"de": "kein UTF-8-Text: Byte 0x{byte} in Zeile {line}; bitte die Datei als UTF-8 speichern",
                       "en": "not UTF-8 text: byte 0x{byte} at line {line}; save the file as UTF-8"},
    "limit.int_digits": {"de": "ganze Zahl mit {digits} Stellen (höchstens {limit} Stellen)",
                         "en": "integer with {digits} digits (limit {limit} digits)"},
    "limit.string": {"de": "Text mit {length} Zeichen (höchstens {limit})", "en": "text of {length} characters (limit {limit})"},
    "limit.nodes": {"de": "mehr als {limit} Werte in einem Dokument", "en": "more than {limit} values in one document"},
    "limit.depth": {"de": "tiefer als {limit} Ebenen verschachtelt", "en": "nested deeper than {limit} levels"},
    "limit.aliases": {"de": "mehr als {limit} Werte (YAML-Verweise bei jeder Verwendung gezählt); Abbruch",
                      "en": "more than {limit} values (YAML aliases counted at every use); refusing to expand further"},
    "limit.tag": {"de": "YAML-Tag '{tag}' wird nicht unterstützt (nur schlichte {what})",
                  "en": "unsupported YAML tag '{tag}' (plain {what} only)"},
    "limit.tag.lists": {"de": "Listen", "en": "lists"},
    "limit.tag.mappings": {"de": "Zuordnungen", "en": "mappings"},
    "limit.float": {"de": "Zahl {literal} ist zu groß", "en": "number {literal} is too large"},
    "limit.constant": {"de": "'{name}' ist in JSON keine Zahl", "en": "'{name}' is not a number in JSON"},
    # YAML and files (load/yamlsource.py)
    "yaml.invalid": {"de": "ungültiges YAML: {reason}", "en": "invalid YAML: {reason}"},
    "yaml.invalid_value": {"de": "ein Wert lässt sich nicht lesen (ungültiges YAML)", "en": "invalid YAML value: {reason}"},
    "yaml.duplicate_key": {"de": "Schlüssel '{key}' doppelt (der spätere Wert würde stillschweigend gelten)",
                           "en": "duplicate key '{key}' (the later value would silently win)"},
    "yaml.cannot_read": {"de": "Datei nicht lesbar: {reason}", "en": "cannot read file: {reason}"},
    "yaml.in_item": {"de": "{message} (in diesem Eintrag; bemerkt in Zeile {line})",
                     "en": "{message} (in this item; noticed at line {line})"},
    "yaml.unknown_reason": {"de": "Syntaxfehler (Einrückung, ':' nach Schlüsseln, Klammern und Anführungszeichen prüfen)",
                            "en": "{reason}"},
    "yaml.reason": {"de": "{de}", "en": "{reason}"},
    "json.where": {"de": "Zeile {line}, Spalte {column}: ", "en": "line {line}, column {column}: "},
    "json.unknown_reason": {"de": "Syntaxfehler", "en": "{reason}"},
    "json.hint.unquoted": {"de": " – Text steht in JSON in doppelten Anführungszeichen (\"...\")",
                           "en": " – text in JSON needs double quotes (\"...\")"},
    "json.missing_bracket": {"de": "schließende '{bracket}' fehlt", "en": "closing '{bracket}' missing"},
    "json.hint.unclosed": {"de": " – die Datei endet, bevor alle Klammern geschlossen sind",
                           "en": " – the file ends before every bracket is closed"},
    "os.reason": {"de": "{de}", "en": "{reason}"},
}
TEXTS.update(RULE_TEXTS)

# PyYAML's (and libyaml's) reasons in German; the English original is kept for English readers
_YAML_REASONS_DE = [
    (r"mapping values are not allowed (here|in this context)", "hier ist kein 'Schlüssel: Wert' erlaubt (Einrückung "
                                                               "oder ':' prüfen; Text mit ': ' in Anführungszeichen setzen)"),
    (r"could not find expected ':'", "':' nach dem Schlüssel fehlt"),
    (r"did not find expected key", "Schlüssel erwartet (Einrückung prüfen)"),
    (r"did not find expected '-' indicator", "'-' erwartet (Einrückung der Liste prüfen)"),
    (r"did not find expected ',' or '\]'", "',' oder ']' erwartet (Klammer nicht geschlossen?)"),
    (r"did not find expected ',' or '\}'", "',' oder '}' erwartet (Klammer nicht geschlossen?)"),
    (r"did not find expected node content", "Wert erwartet"),
    (r"found character '\\t' that cannot start any token|found a tab character.*",
     "Tabulator gefunden; YAML rückt mit Leerzeichen ein"),
    (r"found character( .*)? that cannot start any token", "Zeichen, mit dem nichts beginnen kann (YAML rückt mit "
                                                           "Leerzeichen ein, nicht mit Tabulatoren; sonst Text in "
                                                           "Anführungszeichen setzen)"),
    (r"found undefined alias.*", "unbekannter Verweis (Alias)"),
    (r"found duplicate anchor.*|second occurrence", "Anker doppelt (ein '&Name' kommt zweimal vor)"),
    (r"found incompatible YAML document|incompatible %YAML directive", "YAML-Version wird nicht unterstützt"),
    (r"found unexpected end of stream", "unerwartetes Ende der Datei (Anführungszeichen oder Klammer nicht geschlossen?)"),
    (r"found unexpected ':'", "unerwartetes ':'"),
    (r"expected a single document in the stream|but found another document", "mehr als ein Dokument in der Datei"),
    (r"found unknown escape character.*", "unbekannte Escape-Folge"),
    (r"found unexpected document indicator", "unerwartete Dokumentgrenze ('---' oder '...')"),
    (r"block sequence entries are not allowed( here| in this context)?", "hier ist kein Listeneintrag '- ' erlaubt "
                                                                         "(Einrückung prüfen)"),
    (r"mapping keys are not allowed( here| in this context)?", "hier ist kein Schlüssel erlaubt (Einrückung prüfen)"),
    (r"recursive alias \(a node that contains itself\)", "Verweis, der sich selbst enthält"),
    (r"could not determine a constructor for the tag.*", "unbekannter YAML-Tag"),
    (r"expected .*, but found .*", "unerwartetes Zeichen (Einrückung, Klammern und Anführungszeichen prüfen)"),
    (r"control characters are not allowed|.*(incorrect|invalid).*(octet|UTF-8|Unicode).*", "ungültiges Zeichen"),
]
_YAML_PATTERNS: list = []  # compiled on the first YAML error (not at every start)


class Msg:
    """A message: a catalogue key and its values (which may be messages themselves)."""

    __slots__ = ("key", "values")

    def __init__(self, key: str, /, **values: object):
        if key not in TEXTS:
            raise KeyError(key)
        self.key = key
        self.values = values

    def render(self, lang: str = "en") -> str:
        entry = TEXTS[self.key]
        text = entry.get(lang) or entry["de"]
        return text.format(**{name: render(value, lang) for name, value in self.values.items()})

    def __str__(self) -> str:
        return self.render("en")

    def __repr__(self) -> str:
        return f"Msg({self.key!r}, {self.values!r})"


def render(value: object, lang: str = "en") -> object:
    """``value`` in ``lang`` when it is a message (or a list of messages), else unchanged."""
    if isinstance(value, Msg):
        return value.render(lang)
    if isinstance(value, (list, tuple)) and any(isinstance(v, Msg) for v in value):
        return ", ".join(str(render(v, lang)) for v in value)
    return value


def problem(file: str, line: int, message: "Msg | str") -> Problem:
    """A located problem; its English text is ``message``, every language from ``Problem.render``."""
    if isinstance(message, Msg):
        return Problem(file, line, message.render("en"), message)
    return Problem(file, line, message)


def hint(word: object, candidates: Iterable[object]) -> "Msg | str":
    """' (did you mean 'x'?)' for a close match (as a message), else an empty string."""
    import difflib  # only when needed: it is slow to import

    matches = difflib.get_close_matches(str(word), sorted(set(map(str, candidates))), n=1, cutoff=0.6)
    return Msg("hint.did_you_mean", value=matches[0]) if matches else ""


def located(line: int, message: object) -> Msg | object:
    """'line N: message' (Zeile N: ...) when the line is known."""
    return Msg("located.line", line=line, message=message) if line else message


def at_line(found, lang: str = "en") -> str:
    """A Problem or LimitExceeded as 'line N: message' ('Zeile N: ...'), without the file (callers name it)."""
    message = found.text if found.text is not None else found.message
    return str(render(located(found.line, message), lang))


def yaml_reason(reason: str) -> Msg:
    """PyYAML's English reason, in German when it is one we know (a generic German text when not)."""
    if not _YAML_PATTERNS:
        _YAML_PATTERNS.extend((re.compile(pattern + r"\Z"), text) for pattern, text in _YAML_REASONS_DE)
    for pattern, german in _YAML_PATTERNS:
        if pattern.match(reason):
            return Msg("yaml.reason", reason=reason, de=german)
    return Msg("yaml.unknown_reason", reason=reason)


def os_reason(exc: OSError) -> Msg:
    """Why a file cannot be read, without the operating system's English words in German mode."""
    return Msg("os.reason", reason=_worded_os_reason(exc, "en"), de=_worded_os_reason(exc, "de"))

