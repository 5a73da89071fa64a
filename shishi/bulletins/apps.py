from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BulletinsConfig(AppConfig):
    name = "shishi.bulletins"
    verbose_name = _("调度通报")

    def ready(self) -> None:
        from shishi.plans import hooks

        from .models import Bulletin

        def withdrawal_blocker(plan, **_) -> str | None:
            # A plan with a bulletin is no longer withdrawn (shishi/plans/hooks.py).
            return "已印发调度通报" if Bulletin.objects.filter(plan=plan).exists() else None

        hooks.withdrawal_asked.connect(withdrawal_blocker, dispatch_uid="bulletins", weak=False)
