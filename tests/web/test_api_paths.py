"""Every stateless path of CONTRACT.md §5 through Flask's test client: the same answers as the command line."""
import json

import pytest
from click.testing import CliRunner

from nq_advisor import __version__
from nq_advisor.cli.main import main
from nq_advisor.load.scenarios import load_scenarios

PERSON = {"person": {"age": 41, "state": "NW", "employment": "employed", "vocational_degree": "none",
                     "target_occupation": "fachkraft_lagerlogistik", "experience_months_in_target": 60,
                     "german_level": "B1"}}


def cli(*args) -> bytes:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout_bytes


def scenario_params():
    from nq_advisor import Advisor
    return [pytest.param(s, id=f"{s.file}:{s.line}") for s in load_scenarios(Advisor.load().kb.root)]


@pytest.mark.parametrize("scenario", scenario_params())
def test_advice_over_http_equals_advise_format_json_byte_for_byte(client, tmp_path, scenario):
    case = tmp_path / "case.json"
    case.write_text(json.dumps(scenario.facts), encoding="utf-8")
    expected = cli("advise", str(case), "--format", "json", "--as-of", scenario.as_of.isoformat(),
                   "--lang", scenario.lang)
    response = client.post(f"/api/advise?as_of={scenario.as_of}&lang={scenario.lang}", json=scenario.facts)
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    assert json.loads(response.data) == json.loads(expected)
    assert response.data == expected


def test_pretty_advice_is_the_same_advice_indented(client):
    compact = client.post("/api/advise?as_of=2026-11-23", json=PERSON)
    pretty = client.post("/api/advise?as_of=2026-11-23&pretty=true", json=PERSON)
    assert json.loads(pretty.data) == json.loads(compact.data)
    assert pretty.data.count(b"\n") > 10
    assert client.post("/api/advise?pretty=maybe", json=PERSON).status_code == 400


def test_explain_and_whatif_answer_what_the_command_line_prints(client, tmp_path):
    case = tmp_path / "case.json"
    case.write_text(json.dumps(PERSON), encoding="utf-8")
    expected = cli("explain", str(case), "externenpruefung", "--format", "json", "--as-of", "2026-11-23")
    response = client.post("/api/explain/externenpruefung?as_of=2026-11-23", json=PERSON)
    assert response.status_code == 200 and response.data == expected
    expected = cli("whatif", str(case), "--set", "german_level=A2", "--set", "experience_months_in_target=?",
                   "--format", "json", "--as-of", "2026-11-23", "--lang", "en")
    response = client.post("/api/whatif?as_of=2026-11-23&lang=en",
                           json={"facts": PERSON, "set": {"german_level": "A2", "experience_months_in_target": None}})
    assert response.status_code == 200 and response.data == expected


def test_unknown_ref_is_404_with_what_is_allowed(client):
    response = client.post("/api/explain/externenpruefunk", json=PERSON)
    assert response.status_code == 404
    assert "externenpruefung" in response.json["errors"][0]["message"]


@pytest.mark.parametrize("which", ["facts", "advice"])
def test_schemas_are_those_of_nq_advisor_schema(client, which):
    response = client.get(f"/api/schema/{which}")
    assert response.status_code == 200
    assert response.json == json.loads(cli("schema", which))


def test_openapi_describes_every_path_and_validates(client, app):
    from openapi_spec_validator import validate

    document = client.get("/api/openapi.json").json
    validate(document)
    assert document["openapi"].startswith("3.1")
    described = {(path, method.upper()) for path, ops in document["paths"].items() for method in ops}
    served = set()
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith("/api/"):
            path = rule.rule[len("/api"):].replace("<ref>", "{ref}").replace("<item_id>", "{id}") \
                .replace("<session_id>", "{id}").replace("<which>", "facts")
            served |= {(path, m) for m in rule.methods - {"HEAD", "OPTIONS"}}
    served |= {("/schema/advice", "GET")}
    assert served == described
    # the fact fields come from the same schema as `nq-advisor schema facts`
    facts = json.loads(cli("schema", "facts"))
    assert document["components"]["schemas"]["Facts_person"]["properties"] == facts["$defs"]["person"]["properties"]


def test_health_names_version_and_knowledge_base(client):
    body = client.get("/api/health").json
    assert body["status"] == "ok" and body["version"] == __version__ and body["knowledge_base"]


def test_knowledge_items_filter_and_404(client):
    items = client.get("/api/kb/items?kind=funding&state=BE").json["items"]
    assert items and all(i["kind"] == "funding" for i in items)
    assert all(i.get("state") in (None, "BE") for i in items)
    assert "landesprogramm_nw" not in {i["id"] for i in items}
    one = client.get("/api/kb/items/externenpruefung?lang=en").json
    assert one["id"] == "externenpruefung" and one["kind"] == "route" and one["title"]
    missing = client.get("/api/kb/items/externenpruefunk")
    assert missing.status_code == 404 and "externenpruefung" in missing.json["errors"][0]["message"]
    assert client.get("/api/kb/items?kind=nonsense").status_code == 400


BAD_REQUESTS = [
    ("bad field value", "/api/advise", {"person": {"age": "vierzig"}}, "age"),
    ("age out of range", "/api/advise", {"person": {"age": 120}}, "age"),
    ("unknown field", "/api/advise", {"person": {"agee": 30}}, "agee"),
    ("boolean for an int", "/api/advise", {"person": {"age": True}}, "age"),
    ("no subject", "/api/advise", {"persona": {}}, None),
    ("two subjects", "/api/advise", {"person": {}, "region": {}}, None),
    ("a list", "/api/advise", [1, 2], None),
    ("a string", "/api/advise", "person", None),
    ("facts not a mapping", "/api/advise", {"person": [1]}, None),
    ("bad date", "/api/advise?as_of=2026-13-01", PERSON, "as_of"),
    ("bad lang", "/api/advise?lang=fr", PERSON, "lang"),
    ("unknown parameter", "/api/advise?asof=2026-01-01", PERSON, "asof"),
    ("whatif without set", "/api/whatif", {"facts": PERSON}, "set"),
    ("whatif set not a mapping", "/api/whatif", {"facts": PERSON, "set": [1]}, "set"),
    ("whatif bad new value", "/api/whatif", {"facts": PERSON, "set": {"age": -1}}, "age"),
    ("whatif unknown field", "/api/whatif", {"facts": PERSON, "set": {"nope": None}}, "nope"),
    ("interview unknown subject", "/api/interviews", {"subject": "firm"}, "subject"),
    ("interview bad facts", "/api/interviews", {"subject": "person", "facts": {"age": 3}}, "age"),
    ("interview facts not a mapping", "/api/interviews", {"subject": "person", "facts": "x"}, "facts"),
    ("interview bad as_of", "/api/interviews", {"subject": "person", "as_of": 20260101}, "as_of"),
    ("interview unknown key", "/api/interviews", {"subject": "person", "extra": 1}, None),
]


@pytest.mark.parametrize("path, payload, field", [pytest.param(p, b, f, id=name) for name, p, b, f in BAD_REQUESTS])
def test_invalid_input_is_400_naming_the_field(client, path, payload, field):
    response = client.post(path, json=payload)
    assert response.status_code == 400, response.data
    errors = response.json["errors"]
    assert errors and all(set(e) == {"field", "message"} and e["message"] for e in errors)
    assert field in {e["field"] for e in errors}


RAW_BODIES = [
    ("not json", b"{person: }"),
    ("not utf-8", b'{"person": {"state": "\xff"}}'),
    ("duplicate keys", b'{"person": {"age": 30, "age": 31}}'),
    ("NaN", b'{"person": {"age": NaN}}'),
    ("a huge number", b'{"person": {"age": ' + b"9" * 5000 + b"}}"),
    ("deep nesting", b"[" * 100_000 + b"]" * 100_000),
    ("nesting over the limit", b'{"person": {"age": ' + b"[" * 80 + b"]" * 80 + b"}}"),  # limit: 64
    ("empty", b""),
]


@pytest.mark.parametrize("raw", [pytest.param(raw, id=name) for name, raw in RAW_BODIES])
def test_hostile_bodies_are_400_never_500(client, raw):
    for path in ("/api/advise", "/api/whatif", "/api/explain/externenpruefung", "/api/interviews"):
        response = client.post(path, data=raw, content_type="application/json")
        assert response.status_code == 400, (path, response.data[:200])
        assert response.json["errors"][0]["field"] is None
        assert "Traceback" not in response.get_data(as_text=True)


@pytest.mark.parametrize("raw, german, english", [
    (b'{"person": {"age": 30,}}', "Zeile 1, Spalte 22: Komma nach dem letzten Eintrag (in JSON nicht erlaubt)",
     "line 1, column 22: comma after the last entry (not allowed in JSON)"),
    (b'{"skills": ["a", "b",\n]}', "Zeile 1, Spalte 21: Komma nach dem letzten Eintrag",
     "line 1, column 21: comma after the last entry"),
    (b'{"person": {"state": Bayern}}', "Wert erwartet – Text steht in JSON in doppelten Anführungszeichen",
     "Expecting value – text in JSON needs double quotes"),
    (b'{"person": {"age": 30, "age": 31}}', "Schlüssel 'age' doppelt", "duplicate key 'age'"),
    (b'{"person": {"age": NaN}}', "'NaN' ist in JSON keine Zahl", "'NaN' is not a number in JSON"),
])
def test_a_body_that_is_not_json_is_explained_in_the_requests_language(client, raw, german, english):
    de = client.post("/api/advise", data=raw, content_type="application/json").json["errors"][0]["message"]
    en = client.post("/api/advise?lang=en", data=raw, content_type="application/json").json["errors"][0]["message"]
    assert german in de and "Expecting" not in de and "line" not in de, de
    assert english in en and "Zeile" not in en, en


def test_form_posts_are_refused(client):
    """A page elsewhere cannot post a form to the local API: JSON content type is required."""
    response = client.post("/api/interviews", data="subject=person", content_type="application/x-www-form-urlencoded")
    assert response.status_code == 400


def test_oversized_body_is_413(make_app):
    client = make_app(max_body_bytes=1000).test_client()
    response = client.post("/api/advise", data=b'{"person": {"name": "' + b"x" * 5000 + b'"}}',
                           content_type="application/json")
    assert response.status_code == 413
    assert response.json["errors"][0]["field"] is None


def test_unknown_paths_and_methods(client):
    assert client.get("/api/nothing").status_code == 404
    assert client.get("/api/nothing").json["errors"]
    assert client.get("/api/advise").status_code == 405


def test_security_headers(client):
    response = client.post("/api/advise", json=PERSON)
    assert response.headers["Cache-Control"] == "no-store"
    assert "default-src 'none'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Referrer-Policy"] == "no-referrer"


def test_english_messages(client):
    response = client.post("/api/advise?lang=en", json={"person": {"age": "forty"}})
    assert "allowed" in response.json["errors"][0]["message"]
