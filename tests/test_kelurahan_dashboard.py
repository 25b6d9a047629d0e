from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from .factories import make_lembaga, make_official, make_rw


def test_dashboard_shows_own_figures(client, kelurahan, other_kelurahan, petugas):
    for i in range(3):
        make_lembaga(kelurahan, name=f"Posyandu {i}")
    make_lembaga(other_kelurahan, name="Posyandu tetangga")
    make_official(kelurahan, position="lurah", name="Hajar Sulistyono, S.Sos., M.Si.")
    make_rw(kelurahan, number=1)
    client.force_login(petugas)
    response = client.get(reverse("kelurahan:dashboard"))
    assertContains(response, "Hajar Sulistyono, S.Sos., M.Si.")
    posyandu_row = next(
        row for panel in response.context["panels"] for row in panel.rows if row.label == "Posyandu"
    )
    assert posyandu_row.values == [3]
    assertNotContains(response, "Dukuh Kupang")


def test_kecamatan_user_sees_kelurahan_side_by_side(
    client, kelurahan, other_kelurahan, far_kelurahan, kecamatan_user, django_assert_max_num_queries
):
    make_lembaga(kelurahan)
    make_lembaga(other_kelurahan)
    make_lembaga(other_kelurahan)
    client.force_login(kecamatan_user)
    # Each app's panels cost a fixed number of grouped queries, whatever the kelurahan count.
    with django_assert_max_num_queries(35):
        response = client.get(reverse("kelurahan:dashboard"))
    assertContains(response, "Pradah Kali Kendal")
    assertContains(response, "Dukuh Kupang")
    assertNotContains(response, "Jagir")
    columns = [k.name for k in response.context["kelurahan_list"]]
    assert columns == ["Dukuh Kupang", "Pradah Kali Kendal"]
    posyandu_row = next(
        row for panel in response.context["panels"] for row in panel.rows if row.label == "Posyandu"
    )
    assert posyandu_row.values == [2, 1]


def test_user_without_role_is_told_so(client, db):
    from .factories import make_user

    client.force_login(make_user("", username="baru"))
    assertContains(client.get(reverse("kelurahan:dashboard")), "belum diberi peran")


def test_menu_hides_what_the_role_cannot_do(client, petugas, kasi_kesra):
    client.force_login(petugas)
    labels = [
        item["label"] for item in client.get(reverse("kelurahan:dashboard")).context["nav_items"]
    ]
    assert "Posyandu" in labels
    client.force_login(kasi_kesra)
    labels = [
        item["label"] for item in client.get(reverse("kelurahan:dashboard")).context["nav_items"]
    ]
    assert "Posyandu" not in labels
    assert "Sasaran" in labels
