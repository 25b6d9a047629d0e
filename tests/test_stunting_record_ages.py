"""The age stored with a 2B or 2C record is the age at its visit date with the child's current
birth date: a corrected birth date moves the records' ages (and so the scorecard's age bands),
and a birth date the records cannot follow is refused with a message, never a server error."""

from __future__ import annotations

import datetime

from django.urls import reverse
from pytest_django.asserts import assertContains, assertRedirects

from .factories_stunting import (
    days_ago,
    make_child,
    make_child_month,
    make_family,
    make_paud_month,
    today,
)
from .stamps import post_form


def child_data(child, birth_date: datetime.date) -> dict:
    return {
        "name": child.name,
        "sex": child.sex,
        "birth_date": birth_date.isoformat(),
        "family_role": "anak",
        "is_resident": "on",
    }


def test_a_corrected_birth_date_moves_the_records_ages(client, kelurahan, petugas):
    child = make_child(make_family(kelurahan), name="Bima", age_days=400)
    record = make_child_month(child, on=days_ago(40))
    before = record.age_months
    client.force_login(petugas)
    url = reverse("stunting:person_update", args=[child.pk])
    born = child.birth_date + datetime.timedelta(days=92)
    assertRedirects(post_form(client, url, child_data(child, born)), child.get_absolute_url())
    record.refresh_from_db()
    assert record.age_months == before - 3


def test_a_birth_date_the_records_cannot_follow_is_refused(client, kelurahan, petugas):
    child = make_child(make_family(kelurahan), name="Bima", age_days=600)
    make_child_month(child, on=days_ago(20))
    pupil = make_child(make_family(kelurahan), name="Citra", age_days=800)
    make_paud_month(pupil, on=today(), registered=True)
    client.force_login(petugas)
    for person, born in (
        (child, today() - datetime.timedelta(days=800)),  # the 2B record at 25 months
        (pupil, today() - datetime.timedelta(days=600)),  # the 2C record at 19 months
    ):
        url = reverse("stunting:person_update", args=[person.pk])
        response = post_form(client, url, child_data(person, born))
        assert response.status_code == 200
        assertContains(response, "di luar rentang umur formulirnya")
        person.refresh_from_db()
        assert person.birth_date != born
