"""The ``standortkompass`` command: Django's management commands under one name.

Commands documented with a hyphen (``import-statistics``) are Django commands whose module
uses an underscore; both spellings work.
"""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "standortkompass.config.settings")
    from django.core.management import execute_from_command_line

    arguments = sys.argv[1:]
    if arguments and not arguments[0].startswith("-"):
        arguments[0] = arguments[0].replace("-", "_")
    execute_from_command_line(["standortkompass", *arguments])


if __name__ == "__main__":
    main()
