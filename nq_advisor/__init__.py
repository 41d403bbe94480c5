"""nq-advisor: rule-based advice on Nachqualifizierung for persons and regional networks."""
__version__ = "0.1.0"  # first: the advisor (imported below) stamps it into every advice

from nq_advisor.advice.result import Advice, NotRecommended, Recommendation, Undecided
from nq_advisor.advisor import Advisor
from nq_advisor.errors import InputError, KnowledgeBaseError, NqAdvisorError, UsageError

__all__ = ["Advisor", "Advice", "Recommendation", "NotRecommended", "Undecided",
           "NqAdvisorError", "InputError", "KnowledgeBaseError", "UsageError"]
