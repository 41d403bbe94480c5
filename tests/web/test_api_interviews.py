"""Interview sessions over HTTP (test client): create, read, answer, revise, skip, advice, handout, delete."""
import datetime
import json
import os
import stat

import pytest

from nq_advisor.output import handout
from nq_advisor.web.api import advice_json
from nq_advisor.web.store_sqlite import SqliteSessionStore

AS_OF = "2026-11-23"


def create(client, **body):
    body.setdefault("subject", "person")
    body.setdefault("as_of", AS_OF)
    response = client.post("/api/interviews", json=body)
    assert response.status_code == 201, response.data
    return response.json


def answer(client, session_id, field, value, status=200):
    response = client.post(f"/api/interviews/{session_id}/answers", json={"field": field, "value": value})
    assert response.status_code == status, response.data
    return response.json


def test_create_answers_the_first_question_in_the_get_shape(client):
    state = create(client)
    assert set(state) >= {"id", "subject", "answers", "skipped", "question"}
    assert state["answers"] == {} and state["skipped"] == [] and state["subject"] == "person"
    question = state["question"]
    assert question["field"] and question["text"] and question["type"] in ("int", "bool", "choice", "list", "text")
    if question["type"] == "choice":
        assert all(set(c) == {"value", "label"} for c in question["choices"])
    assert len(state["id"]) >= 22  # 128 bits and more in URL-safe base64
    assert client.get(f"/api/interviews/{state['id']}").json == state


def test_ids_are_unpredictable(client):
    ids = {create(client)["id"] for _ in range(20)}
    assert len(ids) == 20 and all(len(i) == 32 for i in ids)


def test_a_whole_interview_ends_with_the_advice_of_advise_on_its_answers(client, advisor):
    facts = {"age": 35, "state": "BE", "employment": "unemployed", "benefit": "grundsicherung",
             "vocational_degree": "none", "target_occupation": "fachkraft_lagerlogistik",
             "experience_months_in_target": 30, "work_experience_months": 80, "german_level": "B2",
             "residence": "eu", "basic_skills_need": False, "full_time_possible": True}
    state = create(client)
    session_id, asked = state["id"], []
    while state["question"] is not None:
        field = state["question"]["field"]
        asked.append(field)
        if field in facts:
            state = answer(client, session_id, field, facts[field])
        else:
            response = client.post(f"/api/interviews/{session_id}/skips", json={"field": field})
            assert response.status_code == 200
            state = response.json
    assert len(asked) == len(set(asked))
    advice = client.get(f"/api/interviews/{session_id}/advice")
    assert advice.status_code == 200
    expected = advisor.advise({"person": state["answers"]}, as_of=datetime.date(2026, 11, 23))
    assert advice.data.decode() == advice_json(expected)
    page = client.get(f"/api/interviews/{session_id}/handout")
    assert page.mimetype == "text/html" and page.data.decode() == handout.render(expected, advisor.kb, "html")
    assert "script-src" not in page.headers["Content-Security-Policy"]
    markdown = client.get(f"/api/interviews/{session_id}/handout?format=markdown")
    assert markdown.mimetype == "text/markdown" and markdown.data.decode() == handout.render(expected, advisor.kb,
                                                                                            "markdown")
    assert client.get(f"/api/interviews/{session_id}/handout?format=pdf").status_code == 400


def test_revising_an_answer_keeps_every_other_answer(client):
    session_id = create(client)["id"]
    answer(client, session_id, "vocational_degree", "none")
    answer(client, session_id, "employment", "employed")
    answer(client, session_id, "age", 40)
    state = answer(client, session_id, "employer_size", 40)
    state = answer(client, session_id, "vocational_degree", "foreign")
    assert state["answers"] == {"vocational_degree": "foreign", "employment": "employed", "age": 40,
                                "employer_size": 40}
    assert state["question"]["field"] not in state["answers"]


def test_an_answer_that_no_longer_matters_is_kept_but_not_used(client, advisor):
    session_id = create(client)["id"]
    answer(client, session_id, "employment", "employed")
    state = answer(client, session_id, "employer_size", 40)
    assert state["unused"] == []
    state = answer(client, session_id, "employment", "unemployed")
    assert state["answers"] == {"employment": "unemployed", "employer_size": 40}
    assert state["unused"] == ["employer_size"]
    assert state["question"]["field"] != "employer_size"
    advice = json.loads(client.get(f"/api/interviews/{session_id}/advice").data)
    expected = advisor.advise({"person": {"employment": "unemployed"}}, as_of=datetime.date(2026, 11, 23))
    assert advice == expected.to_dict()
    # revised back: the kept answer counts again and is not asked
    state = answer(client, session_id, "employment", "employed")
    assert state["unused"] == [] and state["answers"]["employer_size"] == 40


def test_facts_given_at_creation_are_answers_and_not_asked(client):
    state = create(client, facts={"age": 50, "state": "HH"}, lang="en")
    assert state["answers"] == {"age": 50, "state": "HH"} and state["lang"] == "en"
    assert state["question"]["field"] not in ("age", "state")


def test_a_rejected_answer_changes_nothing(client):
    session_id = create(client)["id"]
    before = answer(client, session_id, "age", 30)
    for field, value in (("age", 300), ("age", "dreißig"), ("agee", 30), ("age", None), ("state", "XX"),
                         (5, 5), ("german_level", ["B1"])):
        response = client.post(f"/api/interviews/{session_id}/answers", json={"field": field, "value": value})
        assert response.status_code == 400, (field, value)
        assert response.json["errors"]
    assert client.post(f"/api/interviews/{session_id}/answers", json={"field": "age"}).status_code == 400
    assert client.post(f"/api/interviews/{session_id}/skips", json={"field": "agee"}).status_code == 400
    assert client.get(f"/api/interviews/{session_id}").json == before


def test_skip_then_answer(client):
    session_id = create(client)["id"]
    first = client.get(f"/api/interviews/{session_id}").json["question"]["field"]
    state = client.post(f"/api/interviews/{session_id}/skips", json={"field": first}).json
    assert state["skipped"] == [first] and state["question"]["field"] != first
    state = answer(client, session_id, "age", 33)
    assert state["skipped"] == [first]
    value = {"vocational_degree": "none"}.get(first, 33)
    if first == "vocational_degree":
        state = answer(client, session_id, first, value)
        assert state["skipped"] == [] and state["answers"][first] == value


def test_unknown_and_deleted_interviews_are_404(client, app):
    missing = "A" * 32
    for method, path in (("get", ""), ("get", "/advice"), ("get", "/handout"), ("delete", "")):
        assert getattr(client, method)(f"/api/interviews/{missing}{path}").status_code == 404
    assert client.post(f"/api/interviews/{missing}/answers", json={"field": "age", "value": 3}).status_code == 404
    assert "No interview" in client.get(f"/api/interviews/{missing}?lang=en").json["errors"][0]["message"]
    assert "Keine Befragung" in client.get(f"/api/interviews/{missing}").json["errors"][0]["message"]
    session_id = create(client)["id"]
    answer(client, session_id, "age", 30)
    assert client.delete(f"/api/interviews/{session_id}").status_code == 204
    assert client.get(f"/api/interviews/{session_id}").status_code == 404
    assert client.delete(f"/api/interviews/{session_id}").status_code == 404
    conn = app.extensions["nq_advisor"].store.connection()
    assert conn.execute("SELECT COUNT(*) FROM answers").fetchone()[0] == 0


def test_database_is_private_and_in_wal_mode(client, app):
    session_id = create(client)["id"]
    answer(client, session_id, "age", 30)
    settings = app.extensions["nq_advisor"].settings
    assert stat.S_IMODE(os.stat(settings.data_dir).st_mode) == 0o700
    for path in settings.data_dir.iterdir():
        assert stat.S_IMODE(os.stat(path).st_mode) == 0o600, path
    assert app.extensions["nq_advisor"].store.connection().execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_answers_survive_a_new_app_on_the_same_folder(make_app):
    client = make_app().test_client()
    session_id = create(client)["id"]
    answer(client, session_id, "age", 30)
    answer(client, session_id, "employment", "employed")
    again = make_app().test_client()
    assert again.get(f"/api/interviews/{session_id}").json["answers"] == {"age": 30, "employment": "employed"}


def test_sessions_expire_after_the_retention(tmp_path):
    now = [datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc)]
    store = SqliteSessionStore(tmp_path / "s.sqlite3", retention_days=30, clock=lambda: now[0])
    old = store.create("person", {"age": 30}, None, "de")
    now[0] += datetime.timedelta(days=20)
    recent = store.create("person", {}, None, "de")
    now[0] += datetime.timedelta(days=11)
    assert store.get(old) is None and store.get(recent) is not None
    with pytest.raises(LookupError):
        store.set_answer(old, "age", 31)
    assert store.purge_expired(now[0]) == 1
    assert store.connection().execute("SELECT COUNT(*) FROM answers").fetchone()[0] == 0
    store.set_answer(recent, "age", 31)  # a change keeps a session alive
    now[0] += datetime.timedelta(days=25)
    assert store.get(recent).answers == {"age": 31}


def test_tokens_are_required_when_configured(make_app):
    client = make_app(tokens=("s3cret-token-0123456789",)).test_client()
    assert client.get("/api/health").status_code == 401
    assert client.get("/api/health", headers={"Authorization": "Bearer wrong-token-0123456789"}).status_code == 401
    ok = client.get("/api/health", headers={"Authorization": "Bearer s3cret-token-0123456789"})
    assert ok.status_code == 200


def test_without_tokens_only_local_requests_are_served(client):
    assert client.get("/api/health").status_code == 200
    assert client.get("/api/health", environ_base={"REMOTE_ADDR": "192.0.2.7"}).status_code == 401
    # DNS rebinding: a page of another site reaching the loopback port names its own host
    assert client.get("/api/health", headers={"Host": "evil.example:8080"}).status_code == 401
    assert client.get("/api/health", headers={"Host": "localhost:8080"}).status_code == 200
