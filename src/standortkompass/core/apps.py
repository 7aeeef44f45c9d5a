from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "standortkompass.core"
    label = "core"
