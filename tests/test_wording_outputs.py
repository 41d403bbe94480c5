"""Every scenario through every text a person reads, in both languages: no machine phrasing.

Issue 13: why-nots printed the condition and the given value ("(angegeben: ...)", "eines von:",
"enthält nicht", "nicht: ..."), raw ids and the same reason twice. These tests run all bundled
scenarios (scenarios/*.yaml) through the table, the Markdown and HTML handouts and, for regions, the
progress report, and fail on any of those patterns.
"""
import datetime
import re

import pytest

from nq_advisor import Advisor
from nq_advisor.load.loader import bundled_root
from nq_advisor.load.scenarios import load_scenarios
from nq_advisor.output import handout
from nq_advisor.output.table import field_titles, render
from nq_advisor.region import report
from nq_advisor.region.history import History, Snapshot

MACHINE_PHRASES = ("(angegeben:", "eines von:", "keines von:", "enthält nicht", "nicht: ", "one of:", "none of:",
                   "(given:", "does not contain", "does not include", "not: ")
RAW_IDS = re.compile(r"\b(s[1-5]_[a-z_]+|expertise_[a-z_]+|sector_offer_[a-z_]+|fw_[a-z_]+|landesprogramm_[a-z]{2}"
                     r"|[a-z]+_[a-z_]+_(?:vorrangig|offen|fehlt))\b")
LITERALS = re.compile(r"\b(None|True|False)\b")


def _scenarios():
    return load_scenarios(bundled_root())


SCENARIOS = _scenarios()


@pytest.fixture(scope="module")
def bundled():
    return Advisor.load()


def _visible(text: str) -> str:
    """The text a reader sees: no HTML tags, no URLs (they may contain anything)."""
    text = re.sub(r"<style>.*?</style>", " ", text, flags=re.S)
    text = re.sub(r"<svg.*?</svg>", " ", text, flags=re.S)
    text = re.sub(r"<[^>]+>", " ", text)
    return re.sub(r"https?://\S+", " ", text)


def _problems(text: str) -> list[str]:
    seen = _visible(text)
    found = [p for p in MACHINE_PHRASES if p in seen]
    found += [f"raw id {m}" for m in RAW_IDS.findall(seen)]
    found += [f"literal {m}" for m in LITERALS.findall(seen)]
    return found


def _outputs(advisor, scenario, lang):
    subject, facts = advisor.parse(scenario.facts, lang, scenario.name)
    advice = advisor.advise_facts(subject, facts, scenario.as_of, lang)
    yield "table", render(advice, "table", field_titles(advisor.kb, subject, lang), kb=advisor.kb)
    yield "markdown", handout.render_markdown(advice, advisor.kb)
    yield "html", handout.render_html(advice, advisor.kb)
    if subject == "region":
        history = History(path=None, snapshots=[Snapshot(scenario.as_of, facts)])
        yield "report markdown", report.to_markdown(advisor, history, lang)
        yield "report html", report.to_html(advisor, history, lang)


@pytest.mark.parametrize("lang", ["de", "en"])
@pytest.mark.parametrize("scenario", SCENARIOS, ids=[s.name for s in SCENARIOS])
def test_no_machine_phrasing_in_any_output(bundled, scenario, lang):
    for name, text in _outputs(bundled, scenario, lang):
        assert not _problems(text), f"{scenario.name} ({lang}, {name}): {_problems(text)}"


@pytest.mark.parametrize("lang", ["de", "en"])
@pytest.mark.parametrize("scenario", SCENARIOS, ids=[s.name for s in SCENARIOS])
def test_no_item_repeats_a_reason(bundled, scenario, lang):
    subject, facts = bundled.parse(scenario.facts, lang, scenario.name)
    advice = bundled.advise_facts(subject, facts, scenario.as_of, lang)
    for entry in advice.not_recommended:
        assert len(entry.unmet) == len(set(entry.unmet)), (scenario.name, entry.ref, entry.unmet)
    from nq_advisor.advice.why_not import why_not
    for audience in ("client", "counsellor"):
        for item in why_not(advice, bundled.kb, audience):
            assert len(item.reasons) == len(set(item.reasons)), (scenario.name, item.ref, item.reasons)
            assert item.short and "\n" not in item.short


def test_the_scan_catches_what_it_should():
    assert _problems("Alter (angegeben: 38)")
    assert _problems("Partner enthält nicht IHK")
    assert _problems("<li>Schritt s1_company_structure</li>")
    assert _problems("Angebot sector_offer_logistics")
    assert _problems("Wert: None")
    assert not _problems('<a href="https://x.de/s1_company_structure">Quelle</a> Sie sind 38 Jahre alt.')


def test_a_person_reads_sentences_addressed_to_them(bundled):
    advice = bundled.advise({"person": {"age": 38, "vocational_degree": "none", "german_level": "B1",
                                        "residence": "third_country", "target_occupation": "fachkraft_lagerlogistik",
                                        "experience_months_in_target": 60}}, as_of=datetime.date(2026, 12, 3))
    text = handout.render_markdown(advice, bundled.kb)
    assert "Sie haben noch keinen Berufsabschluss" in text
    assert "Ihre Deutschkenntnisse sind schon weiter als A2" in text
    assert "hat die Person" not in text and "Die Person" not in text


def test_when_time_closes_the_gap_the_short_line_says_when(bundled):
    advice = bundled.advise({"person": {"age": 40, "target_occupation": "fachkraft_lagerlogistik",
                                        "experience_months_in_target": 30, "basic_skills_need": False,
                                            "competence_evidence": False}},
                            as_of=datetime.date(2026, 12, 3))
    table = " ".join(render(advice, "table", field_titles(bundled.kb, "person", "de"), kb=bundled.kb).split())
    assert "erreichbar etwa Dezember 2028" in table   # 54 - 30 = 24 months after 03.12.2026
    english = bundled.advise({"person": {"age": 40, "target_occupation": "fachkraft_lagerlogistik",
                                         "experience_months_in_target": 30, "competence_evidence": False}}, as_of=datetime.date(2026, 12, 3),
                             lang="en")
    assert "reachable around December 2028" in " ".join(render(english, "table", {}, kb=bundled.kb).split())


def test_alternatives_that_share_a_reason_show_it_once(bundled):
    from nq_advisor.advice.why_not import why_not
    advice = bundled.advise({"person": {"age": 38, "target_occupation": "fachkraft_lagerlogistik",
                                        "experience_months_in_target": 60, "vocational_degree": "none",
                                        "full_time_possible": False, "basic_skills_need": False}},
                            as_of=datetime.date(2026, 12, 3))
    umschulung = next(w for w in why_not(advice, bundled.kb, "client") if w.ref == "umschulung")
    experience = [r for r in umschulung.reasons if "Berufserfahrung" in r]
    assert len(experience) == 1, umschulung.reasons


def test_every_sector_offer_names_its_occupations_tq_and_routes(bundled, monkeypatch):
    monkeypatch.setenv("COLUMNS", "400")  # one line per cell: the occupations are read from the table
    sectors = [s.id for s in bundled.kb.items_of_kind("sector")]
    advice = bundled.advise({"region": {"name": "Alle Branchen", "sectors_high_unskilled": sectors}},
                            as_of=datetime.date(2026, 12, 3))
    offers = [r for r in advice.recommendations if bundled.kb.items[r.ref].get("sector")]
    assert len(offers) == len([i for i in bundled.kb.items_of_kind("action") if i.get("sector")])
    page = handout.render_markdown(advice, bundled.kb)
    table = render(advice, "table", {}, kb=bundled.kb)
    for rec in offers:
        item = bundled.kb.items[rec.ref]
        section = page.split(rec.title, 1)[1].split("\n### ", 1)[0]
        assert "Zielberufe:" in section and "Passende Wege für An- und Ungelernte der Branche:" in section
        for occupation in item.get("occupations"):
            title = bundled.kb.items[occupation].title("de")
            assert title in section, (rec.ref, title)
            assert title.split()[0] in table
        assert "Teilqualifikationen vorhanden" in section or "keine Teilqualifikationen bekannt" in section


def test_a_region_with_unknown_sectors_asks_for_them_in_one_line(bundled):
    advice = bundled.advise({"region": {"company_structure_analysed": True}}, as_of=datetime.date(2026, 12, 3))
    table = render(advice, "table", field_titles(bundled.kb, "region", "de"), kb=bundled.kb)
    assert table.count("Angebote für die Branche ") == 0
    from nq_advisor.output.table import open_lines
    rows = open_lines(advice, bundled.kb, field_titles(bundled.kb, "region", "de"))
    assert [title for title, _ in rows].count("Angebote für die Branchen der Region") == 1
    assert len([u for u in advice.undecided if bundled.kb.items[u.ref].get("sector")]) >= 13   # JSON keeps all


def test_a_mature_region_lists_its_steps_as_done_in_strategy_order(bundled):
    import yaml
    from pathlib import Path
    facts = yaml.safe_load((Path(__file__).parent.parent / "examples" / "region_3_reif.yaml").read_text("utf-8"))
    advice = bundled.advise(facts, as_of=datetime.date(2026, 12, 3))
    data = advice.to_dict()
    done = [d["ref"] for d in data["done"]]
    assert done[:4] == ["s1_company_structure", "s1_provider_offers", "s1_funding_landscape",
                        "s1_target_group_funding"]
    assert "s4_neutral_coordination" in done and "s5_framework_changes" not in done
    assert not set(done) & {n["ref"] for n in data["not_recommended"]}
    table = render(advice, "table", {}, kb=bundled.kb)
    assert "Erledigt\n✓ Regionale Betriebsstruktur transparent machen" in table
