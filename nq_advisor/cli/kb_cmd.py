"""``nq-advisor kb ...``: validate, browse and test a knowledge base."""
from __future__ import annotations


import sys

import click

from nq_advisor.load import conditions as c
from nq_advisor.errors import KnowledgeBaseError, UsageError, did_you_mean
from nq_advisor.inference.evaluate import Evaluation
from nq_advisor.i18n import pick
from nq_advisor.load.loader import check_knowledge_base
from nq_advisor.load.scenarios import load_scenarios, run_scenario, unexercised_rules
from nq_advisor.load.shapes import KIND_KEYS, STATES
from nq_advisor.advice.wording import Wording, format_date, period_text
from nq_advisor.cli.helptext import help_text
from nq_advisor.cli.messages import attribute_text, confidence_text, kind_title, msg, parameter_value_lines
from nq_advisor.output.table import fit_table, wrap_text
from nq_advisor.cli.language import metavar
from nq_advisor.cli.options import as_of_option, group_lang_option, kb_option, lang_option, load_advisor

_JUNCTION = {"de": {"all": "alle folgenden:", "any": "mindestens eines davon:"},
             "en": {"all": "all of:", "any": "at least one of:"}}


@click.group(help=help_text("kb"))
@group_lang_option
def kb():
    """Validate, browse and test the knowledge base."""


@kb.command(help=help_text("kb.validate"))
@lang_option
@kb_option
def validate(lang, kb_path):
    """Check every knowledge and rule file; print problems as file:line: message."""
    knowledge, problems = check_knowledge_base(kb_path)
    if problems:
        for problem in sorted(set(problems)):
            click.echo(problem.format(lang))
        click.echo(msg("kb.problems", lang, count=len(set(problems)), root=knowledge.root), err=True)
        sys.exit(KnowledgeBaseError.exit_code)  # 2: the knowledge base is bad input
    click.echo(msg("kb.ok", lang, items=len(knowledge.items), rules=len(knowledge.rules),
                   fields=sum(len(f) for f in knowledge.fields.values()), root=knowledge.root))


@kb.command("list", help=help_text("kb.list"))
@click.option("--kind", type=click.Choice(sorted(k for k in KIND_KEYS if k != "field")), default=None,
              help=help_text("kb.list.kind"))
@click.option("--state", type=click.Choice(STATES), default=None, help=help_text("kb.list.state"))
@lang_option
@kb_option
def list_items(kind, state, lang, kb_path):
    """List knowledge items with kind, title and validity."""
    advisor = load_advisor(kb_path)
    rows = []
    for item in sorted(advisor.kb.items.values(), key=lambda i: (i.kind, i.id)):
        if kind and item.kind != kind:
            continue
        if state and item.get("state") not in (None, state):
            continue
        rows.append([item.id, kind_title(item.kind, lang), item.title(lang),
                     period_text(item.get("valid_from"), item.get("valid_until"), lang)])
    headers = [msg(f"kb.head.{key}", lang) for key in ("id", "kind", "title", "valid")]
    click.echo(fit_table(rows, headers, wrap={2: 3, 3: 1, 0: 1}))


@kb.command(help=help_text("kb.show"))
@click.argument("item_id", metavar=metavar("ITEM_ID"))
@as_of_option
@lang_option
@kb_option
def show(item_id, as_of, lang, kb_path):
    """Show one item: title, summary, rules in plain words, legal basis, sources, validity."""
    advisor = load_advisor(kb_path)
    knowledge = advisor.kb
    item = knowledge.items.get(item_id)
    if item is None:
        raise UsageError(msg("kb.unknown_id", lang, id=item_id, hint=did_you_mean(item_id, knowledge.items, lang)))
    de = lang == "de"
    out = [f"{item.title(lang)}  [{item.id}, {kind_title(item.kind, lang)}]"]
    if item.get("summary"):
        out.append(item.text("summary", lang))
    out.append(("Gültig: " if de else "Valid: ") + period_text(item.get("valid_from"), item.get("valid_until"), lang))
    out.append(f"{msg('kb.confidence', lang)}: {confidence_text(item.confidence, lang)}")
    for key in ("duration_months", "chamber", "law", "sector", "tq_available", "successors", "successor_from", "step", "state", "unit", "contact",
                "partners"):
        if item.get(key) is not None:
            out.append(f"{msg('attr.' + key, lang)}: {attribute_text(knowledge, key, item.get(key), lang)}")
    if item.kind == "parameter":
        for entry in knowledge.parameters.get(item.id, []):
            first, *rest = parameter_value_lines(entry.value, item.get("unit"), lang)
            out.append(f"  {period_text(entry.start, entry.end, lang)}:{' ' if first else ''}{first}")
            out += rest
    for key, label in (("amounts", "Beträge" if de else "Amounts"), ("done_when", "Erledigt wenn" if de else "Done when")):
        if item.get(key):
            out.append(f"{label}: {item.text(key, lang)}")
    for key, label in (("actions", "Maßnahmen" if de else "Actions"), ("next_steps", "Nächste Schritte" if de else "Next steps")):
        if item.get(key):
            out.append(label + ":")
            out += [f"  - {pick(text, lang)}" for text in item.get(key)]
    for key, label in (("description", "Beschreibung" if de else "Description"), ("note", "Hinweis" if de else "Note")):
        if item.get(key):
            out.append(f"{label}: {item.text(key, lang)}")
    if item.get("support"):
        out.append(("Unterstützung" if de else "Support") + ": "
                   + ", ".join(f"{knowledge.items[ref].title(lang)} [{ref}]" for ref in item.get("support")))
    if item.get("requirements"):
        out.append(("Noch zu prüfen" if de else "Still to check") + ":")
        out += [f"  - {_requirement(r, lang)}" for r in item.get("requirements")]
    rules = [r for r in knowledge.rules if r.recommends == item.id]
    for rule in rules:
        wording = Wording(Evaluation(knowledge, rule.subject, {}, as_of), lang)
        out.append(("Regel " if de else "Rule ") + f"{rule.id} (Prio {rule.priority}): {pick(rule.because, lang)}")
        out += describe(rule.condition, wording, lang, 2)
        if rule.priority_raised:
            raised = rule.priority_raised
            out.append(f"    Prio {raised.to}, " + ("wenn außerdem" if de else "when also")
                       + f": {pick(raised.because, lang)}")
            out += describe(raised.when, wording, lang, 6)
        if rule.requirements:
            out.append("    " + ("Zusätzlich zu prüfen" if de else "Also to check") + ":")
            out += [f"      - {_requirement(r, lang)}" for r in rule.requirements]
    if item.legal_basis:
        out.append(("Rechtsgrundlage: " if de else "Legal basis: ") + "; ".join(item.legal_basis))
    for source in item.sources:
        out.append(("Quelle: " if de else "Source: ") + f"{source.url} ("
                   + ("geprüft " if de else "checked ") + f"{format_date(source.checked, lang)})")
    click.echo(wrap_text("\n".join(out)))


def _requirement(requirement: dict, lang: str) -> str:
    basis = requirement.get("legal_basis") or []
    return pick(requirement.get("text"), lang) + (f" ({'; '.join(basis)})" if basis else "")


def describe(node, wording: Wording, lang: str, indent: int) -> list[str]:
    """A condition tree in plain words, one line per condition."""
    pad = " " * indent
    if isinstance(node, (c.All, c.Any_)):
        key = "all" if isinstance(node, c.All) else "any"
        lines = [pad + _JUNCTION[lang][key]]
        for child in node.children:
            lines += describe(child, wording, lang, indent + 2)
        return lines
    return [pad + "- " + wording.atom(node)]


@kb.command("test", help=help_text("kb.test"))
@click.option("--verbose", "-v", is_flag=True, help=help_text("kb.test.verbose"))
@lang_option
@kb_option
def test_scenarios(verbose, lang, kb_path):
    """Run the scenarios of the knowledge base; report failures and rules no scenario exercises."""
    advisor = load_advisor(kb_path)
    scenarios = load_scenarios(advisor.kb.root, lang)
    results = [run_scenario(advisor, s, lang) for s in scenarios]
    failed = [r for r in results if not r.passed]
    for result in results:
        if verbose or not result.passed:
            s = result.scenario
            click.echo(f"{msg('kb.test.pass' if result.passed else 'kb.test.fail', lang)} {s.file}:{s.line}: {s.name}")
            for failure in result.failures:
                click.echo(f"     {failure}")
    idle = unexercised_rules(advisor.kb, results)
    if idle:
        click.echo(msg("kb.test.idle", lang, count=len(idle), rules=", ".join(idle)))
    click.echo(msg("kb.test.totals", lang, passed=len(results) - len(failed), failed=len(failed)))
    if failed:
        sys.exit(1)


def register(group: click.Group) -> None:
    group.add_command(kb)


def tabulate(*args, **kwargs) -> str:
    """tabulate, imported when a table is printed: every command's start-up would pay for it otherwise."""
    from tabulate import tabulate as render_table

    return render_table(*args, **kwargs)
