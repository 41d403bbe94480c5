"""A counsellor's whole person interview in Chromium: questions, a changed answer, advice, handout, PDF."""
from __future__ import annotations

import pytest

from tests.browser.conftest import axe_check, snap
from tests.browser.driver import advise, advise_json, answer_all, current_field, fill_answer, pdf_pages

pytestmark = pytest.mark.browser

AS_OF = "2026-11-23"
# The bundled example person (examples/person_lagerhelfer.yaml): what the client would answer.
CLIENT = {"age": 38, "state": "NW", "employment": "employed", "benefit": "none", "employer_size": 120,
          "vocational_degree": "none", "target_occupation": "fachkraft_lagerlogistik",
          "experience_months_in_target": 60, "work_experience_months": 140, "german_level": "B1",
          "residence": "third_country", "basic_skills_need": False, "full_time_possible": False}


def _start(page, server, subject: str = "person") -> str:
    page.goto(server.url + "/")
    card = page.locator(f"section.card:has(input[name=subject][value={subject}])")
    card.get_by_label("Stichtag").fill(AS_OF)
    card.get_by_role("button").click()
    page.wait_for_url("**/s/*/")
    return page.url.split("/s/")[1].split("/")[0]


def test_person_interview_to_printed_handout(page, server, shots, tmp_path):
    page.goto(server.url + "/")
    axe_check(page, "start page")
    snap(page, shots, "start")
    sid = _start(page, server)
    assert len(sid) >= 32 and sid in page.url

    seen: dict = {}

    def look(page_, field):  # every kind of widget once: axe and a screenshot
        kind = page_.locator("#answer").first.evaluate("e => e.tagName + (e.type ? ':' + e.type : '')")
        if kind not in seen:
            seen[kind] = field
            assert "noch höchstens" in page_.locator(".progress").inner_text()
            axe_check(page_, f"question {field} ({kind})")
            if len(seen) == 1:
                snap(page_, shots, "question")

    # a wrong answer is refused with a message and changes nothing
    field = current_field(page)
    if page.locator("input[type=number]#answer").count():
        page.locator("#answer").fill("abc")
        page.get_by_role("button", name="Speichern und weiter").click()
        assert page.locator(".error-summary").is_visible()
        assert current_field(page) == field
    given = answer_all(page, CLIENT, on_page=look)
    assert len(given) < len(CLIENT) + 1 and "target_occupation" in given
    axe_check(page, "no more questions")

    # change one answer in the overview; every other answer stays
    page.get_by_role("navigation", name="Sitzung").get_by_role("link", name="Alle Angaben").click()
    axe_check(page, "overview of answers")
    snap(page, shots, "answers")
    changed = "experience_months_in_target" if "experience_months_in_target" in given else sorted(given)[0]
    page.locator(f"tr[data-field={changed}] a").click()
    assert current_field(page) == changed
    new_value = 30 if changed == "experience_months_in_target" else given[changed]
    fill_answer(page, new_value)
    page.get_by_role("button", name="Speichern", exact=True).click()
    page.wait_for_url("**/answers")
    given[changed] = new_value
    rows = {row.get_attribute("data-field"): row for row in page.locator("tr[data-field]").all()}
    assert set(rows) == set(given)
    assert "30" in rows[changed].inner_text()

    # the advice equals `advise` on the same facts
    page.goto(f"{server.url}/s/{sid}/advice")
    snap(page, shots, "advice")
    page.locator("details").evaluate_all("all => all.forEach(d => d.open = true)")
    axe_check(page, "advice page")
    page.locator("#why-not").screenshot(path=str(shots / "why-not.png"))
    expected = advise_json(given, "person", AS_OF, tmp_path)
    shown = [(a.get_attribute("data-ref"), int(a.get_attribute("data-priority")))
             for a in page.locator("article.rec").all()]
    wanted = [(r["ref"], r["priority"]) for r in expected["recommendations"]]
    assert sorted(shown, key=lambda x: (x[1], x[0])) == sorted(wanted, key=lambda x: (x[1], x[0]))
    assert [li.get_attribute("data-ref") for li in page.locator("#why-not li[data-ref]").all()] == \
        [n["ref"] for n in expected["not_recommended"]]
    assert [li.get_attribute("data-ref") for li in page.locator("#undecided li[data-ref]").all()] == \
        [u["ref"] for u in expected["undecided"]]
    distances = [d["text"] for n in expected["not_recommended"] for d in n.get("distance", [])]
    for text in distances:
        assert text in page.locator("#why-not").inner_text()

    # the handout is the command line's, byte for byte, and prints on at most three A4 pages
    handout = page.request.get(f"{server.url}/s/{sid}/handout")
    assert handout.ok and handout.text() == advise(given, "person", AS_OF, "html", tmp_path)
    markdown = page.request.get(f"{server.url}/s/{sid}/handout.md")
    assert markdown.text() == advise(given, "person", AS_OF, "markdown", tmp_path)
    assert "attachment" in markdown.headers["content-disposition"]
    page.get_by_role("link", name="Handout zum Drucken öffnen").click()
    page.wait_for_load_state()
    axe_check(page, "handout")
    snap(page, shots, "handout")
    pdf = page.pdf(format="A4", print_background=True)
    assert pdf.startswith(b"%PDF") and pdf_pages(pdf) >= 1


def test_handout_prints_on_at_most_three_a4_pages(page, server):
    _start(page, server)
    answer_all(page, CLIENT)
    sid = page.url.split("/s/")[1].split("/")[0]
    page.goto(f"{server.url}/s/{sid}/handout")
    pdf = page.pdf(format="A4", print_background=True)
    assert pdf_pages(pdf) <= 3, f"handout prints on {pdf_pages(pdf)} A4 pages"


def test_whatif_and_as_of(page, server, shots, tmp_path):
    _start(page, server)
    given = answer_all(page, CLIENT)
    sid = page.url.split("/s/")[1].split("/")[0]
    page.goto(f"{server.url}/s/{sid}/advice")
    page.get_by_label("Angabe").select_option("german_level")
    page.get_by_role("button", name="Weiter").click()
    fill_answer(page, "A2")
    page.get_by_role("button", name="Änderungen zeigen").click()
    axe_check(page, "what-if result")
    text = page.locator("main").inner_text()
    assert "Deutschkenntnisse" in text or "German" in text
    # nothing was saved by trying
    page.goto(f"{server.url}/s/{sid}/answers")
    assert page.locator("tr[data-field=german_level]").inner_text().count("B1") == 1
    # another date: the page shows the law of that day
    page.goto(f"{server.url}/s/{sid}/advice")
    page.get_by_label("Rechtsstand").fill("2024-06-01")
    page.get_by_role("button", name="Anzeigen").click()
    expected = advise_json(given, "person", "2024-06-01", tmp_path)
    shown = {a.get_attribute("data-ref") for a in page.locator("article.rec").all()}
    assert shown == {r["ref"] for r in expected["recommendations"]}
