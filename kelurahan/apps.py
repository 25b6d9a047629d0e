from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KelurahanConfig(AppConfig):
    name = "kelurahan"
    verbose_name = _("Kelurahan dan mitra")
    default_auto_field = "django.db.models.BigAutoField"
    nav_sections = [
        (_("Dasbor"), "kelurahan:dashboard"),
        (
            _("Kelurahan"),
            [
                (_("Lembaga kemasyarakatan"), "kelurahan:lembaga_list"),
                (_("Kelompok masyarakat"), "kelurahan:kelompok_list"),
                (_("Pejabat dan tokoh"), "kelurahan:official_list"),
                (_("RW dan RT"), "kelurahan:rw_list"),
                (_("OPD kota"), "kelurahan:opd_list"),
            ],
        ),
    ]

    def ready(self) -> None:
        from . import checks, lookups  # noqa: F401  (system checks; the `__in` lookup on ids)

    def dashboard_panels(self, user, kelurahan_list):
        from .dashboard import kelurahan_panels

        return kelurahan_panels(user, kelurahan_list)

    def seed_demo(self, *, stdout) -> None:
        from .demo import seed_demo

        seed_demo(stdout=stdout)

    def seed_scale(self, *, stdout, scale) -> None:
        from .scale import seed_scale

        seed_scale(stdout=stdout, scale=scale)

    def bench_pages(self, context):
        from .scale import bench_pages

        return bench_pages(context)
