"""Django's messages, kept in a cookie named like the others (``__Host-messages`` with HTTPS)."""

from typing import Any

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.messages.storage.session import SessionStorage


class NamedCookieStorage(CookieStorage):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.cookie_name = settings.MESSAGES_COOKIE_NAME
        super().__init__(*args, **kwargs)


class MessageStorage(FallbackStorage):
    """Cookie first, the session when the cookie would be too large (as Django's default)."""

    storage_classes = (NamedCookieStorage, SessionStorage)
