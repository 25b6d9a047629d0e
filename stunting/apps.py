from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StuntingConfig(AppConfig):
    name = "stunting"
    verbose_name = _("Pencegahan stunting")
    default_auto_field = "django.db.models.BigAutoField"
    nav_sections = [
        (_("Sasaran"), "stunting:child_list"),
        # Entering a posyandu day is for the roles that keep records.
        (_("Posyandu"), "stunting:posyandu_choose", "can_edit_records"),
    ]

    def dashboard_panels(self, user, kelurahan_list):
        from .dashboard import stunting_panels

        return stunting_panels(user, kelurahan_list)

    def seed_demo(self, *, stdout) -> None:
        from .demo import seed_demo

        seed_demo(stdout=stdout)

    def seed_scale(self, *, stdout, scale) -> None:
        from .scale import seed_scale

        seed_scale(stdout=stdout, scale=scale)

    def bench_pages(self, context):
        from .scale import bench_pages

        return bench_pages(context)
