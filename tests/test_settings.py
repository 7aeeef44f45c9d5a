"""Settings for the test suite: the real settings module, with test defaults in the environment.

The environment decides the database (DATABASE_URL) and the cache/channel layer (REDIS_URL),
so the same suite runs against SQLite and the in-memory layer or PostgreSQL and Redis.
"""

import os
import re
import tempfile

os.environ.setdefault("SECRET_KEY", "test-secret-key-that-is-long-enough-for-django-checks")
os.environ.setdefault("DEBUG", "false")
os.environ.setdefault("USE_HTTPS", "false")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
os.environ.setdefault("STATIC_MANIFEST", "false")
# Tests in parallel (pytest-xdist, scripts/test.sh): each worker process has its own directory (with its SQLite
# file) and its own Redis database, so files, counters, locks and cached pages of one worker never meet
# another's; pytest-django names the PostgreSQL test databases by worker. The directory is made here even if
# the parent process set one (workers inherit its environment).
_worker = os.environ.get("PYTEST_XDIST_WORKER", "")
if _worker:
    os.environ["STANDORTKOMPASS_VAR_DIR"] = tempfile.mkdtemp(prefix=f"standortkompass-test-{_worker}-")
os.environ.setdefault("STANDORTKOMPASS_VAR_DIR", tempfile.mkdtemp(prefix="standortkompass-test-"))
if _worker.startswith("gw") and os.environ.get("REDIS_URL"):
    _index = int(_worker.removeprefix("gw")) + 1
    os.environ["REDIS_URL"] = re.sub(r"/\d*$", "", os.environ["REDIS_URL"].rstrip("/")) + f"/{_index}"

from standortkompass.config.settings import *  # noqa: E402, F403 - after the environment above

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # speed; argon2 is tested explicitly
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # A file in WAL mode, as in production, not Django's shared in-memory database: there a thread
    # that finds the database busy is refused at once ("table is locked") instead of waiting for
    # the write lock, so the tests of parallel requests could not run against SQLite.
    # A new dict, not a change of the settings module's own: pytest also collects this file as a
    # test module, and running it again must not touch the settings Django already uses.
    test_database = {"NAME": os.path.join(os.environ["STANDORTKOMPASS_VAR_DIR"], "test.sqlite3")}
    DATABASES = {**DATABASES, "default": {**DATABASES["default"], "TEST": test_database}}  # noqa: F405
