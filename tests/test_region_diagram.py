"""region diagram: partners present and missing are visibly different; names are escaped."""
import xml.etree.ElementTree as ET
from pathlib import Path

from click.testing import CliRunner

from nq_advisor.cli import main
from nq_advisor.region.diagram import build_picture, mermaid_label, to_mermaid, to_svg

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
SVG = "{http://www.w3.org/2000/svg}"


def _groups(svg: str, state: str) -> list[str]:
    root = ET.fromstring(svg)
    return [g.find(f"{SVG}title").text for g in root.iter(f"{SVG}g")
            if g.get("class") == f"node {state}" and g.find(f"{SVG}title") is not None]


def test_missing_core_partners_are_marked_in_svg_and_mermaid(advisor):
    facts = {"name": "Testkreis", "steering_network": True, "steering_partners": ("ihk", "agentur", "providers"),
             "steering_goals_agreed": False, "operative_networks": False, "coordination": "partisan"}
    picture = build_picture(advisor.kb, facts, "de")
    svg = to_svg(picture, "de")
    present = _groups(svg, "present")
    missing = _groups(svg, "missing")
    assert "IHK" in present and "Agentur für Arbeit" in present
    assert "Handwerkskammer (fehlt)" in missing and "Jobcenter (fehlt)" in missing
    assert "Bildungsträger" in present                       # optional partner that is present
    assert 'stroke-dasharray="6 4"' in svg and "#c62828" in svg   # red dashed for missing
    mermaid = to_mermaid(picture, "de")
    missing_line = next(line for line in mermaid.splitlines() if line.strip().startswith("class ") and line.endswith(" missing"))
    assert "p_hwk" in missing_line and "p_jobcenter" in missing_line and "p_ihk" not in missing_line
    assert "classDef missing" in mermaid and "stroke-dasharray" in mermaid
    assert "offer -.-> a_multipliers" in mermaid             # offer not presented: dashed edge


def test_names_are_escaped_in_svg_and_mermaid(advisor):
    name = 'Kreis "A&B" <script>alert(1)</script> #1 [x]'
    picture = build_picture(advisor.kb, {"name": name, "steering_network": False}, "en")
    svg = to_svg(picture, "en")
    ET.fromstring(svg)                                       # well-formed XML despite the name
    assert "<script>" not in svg and "&lt;script&gt;" in svg and "&amp;B" in svg
    mermaid = to_mermaid(picture, "en")
    title_line = next(line for line in mermaid.splitlines() if line.strip().startswith("title["))
    assert title_line.count('"') == 2                        # only the label's own quotes
    assert "<" not in title_line and "[x]" not in title_line and "#quot;" in title_line
    assert mermaid_label("a#b") == '"a#35;b"'


def test_no_steering_network_marks_every_core_partner_missing(advisor):
    svg = to_svg(build_picture(advisor.kb, {"steering_network": False, "steering_partners": ("ihk",)}, "en"), "en")
    missing = _groups(svg, "missing")
    assert any(label.startswith("Chamber of industry and commerce") for label in missing)
    assert "Steering network missing" in svg


def test_cli_diagram_from_region_and_history(tmp_path):
    runner = CliRunner()
    result = runner.invoke(main, ["region", "diagram", str(EXAMPLES / "region_2_aufbau.yaml"), "--format", "html"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("<!DOCTYPE html>") and "<svg" in result.output and "<script" not in result.output
    assert "Handwerkskammer (fehlt)" in result.output
    history = tmp_path / "h.yaml"
    runner.invoke(main, ["region", "track", str(EXAMPLES / "region_3_reif.yaml"), "--history", str(history)])
    result = runner.invoke(main, ["region", "diagram", str(history), "--format", "mermaid", "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("flowchart TB") and "(missing)" not in result.output
