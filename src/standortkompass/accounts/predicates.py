"""Named predicates shared by every app's rules.py.

A predicate receives the user and a process (or an object that has ``process``) and asks
which role the user holds in that process. Roles are read once per user and request.
"""

from __future__ import annotations

from typing import Any

import rules

from standortkompass.accounts.models import Membership, Role
from standortkompass.accounts.selectors import installation_admin_memberships


def process_of(obj: Any) -> Any:
    """The strategy process an object belongs to (the object itself if it is one)."""
    from standortkompass.processes.models import StrategyProcess

    if obj is None or isinstance(obj, StrategyProcess):
        return obj
    if hasattr(obj, "process"):
        return obj.process
    if hasattr(obj, "board"):
        return obj.board.process
    if hasattr(obj, "organisation"):
        return obj.organisation.process
    return None


def roles_of(user: Any) -> dict[int, str]:
    """``{process_id: role}`` for the user, cached on the user object."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return {}
    cached = getattr(user, "_standortkompass_roles", None)
    if cached is None:
        cached = dict(Membership.objects.filter(user=user).values_list("process_id", "role"))
        user._standortkompass_roles = cached
    return cached


def role_in(user: Any, obj: Any) -> str | None:
    process = process_of(obj)
    if process is None:
        return None
    return roles_of(user).get(process.pk)


def _has_role(*allowed: Role) -> rules.Predicate:
    names = "_or_".join(role.value for role in allowed)

    @rules.predicate(name=f"has_role_{names}")
    def predicate(user: Any, obj: Any = None) -> bool:
        return role_in(user, obj) in allowed

    return predicate  # type: ignore[no-any-return]


is_superuser = rules.is_superuser
is_process_admin = _has_role(Role.ADMIN)
is_process_editor = _has_role(Role.EDITOR)
is_board_member = _has_role(Role.BOARD)
is_partner = _has_role(Role.PARTNER)
is_company = _has_role(Role.COMPANY)
has_any_role = _has_role(*Role)


@rules.predicate
def is_admin_somewhere(user: Any) -> bool:
    """Administration in a process that grants installation-wide rights (``installation_admin_memberships``)."""
    if Role.ADMIN not in roles_of(user).values():
        return False
    cached = getattr(user, "_standortkompass_installation_admin", None)
    if cached is None:
        cached = installation_admin_memberships().filter(user=user).exists()
        user._standortkompass_installation_admin = cached
    return bool(cached)


@rules.predicate
def has_a_role_somewhere(user: Any) -> bool:
    return bool(roles_of(user))


# Composite predicates the apps build their rules from.
can_administer = is_superuser | is_process_admin
can_edit = can_administer | is_process_editor
can_see_board_matters = can_edit | is_board_member
