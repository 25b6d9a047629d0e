"""Meeting rules in the models and services: scope, constraints, attendance summaries for the
incentive, the cadre-page partial, the dashboard, demo data, scale data and the benchmark."""

import datetime
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from kelurahan.dashboard import build_panels
from kelurahan.models import Kelurahan, User
from kpm.models import (
    Rapat,
    RapatPeserta,
    RapatTindakLanjut,
    attendance_counts_by_kader,
    attendance_summary_for_kader,
)
from kpm.queries import rapat_context_for_kader, rapat_context_for_official
from kpm.services_rapat import add_guest, invite_kaders, mark_attendance

from .factories import make_official, make_user
from .factories_kpm import make_kader
from .factories_rapat import at, make_peserta, make_rapat, make_tindak_lanjut
from .seeding import seed_demo_twice

# --- Scope ---------------------------------------------------------------------------------------


def test_scope_and_edit_rights(
    kelurahan, other_kelurahan, far_kelurahan, petugas, kasi_kesra, other_petugas, kecamatan_user
):
    own = make_rapat(kelurahan)
    shared = make_rapat(kelurahan, participants=[other_kelurahan])
    theirs = make_rapat(other_kelurahan)
    hosted_by_kecamatan = make_rapat(None, kecamatan=kelurahan.kecamatan, participants=[kelurahan])
    far = make_rapat(far_kelurahan)

    def visible(user):
        return set(Rapat.objects.for_user(user))

    def editable(user):
        return {rapat for rapat in Rapat.objects.all() if rapat.is_editable_by(user)}

    assert visible(petugas) == {own, shared, hosted_by_kecamatan}
    # A meeting across kelurahan is the kecamatan's, even where a kelurahan hosts it.
    assert editable(petugas) == {own}
    assert visible(kasi_kesra) == visible(petugas) and editable(kasi_kesra) == set()
    assert visible(other_petugas) == {shared, theirs}
    assert editable(other_petugas) == {theirs}
    assert visible(kecamatan_user) == {own, shared, theirs, hosted_by_kecamatan}
    assert editable(kecamatan_user) == {shared, hosted_by_kecamatan}
    assert far not in visible(kecamatan_user)
    inactive = make_user(User.Role.PETUGAS, kelurahan=kelurahan, is_active=False)
    assert Rapat.objects.for_user(inactive).count() == 0
    assert editable(inactive) == set()


def test_at_a_kecamatan_meeting_each_kelurahan_sees_its_own_rows(
    kelurahan, other_kelurahan, other_petugas, petugas, kecamatan_user
):
    rapat = make_rapat(kelurahan, participants=[other_kelurahan])
    theirs = make_peserta(rapat, kader=make_kader(other_kelurahan))
    mine = make_peserta(rapat, kader=make_kader(kelurahan))
    make_peserta(rapat, name="Tamu")
    assert list(RapatPeserta.objects.visible_to(other_petugas, rapat)) == [theirs]
    assert list(RapatPeserta.objects.visible_to(petugas, rapat)) == [mine]
    assert RapatPeserta.objects.visible_to(kecamatan_user, rapat).count() == 3


# --- Constraints and services --------------------------------------------------------------------


def test_database_refuses_a_meeting_that_ends_before_it_starts(kelurahan):
    rapat = make_rapat(kelurahan)
    rapat.ends_at = rapat.starts_at - datetime.timedelta(minutes=1)
    with pytest.raises(ValidationError, match="tidak boleh selesai sebelum dimulai"):
        rapat.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        rapat.save()


def test_kelurahan_level_meeting_needs_a_host(kecamatan):
    with pytest.raises(IntegrityError), transaction.atomic():
        Rapat.objects.create(
            kecamatan=kecamatan,
            level=Rapat.Level.KELURAHAN,
            title="x",
            kind="lainnya",
            starts_at=timezone.now(),
            place="x",
        )


def test_a_cadre_is_invited_once(kelurahan):
    rapat = make_rapat(kelurahan)
    kader = make_kader(kelurahan)
    assert invite_kaders(rapat=rapat, kaders=[kader]) == 1
    assert invite_kaders(rapat=rapat, kaders=[kader]) == 0
    with pytest.raises(IntegrityError), transaction.atomic():
        make_peserta(rapat, kader=kader)


def test_marking_needs_a_started_meeting(kelurahan):
    rapat = make_rapat(kelurahan, starts_at=at(datetime.date(2020, 12, 21), 9))
    row = make_peserta(rapat)
    before = at(datetime.date(2020, 12, 21), 8, 59)
    with pytest.raises(ValidationError, match="setelah rapat dimulai"):
        mark_attendance(peserta=row, attendance="hadir", now=before)
    with pytest.raises(ValidationError):
        add_guest(rapat=rapat, name="Tamu", walk_in=True, now=before)
    mark_attendance(peserta=row, attendance="hadir", now=at(datetime.date(2020, 12, 21), 9))
    row.refresh_from_db()
    assert row.attendance == "hadir"
    mark_attendance(peserta=row, attendance="", now=at(datetime.date(2020, 12, 21), 10))
    row.refresh_from_db()
    assert (row.attendance, row.marked_at) == ("", None)


# --- Attendance summary for the cadre page and the incentive -----------------------------------


def test_attendance_summary_counts_started_uncancelled_meetings(kelurahan):
    kader = make_kader(kelurahan)
    past = timezone.now() - datetime.timedelta(days=30)
    for value in ("hadir", "hadir", "hadir", "izin", "tidak_hadir", ""):
        make_peserta(make_rapat(kelurahan, starts_at=past), kader=kader, attendance=value)
    future = make_rapat(kelurahan, starts_at=timezone.now() + datetime.timedelta(days=3))
    make_peserta(future, kader=kader)
    cancelled = make_rapat(kelurahan, starts_at=past, status="dibatalkan", cancelled_at=past)
    make_peserta(cancelled, kader=kader, attendance="tidak_hadir")
    summary = attendance_summary_for_kader(kader)
    assert (summary.invited, summary.hadir, summary.izin, summary.tidak_hadir, summary.belum) == (
        6,
        3,
        1,
        1,
        1,
    )
    assert summary.rate == pytest.approx(0.6) and summary.rate_percent == 60
    never = make_kader(kelurahan)
    assert attendance_summary_for_kader(never).rate is None


def test_attendance_by_period_for_many_cadres_in_one_query(kelurahan, django_assert_num_queries):
    a, b = make_kader(kelurahan), make_kader(kelurahan)
    q4 = make_rapat(kelurahan, starts_at=at(datetime.date(2020, 12, 31), 23, 30))
    q1 = make_rapat(kelurahan, starts_at=at(datetime.date(2021, 1, 1), 0, 30))
    make_peserta(q4, kader=a, attendance="hadir")
    make_peserta(q1, kader=a, attendance="tidak_hadir")
    make_peserta(q1, kader=b, attendance="hadir")
    with django_assert_num_queries(1):
        result = attendance_counts_by_kader(
            [a.pk, b.pk], start=datetime.date(2020, 10, 1), end=datetime.date(2020, 12, 31)
        )
    assert set(result) == {a.pk}  # the WIB date decides the quarter, not UTC
    assert result[a.pk].hadir == 1
    january = attendance_counts_by_kader([a.pk, b.pk], start=datetime.date(2021, 1, 1))
    assert (january[a.pk].tidak_hadir, january[b.pk].hadir) == (1, 1)


def test_cadre_partial_shows_meetings_rate_and_open_follow_ups(
    kelurahan, other_kelurahan, petugas, django_assert_max_num_queries
):
    kader = make_kader(kelurahan, name="Siti Aminah")
    rapat = make_rapat(kelurahan, title="Rapat Koordinasi Peran KPM")
    make_peserta(rapat, kader=kader, attendance="hadir")
    make_peserta(make_rapat(kelurahan, title="Rembuk Stunting"), kader=kader, attendance="izin")
    make_tindak_lanjut(
        rapat,
        description="Mendata sasaran 1000 HPK",
        assignee_kader=kader,
        due_date=datetime.date(2021, 1, 31),
    )
    make_tindak_lanjut(rapat, description="Sudah selesai", assignee_kader=kader, status="selesai",
                       done_on=datetime.date(2021, 1, 2))  # fmt: skip
    request = RequestFactory().get("/")
    request.user = petugas
    with django_assert_max_num_queries(4):
        context = rapat_context_for_kader(kader, petugas)
        html = render_to_string(
            "kpm/_rapat_for_kader.html", {"rapat_for_kader": context}, request=request
        )
    assert "Tingkat kehadiran 50% (1 dari 2 rapat)" in html
    assert "Rapat Koordinasi Peran KPM" in html and "Rembuk Stunting" in html
    assert "Mendata sasaran 1000 HPK" in html and "Terlambat" in html
    assert "Sudah selesai" not in html


def test_official_partial(kelurahan, petugas):
    babinsa = make_official(kelurahan, position="babinsa", name="Serka Heru")
    rapat = make_rapat(kelurahan, title="Rapat Koordinasi Peran KPM")
    make_peserta(rapat, official=babinsa, attendance="hadir")
    make_tindak_lanjut(rapat, description="Mendampingi kunjungan", assignee_official=babinsa)
    html = render_to_string(
        "kpm/_rapat_for_official.html",
        {"rapat_for_official": rapat_context_for_official(babinsa, petugas)},
    )
    assert "Rapat Koordinasi Peran KPM" in html and "Mendampingi kunjungan" in html


# --- Dashboard -----------------------------------------------------------------------------------


def test_dashboard_counts_meetings_and_highlights_overdue_follow_ups(
    client, kelurahan, other_kelurahan, kecamatan_user
):
    now = timezone.now()
    shared = make_rapat(
        kelurahan, participants=[other_kelurahan], starts_at=now + datetime.timedelta(days=2)
    )
    make_rapat(kelurahan, starts_at=now + datetime.timedelta(days=5), title="Rapat Pradah Saja")
    make_tindak_lanjut(
        shared,
        description="Tugas terlambat",
        due_date=timezone.localdate() - datetime.timedelta(days=1),
    )
    make_tindak_lanjut(
        shared,
        description="Tugas Dukuh Kupang",
        kelurahan=other_kelurahan,
        due_date=timezone.localdate() + datetime.timedelta(days=9),
    )
    columns = list(Kelurahan.objects.for_user(kecamatan_user))
    panels = {p.title: p for p in build_panels(kecamatan_user, columns)}
    rows = {row.label: row for row in panels["Rapat dan tindak lanjut"].rows}
    order = [k.name for k in columns]
    values = dict(zip(order, rows["Rapat 30 hari ke depan"].values, strict=True))
    assert values == {"Dukuh Kupang": 1, "Pradah Kali Kendal": 2}
    overdue = rows["Tindak lanjut lewat batas waktu"]
    assert overdue.highlight and sum(overdue.values) == 1
    client.force_login(kecamatan_user)
    page = client.get(reverse("kelurahan:dashboard"))
    assert "Tugas terlambat" in page.content.decode()
    assert "list-group-item-danger" in page.content.decode()


# --- Demo, scale, benchmark ----------------------------------------------------------------------


def test_demo_has_the_founding_meeting_and_is_safe_to_rerun(client, db):
    seed_demo_twice(Rapat, RapatPeserta, RapatTindakLanjut)
    founding = Rapat.objects.get(title__startswith="Rapat Koordinasi Peran Kader")
    local = timezone.localtime(founding.starts_at)
    assert (local.date(), local.hour) == (datetime.date(2020, 12, 21), 9)
    assert founding.kelurahan.name == "Pradah Kali Kendal"
    assert founding.participants.count() == 4
    assert set(founding.health_protocol) == {"masker", "jaga_jarak", "cuci_tangan"}
    present = founding.peserta.filter(attendance="hadir")
    assert present.values("kelurahan").distinct().count() == 4
    assert present.filter(official__position="babinsa").exists()
    assert present.filter(official__position="kasi_kesra").exists()
    titles = " ".join(founding.agenda.values_list("title", flat=True))
    assert "Dari, Oleh, Untuk Masyarakat" in titles and "stunting" in titles
    assert founding.keputusan.exists() and founding.tindak_lanjut.exists()
    assert Rapat.objects.filter(status="dibatalkan").exists()
    client.force_login(User.objects.get(username="petugas.dukuhkupang"))
    response = client.get(founding.get_absolute_url())
    assert response.status_code == 200
    assert {row.kelurahan.name for row in response.context["attendees"]} == {"Dukuh Kupang"}


def test_scale_data_and_benchmark_pages(client, db):
    call_command("seed_scale", scale=0.02, stdout=StringIO())
    assert Rapat.objects.filter(kecamatan__kota__name="Skala").exists()
    assert RapatPeserta.objects.filter(rapat__kecamatan__kota__name="Skala").exists()
    from kelurahan.bench import bench_context
    from kpm.bench import pages as bench_pages

    pages = bench_pages(bench_context())
    assert len(pages) >= 10
    for name, url, user in pages:
        client.force_login(user)
        assert client.get(url).status_code == 200, name
    out = StringIO()
    call_command("seed_scale", scale=0.02, stdout=out)
    assert "Scale meetings exist already" in out.getvalue()
