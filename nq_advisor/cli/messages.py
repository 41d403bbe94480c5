"""Texts of the command line itself (kb commands, batch totals, session and region errors), German and
English, and how knowledge attributes are shown to people (titles rather than ids)."""
from __future__ import annotations

import datetime

from nq_advisor.i18n import format_date, format_percent, format_quantity, pick, t, translate

_MESSAGES: dict[str, dict[str, str]] = {
    "version.kb": {"de": "Wissensbasis", "en": "knowledge base"},
    "interrupted": {"de": "Abgebrochen.", "en": "Interrupted."},
    "kb.from_env": {"de": "Die Wissensbasis kommt aus der Umgebungsvariable {env}={path}; ohne sie (unset {env}) "
                          "gilt die mitgelieferte, mit --kb eine andere.",
                    "en": "The knowledge base comes from the environment variable {env}={path}; without it "
                          "(unset {env}) the bundled one is used, with --kb another."},
    "version.kb_unreadable": {"de": "Wissensbasis: nicht lesbar: {root}: {reason}{origin}",
                              "en": "knowledge base: cannot be read: {root}: {reason}{origin}"},
    "version.kb_from_env": {"de": " (aus der Umgebungsvariable {env})", "en": " (from the environment variable {env})"},
    "kb.ok": {"de": "OK: {items} Einträge, {rules} Regeln, {fields} Faktenfelder in {root}",
              "en": "OK: {items} items, {rules} rules, {fields} fact fields in {root}"},
    "kb.problems": {"de": "{count} Problem(e) in {root}", "en": "{count} problem(s) in {root}"},
    "kb.problems_loaded": {"de": "{count} Problem(e) in der Wissensbasis", "en": "{count} problem(s) in the knowledge base"},
    "kb.unknown_id": {"de": "unbekannte ID '{id}'{hint}", "en": "unknown id '{id}'{hint}"},
    "kb.head.id": {"de": "ID", "en": "id"},
    "kb.head.kind": {"de": "Art", "en": "kind"},
    "kb.head.title": {"de": "Titel", "en": "title"},
    "kb.head.valid": {"de": "gültig", "en": "valid"},
    "kb.confidence": {"de": "Vertrauen", "en": "Confidence"},
    "confidence.high": {"de": "hoch", "en": "high"},
    "confidence.medium": {"de": "mittel", "en": "medium"},
    "confidence.low": {"de": "niedrig", "en": "low"},
    "kb.test.pass": {"de": "OK", "en": "PASS"},
    "kb.test.fail": {"de": "FEHLER", "en": "FAIL"},
    "kb.test.idle": {"de": "Regeln, die kein Szenario auslöst ({count}): {rules}",
                     "en": "rules no scenario makes fire ({count}): {rules}"},
    "kb.test.totals": {"de": "{passed} bestanden, {failed} fehlgeschlagen", "en": "{passed} passed, {failed} failed"},
    "attr.duration_months": {"de": "Ausbildungsdauer", "en": "Training duration"},
    "attr.chamber": {"de": "Zuständige Stelle", "en": "Competent body"},
    "attr.law": {"de": "Gesetz", "en": "Law"},
    "attr.sector": {"de": "Branche", "en": "Sector"},
    "attr.tq_available": {"de": "Teilqualifikationen verfügbar", "en": "Partial qualifications available"},
    "attr.step": {"de": "Strategieschritt", "en": "Strategy step"},
    "attr.successors": {"de": "Nachfolgeberufe", "en": "Successor occupations"},
    "attr.successor_from": {"de": "Nachfolge ab", "en": "Succeeded from"},
    "attr.state": {"de": "Land", "en": "State"},
    "attr.unit": {"de": "Einheit", "en": "Unit"},
    "attr.contact": {"de": "Ansprechpartner", "en": "Contact"},
    "attr.partners": {"de": "Partner", "en": "Partners"},
    "months": {"de": "{n} Monate", "en": "{n} months"},
    "param.none": {"de": "keine", "en": "none"},
    "law.other": {"de": "anderes Gesetz", "en": "other law"},
    "chamber.other": {"de": "andere zuständige Stelle", "en": "other competent body"},
    "unit.EUR": {"de": "Euro", "en": "euros"},
    "unit.EUR per month": {"de": "Euro je Monat", "en": "euros per month"},
    "unit.EUR per month and child": {"de": "Euro je Monat und Kind", "en": "euros per month and child"},
    "unit.citizenship values": {"de": "Staatsangehörigkeiten", "en": "citizenship values"},
    "unit.residence status values": {"de": "Aufenthaltsstatus", "en": "residence status values"},
    "unit.employees": {"de": "Beschäftigte", "en": "employees"},
    "unit.factor": {"de": "Faktor", "en": "factor"},
    "unit.hours": {"de": "Stunden", "en": "hours"},
    "unit.months": {"de": "Monate", "en": "months"},
    "unit.percent": {"de": "Prozent", "en": "percent"},
    "unit.percent by size band": {"de": "Prozent je Größenklasse", "en": "percent by size band"},
    "unit.percentage points": {"de": "Prozentpunkte", "en": "percentage points"},
    "unit.years": {"de": "Jahre", "en": "years"},
    "batch.totals": {"de": "{cases} Fälle: {valid} beraten, {invalid} ungültig",
                     "en": "{cases} cases: {valid} advised, {invalid} invalid"},
    "batch.totals_one": {"de": "1 Fall: {valid} beraten, {invalid} ungültig",
                         "en": "1 case: {valid} advised, {invalid} invalid"},
    "batch.progress": {"de": "Fälle", "en": "cases"},
    "session.from_stdin": {"de": "--from: bitte eine Datei nennen; die Standardeingabe wird für die Antworten "
                                 "gebraucht",
                           "en": "--from: name a file; standard input is needed for the answers"},
    "session.exists": {"de": "--session {path} besteht schon: ohne --from fortsetzen oder eine neue "
                             "Sitzungsdatei nennen",
                       "en": "--session {path} exists already: resume it without --from, or name a new session file"},
    "session.other_subject": {"de": "--session {path} ist eine Sitzung zu '{found}', nicht zu '{wanted}': "
                                    "fortsetzen mit 'nq-advisor interview {found} --session {path}' oder eine "
                                    "neue Sitzungsdatei nennen",
                              "en": "--session {path} is a {found} session, not {wanted}: resume it with "
                                    "'nq-advisor interview {found} --session {path}' or name a new session file"},
    "session.from_other_subject": {"de": "--from {path} enthält '{found}', nicht '{wanted}'",
                                   "en": "--from {path} holds a {found}, not a {wanted}"},
    "region.expected_region": {"de": "erwartet ein Dokument mit dem Schlüssel 'region', nicht '{subject}'",
                               "en": "expected a document with the key 'region', not '{subject}'"},
    "region.no_snapshots": {"de": "{path}: noch kein Stand; einen anlegen mit 'nq-advisor region track DATEI "
                                  "--history {path}'",
                            "en": "{path}: no snapshots yet; add one with 'nq-advisor region track FILE "
                                  "--history {path}'"},
    "region.history_empty": {"de": "{path}: der Verlauf enthält keinen Stand", "en": "{path}: the history has no snapshots"},
}


def msg(key: str, lang: str, **values: object) -> str:
    return translate(_MESSAGES, key, lang, **values)


def kind_title(kind: str, lang: str) -> str:
    """'Förderung' for funding etc.; the id itself only for a kind without a title."""
    try:
        return t(f"kind.{kind}", lang)
    except KeyError:
        return kind


def confidence_text(confidence: str, lang: str) -> str:
    key = f"confidence.{confidence}"
    return msg(key, lang) if key in _MESSAGES else confidence


def contact_title(contact: str, lang: str) -> str:
    try:
        return t(f"contact.{contact}", lang)
    except KeyError:
        return contact


def attribute_text(kb, key: str, value, lang: str) -> str:
    """An item attribute as people read it: titles of contacts, partners, sectors; yes/no; units."""
    if isinstance(value, (list, tuple)):
        return ", ".join(attribute_text(kb, key, v, lang) for v in value)
    if isinstance(value, bool):
        return t("value.true" if value else "value.false", lang)
    if key == "duration_months":
        return msg("months", lang, n=value)
    if key in ("contact", "chamber"):
        if value == "other":
            return msg("chamber.other", lang)
        return contact_title(str(value), lang)
    if key == "law" and value == "other":
        return msg("law.other", lang)
    if key == "partners":
        field = kb.fields.get("region", {}).get("steering_partners")
        titles = (field.value_titles or {}) if field else {}
        return pick(titles[value], lang) if value in titles else str(value)
    if key in ("sector", "successors") and value in kb.items:
        return f"{kb.items[value].title(lang)} ({value})" if key == "successors" else kb.items[value].title(lang)
    if isinstance(value, datetime.date):
        return format_date(value, lang)
    if key == "unit" and f"unit.{value}" in _MESSAGES:
        return msg(f"unit.{value}", lang)
    return str(value)


def parameter_value_lines(value, unit: str | None, lang: str, indent: str = "    ") -> list[str]:
    """A dated parameter value as people read it, for ``kb show``: a number with its unit (100 %,
    2.000 €), a list joined with commas, a mapping (e.g. a share per size band) as one ``key: value``
    line each, indented below its period. The first line is what follows the period's colon."""
    if isinstance(value, dict):
        lines = [""]
        for key, entry in value.items():
            nested = parameter_value_lines(entry, unit, lang, indent + "  ")
            lines.append(f"{indent}{key}:{' ' if nested[0] else ''}{nested[0]}")
            lines += nested[1:]
        return lines
    return [_parameter_scalar(value, unit, lang)]


def _parameter_scalar(value, unit: str | None, lang: str) -> str:
    if isinstance(value, (list, tuple)):
        return ", ".join(_parameter_scalar(v, unit, lang) for v in value) or msg("param.none", lang)
    if isinstance(value, bool):
        return t("value.true" if value else "value.false", lang)
    if isinstance(value, (int, float)) and unit and unit.startswith("percent") and unit != "percentage points":
        return format_percent(value, lang, decimals=None)  # 'percent', 'percent by size band': 100 %, 67,5 %
    if isinstance(value, datetime.date):
        return format_date(value, lang)
    return format_quantity(value, unit, lang)
