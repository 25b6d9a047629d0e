"""Free text has a length limit, checked by the form and by model validation with one clear
Indonesian message: a megabyte of minutes made the minutes PDF take ten seconds."""

import pytest
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from pytest_django.asserts import assertContains

from kelurahan.models import (
    MINUTES_MAX_LENGTH,
    NOTES_MAX_LENGTH,
    KelompokMasyarakat,
    LimitedTextField,
)

from .factories_kpm import make_kader
from .factories_rapat import make_rapat
from .factories_stunting import make_family
from .stamps import post_form

TOO_LONG_MINUTES = (
    "Teks ini terlalu panjang: paling banyak 20.000 karakter, sekarang 1.000.000 karakter."
)


def test_over_long_minutes_get_the_message_and_nothing_is_saved(client, kelurahan, petugas):
    rapat = make_rapat(kelurahan, minutes="Notulen lama.")
    client.force_login(petugas)
    data = {
        "minutes": "x" * 1_000_000,
        "minute_taker_name": "Notulis Baru",
        "agenda-TOTAL_FORMS": "0",
        "agenda-INITIAL_FORMS": "0",
        "keputusan-TOTAL_FORMS": "1",
        "keputusan-INITIAL_FORMS": "0",
        "keputusan-0-order": "1",
        "keputusan-0-text": "Keputusan baru",
    }
    response = post_form(client, reverse("kpm:rapat_minutes", args=[rapat.pk]), data)
    assert response.status_code == 200
    assertContains(response, TOO_LONG_MINUTES)
    assertContains(response, f'maxlength="{MINUTES_MAX_LENGTH}"')
    rapat.refresh_from_db()
    assert (rapat.minutes, rapat.minute_taker_name) == ("Notulen lama.", "")
    assert not rapat.keputusan.exists()


def test_minutes_at_the_limit_are_saved(client, kelurahan, petugas):
    rapat = make_rapat(kelurahan)
    client.force_login(petugas)
    data = {
        "minutes": "x" * MINUTES_MAX_LENGTH,
        "agenda-TOTAL_FORMS": "0",
        "agenda-INITIAL_FORMS": "0",
        "keputusan-TOTAL_FORMS": "0",
        "keputusan-INITIAL_FORMS": "0",
    }
    url = reverse("kpm:rapat_minutes", args=[rapat.pk])
    assert post_form(client, url, data).status_code == 302
    rapat.refresh_from_db()
    assert len(rapat.minutes) == MINUTES_MAX_LENGTH


def test_model_validation_enforces_the_limits_too(kelurahan):
    rapat = make_rapat(kelurahan)
    rapat.minutes = "x" * (MINUTES_MAX_LENGTH + 1)
    with pytest.raises(ValidationError) as error:
        rapat.full_clean()
    assert "paling banyak 20.000 karakter, sekarang 20.001 karakter" in str(error.value)
    for record in (make_kader(kelurahan), make_family(kelurahan)):
        record.notes = "x" * (NOTES_MAX_LENGTH + 1)
        with pytest.raises(ValidationError, match="paling banyak 2.000 karakter"):
            record.full_clean()


def test_every_free_text_field_of_kpm_and_stunting_has_a_limit():
    from django.apps import apps

    unlimited = [
        f"{model.__name__}.{field.name}"
        for app in ("kpm", "stunting")
        for model in apps.get_app_config(app).get_models()
        if not hasattr(model, "instance_type")  # history copies (files are TextFields there)
        for field in model._meta.fields
        if isinstance(field, models.TextField) and not isinstance(field, LimitedTextField)
    ]
    assert unlimited == []


def test_kelurahan_forms_limit_their_notes(client, kelurahan, petugas):
    client.force_login(petugas)
    data = {"kind": "bkb", "name": "BKB Anggrek", "member_count": "20", "notes": "x" * 2001}
    response = client.post(reverse("kelurahan:kelompok_create"), data)
    assert response.status_code == 200
    assertContains(response, "paling banyak 2.000 karakter, sekarang 2.001 karakter")
    assert not KelompokMasyarakat.objects.exists()
