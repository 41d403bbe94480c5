"""Help texts of the command line, German by default and English on request.

click reads help texts when the commands are defined, before any option is parsed; every text
given out here is remembered with its key, so that :func:`localized` can put it into the
language of each invocation (``--lang en`` or ``NQ_ADVISOR_LANG=en``; see cli/language.py).
"""
from __future__ import annotations

import sys

from nq_advisor.i18n import LANGUAGES, translate
from nq_advisor.cli.language import detect


def help_language(argv: list[str] | None = None) -> str:
    """'en' when the command line says --lang en (or the environment does), else 'de'."""
    return detect(sys.argv[1:] if argv is None else argv)


_HELP: dict[str, dict[str, str]] = {
    "main": {"de": "Regelbasierte Beratung zur Nachqualifizierung: Wege zum Berufsabschluss, Förderung, "
                   "Unterstützung und nächste Strategieschritte für regionale Netzwerke. "
                   "Hilfe auf Englisch: --lang en --help.",
             "en": "Rule-based advice on Nachqualifizierung: routes to a Berufsabschluss, funding, "
                   "support, and next strategy steps for regional networks."},
    "opt.kb": {"de": "Ordner einer Wissensbasis mit knowledge/ und rules/ (Standard: mitgeliefert; "
                     "Umgebungsvariable {env}).",
               "en": "Knowledge base folder with knowledge/ and rules/ (default: bundled; env {env})."},
    "opt.lang": {"de": "Sprache der Ausgabe und der Meldungen (Standard: de oder die Umgebungsvariable {env}).",
                 "en": "Language of output and messages (default: de, or the environment variable {env})."},
    "opt.version": {"de": "Version von nq-advisor und der Wissensbasis zeigen und beenden.",
                    "en": "Show the version of nq-advisor and of the knowledge base, and exit."},
    "opt.format": {"de": "Ausgabeformat.", "en": "Output format."},
    "kb.list.kind": {"de": "Nur Einträge dieser Art.", "en": "Only items of this kind."},
    "opt.max_source_age": {"de": "Warnen, wenn die Quellen verwendeten Wissens länger als MONATE Monate nicht "
                                 "geprüft wurden.",
                           "en": "Warn about knowledge whose sources were last checked more than MONTHS ago."},
    "opt.as_of": {"de": "Rechtsstand dieses Tages anwenden (JJJJ-MM-TT; Standard: heute).",
                  "en": "Evaluate the law as it stood on this date (YYYY-MM-DD; default today)."},
    "advise": {"de": "Empfehlungen zu den Angaben in DATEI (YAML oder JSON; '-' liest die Standardeingabe).",
               "en": "Advise on the facts in FILE (YAML or JSON; '-' reads standard input)."},
    "advise.format": {"de": "markdown und html: ein druckbares Merkblatt für die Person oder das Netzwerk.",
                      "en": "markdown and html: a printable handout for the person or the network."},
    "opt.no_cache": {"de": "Die Wissensbasis aus ihren Dateien lesen, ohne den Cache im Benutzerverzeichnis "
                           "(~/.cache/nq-advisor) zu lesen oder zu schreiben; ebenso NQ_ADVISOR_NO_CACHE=1.",
                     "en": "Read the knowledge base from its files, neither reading nor writing the cache in the "
                           "user's cache folder (~/.cache/nq-advisor); also NQ_ADVISOR_NO_CACHE=1."},
    "advise.pretty": {"de": "JSON eingerückt (--pretty) oder in einer Zeile (--compact); ohne Angabe eingerückt "
                            "im Terminal, sonst in einer Zeile.",
                      "en": "JSON indented (--pretty) or on one line (--compact); by default indented in a "
                            "terminal, otherwise on one line."},
    "explain": {"de": "Warum REF (Weg, Förderung, Unterstützung oder Strategieschritt) für DATEI empfohlen "
                      "wird oder nicht.",
                "en": "Why REF (a route, funding, support or strategy step id) is or is not recommended for FILE."},
    "whatif": {"de": "Was sich an der Empfehlung für DATEI ändert, wenn sich Angaben ändern "
                     "(z. B. --set german_level=B1).",
               "en": "What changes in the advice for FILE when facts change (e.g. --set german_level=B1)."},
    "whatif.set": {"de": "Angabe ändern: FELD=WERT; Listen mit Komma; +N/-N ändert eine Zahl; FELD=? macht "
                         "eine Angabe unbekannt.",
                   "en": "Change a fact: FIELD=VALUE; lists comma-separated; +N/-N changes a number; "
                         "FIELD=? makes a fact unknown."},
    "interview": {"de": "Fragt Schritt für Schritt nur, was die Empfehlung noch ändern kann. Eingabe: '?' "
                        "Zwischenstand, '<' oder 'zurück' die vorige Antwort ändern, 'ändern' eine frühere Antwort ändern "
                        "(die anderen bleiben), Enter oder 'überspringen' überspringen, 'hilfe' Hilfe, "
                        "'beenden' beenden (die Sitzungsdatei behält alles).",
                  "en": "Ask a counsellor's questions one at a time, only those whose answer can change the "
                        "advice. At the prompt: '?' current advice, '<' or 'back' change the previous answer, 'change' "
                        "any earlier answer (the others stay), Enter or 'skip' skip, 'help' help text, 'quit' "
                        "quit (the session file keeps everything)."},
    "interview.session": {"de": "Sitzungsdatei: wird fortgesetzt, wenn sie besteht, sonst angelegt; nach jeder "
                                "Antwort gespeichert (Modus 0600).",
                          "en": "Session file: resumed when it exists, else created; written after every answer "
                                "(mode 0600)."},
    "interview.from": {"de": "Mit den bekannten Angaben aus DATEI beginnen (Eingabeformat von 'advise').",
                       "en": "Start from the known facts in FILE (the input format of 'advise')."},
    "interview.as_of": {"de": "Rechtsstand dieses Tages (JJJJ-MM-TT; Standard: der der Sitzung, sonst heute).",
                        "en": "Evaluate the law as it stood on this date (YYYY-MM-DD; default: the session's, "
                              "else today)."},
    "interview.lang": {"de": "Sprache der Fragen und der Empfehlung (Standard: die der Sitzung, sonst de).",
                       "en": "Language of questions and advice (default: the session's, else de)."},
    "batch": {"de": "Empfehlungen für jeden Fall in EINGABE ('-' = Standardeingabe): JSON Lines (ein "
                    "{\"person\": ...} oder {\"region\": ...} je Zeile, optional mit \"id\") oder CSV (Kopfzeile "
                    "mit Feldnamen, optional 'id' und 'subject'; Listen mit ';', leere Zelle = unbekannt). "
                    "Ungültige Zeilen werden mit Zeilennummer gemeldet und halten den Lauf nicht an.",
              "en": "Advise on every case in INPUT ('-' = standard input): JSON Lines (one {\"person\": ...} "
                    "or {\"region\": ...} per line, optionally with \"id\") or CSV (a header of fact fields, "
                    "optionally 'id' and 'subject'; lists separated by ';', an empty cell is unknown). "
                    "Invalid rows are reported with their line number and do not stop the run."},
    "batch.output": {"de": "Ergebnis hierhin schreiben (Standard: Standardausgabe; Datei mit Modus 0600).",
                     "en": "Write the per-case output here (default: standard output; file mode 0600)."},
    "batch.format": {"de": "jsonl: die Empfehlung je Fall mit id und Zeile; csv: id, erster Weg, Förderung, "
                           "offene Fragen.",
                     "en": "jsonl: the advice JSON per case plus id and line; csv: id, top route, funding, "
                           "open questions."},
    "batch.input_format": {"de": "Format von EINGABE (Standard: nach dem Dateinamen, sonst nach der ersten Zeile).",
                           "en": "Format of INPUT (default: from the file name, else from its first line)."},
    "batch.subject": {"de": "CSV: Gegenstand der Zeilen ohne Spalte 'subject' (Standard: aus den Spalten).",
                      "en": "CSV: the subject of rows without a 'subject' column (default: from the columns)."},
    "batch.jobs": {"de": "Anzahl Arbeitsprozesse (Standard: alle Kerne).",
                   "en": "Worker processes (default: all cores)."},
    "batch.summary": {"de": "Gesamtbericht: wie oft jeder Weg und jedes Instrument empfohlen wurde.",
                      "en": "Print an aggregate report counting routes and instruments over the whole input."},
    "batch.strict": {"de": "Mit Code 2 enden, wenn eine Zeile ungültig war.",
                     "en": "Exit with code 2 if any row was invalid."},
    "batch.resume": {"de": "Einen abgebrochenen Lauf fortsetzen: Zeilen, die schon in --output stehen, "
                           "überspringen und anhängen.",
                     "en": "Continue an interrupted run: skip rows already in --output and append."},
    "kb": {"de": "Wissensbasis prüfen, durchsuchen und testen.",
           "en": "Validate, browse and test the knowledge base."},
    "kb.validate": {"de": "Alle Wissens- und Regeldateien prüfen; Fehler als Datei:Zeile: Meldung.",
                    "en": "Check every knowledge and rule file; print problems as file:line: message."},
    "kb.list": {"de": "Einträge der Wissensbasis mit Art, Titel und Gültigkeit auflisten.",
                "en": "List knowledge items with kind, title and validity."},
    "kb.list.state": {"de": "Nur Einträge dieses Landes (und die des Bundes).",
                      "en": "Only items of this state (and federal ones)."},
    "kb.show": {"de": "Einen Eintrag zeigen: Titel, Zusammenfassung, Regeln in Worten, Rechtsgrundlage, Quellen, "
                      "Gültigkeit.",
                "en": "Show one item: title, summary, rules in plain words, legal basis, sources, validity."},
    "kb.test": {"de": "Die Szenarien der Wissensbasis ausführen; Fehlschläge und nie feuernde Regeln melden. "
                      "Exit-Code 0: alle Szenarien bestanden; 1: mindestens ein Szenario schlug fehl; "
                      "2: Wissensbasis oder Szenariodatei fehlerhaft.",
                "en": "Run the scenarios of the knowledge base; report failures and rules no scenario exercises. "
                      "Exit code 0: every scenario passed; 1: at least one scenario failed; "
                      "2: the knowledge base or a scenario file is invalid."},
    "kb.test.verbose": {"de": "Jedes Szenario auflisten, nicht nur Fehlschläge.",
                        "en": "List every scenario, not only failures."},
    "region": {"de": "Regionaler Netzwerkplaner: Verlauf, Netzwerkbild, Fortschrittsbericht.",
               "en": "Regional network planner: progress history, network diagram, progress report."},
    "region.track": {"de": "Die Regionsangaben in DATEI als datierten Stand in VERLAUF aufnehmen; zeigen, was seit "
                           "dem letzten Stand erledigt ist und was offen bleibt.",
                     "en": "Add the region facts in FILE as a dated snapshot to HISTORY; show what was done since "
                           "the last snapshot and what is still open."},
    "region.history": {"de": "YAML-Datei mit den datierten Ständen der Region (wird angelegt; Modus 0600).",
                       "en": "YAML file holding the region's dated snapshots (created if missing; mode 0600)."},
    "region.date": {"de": "Datum des Stands (JJJJ-MM-TT; Standard: heute); es gilt der Rechtsstand dieses Tages.",
                    "en": "Date of the snapshot (YYYY-MM-DD; default today). The law of that day is applied."},
    "region.report": {"de": "Fortschrittsbericht zu VERLAUF mit einer Grafik der erledigten Schritte.",
                      "en": "Print the progress report of HISTORY with a chart of steps done over time."},
    "region.diagram": {"de": "Steuerungs- und operative Netzwerke der Region in DATEI zeichnen (Regions- oder "
                             "Verlaufsdatei: letzter Stand), fehlende Partner markiert.",
                       "en": "Draw the steering and operative networks of the region in FILE (a region file, or a "
                             "history file: its latest snapshot), with missing partners marked."},
    "schema": {"de": "JSON Schema (Draft 2020-12) der Eingabe (facts) oder der Ausgabe (advice) ausgeben.",
               "en": "Print the JSON Schema (draft 2020-12) of the input facts or of the advice output."},
    "serve.serve": {"de": "Die HTTP-API (/api) und die Seiten für Beratende ausliefern; ohne Zugangstoken nur auf "
                    "Loopback (127.0.0.1).",
              "en": "Serve the HTTP API (/api) and the counsellor's pages; without access tokens on loopback "
                    "(127.0.0.1) only."},
    "serve.host": {"de": "Adresse, auf der gelauscht wird; jede andere als Loopback braucht Zugangstoken.",
             "en": "Address to listen on; anything but loopback needs access tokens."},
    "serve.port": {"de": "TCP-Port.", "en": "TCP port."},
    "serve.data": {"de": "Ordner für die Sitzungsdatenbank (Standard: $XDG_DATA_HOME/nq-advisor oder "
                   "~/.local/share/nq-advisor; Modus 0700).",
             "en": "Folder of the session database (default: $XDG_DATA_HOME/nq-advisor or "
                   "~/.local/share/nq-advisor; mode 0700)."},
    "serve.token_file": {"de": "Datei mit Zugangstoken, eines je Zeile (zusätzlich zu NQ_ADVISOR_TOKENS).",
                   "en": "File of access tokens, one a line (in addition to NQ_ADVISOR_TOKENS)."},
    "serve.threads": {"de": "Anzahl gleichzeitig bearbeiteter Anfragen je Prozess.",
                "en": "Requests handled at the same time per process."},
    "serve.workers": {"de": "Anzahl der Serverprozesse auf einem gemeinsamen Port (mehr als 1 nur unter Linux/Unix); "
                      "etwa so viele wie Prozessorkerne.",
                "en": "Number of server processes sharing the port (more than 1 on Linux/Unix only); "
                      "about as many as CPU cores."},
    "serve.retention": {"de": "Befragungen, die so viele Tage nicht geändert wurden, werden gelöscht.",
                  "en": "Interviews unchanged for this many days are deleted."},
}

HELP_LANGUAGE = help_language()

_ISSUED: dict[str, tuple[str, dict]] = {}  # every text given out, in each language -> (key, values)


def help_text(key: str, **values: object) -> str:
    """The help text ``key`` in the language of this invocation."""
    for lang in LANGUAGES:
        _ISSUED[translate(_HELP, key, lang, **values)] = (key, values)
    return translate(_HELP, key, HELP_LANGUAGE, **values)


def localized(text: str | None, lang: str) -> str | None:
    """``text`` (a help text given out by :func:`help_text`) in ``lang``; other texts unchanged."""
    if not text or text not in _ISSUED:
        return text
    key, values = _ISSUED[text]
    return translate(_HELP, key, lang, **values)
