"""Template filters of the accounts pages."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import template
from django.utils import formats, timezone

from standortkompass.accounts.access import needs_second_factor

register = template.Library()


@register.filter
def in_minutes(delta: dt.timedelta | None) -> int:
    """A waiting time in whole minutes (rounded up; at least 1)."""
    if delta is None:
        return 0
    return max(1, -(-int(delta.total_seconds()) // 60))


@register.filter
def clock_time_after(delta: dt.timedelta | None) -> str:
    """The local clock time (e.g. 14:35) when ``delta`` from now has passed."""
    if delta is None:
        return ""
    return formats.time_format(timezone.localtime(timezone.now() + delta), "H:i")


@register.filter
def second_factor_pending(user: Any) -> bool:
    """Logged in with the password, but the second factor the role needs is still missing: the areas
    behind it are closed, so the layout offers no links to them."""
    return needs_second_factor(user) and not user.is_verified()
