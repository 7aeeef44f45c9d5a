"""Members of a process: change a role, remove a member, disable an account."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from standortkompass.accounts.models import Membership, Role, User
from standortkompass.accounts.selectors import account_can_be_disabled
from standortkompass.accounts.services.sessions import user_sessions_end
from standortkompass.audit.services import audit_record
from standortkompass.processes.models import StrategyProcess


def _ensure_another_admin(membership: Membership) -> None:
    """A process must keep at least one member with the Administration role."""
    others = (
        Membership.objects.filter(process=membership.process, role=Role.ADMIN, user__is_active=True)
        .exclude(pk=membership.pk)
        .exists()
    )
    if membership.role == Role.ADMIN and not others:
        raise ValidationError(_("A process needs at least one member with the Administration role."))


def membership_change_role(*, membership: Membership, role: Role | str, actor: User) -> Membership:
    """Give a member another role in the same process."""
    role = Role(role)
    if role == membership.role:
        return membership
    with transaction.atomic():
        membership = Membership.objects.select_for_update().get(pk=membership.pk)
        if role != Role.ADMIN:
            _ensure_another_admin(membership)
        before = membership.role
        membership.role = role
        membership.full_clean()
        membership.save(update_fields=["role"])
        audit_record(
            actor=actor,
            action="membership.change_role",
            obj=membership,
            process=membership.process,
            changes={"role": [before, role.value]},
        )
    return membership


def membership_remove(*, membership: Membership, actor: User) -> None:
    """Take a member's role in the process away (the account itself stays)."""
    with transaction.atomic():
        membership = Membership.objects.select_for_update().get(pk=membership.pk)
        _ensure_another_admin(membership)
        audit_record(
            actor=actor,
            action="membership.remove",
            obj=membership,
            process=membership.process,
            changes={"user": membership.user.email, "role": membership.role},
        )
        membership.delete()


def user_disable(*, user: User, actor: User | None, process: StrategyProcess | None = None) -> User:
    """Disable an account: it can no longer log in, and every open session ends now.

    ``actor`` None means the operator on the command line. A non-superuser may disable only
    accounts whose sole process is ``process`` (see ``account_can_be_disabled``).
    """
    if actor is not None and not account_can_be_disabled(user=user, actor=actor, process=process):
        raise PermissionDenied(_("You may not disable this account."))
    with transaction.atomic():
        if process is not None:
            for membership in Membership.objects.filter(user=user, process=process, role=Role.ADMIN):
                _ensure_another_admin(membership)
        user.is_active = False
        user.full_clean(exclude=["password"])
        user.save(update_fields=["is_active"])
        ended = user_sessions_end(user=user)
        audit_record(
            actor=actor,
            action="user.disable",
            obj=user,
            process=process,
            changes={"is_active": [True, False], "sessions_ended": ended},
        )
    return user
