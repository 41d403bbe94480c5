"""region track: snapshots appended to a history file the user names, diff and open items shown,
file written owner-only, bad input rejected with a clear message."""
import stat
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from nq_advisor.cli import main

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def run(*args):
    return CliRunner().invoke(main, list(map(str, args)))


def test_history_grows_and_shows_what_was_done(tmp_path):
    history = tmp_path / "plan" / "history.yaml"
    history.parent.mkdir()
    first = run("region", "track", EXAMPLES / "region_1_start.yaml", "--history", history, "--date", "2026-01-15")
    assert first.exit_code == 0, first.output
    assert "Erster Stand" in first.output
    assert "Regionale Betriebsstruktur" in first.output                      # open step in the table
    second = run("region", "track", EXAMPLES / "region_2_aufbau.yaml", "--history", history, "--date", "2026-06-15")
    assert second.exit_code == 0, second.output
    done_part = second.output.split("Geänderte Angaben")[0]
    assert "✓ Regionale Betriebsstruktur transparent machen" in done_part
    assert "Interessenneutrale" not in done_part                             # partisan coordination is not done
    assert "Noch offen" in second.output and "Mangel" in second.output       # flaws listed as open
    data = yaml.safe_load(history.read_text(encoding="utf-8"))
    assert [str(s["date"]) for s in data["snapshots"]] == ["2026-01-15", "2026-06-15"]
    assert data["snapshots"][1]["region"]["coordination"] == "partisan"
    assert sorted(p.name for p in history.parent.iterdir()) == ["history.yaml"]  # no temp files left behind


def test_history_file_is_owner_only(tmp_path):
    history = tmp_path / "h.yaml"
    history.write_text("", encoding="utf-8")
    history.chmod(0o644)
    result = run("region", "track", EXAMPLES / "region_1_start.yaml", "--history", history, "--date", "2026-01-15")
    assert result.exit_code == 0, result.output
    assert stat.S_IMODE(history.stat().st_mode) == 0o600


def test_same_day_replaces_and_earlier_day_is_refused(tmp_path):
    history = tmp_path / "h.yaml"
    run("region", "track", EXAMPLES / "region_1_start.yaml", "--history", history, "--date", "2026-06-15")
    again = run("region", "track", EXAMPLES / "region_2_aufbau.yaml", "--history", history, "--date", "2026-06-15")
    assert again.exit_code == 0 and "ersetzt" in again.output
    assert len(yaml.safe_load(history.read_text())["snapshots"]) == 1
    earlier = run("region", "track", EXAMPLES / "region_1_start.yaml", "--history", history, "--date", "2026-01-01")
    assert earlier.exit_code == 2
    assert "liegt vor dem letzten Stand" in earlier.output and "Traceback" not in earlier.output
    earlier = run("region", "track", EXAMPLES / "region_1_start.yaml", "--history", history, "--date", "2026-01-01",
                  "--lang", "en")
    assert "before the last snapshot" in earlier.output
    assert len(yaml.safe_load(history.read_text())["snapshots"]) == 1


@pytest.mark.parametrize("content, expected", [
    ("format: nq-advisor-region-history/1\nsnapshots:\n  - date: 2026-01-15\n    region: {coordination: maybe}\n",
     "h.yaml:4: region.coordination: Wert 'maybe' nicht erlaubt"),
    ("format: something-else\nsnapshots: []\n", "Zeile 1: 'format' muss"),
    ("format: nq-advisor-region-history/1\nsnapshots:\n  - date: soon\n    region: {}\n", "Zeile 3: Datum 'soon' ist kein Datum (JJJJ-MM-TT)"),
    ("format: nq-advisor-region-history/1\nsnapshots: [\n", "Zeile 3"),
])
def test_broken_history_gives_a_located_error_and_is_not_overwritten(tmp_path, content, expected):
    history = tmp_path / "h.yaml"
    history.write_text(content, encoding="utf-8")
    result = run("region", "track", EXAMPLES / "region_1_start.yaml", "--history", history, "--date", "2026-11-23")
    assert result.exit_code == 2, result.output
    assert expected in result.output and str(history) in result.output
    assert "Traceback" not in result.output
    assert history.read_text(encoding="utf-8") == content


def test_bad_region_file_is_rejected_before_anything_is_written(tmp_path):
    region = tmp_path / "r.yaml"
    region.write_text("region:\n  steering_partners: [ihk, chamber_of_magic]\n", encoding="utf-8")
    history = tmp_path / "h.yaml"
    result = run("region", "track", region, "--history", history)
    assert result.exit_code == 2
    assert "steering_partners" in result.output and "chamber_of_magic" in result.output
    assert not history.exists()
    person = tmp_path / "p.yaml"
    person.write_text("person:\n  age: 30\n", encoding="utf-8")
    result = run("region", "track", person, "--history", history)
    assert result.exit_code == 2 and "region" in result.output and not history.exists()
