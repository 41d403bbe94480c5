"""The printable handout: Markdown and one self-contained HTML file, for a person and a region."""
import datetime
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from nq_advisor.output import handout
from nq_advisor.cli import main

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "person_lagerhelfer.yaml"
DAY = datetime.date(2026, 11, 23)
REGION = {"region": {"name": "Kreis <Nord> & Süd", "state": "NW", "company_structure_analysed": True,
                     "provider_offers_surveyed": False, "steering_network": False, "coordination": "partisan"}}


def run(*args):
    return CliRunner().invoke(main, list(args))


class _Tags(HTMLParser):
    """Collects tags, attributes and visible text to check structure without a browser."""

    def __init__(self):
        super().__init__()
        self.tags, self.attrs, self.text, self.stack, self.unbalanced = [], [], [], [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs += [(tag, k, v) for k, v in attrs]
        if tag not in ("meta", "br", "hr", "img", "link", "input"):
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack.pop() != tag:
            self.unbalanced.append(tag)

    def handle_data(self, data):
        self.text.append(data)


def parse(text):
    parser = _Tags()
    parser.feed(text)
    return parser


@pytest.fixture(scope="module")
def person_html():
    result = run("advise", str(EXAMPLE), "--format", "html", "--as-of", "2026-11-23")
    assert result.exit_code == 0, result.output
    return result.output


def test_html_is_self_contained_and_balanced(person_html):
    page = parse(person_html)
    assert not page.unbalanced and not page.stack
    assert not {"script", "link", "img", "iframe", "object"} & set(page.tags)
    assert "@import" not in person_html and "url(" not in person_html
    assert "@media print" in person_html and "@page" in person_html
    for tag, key, value in page.attrs:
        if key in ("src", "srcset", "data"):
            pytest.fail(f"external resource {tag} {key}={value}")
    # every http(s) address is a visible source link: the link text is the address itself
    links = re.findall(r'<a href="(https?://[^"]+)">([^<]+)</a>', person_html)
    assert links and all(href == text for href, text in links)
    rest = re.sub(r'<a href="(https?://[^"]+)">\1</a>', "", person_html)
    assert not re.search(r"https?://", rest)


def test_person_handout_has_situation_route_funding_steps_sources_date_and_disclaimer(advisor, person_html):
    advice = advisor.advise(_example(), as_of=DAY)
    text = " ".join(parse(person_html).text)
    for rec in advice.recommendations:
        assert rec.title in text
    assert "Ihre Situation" in text and "Ihr Zielberuf ist Fachkraft für Lagerlogistik" in text
    assert "Sie haben die Staatsangehörigkeit eines Drittstaats" in text   # sentences, not codes
    assert "Ihre nächsten Schritte" in text and "Industrie- und Handelskammer (IHK)" in text   # chamber of the occupation
    assert "Agentur für Arbeit" in text
    assert "Leistungen:" in text                                           # amounts of the funding
    assert "23.11.2026" in text
    assert "ersetzt nicht die Entscheidung" in text
    assert "https://www.gesetze-im-internet.de/bbig_2005/__45.html" in text


def _example():
    import yaml
    return yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))


def test_markdown_handout_in_english(advisor):
    result = run("advise", str(EXAMPLE), "--format", "markdown", "--as-of", "2026-11-23", "--lang", "en")
    assert result.exit_code == 0
    text = result.output
    assert text.startswith("# Your route to a vocational qualification")
    assert "## Your situation" in text and "## Your route" in text and "## Your next steps" in text
    assert "- [ ] " in text                                                # what the funding body still checks
    assert "does not replace the decision" in text and "23 November 2026" in text
    assert "<https://www.gesetze-im-internet.de/bbig_2005/__45.html>" in text


def test_what_becomes_possible_later_is_on_the_handout(advisor):
    document = {"person": {"target_occupation": "fachkraft_lagerlogistik", "experience_months_in_target": 38,
                           "vocational_degree": "none", "work_experience_months": 100, "competence_evidence": False}}
    text = handout.render(advisor.advise(document, as_of=DAY), advisor.kb, "markdown")
    later = text.split("### Was später möglich wird")[1].split("### ")[0]
    assert "Externenprüfung" in later and "erreichbar etwa März 2028" in later


def test_region_name_is_escaped_in_html_and_markdown(advisor):
    advice = advisor.advise(REGION, as_of=DAY)
    page = handout.render(advice, advisor.kb, "html")
    assert "Kreis &lt;Nord&gt; &amp; Süd" in page and "<Nord>" not in page
    assert "Kreis <Nord> & Süd" in " ".join(parse(page).text)
    markdown = handout.render(advice, advisor.kb, "markdown")
    assert r"Kreis \<Nord\> \& Süd" in markdown and "<Nord>" not in markdown


def test_region_handout_lists_steps_with_actions_and_partners(advisor):
    advice = advisor.advise(REGION, as_of=DAY)
    assert advice.recommendations
    text = " ".join(parse(handout.render(advice, advisor.kb, "html")).text)
    first = advisor.kb.items[advice.recommendations[0].ref]
    assert first.title("de") in text
    assert "Maßnahmen:" in text and "Partner und ihre Rolle:" in text and "Erledigt, wenn:" in text
    assert "Abstimmung mit den Partnern" in text                            # the region disclaimer
