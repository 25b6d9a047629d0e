"""The demo data (`manage.py seed_demo`) for tests that check it is safe to run again."""

from io import StringIO

from django.core.management import call_command


def seed_demo_twice(*models) -> str:
    """Run `seed_demo` twice and check that the second run adds no row to any of `models`;
    what the second run printed."""
    call_command("seed_demo", force=True, stdout=StringIO())
    first = [model.objects.count() for model in models]
    out = StringIO()
    call_command("seed_demo", force=True, stdout=out)
    assert [model.objects.count() for model in models] == first
    return out.getvalue()
