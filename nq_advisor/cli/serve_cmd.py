"""``nq-advisor serve``: the HTTP API and the counsellor's pages, on waitress.

waitress is a pure-Python production WSGI server (also on the Windows servers common in
public administration); the engine answers in milliseconds, so a thread pool suits it.
Flask and waitress come with the extra ``web``; without them this command says how to
install them (exit 2). Listening beyond loopback needs access tokens.
"""
from __future__ import annotations

import logging
import os
import signal
import socket
import sys

import click

from nq_advisor.errors import UsageError
from nq_advisor.i18n import translate
from nq_advisor.cli.helptext import help_text
from nq_advisor.cli.language import current, metavar
from nq_advisor.cli.options import group_lang_option, kb_option, load_advisor

_HELP = {
    "no_fork": {"de": "--workers über 1 braucht ein Unix-System (fork); hier nur --workers 1.",
                "en": "--workers above 1 needs a Unix system (fork); use --workers 1 here."},
    "retention": {"de": "Befragungen, die so viele Tage nicht geändert wurden, werden gelöscht.",
                  "en": "Interviews unchanged for this many days are deleted."},
    "missing": {"de": "nq-advisor serve braucht Flask und waitress: pip install 'nq-advisor[web]' "
                      "(im Quellordner: make serve)",
                "en": "nq-advisor serve needs Flask and waitress: pip install 'nq-advisor[web]' "
                      "(in a checkout: make serve)"},
    "listening": {"de": "nq-advisor unter http://{host}:{port}/ (API: /api, Daten: {data}); Strg-C beendet.",
                  "en": "nq-advisor at http://{host}:{port}/ (API: /api, data: {data}); Ctrl-C stops."},
}


def _h(key: str, **values) -> str:
    return translate(_HELP, key, current(), **values)  # the language of this invocation


@click.command(help=help_text("serve.serve"))
@group_lang_option
@click.option("--host", default="127.0.0.1", metavar=metavar("ADDRESS"), show_default=True, help=help_text("serve.host"))
@click.option("--port", type=click.IntRange(0, 65535), metavar=metavar("PORT"), default=8080, show_default=True, help=help_text("serve.port"))
@click.option("--data", "data_dir", metavar="DIR", default=None, help=help_text("serve.data"))
@click.option("--token-file", "token_file", metavar="FILE", default=None, help=help_text("serve.token_file"))
@click.option("--threads", type=click.IntRange(1, 64), metavar=metavar("N"), default=8, show_default=True, help=help_text("serve.threads"))
@click.option("--workers", type=click.IntRange(1, 32), metavar=metavar("N"), default=1, show_default=True, help=help_text("serve.workers"))
@click.option("--retention-days", "retention_days", type=click.IntRange(min=1), metavar=metavar("DAYS"), default=30, show_default=True,
              help=help_text("serve.retention"))
@kb_option
def serve(host, port, data_dir, token_file, threads, workers, retention_days, kb_path):
    """Serve the HTTP API and the pages (waitress)."""
    try:
        import flask  # noqa: F401
        import waitress
    except ImportError:
        raise UsageError(_h("missing")) from None
    from nq_advisor.web.app import create_app
    from nq_advisor.web.settings import Settings, default_data_dir, read_tokens

    settings = Settings(host=host, port=port, data_dir=data_dir or default_data_dir(),
                        tokens=read_tokens(token_file, lang=current()), retention_days=retention_days,
                        kb_path=kb_path)
    settings.check_exposure(current())
    if workers > 1 and not hasattr(os, "fork"):
        raise UsageError(_h("no_fork"))
    advisor = load_advisor(kb_path)
    _log_to_stderr()
    options = dict(threads=threads, ident="nq-advisor", max_request_body_size=settings.max_body_bytes,
                   clear_untrusted_proxy_headers=True)
    if workers == 1:
        app = create_app(settings, advisor=advisor)
        click.echo(_h("listening", host=host, port=port, data=settings.data_dir), err=True)
        waitress.serve(app, host=host, port=port, **options)
        return
    create_app(settings, advisor=advisor)  # fail here, before forking, on a bad data folder
    listener = _listen(host, port)
    click.echo(_h("listening", host=host, port=listener.getsockname()[1], data=settings.data_dir), err=True)
    _prefork(workers, lambda: waitress.serve(create_app(settings, advisor=advisor), sockets=[listener], **options))


def _listen(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    listener = socket.socket(family, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind((host.strip("[]"), port))
    listener.listen(1024)
    return listener


def _prefork(workers: int, serve_forever) -> None:
    """Fork ``workers`` processes that accept on one socket; stop them all on SIGTERM/SIGINT.

    The knowledge base is loaded once before the fork; each worker makes its own app (and
    so its own database connections) after it. The store is safe for several processes
    (SQLite WAL, one transaction per answer). On Linux a worker dies with the parent, so
    that a killed server leaves no orphan serving.
    """
    children = []
    for _ in range(workers):
        pid = os.fork()
        if pid == 0:
            _die_with_parent()
            try:
                serve_forever()
            finally:
                os._exit(0)
        children.append(pid)

    def stop(signum, frame):
        for child in children:
            try:
                os.kill(child, signal.SIGTERM)
            except ProcessLookupError:
                pass

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    for child in children:
        try:
            os.waitpid(child, 0)
        except ChildProcessError:
            pass


def _die_with_parent() -> None:
    try:
        import ctypes
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass  # not Linux: a killed parent leaves its workers, which a service manager stops


def _log_to_stderr() -> None:
    """The server's own log (route patterns, status, time) and waitress's; nothing else.

    experta logs every fact it matches at INFO (its watchers): that would put interview
    answers into the log, so its loggers stay at WARNING, as does the root logger.
    """
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    for name in ("nq_advisor.web", "waitress"):
        logger = logging.getLogger(name)
        logger.setLevel(logging.INFO)
        logger.addHandler(handler)
        logger.propagate = False
    logging.getLogger("experta").setLevel(logging.WARNING)


def register(group: click.Group) -> None:
    group.add_command(serve)
