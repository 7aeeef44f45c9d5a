"""Everything that writes accounts data: sessions, second factor, invitations, members.

Other apps import the services from here, e.g. ``from standortkompass.accounts.services import
invitation_create``.
"""

from standortkompass.accounts.services.invitations import (
    invitation_accept,
    invitation_accept_with_new_account,
    invitation_create,
    invitation_resend,
    invitation_revoke,
)
from standortkompass.accounts.services.members import membership_change_role, membership_remove, user_disable
from standortkompass.accounts.services.second_factor import (
    BACKUP_CODE_COUNT,
    SecondFactorCheck,
    backup_codes_create,
    demo_totp_device,
    second_factor_verify,
    totp_device_confirm,
    totp_device_pending,
)
from standortkompass.accounts.services.sessions import (
    user_log_in,
    user_log_out,
    user_session_record,
    user_sessions_end,
)

__all__ = [
    "BACKUP_CODE_COUNT",
    "SecondFactorCheck",
    "backup_codes_create",
    "demo_totp_device",
    "invitation_accept",
    "invitation_accept_with_new_account",
    "invitation_create",
    "invitation_resend",
    "invitation_revoke",
    "membership_change_role",
    "membership_remove",
    "second_factor_verify",
    "totp_device_confirm",
    "totp_device_pending",
    "user_disable",
    "user_log_in",
    "user_log_out",
    "user_session_record",
    "user_sessions_end",
]
