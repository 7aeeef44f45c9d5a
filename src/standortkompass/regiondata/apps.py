from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegiondataConfig(AppConfig):
    name = "standortkompass.regiondata"
    label = "regiondata"
    verbose_name = _("Regional data")
