"""The role ladder, written once: what part of the data each kind of user reads."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from kelurahan.models import OPD, Kecamatan, Kelurahan, Scope, User
from kelurahan.models.scope import Level

from .factories import make_lembaga, make_user
from .factories_kpm import make_kader
from .factories_rapat import make_rapat


def test_each_role_gets_its_scope(kelurahan, other_kelurahan):
    admin = make_user(User.Role.ADMIN, username="a")
    camat = make_user(User.Role.KECAMATAN, kecamatan=kelurahan.kecamatan, username="c")
    petugas = make_user(User.Role.PETUGAS, kelurahan=kelurahan, username="p")
    kasi = make_user(User.Role.KASI_KESRA, kelurahan=kelurahan, username="k")
    nobody = make_user("", username="n")
    assert admin.scope.is_all
    assert camat.scope == Scope(Level.KECAMATAN, kecamatan_id=kelurahan.kecamatan_id)
    assert petugas.scope == Scope(Level.KELURAHAN, kelurahan_id=kelurahan.pk)
    assert kasi.scope == petugas.scope
    assert nobody.scope.level is Level.NONE
    assert Scope.of(AnonymousUser()).level is Level.NONE
    petugas.is_active = False
    assert petugas.scope.level is Level.NONE  # read fresh from the user's fields, never stale


def test_scope_filters_and_covers(kelurahan, other_kelurahan):
    petugas = make_user(User.Role.PETUGAS, kelurahan=kelurahan, username="p")
    camat = make_user(User.Role.KECAMATAN, kecamatan=kelurahan.kecamatan, username="c")
    assert list(Kelurahan.objects.for_user(petugas)) == [kelurahan]
    assert kelurahan in Kelurahan.objects.for_user(camat)
    assert petugas.scope.covers(kecamatan_id=None, kelurahan_id=kelurahan.pk)
    assert not petugas.scope.covers(kecamatan_id=None, kelurahan_id=other_kelurahan.pk)
    assert camat.scope.covers(kecamatan_id=kelurahan.kecamatan_id, kelurahan_id=None)
    assert not Scope.of(AnonymousUser()).covers(kecamatan_id=1, kelurahan_id=1)


def test_opd_of_the_city_for_kelurahan_and_kecamatan_users(kelurahan):
    kota = kelurahan.kecamatan.kota
    opd = OPD.objects.create(kota=kota, kind=OPD.Kind.PUSKESMAS, name="Puskesmas Uji")
    petugas = make_user(User.Role.PETUGAS, kelurahan=kelurahan, username="p")
    camat = make_user(User.Role.KECAMATAN, kecamatan=kelurahan.kecamatan, username="c")
    other_kota_kecamatan = Kecamatan.objects.create(
        kota=type(kota).objects.create(name="Lain"), name="Lain"
    )
    stranger = make_user(User.Role.KECAMATAN, kecamatan=other_kota_kecamatan, username="s")
    assert list(OPD.objects.for_user(petugas)) == [opd]
    assert list(OPD.objects.for_user(camat)) == [opd]
    assert not OPD.objects.for_user(stranger).exists()


@pytest.mark.parametrize(
    "url_name, make, field, word, per_kelurahan",
    [
        ("kelurahan:lembaga_list", make_lembaga, "name", "Posyandu", 10),
        ("kpm:kader_list", make_kader, "name", "Kader", 7),
        ("kpm:rapat_list", make_rapat, "title", "Rapat", 7),
    ],
)
def test_kecamatan_user_lists_every_kelurahan_of_the_kecamatan(
    client,
    kelurahan,
    other_kelurahan,
    far_kelurahan,
    kecamatan_user,
    django_assert_max_num_queries,
    url_name,
    make,
    field,
    word,
    per_kelurahan,
):
    """The lists of every app show a kecamatan user all its kelurahan, and no other's."""
    for k in (kelurahan, other_kelurahan, far_kelurahan):
        for i in range(per_kelurahan):
            make(k, **{field: f"{word} {k.name} {i}"})
    client.force_login(kecamatan_user)
    with django_assert_max_num_queries(9):
        response = client.get(reverse(url_name))
    assertContains(response, f"{word} Dukuh Kupang 0")
    assertContains(response, f"{word} Pradah Kali Kendal 0")
    assertNotContains(response, f"{word} Jagir")
