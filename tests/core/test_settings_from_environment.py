"""Settings come from the environment and a bad value stops the start with a clear message."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured

from standortkompass.config import settings as config


@pytest.mark.parametrize(("raw", "expected"), [("true", True), ("1", True), ("On", True), ("no", False), ("", False)])
def test_boolean_variables_accept_the_usual_spellings(monkeypatch, raw, expected):
    monkeypatch.setenv("SK_TEST_FLAG", raw)

    assert config.env_bool("SK_TEST_FLAG", not expected) is expected


def test_boolean_variable_falls_back_to_its_default_when_unset(monkeypatch):
    monkeypatch.delenv("SK_TEST_FLAG", raising=False)

    assert config.env_bool("SK_TEST_FLAG", True) is True


def test_a_boolean_variable_that_is_neither_true_nor_false_stops_the_start(monkeypatch):
    monkeypatch.setenv("DEBUG", "maybe")

    with pytest.raises(ImproperlyConfigured, match="DEBUG='maybe' is not a boolean"):
        config.env_bool("DEBUG", False)


def test_a_number_variable_is_read_as_a_whole_number(monkeypatch):
    monkeypatch.setenv("EMAIL_PORT", "587")

    assert config.env_int("EMAIL_PORT", 25) == 587


@pytest.mark.parametrize("raw", ["ten", "2.5", "5 min"])
def test_a_number_variable_that_is_not_a_whole_number_stops_the_start(monkeypatch, raw):
    monkeypatch.setenv("SESSION_IDLE_MINUTES", raw)

    with pytest.raises(ImproperlyConfigured, match=r"SESSION_IDLE_MINUTES=.* is not a whole number"):
        config.env_int("SESSION_IDLE_MINUTES", 30)


def test_a_number_variable_below_its_minimum_stops_the_start(monkeypatch):
    monkeypatch.setenv("LOGIN_FAILURE_LIMIT", "0")

    with pytest.raises(ImproperlyConfigured, match="must be at least 1"):
        config.env_int("LOGIN_FAILURE_LIMIT", 5, minimum=1)


def test_an_empty_number_variable_means_the_default(monkeypatch):
    monkeypatch.setenv("MAX_UPLOAD_MB", " ")

    assert config.env_int("MAX_UPLOAD_MB", 10) == 10


def test_a_list_variable_is_split_at_commas(monkeypatch):
    monkeypatch.setenv("ALLOWED_HOSTS", " example.org, www.example.org ,,")

    assert config.env_list("ALLOWED_HOSTS", []) == ["example.org", "www.example.org"]


@pytest.mark.parametrize("url", ["mysql://user@db/standortkompass", "oracle://db/x", "db.example.org"])
def test_an_unsupported_database_url_stops_the_start(url):
    with pytest.raises(ImproperlyConfigured, match="DATABASE_URL scheme"):
        config._database(url)


def test_a_postgres_database_url_is_parsed():
    database = config._database("postgres://sk:geheim@db.example.org:5432/standortkompass")

    assert database["ENGINE"] == "django.db.backends.postgresql"
    assert database["NAME"] == "standortkompass"
    assert database["HOST"] == "db.example.org"
    assert database["PORT"] == 5432
    assert database["USER"] == "sk"
    assert database["PASSWORD"] == "geheim"


def test_a_sqlite_database_waits_for_locks_and_uses_the_write_ahead_log(tmp_path):
    database = config._database(f"sqlite:///{tmp_path / 'db.sqlite3'}")

    assert database["ENGINE"] == "django.db.backends.sqlite3"
    assert database["OPTIONS"]["timeout"] == 20
    assert "journal_mode=WAL" in database["OPTIONS"]["init_command"]


@pytest.mark.parametrize("url", ["http://x", "redis.example.org:6379", "memcached://x"])
def test_a_redis_url_with_another_scheme_stops_the_start(monkeypatch, url):
    monkeypatch.setenv("REDIS_URL", url)

    with pytest.raises(ImproperlyConfigured, match="REDIS_URL"):
        config._redis_url()


@pytest.mark.parametrize(
    "url", ["redis://127.0.0.1:6379/0", "rediss://cache.example.org:6380/1", "unix:///run/redis.sock"]
)
def test_a_redis_url_is_accepted(monkeypatch, url):
    monkeypatch.setenv("REDIS_URL", url)

    assert config._redis_url() == url


def test_no_redis_url_means_the_in_memory_alternatives(monkeypatch):
    monkeypatch.delenv("REDIS_URL", raising=False)

    assert config._redis_url() is None


def test_a_missing_secret_key_stops_the_start_when_debug_is_off(monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)

    with pytest.raises(ImproperlyConfigured, match="SECRET_KEY must be set when DEBUG is off"):
        config._secret_key(False)


def test_a_short_secret_key_stops_the_start(monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "too-short")

    with pytest.raises(ImproperlyConfigured, match="at least 32 characters"):
        config._secret_key(True)


def test_a_local_secret_key_is_generated_once_and_kept_in_the_var_directory(monkeypatch, tmp_path):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.setattr(config, "VAR_DIR", tmp_path / "var")

    first = config._secret_key(True)
    second = config._secret_key(True)

    assert first == second
    assert len(first) >= 50
    key_file = tmp_path / "var" / "secret_key"
    assert key_file.read_text() == first
    assert key_file.stat().st_mode & 0o777 == 0o600
