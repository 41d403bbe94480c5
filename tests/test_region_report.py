"""region report: progress over the snapshots of a history, with a chart, in Markdown and HTML."""
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner

from nq_advisor.cli import main

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def history(tmp_path_factory):
    path = tmp_path_factory.mktemp("region") / "history.yaml"
    runner = CliRunner()
    for name, day in (("region_1_start", "2026-01-15"), ("region_2_aufbau", "2026-06-15"), ("region_3_reif", "2026-11-23")):
        result = runner.invoke(main, ["region", "track", str(EXAMPLES / f"{name}.yaml"), "--history", str(path),
                                      "--date", day])
        assert result.exit_code == 0, result.output
    return path


def test_markdown_report_counts_steps_done_per_snapshot(history):
    result = CliRunner().invoke(main, ["region", "report", str(history)])
    assert result.exit_code == 0, result.output
    text = result.output
    rows = [line for line in text.splitlines() if re.match(r"\| \d\d\.\d\d\.2026 ", line)]
    done = [int(row.split("|")[2]) for row in rows[:3]]
    assert done[0] == 0 and done[0] < done[1] < done[2] and done[2] >= 11
    assert "xychart-beta" in text and f"bar [{done[0]}, {done[1]}, {done[2]}]" in text
    assert "Musterkreis Nord" in text
    assert "Fachlagerist" in text                            # occupations of the logistics sector action
    assert "```mermaid\nflowchart TB" in text                # network picture of the latest snapshot


def test_html_report_has_an_inline_svg_chart_with_one_bar_per_snapshot(history):
    result = CliRunner().invoke(main, ["region", "report", str(history), "--format", "html", "--lang", "en"])
    assert result.exit_code == 0, result.output
    html = result.output
    assert html.startswith("<!DOCTYPE html>") and "<script" not in html and "http-equiv" not in html
    first_svg = html[html.index("<svg"):html.index("</svg>") + 6]
    bars = [r for r in ET.fromstring(first_svg).iter(f"{SVG}rect") if r.get("class") == "done"]
    heights = [float(r.get("height")) for r in bars]
    assert len(bars) == 3 and heights[0] == 0 and heights[0] < heights[1] < heights[2]
    assert "Steps done over time" in html and "Partners and their role" in html


def test_report_of_missing_or_empty_history_is_a_clear_error(tmp_path):
    runner = CliRunner()
    result = runner.invoke(main, ["region", "report", str(tmp_path / "none.yaml")])
    assert result.exit_code == 2 and "Datei nicht gefunden" in result.output
    empty = tmp_path / "empty.yaml"
    empty.write_text("", encoding="utf-8")
    result = runner.invoke(main, ["region", "report", str(empty)])
    assert result.exit_code == 2 and "noch kein Stand" in result.output
