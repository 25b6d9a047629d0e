"""Field-work pages: who may see and change them, families each cadre accompanies, home visits
(with a photo). A task about a target, the cadre page and the action lists are in
tests/test_stunting_fieldwork_pages.py."""

import io
from pathlib import Path

import pytest
from django.urls import reverse
from PIL import Image
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from kelurahan.models import Lembaga
from stunting import ages
from stunting.fieldwork import assign_families
from stunting.models import ChildMonth, FamilyAssignment, HomeVisit

from .factories import make_lembaga
from .factories_kpm import make_kader
from .factories_rapat import image_bytes, upload
from .factories_stunting import (
    days_ago,
    make_child,
    make_family,
    make_mother,
    make_pregnancy,
    this_month,
    today,
)
from .fieldwork_helpers import create_url, make_visit, visit_data
from .stamps import post_form


def jpeg_with_gps() -> bytes:
    image = Image.new("RGB", (900, 600), (200, 40, 40))
    exif = Image.Exif()
    exif[0x010F] = "Kamera HP"  # Make; a phone's photo also carries its GPS position
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif)
    return buffer.getvalue()


# --- Access ----------------------------------------------------------------------------------


def _urls(baby, visit, assignment):
    return {
        "list": reverse("stunting:assignment_list"),
        "create": reverse("stunting:assignment_create"),
        "visits": reverse("stunting:home_visit_list"),
        "visit_create": create_url(baby),
        "visit_update": reverse("stunting:home_visit_update", args=[visit.pk]),
        "photo": reverse("stunting:home_visit_photo", args=[visit.pk, "kecil"]),
        "task": reverse("stunting:task_for_target", args=[baby.pk]),
        "unassign": reverse("stunting:assignment_delete", args=[assignment.pk]),
        "visit_delete": reverse("stunting:home_visit_delete", args=[visit.pk]),
    }


@pytest.fixture
def records(baby, cadre, family):
    assign_families(kader=cadre, families=[family], started_on=today())
    return _urls(baby, make_visit(baby, cadre), FamilyAssignment.objects.get())


def test_anonymous_users_go_to_the_login_page(client, records):
    login = reverse("login")
    for name, url in records.items():
        method = client.post if name in ("unassign", "visit_delete") else client.get
        response = method(url)
        assert response.status_code == 302 and response.url.startswith(login), name


@pytest.mark.parametrize("name", ["visit_create", "visit_update", "task", "create"])
def test_read_only_roles_may_not_write(client, records, kasi_kesra, kecamatan_user, name):
    for user in (kasi_kesra, kecamatan_user):
        client.force_login(user)
        assert client.get(records[name]).status_code == 403


@pytest.mark.parametrize("name", ["unassign", "visit_delete"])
def test_read_only_roles_may_not_delete(client, records, kasi_kesra, name):
    client.force_login(kasi_kesra)
    assert client.post(records[name]).status_code == 403
    assert HomeVisit.objects.exists() and FamilyAssignment.objects.exists()


@pytest.mark.parametrize("name", ["list", "visits"])
def test_read_only_roles_read(client, records, kasi_kesra, kecamatan_user, name):
    for user in (kasi_kesra, kecamatan_user):
        client.force_login(user)
        assertContains(client.get(records[name]), "Bima")


@pytest.mark.parametrize(
    "name", ["visit_create", "visit_update", "photo", "task", "unassign", "visit_delete"]
)
def test_another_kelurahans_records_are_404(client, records, other_petugas, name):
    client.force_login(other_petugas)
    method = client.post if name in ("unassign", "visit_delete") else client.get
    assert method(records[name]).status_code == 404
    assert HomeVisit.objects.count() == 1 and FamilyAssignment.objects.count() == 1


def test_other_kelurahans_rows_are_not_listed(client, records, other_petugas):
    client.force_login(other_petugas)
    assertNotContains(client.get(records["visits"]), "Bima")
    assertNotContains(client.get(records["list"]), "Keluarga Bima")


@pytest.mark.parametrize("param", ["", "abc", "-1", "99999999999999999999", "1%00"])
def test_a_hostile_target_parameter_is_404(client, petugas, param):
    client.force_login(petugas)
    url = reverse("stunting:home_visit_create") + "?sasaran=" + param
    assert client.get(url).status_code == 404


# --- Families a cadre accompanies ------------------------------------------------------------


def test_assign_families_to_a_cadre(client, petugas, kelurahan, cadre):
    families = [make_family(kelurahan, head_name=f"Keluarga {n}") for n in range(3)]
    client.force_login(petugas)
    url = reverse("stunting:assignment_create") + f"?kader={cadre.pk}"
    page = client.get(url)
    assertContains(page, "Keluarga 2")
    data = {"kader": cadre.pk, "families": [families[0].pk, families[1].pk]}
    response = post_form(client, url, data | {"started_on": today().isoformat()})
    expected = reverse("stunting:assignment_list") + f"?kader={cadre.pk}"
    assertRedirects(response, expected, fetch_redirect_response=False)
    assert set(FamilyAssignment.objects.values_list("family_id", flat=True)) == {
        families[0].pk,
        families[1].pk,
    }
    listing = client.get(response.url)
    assertContains(listing, "2 keluarga ditambahkan")
    assertContains(listing, "Kader Sri")


def test_the_assignment_form_searches_families(client, petugas, kelurahan, cadre):
    make_family(kelurahan, head_name="Keluarga Mawar")
    make_family(kelurahan, head_name="Keluarga Melati")
    client.force_login(petugas)
    page = client.get(reverse("stunting:assignment_create") + "?q=mawar")
    assertContains(page, "Keluarga Mawar")
    assertNotContains(page, "Keluarga Melati")


def test_assignment_form_errors(client, petugas, cadre, kelurahan, other_kelurahan):
    client.force_login(petugas)
    url = reverse("stunting:assignment_create")
    response = post_form(client, url, {"kader": cadre.pk, "started_on": today().isoformat()})
    assertContains(response, "Pilih paling sedikit satu keluarga.")
    foreign = make_family(other_kelurahan)
    data = {"kader": cadre.pk, "families": [foreign.pk], "started_on": today().isoformat()}
    response = post_form(client, url, data)
    assert response.status_code == 200 and not FamilyAssignment.objects.exists()


def test_unassign_a_family(client, petugas, records):
    client.force_login(petugas)
    response = client.post(records["unassign"])
    assert response.status_code == 302 and not FamilyAssignment.objects.exists()
    assert client.get(records["unassign"]).status_code == 405


def test_the_list_shows_families_without_a_cadre(client, petugas, kelurahan, records):
    lonely = make_family(kelurahan, head_name="Keluarga Sendiri")
    make_child(lonely, age_days=200)
    make_family(kelurahan, head_name="Keluarga Tanpa Sasaran")
    client.force_login(petugas)
    page = client.get(records["list"])
    assertContains(page, "Keluarga Sendiri")
    assertContains(page, "tanpa kader pendamping (1)")
    assertNotContains(page, "Keluarga Tanpa Sasaran")


def test_assignment_list_filters_and_pins_its_queries(
    client, petugas, kelurahan, django_assert_max_num_queries
):
    posyandu = make_lembaga(kelurahan, kind=Lembaga.Kind.POSYANDU, name="Posyandu Anggrek")
    cadres = [make_kader(kelurahan) for _ in range(3)]
    for n in range(30):
        family = make_family(kelurahan, posyandu=posyandu if n % 2 else None)
        make_child(family, age_days=100)
        assign_families(kader=cadres[n % 3], families=[family], started_on=today())
    client.force_login(petugas)
    with django_assert_max_num_queries(14):
        response = client.get(reverse("stunting:assignment_list"))
    assert len(response.context["page_obj"]) == 25
    filtered = client.get(reverse("stunting:assignment_list") + f"?kader={cadres[0].pk}")
    assert len(filtered.context["page_obj"]) == 10
    by_posyandu = client.get(reverse("stunting:assignment_list") + f"?posyandu={posyandu.pk}")
    assert by_posyandu.context["page_obj"].paginator.count == 15
    assert client.get(reverse("stunting:assignment_list") + "?kader=x&rw=%00").status_code == 200


# --- Home visits -----------------------------------------------------------------------------


def test_record_a_home_visit_with_a_photo(
    client, petugas, kasi_kesra, other_petugas, baby, cadre, family, media
):
    assign_families(kader=cadre, families=[family], started_on=today())
    client.force_login(petugas)
    url = create_url(baby)
    page = client.get(url)
    assert page.context["form"].initial["kader"] == cadre.pk  # the family's one companion
    data = visit_data(cadre, foto=upload("kunjungan.jpg", jpeg_with_gps()))
    response = post_form(client, url, data)
    assertRedirects(response, baby.get_absolute_url())
    visit = HomeVisit.objects.get()
    assert visit.created_by == petugas and visit.child_month.home_visits == 1
    with Image.open(visit.photo.path) as stored:
        assert stored.format == "JPEG" and not stored.getexif()
    photo = client.get(reverse("stunting:home_visit_photo", args=[visit.pk, "asli"]))
    assert photo["Content-Type"] == "image/jpeg"
    thumb = client.get(reverse("stunting:home_visit_photo", args=[visit.pk, "kecil"]))
    assert thumb.status_code == 200
    assert client.get(reverse("stunting:home_visit_photo", args=[visit.pk, "x"])).status_code == 404
    client.force_login(kasi_kesra)
    assert (
        client.get(reverse("stunting:home_visit_photo", args=[visit.pk, "asli"])).status_code == 200
    )
    client.force_login(other_petugas)
    assert (
        client.get(reverse("stunting:home_visit_photo", args=[visit.pk, "asli"])).status_code == 404
    )
    client.force_login(petugas)
    person_page = client.get(baby.get_absolute_url())
    assertContains(person_page, "Ibu diajak ke posyandu")
    assertContains(person_page, "dihitung di 2B")


def test_a_photo_that_is_not_an_image_is_refused(client, petugas, baby, cadre, media):
    client.force_login(petugas)
    data = visit_data(cadre, foto=upload("foto.jpg", b"<html>bukan foto</html>"))
    response = post_form(client, create_url(baby), data)
    assertContains(response, "bukan foto JPEG atau PNG")
    assert not HomeVisit.objects.exists() and not ChildMonth.objects.exists()


def test_a_png_photo_is_served_as_png(client, petugas, baby, cadre, media):
    client.force_login(petugas)
    data = visit_data(cadre, foto=upload("denah.png", image_bytes("PNG"), "image/png"))
    post_form(client, create_url(baby), data)
    visit = HomeVisit.objects.get()
    photo = client.get(reverse("stunting:home_visit_photo", args=[visit.pk, "asli"]))
    assert photo["Content-Type"] == "image/png"


def test_invalid_visit_posts_re_render_with_the_error(
    client, petugas, baby, cadre, other_kelurahan
):
    client.force_login(petugas)
    tomorrow = ages.add_months(today(), 1).isoformat()
    response = post_form(client, create_url(baby), visit_data(cadre, visit_date=tomorrow))
    assertContains(response, "Tanggal tidak boleh di masa depan.")
    foreign = make_kader(other_kelurahan)
    response = post_form(client, create_url(baby), visit_data(foreign))
    assert response.status_code == 200 and response.context["form"].errors["kader"]
    response = post_form(client, create_url(baby), visit_data(cadre, purpose="rahasia"))
    assert response.context["form"].errors["purpose"]
    assert not HomeVisit.objects.exists()


def test_after_saving_go_to_a_safe_next_page_only(client, petugas, baby, cadre):
    client.force_login(petugas)
    back = reverse("stunting:action_list", args=["stunting"]) + "?rw=1"
    response = post_form(client, create_url(baby, next=back), visit_data(cadre))
    assertRedirects(response, back, fetch_redirect_response=False)
    for hostile in ("https://jahat.example/", "//jahat.example/", "/\\jahat.example"):
        response = post_form(client, create_url(baby, next=hostile), visit_data(cadre))
        assertRedirects(response, baby.get_absolute_url())
    assert HomeVisit.objects.count() == 4


def test_a_pregnancy_visit_from_the_pregnancy_list(client, petugas, family, cadre):
    mother = make_mother(family, name="Ibu Ani")
    pregnancy = make_pregnancy(mother, status="kek")
    client.force_login(petugas)
    url = create_url(mother, kehamilan=pregnancy.pk)
    page = client.get(url)
    assert page.context["form"].initial["pregnancy"] == pregnancy.pk
    data = visit_data(cadre, pregnancy=pregnancy.pk, purpose="ibu_hamil")
    post_form(client, url, data)
    assert HomeVisit.objects.get().pregnancy_month.home_visits == 1
    lists = client.get(reverse("stunting:pregnancy_list") + "?status=risiko")
    assertContains(lists, "Catat kunjungan rumah")


def test_a_visit_date_outside_the_pregnancy_is_refused(client, petugas, family, cadre):
    mother = make_mother(family)
    pregnancy = make_pregnancy(mother, last_period_date=days_ago(60))
    client.force_login(petugas)
    data = visit_data(cadre, pregnancy=pregnancy.pk, visit_date=days_ago(90).isoformat())
    response = post_form(client, create_url(mother), data)
    assertContains(response, "di luar masa kehamilan")


def test_edit_a_visit_into_last_month_moves_the_count(client, petugas, baby, cadre):
    visit = make_visit(baby, cadre)
    client.force_login(petugas)
    url = reverse("stunting:home_visit_update", args=[visit.pk])
    last_month = ages.add_months(this_month(), -1)
    response = post_form(client, url, visit_data(cadre, visit_date=last_month.isoformat()))
    assert response.status_code == 302
    counts = dict(ChildMonth.objects.values_list("month", "home_visits"))
    assert counts == {this_month(): 0, last_month: 1}


def test_delete_a_visit(client, petugas, baby, cadre):
    visit = make_visit(baby, cadre)
    client.force_login(petugas)
    response = client.post(reverse("stunting:home_visit_delete", args=[visit.pk]))
    assertRedirects(response, baby.get_absolute_url())
    assert not HomeVisit.objects.exists()
    assert ChildMonth.objects.get().home_visits == 0


def test_home_visit_list_filters_and_pins_its_queries(
    client, petugas, kelurahan, cadre, django_assert_max_num_queries
):
    other = make_kader(kelurahan, name="Kader Lain")
    for n in range(30):
        child = make_child(make_family(kelurahan), age_days=200 + n)
        make_visit(child, cadre if n % 2 else other, purpose="gizi" if n < 10 else "pemantauan")
    client.force_login(petugas)
    url = reverse("stunting:home_visit_list")
    with django_assert_max_num_queries(12):
        response = client.get(url)
    assert len(response.context["page_obj"]) == 25
    assert client.get(url + f"?kader={cadre.pk}").context["page_obj"].paginator.count == 15
    assert client.get(url + "?purpose=gizi").context["page_obj"].paginator.count == 10
    month = f"{this_month():%Y-%m}"
    assert client.get(url + f"?bulan={month}").context["page_obj"].paginator.count == 30
    assert client.get(url + "?bulan=2019-01").context["page_obj"].paginator.count == 0
    for hostile in ("?bulan=abc", "?bulan=99999-01", "?kader=x", "?purpose=%00", "?page=-1"):
        assert client.get(url + hostile).status_code == 200


def test_a_new_photo_replaces_the_old_files(
    client, petugas, baby, cadre, media, django_capture_on_commit_callbacks
):
    client.force_login(petugas)
    post_form(client, create_url(baby), visit_data(cadre, foto=upload("a.jpg", image_bytes())))
    visit = HomeVisit.objects.get()
    old = [visit.photo.path, visit.thumbnail.path]
    url = reverse("stunting:home_visit_update", args=[visit.pk])
    data = visit_data(cadre, foto=upload("b.png", image_bytes("PNG"), "image/png"))
    with django_capture_on_commit_callbacks(execute=True):
        post_form(client, url, data)
    visit.refresh_from_db()
    assert visit.photo.name.endswith(".png") and visit.child_month.home_visits == 1
    assert not any(Path(name).exists() for name in old)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("stunting:home_visit_delete", args=[visit.pk]))
    assert not Path(visit.photo.path).exists() and not Path(visit.thumbnail.path).exists()
