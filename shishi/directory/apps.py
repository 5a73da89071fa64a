from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from . import text


class DirectoryConfig(AppConfig):
    name = "shishi.directory"
    verbose_name = _("机构与人员")

    def ready(self) -> None:
        text.connect()
