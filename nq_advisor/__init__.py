"""nq-advisor: rule-based advice on Nachqualifizierung for persons and regional networks."""
from .advice import Advice, NotRecommended, Recommendation, Undecided
from .advisor import Advisor
from .errors import InputError, KnowledgeBaseError, NqAdvisorError, UsageError

__all__ = ["Advisor", "Advice", "Recommendation", "NotRecommended", "Undecided",
           "NqAdvisorError", "InputError", "KnowledgeBaseError", "UsageError"]
__version__ = "0.1.0"
