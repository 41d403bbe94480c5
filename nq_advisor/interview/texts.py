"""The interview's own user-facing strings, German and English (one lookup, like i18n.t)."""
from __future__ import annotations

from nq_advisor.i18n import DEFAULT_LANGUAGE, translate

_TEXTS: dict[str, dict[str, str]] = {
    "intro": {
        "de": "Fragen zur Nachqualifizierung ({subject}). Es wird nur gefragt, was die Empfehlung noch ändern kann.",
        "en": "Questions on Nachqualifizierung ({subject}). Only what can still change the advice is asked.",
    },
    "commands": {
        "de": "Eingabe: Nummer oder Wert · Enter oder 'skip' = überspringen · '?' = Zwischenstand · "
              "'<' oder 'back' = zurück · 'ändern' = eine frühere Antwort ändern · 'help' = Hilfe · "
              "'quit' = beenden",
        "en": "Input: number or value · Enter or 'skip' = skip · '?' = current advice · "
              "'<' or 'back' = go back · 'change' = change an earlier answer · 'help' = help · 'quit' = quit",
    },
    "subject.person": {"de": "Person", "en": "person"},
    "subject.region": {"de": "Region", "en": "region"},
    "question_head": {"de": "Frage {number}", "en": "Question {number}"},
    "matters_for": {"de": "Wichtig für: {refs}", "en": "Matters for: {refs}"},
    "known_before": {"de": "bisher: {value}", "en": "so far: {value}"},
    "answer_prompt": {"de": "Antwort", "en": "Answer"},
    "hint.int": {"de": "ganze Zahl", "en": "whole number"},
    "hint.list": {"de": "mehrere Nummern mit Komma trennen, 0 = keine davon",
                  "en": "separate several numbers with commas, 0 = none of these"},
    "choice.none_of_these": {"de": "keine davon", "en": "none of these"},
    "invalid": {"de": "Ungültige Antwort '{text}': {reason}. Bitte noch einmal.",
                "en": "Invalid answer '{text}': {reason}. Please try again."},
    "reason.not_a_number": {"de": "keine ganze Zahl; erwartet: {allowed}", "en": "not a whole number; expected: {allowed}"},
    "reason.out_of_range": {"de": "erlaubt: {allowed}", "en": "allowed: {allowed}"},
    "reason.no_choice": {"de": "keine der Auswahlmöglichkeiten{hint}; Nummer 1 bis {count} oder Wert eingeben",
                         "en": "not one of the choices{hint}; enter a number from 1 to {count} or a value"},
    "reason.ambiguous": {"de": "passt auf mehrere: {matches}", "en": "matches several: {matches}"},
    "reason.bool": {"de": "bitte ja oder nein (1 oder 2)", "en": "please yes or no (1 or 2)"},
    "reason.empty_text": {"de": "Text erwartet", "en": "text expected"},
    "skipped": {"de": "übersprungen – bleibt unbekannt", "en": "skipped – stays unknown"},
    "back_to": {"de": "Zurück zu: {title}", "en": "Back to: {title}"},
    "back_none": {"de": "Noch keine Antwort, zu der es zurückgehen könnte.", "en": "No earlier answer to go back to."},
    "change_none": {"de": "Noch keine Antwort, die geändert werden könnte.", "en": "No answer to change yet."},
    "change_head": {"de": "Bisherige Antworten (die übrigen bleiben erhalten):",
                    "en": "Answers so far (the others stay as they are):"},
    "change_unused": {"de": "zurzeit ohne Bedeutung", "en": "does not matter now"},
    "change_prompt": {"de": "Welche Antwort ändern? Nummer (Enter = keine)",
                      "en": "Which answer to change? Number (Enter = none)"},
    "change_unknown": {"de": "'{choice}' ist keine der Antworten; Nummer 1 bis {count} oder Feldname eingeben.",
                       "en": "'{choice}' is not one of the answers; enter a number from 1 to {count} or a field name."},
    "change_answer_prompt": {"de": "Neue Antwort (Enter = unverändert)", "en": "New answer (Enter = unchanged)"},
    "change_kept": {"de": "unverändert", "en": "unchanged"},
    "change_now_unused": {"de": "Zurzeit ohne Bedeutung (bleibt gespeichert): {titles}",
                          "en": "Does not matter now (kept): {titles}"},
    "help_head": {"de": "Hilfe", "en": "Help"},
    "help_none": {"de": "Zu dieser Frage gibt es keinen weiteren Hilfetext.", "en": "There is no further help text for this question."},
    "allowed": {"de": "Erlaubt: {allowed}", "en": "Allowed: {allowed}"},
    "allowed_choices": {"de": "Erlaubt: Nummer 1 bis {count}, der Wert oder ein eindeutiger Teil der Bezeichnung",
                        "en": "Allowed: a number from 1 to {count}, the value, or an unambiguous part of the label"},
    "current_advice": {"de": "Zwischenstand", "en": "Current advice"},
    "done": {"de": "Keine weiteren Fragen: keine offene Angabe kann die Empfehlung noch ändern.",
             "en": "No more questions: no open fact can change the advice any more."},
    "done_prompt": {"de": "Enter = Ergebnis anzeigen, '<' = letzte Antwort ändern, 'ändern' = eine frühere Antwort ändern",
                    "en": "Enter = show the result, '<' = change the last answer, 'change' = change an earlier answer"},
    "result": {"de": "Ergebnis", "en": "Result"},
    "saved_session": {"de": "Sitzung gespeichert in {path}. Fortsetzen mit: nq-advisor interview --session {path}",
                      "en": "Session saved in {path}. Resume with: nq-advisor interview --session {path}"},
    "not_saved": {"de": "Sitzung nicht gespeichert (zum Speichern --session DATEI angeben).",
                  "en": "Session not saved (name a file with --session FILE to keep it)."},
    "ask_session_path": {"de": "Sitzung speichern unter (Enter = verwerfen)", "en": "Save the session as (Enter = discard)"},
    "ask_facts_path": {"de": "Angaben als Eingabedatei für 'nq-advisor advise' speichern unter (Enter = nicht speichern)",
                       "en": "Save the facts as an input file for 'nq-advisor advise' as (Enter = do not save)"},
    "ask_handout_path": {"de": "Handout (Markdown) speichern unter (Enter = nicht speichern)",
                         "en": "Save a handout (Markdown) as (Enter = do not save)"},
    "overwrite": {"de": "{path} gibt es schon. Überschreiben?", "en": "{path} exists. Overwrite?"},
    "written": {"de": "Gespeichert: {path}", "en": "Written: {path}"},
    "write_failed": {"de": "Konnte {path} nicht schreiben: {reason}", "en": "Could not write {path}: {reason}"},
    "interrupted": {"de": "Abgebrochen.", "en": "Interrupted."},
    "quit": {"de": "Beendet.", "en": "Quit."},
    "resumed": {"de": "Sitzung fortgesetzt: {answered} Antwort(en), {skipped} übersprungen.",
                "en": "Session resumed: {answered} answer(s), {skipped} skipped."},
    "yes": {"de": "ja", "en": "yes"},
    "no": {"de": "nein", "en": "no"},
}


def text(key: str, lang: str = DEFAULT_LANGUAGE, **values: object) -> str:
    """The interview string ``key`` in ``lang`` with ``values`` filled in."""
    return translate(_TEXTS, key, lang, **values)
