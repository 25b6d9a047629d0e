"""Meetings across kelurahan: only the kecamatan holds them and invites across kelurahan; each
kelurahan marks and corrects its own people and sees only counts for the others."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from kpm.models import Rapat

from .factories_kpm import make_kader
from .factories_rapat import make_rapat, make_tindak_lanjut
from .stamps import post_form

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def kecamatan_meeting(client, kecamatan, kelurahan, other_kelurahan, kecamatan_user):
    """Planned and invited by the kecamatan user through the pages, started an hour ago."""
    mine = make_kader(kelurahan, name="Kusmiati")
    theirs = make_kader(other_kelurahan, name="Siti Khotijah")
    start = timezone.localtime() - datetime.timedelta(hours=1)
    client.force_login(kecamatan_user)
    data = {
        "title": "Rapat Koordinasi KPM se-Kecamatan",
        "kind": "koordinasi_kpm",
        "participants": [kelurahan.pk, other_kelurahan.pk],
        "date": start.date().isoformat(),
        "start_time": start.strftime("%H:%M"),
        "place": "Kantor Kecamatan",
        "chair_name": "Camat Dukuh Pakis",
        "agenda-TOTAL_FORMS": "0",
        "agenda-INITIAL_FORMS": "0",
    }
    response = client.post(reverse("kpm:rapat_create"), data)
    rapat = Rapat.objects.get()
    assertRedirects(response, rapat.get_absolute_url())
    assert rapat.kelurahan is None and rapat.level == Rapat.Level.KECAMATAN
    invite = reverse("kpm:rapat_invite_kader", args=[rapat.pk])
    client.post(invite, {"items": [mine.pk, theirs.pk]})
    assert rapat.peserta.count() == 2
    client.logout()
    return rapat


def test_a_kelurahan_marks_and_corrects_its_own_people(client, kecamatan_meeting, petugas):
    own = kecamatan_meeting.peserta.get(name="Kusmiati")
    other = kecamatan_meeting.peserta.get(name="Siti Khotijah")
    client.force_login(petugas)
    page = client.get(reverse("kpm:rapat_attendance", args=[kecamatan_meeting.pk]))
    assertContains(page, reverse("kpm:rapat_mark", args=[kecamatan_meeting.pk, own.pk]))
    assertNotContains(page, "Siti Khotijah")
    assertContains(page, "Anda mencatat kehadiran peserta dari kelurahan Anda")
    mark = reverse("kpm:rapat_mark", args=[kecamatan_meeting.pk, own.pk])
    response = client.post(mark, {"attendance": "hadir"}, **HTMX)
    assert response.status_code == 200
    assertContains(response, 'data-count="total">1<')  # the counts of its own people
    # Correcting a mistake: she was in fact excused.
    assert client.post(mark, {"attendance": "izin"}, **HTMX).status_code == 200
    own.refresh_from_db()
    assert own.attendance == "izin"
    # Another kelurahan's invitee is not even found.
    other_mark = reverse("kpm:rapat_mark", args=[kecamatan_meeting.pk, other.pk])
    assert client.post(other_mark, {"attendance": "tidak_hadir"}).status_code == 404
    other.refresh_from_db()
    assert other.attendance == ""


def test_a_kelurahan_sees_only_counts_for_the_others(client, kecamatan_meeting, other_petugas):
    client.force_login(other_petugas)
    response = client.get(kecamatan_meeting.get_absolute_url())
    assertContains(response, "Siti Khotijah")
    assertNotContains(response, "Kusmiati")
    labels = [line["label"] for line in response.context["by_kelurahan"]]
    assert labels == ["Dukuh Kupang", "Pradah Kali Kendal"]
    assert client.get(reverse("kpm:rapat_update", args=[kecamatan_meeting.pk])).status_code == 403


def test_a_kelurahan_corrects_the_follow_ups_of_its_own_people(client, kecamatan_meeting, petugas):
    own = make_tindak_lanjut(
        kecamatan_meeting,
        description="Mendata sasaran",
        assignee_kader=kecamatan_meeting.peserta.get(name="Kusmiati").kader,
    )
    other = make_tindak_lanjut(
        kecamatan_meeting,
        description="Menyusun jadwal",
        assignee_kader=kecamatan_meeting.peserta.get(name="Siti Khotijah").kader,
    )
    client.force_login(petugas)
    url = reverse("kpm:rapat_followup_update", args=[own.pk])
    response = post_form(client, url, {"status": "proses", "notes": "Sudah 10 keluarga"})
    assertRedirects(response, kecamatan_meeting.get_absolute_url())
    own.refresh_from_db()
    assert own.status == "proses"
    other_url = reverse("kpm:rapat_followup_update", args=[other.pk])
    assert client.post(other_url, {"status": "selesai"}).status_code == 403


def test_a_kelurahan_still_corrects_its_people_at_another_kelurahans_old_meeting(
    client, kelurahan, other_kelurahan, petugas, other_petugas
):
    """Before, a kelurahan could host a meeting across kelurahan and mark everyone absent; the
    invitees' own kelurahan then got a 403 when correcting it."""
    rapat = make_rapat(other_kelurahan, participants=[kelurahan])
    row = rapat.peserta.create(
        kind="kader",
        kader=make_kader(kelurahan, name="Kusmiati"),
        kelurahan=kelurahan,
        name="Kusmiati",
        attendance="tidak_hadir",
        marked_at=rapat.starts_at,
    )
    url = reverse("kpm:rapat_mark", args=[rapat.pk, row.pk])
    client.force_login(other_petugas)
    assert client.post(url, {"attendance": "tidak_hadir"}).status_code == 404
    client.force_login(petugas)
    assert client.post(url, {"attendance": "hadir"}).status_code == 302
    row.refresh_from_db()
    assert row.attendance == "hadir"
