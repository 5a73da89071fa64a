from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SelectionConfig(AppConfig):
    name = "shishi.selection"
    verbose_name = _("实事项目征集与票决")

    def ready(self):
        from shishi.plans import hooks

        from .ratings import withdrawal_blocker

        hooks.withdrawal_asked.connect(withdrawal_blocker, dispatch_uid="selection")
