from standortkompass.processes.models.actors import (
    ConsentMethod,
    ContactPerson,
    Organisation,
    OrganisationType,
    SizeClass,
)
from standortkompass.processes.models.boards import Board, BoardKind, BoardMember
from standortkompass.processes.models.dates import Event, EventKind, Visibility
from standortkompass.processes.models.news import NewsItem
from standortkompass.processes.models.process import Phase, PhaseState, ProcessStatus, StrategyProcess
from standortkompass.processes.models.site import AccessibilityFeedback, FeedbackStatus, SitePage

__all__ = [
    "AccessibilityFeedback",
    "Board",
    "BoardKind",
    "BoardMember",
    "ConsentMethod",
    "ContactPerson",
    "Event",
    "EventKind",
    "FeedbackStatus",
    "NewsItem",
    "Organisation",
    "OrganisationType",
    "Phase",
    "PhaseState",
    "ProcessStatus",
    "SitePage",
    "SizeClass",
    "StrategyProcess",
    "Visibility",
]
