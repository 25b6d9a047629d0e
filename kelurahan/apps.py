from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KelurahanConfig(AppConfig):
    name = "kelurahan"
    verbose_name = _("Kelurahan dan mitra")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import checks, lookups  # noqa: F401  (system checks; the `__in` lookup on ids)
