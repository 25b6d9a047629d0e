from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KpmConfig(AppConfig):
    name = "kpm"
    verbose_name = _("Kader Pemberdayaan Masyarakat")
    default_auto_field = "django.db.models.BigAutoField"
