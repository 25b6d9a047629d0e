"""Login, logout, password change and lockout, in Indonesian."""

import pytest
from django.conf import settings
from django.urls import reverse
from pytest_django.asserts import assertContains, assertRedirects

from .factories import PASSWORD


def test_login_page_speaks_indonesian(client, db):
    response = client.get(reverse("login"))
    assertContains(response, "Nama pengguna")
    assertContains(response, "Sandi")
    assertContains(response, '<html lang="id">')


def test_english_browser_still_gets_indonesian(client, db):
    response = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assertContains(response, "Nama pengguna")


def test_login_then_dashboard(client, petugas):
    response = client.post(reverse("login"), {"username": "petugas", "password": PASSWORD})
    assertRedirects(response, reverse("kelurahan:dashboard"))
    assertContains(client.get(reverse("kelurahan:dashboard")), "Kelurahan Pradah Kali Kendal")


def test_wrong_password_gives_indonesian_error(client, petugas):
    response = client.post(reverse("login"), {"username": "petugas", "password": "salah"})
    assert response.status_code == 200
    assertContains(response, "Nama pengguna atau sandi salah.")


def test_repeated_failures_lock_the_account(client, petugas):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": "petugas", "password": "salah"})
    response = client.post(reverse("login"), {"username": "petugas", "password": PASSWORD})
    assert response.status_code == 429
    assertContains(response, "Akun dikunci sementara", status_code=429)
    assertContains(response, "Terlalu banyak percobaan masuk yang gagal", status_code=429)
    assert "_auth_user_id" not in client.session


def test_lockout_is_per_account_not_per_office(client, petugas, lurah):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": "petugas", "password": "salah"})
    response = client.post(reverse("login"), {"username": "lurah", "password": PASSWORD})
    assertRedirects(response, reverse("kelurahan:dashboard"))


def test_logout_is_post_only_and_ends_the_session(client, petugas):
    client.force_login(petugas)
    response = client.post(reverse("logout"))
    assertRedirects(response, reverse("login"))
    dashboard = reverse("kelurahan:dashboard")
    assertRedirects(client.get(dashboard), f"{reverse('login')}?next={dashboard}")


def test_password_change(client, petugas):
    client.force_login(petugas)
    response = client.post(
        reverse("password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "posyandu-melati-2026",
            "new_password2": "posyandu-melati-2026",
        },
    )
    assertRedirects(response, reverse("password_change_done"))
    petugas.refresh_from_db()
    assert petugas.check_password("posyandu-melati-2026")


def test_password_change_rejects_a_weak_password_in_indonesian(client, petugas):
    client.force_login(petugas)
    response = client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": "12345678", "new_password2": "12345678"},
    )
    assertContains(response, "terlalu umum")


def test_sessions_expire():
    assert settings.SESSION_COOKIE_AGE <= 12 * 60 * 60
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE


@pytest.mark.parametrize(
    ("role", "expected"),
    [("petugas", True), ("lurah", True), ("kasi_kesra", False), ("kecamatan", False)],
)
def test_who_keeps_records(request, role, expected):
    fixture = {"petugas": "petugas", "lurah": "lurah", "kasi_kesra": "kasi_kesra"}.get(
        role, "kecamatan_user"
    )
    assert request.getfixturevalue(fixture).can_edit_records is expected


# A password change whose old password is wrong.
WRONG_OLD_PASSWORD = {
    "old_password": "salah",
    "new_password1": "x-9-kpm-2026",
    "new_password2": "x-9-kpm-2026",
}


def test_wrong_old_passwords_count_as_failed_logins_and_lock_the_account(client, petugas):
    client.force_login(petugas)
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = client.post(reverse("password_change"), WRONG_OLD_PASSWORD)
        assertContains(response, "Sandi lama Anda yang dimasukkan salah")
    response = client.post(reverse("password_change"), WRONG_OLD_PASSWORD)
    assertContains(response, "Akun dikunci sementara", status_code=429)
    assert "_auth_user_id" not in client.session
    # The account is now locked for the login form too, even with the right password.
    response = client.post(reverse("login"), {"username": "petugas", "password": PASSWORD})
    assert response.status_code == 429
    petugas.refresh_from_db()
    assert petugas.check_password(PASSWORD)


def test_a_right_old_password_after_failures_still_changes_it(client, petugas):
    client.force_login(petugas)
    client.post(reverse("password_change"), WRONG_OLD_PASSWORD)
    response = client.post(
        reverse("password_change"), {**WRONG_OLD_PASSWORD, "old_password": PASSWORD}
    )
    assertRedirects(response, reverse("password_change_done"))


def test_pages_for_a_signed_in_user_are_never_stored(client, petugas):
    client.force_login(petugas)
    for url in (reverse("kelurahan:dashboard"), reverse("kpm:kader_list")):
        cache_control = client.get(url)["Cache-Control"]
        assert "no-store" in cache_control and "private" in cache_control
    # Static files are served before the check and stay cacheable.
    static = client.get("/static/css/app.css")
    assert static.status_code == 200
    assert "no-store" not in static.get("Cache-Control", "")
