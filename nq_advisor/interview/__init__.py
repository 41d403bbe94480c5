"""Interactive question sessions that ask only what can still change the advice.

``Advisor.interview(subject)`` returns an :class:`InterviewSession`; the
terminal front end is ``nq-advisor interview`` (``prompts.py``).
"""
from .questions import Choice, Question
from .resume import load_session
from .session import InterviewSession

__all__ = ["InterviewSession", "Question", "Choice", "load_session"]
