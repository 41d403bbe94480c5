"""Advice as text for people: a table, JSON or YAML (the handout is nq_advisor.output.handout)."""
from __future__ import annotations

import json

from nq_advisor.advice.result import KIND_ORDER, Advice
from nq_advisor.i18n import pick, t
from nq_advisor.advice.wording import format_date

_HEAD = {
    "de": {"prio": "Prio", "title": "Empfehlung", "reason": "Begründung", "legal": "Rechtsgrundlage",
           "why_not": "Nicht empfohlen", "unmet": "Nicht erfüllt", "undecided": "Noch offen",
           "missing": "Zu klären", "warnings": "Hinweise", "as_of": "Rechtsstand", "none": "keine Empfehlung",
           "subject": {"person": "Person", "region": "Region"}},
    "en": {"prio": "Prio", "title": "Recommendation", "reason": "Reason", "legal": "Legal basis",
           "why_not": "Not recommended", "unmet": "Not met", "undecided": "Still open",
           "missing": "To clarify", "warnings": "Notes", "as_of": "Law as of", "none": "no recommendation",
           "subject": {"person": "Person", "region": "Region"}},
}


def field_titles(kb, subject: str, lang: str) -> dict[str, str]:
    """Fact field ids to their titles in ``lang`` (for 'to clarify' lists)."""
    return {name: pick(f.title, lang) for name, f in kb.fields.get(subject, {}).items()}


def render(advice: Advice, fmt: str, titles: dict[str, str] | None = None, pretty: bool = True) -> str:
    """table, json or yaml; the Markdown and HTML handout is nq_advisor.output.handout.

    ``pretty=False`` writes JSON on one line (for programs: the C encoder, several times faster).
    """
    if fmt == "json":
        return to_json(advice, pretty)
    if fmt == "yaml":
        import yaml  # only the formats that need a library import it (start-up time)

        return yaml.safe_dump(advice.to_dict(), allow_unicode=True, sort_keys=False, width=100)
    return to_table(advice, titles or {})


def to_json(advice: Advice, pretty: bool = True) -> str:
    """The contract JSON; indented for people, or one line (same content, same key order) for programs."""
    return json.dumps(advice.to_dict(), ensure_ascii=False, indent=2 if pretty else None) + "\n"


def _missing_text(missing: list[str], titles: dict[str, str]) -> str:
    return ", ".join(titles.get(m, m) for m in missing)


def open_by_ref(advice: Advice) -> list[tuple[str, list[str]]]:
    """(title, facts to clarify) per undecided ref: the facts any of its open rules needs, each once."""
    grouped: dict[str, tuple[str, list[str]]] = {}
    for u in advice.undecided:
        _, missing = grouped.setdefault(u.ref, (u.title, []))
        missing.extend(m for m in u.missing if m not in missing)
    return list(grouped.values())


_OR = {"de": "– oder –", "en": "– or –"}


def why_not_by_ref(advice: Advice) -> list[tuple[str, list[str]]]:
    """(title, lines) per not recommended ref: each rule's unmet conditions, the rules separated by
    'oder' (any one of them would have been enough), with the distances that time can close."""
    grouped: dict[str, tuple[str, list[list[str]]]] = {}
    for n in advice.not_recommended:
        _, alternatives = grouped.setdefault(n.ref, (n.title, []))
        lines = list(n.unmet) + [f"→ {d.text}" for d in n.distance if d.reachable_on is not None]
        if lines not in alternatives:
            alternatives.append(lines)
    result = []
    for title, alternatives in grouped.values():
        lines = list(alternatives[0])
        for alternative in alternatives[1:]:
            lines += [_OR[advice.lang]] + alternative
        result.append((title, lines))
    return result


def _tabulate(*args, **kwargs) -> str:
    """tabulate, imported only when a table is printed (it costs ~30 ms of start-up, JSON needs none of it)."""
    from tabulate import tabulate

    return tabulate(*args, **kwargs)


def to_table(advice: Advice, titles: dict[str, str]) -> str:
    head = _HEAD[advice.lang]
    lines = [f"{head['subject'][advice.subject]} – {head['as_of']}: {format_date(advice.as_of, advice.lang)}", ""]
    if not advice.recommendations:
        lines.append(f"({head['none']})")
    for kind in KIND_ORDER:
        rows = [[r.priority, r.title, r.reasons[0] if r.reasons else "", "; ".join(r.legal_basis[:3])]
                for r in advice.recommendations if r.kind == kind]
        if rows:
            lines.append(t(f"kind.{kind}", advice.lang))
            lines.append(_tabulate(rows, headers=[head["prio"], head["title"], head["reason"], head["legal"]],
                                  tablefmt="simple", maxcolwidths=[None, 34, 60, 30]))
            lines.append("")
    if advice.not_recommended:
        lines.append(head["why_not"])
        rows = [[title, "\n".join(lines)] for title, lines in why_not_by_ref(advice)]
        lines.append(_tabulate(rows, headers=[head["title"], head["unmet"]], tablefmt="simple",
                              maxcolwidths=[34, 80]))
        lines.append("")
    if advice.undecided:
        lines.append(head["undecided"])
        rows = [[title, _missing_text(missing, titles)] for title, missing in open_by_ref(advice)]
        lines.append(_tabulate(rows, headers=[head["title"], head["missing"]], tablefmt="simple",
                              maxcolwidths=[34, 80]))
        lines.append("")
    if advice.warnings:
        lines.append(head["warnings"])
        lines.extend(f"- {w}" for w in advice.warnings)
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"
