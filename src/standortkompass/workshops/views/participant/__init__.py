"""The participant's pages (phone first, docs/workshops.md): type the join code, join with one's stakeholder
group, then only what the current phase asks.

Every action is a plain form POST that redirects back to the session's page (post/redirect/get); a refused one
(over budget, phase closed, empty card) shows the page again with the error summary focused, status 400. With
JavaScript, ``static/workshops/live.js`` fetches the phase's region (``workshops:fragment``) when the session
changes and announces it politely. Who a participant is comes from the cookie set when they join
(``selectors.participants``); nobody gets a cookie from reading.
"""

from standortkompass.workshops.views.participant.actions import (
    canvas,
    card,
    cluster,
    commitment,
    pairwise,
    points,
    profile,
    ranking,
    rating,
)
from standortkompass.workshops.views.participant.pages import (
    fragment,
    join,
    leave,
    live_workshop_calls_to_action,
    register_calls_to_action,
    session,
    state,
)

__all__ = [
    "canvas",
    "card",
    "cluster",
    "commitment",
    "fragment",
    "join",
    "leave",
    "live_workshop_calls_to_action",
    "pairwise",
    "points",
    "profile",
    "ranking",
    "rating",
    "register_calls_to_action",
    "session",
    "state",
]
