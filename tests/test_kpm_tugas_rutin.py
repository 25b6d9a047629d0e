"""Monthly task templates (tugas rutin): each month's task is made once, however it is asked for
(the service, the page's button, the monthly command); the template pages, scope and roles."""

import datetime
import io

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from kelurahan import dates
from kpm.models import Duty, Tugas, TugasRutin
from kpm.services_tugas import generate_monthly_tasks, missing_monthly_tasks

from .factories_kpm import make_kader
from .stamps import post_form

MARCH = datetime.date(2024, 3, 1)


def make_rutin(kelurahan, kaders=(), **fields) -> TugasRutin:
    fields.setdefault("title", "Kunjungan rumah ibu hamil KEK")
    fields.setdefault("duty", Duty.PEMANTAUAN)
    fields.setdefault("start_month", datetime.date(2020, 1, 1))
    rutin = TugasRutin.objects.create(kelurahan=kelurahan, **fields)
    rutin.kaders.set(kaders)
    return rutin


@pytest.fixture
def rutin(kelurahan):
    kaders = [make_kader(kelurahan, name="Siti Aminah"), make_kader(kelurahan, name="Rina Wati")]
    return make_rutin(kelurahan, kaders, due_day=20)


def form_data(**overrides):
    return {
        "title": "Rekap posyandu",
        "duty": Duty.PEMANTAUAN,
        "due_day": "25",
        "start_month": "2024-02",
        "end_month": "",
        "is_active": "on",
        **overrides,
    }


# --- Made once per month ---------------------------------------------------------------------


def test_the_service_makes_a_month_task_once_with_the_template_cadres(rutin):
    assert generate_monthly_tasks(month=MARCH) == 1
    assert generate_monthly_tasks(month=MARCH) == 0
    tugas = Tugas.objects.get(template=rutin)
    assert (tugas.month, tugas.due_date, tugas.title) == (
        MARCH,
        datetime.date(2024, 3, 20),
        "Kunjungan rumah ibu hamil KEK",
    )
    assert tugas.status == Tugas.Status.BARU and tugas.duty == Duty.PEMANTAUAN
    assert {k.name for k in tugas.kaders.all()} == {"Siti Aminah", "Rina Wati"}
    # The next month is its own record.
    assert generate_monthly_tasks(month=dates.next_month(MARCH)) == 1
    assert list(rutin.tasks.order_by("month").values_list("month", flat=True)) == [
        MARCH,
        datetime.date(2024, 4, 1),
    ]


def test_a_template_outside_its_months_makes_nothing(kelurahan):
    make_rutin(kelurahan, title="Belum mulai", start_month=datetime.date(2024, 4, 1))
    make_rutin(
        kelurahan,
        title="Sudah berakhir",
        start_month=datetime.date(2023, 1, 1),
        end_month=datetime.date(2024, 2, 1),
    )
    make_rutin(kelurahan, title="Tidak aktif", is_active=False)
    assert missing_monthly_tasks(month=MARCH, kelurahan=kelurahan) == 0
    assert generate_monthly_tasks(month=MARCH) == 0
    assert not Tugas.objects.exists()
    # The last month of a template still counts.
    assert generate_monthly_tasks(month=datetime.date(2024, 2, 1)) == 1


def test_the_button_makes_this_months_tasks_once(client, rutin, petugas, other_kelurahan):
    foreign = make_rutin(other_kelurahan, title="Rekap posyandu tetangga")
    client.force_login(petugas)
    url = reverse("kpm:tugas_rutin_generate")
    month = dates.this_month()
    response = client.post(url, follow=True)
    assertRedirects(response, reverse("kpm:tugas_rutin_list"))
    assertContains(response, "1 tugas bulan ")
    assertContains(client.post(url, follow=True), "sudah dibuat semua")
    assert Tugas.objects.filter(template=rutin, month=month).count() == 1
    assert not foreign.tasks.exists()  # only the user's own kelurahan


def test_the_command_makes_the_months_tasks_once(rutin, other_kelurahan):
    foreign = make_rutin(other_kelurahan, title="Rekap posyandu tetangga")
    out = io.StringIO()
    call_command(
        "generate_tasks", "--month", "2024-03", "--kelurahan", str(rutin.kelurahan_id), stdout=out
    )
    call_command("generate_tasks", "--month", "2024-03", stdout=out)
    call_command("generate_tasks", "--month", "2024-03", stdout=out)
    assert out.getvalue().splitlines() == [
        "1 task(s) made for 2024-03 in Kelurahan Pradah Kali Kendal.",
        "1 task(s) made for 2024-03.",
        "0 task(s) made for 2024-03.",
    ]
    assert rutin.tasks.get().month == MARCH and foreign.tasks.get().month == MARCH


def test_the_command_defaults_to_this_month(rutin):
    call_command("generate_tasks", stdout=io.StringIO())
    assert rutin.tasks.get().month == dates.this_month()


@pytest.mark.parametrize(
    "args",
    [
        ["--month", "2024-13"],
        ["--month", "maret"],
        ["--month", "0001-01"],
        ["--kelurahan", "999999"],
    ],
)
def test_the_command_refuses_bad_arguments(db, args):
    with pytest.raises(CommandError):
        call_command("generate_tasks", *args, stdout=io.StringIO())


# --- The list ---------------------------------------------------------------------------------


def test_list_shows_templates_and_the_missing_count(
    client, kelurahan, petugas, rutin, django_assert_max_num_queries
):
    for n in range(15):
        kaders = [make_kader(kelurahan, name=f"Kader {n}-{i}") for i in range(3)]
        make_rutin(kelurahan, kaders, title=f"Tugas rutin {n:02d}", is_active=n % 2 == 0)
    client.force_login(petugas)
    url = reverse("kpm:tugas_rutin_list")
    with django_assert_max_num_queries(7):
        response = client.get(url)
    assertContains(response, "Kunjungan rumah ibu hamil KEK")
    assertContains(response, "Siti Aminah")
    assertContains(response, "tanggal 20 tiap bulan")
    assertContains(response, "Januari 2020 – seterusnya")
    assertContains(response, "Tidak aktif")
    assertContains(response, "9 tugas rutin belum dibuat untuk bulan ini")
    assertContains(response, reverse("kpm:tugas_rutin_generate"))
    client.post(reverse("kpm:tugas_rutin_generate"))
    assertNotContains(client.get(url), "belum dibuat untuk bulan ini")


def test_read_only_roles_read_the_list_without_buttons(client, rutin, kasi_kesra, kecamatan_user):
    for user in (kasi_kesra, kecamatan_user):
        client.force_login(user)
        response = client.get(reverse("kpm:tugas_rutin_list"))
        assertContains(response, "Kunjungan rumah ibu hamil KEK")
        assertNotContains(response, reverse("kpm:tugas_rutin_generate"))
        assertNotContains(response, reverse("kpm:tugas_rutin_create"))


# --- Login, scope, role -----------------------------------------------------------------------


def test_anonymous_is_sent_to_login(client, rutin):
    for url in [
        reverse("kpm:tugas_rutin_list"),
        reverse("kpm:tugas_rutin_create"),
        reverse("kpm:tugas_rutin_update", args=[rutin.pk]),
    ]:
        assertRedirects(client.get(url), f"{reverse('login')}?next={url}")
    assert client.post(reverse("kpm:tugas_rutin_generate")).status_code == 302
    assert not Tugas.objects.exists()


def test_read_only_roles_get_403(client, rutin, kasi_kesra, kecamatan_user):
    for user in (kasi_kesra, kecamatan_user):
        client.force_login(user)
        assert client.get(reverse("kpm:tugas_rutin_create")).status_code == 403
        assert client.get(reverse("kpm:tugas_rutin_update", args=[rutin.pk])).status_code == 403
        assert client.post(reverse("kpm:tugas_rutin_generate")).status_code == 403
    assert not Tugas.objects.exists()


def test_another_kelurahans_template_is_404(client, rutin, other_petugas):
    client.force_login(other_petugas)
    url = reverse("kpm:tugas_rutin_update", args=[rutin.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, form_data()).status_code == 404
    assertNotContains(client.get(reverse("kpm:tugas_rutin_list")), rutin.title)


def test_generate_is_post_only(client, petugas):
    client.force_login(petugas)
    assert client.get(reverse("kpm:tugas_rutin_generate")).status_code == 405


# --- The form ---------------------------------------------------------------------------------


def test_petugas_creates_a_template_with_months(client, kelurahan, petugas):
    kader = make_kader(kelurahan, name="Siti Aminah")
    client.force_login(petugas)
    url = reverse("kpm:tugas_rutin_create")
    page = client.get(url)
    assertContains(page, 'type="month"')
    assertContains(page, f'value="{dates.this_month():%Y-%m}"')  # starts this month
    response = post_form(
        client, url, form_data(kaders=[kader.pk], start_month="2024-02", end_month="2024-12")
    )
    assertRedirects(response, reverse("kpm:tugas_rutin_list"))
    rutin = TugasRutin.objects.get()
    assert (rutin.kelurahan, rutin.start_month, rutin.end_month, rutin.due_day) == (
        kelurahan,
        datetime.date(2024, 2, 1),
        datetime.date(2024, 12, 1),
        25,
    )
    assert list(rutin.kaders.all()) == [kader]


@pytest.mark.parametrize(
    "overrides, message",
    [
        (
            {"start_month": "2024-05", "end_month": "2024-02"},
            "Bulan akhir tidak boleh sebelum bulan mulai.",
        ),
        ({"start_month": "bulan depan"}, "Isi bulan seperti 2025-01 (tahun-bulan)."),
        ({"start_month": ""}, "Bidang ini tidak boleh kosong."),
        ({"due_day": "31"}, "Pastikan nilai ini lebih kecil dari atau sama dengan 28."),
        ({"due_day": "0"}, "Pastikan nilai ini lebih besar dari atau sama dengan 1."),
    ],
)
def test_invalid_template_is_refused_in_indonesian(client, petugas, overrides, message):
    client.force_login(petugas)
    response = post_form(client, reverse("kpm:tugas_rutin_create"), form_data(**overrides))
    assert response.status_code == 200
    assertContains(response, message)
    assert not TugasRutin.objects.exists()


def test_a_cadre_of_another_kelurahan_is_refused(client, petugas, other_kelurahan):
    foreign = make_kader(other_kelurahan, name="Kader Tetangga")
    client.force_login(petugas)
    response = post_form(client, reverse("kpm:tugas_rutin_create"), form_data(kaders=[foreign.pk]))
    assert response.status_code == 200
    assert not TugasRutin.objects.exists()
    assertNotContains(client.get(reverse("kpm:tugas_rutin_create")), "Kader Tetangga")


def test_lurah_updates_a_template(client, rutin, lurah):
    client.force_login(lurah)
    url = reverse("kpm:tugas_rutin_update", args=[rutin.pk])
    assertContains(client.get(url), 'value="2020-01"')
    response = post_form(
        client,
        url,
        form_data(title="Kunjungan rumah ibu hamil KEK", due_day="10", start_month="2020-01"),
    )
    assertRedirects(response, reverse("kpm:tugas_rutin_list"))
    rutin.refresh_from_db()
    assert rutin.due_day == 10 and rutin.kaders.count() == 0
