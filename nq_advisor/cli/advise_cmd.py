"""``nq-advisor advise FILE``: recommendations for a person or a region."""
from __future__ import annotations

import click

from ..i18n import pick
from ..inputs import read_document
from ..render import render
from .options import as_of_option, kb_option, lang_option, load_advisor

FORMATS = ("table", "json", "yaml", "markdown")


def field_titles(advisor, subject: str, lang: str) -> dict[str, str]:
    return {name: pick(f.title, lang) for name, f in advisor.kb.fields.get(subject, {}).items()}


@click.command()
@click.argument("file", metavar="FILE")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True)
@as_of_option
@lang_option
@kb_option
def advise(file, fmt, as_of, lang, kb_path):
    """Advise on the facts in FILE (YAML or JSON; '-' reads standard input)."""
    advisor = load_advisor(kb_path)
    document, name = read_document(file)
    advice = advisor.advise(document, as_of=as_of, lang=lang, source=name)
    click.echo(render(advice, fmt, field_titles(advisor, advice.subject, lang)), nl=False)


def register(group: click.Group) -> None:
    group.add_command(advise)
