"""System checks for settings that can be wrong in production."""

from django.conf import settings
from django.core.checks import Error, Tags, register


@register(Tags.security, deploy=True)
def check_database_is_not_sqlite(app_configs, **kwargs):
    engine = settings.DATABASES["default"]["ENGINE"]
    if engine.endswith("sqlite3"):
        return [
            Error(
                "Production must run on PostgreSQL: set DATABASE_URL.",
                hint="DATABASE_URL=postgres://user:password@host:5432/kpm",
                id="kelurahan.E001",
            )
        ]
    return []


@register(Tags.compatibility)
def check_time_zone_and_language(app_configs, **kwargs):
    errors = []
    if settings.TIME_ZONE != "Asia/Jakarta" or not settings.USE_TZ:
        errors.append(
            Error("TIME_ZONE must be Asia/Jakarta with USE_TZ = True.", id="kelurahan.E002")
        )
    if settings.LANGUAGE_CODE != "id":
        errors.append(Error("LANGUAGE_CODE must be 'id'.", id="kelurahan.E003"))
    return errors
