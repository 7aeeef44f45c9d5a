"""The ``standortkompass`` command: Django's management commands under one name.

Commands documented with a hyphen (``import-statistics``) are Django commands whose module
uses an underscore; both spellings work. A configuration error (a missing or bad environment
variable) is one line on standard error naming the variable, exit status 2, not a traceback.
"""

import os
import sys

CONFIGURATION_ERROR_STATUS = 2


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "standortkompass.config.settings")
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    arguments = sys.argv[1:]
    if arguments and not arguments[0].startswith("-"):
        arguments[0] = arguments[0].replace("-", "_")
    try:
        settings.INSTALLED_APPS  # noqa: B018 -- reads the settings here, where their errors are caught
        execute_from_command_line(["standortkompass", *arguments])
    except ImproperlyConfigured as error:
        # Before the settings are read there is no language to translate into: both, in one line.
        message = " ".join(str(error).split())
        sys.stderr.write(f"standortkompass: Konfigurationsfehler / configuration error: {message}\n")
        sys.exit(CONFIGURATION_ERROR_STATUS)


if __name__ == "__main__":
    main()
