"""Destructive changes are confirmed first: the page says what else will change, and nothing
changes until the user confirms."""

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from kelurahan.models import RT
from kpm.models import RapatTindakLanjut

from .factories import make_official, make_rw
from .factories_kpm import make_kader
from .factories_rapat import make_peserta, make_rapat, make_tindak_lanjut
from .factories_stunting import make_family
from .stamps import post_form

# --- Deleting an RT that families point at ---------------------------------------------------


@pytest.fixture
def rw(kelurahan):
    rw = make_rw(kelurahan, number=3)
    rw.rt_set.create(number=1)
    rt2 = rw.rt_set.create(number=2)
    for _ in range(3):
        make_family(kelurahan, rw=rw, rt=rt2)
    return rw


def delete_rt_data(rw, delete_number: int) -> dict:
    rows = list(rw.rt_set.order_by("number"))
    data = {
        "number": str(rw.number),
        "chair_name": "",
        "rt_set-TOTAL_FORMS": str(len(rows)),
        "rt_set-INITIAL_FORMS": str(len(rows)),
    }
    for i, rt in enumerate(rows):
        data[f"rt_set-{i}-id"] = str(rt.pk)
        data[f"rt_set-{i}-number"] = str(rt.number)
        if rt.number == delete_number:
            data[f"rt_set-{i}-DELETE"] = "on"
    return data


def test_deleting_an_rt_with_families_asks_first(client, rw, petugas):
    client.force_login(petugas)
    url = reverse("kelurahan:rw_update", args=[rw.pk])
    response = post_form(client, url, delete_rt_data(rw, 2))
    assert response.status_code == 200
    assertContains(response, "RT 02/RW 03: 3 keluarga sasaran akan kehilangan RT-nya.")
    assertContains(response, "Ya, lanjutkan")
    assert rw.rt_set.count() == 2  # nothing changed yet
    # The confirmation posts the same data again, with konfirmasi=1.
    form = response.context["form"]
    assert form["rt_set-1-DELETE"].value() == ["on"]
    data = {**delete_rt_data(rw, 2), "konfirmasi": "1"}
    assertRedirects(post_form(client, url, data), reverse("kelurahan:rw_list"))
    assert list(rw.rt_set.values_list("number", flat=True)) == [1]
    assert not RT.objects.filter(number=2).exists()
    assert rw.stunting_families.filter(rt__isnull=True).count() == 3


def test_deleting_an_rt_nobody_points_at_needs_no_confirmation(client, rw, petugas):
    client.force_login(petugas)
    url = reverse("kelurahan:rw_update", args=[rw.pk])
    assertRedirects(post_form(client, url, delete_rt_data(rw, 1)), reverse("kelurahan:rw_list"))
    assert list(rw.rt_set.values_list("number", flat=True)) == [2]


# --- Uninviting someone who owns a follow-up ----------------------------------------------------


@pytest.fixture
def rapat(kelurahan):
    return make_rapat(kelurahan)


def test_uninviting_a_follow_up_owner_asks_first(client, kelurahan, rapat, petugas):
    kader = make_kader(kelurahan, name="Kusmiati")
    row = make_peserta(rapat, kader=kader)
    followup = make_tindak_lanjut(rapat, description="Mendata sasaran", assignee_kader=kader)
    client.force_login(petugas)
    url = reverse("kpm:rapat_uninvite", args=[rapat.pk, row.pk])
    response = client.post(url)
    assert response.status_code == 200
    assertContains(response, "Tindak lanjut &#x27;Mendata sasaran&#x27; akan kehilangan")
    assert rapat.peserta.filter(pk=row.pk).exists()
    response = client.post(url, {"konfirmasi": "1"})
    assertRedirects(response, reverse("kpm:rapat_invitees", args=[rapat.pk]))
    assert not rapat.peserta.filter(pk=row.pk).exists()
    followup.refresh_from_db()
    assert followup.assignee_kader is None
    assert followup.history.first().assignee_kader_id is None  # the change is in the history


def test_uninviting_an_official_who_owns_a_follow_up_asks_first(client, kelurahan, rapat, petugas):
    official = make_official(kelurahan, name="Serka Heru")
    row = make_peserta(rapat, official=official)
    make_tindak_lanjut(rapat, description="Patroli kunjungan rumah", assignee_official=official)
    client.force_login(petugas)
    response = client.post(reverse("kpm:rapat_uninvite", args=[rapat.pk, row.pk]))
    assertContains(response, "Patroli kunjungan rumah")
    assert RapatTindakLanjut.objects.filter(assignee_official=official).exists()


def test_uninviting_someone_without_follow_ups_needs_no_confirmation(
    client, kelurahan, rapat, petugas
):
    row = make_peserta(rapat, kader=make_kader(kelurahan))
    client.force_login(petugas)
    response = client.post(reverse("kpm:rapat_uninvite", args=[rapat.pk, row.pk]), follow=True)
    assertContains(response, "dihapus dari daftar undangan")
    assertNotContains(response, "Ya, lanjutkan")
    assert not rapat.peserta.exists()
