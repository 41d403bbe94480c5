"""Request bodies read under the input limits: size, JSON depth, no duplicate keys, no NaN.

Everything a client can send ends as a value or a ``FieldErrors`` with a clear message:
deep nesting, huge numbers, duplicate keys, bad UTF-8 or a wrong content type are ``400``,
a body over the size limit ``413`` (Flask's ``MAX_CONTENT_LENGTH``).
"""
from __future__ import annotations

import json

from nq_advisor.i18n import t
from nq_advisor.load.inputs import json_reason
from nq_advisor.load.texts import Msg
from nq_advisor.web.errors import FieldErrors
from nq_advisor.web.texts import text


class DuplicateKey(ValueError):
    def __init__(self, key):
        super().__init__(f"duplicate key '{key}'")
        self.key = key


class _NotANumber(ValueError):
    def __init__(self, name):
        super().__init__(f"{name} is not allowed in JSON")
        self.name = name


def _pairs(pairs):
    out = {}
    for key, value in pairs:
        if key in out:
            raise DuplicateKey(key)
        out[key] = value
    return out


def _constant(name):
    raise _NotANumber(name)


def _why(exc: ValueError, lang: str) -> str:
    """A duplicate key, NaN/Infinity or an integer of thousands of digits, in ``lang``."""
    if isinstance(exc, DuplicateKey):
        return t("input.duplicate_key", lang, name=exc.key)
    if isinstance(exc, _NotANumber):
        return Msg("limit.constant", name=exc.name).render(lang)
    if "digits" in str(exc):
        return t("input.huge_number", lang)
    return Msg("json.unknown_reason", reason=str(exc)[:200]).render(lang)


def depth(value) -> int:
    """Nesting depth of a JSON value (a scalar is 0, ``[]`` is 1), without recursion."""
    deepest, stack = 0, [(value, 0)]
    while stack:
        node, level = stack.pop()
        if isinstance(node, (dict, list)):
            level += 1
            deepest = max(deepest, level)
            stack.extend((child, level) for child in (node.values() if isinstance(node, dict) else node))
    return deepest


def parse_json(raw: bytes, max_depth: int, lang: str = "de"):
    """The JSON value of ``raw``; FieldErrors (field None) for anything that is not plain, bounded JSON."""
    try:
        body = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise FieldErrors([(None, text("body.not_utf8", lang))]) from None
    try:
        value = json.loads(body, object_pairs_hook=_pairs, parse_constant=_constant)
    except RecursionError:
        raise FieldErrors([(None, text("body.too_deep", lang, limit=max_depth))]) from None
    except json.JSONDecodeError as exc:
        raise FieldErrors([(None, text("body.not_json", lang, reason=json_reason(body, exc, lang)))]) from None
    except ValueError as exc:  # duplicate keys, NaN/Infinity, integers with thousands of digits
        raise FieldErrors([(None, text("body.not_json", lang, reason=_why(exc, lang)))]) from None
    if depth(value) > max_depth:
        raise FieldErrors([(None, text("body.too_deep", lang, limit=max_depth))])
    return value


def expect_object(value, allowed: dict[str, bool], lang: str = "de") -> dict:
    """``value`` as a JSON object with only the ``allowed`` keys (True: required)."""
    keys = ", ".join(f"'{k}'" for k in allowed)
    if not isinstance(value, dict):
        raise FieldErrors([(None, text("body.not_object", lang, keys=keys))])
    errors = [(None, text("body.unknown_key", lang, name=key, keys=keys)) for key in value if key not in allowed]
    errors += [(key, text("body.missing_key", lang, name=key)) for key, required in allowed.items()
               if required and key not in value]
    if errors:
        raise FieldErrors(errors)
    return value
