"""``nq-advisor schema facts|advice``: JSON Schema for other tools to validate against."""
from __future__ import annotations

import json

import click

from nq_advisor.output.json_schema import SCHEMAS
from nq_advisor.cli.helptext import help_text
from nq_advisor.cli.options import kb_option, lang_option


@click.command(help=help_text("schema"))
@click.argument("which", type=click.Choice(sorted(SCHEMAS)))
@lang_option
@kb_option
def schema(which, lang, kb_path):
    """Print the JSON Schema (draft 2020-12) of the input facts or of the advice output."""
    from nq_advisor.load.loader import load_knowledge_base  # the schema needs no rule engine

    kb = load_knowledge_base(kb_path)
    click.echo(json.dumps(SCHEMAS[which](kb, lang), ensure_ascii=False, indent=2))


def register(group: click.Group) -> None:
    group.add_command(schema)
