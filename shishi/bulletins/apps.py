from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BulletinsConfig(AppConfig):
    name = "shishi.bulletins"
    verbose_name = _("调度通报")
