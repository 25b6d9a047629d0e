"""Field-work pages: a KPM task about a target, the cadre page's families with this month's gaps,
the target page's visits and the action lists' buttons (the access rules, the families a cadre
accompanies and the home visits are in tests/test_stunting_fieldwork_views.py)."""

from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from kpm.models import Tugas
from stunting.fieldwork import assign_families
from stunting.models import TaskTarget

from .factories_kpm import make_kader
from .factories_stunting import (
    days_ago,
    make_child,
    make_child_month,
    make_family,
    make_measurement,
    make_mother,
    make_pregnancy,
    today,
)
from .fieldwork_helpers import make_visit
from .stamps import post_form

# --- A task about a target -------------------------------------------------------------------


def test_create_a_task_about_a_target(client, petugas, baby, cadre, family):
    assign_families(kader=cadre, families=[family], started_on=today())
    client.force_login(petugas)
    url = reverse("stunting:task_for_target", args=[baby.pk])
    page = client.get(url)
    assertContains(page, "Kunjungan rumah: Bima")
    assert page.context["form"].initial["kaders"] == [cadre.pk]
    data = {
        "title": "Kunjungan rumah: Bima",
        "duty": "pemantauan",
        "due_date": today().isoformat(),
        "kaders": [cadre.pk],
    }
    response = post_form(client, url, data)
    tugas = Tugas.objects.get()
    assertRedirects(response, tugas.get_absolute_url(), fetch_redirect_response=False)
    assert TaskTarget.objects.get().person == baby and list(tugas.kaders.all()) == [cadre]
    assert tugas.kelurahan == baby.kelurahan and tugas.created_by == petugas


def test_an_invalid_task_re_renders(client, petugas, baby):
    client.force_login(petugas)
    url = reverse("stunting:task_for_target", args=[baby.pk])
    response = post_form(client, url, {"title": "", "duty": "x", "due_date": "kemarin"})
    assert response.status_code == 200 and response.context["form"].errors
    assert not Tugas.objects.exists()


# --- The cadre page, the target page and the action lists ---------------------------------------


def test_the_cadre_page_lists_families_with_this_months_gaps(
    client, petugas, kasi_kesra, kelurahan, cadre
):
    fine = make_family(kelurahan, head_name="Keluarga Lengkap")
    weighed = make_child(fine, name="Anak Lengkap", age_days=300)
    make_measurement(weighed, weight="9.0", height="74.0")
    make_child_month(weighed)
    gaps = make_family(kelurahan, head_name="Keluarga Celah")
    stunted = make_child(gaps, name="Anak Pendek", age_days=300)
    make_measurement(stunted, on=days_ago(40), weight="7.0", height="62.0")
    mother = make_mother(gaps, name="Ibu Celah")
    make_pregnancy(mother, status="kek")
    assign_families(kader=cadre, families=[fine, gaps], started_on=today())
    client.force_login(petugas)
    page = client.get(cadre.get_absolute_url())
    assertContains(page, "Keluarga binaan")
    assertContains(page, "Lengkap bulan ini")
    for gap in ("Belum ditimbang", "Belum ada 2B", "Belum dikunjungi", "Belum ada 2A"):
        assertContains(page, gap)
    assertContains(page, reverse("stunting:measurement_create", args=[stunted.pk]))
    assertContains(page, reverse("stunting:assignment_create") + f"?kader={cadre.pk}")
    client.force_login(kasi_kesra)
    page = client.get(cadre.get_absolute_url())
    assertContains(page, "Belum ditimbang")
    assertNotContains(page, reverse("stunting:measurement_create", args=[stunted.pk]))
    assertNotContains(page, "Tambah keluarga binaan")


def test_a_home_visit_closes_the_visit_gap(client, petugas, kelurahan, cadre):
    family = make_family(kelurahan)
    stunted = make_child(family, name="Anak Pendek", age_days=300)
    make_measurement(stunted, weight="7.0", height="62.0")
    assign_families(kader=cadre, families=[family], started_on=today())
    client.force_login(petugas)
    assertContains(client.get(cadre.get_absolute_url()), "Belum dikunjungi")
    make_visit(stunted, cadre)
    assertNotContains(client.get(cadre.get_absolute_url()), "Belum dikunjungi")


def _families(kelurahan, cadre, n):
    families = []
    for i in range(n):
        family = make_family(kelurahan)
        child = make_child(family, age_days=200 + i)
        make_measurement(child, weight="7.0", height="62.0")
        make_pregnancy(make_mother(family), status="kek")
        families.append(family)
    assign_families(kader=cadre, families=families, started_on=today())


def test_the_cadre_page_costs_the_same_queries_for_2_or_20_families(
    client, petugas, kelurahan, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    few, many = make_kader(kelurahan), make_kader(kelurahan)
    _families(kelurahan, few, 2)
    _families(kelurahan, many, 20)
    client.force_login(petugas)
    client.get(few.get_absolute_url())
    with CaptureQueriesContext(connection) as small:
        client.get(few.get_absolute_url())
    with django_assert_num_queries(len(small.captured_queries)):
        response = client.get(many.get_absolute_url())
    assert response.content.decode().count("Belum dikunjungi") == 40


def test_the_person_page_lists_visits_newest_first(client, petugas, kasi_kesra, baby, cadre):
    make_visit(baby, cadre, visit_date=days_ago(3), notes="Kunjungan lama")
    make_visit(baby, cadre, notes="Kunjungan baru")
    client.force_login(petugas)
    page = client.get(baby.get_absolute_url()).content.decode()
    assert page.index("Kunjungan baru") < page.index("Kunjungan lama")
    assert "Catat kunjungan rumah" in page
    client.force_login(kasi_kesra)
    assertNotContains(client.get(baby.get_absolute_url()), "Catat kunjungan rumah")


def test_action_lists_offer_the_follow_ups_to_editors(client, petugas, kasi_kesra, baby):
    make_measurement(baby, weight="7.0", height="62.0")
    url = reverse("stunting:action_list", args=["stunting"])
    client.force_login(petugas)
    page = client.get(url)
    assertContains(page, "Catat kunjungan rumah")
    assertContains(page, reverse("stunting:task_for_target", args=[baby.pk]))
    assertContains(page, reverse("stunting:referral_create") + f"?sasaran={baby.pk}")
    client.force_login(kasi_kesra)
    assertNotContains(client.get(url), "Catat kunjungan rumah")


def test_the_menu_has_the_field_work_pages(client, petugas):
    client.force_login(petugas)
    page = client.get(reverse("stunting:home_visit_list"))
    assertContains(page, "Keluarga binaan")
    assertContains(page, 'aria-current="page" href="' + reverse("stunting:home_visit_list"))
