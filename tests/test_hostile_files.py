"""Files made to hurt (issue 11): facts, session and history files end as a located error and exit 2.

Bounded work is checked by counting (the alias expansion stops at MAX_NODES values), never by timing.
"""
import datetime
import json
import os
import re
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from nq_advisor.cli import main
from nq_advisor.errors import InputError, UsageError
from nq_advisor.interview.answers import AnswerError, parse_answer
from nq_advisor.interview.questions import build_question
from nq_advisor.interview.resume import session_from_document
from nq_advisor.load import limits
from nq_advisor.load.inputs import parse_bytes, parse_document
from nq_advisor.private_files import write_private
from nq_advisor.region.history import History, Snapshot, load_history, save_history

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


def laughs(levels: int = 9) -> str:
    """A "billion laughs": each level repeats the previous one nine times (9**9 values if expanded)."""
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    names = "abcdefghijklmnop"
    for previous, name in zip(names, names[1:levels]):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 9) + "]")
    return "\n".join(lines) + "\n"


def run(*args, input=None):
    return CliRunner().invoke(main, [str(a) for a in args], input=input)


def assert_clean_exit_2(result, *fragments):
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    for fragment in fragments:
        assert fragment in result.output


HOSTILE_FACTS = {  # name: (text, English message, German message)
    "laughs.yaml": ("person:\n  age: 30\nx:\n" + "".join("  " + line + "\n" for line in laughs().splitlines()),
                    "line 4: more than 200000 values", "Zeile 4: mehr als 200000 Werte"),
    "deep.yaml": ("person:\n  skills: " + "[" * 400 + "]" * 400 + "\n", "line 2: nested deeper than 64 levels",
                  "Zeile 2: tiefer als 64 Ebenen verschachtelt"),
    "deep.json": ('{"person":\n {"skills": ' + "[" * 400 + "]" * 400 + "}}", "line 2: nested deeper than 64",
                  "Zeile 2: tiefer als 64 Ebenen verschachtelt"),
    "huge.yaml": ("person:\n  age: " + "9" * 5000 + "\n", "line 2: integer with 5000 digits",
                  "Zeile 2: ganze Zahl mit 5000 Stellen (höchstens 100 Stellen)"),
    "huge.json": ('{"person":\n {"age": ' + "9" * 5000 + "}}", "line 2: integer with 5000 digits",
                  "Zeile 2: ganze Zahl mit 5000 Stellen"),
    "dup.json": ('{"person": {"age": 30,\n "age": 40}}', "line 2: duplicate key 'age'", "Zeile 2: Schlüssel 'age' doppelt"),
    "nan.json": ('{"person": {"age": NaN}}', "line 1: 'NaN' is not a number", "Zeile 1: 'NaN' ist in JSON keine Zahl"),
    "long.yaml": ("person:\n  name: " + "x" * 70_000 + "\n", "line 2: text of 70000 characters",
                  "Zeile 2: Text mit 70000 Zeichen (höchstens 65536)"),
    "tag.yaml": ("person: !!set {a, b}\n", "line 1: unsupported YAML tag",
                 "Zeile 1: YAML-Tag 'tag:yaml.org,2002:set' wird nicht unterstützt"),
    "empty.json": ("", "empty: expected a document with exactly one key", "leer: erwartet ein Dokument mit genau "
                   "einem Schlüssel"),
    "blank.yaml": ("\n\n  \n", "empty: expected a document", "leer: erwartet ein Dokument"),
    "trailing_comma.json": ('{"person": {"age": 30,}}', "line 1, column 22: invalid JSON: comma after the last "
                            "entry (not allowed in JSON)",
                            "Zeile 1, Spalte 22: ungültiges JSON: Komma nach dem letzten Eintrag (in JSON nicht erlaubt)"),
    "unquoted.json": ('{"person": {"name": Müller}}', "line 1, column 21: invalid JSON: Expecting value – text in "
                      "JSON needs double quotes", "Zeile 1, Spalte 21: ungültiges JSON: Wert erwartet – Text steht in "
                      "JSON in doppelten Anführungszeichen"),
    "unclosed.json": ('{"person": {"age": 30}\n', "line 2, column 1: invalid JSON: closing '}' missing – the file "
                      "ends before every bracket is closed", "Zeile 2, Spalte 1: ungültiges JSON: schließende '}' fehlt "
                      "– die Datei endet, bevor alle Klammern geschlossen sind"),
    "unclosed_list.json": ('{"person": {"skills": ["a", "b"', "line 1, column 32: invalid JSON: closing ']' missing",
                           "Zeile 1, Spalte 32: ungültiges JSON: schließende ']' fehlt"),
    "indent.yaml": ("person:\n  age: 30\n name: x\n", "line 3: invalid YAML: did not find expected key",
                    "Zeile 3: ungültiges YAML: Schlüssel erwartet (Einrückung prüfen)"),
    "tab.yaml": ("person:\n\tage: 30\n", "line 2: invalid YAML: found character",
                 "Zeile 2: ungültiges YAML: Zeichen, mit dem nichts beginnen kann (YAML rückt mit Leerzeichen ein"),
    "key.yaml": ("people: {age: 30}\n", "unknown key 'people'; allowed: person, region",
                 "unbekannter Schlüssel 'people'; erlaubt: person, region"),
}
# words that give away the other language in a message about a file (outside what it quotes)
ENGLISH = re.compile(r"\b(line|column|expected|expecting|invalid|allowed|must|unknown|nested|deeper|found|"
                     r"integer|digits|duplicate|not|file|value|values|limit|delimiter|character)\b", re.I)
GERMAN = re.compile(r"\b(Zeile|Spalte|erwartet|ungültig\w*|erlaubt|unbekannt\w*|Zahl|Stellen|Schlüssel|Datei|"
                    r"doppelt|höchstens|Werte?|Zeichen|nicht|keine)\b")


def _unquoted(output: str, path) -> str:
    return re.sub(r"'[^']*'|\"[^\"]*\"|\(\"\.\.\.\"\)", " ", output.replace(str(path), " "))


@pytest.mark.parametrize("name", sorted(HOSTILE_FACTS))
def test_hostile_facts_files_are_located_errors(tmp_path, name):
    text, expected, _ = HOSTILE_FACTS[name]
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    result = run("advise", path, "--lang", "en")
    assert_clean_exit_2(result, f"{path}: {expected}")
    assert not GERMAN.findall(_unquoted(result.output, path)), result.output


@pytest.mark.parametrize("name", sorted(HOSTILE_FACTS))
def test_hostile_facts_files_are_located_errors_in_german(tmp_path, name):
    text, _, expected = HOSTILE_FACTS[name]
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    result = run("advise", path)
    assert_clean_exit_2(result, f"{path}: {expected}")
    assert not ENGLISH.findall(_unquoted(result.output, path)), result.output


def test_non_utf8_is_reported_with_its_line(tmp_path):
    path = tmp_path / "latin1.yaml"
    path.write_bytes("person:\n  age: 30\n  name: Müller\n".encode("latin-1"))
    assert_clean_exit_2(run("advise", path, "--lang", "en"), "line 3: not UTF-8 text: byte 0xfc")
    assert_clean_exit_2(run("advise", path), f"{path}: Zeile 3: kein UTF-8-Text: Byte 0xfc in Zeile 3; bitte die "
                                             "Datei als UTF-8 speichern")


def test_a_document_over_the_size_limit_is_refused_unread(tmp_path):
    path = tmp_path / "big.yaml"
    path.write_bytes(b"person:\n  age: 30\n" + b"#" * limits.MAX_DOCUMENT_BYTES)
    assert_clean_exit_2(run("advise", path, "--lang", "en"), "document too large")
    assert_clean_exit_2(run("advise", path), "Dokument zu groß: ")


def test_alias_expansion_stops_after_a_bounded_number_of_values():
    with pytest.raises(InputError, match="more than 200000 values"):
        parse_document("person: {}\nx:\n" + "".join("  " + l + "\n" for l in laughs(12).splitlines()), "x.yaml",
                       "en")
    with pytest.raises(InputError, match="mehr als 200000 Werte"):
        parse_document("person: {}\nx:\n" + "".join("  " + l + "\n" for l in laughs(12).splitlines()), "x.yaml")
    # aliases within the limit are fine (the bundled knowledge base shares partner texts this way)
    assert parse_document("person: {age: &a 30}\nx: *a\n", "ok.yaml") == {"person": {"age": 30}, "x": 30}


def test_limits_are_importable_for_other_interfaces():
    assert limits.LIMITS["max_depth"] == limits.MAX_DEPTH
    with pytest.raises(InputError, match="line 2: duplicate key 'a'"):
        parse_bytes(b'{"a": 1,\n "a": 2}', "request body", "en")
    with pytest.raises(InputError, match="not UTF-8"):
        parse_bytes(b'{"a": "\xff"}', "request body", "en")
    with pytest.raises(InputError, match="kein UTF-8-Text"):
        parse_bytes(b'{"a": "\xff"}', "request body")


# sessions -----------------------------------------------------------------------------

def session_text(**changes) -> str:
    document = {"format": "nq-advisor-interview/1", "subject": "person", "as_of": "2026-11-23", "lang": "de",
                "facts": {}, "skipped": [], "history": []}
    document.update(changes)
    return yaml.safe_dump(document)


@pytest.mark.parametrize("changes, fragment", [
    ({"as_of": datetime.datetime(2026, 11, 23, 10, 0)}, "as_of"),
    ({"subject": ["person"]}, "subject"),
    ({"lang": ["de"]}, "lang"),
    ({"facts": ["age", 30]}, "facts"),
    ({"skipped": [["age"]]}, "skipped"),
    ({"history": [{"field": ["age"], "action": "answer", "value": 3}]}, "history[0]"),
    ({"history": [{"field": "age", "action": ["answer"], "value": 3}]}, "history[0]"),
])
def test_hostile_session_files_are_located_errors(tmp_path, changes, fragment):
    path = tmp_path / "s.yaml"
    path.write_text(session_text(**changes).replace("format: nq-advisor-interview/1", _format_line()),
                    encoding="utf-8")
    result = run("interview", "person", "--session", path, input="quit\n")
    assert_clean_exit_2(result, fragment)


def _format_line() -> str:
    from nq_advisor.interview.session import FORMAT_KEY, FORMAT_VERSION
    return f"{FORMAT_KEY}: {FORMAT_VERSION}"


def test_a_session_file_of_laughs_is_refused(tmp_path):
    path = tmp_path / "s.yaml"
    path.write_text(_format_line() + "\n" + laughs(), encoding="utf-8")
    assert_clean_exit_2(run("interview", "person", "--session", path, "--lang", "en", input="quit\n"),
                        "more than 200000 values")
    assert_clean_exit_2(run("interview", "person", "--session", path, input="quit\n"), "Zeile 2: mehr als 200000 Werte")


def test_a_session_in_a_folder_that_does_not_exist_is_a_usage_error(tmp_path):
    result = run("interview", "person", "--session", tmp_path / "nodir" / "s.yaml", "--lang", "en", input="quit\n")
    assert_clean_exit_2(result, "does not exist")


def test_session_save_into_a_missing_folder_is_a_usage_error(advisor, tmp_path):
    session = advisor.interview("person")
    with pytest.raises(UsageError, match="Sitzungsdatei nicht beschreibbar"):
        session.save(tmp_path / "nodir" / "s.yaml")
    session = advisor.interview("person", lang="en")
    with pytest.raises(UsageError, match="cannot write the session file"):
        session.save(tmp_path / "nodir" / "s.yaml")


def test_stale_temporary_files_are_removed_by_the_next_save(tmp_path):
    target = tmp_path / "s.yaml"
    stale = tmp_path / ".s.yaml.k2j4x9qz.tmp"          # what a kill -9 during a save leaves behind
    stale.write_text("facts: {name: Geheim}\n")
    other = tmp_path / ".other.yaml.k2j4x9qz.tmp"       # another file's temporary file is left alone
    other.write_text("x\n")
    write_private(target, "a: 1\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == [".other.yaml.k2j4x9qz.tmp", "s.yaml"]


@pytest.mark.parametrize("typed", ["²", "³", "½", "٣", "1²"])
def test_superscript_digits_at_a_number_or_choice_prompt_are_refused_politely(advisor, typed):
    fields = advisor.kb.fields["person"]
    for name in ("age", "employment"):
        question = build_question(fields[name], advisor.kb, "de")
        with pytest.raises(AnswerError):
            parse_answer(question, fields[name], typed)


def test_superscript_in_the_interview_is_asked_again(tmp_path):
    result = run("interview", "person", input="²\nquit\n")
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output


# region history -------------------------------------------------------------------------

def test_a_history_file_cut_short_is_refused_and_left_unchanged(advisor, tmp_path):
    path = tmp_path / "h.yaml"
    _, region_1 = advisor.parse(yaml.safe_load((EXAMPLES / "region_1_start.yaml").read_text()))
    _, region_2 = advisor.parse(yaml.safe_load((EXAMPLES / "region_2_aufbau.yaml").read_text()))
    history = History(path, [Snapshot(datetime.date(2026, 1, 15), region_1),
                             Snapshot(datetime.date(2026, 6, 15), region_2)])
    save_history(history)
    text = path.read_text(encoding="utf-8")
    assert len(load_history(path, advisor).snapshots) == 2
    for cut in range(text.index("snapshots:"), len(text) - 1, 23):
        path.write_text(text[:cut], encoding="utf-8")
        with pytest.raises(InputError):
            load_history(path, advisor)
    path.write_text(text[:len(text) // 2], encoding="utf-8")
    result = run("region", "track", EXAMPLES / "region_3_reif.yaml", "--history", path, "--date", "2026-11-23")
    assert_clean_exit_2(result, "scheint abgeschnitten")
    assert path.read_text(encoding="utf-8") == text[:len(text) // 2]


def test_a_history_file_of_laughs_is_refused(tmp_path):
    path = tmp_path / "h.yaml"
    path.write_text("format: nq-advisor-region-history/1\n" + laughs(), encoding="utf-8")
    result = run("region", "track", EXAMPLES / "region_1_start.yaml", "--history", path, "--date", "2026-11-23")
    assert_clean_exit_2(result, "mehr als 200000 Werte")
    result = run("region", "track", EXAMPLES / "region_1_start.yaml", "--history", path, "--date", "2026-11-23",
                 "--lang", "en")
    assert_clean_exit_2(result, "more than 200000 values")


# dates -----------------------------------------------------------------------------------

@pytest.mark.parametrize("example", ["person_gastro_tq.yaml", "person_junger_erwachsener.yaml"])
@pytest.mark.parametrize("command", ["advise", "explain"])
def test_the_last_day_of_the_calendar_is_no_traceback(example, command):
    args = [command, EXAMPLES / example, "--as-of", "9999-12-31"]
    if command == "explain":
        args.insert(2, "externenpruefung")
    result = run(*args)
    assert result.exit_code in (0, 2), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)


def test_explain_names_a_parameter_not_yet_in_force(tmp_path):
    path = tmp_path / "p.yaml"
    path.write_text("person:\n  vocational_degree: german\n  unskilled_work_years_since_degree: 451\n")
    result = run("explain", path, "aufstiegs_bafoeg", "--as-of", "2012-03-31")
    assert result.exit_code == 0, result.output
    assert "= None" not in result.output
    assert "noch nicht festgelegt (erster Wert ab 01.04.2012)" in result.output
    assert "weichen ab" not in run("advise", path, "--as-of", "2012-03-31").output


def test_a_5000_digit_age_from_python_is_an_input_error(advisor):
    with pytest.raises(InputError, match="age"):
        advisor.advise({"person": {"age": 10 ** 5000}})
    with pytest.raises(InputError):
        advisor.advise({"person": {"age": -(10 ** 5000)}})
