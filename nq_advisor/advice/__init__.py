"""The advice and its explanation.

``result`` is the advice model, ``assemble`` builds it from what fired, ``progress`` finds a
region's steps in place (``done``), ``wording`` and ``distance`` put conditions into words (from the
knowledge base's ``says``) and say how far a case is from them, ``why_not`` words reasons for the
client or the counsellor in one line or in full, ``explain`` and ``whatif`` answer 'why' and
'what if'. May import ``load`` and ``inference``.
"""
from nq_advisor.advice.result import KIND_ORDER, Advice, NotRecommended, Recommendation, Undecided

__all__ = ["KIND_ORDER", "Advice", "NotRecommended", "Recommendation", "Undecided"]
