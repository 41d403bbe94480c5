"""HTML and Markdown from templates escape everything that comes from input or knowledge.

Hostile region names and facts (a script tag, a Markdown link to javascript:, a newline that would
start a heading) and hostile knowledge (a source URL with a javascript: scheme, text with Markdown
syntax) must reach the reader as plain text, in the handouts, the progress report and the diagram.
"""
import datetime
import re

import pytest

from nq_advisor import Advisor
from nq_advisor.load.model import Source
from nq_advisor.output import handout
from nq_advisor.output.markup import md_escape, md_url, safe_url
from nq_advisor.region import diagram, report
from nq_advisor.region.history import History, Snapshot

DAY = datetime.date(2026, 12, 3)
HOSTILE_NAMES = [
    "<script>alert(1)</script>",
    "[klick](javascript:alert(1))",
    "Nord\n# Überschrift\n- Punkt",
    "A & B <b>fett</b> **stark** `code` | Tabelle |",
    "![bild](https://evil.example/x.png)",
]


@pytest.fixture(scope="module")
def advisor():
    return Advisor.load()


def _region(advisor, name):
    return advisor.advise({"region": {"name": name, "state": "NW", "company_structure_analysed": False,
                                      "coordination": "partisan", "steering_network": True,
                                      "sectors_high_unskilled": ["logistics"]}}, as_of=DAY)


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_hostile_region_names_are_plain_text_in_html(advisor, name):
    advice = _region(advisor, name)
    page = handout.render_html(advice, advisor.kb)
    assert "<script>" not in page and "<b>fett" not in page
    assert "&lt;script&gt;" in page or "<script" not in name
    history = History(path=None, snapshots=[Snapshot(DAY, advice.facts)])
    for text in (report.to_html(advisor, history), diagram.to_html(diagram.build_picture(advisor.kb, advice.facts))):
        assert "<script>" not in text and "<b>fett" not in text
        assert 'href="javascript' not in text.lower()


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_hostile_region_names_are_plain_text_in_markdown(advisor, name):
    advice = _region(advisor, name)
    history = History(path=None, snapshots=[Snapshot(DAY, advice.facts)])
    for text in (handout.render_markdown(advice, advisor.kb), report.to_markdown(advisor, history)):
        fences = text.split("```")
        assert len(fences) % 2 == 1, "a name must not open or close a code block"
        for code in fences[1::2]:      # Mermaid: labels quoted, specials as entity codes
            assert "<script>" not in code and "`" not in code.replace("mermaid", "")
        text = "".join(fences[0::2])
        lines = text.splitlines()
        assert not any(line.startswith("# Überschrift") or line.startswith("- Punkt") for line in lines)
        assert not re.search(r"(?<!\\)<script", text)
        assert not re.search(r"(?<!\\)\]\(javascript:", text) and not re.search(r"!(?<!\\)\[bild", text)
        assert "**stark**" not in text and not re.search(r"(?<!\\)\| Tabelle", text)
        heading = next(line for line in lines if line.startswith("# "))
        assert "\n" not in heading


def test_hostile_knowledge_urls_and_texts(advisor, monkeypatch):
    monkeypatch.setattr(handout, "SOURCES_PER_ITEM", 3)  # show every source this test plants
    kb = Advisor.load().kb
    item = kb.items["externenpruefung"]
    item.data["sources"] = [Source("javascript:alert(1)", DAY), Source("https://ok.example/pfad?x=1", DAY)]
    kb.rules_by_id["externenpruefung_berufserfahrung"].sources.append(
        Source("https://ok.example/a b<c>", DAY))
    item.data["summary"] = {"de": "[x](javascript:alert(1)) <img src=x onerror=alert(1)>", "en": "x"}
    fresh = Advisor(kb)
    advice = fresh.advise({"person": {"target_occupation": "fachkraft_lagerlogistik",
                                      "experience_months_in_target": 60, "basic_skills_need": False}}, as_of=DAY)
    page = handout.render_html(advice, kb)
    assert 'href="javascript' not in page and "<img" not in page
    assert 'href="https://ok.example/pfad?x=1"' in page
    assert 'href="https://ok.example/a b' not in page
    text = handout.render_markdown(advice, kb)
    assert "<https://ok.example/pfad?x=1>" in text
    assert "<javascript:" not in text and "](javascript:" not in text and "<img" not in text


def test_markdown_escape_function():
    assert md_escape("<script>") == "\\<script\\>"
    assert md_escape("a\n# b") == "a \\# b"
    assert md_escape("- item") == "\\- item" and md_escape("1. item") == "1\\. item"
    assert md_escape("1.000 Euro") == "1.000 Euro"       # numbers stay readable
    assert md_url("javascript:alert(1)") == "javascript:alert(1)"   # text, not a link
    assert md_url("https://a.de/x") == "<https://a.de/x>"
    assert safe_url("data:text/html,x") is None and safe_url("https://a.de/ x") is None
