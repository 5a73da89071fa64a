from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComparisonsConfig(AppConfig):
    name = "shishi.comparisons"
    verbose_name = _("比较分析")
