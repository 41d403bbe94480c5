"""One translation function for every user-facing string (German default, English)."""
from __future__ import annotations

import datetime

LANGUAGES = ("de", "en")
DEFAULT_LANGUAGE = "de"

_CATALOGUE: dict[str, dict[str, str]] = {
    "table.occupations": {"de": "Zielberufe: {occupations}", "en": "Target occupations: {occupations}"},
    "table.routes": {"de": "Passende Wege: {routes}", "en": "Suitable routes: {routes}"},
    "table.tq": {"de": "mit Teilqualifikationen", "en": "with partial qualifications"},
    "table.no_tq": {"de": "keine Teilqualifikationen bekannt", "en": "no partial qualifications known"},
    "open.sectors": {"de": "Angebote für die Branchen der Region", "en": "Offers for the region's sectors"},
    "format.approx_month": {"de": "etwa {month}", "en": "around {month}"},
    # condition wording
    "op.eq": {"de": "ist {right}", "en": "is {right}"},
    "op.ne": {"de": "ist nicht {right}", "en": "is not {right}"},
    "op.lt": {"de": "unter {right}", "en": "below {right}"},
    "op.le": {"de": "höchstens {right}", "en": "at most {right}"},
    "op.gt": {"de": "über {right}", "en": "above {right}"},
    "op.ge": {"de": "mindestens {right}", "en": "at least {right}"},
    "op.in": {"de": "{right}", "en": "{right}"},
    "op.not_in": {"de": "außer {right}", "en": "other than {right}"},
    "op.contains": {"de": "mit {right}", "en": "with {right}"},
    "op.not_contains": {"de": "ohne {right}", "en": "without {right}"},
    "word.or": {"de": "oder", "en": "or"},
    "word.and": {"de": "und", "en": "and"},
    "word.not_value": {"de": "nicht {value}", "en": "not {value}"},
    "word.neither": {"de": "weder {first} noch {last}", "en": "neither {first} nor {last}"},
    # how a known condition reads (advice/wording.py); {statement} comes from knowledge/fields.yaml
    "says.ge.met": {"de": "{statement}; das gilt ab {required}", "en": "{statement}; at least {required} are needed"},
    "says.ge.unmet": {"de": "{statement}; das gilt erst ab {required}", "en": "{statement}; at least {required} are needed"},
    "says.gt.met": {"de": "{statement}; das gilt über {required}", "en": "{statement}; more than {required} are needed"},
    "says.gt.unmet": {"de": "{statement}; das gilt erst über {required}", "en": "{statement}; more than {required} are needed"},
    "says.lt.met": {"de": "{statement}; das gilt unter {required}", "en": "{statement}; this is for less than {required}"},
    "says.lt.unmet": {"de": "{statement}; das gilt nur unter {required}", "en": "{statement}; this is only for less than {required}"},
    "says.le.met": {"de": "{statement}; das gilt bis {required}", "en": "{statement}; this is for up to {required}"},
    "says.le.unmet": {"de": "{statement}; das gilt nur bis {required}", "en": "{statement}; this is only for up to {required}"},
    "says.in_force": {"de": "gilt am {as_of} ({period})", "en": "applies on {as_of} ({period})"},
    "says.not_yet": {"de": "gilt erst ab {start}", "en": "applies only from {start}"},
    "says.no_longer": {"de": "gilt am {as_of} nicht mehr (galt bis {end})",
                       "en": "no longer applies on {as_of} (applied until {end})"},
    "cond.required": {"de": "{left} {phrase}", "en": "{left} {phrase}"},
    "cond.yes_no": {"de": "{left}: {value}", "en": "{left}: {value}"},
    "cond.actual": {"de": "(angegeben: {value})", "en": "(given: {value})"},
    "cond.attr_of": {"de": "{attr} von {of}", "en": "{attr} of {of}"},
    "cond.derived_true": {"de": "{title}", "en": "{title}"},
    "cond.derived_false": {"de": "{title} – trifft nicht zu", "en": "{title} – does not apply"},
    "cond.in_force": {"de": "in Kraft am {as_of} ({period})", "en": "in force on {as_of} ({period})"},
    "cond.not_in_force": {"de": "nicht in Kraft am {as_of} ({period})", "en": "not in force on {as_of} ({period})"},
    "cond.param_undefined": {"de": "Parameter {param} ist am {as_of} nicht festgelegt",
                             "en": "parameter {param} has no value on {as_of}"},
    "period.from": {"de": "ab {start}", "en": "from {start}"},
    "period.until": {"de": "bis {end}", "en": "until {end}"},
    "period.between": {"de": "{start} bis {end}", "en": "{start} to {end}"},
    "period.always": {"de": "unbefristet", "en": "no time limit"},
    "value.true": {"de": "ja", "en": "yes"},
    "value.false": {"de": "nein", "en": "no"},
    "value.unknown": {"de": "unbekannt", "en": "unknown"},
    "value.never": {"de": "nie", "en": "never"},
    "value.empty": {"de": "keine", "en": "none"},
    "expr.mul": {"de": "{a} × {b}", "en": "{a} × {b}"},
    "expr.add": {"de": "{a} + {b}", "en": "{a} + {b}"},
    "expr.sub": {"de": "{a} − {b}", "en": "{a} − {b}"},
    # input validation
    "input.empty": {"de": "leer: erwartet ein Dokument mit genau einem Schlüssel 'person' oder 'region'",
                    "en": "empty: expected a document with exactly one key 'person' or 'region'"},
    "input.not_mapping": {"de": "erwartet ein Dokument mit genau einem Schlüssel 'person' oder 'region'",
                          "en": "expected a document with exactly one key, 'person' or 'region'"},
    "input.unknown_subject": {"de": "unbekannter Schlüssel '{name}'; erlaubt: person, region",
                              "en": "unknown key '{name}'; allowed: person, region"},
    "input.facts_not_mapping": {"de": "'{subject}' muss eine Zuordnung von Feldern zu Werten sein",
                                "en": "'{subject}' must be a mapping of fields to values"},
    "input.unknown_field": {"de": "{subject}.{field}: unbekanntes Feld{hint}; erlaubt: {allowed}",
                            "en": "{subject}.{field}: unknown field{hint}; allowed: {allowed}"},
    "input.bad_value": {"de": "{subject}.{field}: Wert {value} nicht erlaubt{hint}; erlaubt: {allowed}",
                        "en": "{subject}.{field}: value {value} not allowed{hint}; allowed: {allowed}"},
    "input.file_not_found": {"de": "{path}: Datei nicht gefunden", "en": "{path}: file not found"},
    "input.is_folder": {"de": "{path}: ist ein Ordner, keine Datei", "en": "{path}: is a folder, not a file"},
    "input.not_utf8": {"de": "kein UTF-8-Text; bitte die Datei als UTF-8 speichern",
                       "en": "not UTF-8 text; save the file as UTF-8"},
    "input.cannot_read": {"de": "{path}: Datei nicht lesbar ({reason})", "en": "{path}: cannot read file ({reason})"},
    "input.line": {"de": "Zeile {line}: {message}", "en": "line {line}: {message}"},
    "input.bad_json": {"de": "Zeile {line}, Spalte {column}: ungültiges JSON: {reason}{hint}",
                       "en": "line {line}, column {column}: invalid JSON: {reason}{hint}"},
    "input.json_trailing_comma": {"de": "Komma nach dem letzten Eintrag (in JSON nicht erlaubt)",
                                  "en": "comma after the last entry (not allowed in JSON)"},
    "input.json_single_quotes": {"de": " – JSON verlangt doppelte Anführungszeichen (\"...\")",
                                 "en": " – JSON needs double quotes (\"...\")"},
    "input.bad_yaml": {"de": "ungültiges YAML: {reason}", "en": "invalid YAML: {reason}"},
    "input.duplicate_key": {"de": "Schlüssel '{name}' doppelt (der spätere Wert würde stillschweigend gelten)",
                            "en": "duplicate key '{name}' (the later value would silently win)"},
    "input.text_for_number": {"de": "Text {value} angegeben, wo eine Zahl hingehört; ohne Anführungszeichen "
                                    "schreiben ({allowed})",
                              "en": "text {value} given where a number belongs; write it without quotes ({allowed})"},
    "input.reason": {"de": "Wert {value} nicht erlaubt{hint}; erlaubt: {allowed}",
                     "en": "value {value} not allowed{hint}; allowed: {allowed}"},
    "input.did_you_mean": {"de": " (meinten Sie '{value}'?)", "en": " (did you mean '{value}'?)"},
    "input.huge_number": {"de": "eine Zahl mit sehr vielen Stellen", "en": "a number with very many digits"},
    "allowed.ceiling": {"de": " und höchstens {max}", "en": " and at most {max}"},
    "allowed.more": {"de": " … ({count} insgesamt; alle: nq-advisor schema facts)",
                     "en": " … ({count} in all; all of them: nq-advisor schema facts)"},
    "allowed.int": {"de": "ganze Zahl", "en": "an integer"},
    "allowed.int_range": {"de": "ganze Zahl von {min} bis {max}", "en": "an integer from {min} to {max}"},
    "allowed.int_min": {"de": "ganze Zahl ab {min}", "en": "an integer of at least {min}"},
    "allowed.bool": {"de": "true oder false", "en": "true or false"},
    "allowed.string": {"de": "Text", "en": "text"},
    "allowed.one_of": {"de": "eines von {values}", "en": "one of {values}"},
    "allowed.list_of": {"de": "Liste aus {values}", "en": "a list of {values}"},
    # advice
    "kind.route": {"de": "Qualifizierungsweg", "en": "Qualification route"},
    "kind.funding": {"de": "Förderung", "en": "Funding"},
    "kind.support": {"de": "Unterstützung", "en": "Support"},
    "kind.strategy_step": {"de": "Strategieschritt", "en": "Strategy step"},
    "kind.action": {"de": "Maßnahme", "en": "Action"},
    "warning.successor": {"de": "{title} ist abgelöst – Nachfolgeberuf seit {since}: {successors}",
                          "en": "{title} has been replaced – successor occupation since {since}: {successors}"},
    "warning.low_confidence_rule": {"de": "{title}: rechtlich nicht vollständig geklärt (Vertrauen: niedrig) – {note}",
                                    "en": "{title}: not fully settled in law (confidence: low) – {note}"},
    "kind.occupation": {"de": "Beruf", "en": "Occupation"},
    "kind.parameter": {"de": "Parameter", "en": "Parameter"},
    "kind.sector": {"de": "Branche", "en": "Sector"},
    "kind.state_note": {"de": "Landeshinweis", "en": "State note"},
    "kind.target_group": {"de": "Zielgruppe", "en": "Target group"},
    "kind.field": {"de": "Faktenfeld", "en": "Fact field"},
    "warning.low_confidence": {"de": "{ref}: Angaben nicht vollständig belegt (Vertrauen: niedrig) – vor Verwendung prüfen",
                               "en": "{ref}: not fully verified (confidence: low) – check before relying on it"},
    "warning.stale_source": {"de": "{ref}: Quelle zuletzt geprüft am {checked}, älter als {months} Monate",
                             "en": "{ref}: source last checked on {checked}, older than {months} months"},
    "warning.item_not_in_force": {"de": "{field}: {title} ist am {as_of} nicht in Kraft ({period})",
                                  "en": "{field}: {title} is not in force on {as_of} ({period})"},
    "warning.engine_mismatch": {"de": "interner Fehler: Regel {rule} – Regelmaschine und Erklärung weichen ab",
                                "en": "internal error: rule {rule} – engine and explanation disagree"},
    # distance of a failed numeric condition (distance.py)
    "distance.short": {"de": "{field}: {actual} von {target} – noch {amount} nötig",
                       "en": "{field}: {actual} of {target} – {amount} to go"},
    "distance.excess": {"de": "{field}: {actual}, höchstens {target} – {amount} zu viel",
                        "en": "{field}: {actual}, at most {target} – {amount} too many"},
    "distance.reachable": {"de": "erreichbar in {amount}, {month}", "en": "reachable in {amount}, {month}"},
    "distance.while_working": {"de": "(wenn die Person weiter in diesem Bereich arbeitet)",
                               "en": "(if the person keeps working in the field)"},
    "distance.grows_away": {"de": "Warten hilft hier nicht", "en": "waiting does not help here"},
    "distance.reachable_short": {"de": "erreichbar {month}", "en": "reachable {month}"},
    "distance.while_working_client": {"de": ", wenn Sie weiter in diesem Bereich arbeiten",
                                      "en": " if you keep working in the field"},
    "distance.while_working_short": {"de": ", wenn die Person weiter in diesem Bereich arbeitet",
                                     "en": " if the person keeps working in the field"},
    # explain (explain.py, cli/explain_cmd.py)
    "explain.unknown_ref": {"de": "unbekannte Empfehlung '{ref}'{hint}; möglich: {allowed}",
                            "en": "unknown recommendation '{ref}'{hint}; allowed: {allowed}"},
    "explain.not_considered": {"de": "'{ref}' wird für {subject} von keiner Regel empfohlen",
                               "en": "no rule recommends '{ref}' for a {subject}"},
    "explain.status.recommended": {"de": "empfohlen", "en": "recommended"},
    "explain.status.not_recommended": {"de": "nicht empfohlen", "en": "not recommended"},
    "explain.status.undecided": {"de": "noch offen", "en": "undecided"},
    "explain.status.done": {"de": "erledigt", "en": "done"},
    "explain.status.not_needed": {"de": "nicht nötig", "en": "not needed"},
    "explain.status.None": {"de": "nicht betrachtet", "en": "not considered"},
    "explain.priority": {"de": "Priorität", "en": "priority"},
    "explain.priority_raised": {"de": "Priorität {priority}, wenn außerdem", "en": "priority {priority} when also"},
    "explain.as_of": {"de": "Rechtsstand", "en": "Law as of"},
    "explain.rule": {"de": "Regel", "en": "Rule"},
    "explain.fact": {"de": "Angabe", "en": "Fact"},
    "explain.attribute": {"de": "Merkmal", "en": "Attribute"},
    "explain.parameter": {"de": "Parameter", "en": "Parameter"},
    "explain.valid": {"de": "gültig", "en": "valid"},
    "explain.param_not_yet": {"de": "am {day} noch nicht festgelegt (erster Wert ab {first})",
                              "en": "not yet set on {day} (first value from {first})"},
    "explain.param_not_set": {"de": "am {day} nicht festgelegt", "en": "not set on {day}"},
    "explain.derived_by": {"de": "abgeleitet durch", "en": "derived by"},
    "explain.missing": {"de": "Zu klären", "en": "To clarify"},
    "explain.requirements": {"de": "Noch zu prüfen", "en": "Still to check"},
    "explain.legal_basis": {"de": "Rechtsgrundlage", "en": "Legal basis"},
    "explain.source": {"de": "Quelle", "en": "Source"},
    "explain.checked": {"de": "geprüft", "en": "checked"},
    "explain.warnings": {"de": "Hinweise", "en": "Notes"},
    # handout (handout.py)
    "handout.title.person": {"de": "Ihr Weg zum Berufsabschluss", "en": "Your route to a vocational qualification"},
    "handout.title.region": {"de": "Netzwerk Nachqualifizierung – nächste Schritte",
                             "en": "Nachqualifizierung network – next steps"},
    "handout.date": {"de": "Stand der Beratung und Rechtsstand: {date}", "en": "Advice and law as of {date}"},
    "handout.situation": {"de": "Ihre Situation", "en": "Your situation"},
    "handout.no_facts": {"de": "keine Angaben", "en": "no facts given"},
    "handout.recommendation": {"de": "Empfehlung", "en": "Recommendation"},
    "handout.none": {"de": "Mit den bisherigen Angaben lässt sich noch nichts empfehlen.",
                     "en": "Nothing can be recommended from the facts given so far."},
    "handout.why": {"de": "Warum", "en": "Why"},
    "handout.amounts": {"de": "Leistungen", "en": "What is paid"},
    "handout.actions": {"de": "Maßnahmen", "en": "Actions"},
    "handout.partners": {"de": "Partner und ihre Rolle", "en": "Partners and their role"},
    "handout.done_when": {"de": "Erledigt, wenn", "en": "Done when"},
    "handout.requirements": {"de": "Prüft die zuständige Stelle noch", "en": "Still checked by the competent body"},
    "handout.contact": {"de": "Ansprechpartner", "en": "Contact"},
    "handout.next_steps": {"de": "Ihre nächsten Schritte", "en": "Your next steps"},
    "handout.later": {"de": "Was später möglich wird", "en": "What becomes possible later"},
    "handout.open": {"de": "Noch offen", "en": "Still open"},
    "handout.open_intro": {"de": "Diese Fragen sind noch offen; ihre Antworten können weitere Wege oder Förderungen eröffnen:", "en": "These questions are still open; their answers may open further routes or funding:"},
    "handout.legal_and_sources": {"de": "Rechtsgrundlagen und Quellen", "en": "Legal basis and sources"},
    "handout.legal": {"de": "Rechtsgrundlagen", "en": "Legal basis"},
    "handout.open_intro_region": {"de": "Diese Fragen sind noch offen; ihre Antworten können weitere Schritte oder Angebote für Branchen eröffnen:", "en": "These questions are still open; their answers may open further steps or sector offers:"},
    "handout.situation_region": {"de": "Ausgangslage", "en": "Situation"},
    "handout.path": {"de": "Ihr Weg", "en": "Your route"},
    "handout.funding": {"de": "Förderung", "en": "Funding"},
    "handout.support": {"de": "Unterstützung", "en": "Support"},
    "handout.checked": {"de": "Geprüft am {date}", "en": "Checked on {date}"},
    "handout.checked_title": {"de": "Was wir geprüft haben", "en": "What we checked"},
    "handout.not_fitting": {"de": "Was jetzt nicht passt", "en": "What does not fit now"},
    "handout.appendix": {"de": "Anhang: Rechtsgrundlagen und Quellen", "en": "Appendix: legal basis and sources"},
    "handout.done": {"de": "Erledigt", "en": "Done"},
    "handout.next_region": {"de": "Nächste Schritte", "en": "Next steps"},
    "handout.not_needed": {"de": "Nicht nötig", "en": "Not needed"},
    "handout.occupations": {"de": "Zielberufe", "en": "Target occupations"},
    "handout.routes": {"de": "Passende Wege für An- und Ungelernte der Branche", "en": "Routes that suit the sector's unskilled workers"},
    "handout.tq_yes": {"de": "Teilqualifikationen vorhanden", "en": "partial qualifications available"},
    "handout.tq_no": {"de": "keine Teilqualifikationen bekannt", "en": "no partial qualifications known"},
    "handout.for": {"de": "für", "en": "for"},
    "handout.flaw": {"de": "Mangel", "en": "Flaw"},
    "handout.urgent": {"de": "dringend", "en": "urgent"},
    "handout.apply_for": {"de": "Antrag stellen", "en": "Apply"},
    "handout.notes": {"de": "Hinweise", "en": "Notes"},
    "handout.disclaimer.person": {
        "de": "Diese Übersicht ist eine Orientierung auf Grundlage Ihrer Angaben und des Rechtsstands vom {date}. "
              "Sie ersetzt nicht die Entscheidung der Agentur für Arbeit, des Jobcenters, der Kammer oder eines "
              "anderen Förderträgers: Über Förderung und Zulassung entscheiden allein diese Stellen.",
        "en": "This overview is guidance based on your information and the law as of {date}. It does not replace "
              "the decision of the employment agency, the Jobcenter, the chamber or any other funding body: "
              "only they decide on funding and admission."},
    "handout.disclaimer.region": {
        "de": "Diese Übersicht ist eine Orientierung auf Grundlage der Angaben zur Region und des Stands vom {date}. "
              "Sie ersetzt nicht die Abstimmung mit den Partnern und nicht die Entscheidungen der Förderstellen.",
        "en": "This overview is guidance based on the information about the region as of {date}. It does not "
              "replace agreement with the partners or the decisions of the funding bodies."},
    "contact.agentur": {"de": "Agentur für Arbeit", "en": "Employment agency (Agentur für Arbeit)"},
    "contact.jobcenter": {"de": "Jobcenter", "en": "Jobcenter"},
    "contact.kammer": {"de": "zuständige Kammer", "en": "competent chamber"},
    "contact.ihk": {"de": "Industrie- und Handelskammer (IHK)", "en": "Chamber of industry and commerce (IHK)"},
    "contact.hwk": {"de": "Handwerkskammer (HWK)", "en": "Chamber of crafts (HWK)"},
    "contact.lwk": {"de": "Landwirtschaftskammer", "en": "Chamber of agriculture"},
    "contact.bamf": {"de": "vom BAMF zugelassener Kursträger", "en": "course provider approved by the BAMF"},
    "contact.land": {"de": "zuständige Stelle des Landes", "en": "competent state authority"},
    "contact.provider": {"de": "Bildungsträger", "en": "education provider"},
    "contact.employer": {"de": "Arbeitgeber", "en": "employer"},
    "contact.kfw": {"de": "KfW", "en": "KfW"},
    "contact.beratungsstelle": {"de": "Beratungsstelle", "en": "counselling centre"},
    "contact.anerkennungsstelle": {"de": "zuständige Anerkennungsstelle", "en": "competent recognition authority"},
    "contact.network": {"de": "regionales Netzwerk", "en": "regional network"},
    # what if (whatif.py)
    "whatif.changes": {"de": "Geänderte Angaben", "en": "Changed facts"},
    "whatif.no_change": {"de": "Die Empfehlung ändert sich nicht.", "en": "The advice does not change."},
    "whatif.added": {"de": "Neu empfohlen", "en": "Newly recommended"},
    "whatif.removed": {"de": "Nicht mehr empfohlen", "en": "No longer recommended"},
    "whatif.reprioritised": {"de": "Andere Priorität", "en": "Re-prioritised"},
    "whatif.newly_undecided": {"de": "Jetzt offen", "en": "Now undecided"},
    "whatif.newly_decided": {"de": "Jetzt entschieden (nicht empfohlen)", "en": "Now decided (not recommended)"},
    "whatif.text.added": {"de": "{title} (Priorität {priority})", "en": "{title} (priority {priority})"},
    "whatif.text.removed": {"de": "{title} – jetzt {status}: {detail}", "en": "{title} – now {status}: {detail}"},
    "whatif.text.done": {"de": "{title} – jetzt erledigt", "en": "{title} – now done"},
    "whatif.text.reprioritised": {"de": "{title}: Priorität {before} → {after}", "en": "{title}: priority {before} → {after}"},
    "whatif.text.undecided": {"de": "{title} – zu klären: {detail}", "en": "{title} – to clarify: {detail}"},
    "whatif.text.decided": {"de": "{title} – nicht empfohlen: {detail}", "en": "{title} – not recommended: {detail}"},
    "whatif.bad_assignment": {"de": "--set '{text}': erwartet FELD=WERT", "en": "--set '{text}': expected FIELD=VALUE"},
    "whatif.unknown_field": {"de": "--set {field}: unbekanntes Feld{hint}; erlaubt: {allowed}",
                             "en": "--set {field}: unknown field{hint}; allowed: {allowed}"},
    "whatif.bad_value": {"de": "--set {field}={value}: Wert nicht erlaubt; erlaubt: {allowed}",
                         "en": "--set {field}={value}: value not allowed; allowed: {allowed}"},
    "whatif.allowed_int": {"de": "ganze Zahl, +N oder -N (Änderung), ? (unbekannt)",
                           "en": "an integer, +N or -N (change), ? (unknown)"},
    "whatif.allowed_nonempty": {"de": "ein Wert oder ? (unbekannt)", "en": "a value or ? (unknown)"},
    "whatif.relative_unknown": {"de": "--set {field}: +N/-N braucht einen bekannten Wert; bitte einen festen Wert angeben",
                                "en": "--set {field}: +N/-N needs a known value; give an absolute value"},
}


def translate(catalogue: dict[str, dict[str, str]], key: str, lang: str = DEFAULT_LANGUAGE,
              **values: object) -> str:
    """The ``lang`` text of ``key`` in ``catalogue`` (German when missing) with ``values`` filled in.

    Parts with many strings of their own (interview, region planner) keep their catalogue beside
    their code and look it up through this one function.
    """
    entry = catalogue[key]
    text = entry.get(lang) or entry[DEFAULT_LANGUAGE]
    return text.format(**values) if values else text


def t(key: str, lang: str = DEFAULT_LANGUAGE, **values: object) -> str:
    """Translate ``key`` of the main catalogue into ``lang`` and fill in ``values``."""
    return translate(_CATALOGUE, key, lang, **values)


def pick(texts: object, lang: str = DEFAULT_LANGUAGE) -> str:
    """Choose the ``lang`` variant of a ``{de: ..., en: ...}`` mapping from the knowledge base."""
    if isinstance(texts, dict):
        return str(texts.get(lang) or texts.get(DEFAULT_LANGUAGE) or "")
    return "" if texts is None else str(texts)


# --- formats: numbers, money, dates in the reader's language (JSON keeps plain numbers, ISO dates) ---

_MONTHS = {
    "de": ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
           "November", "Dezember"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"),
}


def format_number(value, lang: str = DEFAULT_LANGUAGE, decimals: int | None = None) -> str:
    """32.000 and 1,5 in German, 32,000 and 1.5 in English. Floats keep at most two decimals unless
    ``decimals`` fixes them (50,0); whole floats print as integers."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return str(value)
    if decimals is None and isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        text = f"{value:,}"
    elif decimals is not None:
        text = f"{value:,.{decimals}f}"
    else:
        text = f"{value:,.2f}".rstrip("0").rstrip(".")
    if lang == "de":
        text = text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return text


def format_money(value, lang: str = DEFAULT_LANGUAGE) -> str:
    """32.000 € (German) or €32,000 (English)."""
    return f"{format_number(value, lang)} €" if lang == "de" else f"€{format_number(value, lang)}"


def format_percent(value, lang: str = DEFAULT_LANGUAGE, decimals: int = 1) -> str:
    """50,0 % (German, with a space) or 50.0% (English)."""
    number = format_number(float(value), lang, decimals)
    return f"{number} %" if lang == "de" else f"{number}%"


def format_quantity(value, unit: str | None, lang: str = DEFAULT_LANGUAGE) -> str:
    """A parameter value with its unit: 32.000 €, 50,0 %, 24 Monate; other units after the number."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return str(value)
    if unit == "EUR":
        return format_money(value, lang)
    if unit in ("EUR per month", "EUR per month and child"):  # 150 € je Monat, €150 per month
        per = {"EUR per month": ("je Monat", "per month"),
               "EUR per month and child": ("je Monat und Kind", "per month and child")}[unit]
        return f"{format_money(value, lang)} {per[0] if lang == 'de' else per[1]}"
    if unit == "percent":
        return format_percent(value, lang)
    words = {"months": ("Monate", "months"), "years": ("Jahre", "years"), "hours": ("Stunden", "hours"),
             "employees": ("Beschäftigte", "employees")}.get(unit or "")
    number = format_number(value, lang)
    return f"{number} {words[0] if lang == 'de' else words[1]}" if words else number


def format_date(day: datetime.date | None, lang: str = DEFAULT_LANGUAGE) -> str:
    """03.12.2026 (German) or 3 December 2026 (English); empty for no date."""
    if day is None:
        return ""
    if lang == "de":
        return day.strftime("%d.%m.%Y")
    return f"{day.day} {_MONTHS['en'][day.month - 1]} {day.year}"


def format_month(day: datetime.date, lang: str = DEFAULT_LANGUAGE) -> str:
    """November 2028."""
    return f"{_MONTHS.get(lang, _MONTHS['de'])[day.month - 1]} {day.year}"


def approx_month(day: datetime.date, lang: str = DEFAULT_LANGUAGE) -> str:
    """'etwa November 2028' / 'around November 2028': a date that waiting reaches, not a deadline."""
    return t("format.approx_month", lang, month=format_month(day, lang))
