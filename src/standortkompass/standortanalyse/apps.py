from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StandortanalyseConfig(AppConfig):
    name = "standortkompass.standortanalyse"
    label = "standortanalyse"
    verbose_name = _("Location analysis")
