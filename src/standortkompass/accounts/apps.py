from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# The actions this app's services record in the audit log, as the audit log page shows them.
AUDIT_LABELS = {
    "invitation.create": _("Invitation sent"),
    "invitation.resend": _("Invitation sent again"),
    "invitation.revoke": _("Invitation withdrawn"),
    "invitation.accept": _("Invitation accepted"),
    "user.create": _("Account created"),
    "user.disable": _("Account disabled"),
    "membership.change_role": _("Role changed"),
    "membership.remove": _("Member removed"),
    "personal_data.export": _("Information about the data of a person given"),
    "personal_data.erase": _("Data of a person erased"),
}


class AccountsConfig(AppConfig):
    name = "standortkompass.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from standortkompass.accounts import signals  # noqa: F401  (connects the receivers)
        from standortkompass.accounts.services.personal_data import register_account_kinds
        from standortkompass.accounts.services.retention import register_account_rules
        from standortkompass.audit.labels import register

        register(self.label, AUDIT_LABELS)
        register_account_kinds()
        register_account_rules()
