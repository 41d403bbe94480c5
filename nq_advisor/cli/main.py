"""The ``nq-advisor`` group: errors become messages and exit codes, never tracebacks."""
from __future__ import annotations

import sys

import click

from nq_advisor.cli.helptext import help_text
from nq_advisor import __version__
from nq_advisor.errors import NqAdvisorError


class _Group(click.Group):
    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except NqAdvisorError as exc:
            click.echo(exc.format(), err=True)
            sys.exit(exc.exit_code)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]}, help=help_text("main"))
@click.version_option(__version__, prog_name="nq-advisor")
def main():
    """Rule-based advice on Nachqualifizierung: routes to a Berufsabschluss, funding,
    support, and next strategy steps for regional networks."""


def _register() -> None:
    from nq_advisor.cli import advise_cmd, batch_cmd, explain_cmd, interview_cmd, kb_cmd, schema_cmd

    for module in (advise_cmd, kb_cmd, schema_cmd, batch_cmd, interview_cmd, explain_cmd):
        module.register(main)
    from nq_advisor.cli import region_cmd; region_cmd.register(main)  # noqa: E702  (regional network planner)
    from nq_advisor.cli import serve_cmd; serve_cmd.register(main)  # noqa: E702  (HTTP API and pages)


_register()
