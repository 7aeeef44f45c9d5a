from standortkompass.monitoring.models.rounds import (
    ProjectReport,
    ReminderSent,
    ReportingRound,
    ReportSource,
)

__all__ = ["ProjectReport", "ReminderSent", "ReportSource", "ReportingRound"]
