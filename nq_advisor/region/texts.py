"""User-facing words of the region planner, German and English (one lookup function, like i18n.t)."""
from __future__ import annotations

from nq_advisor.i18n import translate

_TEXTS: dict[str, dict[str, str]] = {
    "status.done": {"de": "erledigt", "en": "done"},
    "status.open": {"de": "offen", "en": "open"},
    "status.flawed": {"de": "mit Mängeln", "en": "flawed"},
    "status.unknown": {"de": "unbekannt", "en": "unknown"},
    "status.idle": {"de": "kein Anlass", "en": "nothing to take up"},
    "head.prio": {"de": "Prio", "en": "Prio"},
    "head.item": {"de": "Schritt / Maßnahme", "en": "Step / action"},
    "head.status": {"de": "Status", "en": "Status"},
    "head.reason": {"de": "Begründung", "en": "Reason"},
    "head.partners": {"de": "Partner", "en": "Partners"},
    "head.date": {"de": "Datum", "en": "Date"},
    "head.done": {"de": "erledigt", "en": "done"},
    "head.open": {"de": "offen", "en": "open"},
    "head.step": {"de": "Schritt", "en": "Step"},
    "head.field": {"de": "Angabe", "en": "Fact"},
    "head.before": {"de": "vorher", "en": "before"},
    "head.after": {"de": "jetzt", "en": "now"},
    "track.saved": {"de": "Stand vom {date} in {file} gespeichert ({count} Stände).",
                    "en": "Snapshot of {date} saved to {file} ({count} snapshots)."},
    "track.replaced": {"de": "Stand vom {date} ersetzt (gleicher Tag).", "en": "Snapshot of {date} replaced (same day)."},
    "track.first": {"de": "Erster Stand – noch kein Vergleich.", "en": "First snapshot – nothing to compare yet."},
    "track.since": {"de": "Seit dem letzten Stand ({date}) erledigt:", "en": "Done since the last snapshot ({date}):"},
    "track.nothing_done": {"de": "Seit dem letzten Stand ({date}) wurde kein Schritt erledigt.",
                           "en": "No step was completed since the last snapshot ({date})."},
    "track.reopened": {"de": "Wieder offen oder mit Mängeln:", "en": "Open again or flawed:"},
    "track.changed": {"de": "Geänderte Angaben:", "en": "Changed facts:"},
    "track.open": {"de": "Noch offen (nach Priorität):", "en": "Still open (by priority):"},
    "track.missing": {"de": "zu klären: ", "en": "to clarify: "},
    "track.all_done": {"de": "Nichts mehr offen.", "en": "Nothing left open."},
    "report.title": {"de": "Fortschrittsbericht Netzwerk Nachqualifizierung", "en": "Progress report: Nachqualifizierung network"},
    "report.region": {"de": "Region", "en": "Region"},
    "report.snapshots": {"de": "Stände", "en": "Snapshots"},
    "report.chart": {"de": "Erledigte Schritte im Zeitverlauf (von {total})", "en": "Steps done over time (of {total})"},
    "report.matrix": {"de": "Schritte je Stand", "en": "Steps per snapshot"},
    "report.next": {"de": "Nächste Schritte (Stand {date})", "en": "Next steps (as of {date})"},
    "report.network": {"de": "Netzwerk (Stand {date})", "en": "Network (as of {date})"},
    "report.done": {"de": "Erledigt", "en": "Done"},
    "report.unknown": {"de": "Noch zu klären", "en": "Still to clarify"},
    "report.actions": {"de": "Maßnahmen", "en": "Actions"},
    "report.why_partner": {"de": "Partner und ihre Rolle", "en": "Partners and their role"},
    "report.done_when": {"de": "Erledigt, wenn", "en": "Done when"},
    "report.occupations": {"de": "Zielberufe", "en": "Target occupations"},
    "report.generated": {"de": "Erstellt mit nq-advisor; Rechtsstand je Stand = Datum des Stands.",
                         "en": "Made with nq-advisor; law as of each snapshot's date."},
    "diagram.steering": {"de": "Steuerungsnetzwerk", "en": "Steering network"},
    "diagram.no_steering": {"de": "Steuerungsnetzwerk fehlt", "en": "Steering network missing"},
    "diagram.operative": {"de": "Operative Netzwerke", "en": "Operative networks"},
    "diagram.no_operative": {"de": "Operative Netzwerke fehlen", "en": "Operative networks missing"},
    "diagram.coordination": {"de": "Koordination: {value}", "en": "Coordination: {value}"},
    "diagram.offer": {"de": "Angebot für Betriebe: {value}", "en": "Offer for companies: {value}"},
    "diagram.goals": {"de": "Ziele vereinbart", "en": "goals agreed"},
    "diagram.no_goals": {"de": "Ziele nicht vereinbart", "en": "goals not agreed"},
    "diagram.missing": {"de": "fehlt", "en": "missing"},
    "diagram.present": {"de": "vertreten", "en": "present"},
    "diagram.legend": {"de": "Legende: durchgezogen = vertreten, rot gestrichelt = fehlt (Kernpartner), grau gestrichelt = weiterer Partner, nicht vertreten",
                       "en": "Legend: solid = present, red dashed = missing (core partner), grey dashed = further partner, not present"},
    "legend.title": {"de": "Legende", "en": "Legend"},
    "legend.present.name": {"de": "vorhanden", "en": "in place"},
    "legend.present": {"de": "grün, durchgezogen: vorhanden bzw. im Steuerungsnetzwerk vertreten", "en": "green, solid: in place or represented in the steering network"},
    "legend.flawed.name": {"de": "Mangel", "en": "flaw"},
    "legend.flawed": {"de": "orange, dick: vorhanden, aber mit Mangel (z. B. Koordination mit eigenen Interessen, Ziele nicht vereinbart, Angebot erst geplant)", "en": "orange, thick: in place but flawed (e.g. coordination with its own interests, no goals agreed, offer only planned)"},
    "legend.missing.name": {"de": "fehlt", "en": "missing"},
    "legend.missing": {"de": "rot, gestrichelt: fehlt (Kernpartner oder Baustein des Netzwerks)", "en": "red, dashed: missing (core partner or building block of the network)"},
    "legend.optional.name": {"de": "weiterer Partner", "en": "further partner"},
    "legend.optional": {"de": "grau, gestrichelt: weiterer möglicher Partner, nicht vertreten", "en": "grey, dashed: further possible partner, not represented"},
    "legend.neutral.name": {"de": "operativ", "en": "operative"},
    "legend.neutral": {"de": "blau: Mitglied der operativen Netzwerke", "en": "blue: member of the operative networks"},
    "legend.line_missing.name": {"de": "Linie", "en": "line"},
    "legend.line_missing": {"de": "rote gestrichelte Linie: dieser Gruppe wurde das Angebot noch nicht vorgestellt", "en": "red dashed line: the offer has not been presented to this group yet"},
    "diagram.presented": {"de": "vorgestellt", "en": "presented"},
    "diagram.unknown": {"de": "unbekannt", "en": "unknown"},
    "diagram.title": {"de": "Netzwerk {name}", "en": "Network {name}"},
    "diagram.unnamed": {"de": "(ohne Namen)", "en": "(unnamed)"},
    # the history file (history.py)
    "history.before_last": {"de": "{path}: Datum {date} liegt vor dem letzten Stand ({last}); Stände bitte in "
                                  "Datumsfolge hinzufügen",
                            "en": "{path}: date {date} lies before the last snapshot ({last}); snapshots must be "
                                  "added in date order"},
    "history.is_folder": {"de": "{path}: ist ein Ordner; erwartet wird eine Verlaufsdatei (YAML)",
                          "en": "{path}: is a folder, expected a history file (YAML)"},
    "history.not_mapping": {"de": "erwartet eine Zuordnung mit 'format: {format}' und 'snapshots: [...]'",
                            "en": "expected a mapping with 'format: {format}' and 'snapshots: [...]'"},
    "history.unknown_key": {"de": "unbekannter Schlüssel '{name}'; erlaubt: format, snapshots",
                            "en": "unknown key '{name}'; allowed: format, snapshots"},
    "history.bad_format": {"de": "'format' muss '{format}' sein, nicht {value}",
                           "en": "'format' must be '{format}', not {value}"},
    "history.not_list": {"de": "'snapshots' muss eine Liste von {{date, region}} sein",
                         "en": "'snapshots' must be a list of {{date, region}}"},
    "history.no_end_mark": {"de": "die letzte Zeile '{mark}' fehlt: die Datei scheint abgeschnitten und wird nicht "
                                  "geändert; bitte aus einer Sicherung wiederherstellen oder, wenn sie von Hand "
                                  "bearbeitet wurde, mit '{expected}' abschließen",
                            "en": "the last line '{mark}' is missing: the file seems cut short and is not changed; "
                                  "restore it from a backup, or, if you edited it by hand, end it with '{expected}'"},
    "history.wrong_count": {"de": "die Datei endet mit {marked} Ständen, enthält aber {count}: sie scheint "
                                  "abgeschnitten oder bearbeitet und wird nicht geändert; bitte aus einer Sicherung "
                                  "wiederherstellen oder die Zahl korrigieren",
                            "en": "the file ends with {marked} snapshots but holds {count}: it seems cut short or "
                                  "edited and is not changed; restore it from a backup, or correct the number"},
    "history.snapshot_keys": {"de": "jeder Stand braucht genau die Schlüssel 'date' und 'region'",
                              "en": "each snapshot needs exactly the keys 'date' and 'region'"},
    "history.not_date": {"de": "Datum {value} ist kein Datum (JJJJ-MM-TT)",
                         "en": "date {value} is not a date (YYYY-MM-DD)"},
    "history.not_after": {"de": "Datum {date} liegt nicht nach dem vorigen Stand ({previous}); Stände müssen in "
                                "Datumsfolge stehen",
                          "en": "date {date} is not after the previous snapshot ({previous}); snapshots must be in "
                                "date order"},
    "history.no_folder": {"de": "{path}: den Ordner {folder} gibt es nicht", "en": "{path}: folder {folder} does not exist"},
}


def tr(key: str, lang: str = "de", **values: object) -> str:
    """The ``lang`` text of ``key`` with ``values`` filled in (German when a language is missing)."""
    return translate(_TEXTS, key, lang, **values)
