"""What changes in the advice when facts change: added, removed, re-prioritised, (un)decided.

``compare(advisor, document, changes, as_of, lang)`` advises on the case as given and
on the case with ``changes`` applied, and lists the difference per ref.  A change is a
value for a field, ``Relative(n)`` to add to a known number ("12 more months of
experience") or ``UNSET`` to make a fact unknown.  The changed case is validated like
any input (InputError, exit code 2).  ``parse_assignments`` turns command-line text
``FIELD=VALUE`` into such changes, by the field's type:

- int: ``42``; ``+12`` / ``-3`` change the known value
- bool: ``true false yes no ja nein 1 0``
- list: values separated by commas (or semicolons); ``FIELD=`` is the empty list
- any field: ``FIELD=?`` makes the fact unknown
"""
from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from nq_advisor.advice.result import Advice
from nq_advisor.errors import UsageError, did_you_mean, short_list
from nq_advisor.inference.facts import ValueRejected, document_value, read_value
from nq_advisor.i18n import pick, t
from nq_advisor.load.model import KnowledgeBase
from nq_advisor.advice.wording import Wording


@dataclass(frozen=True)
class Relative:
    """Add ``amount`` to the known value of an integer field."""

    amount: int


class _Unset:
    def __repr__(self) -> str:
        return "UNSET"


UNSET = _Unset()
_BOOL_DIGITS = {"1": True, "0": False}  # besides what facts.read_value accepts


@dataclass
class Change:
    field: str
    title: str
    before: object            # None = unknown
    after: object
    before_text: str
    after_text: str

    def to_dict(self) -> dict:
        return {"field": self.field, "before": document_value(self.before), "after": document_value(self.after)}


@dataclass
class Difference:
    ref: str
    title: str
    kind: str | None
    before: str | None                  # recommended | not_recommended | undecided
    after: str | None
    priority_before: int | None
    priority_after: int | None
    text: str

    def to_dict(self) -> dict:
        return {"ref": self.ref, "title": self.title, "kind": self.kind, "before": self.before, "after": self.after,
                "priority_before": self.priority_before, "priority_after": self.priority_after, "text": self.text}


@dataclass
class WhatIf:
    subject: str
    as_of: datetime.date
    lang: str
    changes: list[Change]
    before: Advice
    after: Advice
    added: list[Difference] = field(default_factory=list)
    removed: list[Difference] = field(default_factory=list)
    reprioritised: list[Difference] = field(default_factory=list)
    newly_undecided: list[Difference] = field(default_factory=list)
    newly_decided: list[Difference] = field(default_factory=list)

    def has_changes(self) -> bool:
        return any((self.added, self.removed, self.reprioritised, self.newly_undecided, self.newly_decided))

    def to_dict(self) -> dict:
        return {
            "subject": self.subject, "as_of": self.as_of.isoformat(),
            "changes": [c.to_dict() for c in self.changes],
            "added": [d.to_dict() for d in self.added], "removed": [d.to_dict() for d in self.removed],
            "reprioritised": [d.to_dict() for d in self.reprioritised],
            "newly_undecided": [d.to_dict() for d in self.newly_undecided],
            "newly_decided": [d.to_dict() for d in self.newly_decided],
            "before": self.before.to_dict(), "after": self.after.to_dict(),
        }


def compare(advisor, document, changes: dict, as_of: datetime.date | None = None, lang: str = "de",
            max_source_age: int | None = None, source: str = "input") -> WhatIf:
    """Advice before and after ``changes`` ({field: value | Relative(n) | UNSET}) and the difference."""
    subject, facts = advisor.parse(document, lang, source)
    raw = dict(document[subject] or {})
    fields = advisor.kb.fields[subject]
    for name, value in changes.items():
        if name not in fields:
            raise UsageError(_unknown_field(name, fields, lang))
        if value is UNSET:
            raw.pop(name, None)
        elif isinstance(value, Relative):
            if name not in facts:
                raise UsageError(t("whatif.relative_unknown", lang, field=name))
            raw[name] = facts[name] + value.amount
        else:
            raw[name] = document_value(value)
    _, new_facts = advisor.parse({subject: raw}, lang, f"{source} (--set)")
    kwargs = {} if max_source_age is None else {"stale_after_months": max_source_age}
    before = advisor.advise_facts(subject, facts, as_of, lang, **kwargs)
    after = advisor.advise_facts(subject, new_facts, as_of, lang, **kwargs)
    wording = Wording(_evaluation_stub(advisor.kb, subject, before.as_of), lang)
    result = WhatIf(subject, before.as_of, lang, [], before, after)
    for name in changes:
        title = pick(fields[name].title, lang)
        old, new = facts.get(name), new_facts.get(name)
        result.changes.append(Change(name, title, old, new, _text(wording, old, fields[name], lang),
                                     _text(wording, new, fields[name], lang)))
    _diff(result, advisor.kb, lang)
    return result


def parse_assignments(kb: KnowledgeBase, subject: str, assignments, lang: str = "de") -> dict:
    """``["german_level=B1", "experience_months_in_target=+12"]`` into changes; UsageError when malformed."""
    fields = kb.fields[subject]
    changes: dict = {}
    for text in assignments:
        name, sep, value = text.partition("=")
        name, value = name.strip(), value.strip()
        if not sep or not name:
            raise UsageError(t("whatif.bad_assignment", lang, text=text))
        if name not in fields:
            raise UsageError(_unknown_field(name, fields, lang))
        changes[name] = parse_value(fields[name], value, lang, kb)
    return changes


def parse_value(definition, text: str, lang: str = "de", kb: KnowledgeBase | None = None):
    """A command-line value for one field: ``?`` (unknown), ``+N``/``-N`` (a change of a number), else
    what facts.read_value accepts from typed text (labels, ja/nein, 32.000, NRW, ...)."""
    if text == "?":
        return UNSET
    if definition.type == "int" and text[:1] in "+-" and text[1:].strip().isdigit() and len(text) <= 12:
        return Relative(int(text))
    if not text and definition.type != "list":
        raise UsageError(t("whatif.bad_value", lang, field=definition.id, value=text,
                           allowed=t("whatif.allowed_nonempty", lang)))
    if definition.type == "bool" and text in _BOOL_DIGITS:
        return _BOOL_DIGITS[text]
    try:
        value = read_value(definition, text, lang, typed=True, kb=kb)
    except ValueRejected as exc:
        raise UsageError(f"--set {definition.id}: {exc}") from None
    return value


def _diff(result: WhatIf, kb: KnowledgeBase, lang: str) -> None:
    titles = {name: pick(f.title, lang) for name, f in kb.fields[result.subject].items()}
    before, after = _states(result.before, titles), _states(result.after, titles)
    for ref in sorted(set(before) | set(after)):
        old, new = before.get(ref, (None, None, "")), after.get(ref, (None, None, ""))
        item = kb.items.get(ref)
        title = item.title(lang) if item else ref
        entry = Difference(ref, title, item.kind if item else None, old[0], new[0], old[1], new[1], "")
        if new[0] == "recommended" and old[0] != "recommended":
            entry.text = t("whatif.text.added", lang, title=title, priority=new[1])
            result.added.append(entry)
        elif old[0] == "recommended" and new[0] == "done":
            entry.text = t("whatif.text.done", lang, title=title)
            result.removed.append(entry)
        elif old[0] == "recommended" and new[0] != "recommended":
            status = "not_needed" if new[0] == "not_recommended" and result.subject == "region" else new[0]
            entry.text = t("whatif.text.removed", lang, title=title, status=t(f"explain.status.{status}", lang),
                           detail=new[2])
            result.removed.append(entry)
        elif old[0] == new[0] == "recommended" and old[1] != new[1]:
            entry.text = t("whatif.text.reprioritised", lang, title=title, before=old[1], after=new[1])
            result.reprioritised.append(entry)
        elif new[0] == "undecided" and old[0] != "undecided":
            entry.text = t("whatif.text.undecided", lang, title=title, detail=new[2])
            result.newly_undecided.append(entry)
        elif old[0] == "undecided" and new[0] != "undecided":
            entry.text = t("whatif.text.decided", lang, title=title, detail=new[2])
            result.newly_decided.append(entry)
    result.added.sort(key=lambda d: (d.priority_after, d.ref))


def _states(advice: Advice, titles: dict) -> dict:
    """ref -> (status, priority, detail in words)."""
    details: dict[str, list[str]] = {}
    states: dict = {}
    for n in advice.not_recommended:
        details.setdefault(n.ref, []).extend(n.unmet)
        states[n.ref] = "not_recommended"
    for u in advice.undecided:
        details.setdefault(u.ref, []).extend(titles.get(m, m) for m in u.missing)
        states[u.ref] = "undecided"
    out = {ref: (status, None, ("; " if status == "not_recommended" else ", ").join(dict.fromkeys(details[ref])))
           for ref, status in states.items()}
    for d in advice.done:
        out[d.ref] = ("done", None, "")
    for r in advice.recommendations:
        out[r.ref] = ("recommended", r.priority, "")
    return out


def _text(wording: Wording, value, definition, lang: str) -> str:
    return t("value.unknown", lang) if value is None else wording.value(value, definition)


def _evaluation_stub(kb, subject, as_of):
    from nq_advisor.inference.evaluate import Evaluation
    return Evaluation(kb, subject, {}, as_of)


def _unknown_field(name: str, fields: dict, lang: str) -> str:
    return t("whatif.unknown_field", lang, field=name, hint=did_you_mean(name, fields, lang),
             allowed=short_list(sorted(fields), lang))
