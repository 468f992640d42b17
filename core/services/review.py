"""The review vocabulary shared by curated links and new entries: what each action does."""

from django.utils.translation import gettext_lazy

from core.models import ReviewState

# action -> (states it may start from, state it leads to)
TRANSITIONS = {
    "approve": ({ReviewState.PROPOSED}, ReviewState.APPROVED),
    "reject": ({ReviewState.PROPOSED}, ReviewState.REJECTED),
    "withdraw": ({ReviewState.PROPOSED, ReviewState.APPROVED}, ReviewState.WITHDRAWN),
}

OUTCOMES = {
    "approve": gettext_lazy("approved"),
    "reject": gettext_lazy("rejected"),
    "withdraw": gettext_lazy("withdrawn"),
}
