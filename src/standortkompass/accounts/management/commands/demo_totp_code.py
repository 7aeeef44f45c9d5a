"""``standortkompass demo_totp_code EMAIL``: the current second-factor code of a demo account.

Only for accounts that belong exclusively to demo processes, so that the command can never
weaken the second factor of a real account.
"""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from standortkompass.accounts.models import Membership, User

NOT_ALLOWED = 2


class Command(BaseCommand):
    help = "Print the current 6-digit second-factor code of a demo account."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("email", help="E-mail address of a demo account")

    def handle(self, *args: Any, email: str, **options: Any) -> None:
        user = User.objects.filter(email__iexact=email.strip()).first()
        if user is None:
            raise CommandError(f"There is no account with the e-mail address {email}.", returncode=NOT_ALLOWED)
        demo_flags = set(Membership.objects.filter(user=user).values_list("process__is_demo", flat=True))
        if user.is_superuser or demo_flags != {True}:
            raise CommandError(
                f"{user.email} does not belong exclusively to demo processes; codes are printed only for demo "
                "accounts.",
                returncode=NOT_ALLOWED,
            )
        device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
        if device is None:
            raise CommandError(
                f"{user.email} has no second factor set up; run `standortkompass demo` first.", returncode=NOT_ALLOWED
            )
        code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=device.drift)
        seconds_left = device.step - int(time.time() - device.t0) % device.step
        self.stdout.write(f"{code:0{device.digits}d}")
        self.stderr.write(f"(valid for another {seconds_left} seconds)")
