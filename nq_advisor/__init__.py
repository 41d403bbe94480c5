"""nq-advisor: rule-based advice on Nachqualifizierung for persons and regional networks."""
from nq_advisor.advice.result import Advice, NotRecommended, Recommendation, Undecided
from nq_advisor.advisor import Advisor
from nq_advisor.errors import InputError, KnowledgeBaseError, NqAdvisorError, UsageError

__all__ = ["Advisor", "Advice", "Recommendation", "NotRecommended", "Undecided",
           "NqAdvisorError", "InputError", "KnowledgeBaseError", "UsageError"]
__version__ = "0.1.0"
