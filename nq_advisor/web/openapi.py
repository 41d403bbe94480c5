"""The OpenAPI 3.1 description of ``/api``, generated from the JSON Schemas ``nq-advisor schema`` prints.

OpenAPI 3.1 uses JSON Schema 2020-12, so the facts and advice schemas go in unchanged,
except that their internal ``#/$defs/...`` references are moved to
``#/components/schemas/...``. A field added to the knowledge base appears here, in
``schema facts`` and in the validation at once.
"""
from __future__ import annotations

from nq_advisor import __version__
from nq_advisor.output.json_schema import advice_schema, facts_schema
from nq_advisor.load.model import KnowledgeBase

_JSON = "application/json"


def _move_defs(node, prefix: str):
    """A copy of ``node`` with ``#/$defs/X`` references pointing to ``#/components/schemas/<prefix>X``."""
    if isinstance(node, dict):
        out = {}
        for key, value in node.items():
            if key in ("$schema", "$id", "$defs"):
                continue
            if key == "$ref" and isinstance(value, str) and value.startswith("#/$defs/"):
                value = f"#/components/schemas/{prefix}{value[len('#/$defs/'):]}"
            out[key] = _move_defs(value, prefix)
        return out
    if isinstance(node, list):
        return [_move_defs(item, prefix) for item in node]
    return node


def _ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def _body(schema: dict, required: bool = True) -> dict:
    return {"required": required, "content": {_JSON: {"schema": schema}}}


def _answer(description: str, schema: dict | None = None, media: str = _JSON) -> dict:
    out = {"description": description}
    if schema is not None:
        out["content"] = {media: {"schema": schema}}
    return out


def _errors(*codes: int) -> dict:
    texts = {400: "invalid input: every problem with its field", 401: "access token missing or wrong",
             404: "not found", 413: "body larger than the limit"}
    return {str(code): _answer(texts[code], _ref("Errors")) for code in codes}


def _param(name: str, description: str, schema: dict, where: str = "query", required: bool = False) -> dict:
    return {"name": name, "in": where, "required": required or where == "path", "description": description,
            "schema": schema}


def openapi_document(kb: KnowledgeBase, lang: str = "de") -> dict:
    facts = facts_schema(kb, lang)
    schemas = {f"Facts_{name}": _move_defs(schema, "Facts_") for name, schema in facts["$defs"].items()}
    schemas["Facts"] = _move_defs(facts, "Facts_")
    schemas["Advice"] = _move_defs(advice_schema(kb, lang), "Advice_")
    subjects = sorted(kb.fields)
    field_names = sorted({name for fields in kb.fields.values() for name in fields})
    schemas.update({
        "Errors": {"type": "object", "required": ["errors"], "properties": {"errors": {"type": "array", "items": {
            "type": "object", "required": ["field", "message"],
            "properties": {"field": {"type": ["string", "null"]}, "message": {"type": "string"}}}}}},
        "Question": {"type": "object", "required": ["field", "text", "type"], "properties": {
            "field": {"type": "string", "enum": field_names}, "text": {"type": "string"},
            "type": {"type": "string", "enum": ["int", "bool", "choice", "list", "text"]},
            "choices": {"type": "array", "items": {"type": "object", "required": ["value", "label"],
                                                   "properties": {"value": {}, "label": {"type": "string"}}}},
            "help": {"type": "string"}, "title": {"type": "string"}, "allowed": {"type": "string"},
            "minimum": {"type": "integer"}, "maximum": {"type": "integer"},
            "decides": {"type": "array", "items": {"type": "object"}}}},
        "Interview": {"type": "object", "required": ["id", "subject", "answers", "skipped", "question"],
                      "properties": {
                          "id": {"type": "string", "minLength": 22},
                          "subject": {"type": "string", "enum": subjects},
                          "answers": {"type": "object", "description": "every answered field (also facts given "
                                      "at creation) to its value, never null"},
                          "skipped": {"type": "array", "items": {"type": "string"}},
                          "question": {"oneOf": [_ref("Question"), {"type": "null"}]},
                          "as_of": {"type": "string", "format": "date"},
                          "lang": {"type": "string", "enum": ["de", "en"]},
                          "unused": {"type": "array", "items": {"type": "string"},
                                     "description": "answers kept but not used: they no longer matter after "
                                                    "a revision"},
                          "warnings": {"type": "array", "items": {"type": "string"}}}},
        "NewInterview": {"type": "object", "required": ["subject"], "additionalProperties": False, "properties": {
            "subject": {"type": "string", "enum": subjects},
            "facts": {"type": "object", "description": "fields and values, without the person/region key"},
            "as_of": {"type": "string", "format": "date"}, "lang": {"type": "string", "enum": ["de", "en"]}}},
        "Answer": {"type": "object", "required": ["field", "value"], "additionalProperties": False,
                   "properties": {"field": {"type": "string", "enum": field_names},
                                  "value": {"not": {"type": "null"}}}},
        "Skip": {"type": "object", "required": ["field"], "additionalProperties": False,
                 "properties": {"field": {"type": "string", "enum": field_names}}},
        "WhatIfRequest": {"type": "object", "required": ["facts", "set"], "additionalProperties": False,
                          "properties": {"facts": _ref("Facts"), "set": {
                              "type": "object", "description": "field to new value; null makes the fact unknown"}}},
        "Explanation": {"type": "object", "description": "as `nq-advisor explain --format json` prints it",
                        "required": ["ref", "status"]},
        "WhatIf": {"type": "object", "description": "as `nq-advisor whatif --format json` prints it",
                   "required": ["changes", "before", "after"]},
        "Item": {"type": "object", "required": ["id", "kind", "title"]},
        "Health": {"type": "object", "required": ["status", "version", "knowledge_base"], "properties": {
            "status": {"const": "ok"}, "version": {"type": "string"}, "knowledge_base": {"type": "string"}}},
    })
    evaluating = [_param("as_of", "law as of this day (default: today)", {"type": "string", "format": "date"}),
                  _param("lang", "language of texts", {"type": "string", "enum": ["de", "en"], "default": "de"}),
                  _param("max_source_age", "warn about sources checked longer ago (months)",
                         {"type": "integer", "minimum": 0})]
    pretty = _param("pretty", "indented JSON, as `advise --format json` prints it in a terminal",
                    {"type": "boolean", "default": False})
    session = _param("id", "interview id", {"type": "string"}, "path")
    interview = {"200": _answer("the interview", _ref("Interview"))}
    paths = {
        "/health": {"get": {"operationId": "health", "summary": "version and knowledge base",
                            "responses": {"200": _answer("running", _ref("Health")), **_errors(401)}}},
        "/advise": {"post": {"operationId": "advise", "summary": "advice on an input document",
                             "parameters": evaluating + [pretty], "requestBody": _body(_ref("Facts")),
                             "responses": {"200": _answer("advice, as `advise --format json`", _ref("Advice")),
                                           **_errors(400, 401, 413)}}},
        "/explain/{ref}": {"post": {"operationId": "explain", "summary": "why (not) one item",
                                    "parameters": [_param("ref", "knowledge id", {"type": "string"}, "path"),
                                                   *evaluating],
                                    "requestBody": _body(_ref("Facts")),
                                    "responses": {"200": _answer("the explanation", _ref("Explanation")),
                                                  **_errors(400, 401, 404, 413)}}},
        "/whatif": {"post": {"operationId": "whatif", "summary": "what changes with other facts",
                             "parameters": evaluating, "requestBody": _body(_ref("WhatIfRequest")),
                             "responses": {"200": _answer("the differences", _ref("WhatIf")),
                                           **_errors(400, 401, 413)}}},
        "/schema/facts": {"get": {"operationId": "schemaFacts", "summary": "JSON Schema of the input",
                                  "responses": {"200": _answer("JSON Schema", {"type": "object"}), **_errors(401)}}},
        "/schema/advice": {"get": {"operationId": "schemaAdvice", "summary": "JSON Schema of the advice",
                                   "responses": {"200": _answer("JSON Schema", {"type": "object"}),
                                                 **_errors(401)}}},
        "/openapi.json": {"get": {"operationId": "openapi", "summary": "this description",
                                  "responses": {"200": _answer("OpenAPI 3.1", {"type": "object"}), **_errors(401)}}},
        "/kb/items": {"get": {"operationId": "kbItems", "summary": "knowledge items",
                              "parameters": [_param("kind", "item kind", {"type": "string"}),
                                             _param("state", "Bundesland (items of other states left out)",
                                                    {"type": "string"}),
                                             _param("lang", "language of titles", {"type": "string",
                                                                                   "enum": ["de", "en"]})],
                              "responses": {"200": _answer("items", {"type": "object", "required": ["items"],
                                                                     "properties": {"items": {
                                                                         "type": "array", "items": _ref("Item")}}}),
                                            **_errors(400, 401)}}},
        "/kb/items/{id}": {"get": {"operationId": "kbItem", "summary": "one knowledge item",
                                   "parameters": [_param("id", "knowledge id", {"type": "string"}, "path")],
                                   "responses": {"200": _answer("the item", _ref("Item")), **_errors(401, 404)}}},
        "/interviews": {"post": {"operationId": "createInterview", "summary": "start an interview",
                                 "requestBody": _body(_ref("NewInterview")),
                                 "responses": {"201": _answer("created", _ref("Interview")),
                                               **_errors(400, 401, 413)}}},
        "/interviews/{id}": {
            "get": {"operationId": "readInterview", "summary": "answers, skips and the next question",
                    "parameters": [session], "responses": {**interview, **_errors(401, 404)}},
            "delete": {"operationId": "deleteInterview", "summary": "delete the session and its answers at once",
                       "parameters": [session], "responses": {"204": _answer("deleted"), **_errors(401, 404)}}},
        "/interviews/{id}/answers": {"post": {
            "operationId": "answer", "summary": "answer or revise a field; the other answers stay",
            "parameters": [session], "requestBody": _body(_ref("Answer")),
            "responses": {**interview, **_errors(400, 401, 404, 413)}}},
        "/interviews/{id}/skips": {"post": {
            "operationId": "skip", "summary": "leave a field unknown", "parameters": [session],
            "requestBody": _body(_ref("Skip")), "responses": {**interview, **_errors(400, 401, 404, 413)}}},
        "/interviews/{id}/advice": {"get": {
            "operationId": "interviewAdvice", "summary": "the advice on the answers so far",
            "parameters": [session, pretty],
            "responses": {"200": _answer("advice", _ref("Advice")), **_errors(401, 404)}}},
        "/interviews/{id}/handout": {"get": {
            "operationId": "interviewHandout", "summary": "a printable handout",
            "parameters": [session, _param("format", "html (default) or markdown",
                                           {"type": "string", "enum": ["html", "markdown"], "default": "html"})],
            "responses": {"200": {"description": "the handout", "content": {
                "text/html": {"schema": {"type": "string"}}, "text/markdown": {"schema": {"type": "string"}}}},
                **_errors(400, 401, 404)}}},
    }
    return {
        "openapi": "3.1.0",
        "info": {"title": "nq-advisor", "version": __version__,
                 "description": "Rule-based advice on Nachqualifizierung (CONTRACT.md section 5)."},
        "servers": [{"url": "/api"}],
        "security": [{}, {"bearer": []}],
        "paths": paths,
        "components": {"schemas": schemas,
                       "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer",
                                                      "description": "required unless the server listens on "
                                                                     "loopback without tokens"}}},
    }
