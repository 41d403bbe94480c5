"""Tables fit the terminal and wrap like text: between words, after hyphens and slashes; a word is
split only when it is longer than its column, and then with a hyphen."""
from pathlib import Path

import pytest

from nq_advisor.advisor import Advisor
from nq_advisor.load.scenarios import load_scenarios
from nq_advisor.output.table import field_titles, fit_table, render, wrap_words
from nq_advisor.region.track import render_track, track

ROOT = Path(__file__).resolve().parent.parent
SCENARIOS = load_scenarios(ROOT)


@pytest.fixture(scope="module")
def bundled():
    return Advisor.load()


def test_words_wrap_at_spaces_and_stay_whole_when_they_fit():
    lines = wrap_words("Validierung (Feststellungsverfahren der beruflichen Handlungsfähigkeit)", 24)
    assert lines == ["Validierung", "(Feststellungsverfahren", "der beruflichen", "Handlungsfähigkeit)"]


def test_hyphens_and_slashes_are_break_points():
    assert wrap_words("Pflegefachfrau/-mann und Lager-/Logistikhelfer", 16) == \
        ["Pflegefachfrau/", "-mann und Lager-", "/Logistikhelfer"]
    assert wrap_words("Bildungsurlaub/Bildungszeit", 20) == ["Bildungsurlaub/", "Bildungszeit"]


def test_only_a_word_longer_than_the_column_is_split_and_marked_with_a_hyphen():
    lines = wrap_words("Das Feststellungsverfahren", 10)
    assert lines == ["Das", "Feststell-", "ungsverfa-", "hren"]
    assert all(len(line) <= 10 for line in lines)


def test_a_narrow_title_column_keeps_its_words_whole_when_the_table_allows():
    rows = [[1, "Validierung (Feststellungsverfahren der beruflichen Handlungsfähigkeit)",
             "Ab 25 Jahren und mit Berufserfahrung vom Eineinhalbfachen der Ausbildungsdauer " * 3,
             "§ 50b Abs. 2 Nr. 4 BBiG; § 41b HwO"]]
    table = fit_table(rows, ["Prio", "Empfehlung", "Begründung", "Rechtsgrundlage"], wrap={2: 3, 1: 2, 3: 2},
                      width=80)
    assert max(len(line) for line in table.splitlines()) <= 80
    assert "Feststellungsverfahren" in table and "Handlungsfähigkeit" in table
    assert "Festst\n" not in table and not any(line.rstrip().endswith("Festst") for line in table.splitlines())


def _words(text: str) -> set[str]:
    return set(text.split())


@pytest.mark.parametrize("columns", [80, 60])
@pytest.mark.parametrize("lang", ["de", "en"])
def test_every_scenario_table_fits_the_terminal(bundled, monkeypatch, columns, lang):
    monkeypatch.setenv("COLUMNS", str(columns))
    too_wide = []
    split_at_80 = []
    for scenario in SCENARIOS:
        advice = bundled.advise(scenario.facts, as_of=scenario.as_of, lang=lang)
        text = render(advice, "table", field_titles(bundled.kb, advice.subject, lang), kb=bundled.kb)
        too_wide += [(scenario.name, line) for line in text.splitlines() if len(line) > columns]
        if columns == 80:  # every title stays whole at 80 columns: no word of it broken without a hyphen
            for rec in advice.recommendations:
                for word in rec.title.split():
                    if len(word) <= 20 and word not in _words(text) and "-" not in word and "/" not in word:
                        split_at_80.append((scenario.name, word))
    assert not too_wide
    assert not split_at_80


@pytest.mark.parametrize("columns", [80, 60])
@pytest.mark.parametrize("lang", ["de", "en"])
def test_region_track_fits_the_terminal(bundled, monkeypatch, tmp_path, columns, lang):
    import datetime

    from nq_advisor.load.inputs import read_document

    monkeypatch.setenv("COLUMNS", str(columns))
    monkeypatch.chdir(tmp_path)  # the file name is printed; a long temporary path is one unbreakable word
    history = "verlauf.yaml"
    for month, name in ((1, "region_1_start"), (6, "region_2_aufbau"), (11, "region_3_reif")):
        _, facts = bundled.parse(read_document(str(ROOT / "examples" / f"{name}.yaml"))[0], lang)
        text = render_track(track(bundled, facts, history, datetime.date(2026, month, 1), lang), bundled, lang)
        assert max(len(line) for line in text.splitlines()) <= columns, text
