from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicConfig(AppConfig):
    name = "shishi.public"
    verbose_name = _("公开")

    def ready(self) -> None:
        from . import changes

        changes.connect()
