"""German for click's own texts ("Usage:", "Options", "Show this message and exit.", its errors).

click looks its texts up through ``gettext`` (module-level ``_`` and ``ngettext`` in each of its
modules). :func:`nq_advisor.cli.language.install` points those names at :func:`gettext` and
:func:`ngettext` below, which answer in the language of the command line. The keys are click's
message ids (tests/test_cli_language.py checks that every user-facing id of the installed click is
here, so a click upgrade with new texts is noticed).
"""
from __future__ import annotations

GERMAN: dict[str, str] = {
    "Usage:": "Aufruf:",
    "Options": "Optionen",
    "Commands": "Befehle",
    "Positional arguments": "Argumente",
    "Show this message and exit.": "Diese Hilfe zeigen und beenden.",
    "Show the version and exit.": "Version zeigen und beenden.",
    "default: {default}": "Standard: {default}",
    "env var: {var}": "Umgebungsvariable: {var}",
    "required": "erforderlich",
    "(dynamic)": "(dynamisch)",
    "deprecated": "veraltet",
    "Error: {message}": "Fehler: {message}",
    "Try '{command} {option}' for help.": "Hilfe: '{command} {option}'.",
    "Missing argument": "Fehlendes Argument",
    "Missing option": "Fehlende Option",
    "Missing parameter": "Fehlender Parameter",
    "Missing {param_type}": "Fehlt: {param_type}",
    "Missing parameter: {param_name}": "Fehlender Parameter: {param_name}",
    "Missing command.": "Befehl fehlt.",
    "No such option {name!r}.": "Unbekannte Option {name!r}.",
    "No such command {name!r}.": "Unbekannter Befehl {name!r}.",
    "Did you mean {possibility}?": "Meinten Sie {possibility}?",
    "(Did you mean one of: {possibilities}?)": "(Meinten Sie eines davon: {possibilities}?)",
    "Invalid value for {param_hint}: {message}": "Ungültiger Wert für {param_hint}: {message}",
    "Invalid value: {message}": "Ungültiger Wert: {message}",
    "Got unexpected extra argument ({args})": "Unerwartetes zusätzliches Argument ({args})",
    "Got unexpected extra arguments ({args})": "Unerwartete zusätzliche Argumente ({args})",
    "Option {name!r} does not take a value.": "Option {name!r} nimmt keinen Wert.",
    "Option {name!r} requires an argument.": "Option {name!r} braucht einen Wert.",
    "Option {name!r} requires {nargs} arguments.": "Option {name!r} braucht {nargs} Werte.",
    "Argument {name!r} takes {nargs} values.": "Argument {name!r} nimmt {nargs} Werte.",
    "Takes {nargs} values but 1 was given.": "Nimmt {nargs} Werte, angegeben wurde 1.",
    "Takes {nargs} values but {len} were given.": "Nimmt {nargs} Werte, angegeben wurden {len}.",
    "Invalid start character for option ({option})": "Ungültiges erstes Zeichen für eine Option ({option})",
    "Value must be an iterable.": "Der Wert muss eine Folge sein.",
    "Aborted!": "Abgebrochen.",
    "unknown error": "unbekannter Fehler",
    "Could not open file {filename!r}: {message}": "Datei {filename!r} lässt sich nicht öffnen: {message}",
    "Choose from:\n\t{choices}": "Möglich:\n\t{choices}",
    "{value!r} is not {choice}.": "{value!r} ist nicht {choice}.",
    "{value!r} is not one of {choices}.": "{value!r} ist keines von {choices}.",
    "{value!r} does not match the format {format}.": "{value!r} passt nicht zum Format {format}.",
    "{value!r} does not match the formats {formats}.": "{value!r} passt zu keinem der Formate {formats}.",
    "{value} is not in the range {range}.": "{value} liegt nicht im Bereich {range}.",
    "{value!r} is not a valid boolean. Recognized values: {states}":
        "{value!r} ist kein Wahrheitswert. Möglich: {states}",
    "{value!r} is not a valid {number_type}.": "{value!r} ist keine gültige ganze Zahl.",  # no float options
    "{value!r} is not a valid UUID.": "{value!r} ist keine gültige UUID.",
    "{len_type} values are required, but {len_value} was given.":
        "{len_type} Werte sind nötig, angegeben wurde {len_value}.",
    "{len_type} values are required, but {len_value} were given.":
        "{len_type} Werte sind nötig, angegeben wurden {len_value}.",
    "file": "Datei",
    "directory": "Ordner",
    "path": "Pfad",
    "{name} {filename!r} does not exist.": "{name} {filename!r} gibt es nicht.",
    "{name} {filename!r} is a file.": "{name} {filename!r} ist eine Datei.",
    "{name} {filename!r} is a directory.": "{name} {filename!r} ist ein Ordner.",
    "{name} {filename!r} is not readable.": "{name} {filename!r} ist nicht lesbar.",
    "{name} {filename!r} is not writable.": "{name} {filename!r} ist nicht beschreibbar.",
    "{name} {filename!r} is not executable.": "{name} {filename!r} ist nicht ausführbar.",
    "Do you want to continue?": "Fortfahren?",
    "Confirm the action without prompting.": "Ohne Rückfrage bestätigen.",
    "Press any key to continue...": "Weiter mit einer beliebigen Taste ...",
    "Repeat for confirmation": "Zur Bestätigung wiederholen",
    "Error: The two entered values do not match.": "Fehler: Die beiden Eingaben stimmen nicht überein.",
    "Error: invalid input": "Fehler: ungültige Eingabe",
    "%(prog)s, version %(version)s": "%(prog)s, Version %(version)s",
    "Couldn't detect Bash version, shell completion is not supported.":
        "Bash-Version nicht erkannt; Vervollständigung wird nicht unterstützt.",
    "Shell completion is not supported for Bash versions older than 4.4.":
        "Vervollständigung braucht Bash 4.4 oder neuer.",
    "{editor}: Editing failed": "{editor}: Bearbeiten fehlgeschlagen",
    "{editor}: Editing failed: {e}": "{editor}: Bearbeiten fehlgeschlagen: {e}",
    "Unknown standard stream '{name}'": "Unbekannter Standardkanal '{name}'",
    "Windows error: {error}": "Windows-Fehler: {error}",
    "Unknown color {colour!r}": "Unbekannte Farbe {colour!r}",
    "d": "T",  # progress bar: days of the remaining time
}

# click's texts that only a programmer defining commands can see (errors in the command definitions)
NOT_FOR_USERS = {
    "DeprecationWarning: The command {name!r} is deprecated.{extra_message}",
    "DeprecationWarning: The {param_type} {name!r} is deprecated.{extra_message}",
    "Could not determine name for option with declarations {decls!r}",
    "No options defined but a name was passed ({name}). Did you mean to declare an argument instead? "
    "Did you mean to pass '--{name}'?",
    "Arguments take exactly one parameter declaration, got {length}: {decls}.",
    "Name '{name}' defined twice",
    "Boolean option {decl!r} cannot use the same flag for true/false.",
    "Choice({choices})",
}
