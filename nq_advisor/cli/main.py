"""The ``nq-advisor`` group: errors become messages and exit codes, never tracebacks."""
from __future__ import annotations

import importlib
import os
import sys

import click

from nq_advisor.cli.helptext import help_text
from nq_advisor import __version__
from nq_advisor.errors import NqAdvisorError
from nq_advisor.load.cache import NO_CACHE_ENV


# command name -> the module of nq_advisor.cli that registers it; imported only when the command
# runs (or --help lists it), so that `advise` does not pay for the interview, region and batch code
COMMAND_MODULES = {"advise": "advise_cmd", "kb": "kb_cmd", "schema": "schema_cmd", "batch": "batch_cmd",
                   "interview": "interview_cmd", "explain": "explain_cmd", "whatif": "explain_cmd",
                   "region": "region_cmd"}


class _Group(click.Group):
    def list_commands(self, ctx):
        return sorted(set(self.commands) | set(COMMAND_MODULES))

    def get_command(self, ctx, name):
        if name not in self.commands and name in COMMAND_MODULES:
            importlib.import_module(f"nq_advisor.cli.{COMMAND_MODULES[name]}").register(self)
        return self.commands.get(name)

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except NqAdvisorError as exc:
            click.echo(exc.format(), err=True)
            sys.exit(exc.exit_code)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]}, help=help_text("main"))
@click.version_option(__version__, prog_name="nq-advisor")
@click.option("--no-cache", "no_cache", is_flag=True, help=help_text("opt.no_cache"))
def main(no_cache=False):
    """Rule-based advice on Nachqualifizierung: routes to a Berufsabschluss, funding,
    support, and next strategy steps for regional networks."""
    if no_cache:  # read the knowledge base files, neither reading nor writing the user's cache
        os.environ[NO_CACHE_ENV] = "1"


