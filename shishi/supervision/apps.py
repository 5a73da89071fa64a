from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from shishi.oversight.sections import add_board_section


class SupervisionConfig(AppConfig):
    name = "shishi.supervision"
    verbose_name = _("督办与年终")

    def ready(self) -> None:
        # The board's open 督办 section; services (and the models they read) load once apps are ready.
        from shishi.plans import hooks

        from .services import open_on_board, withdrawal_blocker

        add_board_section("supervision/_board_section.html", open_on_board)
        hooks.withdrawal_asked.connect(withdrawal_blocker, dispatch_uid="supervision")
