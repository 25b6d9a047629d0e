"""KPM tasks seen together: the board by status, the month calendar of due dates and the .xlsx
export; all three read the task filter, stay in the user's scope and keep their query count."""

import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from kelurahan import dates
from kelurahan.models import OPD
from kpm.exports_tugas import task_columns
from kpm.models import Duty, Program, Tugas

from .factories import make_lembaga
from .factories_kpm import make_kader

PAGES = ["kpm:tugas_board", "kpm:tugas_calendar", "kpm:tugas_export"]


def make_tugas(kelurahan, kaders=(), **fields) -> Tugas:
    fields.setdefault("title", "Rekap posyandu")
    fields.setdefault("duty", Duty.PEMANTAUAN)
    fields.setdefault("due_date", timezone.localdate() + datetime.timedelta(days=7))
    if fields.get("status") == Tugas.Status.SELESAI:
        fields.setdefault("finished_on", fields["due_date"])
        fields.setdefault("finished_on_time", fields["finished_on"] <= fields["due_date"])
    tugas = Tugas.objects.create(kelurahan=kelurahan, **fields)
    tugas.kaders.set(kaders)
    return tugas


def days(n: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=n)


def sheet_rows(response) -> list[list]:
    sheet = load_workbook(io.BytesIO(response.content)).active
    return [[c.value for c in row] for row in sheet.iter_rows()]


@pytest.fixture
def siti(kelurahan):
    return make_kader(kelurahan, name="Siti Aminah")


# --- Login, scope ----------------------------------------------------------------------------


@pytest.mark.parametrize("name", PAGES)
def test_anonymous_is_sent_to_login(client, db, name):
    url = reverse(name)
    assertRedirects(
        client.get(url), f"{reverse('login')}?next={url}", fetch_redirect_response=False
    )


@pytest.mark.parametrize("name", PAGES)
def test_another_kelurahans_tasks_stay_out(client, kelurahan, other_kelurahan, other_petugas, name):
    make_tugas(kelurahan, title="Tugas Pradah rahasia", due_date=timezone.localdate())
    make_tugas(other_kelurahan, title="Tugas Dukuh Kupang", due_date=timezone.localdate())
    client.force_login(other_petugas)
    response = client.get(reverse(name))
    assert response.status_code == 200
    text = response.content.decode() if name != "kpm:tugas_export" else str(sheet_rows(response))
    assert "Tugas Dukuh Kupang" in text and "Tugas Pradah rahasia" not in text


@pytest.mark.parametrize("name", PAGES)
def test_read_only_roles_read(client, kelurahan, other_kelurahan, kasi_kesra, kecamatan_user, name):
    make_tugas(kelurahan, title="Tugas Pradah", due_date=timezone.localdate())
    make_tugas(other_kelurahan, title="Tugas Dukuh Kupang", due_date=timezone.localdate())
    client.force_login(kasi_kesra)
    assert client.get(reverse(name)).status_code == 200
    client.force_login(kecamatan_user)  # every kelurahan of the kecamatan
    response = client.get(reverse(name))
    text = response.content.decode() if name != "kpm:tugas_export" else str(sheet_rows(response))
    assert "Tugas Pradah" in text and "Tugas Dukuh Kupang" in text


@pytest.mark.parametrize("name", PAGES)
def test_hostile_query_parameters_are_ignored(client, petugas, name):
    client.force_login(petugas)
    query = {"bulan": "9999-99", "kader": "x'--", "status": "semua", "program": "-1", "page": "z"}
    assert client.get(reverse(name), query).status_code == 200
    assert client.get(reverse(name), {"bulan": "0001-01"}).status_code == 200


# --- Board -----------------------------------------------------------------------------------


def test_board_puts_tasks_in_their_columns(client, kelurahan, petugas, siti):
    make_tugas(kelurahan, [siti], title="Kunjungan rumah ibu hamil KEK", due_date=days(-3))
    make_tugas(kelurahan, title="Rekap posyandu Mei", status=Tugas.Status.BERJALAN)
    make_tugas(kelurahan, title="Sosialisasi tikar", status="selesai", due_date=days(-5))
    make_tugas(kelurahan, title="Tugas lama", status="selesai", due_date=days(-90))
    make_tugas(kelurahan, title="Tugas batal", status=Tugas.Status.DIBATALKAN)
    client.force_login(petugas)
    response = client.get(reverse("kpm:tugas_board"))
    columns = {c["status"]: [t.title for t in c["cards"]] for c in response.context["columns"]}
    assert columns == {
        "baru": ["Kunjungan rumah ibu hamil KEK"],
        "berjalan": ["Rekap posyandu Mei"],
        "selesai": ["Sosialisasi tikar"],
        "dibatalkan": ["Tugas batal"],
    }
    assertContains(response, "Terlambat</span>", count=1)  # the badge
    assertContains(response, "Siti Aminah")
    assertContains(response, "1 tugas lain tidak ditampilkan: lihat daftar")
    assertContains(response, reverse("kpm:tugas_list") + "?status=selesai")
    # Choosing the month shows that month's finished work.
    old = dates.month_start(days(-90))
    response = client.get(reverse("kpm:tugas_board"), {"bulan": f"{old:%Y-%m}"})
    assertContains(response, "Tugas lama")
    assertNotContains(response, "tidak ditampilkan")


def test_board_reads_the_filter(client, kelurahan, petugas, siti):
    make_tugas(kelurahan, [siti], title="Tugas Siti", due_date=days(-1))
    make_tugas(kelurahan, title="Tugas orang lain")
    client.force_login(petugas)
    response = client.get(reverse("kpm:tugas_board"), {"kader": siti.pk})
    assertContains(response, "Tugas Siti")
    assertNotContains(response, "Tugas orang lain")
    response = client.get(reverse("kpm:tugas_board"), {"status": "terlambat"})
    assertContains(response, "Tugas Siti")
    assertNotContains(response, "Tugas orang lain")
    assert response.context["filter"].form["status"].value() == "terlambat"
    # The export and the calendar keep the same filter.
    assertContains(response, reverse("kpm:tugas_export") + "?status=terlambat")


def test_board_keeps_its_query_count(client, kelurahan, petugas, django_assert_max_num_queries):
    kaders = [make_kader(kelurahan) for _ in range(4)]
    program = Program.objects.create(
        kelurahan=kelurahan, name="Rembuk stunting", start_date=days(-60)
    )
    for n in range(60):
        status = ["baru", "berjalan", "selesai", "dibatalkan"][n % 4]
        make_tugas(kelurahan, kaders[n % 4 :], title=f"Tugas {n}", status=status, program=program)
    client.force_login(petugas)
    with django_assert_max_num_queries(14):
        response = client.get(reverse("kpm:tugas_board"))
    assert sum(len(c["cards"]) for c in response.context["columns"]) == 60


def test_board_column_shows_at_most_its_limit(client, kelurahan, petugas, monkeypatch):
    monkeypatch.setattr("kpm.views.tugas_board.CARD_LIMIT", 3)
    for n in range(5):
        make_tugas(kelurahan, title=f"Tugas {n}", due_date=days(n))
    client.force_login(petugas)
    response = client.get(reverse("kpm:tugas_board"))
    assert [t.title for t in response.context["columns"][0]["cards"]] == [
        "Tugas 0",
        "Tugas 1",
        "Tugas 2",
    ]
    assertContains(response, "2 tugas lain tidak ditampilkan")


# --- Calendar --------------------------------------------------------------------------------


def test_calendar_shows_due_dates_of_the_month(
    client, kelurahan, petugas, siti, django_assert_max_num_queries
):
    for day in range(1, 29):
        make_tugas(
            kelurahan, [siti], title=f"Tugas tanggal {day}", due_date=datetime.date(2020, 12, day)
        )
    make_tugas(kelurahan, title="Tugas Januari", due_date=datetime.date(2021, 1, 4))
    make_tugas(
        kelurahan, title="Tugas selesai", due_date=datetime.date(2020, 12, 29), status="selesai"
    )
    client.force_login(petugas)
    with django_assert_max_num_queries(7):
        response = client.get(reverse("kpm:tugas_calendar"), {"bulan": "2020-12"})
    assertContains(response, "Batas waktu tugas bulan Desember 2020")
    assertContains(response, "Tugas tanggal 28")
    assertNotContains(response, "Tugas Januari")
    weeks = response.context["weeks"]
    assert weeks[0][0]["day"] == datetime.date(2020, 11, 30)  # Monday first
    assert [t.title for t in weeks[0][1]["items"]] == ["Tugas tanggal 1"]
    # Open tasks of a past month are overdue (in the grid and in the phone list); done ones not.
    assertContains(response, "Terlambat</span>", count=2 * 28)
    assertContains(response, "?bulan=2021-01")  # the next month's link
    assertContains(response, "Januari 2021")


def test_calendar_month_links_keep_the_filter(client, kelurahan, petugas, siti):
    make_tugas(kelurahan, [siti], title="Tugas Siti", due_date=datetime.date(2020, 12, 3))
    make_tugas(kelurahan, title="Tugas lain", due_date=datetime.date(2020, 12, 3))
    client.force_login(petugas)
    response = client.get(reverse("kpm:tugas_calendar"), {"bulan": "2020-12", "kader": siti.pk})
    assertContains(response, "Tugas Siti")
    assertNotContains(response, "Tugas lain")
    assertContains(response, f"?bulan=2021-01&amp;kader={siti.pk}")
    assertContains(response, f"?bulan=2020-11&amp;kader={siti.pk}")


def test_calendar_defaults_to_this_month(client, kelurahan, petugas):
    make_tugas(kelurahan, title="Tugas bulan ini", due_date=timezone.localdate())
    client.force_login(petugas)
    for query in ({}, {"bulan": "bukan-bulan"}):
        response = client.get(reverse("kpm:tugas_calendar"), query)
        assert response.context["month"] == dates.this_month()
        assertContains(response, "Tugas bulan ini")


# --- Export ----------------------------------------------------------------------------------


def test_export_has_headers_over_their_columns_and_real_dates(client, kelurahan, petugas, siti):
    puskesmas = OPD.objects.create(
        kota=kelurahan.kecamatan.kota, kind=OPD.Kind.PUSKESMAS, name="Puskesmas Pakis"
    )
    posyandu = make_lembaga(kelurahan, name="Posyandu Melati")
    program = Program.objects.create(
        kelurahan=kelurahan, name="Rembuk stunting", start_date=days(-60)
    )
    make_tugas(
        kelurahan,
        [siti],
        title='=HYPERLINK("http://x")',
        stage="pelaksanaan",
        paket="kia",
        partner_lembaga=posyandu,
        partner_opd=puskesmas,
        program=program,
        due_date=datetime.date(2020, 12, 10),
    )
    make_tugas(
        kelurahan,
        title="Rekap posyandu",
        status="selesai",
        due_date=datetime.date(2020, 12, 10),
        finished_on=datetime.date(2020, 12, 12),
    )
    client.force_login(petugas)
    client.cookies["django_language"] = "en"  # the file stays Indonesian
    response = client.get(reverse("kpm:tugas_export"))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    rows = sheet_rows(response)
    headers = rows[0]
    assert headers == [c.header for c in task_columns(timezone.localdate())]
    assert headers[:12] == [
        "Judul",
        "Tugas KPM",
        "Tahap siklus",
        "Paket layanan",
        "Kader",
        "Mitra",
        "Program",
        "Batas waktu",
        "Status",
        "Terlambat",
        "Selesai tanggal",
        "Tepat waktu",
    ]
    assert all(len(row) == len(headers) for row in rows)
    late, done = (dict(zip(headers, row, strict=True)) for row in rows[1:])
    assert late["Judul"] == '=HYPERLINK("http://x")'  # text, not a formula
    assert late["Tugas KPM"] == "Pemantauan layanan sasaran 1000 HPK"
    assert late["Tahap siklus"] == "Pelaksanaan"
    assert late["Kader"] == "Siti Aminah"
    assert late["Mitra"] == "Posyandu Melati; Puskesmas Pakis"
    assert late["Program"] == "Rembuk stunting"
    assert late["Batas waktu"] == datetime.datetime(2020, 12, 10)  # a date cell
    assert (late["Status"], late["Terlambat"], late["Tepat waktu"]) == ("Baru", "ya", None)
    assert done["Selesai tanggal"] == datetime.datetime(2020, 12, 12)
    assert (done["Status"], done["Terlambat"], done["Tepat waktu"]) == ("Selesai", "tidak", "tidak")
    assert late["Kelurahan"] == "Pradah Kali Kendal"
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet["A2"].data_type == "s"


def test_export_reads_the_filter(client, kelurahan, petugas, siti, django_assert_max_num_queries):
    for n in range(30):
        make_tugas(
            kelurahan,
            [siti, make_kader(kelurahan)],
            title=f"Tugas {n}",
            due_date=datetime.date(2020, 12, 1 + n % 28),
        )
    make_tugas(kelurahan, title="Tugas Januari", due_date=datetime.date(2021, 1, 4))
    client.force_login(petugas)
    with django_assert_max_num_queries(4):
        response = client.get(reverse("kpm:tugas_export"), {"bulan": "2020-12"})
    rows = sheet_rows(response)
    assert len(rows) == 31
    assert "Tugas Januari" not in str(rows)
