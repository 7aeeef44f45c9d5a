"""Standortkompass's settings plus the bare view's URL (``DJANGO_SETTINGS_MODULE=bare.settings``, bench/ on the path).

Only bench/survey_load.py uses it: the same server, middleware and database as the survey pages, so the
bare view's rate is the floor the survey is compared with.
"""

from standortkompass.config.settings import *  # noqa: F403

ROOT_URLCONF = "bare.urls"
