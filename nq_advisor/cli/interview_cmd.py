"""``nq-advisor interview [person|region]``: ask only what can change the advice, then advise."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from nq_advisor.output import handout
from nq_advisor.errors import UsageError, os_reason
from nq_advisor.i18n import LANGUAGES
from nq_advisor.load.inputs import read_document
from nq_advisor.inference.facts import yes_or_no
from nq_advisor.interview import InterviewSession, load_session
from nq_advisor.interview.prompts import ask_questions, show_advice
from nq_advisor.interview.resume import require_new_or_resume
from nq_advisor.private_files import dump_yaml, write_private
from nq_advisor.interview.texts import text
from nq_advisor.cli.helptext import help_text
from nq_advisor.cli.messages import msg
from nq_advisor.cli import language
from nq_advisor.cli.language import IsoDate, current, metavar
from nq_advisor.cli.options import kb_option, load_advisor, max_source_age_option

EXIT_INTERRUPTED = 130


@click.command(help=help_text("interview"))
@click.argument("subject", required=False, type=click.Choice(["person", "region"]))
@click.option("--session", "session_path", metavar=metavar("FILE"), default=None,
              help=help_text("interview.session"))
@click.option("--from", "from_path", metavar=metavar("FILE"), default=None,
              help=help_text("interview.from"))
@click.option("--as-of", "as_of", type=IsoDate(), default=None,
              help=help_text("interview.as_of"))
@click.option("--lang", type=click.Choice(LANGUAGES), default=None,
              help=help_text("interview.lang"))
@max_source_age_option
@kb_option
def interview(subject, session_path, from_path, as_of, lang, max_source_age, kb_path):
    """Ask a counsellor's questions one at a time, only those whose answer can change the advice.

    At the prompt: '?' current advice, '<' or 'back' change the previous answer, 'ändern' or 'change' any
    earlier answer (the others stay), Enter or 'skip' skip,
    'help' help text, 'quit' quit (the session file keeps everything).
    """
    advisor = load_advisor(kb_path)
    session = _open_session(advisor, subject, session_path, from_path, as_of, lang or language.asked())
    session.stale_after_months = max_source_age
    try:
        finished = ask_questions(session)
    except click.Abort as abort:
        if _end_of_input(abort):  # Ctrl-D or the end of piped answers: a normal end, not an interrupt
            click.echo("")
            click.echo(text("end_of_input", session.lang))
            _report_saved(session)
            return
        click.echo("", err=True)
        click.echo(text("interrupted", session.lang), err=True)
        _report_saved(session, err=True)
        sys.exit(EXIT_INTERRUPTED)
    if not finished:
        click.echo(text("quit", session.lang))
        _offer_session_file(session)
        return
    show_advice(session, text("result", session.lang))
    _offer_outputs(session)


def _open_session(advisor, subject, session_path, from_path, as_of, lang) -> InterviewSession:
    if from_path == "-":
        raise UsageError(msg("session.from_stdin", lang or current()))
    if session_path and require_new_or_resume(session_path, lang or current()):
        if from_path:
            raise UsageError(msg("session.exists", lang or current(), path=session_path))
        session = load_session(advisor, session_path, lang or current())
        if subject and subject != session.subject:
            raise UsageError(msg("session.other_subject", lang or session.lang, path=session_path,
                                 found=session.subject, wanted=subject))
        if as_of or lang:
            session.as_of = as_of or session.as_of
            session.lang = lang or session.lang
            session.save()
        click.echo(text("resumed", session.lang, answered=sum(e["action"] == "answer" for e in session.history),
                        skipped=len(session.skipped)))
        return session
    facts = None
    if from_path:
        document, name = read_document(from_path, lang or current())
        from_subject, facts = advisor.parse(document, lang or current(), name)
        if subject and subject != from_subject:
            raise UsageError(msg("session.from_other_subject", lang or current(), path=from_path,
                                 found=from_subject, wanted=subject))
        subject = from_subject
    session = InterviewSession(advisor, subject or "person", facts=facts, as_of=as_of, lang=lang or current())
    if session_path:
        session.save(session_path)
    return session


def _end_of_input(abort: click.Abort) -> bool:
    """True when click.prompt gave up because the input ended (EOFError), not because of Ctrl-C.

    click turns both into ``Abort`` (``raise Abort() from None`` inside its ``except``); Python keeps the
    original exception as ``__context__`` even so, which is what tells the two apart.
    """
    return isinstance(abort.__context__, EOFError)


def _report_saved(session: InterviewSession, err: bool = False) -> None:
    if session.path is not None:
        click.echo(text("saved_session", session.lang, path=session.path), err=err)
    else:
        click.echo(text("not_saved", session.lang), err=err)


def _offer_session_file(session: InterviewSession) -> None:
    """On 'quit': a session with a file is saved already; otherwise offer to name one."""
    if session.path is None:
        path = _ask_path("ask_session_path", session.lang)
        if path is not None and _write(path, dump_yaml(session.to_document()), session.lang):
            session.path = Path(path)
    _report_saved(session)


def _offer_outputs(session: InterviewSession) -> None:
    """Offer the facts (an input file for 'advise') and a Markdown handout, each to a path the user names."""
    lang = session.lang
    path = _ask_path("ask_facts_path", lang)
    if path is not None:
        _write(path, dump_yaml(session.facts_document()), lang)
    path = _ask_path("ask_handout_path", lang)
    if path is not None:
        _write(path, handout.render(session.advice(), session.advisor.kb, "markdown"), lang)


def _ask_path(key: str, lang: str) -> str | None:
    """A path the user names, or None (empty answer, end of input)."""
    try:
        while True:
            reply = click.prompt(text(key, lang), default="", show_default=False).strip()
            if not reply:
                return None
            if not Path(reply).exists() or _confirm(text("overwrite", lang, path=reply), lang):
                return reply
    except click.Abort:
        click.echo("")
        return None


def _confirm(question: str, lang: str) -> bool:
    """A yes/no question in the user's language ('[j/N]' or '[y/N]'), answered with any yes or no word
    a fact file accepts (ja, j, yes, y, nein, n, no ...); Enter means no."""
    while True:
        reply = click.prompt(f"{question} [{'j/N' if lang == 'de' else 'y/N'}]", default="", show_default=False)
        answer = yes_or_no(reply) if reply.strip() else False
        if answer is not None:
            return answer
        click.echo(text("yes_or_no", lang))


def _write(path: str, content: str, lang: str) -> bool:
    try:
        write_private(path, content)
    except OSError as exc:
        click.echo(text("write_failed", lang, path=path, reason=os_reason(exc, lang)), err=True)
        return False
    click.echo(text("written", lang, path=path))
    return True


def register(group: click.Group) -> None:
    group.add_command(interview)
