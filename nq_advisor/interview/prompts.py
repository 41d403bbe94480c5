"""The interview at a terminal: show a question, read the answer, handle the prompt commands.

Commands at every prompt: ``?`` current advice, ``<``/``back`` go back and
change the previous answer, ``ändern``/``change`` change any earlier answer (the
others stay; questions that no longer matter are not asked), empty input or
``skip`` skip (stays unknown), ``help`` the help text, ``quit`` quit.  Invalid
answers are explained and asked again; only checked values reach the session.
"""
from __future__ import annotations

import shutil
import textwrap

import click

from nq_advisor.output.table import field_titles, render
from nq_advisor.interview.answers import AnswerError, parse_answer
from nq_advisor.interview.questions import Question
from nq_advisor.interview.session import InterviewSession
from nq_advisor.interview.texts import text

SKIP = {"", "skip", "überspringen", "ueberspringen"}
BACK = {"<", "back", "zurück", "zurueck"}
SHOW = {"?"}
HELP = {"help", "hilfe"}
QUIT = {"quit", "exit", "beenden", "ende", "abbrechen"}
CHANGE = {"ändern", "aendern", "change"}
_MAX_DECIDES_SHOWN = 3
_MAX_WIDTH = 100


def say(message: str, indent: str = "") -> None:
    """Print ``message`` wrapped to the terminal (at most 100 columns), continuation lines indented."""
    width = min(shutil.get_terminal_size((_MAX_WIDTH, 24)).columns, _MAX_WIDTH)
    click.echo(textwrap.fill(message, width=max(width, 40), initial_indent=indent,
                             subsequent_indent=indent + "  ", break_on_hyphens=False))


def ask_questions(session: InterviewSession) -> bool:
    """Ask until nothing left can change the advice (True) or the user quits (False).

    Ctrl-C and the end of input raise ``click.Abort`` (the command tells them
    apart); the session file is already up to date then, because the session
    writes it after every change.
    """
    lang = session.lang
    say(text("intro", lang, subject=text(f"subject.{session.subject}", lang)))
    say(text("commands", lang))
    undone: dict = {}
    while True:
        question = session.next_question()
        if question is None:
            reply = _done_prompt(session)
            if reply == "back":
                undone = _go_back(session)
                continue
            if reply.startswith("change"):
                change_answer(session, reply.partition(" ")[2])
                continue
            return reply == "finish"
        show_question(question, len(session.history) + 1, undone.get(question.id))
        outcome = _read_answer(session, question)
        if outcome == "quit":
            return False
        if outcome.startswith("change"):
            change_answer(session, outcome.partition(" ")[2])
        undone = _go_back(session) if outcome == "back" else {}


def _read_answer(session: InterviewSession, question: Question) -> str:
    """Prompt until the question is answered, skipped, or left by back/quit."""
    lang = session.lang
    field = session.fields[question.id]
    while True:
        reply = click.prompt(text("answer_prompt", lang), default="", show_default=False)
        command = reply.strip().casefold()
        if command in SKIP:
            session.skip(question.id)
            click.echo(f"  → {text('skipped', lang)}")
            return "skipped"
        if command in BACK:
            if not session.history:
                click.echo(text("back_none", lang))
                continue
            return "back"
        if command in SHOW:
            show_advice(session, text("current_advice", lang))
            continue
        if command in HELP:
            show_help(question)
            continue
        if command in QUIT:
            return "quit"
        if command.split(" ", 1)[0] in CHANGE:
            return "change " + command.partition(" ")[2].strip()
        try:
            value = parse_answer(question, field, reply)
        except AnswerError as error:
            say(text("invalid", lang, text=reply.strip(), reason=error))
            continue
        session.answer(question.id, value)
        click.echo(f"  → {question.label_of(value)}")
        return "answered"


def _done_prompt(session: InterviewSession) -> str:
    lang = session.lang
    click.echo("")
    say(text("done", lang))
    while True:
        reply = click.prompt(text("done_prompt", lang), default="", show_default=False).strip().casefold()
        if reply in BACK and session.history:
            return "back"
        if reply.split(" ", 1)[0] in CHANGE:
            return "change " + reply.partition(" ")[2].strip()
        if reply in SHOW:
            show_advice(session, text("current_advice", lang))
        elif reply in QUIT:
            return "quit"
        elif reply in SKIP:
            return "finish"


def change_answer(session: InterviewSession, choice: str = "") -> None:
    """Change one earlier answer, chosen by number or field; every other answer stays.

    The answers are listed with their numbers; Enter at any point leaves everything as it was.
    An answer that no longer matters after the change is kept (and marked), not asked again.
    """
    lang = session.lang
    answers = session.answers
    if not answers:
        click.echo(text("change_none", lang))
        return
    names = list(answers)
    unused = set(session.unused())
    if not choice:
        click.echo(text("change_head", lang))
        width = len(str(len(names)))
        for index, name in enumerate(names, start=1):
            question = session.question(name)
            mark = f"  ({text('change_unused', lang)})" if name in unused else ""
            click.echo(f"  {str(index).rjust(width)}) {question.title}: {question.label_of(answers[name])}{mark}")
        choice = click.prompt(text("change_prompt", lang), default="", show_default=False).strip()
    if not choice:
        return
    name = names[int(choice) - 1] if choice.isdigit() and 1 <= int(choice) <= len(names) else choice
    if name not in answers:
        say(text("change_unknown", lang, choice=choice, count=len(names)))
        return
    question = session.question(name)
    show_question(question, names.index(name) + 1, answers[name])
    field = session.fields[name]
    while True:
        reply = click.prompt(text("change_answer_prompt", lang), default="", show_default=False)
        if not reply.strip():
            click.echo(f"  → {text('change_kept', lang)}")
            return
        try:
            value = parse_answer(question, field, reply)
        except AnswerError as error:
            say(text("invalid", lang, text=reply.strip(), reason=error))
            continue
        session.answer(name, value)
        click.echo(f"  → {question.label_of(value)}")
        newly_unused = [session.question(n).title for n in session.unused() if n not in unused]
        if newly_unused:
            say(text("change_now_unused", lang, titles=", ".join(newly_unused)), "  ")
        return


def _go_back(session: InterviewSession) -> dict:
    """Undo the last answer; remember it so that the question shows what was answered before."""
    last = session.history[-1] if session.history else None
    name = session.back()
    if name is None:
        return {}
    click.echo(text("back_to", session.lang, title=session.question(name).title))
    return {name: last["value"]} if last and last.get("action") == "answer" else {}


def show_question(question: Question, number: int, previous=None) -> None:
    lang = question.lang
    click.echo("")
    click.echo(click.style(f"{text('question_head', lang, number=number)} · {question.title}", bold=True))
    say(question.text)
    width = len(str(len(question.choices)))
    if question.is_list:
        click.echo(f"  {'0'.rjust(width)}) {text('choice.none_of_these', lang)}")
    for index, choice in enumerate(question.choices, start=1):
        click.echo(f"  {str(index).rjust(width)}) {choice.label}")
    if question.type == "int":
        click.echo(f"  ({question.allowed})")
    if question.is_list:
        click.echo(f"  ({text('hint.list', lang)})")
    if previous is not None:
        click.echo(f"  ({text('known_before', lang, value=question.label_of(previous))})")
    if question.decides:
        say(text("matters_for", lang, refs=_decides_text(question)), "  ")


def _decides_text(question: Question) -> str:
    titles = list(dict.fromkeys(question.decides_titles))
    more = len(titles) - _MAX_DECIDES_SHOWN
    return ", ".join(titles[:_MAX_DECIDES_SHOWN]) + (f" (+{more})" if more > 0 else "")


def show_help(question: Question) -> None:
    lang = question.lang
    click.echo(f"{text('help_head', lang)} – {question.title}")
    say(question.help or text("help_none", lang), "  ")
    if question.choices:
        say(text("allowed_choices", lang, count=len(question.choices)), "  ")
    else:
        say(text("allowed", lang, allowed=question.allowed), "  ")
    say(text("commands", lang), "  ")


def show_advice(session: InterviewSession, heading: str) -> None:
    """The advice on the facts known so far, rendered exactly as ``nq-advisor advise`` does."""
    click.echo("")
    click.echo(click.style(heading, bold=True))
    click.echo(render(session.advice(), "table", field_titles(session.advisor.kb, session.subject, session.lang),
                      kb=session.advisor.kb), nl=False)
