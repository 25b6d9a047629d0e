"""NIK and KK numbers: whole for those who keep the register (petugas, lurah, admin), masked for
the read-only roles (kasi kesra, kecamatan) on every page, export and admin list that shows one."""

import datetime
from io import BytesIO

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from openpyxl import load_workbook
from pytest_django.asserts import assertContains, assertNotContains

from kelurahan.validators import mask_nik

from .factories_kpm import make_kader
from .factories_stunting import (
    make_child,
    make_family,
    make_measurement,
    make_mother,
    make_pregnancy,
    nik_for,
)

READ_ONLY = ["kasi_kesra", "kecamatan_user"]
EDITORS = ["petugas", "lurah"]


@pytest.fixture
def people(kelurahan):
    family = make_family(kelurahan, head_name="Budi Santoso", kk_number="3578012345678901")
    mother_birth = datetime.date(1994, 3, 12)
    mother = make_mother(family, name="Dewi Lestari", nik=nik_for(mother_birth, "P", 11))
    mother.birth_date = mother_birth
    mother.save()
    child = make_child(family, name="Rafi Santoso", mother=mother, age_days=400)
    child.nik = nik_for(child.birth_date, "L", 12)
    child.save()
    make_measurement(child, weight="7.0", height="72.0")
    make_pregnancy(mother)
    kader = make_kader(kelurahan, name="Sri Wahyuni")
    return {"family": family, "mother": mother, "child": child, "kader": kader}


def _pages(people):
    return [
        reverse("stunting:person_detail", args=[people["child"].pk]),
        reverse("stunting:person_detail", args=[people["mother"].pk]),
        reverse("stunting:family_detail", args=[people["family"].pk]),
        reverse("stunting:family_list"),
        reverse("kpm:kader_detail", args=[people["kader"].pk]),
    ]


def _numbers(people) -> list[str]:
    return [
        people["child"].nik,
        people["mother"].nik,
        people["family"].kk_number,
    ]


def _sheet_values(response) -> set:
    assert response.status_code == 200
    sheet = load_workbook(BytesIO(response.content)).active
    return {value for row in sheet.iter_rows(values_only=True) for value in row}


def _exports():
    return [
        reverse("stunting:child_list_xlsx"),
        reverse("stunting:pregnancy_list_xlsx"),
        reverse("stunting:action_list_xlsx", args=["berat-kurang"]),
        reverse("kpm:kader_export"),
    ]


@pytest.mark.parametrize("role", READ_ONLY)
def test_read_only_roles_see_nik_and_kk_masked_on_every_page(client, request, people, role):
    client.force_login(request.getfixturevalue(role))
    numbers = [*_numbers(people), people["kader"].nik]
    for url in _pages(people):
        response = client.get(url)
        assert response.status_code == 200, url
        for number in numbers:
            assertNotContains(response, number)
    for key, url in [("child", 0), ("mother", 1)]:
        assertContains(client.get(_pages(people)[url]), mask_nik(people[key].nik))
    assertContains(client.get(_pages(people)[2]), mask_nik(people["family"].kk_number))
    assertContains(client.get(_pages(people)[3]), mask_nik(people["family"].kk_number))


@pytest.mark.parametrize("role", EDITORS)
def test_editors_see_whole_nik_and_kk(client, request, people, role):
    client.force_login(request.getfixturevalue(role))
    pages = _pages(people)
    assertContains(client.get(pages[0]), people["child"].nik)
    assertContains(client.get(pages[1]), people["mother"].nik)
    family_page = client.get(pages[2])
    assertContains(family_page, people["family"].kk_number)
    assertContains(family_page, people["child"].nik)
    assertContains(client.get(pages[3]), people["family"].kk_number)
    assertContains(client.get(pages[4]), people["kader"].nik)


@pytest.mark.parametrize("role", READ_ONLY)
def test_read_only_roles_get_masked_nik_in_every_export(client, request, people, role):
    client.force_login(request.getfixturevalue(role))
    expected = {
        reverse("stunting:child_list_xlsx"): people["child"].nik,
        reverse("stunting:pregnancy_list_xlsx"): people["mother"].nik,
        reverse("stunting:action_list_xlsx", args=["berat-kurang"]): people["child"].nik,
        reverse("kpm:kader_export"): people["kader"].nik,
    }
    for url in _exports():
        values = _sheet_values(client.get(url))
        assert expected[url] not in values, url
        assert mask_nik(expected[url]) in values, url


def test_editors_get_whole_nik_in_the_exports(client, people, petugas):
    client.force_login(petugas)
    assert people["child"].nik in _sheet_values(client.get(reverse("stunting:child_list_xlsx")))
    pregnancies = _sheet_values(client.get(reverse("stunting:pregnancy_list_xlsx")))
    assert people["mother"].nik in pregnancies


@pytest.mark.parametrize("role", READ_ONLY)
def test_admin_family_list_masks_the_kk_for_read_only_staff(client, request, people, role):
    user = request.getfixturevalue(role)
    user.is_staff = True
    user.save()
    user.user_permissions.add(Permission.objects.get(codename="view_family"))
    client.force_login(user)
    response = client.get(reverse("admin:stunting_family_changelist"))
    assertNotContains(response, people["family"].kk_number)
    assertContains(response, mask_nik(people["family"].kk_number))


def test_admin_family_list_shows_the_whole_kk_to_the_admin(client, people, admin_user):
    client.force_login(admin_user)
    response = client.get(reverse("admin:stunting_family_changelist"))
    assertContains(response, people["family"].kk_number)
