from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KpmConfig(AppConfig):
    name = "kpm"
    verbose_name = _("Kader Pemberdayaan Masyarakat")
    default_auto_field = "django.db.models.BigAutoField"

    @property
    def nav_sections(self):
        from .hooks import topic_modules

        return [item for m in topic_modules() for item in getattr(m, "NAV_SECTIONS", ())]

    def _call(self, hook, *args, **kwargs) -> list:
        from .hooks import topic_modules

        results = []
        for module in topic_modules():
            function = getattr(module, hook, None)
            if function is not None:
                results.append(function(*args, **kwargs))
        return results

    def official_detail_sections(self, official, user):
        from .models import rapat_context_for_official

        return [
            (
                "kpm/_rapat_for_official.html",
                {"rapat_for_official": rapat_context_for_official(official, user)},
            )
        ]

    def dashboard_panels(self, user, kelurahan_list):
        results = self._call("dashboard_panels", user, kelurahan_list)
        return [panel for panels in results for panel in panels]

    def seed_demo(self, *, stdout) -> None:
        self._call("seed_demo", stdout=stdout)

    def seed_scale(self, *, stdout, scale) -> None:
        self._call("seed_scale", stdout=stdout, scale=scale)

    def bench_pages(self, context):
        return [page for pages in self._call("bench_pages", context) for page in pages]
