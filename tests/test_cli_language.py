"""One language per invocation: German shows no English and English no German in help, errors and
tables; click's own texts included; tables fit the terminal."""
import ast
import pathlib
import re

import click
import pytest
from click.testing import CliRunner

from nq_advisor.cli import main
from nq_advisor.cli.click_texts import GERMAN, NOT_FOR_USERS
from tests.test_packaging import command_paths

ROOT = pathlib.Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
ENGLISH = re.compile(r"\b(Usage|Options|Commands|Show this|Error|Missing|default|required|not found|"
                     r"the|and|with|file|is not|Try|invalid|unknown|allowed)\b")
GERMAN_WORDS = re.compile(r"\b(Aufruf|Optionen|Befehle|Fehler|Standard|Datei|nicht|und|der|die|das|mit|"
                          r"Hilfe|erlaubt|unbekannt|ungültig|Empfehlung)\b")
# English words that are names in German text too (formats, file types, environment variables)
ALLOWED_IN_GERMAN = re.compile(r"\b(table|json|yaml|markdown|html|mermaid|svg|jsonl|csv|person|region|facts|"
                               r"advice|JSON Lines|NQ_ADVISOR_\w+|knowledge/|rules/)")


def run(*args, env=None, input=None):
    return CliRunner().invoke(main, list(args), env={"COLUMNS": "80", **(env or {})}, input=input)


def _english_in(text: str) -> list[str]:
    text = ALLOWED_IN_GERMAN.sub(" ", text)
    text = re.sub(r"'[^'\n]*'|\[[^\]\n]*\]|\S+/\S+|--[\w-]+", " ", text)  # quoted values, choices, paths, options
    return ENGLISH.findall(text)


@pytest.mark.parametrize("path", command_paths(), ids=lambda p: " ".join(p) or "main")
def test_help_is_german_by_default_and_english_on_request(path):
    german = run(*path, "--help")
    assert german.exit_code == 0 and german.output.startswith("Aufruf:")
    assert not _english_in(german.output), german.output
    for english in (run(*path, "--lang", "en", "--help"), run(*path, "--help", env={"NQ_ADVISOR_LANG": "en"}),
                    run("--lang", "en", *path, "--help")):
        assert english.exit_code == 0, english.output
        assert english.output.startswith("Usage:")
        assert not GERMAN_WORDS.findall(english.output), english.output


def test_group_level_lang_before_a_subcommand():
    result = run("kb", "--lang", "en", "list", "--help")
    assert result.exit_code == 0 and "Only items of this kind" in result.output


ERRORS = [
    ("advise",),                                          # missing argument
    ("nope",),                                            # no such command
    ("advise", "x.yaml", "--as-of", "2026-13-01"),        # bad date
    ("advise", "x.yaml", "--format", "pdf"),              # bad choice
    ("advise", "does-not-exist.yaml"),                    # file not found
    ("kb", "show", "externenpruefng"),                    # unknown id
]


@pytest.mark.parametrize("args", ERRORS, ids=lambda a: " ".join(a))
def test_errors_in_one_language(args):
    german = run(*args)
    assert german.exit_code == 2
    assert not _english_in(german.output), german.output
    english = run(*args, "--lang", "en")
    assert english.exit_code == 2
    assert not GERMAN_WORDS.findall(re.sub(r"'[^']*'", "", english.output)), english.output


ENV_FR = {"NQ_ADVISOR_LANG": "fr"}


@pytest.mark.parametrize("args", [("advise", str(ROOT / "examples" / "person_lagerhelfer.yaml")), ("interview", "person"),
                                  ("serve", "--host", "0.0.0.0", "--token-file", "/nonexistent/tokens"),  # never starts
                                  ("batch", "cases.jsonl"), ("kb", "list"), ("--help",), ("--version",)],
                         ids=lambda a: " ".join(a[:1]))
def test_an_unknown_language_in_the_environment_is_a_usage_error_naming_variable_value_and_choices(args):
    """NQ_ADVISOR_LANG=fr is refused like --lang xx (exit 2, German), by every command, before it runs."""
    result = run(*args, env=ENV_FR, input="")
    assert result.exit_code == 2, result.output
    assert result.output.startswith("Fehler: Ungültiger Wert für die Umgebungsvariable NQ_ADVISOR_LANG: 'fr' ist "
                                    "keines von 'de', 'en'."), result.output
    assert "(unset NQ_ADVISOR_LANG) oder geben Sie --lang an." in result.output  # what to do instead
    assert "--help" not in result.output  # --help would stop at the same variable
    assert not _english_in(result.output), result.output
    assert "Frage 1" not in result.output and "Qualifizierungsweg" not in result.output  # nothing ran


def test_a_language_on_the_command_line_wins_over_a_bad_environment_variable():
    english = run("kb", "list", "--kind", "route", "--lang", "en", env=ENV_FR)
    assert english.exit_code == 0 and "Validation" in english.output and "NQ_ADVISOR_LANG" not in english.output
    assert run("--lang=de", "kb", "list", env=ENV_FR).exit_code == 0
    both_bad = run("kb", "list", "--lang", "xx", env=ENV_FR)  # the command line's error, as without the variable
    assert both_bad.exit_code == 2 and "Ungültiger Wert für '--lang': 'xx' ist keines von 'de', 'en'." in both_bad.output
    assert run("kb", "list", env={"NQ_ADVISOR_LANG": ""}).exit_code == 0  # empty = unset


def test_a_bad_date_is_one_line_naming_the_form():
    result = run("advise", "x.yaml", "--as-of", "23.11.2026")
    lines = [line for line in result.output.splitlines() if line.startswith("Fehler")]
    assert lines == ["Fehler: Ungültiger Wert für '--as-of': '23.11.2026' ist kein Datum der Form JJJJ-MM-TT "
                     "(z. B. 2026-11-23)."]


@pytest.mark.parametrize("content, hint", [
    ('{"person": {"age": 38,}}', "Komma nach dem letzten Eintrag"),
    ("{'person': {}}", "doppelte Anführungszeichen"),
    ("person:\n  age: 3\n state: NW\n", "ungültiges YAML"),
    ("persona: {}\n", "unbekannter Schlüssel 'persona'"),
])
def test_bad_files_are_explained_in_german(tmp_path, content, hint):
    path = tmp_path / ("case.json" if content.startswith("{") else "case.yaml")
    path.write_text(content, encoding="utf-8")
    result = run("advise", str(path))
    assert result.exit_code == 2 and hint in result.output, result.output
    assert not _english_in(result.output.replace(str(path), "")), result.output


def test_kb_output_shows_titles_not_ids():
    shown = run("kb", "show", "externenpruefung")
    assert "Vertrauen: hoch" in shown.output and "Ansprechpartner: zuständige Kammer" in shown.output
    assert "['kammer']" not in shown.output and "route]" not in shown.output
    network = run("kb", "show", "s3_steering_network", "--lang", "en")
    assert "Partners: Chamber of industry" in network.output and "'ihk'" not in network.output
    listing = run("kb", "list", "--kind", "route")
    assert "Qualifizierungsweg" in listing.output and "Titel" in listing.output
    validate = run("kb", "validate")
    assert validate.output.startswith("OK: ") and "Einträge" in validate.output


def test_every_user_facing_text_of_the_installed_click_has_a_german_translation():
    missing = []
    for file in pathlib.Path(click.__file__).parent.glob("*.py"):
        for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("_", "ngettext"):
                for arg in node.args:
                    if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                        if arg.value not in GERMAN and arg.value not in NOT_FOR_USERS:
                            missing.append(f"{file.name}: {arg.value!r}")
    assert not missing, "click texts without German (add them to nq_advisor/cli/click_texts.py):\n" + "\n".join(missing)


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
@pytest.mark.parametrize("lang", ["de", "en"])
def test_advice_tables_fit_80_columns(example, lang):
    result = run("advise", str(example), "--as-of", "2026-11-23", "--lang", lang)
    assert result.exit_code == 0, result.output
    assert max(len(line) for line in result.output.splitlines()) <= 80


@pytest.mark.parametrize("columns", ["60", "100", "140"])
def test_tables_follow_the_columns_variable(columns):
    result = CliRunner().invoke(main, ["advise", str(EXAMPLES[0]), "--as-of", "2026-11-23"],
                                env={"COLUMNS": columns})
    widths = [len(line) for line in result.output.splitlines()]
    assert max(widths) <= int(columns)


@pytest.mark.parametrize("args", [
    ("explain", str(ROOT / "examples" / "person_lagerhelfer.yaml"), "umschulung"),
    ("whatif", str(ROOT / "examples" / "person_zugewandert.yaml"), "--set", "german_level=B2"),
    ("kb", "list"),
    ("kb", "show", "s1_company_structure"),
])
def test_explanations_and_kb_fit_80_columns_except_long_urls(args):
    result = run(*args, "--as-of", "2026-11-23") if args[0] in ("explain", "whatif") else run(*args)
    assert result.exit_code == 0, result.output
    too_wide = [line for line in result.output.splitlines() if len(line) > 80 and "http" not in line]
    assert not too_wide
