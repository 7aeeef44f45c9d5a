"""Settings for the test suite: the real settings module, with test defaults in the environment.

The environment decides the database (DATABASE_URL) and the cache/channel layer (REDIS_URL),
so the same suite runs against SQLite and the in-memory layer or PostgreSQL and Redis.
"""

import os
import tempfile

os.environ.setdefault("SECRET_KEY", "test-secret-key-that-is-long-enough-for-django-checks")
os.environ.setdefault("DEBUG", "false")
os.environ.setdefault("USE_HTTPS", "false")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
os.environ.setdefault("STANDORTKOMPASS_VAR_DIR", tempfile.mkdtemp(prefix="standortkompass-test-"))
os.environ.setdefault("STATIC_MANIFEST", "false")

from standortkompass.config.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # speed; argon2 is tested explicitly
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
