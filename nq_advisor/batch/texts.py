"""User-facing words of batch runs (row errors, the CSV header, the output file, the summary), German
and English. Looked up through :func:`nq_advisor.i18n.translate`, like the other stages' catalogues."""
from __future__ import annotations

from nq_advisor.i18n import translate

_TEXTS: dict[str, dict[str, str]] = {
    # rows that cannot be read (rows.py)
    "row.not_utf8": {"de": "kein UTF-8-Text (Byte 0x{byte:02x} in Spalte {column}); bitte die Datei als UTF-8 "
                           "speichern",
                     "en": "not UTF-8 text (byte 0x{byte:02x} at column {column}); save the file as UTF-8"},
    "row.too_long": {"de": "Zeile länger als {limit} Bytes", "en": "line longer than {limit} bytes"},
    "row.not_object": {"de": "erwartet ein JSON-Objekt mit 'person' oder 'region'",
                       "en": "expected a JSON object with 'person' or 'region'"},
    "row.long_cell": {"de": "eine Zelle länger als {limit} Zeichen", "en": "a cell longer than {limit} characters"},
    "row.long_cell_in": {"de": "eine Zelle länger als {limit} Zeichen (Spalte {column})",
                         "en": "a cell longer than {limit} characters (column {column})"},
    "row.not_csv": {"de": "keine CSV-Zeile: {reason} (ein Anführungszeichen nicht geschlossen?)",
                    "en": "not a CSV row: {reason} (a quote left open?)"},
    "row.cell_count": {"de": "{cells} Zellen, aber die Kopfzeile hat {columns} Spalten",
                       "en": "{cells} cells, but the header has {columns} columns"},
    "row.unknown_subject": {"de": "Gegenstand '{subject}' unbekannt; erlaubt: {allowed}",
                            "en": "subject '{subject}' unknown; allowed: {allowed}"},
    "row.not_a_field": {"de": "{subject}.{column}: kein Feld von {subject}",
                        "en": "{subject}.{column}: not a field of {subject}"},
    "row.crashed": {"de": "konnte nicht beraten werden ({error})", "en": "could not be advised ({error})"},
    # the CSV header (rows.py)
    "header.source": {"de": "CSV-Kopfzeile", "en": "CSV header"},
    "header.line": {"de": "Zeile 1: {message}", "en": "line 1: {message}"},
    "header.unknown_column": {"de": "unbekannte Spalte {column}{hint}", "en": "unknown column {column}{hint}"},
    "header.allowed": {"de": "erlaubt: {allowed}", "en": "allowed: {allowed}"},
    "header.bad_csv": {"de": "keine CSV-Zeile: {reason}", "en": "not a CSV line: {reason}"},
    "header.no_subject": {"de": "CSV: Der Gegenstand lässt sich aus den Spalten nicht ablesen ({found}); bitte "
                                "--subject oder eine Spalte 'subject' angeben",
                          "en": "CSV: cannot tell the subject from the columns ({found}); use --subject or a "
                                "'subject' column"},
    "header.mixed": {"de": "sie mischen Gegenstände", "en": "they mix subjects"},
    "header.several": {"de": "passt zu {subjects}", "en": "they fit {subjects}"},
    # the output file (output.py, cli/batch_cmd.py)
    "output.is_input": {"de": "--output {path} ist die Eingabedatei selbst; bitte eine andere Datei nennen "
                              "(die Eingabe würde überschrieben)",
                        "en": "--output {path} is the input file itself; name another file "
                              "(the input would be overwritten)"},
    "output.symlink": {"de": "--output {path} ist ein symbolischer Link; bitte die Datei selbst nennen",
                       "en": "--output {path} is a symbolic link; name the file itself"},
    "output.cannot_write": {"de": "--output {path}: nicht beschreibbar ({reason})",
                            "en": "--output {path}: cannot write ({reason})"},
    "output.resume_needs_output": {"de": "--resume braucht --output DATEI (die Ausgabe des abgebrochenen Laufs)",
                                   "en": "--resume needs --output FILE (the output of the interrupted run)"},
    "input.cannot_read": {"de": "{path}: nicht lesbar ({reason})", "en": "{path}: cannot read ({reason})"},
    # the summary (report.py)
    "summary.cases": {"de": "{cases} Fälle, {valid} beraten, {invalid} ungültig",
                      "en": "{cases} cases, {valid} advised, {invalid} invalid"},
    "summary.one_case": {"de": "1 Fall, {valid} beraten, {invalid} ungültig",
                         "en": "1 case, {valid} advised, {invalid} invalid"},
    "summary.recommended": {"de": "Empfohlen (Fälle mit dieser Empfehlung)",
                            "en": "Recommended (cases with this recommendation)"},
    "summary.top_route": {"de": "Erster Qualifizierungsweg", "en": "First qualification route"},
    "summary.undecided": {"de": "Noch offen (Fälle)", "en": "Still open (cases)"},
    "summary.questions": {"de": "Häufigste offene Fragen (Fakten)", "en": "Most frequent open questions (facts)"},
    "summary.ref": {"de": "Empfehlung", "en": "Recommendation"},
    "summary.kind": {"de": "Art", "en": "Kind"},
    "summary.count": {"de": "Fälle", "en": "Cases"},
    "summary.share": {"de": "Anteil", "en": "Share"},
    "summary.question": {"de": "Frage", "en": "Question"},
    "summary.none": {"de": "keiner", "en": "none"},
}


# the csv module's reasons (Python 3.11-3.13) in German; others are left out in German mode
_CSV_REASONS_DE = {"unexpected end of data": "die Zeile endet mitten in einer Zelle",
                   "',' expected after '\"'": "nach '\"' fehlt ','",
                   "newline inside string": "Zeilenumbruch in einer Zelle"}


def csv_reason(error: Exception, lang: str) -> str:
    """Why the csv module refused a line, in ``lang``."""
    reason = str(error)
    if lang != "de":
        return reason
    return _CSV_REASONS_DE.get(reason, "ungültige Anführungszeichen")


def bt(key: str, lang: str, **values: object) -> str:
    """The ``lang`` text of batch message ``key`` with ``values`` filled in."""
    return translate(_TEXTS, key, lang, **values)
