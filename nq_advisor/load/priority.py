"""A rule's priority raised while a further condition holds (``priority_raised``), so that a rule is
never copied with one condition added only to be more urgent."""
from __future__ import annotations

from nq_advisor.load import conditions as c
from nq_advisor.load.model import PriorityRaise, Source
from nq_advisor.load.texts import Msg
from nq_advisor.load.yamlsource import LocatedDict

PRIORITY_RAISE_KEYS = {
    "to": (True, "int"),
    "when": (True, "any"),
    "because": (True, "text"),
    "legal_basis": (False, "strs"),
    "sources": (False, "sources"),
}


def parse_priority_raise(parser, raw, rule_id, subject, condition, file, checker) -> PriorityRaise | None:
    """``priority_raised: {to: N, when: COND, because: {de, en}}``: a better priority while COND holds.

    One rule then states its legal conditions once; the raised priority adds only what
    makes the step more urgent (e.g. basic skills known to be fine), with its own reason.
    """
    spec = raw.get("priority_raised")
    if spec is None:
        return None
    line = raw.line_of("priority_raised")
    where = Msg("what.rule_key", id=rule_id, key="priority_raised")
    if not isinstance(spec, LocatedDict):
        checker.add(line, Msg("raise.not_mapping", what=where))
        return None
    checker.check_keys(spec, PRIORITY_RAISE_KEYS, where)
    if raw.get("recommends") is None:
        checker.add(line, Msg("raise.needs_recommends", what=where))
    to, priority = spec.get("to"), raw.get("priority")
    if isinstance(to, int) and not isinstance(to, bool) and isinstance(priority, int) and not 1 <= to < priority:
        checker.add(spec.line_of("to"), Msg("raise.to", what=where, priority=priority, to=to))
        return None
    if not isinstance(to, int) or isinstance(to, bool) or "when" not in spec or "because" not in spec:
        return None  # check_keys has named the missing or malformed key
    when = parser.parse_condition(spec["when"], subject, spec.line_of("when"), file)
    if when is None:
        return None
    return PriorityRaise(
        to=to, when=when, condition=c.All((condition, when)), because=spec.get("because") or {},
        legal_basis=tuple(spec.get("legal_basis") or ()),
        sources=tuple(Source(s["url"], s["checked"], s.get("title", "")) for s in spec.get("sources") or []
                      if isinstance(s, dict) and "url" in s and "checked" in s))
