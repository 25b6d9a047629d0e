"""Small things a new user tripped on: BBLR flagged, "Catat SK" from a cadre's page ticks the
cadre, "+ 2A bulan ini" goes to this month's record when it exists."""

import re
from decimal import Decimal

from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from .factories_kpm import make_kader
from .factories_stunting import (
    make_child,
    make_family,
    make_mother,
    make_pregnancy,
    make_pregnancy_month,
)


def test_low_birth_weight_is_flagged_bblr(client, kelurahan, petugas):
    family = make_family(kelurahan)
    small = make_child(family, name="Anak Kecil", birth_weight_kg=Decimal("2.40"))
    make_child(family, name="Anak Cukup", birth_weight_kg=Decimal("2.50"))
    client.force_login(petugas)
    response = client.get(reverse("stunting:child_list"))
    rows = {name: "BBLR" in html for name, html in _rows(response.content.decode())}
    assert rows == {"Anak Kecil": True, "Anak Cukup": False}
    assertContains(client.get(reverse("stunting:person_detail", args=[small.pk])), "BBLR")


def _rows(html: str):
    for tr in re.findall(r"<tr>(.*?)</tr>", html, re.S):
        name = re.search(r'<a href="[^"]+">([^<]+)</a>', tr)
        if name:
            yield name.group(1), tr


def test_catat_sk_from_a_cadre_page_ticks_the_cadre(client, kelurahan, petugas):
    kader = make_kader(kelurahan, name="Sri Wahyuni")
    other = make_kader(kelurahan, name="Tutik Lestari")
    client.force_login(petugas)
    page = client.get(reverse("kpm:kader_detail", args=[kader.pk]))
    url = reverse("kpm:sk_create") + f"?kader={kader.pk}"
    assertContains(page, url)
    form = client.get(url).content.decode()
    checked = re.findall(r'<input[^>]*name="kaders"[^>]*>', form)
    ticked = {re.search(r'value="(\d+)"', c).group(1) for c in checked if "checked" in c}
    assert ticked == {str(kader.pk)}
    assert str(other.pk) in " ".join(checked)
    assert client.get(reverse("kpm:sk_create") + "?kader=abc").status_code == 200


def test_2a_this_month_goes_to_the_existing_record(client, kelurahan, petugas):
    pregnancy = make_pregnancy(make_mother(make_family(kelurahan)))
    client.force_login(petugas)
    url = reverse("stunting:pregnancy_detail", args=[pregnancy.pk])
    create = reverse("stunting:pregnancy_month_create", args=[pregnancy.pk])
    assertContains(client.get(url), create)
    record = make_pregnancy_month(pregnancy)
    response = client.get(url)
    assertNotContains(response, create)
    assertContains(response, reverse("stunting:pregnancy_month_update", args=[record.pk]))


def test_admin_history_page_speaks_indonesian(client, kelurahan, admin_user):
    family = make_family(kelurahan, head_name="Joko Santoso")
    family.head_name = "Joko Santosa"
    family.save()
    client.force_login(admin_user)
    response = client.get(reverse("admin:stunting_family_history", args=[family.pk]))
    html = re.sub(r"\s+", " ", response.content.decode())
    assert "Perubahan</th>" in html
    assert "Changes</th>" not in html
    i = html.find("<td> None </td>")
    assert i < 0, html[i - 600 : i + 100]
