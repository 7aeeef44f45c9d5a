"""Invitations: a one-time link by e-mail that gives a person a role in a process.

Only the SHA-256 hash of the link's token is stored; the token itself exists only in the
e-mail. Resending therefore issues a new token (the old link stops working).
"""

from __future__ import annotations

import datetime as dt
import secrets

from django.conf import settings
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from standortkompass.accounts.models import Invitation, Membership, Role, User
from standortkompass.accounts.selectors import invitation_token_hash
from standortkompass.audit.services import audit_record
from standortkompass.processes.models import StrategyProcess


def invitation_days() -> int:
    return int(getattr(settings, "INVITATION_DAYS", 14))


def _new_token(invitation: Invitation) -> str:
    token = secrets.token_urlsafe(32)
    invitation.token_hash = invitation_token_hash(token)
    invitation.expires_at = timezone.now() + dt.timedelta(days=invitation_days())
    return token


def _send(invitation: Invitation, token: str) -> None:
    """The invitation e-mail, in the site's default language (German)."""
    with translation.override(settings.LANGUAGE_CODE):
        link = settings.SITE_URL + reverse("accounts:invitation_accept", kwargs={"token": token})
        context = {
            "invitation": invitation,
            "process": invitation.process,
            "role": invitation.get_role_display(),
            "link": link,
            "inviter": invitation.invited_by.get_full_name() if invitation.invited_by else "",
            "has_account": User.objects.filter(email__iexact=invitation.email).exists(),
        }
        subject = render_to_string("accounts/email/invitation_subject.txt", context).strip()
        body = render_to_string("accounts/email/invitation.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [invitation.email])


def invitation_create(
    *,
    process: StrategyProcess,
    email: str,
    role: Role | str,
    full_name: str = "",
    invited_by: User | None,
) -> Invitation:
    """Invite ``email`` to ``process`` with ``role`` and send the link (valid for 14 days).

    Refused (ValidationError on ``email``) when the person is already a member, already has
    an open invitation, or their account has been disabled.
    """
    email = User.objects.normalize_email(email).strip().lower()
    existing = User.objects.filter(email__iexact=email).first()
    if existing is not None:
        if not existing.is_active:
            raise ValidationError(
                {"email": _("The account with this e-mail address is disabled. Only an operator can enable it again.")}
            )
        membership = Membership.objects.filter(user=existing, process=process).first()
        if membership is not None:
            raise ValidationError(
                {
                    "email": _(
                        "This person is already a member of the process with the role “%(role)s”. "
                        "Change the role in the member list instead."
                    )
                    % {"role": membership.get_role_display()}
                }
            )
    open_invitations = Invitation.objects.filter(
        process=process, email__iexact=email, accepted_at__isnull=True, expires_at__gt=timezone.now()
    )
    if open_invitations.exists():
        raise ValidationError(
            {"email": _("This address already has an open invitation. Send it again from the list of invitations.")}
        )
    with transaction.atomic():
        invitation = Invitation(
            process=process, email=email, role=Role(role), full_name=full_name.strip(), invited_by=invited_by
        )
        token = _new_token(invitation)
        invitation.full_clean()
        invitation.save()
        audit_record(
            actor=invited_by,
            action="invitation.create",
            obj=invitation,
            process=process,
            changes={"email": email, "role": invitation.role},
        )
        _send(invitation, token)
    return invitation


def invitation_resend(*, invitation: Invitation, actor: User) -> Invitation:
    """Send an open invitation again with a new link, valid for another 14 days."""
    if invitation.accepted_at is not None:
        raise ValidationError(_("This invitation has already been accepted."))
    with transaction.atomic():
        token = _new_token(invitation)
        invitation.full_clean()
        invitation.save(update_fields=["token_hash", "expires_at"])
        audit_record(actor=actor, action="invitation.resend", obj=invitation, process=invitation.process)
        _send(invitation, token)
    return invitation


def invitation_revoke(*, invitation: Invitation, actor: User) -> None:
    """Withdraw an invitation that has not been accepted; its link stops working."""
    if invitation.accepted_at is not None:
        raise ValidationError(_("This invitation has already been accepted."))
    with transaction.atomic():
        audit_record(
            actor=actor,
            action="invitation.revoke",
            obj=invitation,
            process=invitation.process,
            changes={"email": invitation.email, "role": invitation.role},
        )
        invitation.delete()


def _lock_usable(invitation: Invitation) -> Invitation:
    locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if not locked.is_usable:
        raise ValidationError(_("This invitation link has already been used or has expired."))
    return locked


def _grant(invitation: Invitation, user: User) -> Membership:
    membership = Membership.objects.filter(user=user, process=invitation.process).first()
    before = membership.role if membership else ""
    if membership is None:
        membership = Membership(user=user, process=invitation.process, role=invitation.role)
    membership.role = invitation.role
    membership.full_clean()
    membership.save()
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    audit_record(
        actor=user,
        action="invitation.accept",
        obj=invitation,
        process=invitation.process,
        changes={"role": [before, invitation.role]} if before else {"role": invitation.role},
    )
    return membership


def invitation_accept(*, invitation: Invitation, user: User) -> Membership:
    """The invited person, logged in with the invited address, accepts: membership created or role updated."""
    if user.email.lower() != invitation.email.lower():
        raise ValidationError(_("This invitation is for a different e-mail address."))
    with transaction.atomic():
        return _grant(_lock_usable(invitation), user)


def invitation_accept_with_new_account(*, invitation: Invitation, full_name: str, password: str) -> User:
    """Create the account for the invited address with name and password, then accept."""
    with transaction.atomic():
        locked = _lock_usable(invitation)
        if User.objects.filter(email__iexact=locked.email).exists():
            raise ValidationError(_("An account with this e-mail address already exists. Please log in first."))
        user = User(email=locked.email, full_name=full_name.strip())
        password_validation.validate_password(password, user)
        user.set_password(password)
        user.full_clean()
        user.save()
        audit_record(actor=user, action="user.create", obj=user, process=locked.process)
        _grant(locked, user)
    return user
