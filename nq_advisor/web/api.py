"""The HTTP API of CONTRACT.md §5, under ``/api``: thin handlers over the functions the CLI uses.

Advice, explanations and what-if answers are serialised exactly as ``advise``/``explain``/
``whatif --format json`` print them (``nq_advisor.output.table.to_json`` for the advice),
so a tool gets byte for byte what the command line gives. Bodies are read under the
input limits (``bodies.py``); every invalid input is ``400 {"errors": [...]}``.
"""
from __future__ import annotations

import hashlib
import inspect
import json

from flask import Blueprint, Response, current_app, jsonify, request

from nq_advisor import __version__
from nq_advisor.advice.explain import explain_facts
from nq_advisor.advice.whatif import UNSET, compare
from nq_advisor.errors import InputError, UsageError, did_you_mean
from nq_advisor.load.shapes import KIND_KEYS, STATES
from nq_advisor.output.json_schema import SCHEMAS
from nq_advisor.output.table import to_json
from nq_advisor.web.bodies import expect_object, parse_json
from nq_advisor.web.errors import FieldErrors, NotFound
from nq_advisor.web.sessions import field_errors, parse_date, parse_lang
from nq_advisor.web.texts import text

api = Blueprint("api", __name__)

EVALUATE_PARAMS = ("as_of", "lang", "max_source_age")
ADVISE_PARAMS = EVALUATE_PARAMS + ("pretty",)
KB_KINDS = tuple(sorted(k for k in KIND_KEYS if k != "field"))


def _services():
    return current_app.extensions["nq_advisor"]


def json_text(payload: str, status: int = 200) -> Response:
    return Response(payload, status=status, mimetype="application/json")


# `advise --format json` prints one line for programs (and indents for people) once the output layer
# knows both; before that it always indents. The API answers what the command line gives a program.
_COMPACT_JSON = "pretty" in inspect.signature(to_json).parameters


def advice_json(advice, pretty: bool = False) -> str:
    """The advice exactly as ``nq-advisor advise --format json`` prints it into a pipe (``?pretty=true``:
    as in a terminal)."""
    return to_json(advice, pretty) if _COMPACT_JSON else to_json(advice)


def dumps(value) -> str:
    """As the command line prints JSON (``json.dumps(..., ensure_ascii=False, indent=2)``), one newline at the end."""
    return json.dumps(value, ensure_ascii=False, indent=2) + "\n"


# --- request parts -------------------------------------------------------------------------------

def query(allowed: tuple[str, ...]) -> dict:
    """The query parameters (only ``allowed`` ones), checked: as_of a date, lang de|en, max_source_age >= 0."""
    lang = parse_lang(request.args.get("lang"))
    errors = [(name, text("param.unknown", lang, name=name, allowed=", ".join(allowed)))
              for name in request.args if name not in allowed]
    if errors:
        raise FieldErrors(errors)
    out = {"lang": lang, "as_of": parse_date(request.args.get("as_of"), "as_of", lang)}
    if "pretty" in allowed:
        raw = request.args.get("pretty")
        if raw not in (None, "", "true", "false", "1", "0"):
            raise FieldErrors([("pretty", text("param.choice", lang, value=raw, allowed="true, false"))])
        out["pretty"] = raw in ("true", "1")
    if "max_source_age" in allowed:
        raw = request.args.get("max_source_age")
        out["max_source_age"] = None
        if raw not in (None, ""):
            if not raw.isdigit() or len(raw) > 6:
                raise FieldErrors([("max_source_age", text("param.choice", lang, value=raw, allowed="0, 1, 2, ..."))])
            out["max_source_age"] = int(raw)
    return out


def body(lang: str):
    """The JSON body, read under the size and depth limits; JSON content type required (no form posts)."""
    if not request.is_json:
        raise FieldErrors([(None, text("body.content_type", lang))])
    settings = _services().settings
    return parse_json(request.get_data(cache=False), settings.max_json_depth, lang)


def parse_document(document, lang: str) -> tuple[str, dict]:
    """(subject, facts) of an input document; FieldErrors naming each bad field."""
    advisor = _services().advisor
    try:
        return advisor.parse(document, lang, "request")
    except InputError as exc:
        if isinstance(document, dict) and len(document) == 1:
            subject, raw = next(iter(document.items()))
            if subject in advisor.kb.fields and isinstance(raw, dict):
                errors = field_errors(advisor, subject, raw, lang)
                if errors:
                    raise FieldErrors(errors) from None
        raise FieldErrors([(None, message) for message in exc.messages]) from None


def _advice_options(params: dict) -> dict:
    return {} if params.get("max_source_age") is None else {"stale_after_months": params["max_source_age"]}


# --- plain functions -----------------------------------------------------------------------------

def kb_identity(advisor) -> str:
    """The knowledge base's content hash (advice ``meta``), or one computed from its files."""
    meta = getattr(advisor, "meta", None)
    if callable(meta):
        return meta()["knowledge_base"]
    cached = getattr(advisor, "_web_kb_hash", None)
    if cached is None:
        digest = hashlib.sha256()
        for folder in ("knowledge", "rules"):
            for path in sorted((advisor.kb.root / folder).glob("*.yaml")):
                digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
        cached = advisor._web_kb_hash = "sha256:" + digest.hexdigest()[:16]
    return cached


@api.get("/health")
def health():
    return jsonify({"status": "ok", "version": __version__, "knowledge_base": kb_identity(_services().advisor)})


@api.post("/advise")
def advise():
    params = query(ADVISE_PARAMS)
    subject, facts = parse_document(body(params["lang"]), params["lang"])
    advice = _services().advisor.advise_facts(subject, facts, params["as_of"], params["lang"],
                                               **_advice_options(params))
    return json_text(advice_json(advice, params["pretty"]))


@api.post("/explain/<ref>")
def explain(ref):
    params = query(EVALUATE_PARAMS)
    advisor = _services().advisor
    subject, facts = parse_document(body(params["lang"]), params["lang"])
    if not any(rule.recommends == ref for rule in advisor.kb.rules_for(subject)):
        raise NotFound(_unknown_ref(advisor, subject, ref, params["lang"]))
    result = explain_facts(advisor, subject, facts, ref, params["as_of"], params["lang"], params["max_source_age"])
    return json_text(dumps(result.to_dict()))


def _unknown_ref(advisor, subject: str, ref: str, lang: str) -> str:
    try:
        explain_facts(advisor, subject, {}, ref, None, lang)
    except UsageError as exc:
        return str(exc)
    return text("not_found.item", lang, id=ref, hint="")


@api.post("/whatif")
def whatif():
    params = query(EVALUATE_PARAMS)
    lang = params["lang"]
    payload = expect_object(body(lang), {"facts": True, "set": True}, lang)
    document = payload["facts"]
    subject, _ = parse_document(document, lang)
    changes = payload["set"]
    if not isinstance(changes, dict):
        raise FieldErrors([("set", text("set.not_object", lang))])
    advisor = _services().advisor
    fields = advisor.kb.fields[subject]
    errors = field_errors(advisor, subject, {k: v for k, v in changes.items() if v is not None}, lang)
    errors += [(name, text("not_found.item", lang, id=name, hint=did_you_mean(name, fields, lang)))
               for name, value in changes.items() if value is None and name not in fields]
    if errors:
        raise FieldErrors(errors)
    assignments = {name: UNSET if value is None else value for name, value in changes.items()}
    try:
        result = compare(advisor, document, assignments, params["as_of"], lang,
                         max_source_age=params["max_source_age"], source="request")
    except (InputError, UsageError) as exc:
        messages = exc.messages if isinstance(exc, InputError) else [str(exc)]
        raise FieldErrors([(None, message) for message in messages]) from None
    return json_text(dumps(result.to_dict()))


@api.get("/schema/<which>")
def schema(which):
    lang = query(("lang",))["lang"]
    if which not in SCHEMAS:
        raise NotFound(text("not_found.item", lang, id=which, hint=f"; {', '.join(sorted(SCHEMAS))}"))
    return json_text(dumps(SCHEMAS[which](_services().advisor.kb, lang)))


@api.get("/openapi.json")
def openapi():
    from nq_advisor.web.openapi import openapi_document

    lang = query(("lang",))["lang"]
    return json_text(dumps(openapi_document(_services().advisor.kb, lang)))


# --- knowledge items -----------------------------------------------------------------------------

def item_json(item, lang: str) -> dict:
    """One knowledge item: its data as in the knowledge base, plus the title in ``lang``."""
    out = {"id": item.id, "kind": item.kind, "title": item.title(lang)}
    for key, value in item.data.items():
        if key not in out:
            out[key] = _plain(value)
    out["title"] = item.title(lang)
    return out


def _plain(value):
    """Knowledge values as JSON: dates as ISO text, tuples as lists."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


@api.get("/kb/items")
def kb_items():
    lang = parse_lang(request.args.get("lang"))
    allowed = ("kind", "state", "lang")
    errors = [(name, text("param.unknown", lang, name=name, allowed=", ".join(allowed)))
              for name in request.args if name not in allowed]
    kind, state = request.args.get("kind") or None, request.args.get("state") or None
    if kind is not None and kind not in KB_KINDS:
        errors.append(("kind", text("param.choice", lang, value=kind, allowed=", ".join(KB_KINDS))))
    if state is not None and state not in STATES:
        errors.append(("state", text("param.choice", lang, value=state, allowed=", ".join(STATES))))
    if errors:
        raise FieldErrors(errors)
    kb = _services().advisor.kb
    items = [item_json(item, lang) for item in sorted(kb.items.values(), key=lambda i: (i.kind, i.id))
             if (kind is None or item.kind == kind) and (state is None or item.get("state") in (None, state))]
    return jsonify({"items": items})


@api.get("/kb/items/<item_id>")
def kb_item(item_id):
    lang = query(("lang",))["lang"]
    kb = _services().advisor.kb
    item = kb.items.get(item_id)
    if item is None:
        raise NotFound(text("not_found.item", lang, id=item_id, hint=did_you_mean(item_id, kb.items, lang)))
    return jsonify(item_json(item, lang))


# --- interviews ----------------------------------------------------------------------------------

@api.post("/interviews")
def create_interview():
    lang = parse_lang(request.args.get("lang"))
    payload = expect_object(body(lang), {"subject": True, "facts": False, "as_of": False, "lang": False}, lang)
    state = _services().interviews.create(payload["subject"], payload.get("facts"), payload.get("as_of"),
                                          payload.get("lang"))
    response = jsonify(state)
    response.status_code = 201
    response.headers["Location"] = f"/api/interviews/{state['id']}"
    return response


@api.get("/interviews/<session_id>")
def read_interview(session_id):
    return jsonify(_services().interviews.state(session_id))


@api.post("/interviews/<session_id>/answers")
def answer(session_id):
    interviews = _services().interviews
    lang = interviews.load(session_id)[1].lang
    payload = expect_object(body(lang), {"field": True, "value": True}, lang)
    return jsonify(interviews.answer(session_id, payload["field"], payload["value"]))


@api.post("/interviews/<session_id>/skips")
def skip(session_id):
    interviews = _services().interviews
    lang = interviews.load(session_id)[1].lang
    payload = expect_object(body(lang), {"field": True}, lang)
    return jsonify(interviews.skip(session_id, payload["field"]))


@api.get("/interviews/<session_id>/advice")
def interview_advice(session_id):
    pretty = request.args.get("pretty") in ("true", "1")
    return json_text(advice_json(_services().interviews.advice(session_id), pretty))


@api.get("/interviews/<session_id>/handout")
def interview_handout(session_id):
    allowed = ("format",)
    unknown = [name for name in request.args if name not in allowed]
    if unknown:
        raise FieldErrors([(name, text("param.unknown", "de", name=name, allowed="format")) for name in unknown])
    content, mimetype = _services().interviews.handout(session_id, request.args.get("format") or "html")
    response = Response(content, mimetype=mimetype.split(";")[0])
    if mimetype.startswith("text/html"):
        from nq_advisor.web.app import HANDOUT_CSP
        response.headers["Content-Security-Policy"] = HANDOUT_CSP
    return response


@api.delete("/interviews/<session_id>")
def delete_interview(session_id):
    _services().interviews.delete(session_id)
    return Response(status=204)

