"""The session's life in Chromium: English switch, a killed server, delete, sign-in; axe on each page."""
from __future__ import annotations

import pytest

from tests.browser.conftest import Server, axe_check, snap
from tests.browser.driver import answer_all, current_field
from tests.browser.test_person_flow import CLIENT, _start

pytestmark = pytest.mark.browser


def test_english_switch_on_every_page(page, server, shots):
    page.goto(server.url + "/")
    assert page.locator("html").get_attribute("lang") == "de"
    page.get_by_role("link", name="Switch to English").click()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").inner_text() == "Advice on Nachqualifizierung"
    page.locator("section.card").first.get_by_role("button").click()
    assert "at most" in page.locator(".progress").inner_text()
    assert page.get_by_role("button", name="Don't know").is_visible()
    axe_check(page, "question in English")
    snap(page, shots, "question-en")
    answer_all(page, CLIENT, lang="en", stop_after=3)
    sid = page.url.split("/s/")[1].split("/")[0]
    for path, heading in (("answers", "All answers"), ("advice", "Advice")):
        page.goto(f"{server.url}/s/{sid}/{path}")
        assert page.locator("html").get_attribute("lang") == "en"
        assert page.locator("h1").inner_text() == heading
    assert "Considered but not recommended" in page.locator("main").inner_text()
    handout = page.request.get(f"{server.url}/s/{sid}/handout").text()
    assert '<html lang="en">' in handout
    # and back: the question text follows the language
    page.get_by_role("link", name="Auf Deutsch umschalten").click()
    assert page.locator("html").get_attribute("lang") == "de" and page.locator("h1").inner_text() == "Empfehlung"


def test_killed_server_resumes_with_every_answer(page, server):
    sid = _start(page, server)
    given = answer_all(page, CLIENT, stop_after=4)
    asked = current_field(page)
    server.kill()  # SIGKILL: no chance to flush anything
    server.start()
    page.reload()
    assert current_field(page) == asked, "the same next question after the restart"
    page.goto(f"{server.url}/s/{sid}/answers")
    shown = {row.get_attribute("data-field") for row in page.locator("tr[data-field]").all()}
    assert shown == set(given)
    # the forms still work after the restart (the CSRF key is kept in the data folder)
    page.goto(f"{server.url}/s/{sid}/")
    more = answer_all(page, CLIENT)
    assert set(given) | set(more) >= set(given) and current_field(page) is None


def test_whatif_delete_and_error_pages_are_accessible(page, server, shots):
    sid = _start(page, server)
    answer_all(page, CLIENT)
    page.goto(f"{server.url}/s/{sid}/whatif?field=experience_months_in_target")
    axe_check(page, "what-if form")
    page.locator("#answer").fill("6")
    page.get_by_role("button", name="Änderungen zeigen").click()
    axe_check(page, "what-if result")
    snap(page, shots, "whatif")
    assert page.locator("main").inner_text().count("Externenprüfung") >= 1
    page.get_by_role("button", name="Sitzung löschen").click()
    axe_check(page, "confirm delete")
    page.get_by_role("button", name="Ja, endgültig löschen").click()
    assert "gelöscht" in page.locator("h1").inner_text()
    axe_check(page, "deleted")
    assert page.request.get(f"{server.url}/api/interviews/{sid}").status == 404
    page.goto(f"{server.url}/s/{sid}/advice")
    assert "gibt es nicht" in page.locator("main").inner_text()
    axe_check(page, "not found")


def test_sign_in_when_tokens_are_required(page, tmp_path, shots):
    token = "t" * 24
    server = Server(tmp_path / "data", env={"NQ_ADVISOR_TOKENS": token}).start()
    try:
        page.goto(server.url + "/")
        assert "/signin" in page.url
        axe_check(page, "sign-in")
        snap(page, shots, "signin")
        page.get_by_label("Zugangsschlüssel").fill("wrong-token-wrong-token")
        page.get_by_role("button", name="Anmelden").click()
        assert page.locator(".error-summary").is_visible()
        page.get_by_label("Zugangsschlüssel").fill(token)
        page.get_by_role("button", name="Anmelden").click()
        assert page.locator("h1").inner_text() == "Beratung zur Nachqualifizierung"
        cookie = next(c for c in page.context.cookies() if c["name"] == "nq_signin")
        assert cookie["httpOnly"] and cookie["secure"] and cookie["sameSite"] == "Strict"
        assert token not in cookie["value"]
        _start(page, server)
        assert current_field(page) is not None
        page.get_by_role("button", name="Abmelden").click()
        page.goto(server.url + "/")
        assert "/signin" in page.url
    finally:
        server.stop()
