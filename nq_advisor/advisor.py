"""The Python API: load a knowledge base once, advise on many cases."""
from __future__ import annotations

import datetime
import os
import threading

from nq_advisor.advice.result import Advice
from nq_advisor.advice.assemble import STALE_AFTER_MONTHS, build_advice
from nq_advisor.errors import UsageError
from nq_advisor.inference.facts import parse_facts
from nq_advisor.i18n import LANGUAGES
from nq_advisor.load.loader import load_knowledge_base
from nq_advisor.load.model import KnowledgeBase


class Advisor:
    """Rules compiled once per knowledge base; one experta engine per thread, reused per case.

    An Advisor may be shared between threads: each thread gets its own engine.
    """

    def __init__(self, kb: KnowledgeBase):
        self.kb = kb
        self._compiled = None
        self._lock = threading.Lock()
        self._local = threading.local()

    @property
    def compiled(self):
        """The experta engine classes (imported and compiled on the first case: a command that
        only lists knowledge, or ``--help``, never imports experta)."""
        if self._compiled is None:
            with self._lock:
                if self._compiled is None:
                    from nq_advisor.inference.engine import CompiledKnowledgeBase

                    self._compiled = CompiledKnowledgeBase(self.kb)
        return self._compiled

    @classmethod
    def load(cls, path: str | os.PathLike | None = None, cache: bool = True, lang: str = "de") -> "Advisor":
        """The bundled knowledge base, or the one at ``path`` (a folder with knowledge/ and rules/).

        ``cache=False`` (or ``NQ_ADVISOR_NO_CACHE=1``) reads the files even when the user's
        cache holds this knowledge base (see :mod:`nq_advisor.load.cache`). A knowledge base with
        problems raises KnowledgeBaseError worded in ``lang`` (``exc.text(other_lang)`` rewords it).
        """
        return cls(load_knowledge_base(path, use_cache=cache, lang=lang))

    def _engine(self, subject: str):
        engines = getattr(self._local, "engines", None)
        if engines is None:
            engines = self._local.engines = {}
        if subject not in engines:
            engines[subject] = self.compiled.new_engine(subject)
        return engines[subject]

    def parse(self, document, lang: str = "de", source: str = "input") -> tuple[str, dict]:
        """Validate an input document; return (subject, facts) or raise InputError (a ValueError)."""
        return parse_facts(document, self.kb, lang, source)

    def advise(self, document, as_of: datetime.date | None = None, lang: str = "de",
               source: str = "input", stale_after_months: int = STALE_AFTER_MONTHS) -> Advice:
        """Advice for ``{"person": {...}}`` or ``{"region": {...}}`` as the law stood on ``as_of``."""
        subject, facts = self.parse(document, lang, source)
        return self.advise_facts(subject, facts, as_of, lang, stale_after_months)

    def advise_facts(self, subject: str, facts: dict, as_of: datetime.date | None = None, lang: str = "de",
                     stale_after_months: int = STALE_AFTER_MONTHS) -> Advice:
        """Advice for already validated facts (see :meth:`parse`)."""
        if lang not in LANGUAGES:
            # the language asked for is not known, so the message is in the default language
            raise UsageError(f"unbekannte Sprache '{str(lang)[:40]}'; erlaubt: {', '.join(LANGUAGES)}")
        as_of = as_of or datetime.date.today()
        fired = self._engine(subject).run(facts, as_of)
        advice = build_advice(self.kb, subject, facts, as_of, fired, lang, stale_after_months)
        advice.meta = self.meta()
        return advice

    def meta(self) -> dict:
        """What produces this advisor's advice: the nq-advisor version and the knowledge base's content hash."""
        from nq_advisor import __version__

        return {"version": __version__, "knowledge_base": self.kb.content_hash}

    def interview(self, subject: str, facts: dict | None = None, as_of: datetime.date | None = None,
                  lang: str = "de"):
        """A question session for ``subject`` ("person" or "region"), optionally starting from known facts.

        ``next_question()`` returns only questions whose answer can still change the advice.
        """
        from nq_advisor.interview import InterviewSession  # the interview builds on this module

        return InterviewSession(self, subject, facts=facts, as_of=as_of, lang=lang)
