"""What the management commands of every app read from their options."""

from django.core.management.base import CommandError

from .models import Kelurahan


def kelurahan_option(pk: int) -> Kelurahan:
    """The kelurahan a command's `--kelurahan` id names; an unknown id is a CommandError."""
    kelurahan = Kelurahan.objects.filter(pk=pk).first()
    if kelurahan is None:
        raise CommandError(f"No kelurahan with id {pk}.")
    return kelurahan
