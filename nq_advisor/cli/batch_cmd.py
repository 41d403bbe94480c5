"""``nq-advisor batch INPUT``: advise on many cases (JSON Lines or CSV), in parallel, in input order."""
from __future__ import annotations

import contextlib
import io
import itertools
import os
import shlex
import sys

import click

from nq_advisor.batch.rows import FORMATS as INPUT_FORMATS
from nq_advisor.errors import UsageError, os_reason
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
@click.option("--resume", is_flag=True, help=help_text("batch.resume"))
@as_of_option
@lang_option
@kb_option
def batch(input_path, output_path, fmt, input_format, subject, jobs, summary, strict, resume, as_of, lang, kb_path):
    """Advise on every case in INPUT ('-' = standard input).

    JSON Lines: one {"person": {...}} or {"region": {...}} per line, optionally with "id".
    CSV: a header of fact fields (optionally 'id' and 'subject'), one case per row, lists
    separated by ';', booleans true/false, an empty cell is unknown.

    Invalid rows are reported on standard error with their line number and do not stop the
    run. After Ctrl-C, --resume continues where the output ends. The summary (--summary) goes to standard output when --output names a file, else to
    standard error.
    """
    from nq_advisor.batch.run import BatchSettings, run_batch
    from nq_advisor.batch.report import WRITERS, Tally, summary_text
    from nq_advisor.batch.output import refuse_same_file, resume_point

    from nq_advisor.batch.texts import bt

    if resume and output_path is None:
        raise click.UsageError(bt("output.resume_needs_output", lang))
    refuse_same_file(input_path, output_path, lang)
    advisor = load_advisor(kb_path)
    name = "<stdin>" if input_path == "-" else input_path
    done, has_content = resume_point(output_path, fmt, lang) if resume else (0, False)
    tally = Tally()
    with _open_input(input_path, lang) as stream, _open_output(output_path, resume, lang) as out:
        try:
            rows, total = _rows(stream, name, input_format, advisor.kb, subject, input_path, lang)
            if done:
                rows = (row for row in rows if row.line > done)
                click.echo(_RESUMED[lang].format(line=done), err=True)
            settings = BatchSettings(kb_path, as_of, lang, with_json=fmt == "jsonl", source=name)
            writer = WRITERS[fmt](out, header=False) if fmt == "csv" and has_content else WRITERS[fmt](out)
            with _progress(total, msg("batch.progress", lang)) as progress:
                for result in run_batch(rows, settings, jobs, advisor=advisor):
                    writer.write(result)
                    tally.add(result)
                    for message in result.errors:
                        click.echo(message, err=True)
                    progress(1)
        except KeyboardInterrupt:
            out.flush()
            click.echo("", err=True)
            interrupted = _INTERRUPTED_RESUMED if done else _INTERRUPTED  # this run's cases, not the file's
            click.echo(interrupted[lang].format(cases=tally.cases), err=True)
            if output_path is not None:
                click.echo(_RESUME_HINT[lang].format(command=_resume_command(output_path)), err=True)
            sys.exit(130)
        except BrokenPipeError:
            _stop_quietly()  # whoever read our output went away (e.g. `| head`)
    if not (summary and output_path is None):  # the report on standard error starts with the same line
        click.echo(msg("batch.totals_one" if tally.cases == 1 else "batch.totals", lang, cases=tally.cases, valid=tally.valid, invalid=tally.invalid), err=True)
    if summary:
        click.echo(summary_text(tally, advisor.kb, lang), nl=False, err=output_path is None)
    if strict and tally.invalid:
        sys.exit(2)


_INTERRUPTED = {"de": "Abgebrochen nach {cases} Fällen; die Ausgabe bis dahin ist vollständig.",
                "en": "Interrupted after {cases} cases; the output so far is complete."}
_INTERRUPTED_RESUMED = {"de": "Abgebrochen nach {cases} weiteren Fällen; die Ausgabe bis dahin ist vollständig.",
                        "en": "Interrupted after {cases} more cases; the output so far is complete."}
_RESUME_HINT = {"de": "Fortsetzen mit: {command}", "en": "Resume with: {command}"}
_RESUMED = {"de": "Fortgesetzt: Zeilen bis {line} stehen schon in der Ausgabe.",
            "en": "Resuming: rows up to line {line} are in the output already."}


def _resume_command(output_path: str) -> str:
    """The command line of this run with --resume (as typed, output named)."""
    arguments = [a for a in sys.argv[1:] if a != "--resume"]
    return " ".join(["nq-advisor", *map(shlex.quote, arguments), "--resume"]) if arguments else \
        f"nq-advisor batch INPUT --output {shlex.quote(output_path)} --resume"


def _rows(stream, name, input_format, kb, subject, input_path, lang):
    from nq_advisor.batch.rows import decoded_lines, detect_format, read_csv, read_jsonl

    lines = decoded_lines(stream, lang)
    first = next(lines, "")
    fmt = input_format or detect_format(name, first)
    joined = itertools.chain([first] if first else [], lines)
    total = None
    if input_path != "-" and sys.stderr.isatty():
        total = _count_cases(input_path) - (1 if fmt == "csv" else 0)
    return (read_csv(joined, kb, subject, lang) if fmt == "csv" else read_jsonl(joined)), total


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
    """The input as bytes: it is decoded line by line, so that a bad byte is one bad row."""
    if path == "-":
        yield getattr(sys.stdin, "buffer", None) or io.BytesIO(sys.stdin.read().encode("utf-8"))
        return
    try:
        file = open(path, "rb")
    except FileNotFoundError:
        raise UsageError(t("input.file_not_found", lang, path=path)) from None
    except IsADirectoryError:
        raise UsageError(t("input.is_folder", lang, path=path)) from None
    except OSError as exc:
        from nq_advisor.batch.texts import bt

        raise UsageError(bt("input.cannot_read", lang, path=path, reason=os_reason(exc, lang))) from None
    with file:
        yield file


@contextlib.contextmanager
def _open_output(path: str | None, append: bool = False, lang: str = "de"):
    from nq_advisor.batch.output import open_output

    if path is None:
        yield sys.stdout
        return
    # advice on persons is social data: owner-only (0600), never through a symbolic link
    with open_output(path, append, lang) as file:
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
