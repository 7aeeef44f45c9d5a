"""Reading accounts data: memberships, invitations, second-factor status."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from standortkompass.accounts.models import Invitation, Membership, Role, User
from standortkompass.processes.models import StrategyProcess


def installation_admin_memberships() -> QuerySet[Membership]:
    """The Administration memberships that carry installation-wide rights and the feedback mails.

    Administration of a demo process counts only on a local installation (``DEBUG`` on): the demo
    log-ins are published or printed, so on a real installation they must never reach the site
    pages, the accessibility feedback of real visitors or the creation of processes.
    """
    memberships = Membership.objects.filter(role=Role.ADMIN, user__is_active=True)
    return memberships if settings.DEBUG else memberships.exclude(process__is_demo=True)


def process_memberships(*, process: StrategyProcess, query: str = "") -> QuerySet[Membership]:
    memberships = Membership.objects.filter(process=process).select_related("user")
    if query:
        memberships = memberships.filter(Q(user__full_name__icontains=query) | Q(user__email__icontains=query))
    return memberships.order_by("user__full_name", "user__email")


def open_invitations(*, process: StrategyProcess, query: str = "") -> QuerySet[Invitation]:
    """Invitations not yet accepted (expired ones too, so that they can be sent again)."""
    invitations = Invitation.objects.filter(process=process, accepted_at__isnull=True).select_related("invited_by")
    if query:
        invitations = invitations.filter(Q(full_name__icontains=query) | Q(email__icontains=query))
    return invitations.order_by("-created_at")


def invitation_token_hash(token: str) -> str:
    """Only this hash of an invitation's token is stored."""
    return hashlib.sha256(token.encode()).hexdigest()


def invitation_by_token(*, token: str) -> Invitation | None:
    return (
        Invitation.objects.select_related("process", "invited_by")
        .filter(token_hash=invitation_token_hash(token))
        .first()
    )


def user_memberships(*, user: User) -> QuerySet[Membership]:
    return Membership.objects.filter(user=user).select_related("process").order_by("process__title")


def account_can_be_disabled(*, user: User, actor: User, process: StrategyProcess | None) -> bool:
    """Superusers may disable any other account; a process's Administration only accounts
    whose one and only process is theirs (so no other process loses a member behind its back)."""
    if user.pk == actor.pk or not user.is_active:
        return False
    if actor.is_superuser:
        return True
    if process is None or user.is_superuser:
        return False
    process_ids = set(Membership.objects.filter(user=user).values_list("process_id", flat=True))
    return process_ids == {process.pk}


@dataclass(frozen=True)
class SecondFactorStatus:
    device: Any
    backup_codes_left: int

    @property
    def enrolled(self) -> bool:
        return self.device is not None


def second_factor_status(*, user: User) -> SecondFactorStatus:
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    left = StaticToken.objects.filter(device__user=user, device__confirmed=True).count()
    return SecondFactorStatus(device=device, backup_codes_left=left)


def pending_invitations_count(*, process: StrategyProcess) -> int:
    return Invitation.objects.filter(process=process, accepted_at__isnull=True, expires_at__gt=timezone.now()).count()
