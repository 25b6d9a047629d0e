"""Invitations and attendance: who may be invited, one tap per person (htmx), walk-in guests,
and the rules (only invitees, only once the meeting has started, never when cancelled)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from kelurahan.models import Lembaga
from kpm.models import Kader, RapatPeserta
from kpm.services_rapat import invite_kaders

from .factories import make_lembaga, make_official
from .factories_kpm import make_kader
from .factories_rapat import make_peserta, make_rapat

HTMX = {"HTTP_HX_REQUEST": "true"}


def make_stopped(kelurahan, name: str, ended_on: datetime.date):
    """A cadre who left on `ended_on`."""
    return make_kader(kelurahan, name=name, is_active=False, ended_on=ended_on, end_reason="Pindah")


@pytest.fixture
def started(kelurahan):
    """A meeting that began an hour ago."""
    return make_rapat(kelurahan, starts_at=timezone.now() - datetime.timedelta(hours=1))


@pytest.fixture
def future(kelurahan):
    return make_rapat(kelurahan, starts_at=timezone.now() + datetime.timedelta(days=3))


# --- Invitations -------------------------------------------------------------------------------


def test_invitations_page_filters_cadres(client, kelurahan, started, petugas):
    make_kader(kelurahan, name="Kader Posyandu Aktif", origin=Kader.Origin.LAINNYA)
    make_stopped(kelurahan, "Kader Sudah Berhenti", datetime.date(2020, 1, 1))
    client.force_login(petugas)
    url = reverse("kpm:rapat_invitees", args=[started.pk])
    response = client.get(url)
    assertContains(response, "Kader Posyandu Aktif")
    assertNotContains(response, "Kader Sudah Berhenti")
    # A cadre who had left before the meeting is never offered, even when asked for.
    response = client.get(url, {"status": "berhenti"})
    assertNotContains(response, "Kader Sudah Berhenti")
    assertNotContains(response, "Kader Posyandu Aktif")
    response = client.get(url, {"status": "", "origin": "paud"})
    assertNotContains(response, "Kader Posyandu Aktif")


def test_invite_cadres_officials_institutions_and_guests(client, kelurahan, started, petugas):
    kader = make_kader(kelurahan, name="Siti Aminah")
    official = make_official(kelurahan, position="babinsa", name="Serka Heru")
    lpm = make_lembaga(kelurahan, kind=Lembaga.Kind.LPM, name="LPM Pradah")
    client.force_login(petugas)
    back = reverse("kpm:rapat_invitees", args=[started.pk])
    for name, data in [
        ("rapat_invite_kader", {"items": [kader.pk]}),
        ("rapat_invite_official", {"items": [official.pk]}),
        ("rapat_invite_lembaga", {"items": [lpm.pk]}),
        (
            "rapat_invite_guest",
            {"name": "dr. Rahmawati", "position": "Kepala", "institution": "Puskesmas"},
        ),
    ]:
        assertRedirects(client.post(reverse(f"kpm:{name}", args=[started.pk]), data), back)
    rows = {row.name: row for row in started.peserta.all()}
    assert set(rows) == {"Siti Aminah", "Serka Heru", "LPM Pradah", "dr. Rahmawati"}
    assert rows["Siti Aminah"].kader == kader and rows["Siti Aminah"].kelurahan == kelurahan
    assert rows["Serka Heru"].position == "Babinsa"
    assert rows["dr. Rahmawati"].kind == RapatPeserta.Kind.TAMU
    assert rows["Siti Aminah"].history.first().history_user == petugas
    # Invited people are not offered again.
    assertNotContains(client.get(back), f'value="{kader.pk}" id="id_items_')


def test_inviting_nobody_re_renders_with_the_error(client, kelurahan, started, petugas):
    make_official(kelurahan, name="Serka Heru")
    client.force_login(petugas)
    response = client.post(reverse("kpm:rapat_invite_official", args=[started.pk]), {})
    assert response.status_code == 200
    assertContains(response, "Pilih paling sedikit satu.")
    response = client.post(reverse("kpm:rapat_invite_guest", args=[started.pk]), {"name": ""})
    assert response.status_code == 200
    assert "name" in response.context["guest_form"].errors
    assert not started.peserta.exists()


def test_cadres_of_other_kelurahan_cannot_be_invited_to_a_kelurahan_meeting(
    client, other_kelurahan, started, petugas
):
    stranger = make_kader(other_kelurahan, name="Kader Tetangga")
    client.force_login(petugas)
    response = client.post(
        reverse("kpm:rapat_invite_kader", args=[started.pk]), {"items": [stranger.pk]}
    )
    assert response.status_code == 200
    assert "items" in response.context["kader_form"].errors
    assert not started.peserta.exists()


def test_a_kecamatan_meeting_invites_cadres_of_every_participant(
    client, kecamatan, kelurahan, other_kelurahan, kecamatan_user
):
    rapat = make_rapat(None, kecamatan=kecamatan, participants=[kelurahan, other_kelurahan])
    mine, theirs = make_kader(kelurahan), make_kader(other_kelurahan, name="Kader Dukuh Kupang")
    client.force_login(kecamatan_user)
    page = client.get(
        reverse("kpm:rapat_invitees", args=[rapat.pk]), {"kelurahan": other_kelurahan.pk}
    )
    assertContains(page, "Kader Dukuh Kupang")
    client.post(reverse("kpm:rapat_invite_kader", args=[rapat.pk]), {"items": [mine.pk, theirs.pk]})
    assert rapat.peserta.count() == 2
    assert set(rapat.peserta.values_list("kelurahan", flat=True)) == {
        kelurahan.pk,
        other_kelurahan.pk,
    }


def test_a_kelurahan_cannot_invite_to_a_kecamatan_meeting(
    client, kecamatan, kelurahan, other_kelurahan, petugas
):
    rapat = make_rapat(None, kecamatan=kecamatan, participants=[kelurahan, other_kelurahan])
    theirs = make_kader(other_kelurahan, name="Kader Dukuh Kupang")
    client.force_login(petugas)
    url = reverse("kpm:rapat_invite_kader", args=[rapat.pk])
    assert client.post(url, {"items": [theirs.pk]}).status_code == 403
    assert client.get(reverse("kpm:rapat_invitees", args=[rapat.pk])).status_code == 403
    assert not rapat.peserta.exists()


def test_another_kelurahans_people_are_refused_with_a_clear_message(
    client, other_kelurahan, started, petugas
):
    stranger = make_kader(other_kelurahan, name="Kader Tetangga")
    official = make_official(other_kelurahan, name="Lurah Tetangga")
    client.force_login(petugas)
    for name, pk, text in [
        ("rapat_invite_kader", stranger.pk, "Ada kader yang tidak dapat diundang."),
        ("rapat_invite_official", official.pk, "Ada pejabat/tokoh yang tidak dapat diundang."),
    ]:
        response = client.post(reverse(f"kpm:{name}", args=[started.pk]), {"items": [pk]})
        assertContains(response, text)
    assert not started.peserta.exists()


def test_only_people_serving_on_the_meeting_date_are_invited(client, kelurahan, petugas):
    past = make_rapat(kelurahan, starts_at=timezone.now() - datetime.timedelta(days=30))
    meeting_day = timezone.localdate(past.starts_at)

    day = datetime.timedelta(days=1)
    left_before = make_stopped(kelurahan, "Kader Keluar Dulu", meeting_day - day)
    left_after = make_stopped(kelurahan, "Kader Keluar Kemudian", meeting_day + 5 * day)
    out_of_term = make_official(
        kelurahan, name="Mantan Lurah", end_date=meeting_day - datetime.timedelta(days=1)
    )
    client.force_login(petugas)
    page = client.get(reverse("kpm:rapat_invitees", args=[past.pk]), {"status": "berhenti"})
    assertContains(page, "Kader Keluar Kemudian")
    assertNotContains(page, "Kader Keluar Dulu")
    assertNotContains(page, "Mantan Lurah")
    invite = reverse("kpm:rapat_invite_kader", args=[past.pk])
    assertContains(client.post(invite, {"items": [left_before.pk]}), "masih aktif pada tanggal")
    invite_official = reverse("kpm:rapat_invite_official", args=[past.pk])
    response = client.post(invite_official, {"items": [out_of_term.pk]})
    assertContains(response, "menjabat pada tanggal rapat")
    assert not past.peserta.exists()
    client.post(invite, {"items": [left_after.pk]})
    assert list(past.peserta.values_list("name", flat=True)) == ["Kader Keluar Kemudian"]


def test_the_service_refuses_a_cadre_who_had_left(kelurahan, started):
    gone = make_stopped(kelurahan, "Kader Pindah", datetime.date(2020, 1, 1))
    with pytest.raises(ValidationError, match="Kader Pindah tidak dapat diundang"):
        invite_kaders(rapat=started, kaders=[gone])
    assert not started.peserta.exists()


def test_uninvite_only_while_attendance_is_not_recorded(client, started, petugas):
    open_row = make_peserta(started, name="Belum Dicatat")
    marked = make_peserta(started, name="Sudah Hadir", attendance="hadir")
    client.force_login(petugas)
    client.post(reverse("kpm:rapat_uninvite", args=[started.pk, open_row.pk]))
    response = client.post(reverse("kpm:rapat_uninvite", args=[started.pk, marked.pk]), follow=True)
    assertContains(response, "sudah dicatat")
    assert list(started.peserta.values_list("name", flat=True)) == ["Sudah Hadir"]


def test_invitations_page_pins_its_queries(
    client, kelurahan, started, petugas, django_assert_max_num_queries
):
    for _ in range(20):
        make_peserta(started, kader=make_kader(kelurahan))
        make_kader(kelurahan)
    client.force_login(petugas)
    with django_assert_max_num_queries(16):
        response = client.get(reverse("kpm:rapat_invitees", args=[started.pk]))
    assert len(response.context["attendees"]) == 20


# --- Attendance on the day -----------------------------------------------------------------------


def test_one_tap_marks_attendance_and_updates_the_counts(client, started, petugas):
    first = make_peserta(started, name="Siti Aminah")
    make_peserta(started, name="Sri Rahayu")
    client.force_login(petugas)
    url = reverse("kpm:rapat_mark", args=[started.pk, first.pk])
    response = client.post(url, {"attendance": "hadir"}, **HTMX)
    assert response.status_code == 200
    assertContains(response, f'id="peserta-{first.pk}"')
    assertContains(response, 'hx-swap-oob="true"')
    assertContains(response, '<strong data-count="hadir">1</strong>', html=True)
    assertContains(response, '<strong data-count="belum">1</strong>', html=True)
    first.refresh_from_db()
    assert first.attendance == "hadir" and first.marked_at is not None
    assert first.history.first().history_user == petugas
    client.post(url, {"attendance": "izin"}, **HTMX)
    first.refresh_from_db()
    assert first.attendance == "izin"


def test_without_htmx_the_tap_redirects_back(client, started, petugas):
    row = make_peserta(started)
    client.force_login(petugas)
    response = client.post(
        reverse("kpm:rapat_mark", args=[started.pk, row.pk]), {"attendance": "tidak_hadir"}
    )
    assertRedirects(
        response,
        reverse("kpm:rapat_attendance", args=[started.pk]) + f"#peserta-{row.pk}",
        fetch_redirect_response=False,
    )
    row.refresh_from_db()
    assert row.attendance == "tidak_hadir"


def test_attendance_waits_for_the_meeting_to_start(client, future, petugas):
    row = make_peserta(future)
    client.force_login(petugas)
    page = client.get(reverse("kpm:rapat_attendance", args=[future.pk]))
    assertContains(page, "Kehadiran dapat dicatat mulai")
    assertNotContains(page, reverse("kpm:rapat_mark", args=[future.pk, row.pk]))
    response = client.post(
        reverse("kpm:rapat_mark", args=[future.pk, row.pk]), {"attendance": "hadir"}, **HTMX
    )
    assert response.status_code == 409
    assertContains(response, "setelah rapat dimulai", status_code=409)
    row.refresh_from_db()
    assert row.attendance == ""


def test_no_attendance_for_a_cancelled_meeting(client, started, petugas):
    row = make_peserta(started)
    started.status = "dibatalkan"
    started.cancelled_at = timezone.now()
    started.save()
    client.force_login(petugas)
    response = client.post(
        reverse("kpm:rapat_mark", args=[started.pk, row.pk]), {"attendance": "hadir"}, follow=True
    )
    assertContains(response, "Rapat ini dibatalkan")
    row.refresh_from_db()
    assert row.attendance == ""


def test_only_invitees_of_this_meeting_can_be_marked(client, kelurahan, started, petugas):
    elsewhere = make_peserta(make_rapat(kelurahan, starts_at=started.starts_at))
    client.force_login(petugas)
    url = reverse("kpm:rapat_mark", args=[started.pk, elsewhere.pk])
    assert client.post(url, {"attendance": "hadir"}, **HTMX).status_code == 404
    row = make_peserta(started)
    url = reverse("kpm:rapat_mark", args=[started.pk, row.pk])
    assert client.post(url, {"attendance": "datang"}, **HTMX).status_code == 400
    assert client.get(url).status_code == 405


def test_walk_in_guest_is_recorded_present(client, started, future, petugas):
    client.force_login(petugas)
    data = {"name": "Bu RT 03", "position": "Ketua RT", "institution": "RT 03/RW 02"}
    response = client.post(reverse("kpm:rapat_walk_in", args=[started.pk]), data)
    assertRedirects(response, reverse("kpm:rapat_attendance", args=[started.pk]))
    guest = started.peserta.get()
    assert (guest.walk_in, guest.attendance, guest.kind) == (True, "hadir", "tamu")
    response = client.post(reverse("kpm:rapat_walk_in", args=[future.pk]), data, follow=True)
    assertContains(response, "setelah rapat dimulai")
    assert not future.peserta.exists()
    response = client.post(
        reverse("kpm:rapat_walk_in", args=[started.pk]), {"name": ""}, follow=True
    )
    assertContains(response, "Nama tamu wajib diisi.")


def test_attendance_page_pins_its_queries(
    client, kelurahan, started, petugas, django_assert_max_num_queries
):
    for i in range(20):
        make_peserta(started, kader=make_kader(kelurahan), attendance="hadir" if i % 2 else "")
    client.force_login(petugas)
    with django_assert_max_num_queries(7):
        response = client.get(reverse("kpm:rapat_attendance", args=[started.pk]))
    assert response.context["counts"] == {
        "total": 20,
        "hadir": 10,
        "izin": 0,
        "tidak_hadir": 0,
        "belum": 10,
    }
    assertContains(response, 'hx-post="', count=20)
