"""Helpers of the field-work page tests (tests/test_stunting_fieldwork_views.py and
tests/test_stunting_fieldwork_pages.py): home visits saved through the service, and the visit
form's URL and data. Their fixtures (family, baby, cadre, stranger) are in conftest.py."""

from django.urls import reverse
from django.utils.http import urlencode

from stunting.fieldwork import save_home_visit
from stunting.models import HomeVisit

from .factories_stunting import today


def make_visit(person, cadre, **fields) -> HomeVisit:
    fields.setdefault("visit_date", today())
    fields.setdefault("purpose", HomeVisit.Purpose.PEMANTAUAN)
    return save_home_visit(visit=HomeVisit(person=person, kader=cadre, **fields))


def create_url(person, **params) -> str:
    return reverse("stunting:home_visit_create") + "?" + urlencode({"sasaran": person.pk, **params})


def visit_data(cadre, **overrides) -> dict:
    data = {"visit_date": today().isoformat(), "kader": cadre.pk, "purpose": "pemantauan"}
    return data | {"notes": "Ibu diajak ke posyandu"} | overrides
