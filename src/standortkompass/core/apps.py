from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "standortkompass.core"
    label = "core"

    def ready(self) -> None:
        from standortkompass.core import checks  # noqa: F401  (registers the system checks)
