from standortkompass.strategy.models.elements import (
    PARENT,
    SERVES,
    WITH_INDICATORS,
    Element,
    ElementKind,
    FundingSource,
    Milestone,
    ProjectSheet,
    ProjectStatus,
    Strategy,
)
from standortkompass.strategy.models.evidence import EvidenceLink
from standortkompass.strategy.models.indicators import ActualOrigin, IndicatorActual, StrategyIndicator
from standortkompass.strategy.models.versions import (
    CommentDisposition,
    ConsultationComment,
    ConsultationRound,
    StrategyVersion,
    VersionState,
)

__all__ = [
    "PARENT",
    "SERVES",
    "WITH_INDICATORS",
    "ActualOrigin",
    "CommentDisposition",
    "ConsultationComment",
    "ConsultationRound",
    "Element",
    "ElementKind",
    "EvidenceLink",
    "FundingSource",
    "IndicatorActual",
    "Milestone",
    "ProjectSheet",
    "ProjectStatus",
    "Strategy",
    "StrategyIndicator",
    "StrategyVersion",
    "VersionState",
]
