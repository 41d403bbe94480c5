"""The advice and its explanation.

``result`` is the advice model, ``assemble`` builds it from what fired, ``wording`` and
``distance`` put conditions into words and say how far a case is from them, ``explain`` and
``whatif`` answer 'why' and 'what if'. May import ``load`` and ``inference``.
"""
from nq_advisor.advice.result import KIND_ORDER, Advice, NotRecommended, Recommendation, Undecided

__all__ = ["KIND_ORDER", "Advice", "NotRecommended", "Recommendation", "Undecided"]
