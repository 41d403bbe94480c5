"""The pages without a browser: CSRF, nothing personal in URLs, escaping, sign-in, delete, errors."""
from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


def _token(client, path="/") -> str:
    return TOKEN.search(client.get(path).get_data(as_text=True)).group(1)


def _start(client, subject="person", **form) -> str:
    answer = client.post("/sessions", data={"csrf_token": _token(client), "subject": subject, **form})
    assert answer.status_code == 303
    return answer.location.split("/s/")[1].split("/")[0]


def test_a_form_without_its_token_changes_nothing(client, app):
    sid = _start(client)
    for data in ({}, {"csrf_token": "0" * 64}):
        answer = client.post(f"/s/{sid}/answer", data={"field": "age", "value": "40", "action": "answer", **data})
        assert answer.status_code == 400
        assert "Formular" in answer.get_data(as_text=True)
    assert client.post(f"/s/{sid}/delete", data={}).status_code == 400
    assert app.extensions["nq_advisor"].store.get(sid).answers == {}
    # a token from another browser session does not fit this one's cookie
    other = app.test_client()
    assert client.post(f"/s/{sid}/answer", data={"csrf_token": _token(other), "field": "age", "value": "40",
                                                 "action": "answer"}).status_code == 400


def test_facts_travel_in_post_bodies_only(client):
    sid = _start(client)
    html = client.get(f"/s/{sid}/").get_data(as_text=True)
    assert re.search(r'<form method="post" action="/s/[^"]+/answer"', html)
    answer = client.post(f"/s/{sid}/answer", data={"csrf_token": _token(client), "field": "vocational_degree",
                                                   "value": "none", "action": "answer"})
    assert answer.status_code == 303 and "none" not in answer.location
    # every GET form on the pages asks only for a date or a field name, never for a fact's value
    advice = client.get(f"/s/{sid}/advice").get_data(as_text=True)
    for form in re.findall(r'<form method="get".*?</form>', advice, re.S):
        names = set(re.findall(r'name="([^"]+)"', form))
        assert names <= {"as_of", "field"}, names


def test_input_is_escaped_on_every_page(client):
    sid = _start(client, "region", name="<script>alert(1)</script> & Co")
    for path in ("region", "answers", "report"):
        html = client.get(f"/s/{sid}/{path}").get_data(as_text=True)
        assert "<script>alert(1)" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co" in client.get(f"/s/{sid}/region").get_data(as_text=True)


def test_a_wrong_answer_is_explained_and_not_stored(client, app):
    sid = _start(client)
    answer = client.post(f"/s/{sid}/answer", data={"csrf_token": _token(client), "field": "age", "value": "7",
                                                   "action": "answer"})
    html = answer.get_data(as_text=True)
    assert answer.status_code == 400 and 'aria-invalid="true"' in html and "14" in html
    answer = client.post(f"/s/{sid}/answer", data={"csrf_token": _token(client), "field": "age", "value": "",
                                                   "action": "answer"})
    assert answer.status_code == 400 and "Weiß nicht" in answer.get_data(as_text=True)
    assert "age" not in app.extensions["nq_advisor"].store.get(sid).answers


def test_pages_allow_no_inline_script_and_documents_no_script_at_all(client):
    sid = _start(client)
    page = client.get(f"/s/{sid}/")
    assert "script-src 'self'" in page.headers["Content-Security-Policy"]
    assert "unsafe-inline" not in page.headers["Content-Security-Policy"]
    assert not re.search(r"<script>|<script [^>]*>[^<]", page.get_data(as_text=True))
    handout = client.get(f"/s/{sid}/handout")
    assert "script-src" not in handout.headers["Content-Security-Policy"]
    assert handout.headers["Content-Security-Policy"].startswith("default-src 'none'")
    assert handout.headers["Cache-Control"] == "no-store"


def test_delete_removes_the_session_and_its_snapshots(client, app):
    sid = _start(client, "region", name="Kreis")
    answer = client.post(f"/s/{sid}/snapshots", data={"csrf_token": _token(client), "date": "2026-01-15"})
    assert answer.status_code == 303
    assert "1" in client.get(answer.location).get_data(as_text=True)
    assert client.post(f"/s/{sid}/delete", data={"csrf_token": _token(client)}).status_code == 200
    assert client.get(f"/s/{sid}/region").status_code == 404
    rows = app.extensions["nq_advisor"].store.connection().execute(
        "SELECT COUNT(*) FROM region_snapshots WHERE session_id = ?", (sid,)).fetchone()[0]
    assert rows == 0


def test_snapshots_run_forward_in_time(client):
    sid = _start(client, "region", name="Kreis")
    assert client.post(f"/s/{sid}/snapshots", data={"csrf_token": _token(client), "date": "2026-06-15"}).status_code == 303
    earlier = client.post(f"/s/{sid}/snapshots", data={"csrf_token": _token(client), "date": "2026-01-15"})
    assert earlier.status_code == 400 and "vor dem letzten Stand (2026-06-15)" in earlier.get_data(as_text=True)
    bad = client.post(f"/s/{sid}/snapshots", data={"csrf_token": _token(client), "date": "15.06.2026"})
    assert bad.status_code == 400 and "JJJJ-MM-TT" in bad.get_data(as_text=True)


def test_unknown_session_and_bad_dates_are_pages_not_tracebacks(client):
    assert client.get("/s/nothere_nothere_nothere_123/").status_code == 404
    sid = _start(client)
    answer = client.get(f"/s/{sid}/advice?as_of=morgen")
    assert answer.status_code == 400 and "morgen" in answer.get_data(as_text=True)
    assert client.get(f"/s/{sid}/question/no_such_field").status_code == 404


def test_sign_in_is_needed_when_tokens_are_set_and_never_redirects_away(make_app):
    token = "k" * 24
    client = make_app(tokens=(token,)).test_client()
    answer = client.get("/s/whatever/answers")
    assert answer.status_code == 303 and answer.location.startswith("/signin?next=")
    csrf = _token(client, "/signin")
    assert client.post("/signin", data={"csrf_token": csrf, "token": "w" * 24}).status_code == 401
    answer = client.post("/signin", data={"csrf_token": csrf, "token": token, "next": "//evil.example/"})
    assert answer.status_code == 303 and answer.location == "/"
    cookie = answer.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "Secure" in cookie and "SameSite=Strict" in cookie and token not in cookie
    assert client.get("/").status_code == 200
    assert client.get("/api/health").status_code in (200, 401)
    assert client.get("/api/interviews/x").status_code == 401, "the cookie is for the pages, not the API"


def test_language_switch_is_remembered(client):
    answer = client.get("/?lang=en")
    assert '<html lang="en">' in answer.get_data(as_text=True)
    assert "nq_lang=en" in answer.headers["Set-Cookie"]
    assert '<html lang="en">' in client.get("/").get_data(as_text=True)
