"""Scope, database constraints and the user's role rules."""

import datetime

import pytest
from django.db import IntegrityError, transaction

from kelurahan.models import RT, RW, Kelurahan, Lembaga, Official, User

from .factories import make_kelurahan, make_lembaga, make_official, make_rw, make_user


def test_for_user_scopes_each_role(kelurahan, other_kelurahan, far_kelurahan, kecamatan):
    own = make_lembaga(kelurahan)
    neighbour = make_lembaga(other_kelurahan)
    far = make_lembaga(far_kelurahan)
    petugas = make_user(User.Role.PETUGAS, kelurahan=kelurahan)
    camat = make_user(User.Role.KECAMATAN, kecamatan=kecamatan)
    admin = make_user(User.Role.ADMIN)
    nobody = make_user("", username="tanpaperan")
    assert set(Lembaga.objects.for_user(petugas)) == {own}
    assert set(Lembaga.objects.for_user(camat)) == {own, neighbour}
    assert set(Lembaga.objects.for_user(admin)) == {own, neighbour, far}
    assert not Lembaga.objects.for_user(nobody).exists()
    assert set(Kelurahan.objects.for_user(camat)) == {kelurahan, other_kelurahan}


def test_inactive_user_sees_nothing(kelurahan):
    make_lembaga(kelurahan)
    user = make_user(User.Role.PETUGAS, kelurahan=kelurahan, is_active=False)
    assert not Lembaga.objects.for_user(user).exists()


def test_rt_scope_goes_through_rw(kelurahan, other_kelurahan):
    rt = RT.objects.create(rw=make_rw(kelurahan, number=1), number=1)
    RT.objects.create(rw=make_rw(other_kelurahan, number=1), number=1)
    petugas = make_user(User.Role.PETUGAS, kelurahan=kelurahan)
    assert list(RT.objects.for_user(petugas)) == [rt]


def test_rw_number_unique_in_database(kelurahan):
    make_rw(kelurahan, number=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        RW.objects.create(kelurahan=kelurahan, number=1)


def test_one_current_lurah_in_database(kelurahan):
    make_official(kelurahan, position="lurah")
    with pytest.raises(IntegrityError), transaction.atomic():
        make_official(kelurahan, position="lurah")
    # Many tokoh masyarakat at a time are fine.
    make_official(kelurahan, position="tokoh_masyarakat")
    make_official(kelurahan, position="tokoh_masyarakat")


def test_current_official_by_date(kelurahan):
    make_official(
        kelurahan,
        position="lurah",
        name="Lurah Lama",
        start_date=datetime.date(2015, 1, 1),
        end_date=datetime.date(2019, 2, 28),
    )
    new = make_official(
        kelurahan, position="lurah", name="Lurah Baru", start_date=datetime.date(2019, 3, 1)
    )
    lurah = Official.objects.filter(kelurahan=kelurahan).lurah()
    assert lurah.current().first() == new
    assert lurah.current(on=datetime.date(2019, 2, 28)).get().name == "Lurah Lama"
    assert not lurah.current(on=datetime.date(2014, 12, 31)).exists()


@pytest.mark.parametrize(
    ("role", "with_kelurahan", "with_kecamatan"),
    [
        (User.Role.PETUGAS, False, False),
        (User.Role.LURAH, True, True),
        (User.Role.KECAMATAN, True, False),
        (User.Role.ADMIN, True, False),
    ],
)
def test_user_scope_must_match_role(kelurahan, kecamatan, role, with_kelurahan, with_kecamatan):
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create(
            username=f"salah-{role}",
            role=role,
            kelurahan=kelurahan if with_kelurahan else None,
            kecamatan=kecamatan if with_kecamatan else None,
        )


def test_user_scope_error_is_indonesian_in_forms(kelurahan):
    user = User(username="x", role=User.Role.PETUGAS)
    with pytest.raises(Exception) as excinfo:
        user.full_clean()
    assert "harus memilih satu kelurahan" in str(excinfo.value)


def test_same_kelurahan_name_in_two_kecamatan(kecamatan, far_kelurahan):
    make_kelurahan(kecamatan, name=far_kelurahan.name)
    assert Kelurahan.objects.filter(name=far_kelurahan.name).count() == 2
