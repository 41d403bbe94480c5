"""``nq-advisor region ...``: track a region's progress, draw its network, report its progress."""
from __future__ import annotations

import datetime

import click

from nq_advisor.errors import InputError, UsageError
from nq_advisor.load.inputs import read_document
from nq_advisor.region.diagram import build_picture, to_html as diagram_html, to_mermaid, to_svg
from nq_advisor.region.history import load_history
from nq_advisor.region.report import to_html as report_html, to_markdown as report_markdown
from nq_advisor.region.track import render_track, track
from nq_advisor.cli.helptext import help_text
from nq_advisor.cli.messages import msg
from nq_advisor.cli.language import IsoDate, metavar
from nq_advisor.cli.options import format_option, group_lang_option, kb_option, lang_option, load_advisor


@click.group(help=help_text("region"))
@group_lang_option
def region():
    """Regional network planner: progress history, network diagram, progress report."""


def _region_facts(advisor, file: str, lang: str) -> dict:
    document, name = read_document(file, lang)
    subject, facts = advisor.parse(document, lang, name)
    if subject != "region":
        raise InputError([msg("region.expected_region", lang, subject=subject)], name)
    return facts


@region.command("track", help=help_text("region.track"))
@click.argument("file", metavar=metavar("FILE"))
@click.option("--history", "history_path", required=True, metavar=metavar("HISTORY"),
              help=help_text("region.history"))
@click.option("--date", "date", type=IsoDate(), default=None,
              help=help_text("region.date"))
@lang_option
@kb_option
def track_cmd(file, history_path, date, lang, kb_path):
    """Add the region facts in FILE as a dated snapshot to HISTORY; show what was done since the
    last snapshot and what is still open."""
    advisor = load_advisor(kb_path)
    facts = _region_facts(advisor, file, lang)
    day = date or datetime.date.today()
    result = track(advisor, facts, history_path, day, lang)
    click.echo(render_track(result, advisor, lang), nl=False)


@region.command("report", help=help_text("region.report"))
@click.argument("history_path", metavar=metavar("HISTORY"))
@format_option(("markdown", "html"), "markdown")
@lang_option
@kb_option
def report_cmd(history_path, fmt, lang, kb_path):
    """Print the progress report of HISTORY with a chart of steps done over time."""
    advisor = load_advisor(kb_path)
    history = load_history(history_path, advisor, lang, must_exist=True)
    if not history.snapshots:
        raise UsageError(msg("region.no_snapshots", lang, path=history_path))
    text = report_html(advisor, history, lang) if fmt == "html" else report_markdown(advisor, history, lang)
    click.echo(text, nl=False)


@region.command("diagram", help=help_text("region.diagram"))
@click.argument("file", metavar=metavar("FILE"))
@format_option(("mermaid", "svg", "html"), "mermaid")
@lang_option
@kb_option
def diagram_cmd(file, fmt, lang, kb_path):
    """Draw the steering and operative networks of the region in FILE (a region file, or a
    history file: its latest snapshot), with missing partners marked."""
    advisor = load_advisor(kb_path)
    document, name = read_document(file, lang)
    if isinstance(document, dict) and "snapshots" in document:
        history = load_history(file, advisor, lang, must_exist=True)
        if not history.snapshots:
            raise UsageError(msg("region.history_empty", lang, path=file))
        facts = history.last.facts
    else:
        facts = _region_facts(advisor, file, lang)
    picture = build_picture(advisor.kb, facts, lang)
    render = {"mermaid": to_mermaid, "svg": to_svg, "html": diagram_html}[fmt]
    click.echo(render(picture, lang), nl=False)


def register(group: click.Group) -> None:
    group.add_command(region)
