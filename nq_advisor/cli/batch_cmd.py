"""``nq-advisor batch INPUT``: advise on many cases (JSON Lines or CSV), in parallel, in input order."""
from __future__ import annotations

import contextlib
import io
import os
import sys

import click

from nq_advisor.batch.rows import FORMATS as INPUT_FORMATS
from nq_advisor.errors import InputError, UsageError
from nq_advisor.i18n import t
from nq_advisor.cli.messages import msg
from nq_advisor.cli.helptext import help_text
from nq_advisor.cli.language import metavar
from nq_advisor.cli.options import as_of_option, kb_option, lang_option, load_advisor


@click.command(help=help_text("batch"))
@click.argument("input_path", metavar=metavar("INPUT"))
@click.option("--output", "-o", "output_path", metavar=metavar("FILE"), default=None,
              help=help_text("batch.output"))
@click.option("--format", "fmt", type=click.Choice(("jsonl", "csv")), default="jsonl", show_default=True,
              help=help_text("batch.format"))
@click.option("--input-format", type=click.Choice(INPUT_FORMATS), default=None,
              help=help_text("batch.input_format"))
@click.option("--subject", type=click.Choice(("person", "region")), default=None,
              help=help_text("batch.subject"))
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None, metavar="N",
              help=help_text("batch.jobs"))
@click.option("--summary", is_flag=True,
              help=help_text("batch.summary"))
@click.option("--strict", is_flag=True, help=help_text("batch.strict"))
@as_of_option
@lang_option
@kb_option
def batch(input_path, output_path, fmt, input_format, subject, jobs, summary, strict, as_of, lang, kb_path):
    """Advise on every case in INPUT ('-' = standard input).

    JSON Lines: one {"person": {...}} or {"region": {...}} per line, optionally with "id".
    CSV: a header of fact fields (optionally 'id' and 'subject'), one case per row, lists
    separated by ';', booleans true/false, an empty cell is unknown.

    Invalid rows are reported on standard error with their line number and do not stop the
    run. The summary (--summary) goes to standard output when --output names a file, else to
    standard error.
    """
    from nq_advisor.batch.run import BatchSettings, run_batch
    from nq_advisor.batch.report import WRITERS, Tally, summary_text

    advisor = load_advisor(kb_path)
    name = "<stdin>" if input_path == "-" else input_path
    tally = Tally()
    with _open_input(input_path, lang) as stream, _open_output(output_path) as out:
        try:
            rows, total = _rows(stream, name, input_format, advisor.kb, subject, input_path)
            settings = BatchSettings(kb_path, as_of, lang, with_json=fmt == "jsonl", source=name)
            writer = WRITERS[fmt](out)
            with _progress(total, msg("batch.progress", lang)) as progress:
                for result in run_batch(rows, settings, jobs, advisor=advisor):
                    writer.write(result)
                    tally.add(result)
                    for message in result.errors:
                        click.echo(message, err=True)
                    progress(1)
        except UnicodeDecodeError:
            raise InputError([t("input.not_utf8", lang)], name) from None
        except BrokenPipeError:
            _stop_quietly()  # whoever read our output went away (e.g. `| head`)
    if not (summary and output_path is None):  # the report on standard error starts with the same line
        click.echo(msg("batch.totals", lang, cases=tally.cases, valid=tally.valid, invalid=tally.invalid), err=True)
    if summary:
        click.echo(summary_text(tally, advisor.kb, lang), nl=False, err=output_path is None)
    if strict and tally.invalid:
        sys.exit(2)


def _rows(stream, name, input_format, kb, subject, input_path):
    from nq_advisor.batch.rows import detect_format, read_csv, read_jsonl

    first = stream.readline()
    fmt = input_format or detect_format(name, first)
    joined = _Prepend(first, stream)
    total = None
    if input_path != "-" and sys.stderr.isatty():
        total = _count_cases(input_path) - (1 if fmt == "csv" else 0)
    return (read_csv(joined, kb, subject) if fmt == "csv" else read_jsonl(joined)), total


class _Prepend(io.TextIOBase):
    """A text stream with one already-read line put back in front (lets us sniff the format of stdin)."""

    def __init__(self, first: str, rest):
        self._first, self._rest = first, rest

    def readline(self, size=-1):
        if self._first is not None:
            line, self._first = self._first, None
            return line
        return self._rest.readline()

    def __iter__(self):
        return self

    def __next__(self):
        line = self.readline()
        if not line:
            raise StopIteration
        return line


def _stop_quietly() -> None:
    """Exit like other Unix tools when standard output is closed: no traceback, no flush error."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    sys.exit(1)


def _count_cases(path: str) -> int:
    """Non-blank lines of the file, for the progress bar only (a quick streaming pass)."""
    count = 0
    with open(path, "rb") as file:
        for line in file:
            count += bool(line.strip())
    return count


@contextlib.contextmanager
def _open_input(path: str, lang: str):
    if path == "-":
        yield sys.stdin
        return
    try:
        file = open(path, encoding="utf-8", newline="")
    except FileNotFoundError:
        raise UsageError(t("input.file_not_found", lang, path=path)) from None
    except IsADirectoryError:
        raise UsageError(t("input.is_folder", lang, path=path)) from None
    with file:
        yield file


@contextlib.contextmanager
def _open_output(path: str | None):
    if path is None:
        yield sys.stdout
        return
    # advice on persons is social data: the output is created readable by its owner only
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8", newline="") as file:
        yield file


@contextlib.contextmanager
def _progress(total: int | None, label: str):
    """A progress bar on standard error, only when it is a terminal (never in pipes or logs)."""
    if total is None or not sys.stderr.isatty():
        yield lambda n: None
        return
    with click.progressbar(length=total, file=sys.stderr, label=label, show_pos=True) as bar:
        done = [0]

        def advance(count: int) -> None:
            done[0] += count
            if done[0] >= 100:  # redrawing per case would cost more than a fast case
                bar.update(done[0])
                done[0] = 0

        yield advance
        bar.update(done[0])


def register(group: click.Group) -> None:
    group.add_command(batch)
