"""The requests the access decorators hand to a view, typed for what the gate has made sure of.

A view behind ``login_and_second_factor_required`` or ``installation_permission_required``
takes a :class:`UserRequest`; a view behind ``process_permission_required`` takes a
:class:`ProcessRequest`. The view then reaches ``request.user`` and ``request.process``
without casts.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import HttpRequest

from standortkompass.accounts.models import User

if TYPE_CHECKING:
    from standortkompass.processes.models import StrategyProcess


class UserRequest(HttpRequest):
    """A request of a logged-in user who has passed the second factor where it is required."""

    user: User


class ProcessRequest(UserRequest):
    """A request for one process: ``process`` is the process of the URL, and the user's role allows the view."""

    process: StrategyProcess
