from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AlertsConfig(AppConfig):
    """The warnings app.

    It cannot be a top-level package called ``warnings``: that name belongs to the standard library, and a
    local package of that name either shadows it (Django crashes on import) or is silently ignored.
    """

    name = "alerts"
    label = "alerts"
    verbose_name = _("Warnings / 预警")

    def ready(self) -> None:
        from alerts import sql  # noqa: F401  registers the null-safe ``distinct_from`` lookup
