"""After the meeting: minutes, decisions, follow-ups (and their list), documentation photos."""

import datetime
import io
import os
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone
from PIL import Image
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from kpm import services_rapat
from kpm.models import Rapat, RapatFoto, RapatTindakLanjut
from kpm.uploads import MAX_PHOTO_BYTES

from .factories import make_official
from .factories_kpm import make_kader
from .factories_rapat import image_bytes, make_peserta, make_rapat, make_tindak_lanjut, upload
from .stamps import formset_data, post_form


@pytest.fixture
def rapat(kelurahan):
    rapat = make_rapat(kelurahan, title="Rapat Koordinasi Peran KPM")
    rapat.agenda.create(order=1, title="Peran KPM")
    return rapat


# --- Minutes and decisions -----------------------------------------------------------------------


def test_minutes_with_discussion_and_decisions(client, rapat, petugas):
    item = rapat.agenda.get()
    client.force_login(petugas)
    url = reverse("kpm:rapat_minutes", args=[rapat.pk])
    assert client.get(url).status_code == 200
    data = {
        "minutes": "Rapat dibuka pukul 09.00 WIB.",
        "minute_taker_name": "Retno Wulandari",
        "minute_taker_position": "Sekretaris kelurahan",
        **formset_data(
            "agenda",
            [{"id": item.pk, "order": 1, "title": "Peran KPM", "discussion": "Dari, Oleh, Untuk"}],
            initial=1,
        ),
        **formset_data("keputusan", [{"order": 1, "text": "SK KPM terbit Januari 2021"}]),
    }
    assertRedirects(post_form(client, url, data), rapat.get_absolute_url())
    rapat.refresh_from_db()
    assert rapat.minutes == "Rapat dibuka pukul 09.00 WIB."
    assert rapat.agenda.get().discussion == "Dari, Oleh, Untuk"
    assert list(rapat.keputusan.values_list("text", flat=True)) == ["SK KPM terbit Januari 2021"]
    page = client.get(rapat.get_absolute_url())
    assertContains(page, "Dari, Oleh, Untuk")
    assertContains(page, "SK KPM terbit Januari 2021")


def test_invalid_minutes_re_render(client, rapat, petugas):
    client.force_login(petugas)
    data = {
        "minutes": "x",
        **formset_data("agenda", [{"order": 2, "title": "", "discussion": "Tanpa judul"}]),
        **formset_data("keputusan", []),
    }
    response = client.post(reverse("kpm:rapat_minutes", args=[rapat.pk]), data)
    assert response.status_code == 200
    assertContains(response, "Data belum disimpan")
    assert response.context["agenda"].errors[0]["title"]
    rapat.refresh_from_db()
    assert rapat.minutes == ""


# --- Follow-ups ----------------------------------------------------------------------------------


def test_follow_ups_for_invited_people(client, kelurahan, rapat, petugas):
    kader = make_kader(kelurahan, name="Siti Aminah")
    make_peserta(rapat, kader=kader)
    client.force_login(petugas)
    url = reverse("kpm:rapat_followups", args=[rapat.pk])
    page = client.get(url)
    assertContains(page, "Siti Aminah")
    rows = [
        {"description": "Mendata sasaran 1000 HPK", "assignee_kader": kader.pk,
         "due_date": "2021-01-31", "status": "belum"},
        {"description": "Menyiapkan undangan", "assignee_name": "Panitia",
         "due_date": "2021-01-10", "status": "selesai"},
    ]  # fmt: skip
    assertRedirects(client.post(url, formset_data("tindak_lanjut", rows)), rapat.get_absolute_url())
    first = RapatTindakLanjut.objects.get(description="Mendata sasaran 1000 HPK")
    assert (first.assignee_kader, first.kelurahan) == (kader, kelurahan)
    done = RapatTindakLanjut.objects.get(description="Menyiapkan undangan")
    assert done.done_on == timezone.localdate()


def test_follow_up_needs_an_assignee(client, rapat, petugas):
    client.force_login(petugas)
    rows = [{"description": "Tanpa penanggung jawab", "due_date": "2021-01-31", "status": "belum"}]
    response = client.post(
        reverse("kpm:rapat_followups", args=[rapat.pk]), formset_data("tindak_lanjut", rows)
    )
    assert response.status_code == 200
    assertContains(response, "Isi siapa penanggung jawabnya.")
    assert not RapatTindakLanjut.objects.exists()


def test_follow_up_cannot_be_assigned_to_someone_not_invited(client, kelurahan, rapat, petugas):
    stranger = make_kader(kelurahan)
    client.force_login(petugas)
    rows = [{"description": "x", "assignee_kader": stranger.pk, "due_date": "2021-01-31",
             "status": "belum"}]  # fmt: skip
    response = client.post(
        reverse("kpm:rapat_followups", args=[rapat.pk]), formset_data("tindak_lanjut", rows)
    )
    assert response.status_code == 200
    assert response.context["formset"].errors[0]["assignee_kader"]


def test_follow_up_list_highlights_overdue_ones(
    client, kelurahan, rapat, petugas, django_assert_max_num_queries
):
    today = timezone.localdate()
    for i in range(18):
        make_tindak_lanjut(
            rapat, description=f"Tugas lancar {i}", due_date=today + datetime.timedelta(days=9)
        )
    make_tindak_lanjut(
        rapat, description="Tugas terlambat", due_date=today - datetime.timedelta(days=3)
    )
    make_tindak_lanjut(
        rapat, description="Tugas selesai", status="selesai", done_on=today, due_date=today
    )
    client.force_login(petugas)
    url = reverse("kpm:rapat_followup_list")
    with django_assert_max_num_queries(8):
        response = client.get(url)
    assert len(response.context["page_obj"]) == 20
    assertContains(response, 'class="table-danger"', count=1)
    assertContains(response, "Terlambat")
    response = client.get(url, {"state": "terlambat"})
    assertContains(response, "Tugas terlambat")
    assertNotContains(response, "Tugas lancar")
    response = client.get(url, {"state": "terbuka"})
    assertNotContains(response, "Tugas selesai")


def test_follow_up_list_is_scoped(client, other_kelurahan, rapat, other_petugas):
    make_tindak_lanjut(rapat, description="Rahasia Pradah")
    client.force_login(other_petugas)
    assertNotContains(client.get(reverse("kpm:rapat_followup_list")), "Rahasia Pradah")
    followup = RapatTindakLanjut.objects.get()
    url = reverse("kpm:rapat_followup_update", args=[followup.pk])
    assert client.get(url).status_code == 404


def test_follow_up_progress(client, rapat, petugas, kasi_kesra):
    followup = make_tindak_lanjut(rapat, description="Mendata sasaran")
    url = reverse("kpm:rapat_followup_update", args=[followup.pk])
    client.force_login(kasi_kesra)
    assert client.get(url).status_code == 403
    client.force_login(petugas)
    next_url = reverse("kpm:rapat_followup_list")
    response = post_form(client, url, {"status": "selesai", "notes": "Sudah", "next": next_url})
    assertRedirects(response, next_url)
    followup.refresh_from_db()
    assert followup.status == "selesai" and followup.done_on == timezone.localdate()
    response = client.post(url, {"status": "", "next": "https://contoh.invalid/"})
    assert response.status_code == 200
    response = post_form(client, url, {"status": "proses", "next": "https://contoh.invalid/"})
    assertRedirects(response, rapat.get_absolute_url())
    followup.refresh_from_db()
    assert followup.done_on is None


# --- Photos --------------------------------------------------------------------------------------


def test_photo_upload_makes_a_thumbnail_and_is_served_in_scope(
    client, rapat, petugas, other_petugas, media
):
    client.force_login(petugas)
    data = {"image": upload("rapat.jpg", image_bytes(size=(3000, 2000))), "caption": "Pembukaan"}
    response = client.post(reverse("kpm:rapat_photo_add", args=[rapat.pk]), data)
    assertRedirects(response, rapat.get_absolute_url() + "#dokumentasi")
    foto = RapatFoto.objects.get()
    assert foto.content_type == "image/jpeg"
    assert (foto.width, foto.height) == (2000, 1333)  # shrunk to 2000 px
    assert foto.image.name.endswith(".jpg") and "rapat.jpg" not in foto.image.name
    small = client.get(reverse("kpm:rapat_photo", args=[rapat.pk, foto.pk, "kecil"]))
    assert small.status_code == 200 and small["Content-Type"] == "image/jpeg"
    assert len(b"".join(small.streaming_content)) < len(image_bytes(size=(3000, 2000)))
    assertContains(client.get(rapat.get_absolute_url()), "Pembukaan")
    client.force_login(other_petugas)
    assert (
        client.get(reverse("kpm:rapat_photo", args=[rapat.pk, foto.pk, "asli"])).status_code == 404
    )


def test_png_is_accepted(client, rapat, petugas, media):
    client.force_login(petugas)
    data = {"image": upload("denah.png", image_bytes("PNG"), "image/png")}
    client.post(reverse("kpm:rapat_photo_add", args=[rapat.pk]), data)
    assert RapatFoto.objects.get().content_type == "image/png"


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("foto.jpg", b"%PDF-1.4 this is a document, not a photo" * 20),
        ("foto.jpg", b"MZ\x90\x00" + b"\x00" * 400),
        ("animasi.jpg", image_bytes("GIF")),
        ("rusak.jpg", image_bytes()[:200]),
    ],
)
def test_non_images_renamed_to_jpg_are_refused(client, rapat, petugas, media, name, content):
    client.force_login(petugas)
    response = client.post(
        reverse("kpm:rapat_photo_add", args=[rapat.pk]), {"image": upload(name, content)}
    )
    assert response.status_code == 200
    assertContains(response, "Berkas ini bukan foto JPEG atau PNG")
    assert not RapatFoto.objects.exists()
    assert not any(media.rglob("*.*"))


def test_too_large_photo_is_refused(client, rapat, petugas, media):
    noise = Image.frombytes("RGB", (1800, 1600), os.urandom(1800 * 1600 * 3))
    buffer = io.BytesIO()
    noise.save(buffer, "PNG")
    assert buffer.tell() > MAX_PHOTO_BYTES
    client.force_login(petugas)
    response = client.post(
        reverse("kpm:rapat_photo_add", args=[rapat.pk]),
        {"image": upload("besar.png", buffer.getvalue(), "image/png")},
    )
    assertContains(response, "Foto terlalu besar")
    assert not RapatFoto.objects.exists()


def test_photo_files_are_taken_back_when_the_row_cannot_be_written(db, media):
    unsaved_meeting = Rapat(title="Belum disimpan")
    with pytest.raises(ValueError):
        services_rapat.add_photo(rapat=unsaved_meeting, upload=upload("a.jpg", image_bytes()))
    assert not RapatFoto.objects.exists()
    assert not any(media.rglob("*.*"))


def test_photo_delete_removes_the_files(
    client, rapat, petugas, media, django_capture_on_commit_callbacks
):
    client.force_login(petugas)
    url = reverse("kpm:rapat_photo_add", args=[rapat.pk])
    client.post(url, {"image": upload("a.jpg", image_bytes())})
    foto = RapatFoto.objects.get()
    files = [Path(foto.image.path), Path(foto.thumbnail.path)]
    assert all(f.exists() for f in files)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("kpm:rapat_photo_delete", args=[rapat.pk, foto.pk]))
    assertRedirects(response, rapat.get_absolute_url() + "#dokumentasi")
    assert not RapatFoto.objects.exists()
    assert not any(f.exists() for f in files)
    photo_url = reverse("kpm:rapat_photo", args=[rapat.pk, foto.pk, "asli"])
    assert client.get(photo_url).status_code == 404


def test_official_can_be_assigned_a_follow_up(client, kelurahan, rapat, petugas):
    babinsa = make_official(kelurahan, position="babinsa", name="Serka Heru")
    make_peserta(rapat, official=babinsa)
    client.force_login(petugas)
    rows = [{"description": "Mendampingi kunjungan rumah", "assignee_official": babinsa.pk,
             "due_date": "2021-02-01", "status": "proses"}]  # fmt: skip
    client.post(
        reverse("kpm:rapat_followups", args=[rapat.pk]), formset_data("tindak_lanjut", rows)
    )
    assert RapatTindakLanjut.objects.get().assignee_official == babinsa


def test_two_assignees_is_said_once_on_the_field(client, kelurahan, rapat, petugas):
    kader, official = make_kader(kelurahan), make_official(kelurahan, position="rt")
    make_peserta(rapat, kader=kader)
    make_peserta(rapat, official=official)
    client.force_login(petugas)
    row = {"description": "Dua orang", "due_date": "2021-01-31", "status": "belum"}
    rows = [{**row, "assignee_kader": kader.pk, "assignee_official": official.pk}]
    response = client.post(
        reverse("kpm:rapat_followups", args=[rapat.pk]), formset_data("tindak_lanjut", rows)
    )
    assertContains(response, "Pilih satu penanggung jawab saja", count=1)
    assert response.context["formset"].errors[0]["assignee_official"]
    assert not RapatTindakLanjut.objects.exists()
