"""The ``nq-advisor`` group: errors become messages and exit codes, never tracebacks; one language
for everything an invocation prints (cli/language.py)."""
from __future__ import annotations

import importlib
import os
import sys

import click

from nq_advisor import __version__
from nq_advisor.cli import language
from nq_advisor.cli.helptext import help_text, localized
from nq_advisor.cli.options import group_lang_option
from nq_advisor.errors import KnowledgeBaseError, NqAdvisorError
from nq_advisor.cli.messages import msg
from nq_advisor.load.cache import NO_CACHE_ENV
from nq_advisor.load.loader import ENV_VAR as KB_ENV_VAR

language.install()

# command name -> the module of nq_advisor.cli that registers it; imported only when the command
# runs (or --help lists it), so that `advise` does not pay for the interview, region and batch code
COMMAND_MODULES = {"advise": "advise_cmd", "kb": "kb_cmd", "schema": "schema_cmd", "batch": "batch_cmd",
                   "interview": "interview_cmd", "explain": "explain_cmd", "whatif": "explain_cmd",
                   "region": "region_cmd", "serve": "serve_cmd"}


class _Group(click.Group):
    def main(self, args=None, *rest, **kwargs):
        argv = sys.argv[1:] if args is None else list(args)
        language.set_language(language.detect(argv), language.asked_for(argv))
        self.invalid_lang_env = language.invalid_env(argv)
        self.kb_given = any(a == "--kb" or a.startswith("--kb=") for a in argv)
        localize_tree(self, language.current())
        return super().main(argv, *rest, **kwargs)

    def parse_args(self, ctx, args):
        """A bad NQ_ADVISOR_LANG is a usage error (exit 2) before anything else, --help and --version
        included: every command would otherwise run silently in German."""
        bad = getattr(self, "invalid_lang_env", None)
        if bad is not None and not ctx.resilient_parsing:
            # without the usage line and its "--help" hint: --help would stop at the same variable
            raise click.UsageError(language.invalid_env_message(bad))
        return super().parse_args(ctx, args)

    def list_commands(self, ctx):
        return sorted(set(self.commands) | set(COMMAND_MODULES))

    def get_command(self, ctx, name):
        if name not in self.commands and name in COMMAND_MODULES:
            before = set(self.commands)
            importlib.import_module(f"nq_advisor.cli.{COMMAND_MODULES[name]}").register(self)
            for added in set(self.commands) - before:  # in the invocation's language, like the rest
                localize_tree(self.commands[added], language.current())
        return self.commands.get(name)

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except KnowledgeBaseError as exc:
            click.echo(exc.text(language.current()), err=True)
            click.echo(msg("kb.problems_loaded", language.current(), count=len(exc.problems)), err=True)
            if os.environ.get(KB_ENV_VAR) and not getattr(self, "kb_given", False):  # a path nobody typed here
                click.echo(msg("kb.from_env", language.current(), env=KB_ENV_VAR, path=os.environ[KB_ENV_VAR]),
                           err=True)
            sys.exit(exc.exit_code)
        except NqAdvisorError as exc:
            click.echo(exc.format(), err=True)
            sys.exit(exc.exit_code)
        except KeyboardInterrupt:  # click would say "Aborted!" with exit 1; batch and interview say 130
            click.echo("", err=True)
            click.echo(msg("interrupted", language.current()), err=True)
            sys.exit(130)


def localize_tree(command: click.Command, lang: str) -> None:
    """Help texts, placeholders and click's cached --help option of every command in ``lang``."""
    command.help = localized(command.help, lang)
    command.short_help = localized(command.short_help, lang)
    command.options_metavar = language.localize_metavar(command.options_metavar, lang)
    if hasattr(command, "_help_option"):
        command._help_option = None  # click caches it with the help text of its first use
    if isinstance(command, click.Group):
        command.subcommand_metavar = language.localize_metavar(command.subcommand_metavar, lang)
        for sub in command.commands.values():
            localize_tree(sub, lang)
    for param in command.params:
        if isinstance(param, click.Option):
            param.help = localized(param.help, lang)
        fallback = language.type_metavar(param)  # click would show "INTEGER RANGE", "TEXT"
        param.metavar = language.METAVARS[fallback][lang] if fallback else \
            language.localize_metavar(param.metavar, lang)


def _print_version(ctx, param, value):
    """The program's version, always (it is what a bug report needs), then the knowledge base's hash.

    A knowledge base that cannot be read (NQ_ADVISOR_KB naming a missing folder, say) is said so on
    stderr with exit code 2, as every other command would fail on it, instead of the hash of no files.
    """
    if not value or ctx.resilient_parsing:
        return
    from nq_advisor.errors import os_reason
    from nq_advisor.load.loader import ENV_VAR, content_hash, resolve_root, root_problem

    lang = language.current()
    root = resolve_root(None)
    click.echo(f"nq-advisor {__version__}")
    try:
        reason = root_problem(root)
        kb = None if reason is not None else content_hash(root)
    except OSError as exc:
        reason, kb = os_reason(exc, lang), None
    if kb is not None:
        click.echo(f"{msg('version.kb', lang)}: {kb} ({root})")
        ctx.exit()
    origin = msg("version.kb_from_env", lang, env=ENV_VAR) if os.environ.get(ENV_VAR) else ""
    reason = reason.render(lang) if hasattr(reason, "render") else reason
    click.echo(msg("version.kb_unreadable", lang, root=root, reason=reason, origin=origin), err=True)
    ctx.exit(2)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]}, help=help_text("main"))
@click.option("--version", is_flag=True, expose_value=False, is_eager=True, callback=_print_version,
              help=help_text("opt.version"))
@click.option("--no-cache", "no_cache", is_flag=True, help=help_text("opt.no_cache"))
@group_lang_option
def main(no_cache=False):
    """Rule-based advice on Nachqualifizierung: routes to a Berufsabschluss, funding,
    support, and next strategy steps for regional networks."""
    if no_cache:  # read the knowledge base files, neither reading nor writing the user's cache
        os.environ[NO_CACHE_ENV] = "1"


