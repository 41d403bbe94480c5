"""``nq-advisor advise FILE``: recommendations for a person or a region."""
from __future__ import annotations

import sys

import click

from nq_advisor.load.inputs import read_document
from nq_advisor.output.table import field_titles, render
from nq_advisor.cli.helptext import help_text
from nq_advisor.cli.language import metavar
from nq_advisor.cli.options import as_of_option, kb_option, lang_option, load_advisor, max_source_age_option

FORMATS = ("table", "json", "yaml", "markdown", "html")


@click.command(help=help_text("advise"))
@click.argument("file", metavar=metavar("FILE"))
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True,
              help=help_text("advise.format"))
@click.option("--pretty/--compact", "pretty", default=None, help=help_text("advise.pretty"))
@max_source_age_option
@as_of_option
@lang_option
@kb_option
def advise(file, fmt, pretty, max_source_age, as_of, lang, kb_path):
    """Advise on the facts in FILE (YAML or JSON; '-' reads standard input)."""
    advisor = load_advisor(kb_path)
    document, name = read_document(file, lang)
    advice = advisor.advise(document, as_of=as_of, lang=lang, source=name, stale_after_months=max_source_age)
    if fmt in ("markdown", "html"):
        from nq_advisor.output import handout  # only the handout formats need it

        click.echo(handout.render(advice, advisor.kb, fmt), nl=False)
    else:
        if pretty is None:  # people read a terminal, programs read pipes and files
            pretty = sys.stdout.isatty()
        click.echo(render(advice, fmt, field_titles(advisor.kb, advice.subject, lang), pretty, kb=advisor.kb), nl=False)


def register(group: click.Group) -> None:
    group.add_command(advise)
