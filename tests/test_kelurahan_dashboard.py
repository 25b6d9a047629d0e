import re

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


def menu_links(response) -> dict[str, str]:
    """The main menu's links: label -> the link's class (includes "active" on its section)."""
    html = response.content.decode()
    start = html.index('id="mainnav"')
    menu = html[start : html.index('class="navbar-nav"', html.index("me-auto", start))]
    return {
        label: css
        for css, label in re.findall(r'<a class="([^"]*)"[^>]*href="[^"#]+">([^<]+)</a>', menu)
    }


def test_menu_hides_what_the_role_cannot_do(client, petugas, kasi_kesra):
    client.force_login(petugas)
    assert "Posyandu" in menu_links(client.get(reverse("kelurahan:dashboard")))
    client.force_login(kasi_kesra)
    links = menu_links(client.get(reverse("kelurahan:dashboard")))
    assert "Posyandu" not in links
    assert "Sasaran" in links


def test_menu_marks_the_section_of_the_page(client, petugas):
    client.force_login(petugas)
    links = menu_links(client.get(reverse("kpm:rapat_calendar")))
    assert "active" in links["Rapat"]
    assert "active" not in links["Kader KPM"]
    assert "active" not in links["Dasbor"]
    response = client.get(reverse("kelurahan:official_list"))
    assert "active" in menu_links(response)["Pejabat dan tokoh"]
    assertContains(response, 'dropdown-toggle active" href="#"')
    assertContains(response, 'aria-current="page"', count=1)


def test_menu_is_each_roles_own_after_it_was_rendered_once(client, petugas, kecamatan_user):
    """The menu's HTML is reused between requests (menu.py): never another role's or language's."""
    url = reverse("kpm:kader_list")
    client.force_login(kecamatan_user)
    assert "Skor kecamatan" in menu_links(client.get(url))
    client.force_login(petugas)
    links = menu_links(client.get(url))
    assert "Skor kecamatan" not in links and "Posyandu" in links
    assert "active" in links["Kader KPM"]
    client.cookies["django_language"] = "en"
    english = menu_links(client.get(url))
    assert "Dashboard" in english and "Dasbor" not in english
    client.cookies["django_language"] = "id"
    assert "Dasbor" in menu_links(client.get(url))
