"""Interactive question sessions that ask only what can still change the advice.

``Advisor.interview(subject)`` returns an :class:`InterviewSession`; the
terminal front end is ``nq-advisor interview`` (``prompts.py``).
"""
from nq_advisor.interview.questions import Choice, Question
from nq_advisor.interview.resume import load_session
from nq_advisor.interview.session import InterviewSession

__all__ = ["InterviewSession", "Question", "Choice", "load_session"]
