"""The client's handout: next steps on page 1, then funding, then what was checked; at most three
A4 pages for the bundled example persons when printed with headless Chromium (skipped without it)."""
import datetime
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from nq_advisor import Advisor
from nq_advisor.output import handout

DAY = datetime.date(2026, 12, 3)
EXAMPLES = sorted((Path(__file__).parent.parent / "examples").glob("person_*.yaml"))


@pytest.fixture(scope="module")
def advisor():
    return Advisor.load()


def _advice(advisor, path, lang="de"):
    return advisor.advise(yaml.safe_load(path.read_text(encoding="utf-8")), as_of=DAY, lang=lang)


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
@pytest.mark.parametrize("lang", ["de", "en"])
def test_sections_come_in_the_order_a_client_needs(advisor, path, lang):
    advice = _advice(advisor, path, lang)
    t = handout.handout_texts(lang)
    order = [t["situation"], t["path"], t["next_steps"], t["funding"], t["checked_title"], t["appendix"]]
    for text, mark in ((handout.render_html(advice, advisor.kb), "<h2>{}</h2>"),
                       (handout.render_markdown(advice, advisor.kb), "\n## {}\n")):
        positions = [text.find(mark.format(heading)) for heading in order]
        present = [p for p in positions if p >= 0]
        assert positions[0] >= 0 and positions[1] >= 0 and positions[2] >= 0, (path.name, positions)
        assert present == sorted(present), (path.name, lang, positions)


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_each_step_is_listed_once_and_the_client_is_addressed(advisor, path):
    advice = _advice(advisor, path)
    data = handout.context(advice, advisor.kb)
    steps = [s["text"] for group in data["steps"] for s in group["steps"]]
    support_steps = [s for e in data["support"] for s in e["steps"]]
    assert len(steps + support_steps) == len(set(steps + support_steps))
    text = handout.render_markdown(advice, advisor.kb)
    assert "die Person" not in text and "Die Person" not in text
    assert data["situation"].startswith("Sie ")


def test_the_situation_is_one_paragraph_of_sentences(advisor):
    advice = _advice(advisor, EXAMPLES[[p.stem for p in EXAMPLES].index("person_lagerhelfer")])
    situation = handout.situation(advice, advisor.kb)
    assert "\n" not in situation
    assert "Sie haben noch keinen Berufsabschluss." in situation
    assert "Ihr Arbeitgeber hat 120 Beschäftigte." in situation


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
PDFINFO = shutil.which("pdfinfo")
PDFTOTEXT = shutil.which("pdftotext")


@pytest.mark.skipif(not (CHROMIUM and PDFINFO and PDFTOTEXT), reason="needs headless Chromium and poppler-utils")
@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_printed_handout_fits_three_pages_with_next_steps_on_page_one(advisor, path, tmp_path):
    advice = _advice(advisor, path)
    page = tmp_path / "handout.html"
    page.write_text(handout.render_html(advice, advisor.kb), encoding="utf-8")
    pdf = tmp_path / "handout.pdf"
    subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--no-pdf-header-footer", f"--user-data-dir={tmp_path / 'profile'}",
                    f"--print-to-pdf={pdf}", page.as_uri()], check=True, capture_output=True, timeout=120)
    info = subprocess.run([PDFINFO, str(pdf)], check=True, capture_output=True, text=True).stdout
    pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    assert pages <= 3, f"{path.name}: {pages} pages"
    first = subprocess.run([PDFTOTEXT, "-f", "1", "-l", "1", str(pdf), "-"], check=True, capture_output=True,
                           text=True).stdout
    assert "Ihre nächsten Schritte" in first, f"{path.name}: next steps not on page 1"
