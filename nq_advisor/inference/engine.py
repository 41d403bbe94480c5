"""The one adapter between nq-advisor and experta: run a case, return what fired.

An :class:`InferenceEngine` owns one experta engine instance and belongs to one
thread; it is reused across cases with ``reset()``.
"""
from __future__ import annotations

import datetime
import threading

from nq_advisor.inference.compiler import AS_OF_FIELD, CaseContext, RuleSetCompiler, Subject
from nq_advisor.inference.facts import with_absent_meanings
from nq_advisor.load.model import KnowledgeBase


class CompiledKnowledgeBase:
    """Engine classes for every subject, each built once per knowledge base when first needed."""

    def __init__(self, kb: KnowledgeBase):
        self.kb = kb
        self.context = CaseContext()
        self._classes: dict[str, type] = {}
        self._lock = threading.Lock()

    def engine_class(self, subject: str) -> type:
        """The engine class of ``subject``, compiled on first use (a command needs one subject)."""
        found = self._classes.get(subject)
        if found is None:
            with self._lock:
                found = self._classes.get(subject)
                if found is None:
                    found = self._classes[subject] = RuleSetCompiler(self.kb, subject, self.context).build_engine_class()
        return found

    @property
    def engine_classes(self) -> dict[str, type]:
        """Every subject's engine class."""
        return {subject: self.engine_class(subject) for subject in self.kb.fields}

    def new_engine(self, subject: str) -> "InferenceEngine":
        return InferenceEngine(self, subject)


class InferenceEngine:
    def __init__(self, compiled: CompiledKnowledgeBase, subject: str):
        self.compiled = compiled
        self.subject = subject
        self._engine = compiled.engine_class(subject)()

    def run(self, facts: dict, as_of: datetime.date) -> set[str]:
        """Ids of the rules (recommending and deriving) that fired for these facts on this date."""
        context = self.compiled.context
        context.set_date(as_of)
        engine = self._engine
        engine.fired = set()
        engine.reset()
        facts = with_absent_meanings(self.compiled.kb, self.subject, facts)
        engine.declare(Subject(**facts, **{AS_OF_FIELD: as_of}))
        engine.run()
        return set(engine.fired)
