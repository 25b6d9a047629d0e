"""Meeting pages: login, scope (404), role (403), planning, editing, cancelling, list, calendar,
and the visibility rules of kecamatan-level meetings."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from kelurahan.models import User
from kpm.models import Rapat

from .factories import make_kelurahan, make_official, make_user
from .factories_kpm import make_kader
from .factories_rapat import at, make_peserta, make_rapat
from .pages import assert_filters, assert_shows
from .stamps import post_form

PAGES = ["kpm:rapat_list", "kpm:rapat_calendar", "kpm:rapat_create", "kpm:rapat_followup_list"]
READ = ["rapat_detail", "rapat_attendance", "rapat_pdf_minutes"]
EDIT_GET = ["rapat_update", "rapat_cancel", "rapat_invitees", "rapat_minutes", "rapat_followups"]
EDIT_POST = [
    "rapat_invite_kader",
    "rapat_invite_official",
    "rapat_invite_lembaga",
    "rapat_invite_guest",
    "rapat_walk_in",
    "rapat_photo_add",
]


def rapat_urls(rapat, names):
    return [reverse(f"kpm:{name}", args=[rapat.pk]) for name in names]


def plan_data(**overrides):
    return {
        "title": "Rapat Koordinasi KPM Januari",
        "kind": "koordinasi_kpm",
        "level": "kelurahan",
        "date": "2021-01-18",
        "start_time": "09:00",
        "end_time": "11:30",
        "place": "Balai RW 03",
        "chair_name": "Hajar Sulistyono",
        "chair_position": "Lurah",
        "health_protocol": ["masker", "cuci_tangan"],
        "agenda-TOTAL_FORMS": "2",
        "agenda-INITIAL_FORMS": "0",
        "agenda-0-order": "1",
        "agenda-0-title": "Peran KPM",
        "agenda-1-order": "2",
        "agenda-1-title": "",
    } | overrides


@pytest.fixture
def rapat(kelurahan):
    return make_rapat(kelurahan, title="Rapat Koordinasi Peran KPM")


# --- Login, scope, role --------------------------------------------------------------------------


@pytest.mark.parametrize("name", PAGES)
def test_anonymous_is_sent_to_login(client, db, name):
    url = reverse(name)
    assertRedirects(client.get(url), f"{reverse('login')}?next={url}")


def test_anonymous_is_sent_to_login_from_a_meeting(client, rapat):
    for url in rapat_urls(rapat, READ + EDIT_GET):
        assertRedirects(client.get(url), f"{reverse('login')}?next={url}")
    for url in rapat_urls(rapat, EDIT_POST):
        assert client.post(url).status_code == 302


def test_other_kelurahan_gets_404_everywhere(client, rapat, other_petugas):
    peserta = make_peserta(rapat, name="Tamu Rahasia")
    client.force_login(other_petugas)
    for url in rapat_urls(rapat, READ + EDIT_GET):
        assert client.get(url).status_code == 404, url
    for url in rapat_urls(rapat, EDIT_POST):
        assert client.post(url, {"name": "x"}).status_code == 404, url
    mark = reverse("kpm:rapat_mark", args=[rapat.pk, peserta.pk])
    assert client.post(mark, {"attendance": "hadir"}).status_code == 404


@pytest.mark.parametrize("role_fixture", ["kasi_kesra", "kecamatan_user"])
def test_read_only_roles_read_but_get_403_on_changes(client, request, rapat, role_fixture):
    client.force_login(request.getfixturevalue(role_fixture))
    for url in rapat_urls(rapat, READ):
        assert client.get(url).status_code == 200, url
    for url in rapat_urls(rapat, EDIT_GET):
        assert client.get(url).status_code == 403, url
    for url in rapat_urls(rapat, EDIT_POST):
        assert client.post(url, {"name": "x"}).status_code == 403, url


def test_kasi_kesra_may_not_plan_a_meeting(client, kasi_kesra):
    client.force_login(kasi_kesra)
    assert client.get(reverse("kpm:rapat_create")).status_code == 403
    assert client.post(reverse("kpm:rapat_create"), plan_data()).status_code == 403
    assert not Rapat.objects.exists()


def test_read_only_pages_hide_the_edit_buttons(client, rapat, kasi_kesra):
    client.force_login(kasi_kesra)
    response = client.get(rapat.get_absolute_url())
    assertNotContains(response, reverse("kpm:rapat_update", args=[rapat.pk]))
    assertNotContains(response, reverse("kpm:rapat_invitees", args=[rapat.pk]))
    assertContains(response, reverse("kpm:rapat_attendance", args=[rapat.pk]))


# --- Plan, edit, cancel --------------------------------------------------------------------------


def test_petugas_plans_a_meeting_with_its_agenda(client, kelurahan, petugas):
    client.force_login(petugas)
    response = client.post(reverse("kpm:rapat_create"), plan_data())
    rapat = Rapat.objects.get()
    assertRedirects(response, rapat.get_absolute_url())
    assert rapat.kelurahan == kelurahan and rapat.kecamatan == kelurahan.kecamatan
    local = timezone.localtime(rapat.starts_at)
    assert (local.date(), local.hour, local.minute) == (datetime.date(2021, 1, 18), 9, 0)
    assert str(local.tzinfo) == "Asia/Jakarta"
    assert rapat.starts_at == at(datetime.date(2021, 1, 18), 9)
    assert rapat.ends_at == at(datetime.date(2021, 1, 18), 11, 30)
    assert rapat.health_protocol == ["masker", "cuci_tangan"]
    assert list(rapat.agenda.values_list("title", flat=True)) == ["Peran KPM"]
    assert rapat.history.first().history_user == petugas
    page = client.get(rapat.get_absolute_url())
    assertContains(page, "Senin, 18 Januari 2021")
    assertContains(page, "09.00–11.30 WIB")
    assertContains(page, "Memakai masker")


def test_a_meeting_cannot_end_before_it_starts(client, petugas):
    client.force_login(petugas)
    response = client.post(reverse("kpm:rapat_create"), plan_data(end_time="08:00"))
    assert response.status_code == 200
    assertContains(response, "Rapat tidak boleh selesai sebelum (atau tepat saat) dimulai.")
    assertContains(response, "Data belum disimpan")
    assert not Rapat.objects.exists()


def test_planning_requires_title_date_and_leader(client, petugas):
    client.force_login(petugas)
    data = plan_data(title="", date="", chair_name="")
    response = client.post(reverse("kpm:rapat_create"), data)
    assert response.status_code == 200
    assert set(response.context["form"].errors) >= {"title", "date"}
    assert not Rapat.objects.exists()


def test_chair_from_officials_fills_name_and_position(client, kelurahan, petugas):
    lurah = make_official(kelurahan, position="lurah", name="Hajar Sulistyono, S.Sos., M.Si.")
    client.force_login(petugas)
    client.post(
        reverse("kpm:rapat_create"),
        plan_data(chair=lurah.pk, chair_name="", chair_position=""),
    )
    rapat = Rapat.objects.get()
    assert (rapat.chair, rapat.chair_name, rapat.chair_position) == (
        lurah,
        "Hajar Sulistyono, S.Sos., M.Si.",
        "Lurah",
    )


def test_a_kelurahan_cannot_plan_a_kecamatan_meeting(client, other_kelurahan, petugas):
    client.force_login(petugas)
    form = client.get(reverse("kpm:rapat_create")).context["form"]
    assert "participants" not in form.fields
    assert [value for value, _label in form.fields["level"].choices] == ["kelurahan"]
    data = plan_data(level="kecamatan", participants=[other_kelurahan.pk])
    response = client.post(reverse("kpm:rapat_create"), data)
    assertContains(
        response,
        "Rapat tingkat kecamatan (lintas kelurahan) hanya dapat diselenggarakan oleh kecamatan.",
    )
    assert not Rapat.objects.exists()


def test_kecamatan_meeting_needs_another_kelurahan(client, kelurahan, admin_user):
    client.force_login(admin_user)
    data = plan_data(level="kecamatan", kelurahan=kelurahan.pk)
    response = client.post(reverse("kpm:rapat_create"), data)
    assertContains(response, "paling sedikit satu kelurahan lain")


def test_participants_must_be_of_the_same_kecamatan(client, far_kelurahan, kecamatan_user):
    client.force_login(kecamatan_user)
    data = plan_data(participants=[far_kelurahan.pk], chair_name="Camat")
    response = client.post(reverse("kpm:rapat_create"), data)
    assert response.status_code == 200
    assert "participants" in response.context["form"].errors


def test_kecamatan_user_plans_a_kecamatan_hosted_meeting(
    client, kecamatan, kelurahan, other_kelurahan, kecamatan_user
):
    client.force_login(kecamatan_user)
    data = plan_data(participants=[kelurahan.pk, other_kelurahan.pk], chair_name="Camat")
    del data["level"]
    response = client.post(reverse("kpm:rapat_create"), data)
    rapat = Rapat.objects.get()
    assertRedirects(response, rapat.get_absolute_url())
    assert rapat.kelurahan is None and rapat.kecamatan == kecamatan
    assert rapat.level == Rapat.Level.KECAMATAN
    assert client.get(reverse("kpm:rapat_update", args=[rapat.pk])).status_code == 200


def test_admin_picks_the_host(client, kelurahan, admin_user):
    client.force_login(admin_user)
    response = client.post(reverse("kpm:rapat_create"), plan_data(kelurahan=kelurahan.pk))
    rapat = Rapat.objects.get()
    assertRedirects(response, rapat.get_absolute_url())
    assert rapat.kelurahan == kelurahan and rapat.kecamatan == kelurahan.kecamatan


def test_petugas_edits_a_meeting(client, rapat, petugas):
    client.force_login(petugas)
    url = reverse("kpm:rapat_update", args=[rapat.pk])
    form = client.get(url)
    assertContains(form, 'value="2020-12-21"')
    assertContains(form, 'value="09:00"')
    response = post_form(client, url, plan_data(title="Rapat Koordinasi (diubah)"))
    assertRedirects(response, rapat.get_absolute_url())
    rapat.refresh_from_db()
    assert rapat.title == "Rapat Koordinasi (diubah)"


def test_cancelling_keeps_the_record(client, rapat, petugas):
    make_peserta(rapat, name="Siti Aminah")
    client.force_login(petugas)
    url = reverse("kpm:rapat_cancel", args=[rapat.pk])
    response = client.post(url, {"cancelled_reason": ""})
    assert response.status_code == 200
    assert response.context["form"].errors
    response = post_form(client, url, {"cancelled_reason": "Narasumber berhalangan"})
    assertRedirects(response, rapat.get_absolute_url())
    rapat.refresh_from_db()
    assert rapat.is_cancelled and rapat.cancelled_at is not None
    assert rapat.peserta.count() == 1
    page = client.get(rapat.get_absolute_url())
    assertContains(page, "Dibatalkan")
    assertContains(page, "Narasumber berhalangan")
    assert rapat.history.filter(status="dibatalkan").exists()


# --- List and calendar ---------------------------------------------------------------------------


def test_list_shows_own_and_participating_meetings_only(
    client, kelurahan, other_kelurahan, far_kelurahan, petugas
):
    make_rapat(kelurahan, title="Rapat Milik Sendiri")
    make_rapat(other_kelurahan, title="Rapat Tetangga Saja")
    make_rapat(other_kelurahan, participants=[kelurahan], title="Rapat Bersama Kecamatan")
    make_rapat(far_kelurahan, title="Rapat Kecamatan Lain")
    client.force_login(petugas)
    response = client.get(reverse("kpm:rapat_list"))
    assert_shows(
        response,
        ["Rapat Milik Sendiri", "Rapat Bersama Kecamatan"],
        ["Rapat Tetangga Saja", "Rapat Kecamatan Lain"],
    )


def test_list_filters(client, kelurahan, petugas):
    make_rapat(kelurahan, title="Rembuk Stunting 2021", kind="rembuk_stunting")
    make_rapat(kelurahan, title="Sosialisasi Gizi", kind="sosialisasi")
    client.force_login(petugas)
    url = reverse("kpm:rapat_list")
    assert_filters(
        client,
        url,
        [
            ({"kind": "rembuk_stunting"}, "Rembuk Stunting 2021", "Sosialisasi Gizi"),
            ({"q": "gizi"}, "Sosialisasi Gizi", "Rembuk Stunting 2021"),
        ],
    )


def test_list_pins_its_queries(client, kelurahan, petugas, django_assert_max_num_queries):
    for _ in range(20):
        rapat = make_rapat(kelurahan)
        make_peserta(rapat, attendance="hadir")
    client.force_login(petugas)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("kpm:rapat_list"))
    assert len(response.context["page_obj"]) == 20
    assert response.context["page_obj"][0].present_count == 1


def test_calendar_shows_the_month_in_indonesian(
    client, kelurahan, petugas, django_assert_max_num_queries
):
    for day in range(1, 21):
        make_rapat(
            kelurahan, title=f"Rapat tanggal {day}", starts_at=at(datetime.date(2020, 12, day))
        )
    make_rapat(kelurahan, title="Rapat Januari", starts_at=at(datetime.date(2021, 1, 4)))
    client.force_login(petugas)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("kpm:rapat_calendar"), {"bulan": "2020-12"})
    assertContains(response, "Rapat bulan Desember 2020")
    assertContains(response, "Rapat tanggal 20")
    assertNotContains(response, "Rapat Januari")
    assertContains(response, "Januari 2021")  # the link to the next month


def test_calendar_ignores_a_bad_month(client, petugas):
    client.force_login(petugas)
    assert client.get(reverse("kpm:rapat_calendar"), {"bulan": "bukan-bulan"}).status_code == 200


# --- Kecamatan-level meetings: the kecamatan edits, each kelurahan its own people, outsiders 404 --


@pytest.fixture
def shared(kelurahan, other_kelurahan):
    """A kecamatan meeting hosted by Pradah Kali Kendal with Dukuh Kupang taking part (as a
    kelurahan could plan them before only the kecamatan held meetings across kelurahan)."""
    rapat = make_rapat(kelurahan, participants=[other_kelurahan], title="Rapat Bersama KPM")
    make_peserta(rapat, kader=make_kader(kelurahan, name="Kader Tuan Rumah"), attendance="hadir")
    make_peserta(rapat, kader=make_kader(other_kelurahan, name="Kader Peserta"), attendance="izin")
    make_peserta(rapat, name="Tamu Puskesmas")
    return rapat


@pytest.mark.parametrize("user_fixture", ["petugas", "other_petugas"])
def test_each_kelurahan_sees_its_own_people_and_counts_for_the_others(
    client, request, shared, user_fixture
):
    user = request.getfixturevalue(user_fixture)
    own, other = (
        ("Kader Tuan Rumah", "Kader Peserta")
        if user_fixture == "petugas"
        else ("Kader Peserta", "Kader Tuan Rumah")
    )
    client.force_login(user)
    for url in rapat_urls(shared, ["rapat_detail", "rapat_attendance"]):
        response = client.get(url)
        assertContains(response, own)
        assertNotContains(response, other)
        assertNotContains(response, "Tamu Puskesmas")
    response = client.get(shared.get_absolute_url())
    assertContains(response, "untuk kelurahan lain hanya jumlahnya")
    lines = {line["label"]: line for line in response.context["by_kelurahan"]}
    assert (lines["Pradah Kali Kendal"]["total"], lines["Pradah Kali Kendal"]["hadir"]) == (1, 1)
    assert (lines["Dukuh Kupang"]["total"], lines["Dukuh Kupang"]["izin"]) == (1, 1)
    assert lines[None]["total"] == 1  # the guest, counted but not named
    for url in rapat_urls(shared, EDIT_GET):
        assert client.get(url).status_code == 403, url
    for url in rapat_urls(shared, EDIT_POST):
        assert client.post(url, {"name": "x"}).status_code == 403, url


def test_each_kelurahan_marks_only_its_own_people_at_a_kecamatan_meeting(
    client, shared, other_petugas
):
    client.force_login(other_petugas)
    own = shared.peserta.get(name="Kader Peserta")
    host = shared.peserta.get(name="Kader Tuan Rumah")
    guest = shared.peserta.get(name="Tamu Puskesmas")
    url = reverse("kpm:rapat_mark", args=[shared.pk, own.pk])
    assert client.post(url, {"attendance": "hadir"}).status_code == 302
    own.refresh_from_db()
    assert own.attendance == "hadir"
    for row in (host, guest):
        url = reverse("kpm:rapat_mark", args=[shared.pk, row.pk])
        assert client.post(url, {"attendance": "tidak_hadir"}).status_code == 404
        row.refresh_from_db()
        assert row.attendance != "tidak_hadir"


def test_outsiders_get_404_on_a_kecamatan_meeting(client, kecamatan, shared, far_kelurahan):
    not_invited = make_kelurahan(kecamatan, name="Gunung Sari")
    for user in (
        make_user(User.Role.PETUGAS, kelurahan=not_invited),
        make_user(User.Role.PETUGAS, kelurahan=far_kelurahan),
        make_user(User.Role.KECAMATAN, kecamatan=far_kelurahan.kecamatan),
    ):
        client.force_login(user)
        for url in rapat_urls(shared, READ + EDIT_GET):
            assert client.get(url).status_code == 404, (user, url)


def test_kecamatan_staff_edit_kecamatan_meetings_only(client, rapat, shared, kecamatan_user):
    client.force_login(kecamatan_user)
    assert client.get(reverse("kpm:rapat_update", args=[shared.pk])).status_code == 200
    assert client.get(reverse("kpm:rapat_update", args=[rapat.pk])).status_code == 403
    response = client.get(shared.get_absolute_url())
    assertContains(response, "Kader Tuan Rumah")
    assertContains(response, "Kader Peserta")


def test_a_kelurahan_with_invited_people_stays_in_the_meeting(
    client, kelurahan, other_kelurahan, kecamatan_user
):
    rapat = make_rapat(kelurahan, participants=[other_kelurahan])
    make_peserta(rapat, kader=make_kader(other_kelurahan))
    client.force_login(kecamatan_user)
    url = reverse("kpm:rapat_update", args=[rapat.pk])
    response = client.post(url, plan_data(level="kelurahan"))
    assertContains(response, "Kelurahan Dukuh Kupang masih punya peserta yang diundang")
    rapat.refresh_from_db()
    assert rapat.level == Rapat.Level.KECAMATAN
    assert rapat.participants.count() == 2


def test_an_invitation_dated_after_its_meeting_is_refused(client, kelurahan, petugas):
    client.force_login(petugas)
    url = reverse("kpm:rapat_create")
    response = post_form(client, url, plan_data(letter_date="2021-01-19"))
    assertContains(response, "Surat undangan harus bertanggal sebelum rapat atau pada hari rapat.")
    assert not Rapat.objects.exists()
    assert post_form(client, url, plan_data(letter_date="2021-01-18")).status_code == 302
    assert Rapat.objects.get().letter_date.isoformat() == "2021-01-18"
