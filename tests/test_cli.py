"""The command line as a counsellor uses it: formats, exit codes, --kb, stdin, launchers."""
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from nq_advisor.cli import main

ROOT = Path(__file__).resolve().parent.parent
MINI_KB = Path(__file__).parent / "fixtures" / "mini_kb"
EXAMPLE = ROOT / "examples" / "person_lagerhelfer.yaml"
CASE = "person: {target: lager, experience: 60, employment: unemployed}\n"


def run(*args, input=None, env=None):
    return CliRunner().invoke(main, list(args), input=input, env=env)


@pytest.fixture
def case_file(tmp_path):
    path = tmp_path / "case.yaml"
    path.write_text(CASE, encoding="utf-8")
    return path


def test_json_output_follows_the_contract_and_is_byte_identical(case_file):
    first = run("advise", str(case_file), "--format", "json", "--as-of", "2024-01-01", "--kb", str(MINI_KB))
    second = run("advise", str(case_file), "--format", "json", "--as-of", "2024-01-01", "--kb", str(MINI_KB))
    assert first.exit_code == 0, first.output
    assert first.output == second.output
    data = json.loads(first.output)
    assert list(data)[:6] == ["subject", "as_of", "recommendations", "not_recommended", "undecided", "warnings"]
    assert data["done"] == []                                  # contract §2: steps in place (regions)
    assert list(data)[-1] == "meta"
    from nq_advisor import __version__
    assert data["meta"]["version"] == __version__
    assert data["meta"]["knowledge_base"].startswith("sha256:") and len(data["meta"]["knowledge_base"]) == 23
    assert data["as_of"] == "2024-01-01"
    rec = data["recommendations"][0]
    for key in ("ref", "kind", "priority", "rule", "title", "reasons", "legal_basis", "sources"):
        assert key in rec
    assert [r["priority"] for r in data["recommendations"]] == sorted(r["priority"] for r in data["recommendations"])


def test_table_groups_by_kind_with_a_short_reason(case_file):
    result = run("advise", str(case_file), "--as-of", "2024-01-01", "--kb", str(MINI_KB))
    assert result.exit_code == 0
    assert "Qualifizierungsweg" in result.output and "Förderung" in result.output
    assert "genug Erfahrung" in result.output
    assert result.output.index("Qualifizierungsweg") < result.output.index("Förderung")


def test_yaml_and_markdown_formats_and_english(case_file):
    as_yaml = run("advise", str(case_file), "--format", "yaml", "--kb", str(MINI_KB), "--as-of", "2024-01-01")
    assert yaml.safe_load(as_yaml.output)["recommendations"][0]["ref"] == "exam"
    markdown = run("advise", str(case_file), "--format", "markdown", "--lang", "en", "--kb", str(MINI_KB),
                   "--as-of", "2024-01-01")
    assert "## Your route" in markdown.output and "enough experience" in markdown.output


def test_stdin_and_json_input(case_file):
    result = run("advise", "-", "--format", "json", "--kb", str(MINI_KB),
                 input=json.dumps({"person": {"target": "lager", "experience": 10}}))
    assert result.exit_code == 0
    assert json.loads(result.output)["not_recommended"][0]["ref"] == "exam"


def test_invalid_facts_exit_2_with_a_clear_message(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("person: {age: 7, colour: blue}\n", encoding="utf-8")
    result = run("advise", str(path), "--kb", str(MINI_KB))
    assert result.exit_code == 2
    assert "person.age: Wert 7 nicht erlaubt; erlaubt: ganze Zahl von 14 bis 99" in result.output
    assert "person.colour: unbekanntes Feld" in result.output
    assert "Traceback" not in result.output


def test_broken_input_yaml_names_the_line(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("person:\n  age: 30\n  employment: [unclosed\n", encoding="utf-8")
    result = run("advise", str(path), "--kb", str(MINI_KB))
    assert result.exit_code == 2
    assert f"{path}: Zeile" in result.output


def test_missing_file_and_bad_date_exit_2(case_file):
    assert run("advise", "no-such-file.yaml", "--kb", str(MINI_KB)).exit_code == 2
    result = run("advise", str(case_file), "--as-of", "2024-13-01", "--kb", str(MINI_KB))
    assert result.exit_code == 2 and "--as-of" in result.output


def test_environment_variable_points_at_another_knowledge_base(case_file):
    result = run("advise", str(case_file), "--format", "json", env={"NQ_ADVISOR_KB": str(MINI_KB)})
    assert result.exit_code == 0
    assert json.loads(result.output)["recommendations"][0]["ref"] == "exam"


def test_kb_list_and_show(tmp_path):
    listing = run("kb", "list", "--kind", "route", "--kb", str(MINI_KB))
    assert "exam" in listing.output and "training" in listing.output and "premium" not in listing.output
    shown = run("kb", "show", "exam", "--lang", "en", "--kb", str(MINI_KB))
    assert "Rule exam_by_experience" in shown.output
    assert ("Experience in months at least 1.5 × training duration in months of Target occupation"
            in " ".join(shown.output.split()))  # wrapped to the terminal
    unknown = run("kb", "show", "exma", "--kb", str(MINI_KB))
    assert unknown.exit_code == 2 and "meinten Sie 'exam'" in unknown.output
    unknown = run("kb", "show", "exma", "--lang", "en", "--kb", str(MINI_KB))
    assert unknown.exit_code == 2 and "did you mean 'exam'" in unknown.output


def test_bundled_example_runs_through_every_launcher():
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    for command in ([sys.executable, "-m", "nq_advisor"], [sys.executable, str(ROOT / "cli.py")]):
        result = subprocess.run(command + ["advise", str(EXAMPLE), "--format", "json"], capture_output=True,
                                text=True, env=env, cwd=ROOT.parent)
        assert result.returncode == 0, result.stderr
        assert json.loads(result.stdout)["subject"] == "person"


@pytest.mark.parametrize("lang", ["de", "en"])
def test_kb_show_shows_every_item_of_the_knowledge_base(advisor, lang):
    """Every id a counsellor can look up shows, whatever attributes its item has (successors, dated
    parameters, partners...), with the item's title and no traceback."""
    runner = CliRunner()
    for item_id, item in sorted(advisor.kb.items.items()):
        result = runner.invoke(main, ["kb", "show", item_id, "--lang", lang])
        assert result.exit_code == 0, (item_id, result.output, result.exception)
        assert " ".join(item.title(lang).split()) in " ".join(result.output.split())
    successor = next(i for i in advisor.kb.items.values() if i.get("successors"))
    shown = runner.invoke(main, ["kb", "show", successor.id, "--lang", lang]).output
    assert ("Nachfolgeberufe" if lang == "de" else "Successor occupations") in shown


@pytest.mark.parametrize("lang, expected", [
    ("de", "Wissensbasis: nicht lesbar: {root}: keine Wissensbasis: den Ordner gibt es nicht "
           "(aus der Umgebungsvariable NQ_ADVISOR_KB)"),
    ("en", "knowledge base: cannot be read: {root}: not a knowledge base: no such folder "
           "(from the environment variable NQ_ADVISOR_KB)"),
])
def test_version_says_that_the_knowledge_base_folder_is_missing(tmp_path, lang, expected):
    """NQ_ADVISOR_KB=/missing: the version still, then what is wrong with the knowledge base (exit 2),
    not the hash of no files."""
    from nq_advisor import __version__
    missing = tmp_path / "missing"
    result = CliRunner().invoke(main, ["--version"] + (["--lang", "en"] if lang == "en" else []),
                                env={"NQ_ADVISOR_KB": str(missing)})
    assert result.exit_code == 2
    assert result.stdout == f"nq-advisor {__version__}\n"
    assert result.stderr.strip() == expected.format(root=missing)
    assert "sha256" not in result.output


def test_version_names_a_knowledge_base_folder_without_knowledge_and_rules(tmp_path):
    result = CliRunner().invoke(main, ["--version"], env={"NQ_ADVISOR_KB": str(tmp_path)})
    assert result.exit_code == 2
    assert "die Ordner 'knowledge' und 'rules' fehlen" in result.stderr and "sha256" not in result.output
    good = CliRunner().invoke(main, ["--version"], env={"NQ_ADVISOR_KB": str(MINI_KB)})
    assert good.exit_code == 0 and good.stdout.splitlines()[1].startswith("Wissensbasis: sha256:")


SHARE_PARAMETER = """
- id: share_by_size
  kind: parameter
  title: {de: Anteil je Größenklasse, en: Share by size band}
  unit: percent by size band
  sources: [{url: "https://example.org/share", checked: 2026-11-23}]
  values:
    - {from: 2019-01-01, until: 2024-03-31, value: {klein: 100, mittel: 67.5, gross: 25}}
    - {from: 2024-04-01, value: {klein: 100, mittel: 50}}
- id: allowed_statuses
  kind: parameter
  title: {de: Zugelassene Status, en: Admitted statuses}
  unit: status values
  sources: [{url: "https://example.org/status", checked: 2026-11-23}]
  values:
    - {from: 2005-01-01, until: 2025-12-31, value: [duldung, gestattung]}
    - {from: 2026-01-01, value: []}
"""


@pytest.mark.parametrize("lang, share, statuses", [
    ("de", ["  01.01.2019 bis 31.03.2024:", "    klein: 100 %", "    mittel: 67,5 %", "    gross: 25 %",
            "  ab 01.04.2024:", "    klein: 100 %", "    mittel: 50 %"],
     ["  01.01.2005 bis 31.12.2025: duldung, gestattung", "  ab 01.01.2026: keine"]),
    ("en", ["  1 January 2019 to 31 March 2024:", "    klein: 100%", "    mittel: 67.5%", "    gross: 25%",
            "  from 1 April 2024:", "    klein: 100%", "    mittel: 50%"],
     ["  1 January 2005 to 31 December 2025: duldung, gestattung", "  from 1 January 2026: none"]),
])
def test_kb_show_prints_mapping_and_list_parameter_values_readably(tmp_path, lang, share, statuses):
    """A share per size band is one 'key: value' line each, in the reader's number format, not a dict repr."""
    import shutil
    shutil.copytree(MINI_KB, tmp_path / "kb")
    items = tmp_path / "kb" / "knowledge" / "items.yaml"
    items.write_text(items.read_text(encoding="utf-8") + SHARE_PARAMETER, encoding="utf-8")
    args = ["--kb", str(tmp_path / "kb")] + (["--lang", "en"] if lang == "en" else [])
    result = run("kb", "show", "share_by_size", *args)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    start = lines.index(share[0])
    assert lines[start:start + len(share)] == share
    assert "{" not in result.output and "'" not in result.output
    result = run("kb", "show", "allowed_statuses", *args)
    assert result.exit_code == 0, result.output
    assert all(line in result.output.splitlines() for line in statuses), result.output
    assert "[" not in result.output.replace("[allowed_statuses", "")


@pytest.mark.parametrize("lang, said", [("de", "Abgebrochen."), ("en", "Interrupted.")])
@pytest.mark.parametrize("command, slow_step", [
    (["advise", "CASE"], "nq_advisor.advisor.Advisor.load"),
    (["kb", "validate"], "nq_advisor.cli.kb_cmd.check_knowledge_base"),
    (["explain", "CASE", "externenpruefung"], "nq_advisor.advisor.Advisor.load"),
])
def test_ctrl_c_during_any_command_is_exit_130_with_one_line(monkeypatch, case_file, command, slow_step, lang, said):
    """As in batch and the interview: an interrupt is no failure (click alone would exit 1)."""
    import nq_advisor.cli.kb_cmd  # noqa: F401  (registered on first use; patched below)

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(slow_step, interrupted)
    monkeypatch.setattr("nq_advisor.cli.options._advisors", {})
    args = [str(case_file) if a == "CASE" else a for a in command]
    result = run(*args, "--kb", str(MINI_KB), "--lang", lang)
    assert result.exit_code == 130, result.output
    assert said in result.output and "Traceback" not in result.output and "Aborted" not in result.output


@pytest.mark.parametrize("lang, unit_line, amount", [("de", "Einheit: Euro je Monat", "150 € je Monat"),
                                                      ("en", "Unit: euros per month", "€150 per month")])
def test_kb_show_gives_monthly_amounts_with_currency_and_period(lang, unit_line, amount):
    from nq_advisor.i18n import format_quantity

    assert format_quantity(150, "EUR per month", lang) == amount
    shown = run("kb", "show", "weiterbildungsgeld_eur_monat", "--lang", lang)
    assert shown.exit_code == 0 and unit_line in shown.output, shown.output
    assert (" € je Monat" if lang == "de" else " per month") in shown.output.split(unit_line)[1], shown.output


def test_kb_show_names_every_unit_in_german():
    shown = run("kb", "show", "integrationskurs_ermessen_aufenthaltsstatus")
    assert shown.exit_code == 0 and "Einheit: Aufenthaltsstatus" in shown.output, shown.output


def test_a_knowledge_base_from_the_environment_is_named_when_it_cannot_be_read(case_file, tmp_path):
    """The user never typed NQ_ADVISOR_KB's path in this command: the error says where it came from."""
    missing = str(tmp_path / "no_kb")
    result = run("advise", str(case_file), env={"NQ_ADVISOR_KB": missing})
    assert result.exit_code == 2, result.output
    assert f"aus der Umgebungsvariable NQ_ADVISOR_KB={missing}" in result.output and "unset NQ_ADVISOR_KB" in result.output
    typed = run("advise", str(case_file), "--kb", missing, "--lang", "en", env={"NQ_ADVISOR_KB": missing})
    assert typed.exit_code == 2 and "NQ_ADVISOR_KB" not in typed.output, typed.output


@pytest.mark.parametrize("typed, field", [("bundesland", "state"), ("federal_state", "state"), ("Alter", "age")])
def test_an_unknown_field_named_as_people_say_it_suggests_the_field(tmp_path, typed, field):
    path = tmp_path / "case.json"
    path.write_text(json.dumps({"person": {typed: "BY"}}), encoding="utf-8")
    result = run("advise", str(path))
    assert result.exit_code == 2 and f"person.{typed}: unbekanntes Feld (meinten Sie '{field}'?)" in result.output, \
        result.output
