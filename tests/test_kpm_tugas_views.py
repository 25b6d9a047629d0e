"""KPM tasks: list and filters, page, forms, status (who finished, when, on time), progress notes
with evidence, files served in scope, a meeting's follow-up turned into a task."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from kpm.models import RapatTindakLanjut, Tugas, TugasCatatan

from .factories_kpm import make_kader
from .factories_rapat import image_bytes, make_rapat, make_tindak_lanjut, upload
from .factories_tugas import make_program, make_tugas
from .stamps import post_form

TODAY = timezone.localdate
DAY = datetime.timedelta(days=1)
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def tugas(kelurahan):
    kader = make_kader(kelurahan, name="Siti Aminah")
    return make_tugas(
        kelurahan, kaders=[kader], title="Mendata ibu hamil RW 01", due_date=TODAY() + 7 * DAY
    )


def _url(name, *args):
    return reverse(f"kpm:{name}", args=args)


# --- Access ---------------------------------------------------------------------------------------


def test_anonymous_goes_to_login(client, tugas):
    for url in (_url("tugas_list"), tugas.get_absolute_url(), _url("tugas_create")):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_another_kelurahan_gets_404(client, tugas, other_petugas):
    client.force_login(other_petugas)
    assert client.get(tugas.get_absolute_url()).status_code == 404
    assert client.get(_url("tugas_update", tugas.pk)).status_code == 404
    assert client.post(_url("tugas_status", tugas.pk), {"status": "selesai"}).status_code == 404
    assert client.post(_url("tugas_note", tugas.pk), {"note": "x"}).status_code == 404
    assertNotContains(client.get(_url("tugas_list")), "Mendata ibu hamil RW 01")
    tugas.refresh_from_db()
    assert tugas.status == "baru"


def test_read_only_roles_read_but_do_not_write(client, tugas, kasi_kesra, kecamatan_user):
    for user in (kasi_kesra, kecamatan_user):
        client.force_login(user)
        page = client.get(tugas.get_absolute_url())
        assertContains(page, "Mendata ibu hamil RW 01")
        assertNotContains(page, "Tandai selesai")
        assertNotContains(page, "Simpan catatan")
        assertContains(client.get(_url("tugas_list")), "Mendata ibu hamil RW 01")
        assert client.get(_url("tugas_create")).status_code == 403
        assert client.get(_url("tugas_update", tugas.pk)).status_code == 403
        assert client.post(_url("tugas_status", tugas.pk), {"status": "selesai"}).status_code == 403
        assert client.post(_url("tugas_note", tugas.pk), {"note": "x"}).status_code == 403
    assert not TugasCatatan.objects.exists()


# --- Terlambat (derived) and the list -------------------------------------------------------------


def test_terlambat_is_derived_from_the_due_date_never_stored(kelurahan):
    late = make_tugas(kelurahan, due_date=TODAY() - DAY, status="berjalan")
    due_today = make_tugas(kelurahan, due_date=TODAY())
    done_late = make_tugas(
        kelurahan, due_date=TODAY() - 3 * DAY, status="selesai", finished_on=TODAY()
    )
    cancelled = make_tugas(kelurahan, due_date=TODAY() - 3 * DAY, status="dibatalkan")
    assert list(Tugas.objects.overdue()) == [late]
    assert late.is_overdue() and not due_today.is_overdue()
    assert not done_late.is_overdue() and not cancelled.is_overdue()
    assert late.is_overdue(TODAY() - 2 * DAY) is False  # the same row, seen two days earlier
    assert "terlambat" not in {choice for choice, _label in Tugas.Status.choices}


def test_list_marks_overdue_and_filters(client, kelurahan, petugas):
    kader = make_kader(kelurahan, name="Rina")
    make_tugas(kelurahan, kaders=[kader], title="Tugas lewat", due_date=TODAY() - 2 * DAY)
    make_tugas(kelurahan, title="Tugas nanti", due_date=TODAY() + 2 * DAY, duty="anggaran")
    make_tugas(
        kelurahan,
        title="Tugas beres",
        due_date=TODAY() - 9 * DAY,
        status="selesai",
        finished_on=TODAY() - 9 * DAY,
    )
    client.force_login(petugas)
    page = client.get(_url("tugas_list"))
    # The badge of the one late row (in the wide and in the phone layout) and the filter choice.
    assertContains(page, "Terlambat", count=3)
    overdue = client.get(_url("tugas_list"), {"status": "terlambat"})
    assertContains(overdue, "Tugas lewat")
    assertNotContains(overdue, "Tugas nanti")
    assertNotContains(overdue, "Tugas beres")
    by_duty = client.get(_url("tugas_list"), {"duty": "anggaran"})
    assertContains(by_duty, "Tugas nanti")
    assertNotContains(by_duty, "Tugas lewat")
    by_kader = client.get(_url("tugas_list"), {"kader": kader.pk})
    assertContains(by_kader, "Tugas lewat")
    assertNotContains(by_kader, "Tugas nanti")
    month = TODAY().strftime("%Y-%m")
    assert client.get(_url("tugas_list"), {"bulan": month}).status_code == 200


def test_hostile_query_parameters_are_no_500(client, tugas, petugas):
    client.force_login(petugas)
    for params in (
        {"status": "hilang"},
        {"kader": "abc"},
        {"bulan": "2021-13"},
        {"bulan": "9999-12"},
        {"bulan": "0001-01"},
        {"page": "9999"},
        {"program": "-1"},
        {"paket": "'; DROP TABLE"},
    ):
        assert client.get(_url("tugas_list"), params).status_code == 200


def test_list_pins_its_queries(client, kelurahan, petugas, django_assert_max_num_queries):
    kaders = [make_kader(kelurahan) for _ in range(3)]
    program = make_program(kelurahan)
    for n in range(25):
        make_tugas(kelurahan, kaders=kaders, program=program, due_date=TODAY() + (n - 10) * DAY)
    client.force_login(petugas)
    with django_assert_max_num_queries(9):
        response = client.get(_url("tugas_list"))
    assert len(response.context["page_obj"]) == 25


# --- Form -----------------------------------------------------------------------------------------


def test_create_with_two_cadres_and_scoped_choices(client, kelurahan, other_kelurahan, petugas):
    first, second = make_kader(kelurahan, name="Ani"), make_kader(kelurahan, name="Budi")
    foreign = make_kader(other_kelurahan, name="Kader Dukuh Kupang")
    make_program(other_kelurahan, name="Program kelurahan lain")
    client.force_login(petugas)
    url = _url("tugas_create")
    page = client.get(url)
    assertContains(page, "Ani")
    assertNotContains(page, "Kader Dukuh Kupang")
    assertNotContains(page, "Program kelurahan lain")
    data = {
        "title": "Sosialisasi tikar pertumbuhan",
        "duty": "sosialisasi",
        "stage": "pelaksanaan",
        "paket": "gizi",
        "due_date": "2021-03-31",
        "kaders": [first.pk, second.pk],
    }
    response = post_form(client, url, data)
    tugas = Tugas.objects.get(title="Sosialisasi tikar pertumbuhan")
    assertRedirects(response, tugas.get_absolute_url())
    assert tugas.kelurahan == kelurahan and tugas.created_by == petugas
    assert set(tugas.kaders.all()) == {first, second}
    response = post_form(client, url, {**data, "title": "Lain", "kaders": [foreign.pk]})
    assertContains(response, "Masukkan pilihan yang valid")


def test_invalid_post_re_renders_with_the_error(client, tugas, petugas):
    client.force_login(petugas)
    url = _url("tugas_update", tugas.pk)
    response = post_form(client, url, {"title": "", "duty": "bukan", "due_date": "kemarin"})
    assert response.status_code == 200
    assertContains(response, "Data belum disimpan")
    tugas.refresh_from_db()
    assert tugas.title == "Mendata ibu hamil RW 01"


# --- Status ---------------------------------------------------------------------------------------


def test_finishing_keeps_who_when_and_on_time(client, tugas, lurah):
    client.force_login(lurah)
    response = client.post(_url("tugas_status", tugas.pk), {"status": "selesai"})
    assertRedirects(response, tugas.get_absolute_url(), fetch_redirect_response=False)
    tugas.refresh_from_db()
    assert (tugas.status, tugas.finished_on, tugas.finished_by) == ("selesai", TODAY(), lurah)
    assert tugas.finished_on_time is True
    page = client.get(tugas.get_absolute_url())
    assertContains(page, "Status tugas sekarang selesai.")
    assertContains(page, "dicatat oleh lurah")
    assertContains(page, "tepat waktu")
    # A double tap changes nothing; reopening clears who and when.
    client.post(_url("tugas_status", tugas.pk), {"status": "selesai"})
    client.post(_url("tugas_status", tugas.pk), {"status": "berjalan"})
    tugas.refresh_from_db()
    assert (tugas.finished_on, tugas.finished_by, tugas.finished_on_time) == (None, None, None)


def test_finishing_late_is_marked_late(client, kelurahan, petugas):
    tugas = make_tugas(kelurahan, due_date=TODAY() - 3 * DAY)
    client.force_login(petugas)
    client.post(_url("tugas_status", tugas.pk), {"status": "selesai"})
    tugas.refresh_from_db()
    assert tugas.finished_on_time is False
    assertContains(client.get(tugas.get_absolute_url()), "melewati batas waktu")


def test_unknown_status_changes_nothing(client, tugas, petugas):
    client.force_login(petugas)
    response = client.post(_url("tugas_status", tugas.pk), {"status": "terlambat"}, follow=True)
    assertContains(response, "Status tugas tidak dikenal")
    tugas.refresh_from_db()
    assert tugas.status == "baru"
    assert client.get(_url("tugas_status", tugas.pk)).status_code == 405


# --- Progress notes and evidence ------------------------------------------------------------------


def test_note_with_a_photo_is_re_encoded_and_served_in_scope(
    client, tugas, petugas, other_petugas, media
):
    client.force_login(petugas)
    original = image_bytes(size=(3000, 2000))
    data = {"note": "RW 01 sudah didata.", "attachment": upload("foto.jpg", original)}
    response = client.post(_url("tugas_note", tugas.pk), data)
    assertRedirects(response, tugas.get_absolute_url() + "#catatan", fetch_redirect_response=False)
    row = TugasCatatan.objects.get()
    assert row.attachment_kind == "foto" and row.written_by == petugas
    assert "foto.jpg" not in row.attachment.name and row.thumbnail
    tugas.refresh_from_db()
    assert tugas.status == "berjalan"  # a note starts the work
    page = client.get(tugas.get_absolute_url())
    assertContains(page, "RW 01 sudah didata.")
    small_url = _url("tugas_note_file", tugas.pk, row.pk, "kecil")
    assertContains(page, small_url)
    small = client.get(small_url)
    assert small.status_code == 200 and small["Content-Type"] == "image/jpeg"
    full = client.get(_url("tugas_note_file", tugas.pk, row.pk, "asli"))
    assert len(b"".join(full.streaming_content)) < len(original)
    client.force_login(other_petugas)
    assert client.get(small_url).status_code == 404


def test_note_with_a_pdf(client, tugas, petugas, media):
    client.force_login(petugas)
    data = {
        "note": "Daftar hadir kelas.",
        "attachment": upload("hadir.pdf", PDF, "application/pdf"),
    }
    client.post(_url("tugas_note", tugas.pk), data)
    row = TugasCatatan.objects.get()
    assert row.attachment_kind == "pdf" and not row.thumbnail
    assertContains(client.get(tugas.get_absolute_url()), "Buka PDF bukti")
    response = client.get(_url("tugas_note_file", tugas.pk, row.pk, "asli"))
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == PDF
    assert client.get(_url("tugas_note_file", tugas.pk, row.pk, "kecil")).status_code == 404
    assert client.get(_url("tugas_note_file", tugas.pk, row.pk, "lain")).status_code == 404


def test_other_files_are_refused_and_the_note_text_kept(client, tugas, petugas, media):
    client.force_login(petugas)
    data = {
        "note": "Catatan yang tidak boleh hilang",
        "attachment": upload("foto.jpg", b"MZ\x90\x00 not an image", "image/jpeg"),
    }
    response = client.post(_url("tugas_note", tugas.pk), data)
    assert response.status_code == 200
    assertContains(response, "Lampiran harus foto JPEG/PNG atau berkas PDF")
    assertContains(response, "Catatan yang tidak boleh hilang")
    assert not TugasCatatan.objects.exists()
    assert not any(media.rglob("*.*"))


def test_empty_note_is_refused(client, tugas, petugas):
    client.force_login(petugas)
    response = client.post(_url("tugas_note", tugas.pk), {"note": ""})
    assert response.status_code == 200
    assertContains(response, "Bidang ini tidak boleh kosong.")
    assert not TugasCatatan.objects.exists()


def test_note_of_another_task_is_404(client, kelurahan, tugas, petugas, media):
    client.force_login(petugas)
    client.post(
        _url("tugas_note", tugas.pk),
        {"note": "x", "attachment": upload("a.jpg", image_bytes())},
    )
    row = TugasCatatan.objects.get()
    other = make_tugas(kelurahan)
    assert client.get(_url("tugas_note_file", other.pk, row.pk, "asli")).status_code == 404


def test_detail_pins_its_queries(client, tugas, petugas, django_assert_max_num_queries):
    for n in range(12):
        TugasCatatan.objects.create(tugas=tugas, note=f"Catatan {n}", written_by=petugas)
    client.force_login(petugas)
    with django_assert_max_num_queries(14):
        response = client.get(tugas.get_absolute_url())
    assertContains(response, "Catatan 11")


# --- A meeting's follow-up turned into a task -----------------------------------------------------


@pytest.fixture
def followup(kelurahan):
    rapat = make_rapat(kelurahan, title="Rapat Koordinasi KPM Bulanan")
    kader = make_kader(kelurahan, name="Dewi")
    return make_tindak_lanjut(
        rapat,
        description="Merekap kehadiran sasaran di posyandu",
        assignee_kader=kader,
        due_date=TODAY() + 5 * DAY,
    )


def test_follow_up_becomes_a_task_once_linked_both_ways(client, followup, petugas):
    client.force_login(petugas)
    url = _url("tugas_from_followup", followup.pk)
    response = client.post(url)
    tugas = Tugas.objects.get()
    assertRedirects(response, tugas.get_absolute_url(), fetch_redirect_response=False)
    assert tugas.followup == followup and followup.task == tugas
    assert tugas.title == "Merekap kehadiran sasaran di posyandu"
    assert [k.name for k in tugas.kaders.all()] == ["Dewi"]
    page = client.get(tugas.get_absolute_url())
    assertContains(page, "Tindak lanjut dijadikan tugas.")
    assertContains(page, followup.rapat.get_absolute_url())
    # Again: the same task, nothing new.
    client.post(url)
    assert Tugas.objects.count() == 1
    # The meeting's page and the follow-up list link to the task instead of the button.
    for page_url in (followup.rapat.get_absolute_url(), _url("rapat_followup_list")):
        page = client.get(page_url)
        assertContains(page, tugas.get_absolute_url())
        assertNotContains(page, "Jadikan tugas")
    # Finishing the task finishes the follow-up.
    client.post(_url("tugas_status", tugas.pk), {"status": "selesai"})
    followup.refresh_from_db()
    assert followup.status == RapatTindakLanjut.Status.SELESAI and followup.done_on == TODAY()


def test_follow_up_button_shows_for_editors_only(client, followup, petugas, kasi_kesra):
    client.force_login(petugas)
    assertContains(client.get(followup.rapat.get_absolute_url()), "Jadikan tugas")
    assertContains(client.get(_url("rapat_followup_list")), "Jadikan tugas")
    client.force_login(kasi_kesra)
    assertNotContains(client.get(followup.rapat.get_absolute_url()), "Jadikan tugas")
    assert client.post(_url("tugas_from_followup", followup.pk)).status_code == 403
    assert not Tugas.objects.exists()


def test_closed_follow_up_is_not_made_a_task(client, followup, petugas):
    followup.status, followup.done_on = "selesai", TODAY()
    followup.save()
    client.force_login(petugas)
    response = client.post(_url("tugas_from_followup", followup.pk), follow=True)
    assertContains(response, "sudah selesai atau batal tidak dijadikan tugas")
    assert not Tugas.objects.exists()


def test_follow_up_of_another_kelurahan_is_404(client, followup, other_petugas):
    client.force_login(other_petugas)
    assert client.post(_url("tugas_from_followup", followup.pk)).status_code == 404
    assert client.get(_url("tugas_from_followup", followup.pk)).status_code in (404, 405)


def test_follow_up_list_pins_its_queries(client, kelurahan, petugas, django_assert_max_num_queries):
    rapat = make_rapat(kelurahan)
    for n in range(20):
        row = make_tindak_lanjut(rapat, due_date=TODAY() + n * DAY)
        if n % 2:
            make_tugas(kelurahan, followup=row)
    client.force_login(petugas)
    with django_assert_max_num_queries(10):
        response = client.get(_url("rapat_followup_list"))
    assertContains(response, "Jadikan tugas", count=10)


# --- The cadre's page and the dashboard -----------------------------------------------------------


def test_cadre_page_shows_open_and_finished_tasks(client, kelurahan, petugas):
    kader = make_kader(kelurahan, name="Lestari")
    make_tugas(kelurahan, kaders=[kader], title="Tugas terbuka Lestari")
    make_tugas(
        kelurahan,
        kaders=[kader],
        title="Tugas beres Lestari",
        status="selesai",
        finished_on=datetime.date(2021, 1, 20),
    )
    make_tugas(kelurahan, title="Tugas orang lain")
    client.force_login(petugas)
    page = client.get(kader.get_absolute_url())
    assertContains(page, "Tugas terbuka Lestari")
    assertContains(page, "Tugas beres Lestari")
    assertNotContains(page, "Tugas orang lain")


def test_dashboard_counts_overdue_tasks(client, kelurahan, petugas):
    for _ in range(3):
        make_tugas(kelurahan, due_date=TODAY() - DAY)
    make_tugas(kelurahan, due_date=TODAY() + DAY)
    client.force_login(petugas)
    page = client.get(reverse("kelurahan:dashboard"))
    panel = next(p for p in page.context["panels"] if p.title == "Tugas KPM")
    assert [(row.label, row.values) for row in panel.rows] == [
        ("Tugas belum selesai", [4]),
        ("Tugas terlambat", [3]),
    ]
    assertContains(page, _url("tugas_list") + "?status=terlambat")
