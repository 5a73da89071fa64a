from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    name = "shishi.reporting"
    verbose_name = _("季度填报")
