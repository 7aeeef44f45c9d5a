from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from standortkompass.processes.services.demo import DemoRegionsMissingError, demo_load

REFUSED = 2


class Command(BaseCommand):
    help = (
        'Load the demo process "Zukunftsstrategie Landkreis Ludwigsburg" with one log-in per role. '
        "Idempotent: running it again creates nothing twice and restores edited demo content. "
        "Needs the official regions (standortkompass load_official_data). With DEBUG off (a real installation) "
        "it runs only with --force, and then the log-ins get random passwords and second-factor secrets."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--force",
            action="store_true",
            help="Load the demo although DEBUG is off; the log-ins get random passwords and TOTP secrets, "
            "printed once.",
        )

    def handle(self, *args: Any, force: bool, **options: Any) -> None:
        if not settings.DEBUG and not force:
            raise CommandError(
                "DEBUG is off, so this is a real installation: the demo is for local installations. "
                "To load it here anyway, run `standortkompass demo --force`; the demo log-ins then get "
                "random passwords and second-factor secrets, printed once.",
                returncode=REFUSED,
            )
        try:
            report = demo_load(random_credentials=not settings.DEBUG)
        except DemoRegionsMissingError as error:
            raise CommandError(str(error)) from error
        assert report.process is not None
        if options["verbosity"] == 0:
            return
        self.stdout.write(
            self.style.SUCCESS(
                f'Demo process "{report.process.title}" is ready at /prozesse/{report.process.slug}/ '
                f"({report.municipalities} municipalities; {report.created} records created, "
                f"{report.updated} updated, {report.unchanged} unchanged)."
            )
        )
        if report.site_pages_demo_texts:
            self.stdout.write(
                f"Site pages given the demo's texts (marked as demo values): {', '.join(report.site_pages_demo_texts)}."
            )
        if report.site_pages_created:
            self.stdout.write(f"Site pages created with default texts: {', '.join(report.site_pages_created)}.")
        self.stdout.write("")
        if settings.DEBUG:
            self.stdout.write("Demo log-ins (demo only - never use these accounts on a real installation):")
        else:
            self.stdout.write(
                "Demo log-ins with random passwords and second-factor secrets, shown only this once (running the "
                "demo again replaces them). Demo accounts have no rights beyond the demo process:"
            )
        rows = [("E-mail", "Password", "Role", "Second factor")] + [
            (login.email, login.password, login.role, "TOTP" if login.totp_key_hex else "-") for login in report.logins
        ]
        widths = [max(len(row[column]) for row in rows) for column in range(4)]
        for number, row in enumerate(rows):
            cells = (cell.ljust(width) for cell, width in zip(row, widths, strict=True))
            self.stdout.write(("  " + "  ".join(cells)).rstrip())
            if number == 0:
                self.stdout.write("  " + "  ".join("-" * width for width in widths))
        self.stdout.write("")
        self.stdout.write(
            "Administration, Redaktion and board members log in with a second factor. Show the current "
            "code with `standortkompass demo_totp_code EMAIL`, or add the key to an authenticator app "
            "(scan or paste the otpauth:// address, or type in the base32 secret):"
        )
        for login in report.logins:
            if login.totp_key_hex:
                self.stdout.write(f"  {login.email}")
                self.stdout.write(f"    secret: {login.totp_secret}")
                self.stdout.write(f"    {login.totp_uri}")
