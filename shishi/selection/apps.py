from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SelectionConfig(AppConfig):
    name = "shishi.selection"
    verbose_name = _("实事项目征集与票决")
