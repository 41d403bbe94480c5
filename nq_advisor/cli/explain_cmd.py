"""``nq-advisor explain FILE REF`` and ``nq-advisor whatif FILE --set field=value``.

Both render data built elsewhere (nq_advisor/explain.py, nq_advisor/whatif.py) as text or JSON.
"""
from __future__ import annotations

import datetime
import json

import click

from nq_advisor.advice.explain import Explanation, RuleTrace, Step, explain as build_explanation
from nq_advisor.i18n import format_quantity, t
from nq_advisor.load.inputs import read_document
from nq_advisor.advice.whatif import WhatIf, compare, parse_assignments
from nq_advisor.advice.wording import format_date, period_text
from nq_advisor.cli.helptext import help_text
from nq_advisor.output.table import wrap_text
from nq_advisor.cli.language import metavar
from nq_advisor.cli.options import as_of_option, format_option, kb_option, lang_option, load_advisor, max_source_age_option

_MARK = {True: "✓", False: "✗", None: "?"}


@click.command(help=help_text("explain"))
@click.argument("file", metavar=metavar("FILE"))
@click.argument("ref", metavar="REF")
@format_option(("table", "json"), "table")
@max_source_age_option
@as_of_option
@lang_option
@kb_option
def explain(file, ref, fmt, max_source_age, as_of, lang, kb_path):
    """Why REF (a route, funding, support or strategy step id) is or is not recommended for FILE."""
    advisor = load_advisor(kb_path)
    document, name = read_document(file, lang)
    result = build_explanation(advisor, document, ref, as_of, lang, max_source_age, source=name)
    if fmt == "json":
        click.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
    else:
        click.echo(wrap_text(explanation_text(result)), nl=False)


@click.command(help=help_text("whatif"))
@click.argument("file", metavar=metavar("FILE"))
@click.option("--set", "assignments", multiple=True, metavar=metavar("FIELD=VALUE"),
              help=help_text("whatif.set"))
@format_option(("table", "json"), "table")
@max_source_age_option
@as_of_option
@lang_option
@kb_option
def whatif(file, assignments, fmt, max_source_age, as_of, lang, kb_path):
    """What changes in the advice for FILE when facts change (e.g. --set german_level=B1)."""
    advisor = load_advisor(kb_path)
    document, name = read_document(file, lang)
    subject, _ = advisor.parse(document, lang, name)
    changes = parse_assignments(advisor.kb, subject, assignments, lang)
    result = compare(advisor, document, changes, as_of, lang, max_source_age=max_source_age, source=name)
    if fmt == "json":
        click.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
    else:
        click.echo(wrap_text(whatif_text(result)), nl=False)


# --- text rendering ------------------------------------------------------------------------------

def explanation_text(e: Explanation) -> str:
    lang = e.lang
    status = t(f"explain.status.{e.status}", lang)
    if e.priority is not None:
        status += f" ({t('explain.priority', lang)} {e.priority})"
    out = [f"{e.title}  [{e.ref}, {t(f'kind.{e.kind}', lang)}]", f"{status}",
           f"{t('explain.as_of', lang)}: {format_date(e.as_of, lang)}", ""]
    for rule in e.rules:
        out += _rule_lines(rule, lang, 0)
        out.append("")
    if e.missing:
        out.append(f"{t('explain.missing', lang)}: {', '.join(e.missing_titles)}")
    if e.requirements:
        out.append(t("explain.requirements", lang) + ":")
        out += [f"  - {r}" for r in e.requirements]
    if e.legal_basis:
        out.append(f"{t('explain.legal_basis', lang)}: {'; '.join(e.legal_basis)}")
    for source in e.sources:
        out.append(f"{t('explain.source', lang)}: {_source_text(source, lang)}")
    if e.warnings:
        out += ["", t("explain.warnings", lang) + ":"] + [f"  - {w}" for w in e.warnings]
    return "\n".join(out).rstrip() + "\n"


def _rule_lines(rule: RuleTrace, lang: str, depth: int) -> list[str]:
    pad = "  " * depth
    priority = f" ({t('explain.priority', lang)} {rule.priority})" if rule.priority is not None else ""
    out = [f"{pad}{_MARK[rule.truth]} {t('explain.rule', lang)} {rule.id}{priority}: {rule.because}"]
    for step in rule.steps:
        out += _step_lines(step, lang, depth + 1)
    if rule.raised is not None:
        raised = rule.raised
        out.append(f"{pad}  {_MARK[raised.truth]} {t('explain.priority_raised', lang, priority=raised.priority)}: "
                   f"{raised.because}")
        for step in raised.steps:
            out += _step_lines(step, lang, depth + 2)
        if raised.legal_basis:
            out.append(f"{pad}    {t('explain.legal_basis', lang)}: {'; '.join(raised.legal_basis)}")
    if rule.legal_basis:
        out.append(f"{pad}  {t('explain.legal_basis', lang)}: {'; '.join(rule.legal_basis)}")
    for source in rule.sources:
        out.append(f"{pad}  {t('explain.source', lang)}: {_source_text(source, lang)}")
    return out


def _step_lines(step: Step, lang: str, depth: int) -> list[str]:
    pad = "  " * depth
    out = [f"{pad}{_MARK[step.truth]} {step.text}"]
    for fact in step.facts:
        out.append(f"{pad}    {t('explain.fact', lang)}: {fact.title} = {fact.text}")
    for attr in step.attributes:
        out.append(f"{pad}    {t('explain.attribute', lang)}: {attr.attr_title} ({attr.item_title}) = {attr.text}"
                   + "".join(f"; {_source_text(s, lang)}" for s in attr.sources[:1]))
    for param in step.parameters:
        value = param.not_set if param.not_set else format_quantity(param.value, param.unit, lang)
        basis = f"; {'; '.join(param.legal_basis)}" if param.legal_basis else ""
        period = "" if param.not_set else \
            f"{t('explain.valid', lang)} {period_text(param.valid_from, param.valid_until, lang)}"
        out.append(f"{pad}    {t('explain.parameter', lang)}: {param.title} = {value} "
                   f"({period}{basis if period else basis.removeprefix('; ')})")
        out += [f"{pad}      {t('explain.source', lang)}: {_source_text(s, lang)}" for s in param.sources]
    if step.distance is not None:
        out.append(f"{pad}    → {step.distance.text}")
    if step.derived is not None:
        out.append(f"{pad}    {t('explain.derived_by', lang)}:")
        for rule in step.derived.rules:
            out += _rule_lines(rule, lang, depth + 2)
    return out


def _source_text(source: dict, lang: str) -> str:
    checked = format_date(datetime.date.fromisoformat(source["checked"]), lang)
    return f"{source['url']} ({t('explain.checked', lang)} {checked})"


def whatif_text(w: WhatIf) -> str:
    lang = w.lang
    out = [f"{t('explain.as_of', lang)}: {format_date(w.as_of, lang)}", t("whatif.changes", lang) + ":"]
    out += [f"  - {c.title}: {c.before_text} → {c.after_text}" for c in w.changes]
    out.append("")
    if not w.has_changes():
        out.append(t("whatif.no_change", lang))
    for key in ("added", "removed", "reprioritised", "newly_undecided", "newly_decided"):
        entries = getattr(w, key)
        if entries:
            out.append(t(f"whatif.{key}", lang) + ":")
            out += [f"  - {entry.text}" for entry in entries]
    if w.after.warnings:
        out += ["", t("explain.warnings", lang) + ":"] + [f"  - {x}" for x in w.after.warnings]
    return "\n".join(out).rstrip() + "\n"


def register(group: click.Group) -> None:
    group.add_command(explain)
    group.add_command(whatif)
