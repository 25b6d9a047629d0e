"""Validating a kelurahan-quarter of the Scorecard Konvergensi: the stored snapshot that later
edits do not change, what changed since, reopening with a reason, the meta facts, who may do
what, and `manage.py scorecard`.

The quarter is K3 2026 with one child, Bima (born 10 December 2025, so 7-9 months: band 6-12),
with a 2B record in July, August and September 2026 and a measurement in August. His September
record says no safe water: indicator 6 (air minum aman) is T until that record is corrected.
"""

import datetime
import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from kelurahan.dates import Quarter
from kelurahan.models import User
from kpm.models import Rapat
from stunting.models import QuarterReport
from stunting.scorecard.compute import Ratio, compute, load, load_report
from stunting.scorecard.validation import (
    changed_since,
    previous_year_konvergensi,
    reopen_history,
    reopen_quarter,
    validate_quarter,
)
from stunting.views.scorecard_report import validation_context

from .conftest import kelurahan_user
from .factories import make_user
from .factories_rapat import at, make_rapat
from .factories_stunting import make_child, make_child_month, make_family, make_measurement
from .pages import message_texts
from .stamps import post_form

QUARTER = Quarter(2026, 3)
QUERY = {"tahun": 2026, "triwulan": 3}
AIR = 5  # indicator 6 of anak 0-23 bulan, 0-based

other_lurah = kelurahan_user(User.Role.LURAH, "lurah.lain", place="other_kelurahan")


@pytest.fixture
def bima(kelurahan):
    family = make_family(kelurahan, head_name="Slamet Riyadi")
    child = make_child(family, name="Bima Pradana", birth_date=datetime.date(2025, 12, 10))
    records = [make_child_month(child, on=datetime.date(2026, m, 15)) for m in (7, 8, 9)]
    make_measurement(child, on=datetime.date(2026, 8, 15), weight="8.0", height="69.0")
    return records


@pytest.fixture
def lurah_user(kelurahan):
    return make_user(
        User.Role.LURAH, kelurahan=kelurahan, username="lurah.uji", first_name="Bu Lurah"
    )


def url(name: str, **query) -> str:
    return reverse(f"stunting:{name}") + "?" + "&".join(f"{k}={v}" for k, v in query.items())


def scorecard_command(kelurahan, *flags) -> str:
    """What `manage.py scorecard` prints for the kelurahan's K3 2026."""
    out = StringIO()
    call_command(
        "scorecard",
        "--kelurahan",
        str(kelurahan.pk),
        "--year",
        "2026",
        "--quarter",
        "3",
        *flags,
        stdout=out,
    )
    return out.getvalue()


def scorecard_json(kelurahan, *flags) -> dict:
    return json.loads(scorecard_command(kelurahan, "--json", *flags))


def render_partial(user, kelurahan, quarter=QUARTER) -> str:
    request = RequestFactory().get("/")
    request.user = user
    context = validation_context(request, kelurahan, quarter)
    return render_to_string("stunting/scorecard/_validation.html", context, request=request)


# --- Validation: the snapshot -----------------------------------------------------------------


def test_validated_figures_do_not_change_when_a_2b_record_is_edited_later(
    client, kelurahan, lurah_user, bima
):
    client.force_login(lurah_user)
    response = client.post(url("scorecard_validate", **QUERY))
    assert response.status_code == 302
    assert response["Location"].startswith("/stunting/skor/")
    assert f"kelurahan={kelurahan.pk}" in response["Location"]
    assert message_texts(response) == [
        "Scorecard K3 2026 tervalidasi: angkanya sekarang tersimpan dan terkunci."
    ]
    report = QuarterReport.objects.get(kelurahan=kelurahan, year=2026, quarter=3)
    assert report.is_validated and report.validated_by == lurah_user
    assert report.snapshot["children"][0]["name"] == "Bima Pradana"
    assert report.rule_set == "kpm-2018"
    assert changed_since(report) == 0

    september = bima[-1]
    september.safe_water = True
    september.save()

    assert compute([kelurahan.pk], QUARTER).summary().anak.indicators[AIR] == Ratio(1, 1)
    result, shown = load_report(kelurahan.pk, QUARTER)
    assert shown == report
    assert result.summary().anak.indicators[AIR] == Ratio(0, 1)
    assert load(kelurahan.pk, QUARTER).children[0].marks[AIR].value == "T"
    assert changed_since(report) == 1

    validated = scorecard_json(kelurahan, "--validated")
    assert validated["validated"] is True
    assert validated["anak_0_23"]["indicators"][AIR] == {"y": 0, "applicable": 1}
    live = scorecard_json(kelurahan)
    assert live["validated"] is False
    assert live["anak_0_23"]["indicators"][AIR] == {"y": 1, "applicable": 1}


def test_changed_since_counts_added_and_deleted_records_in_the_look_back_window_only(
    kelurahan, other_kelurahan, lurah_user, bima
):
    report, _now = validate_quarter(kelurahan=kelurahan, quarter=QUARTER, by=lurah_user)
    bima[0].delete()  # July 2026: read by the quarter
    make_child_month(bima[0].person, on=datetime.date(2026, 6, 20))  # K2 2026: look-back
    make_child_month(bima[0].person, on=datetime.date(2026, 10, 5))  # K4: not read
    other = make_child(make_family(other_kelurahan), birth_date=datetime.date(2026, 1, 5))
    make_child_month(other, on=datetime.date(2026, 8, 1))  # another kelurahan
    assert changed_since(report) == 2


def test_validating_a_validated_quarter_changes_nothing_and_says_so(
    client, kelurahan, lurah_user, bima
):
    client.force_login(lurah_user)
    client.post(url("scorecard_validate", **QUERY))
    report = QuarterReport.objects.get()
    before = (report.validated_at, report.history.count())
    response = client.post(url("scorecard_validate", **QUERY))
    assert response.status_code == 302
    assert message_texts(response)[-1] == (  # the first one's message was not shown yet
        "Scorecard K3 2026 sudah tervalidasi sebelumnya; tidak ada yang berubah."
    )
    report.refresh_from_db()
    assert (report.validated_at, report.history.count()) == before


def test_admin_validates_any_kelurahan_by_its_parameter(client, admin_user, kelurahan, bima):
    client.force_login(admin_user)
    response = client.post(url("scorecard_validate", kelurahan=kelurahan.pk, **QUERY))
    assert response.status_code == 302
    assert QuarterReport.objects.get(kelurahan=kelurahan).validated_by == admin_user


def test_a_quarter_not_started_is_not_validated(client, lurah_user):
    client.force_login(lurah_user)
    response = client.post(url("scorecard_validate", tahun=2100, triwulan=4))
    assert message_texts(response) == ["Triwulan yang belum dimulai tidak dapat divalidasi."]
    assert not QuarterReport.objects.exists()


# --- Who may validate, reopen and write the notes ---------------------------------------------


def test_anonymous_users_are_sent_to_log_in(client, kelurahan):
    for name in ("scorecard_validate", "scorecard_reopen", "scorecard_notes"):
        response = client.post(url(name, **QUERY))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("role", ["petugas", "kasi_kesra", "kecamatan_user"])
def test_only_the_lurah_or_admin_validates_and_reopens(client, request, role, kelurahan, bima):
    client.force_login(request.getfixturevalue(role))
    query = {"kelurahan": kelurahan.pk, **QUERY}
    assert client.post(url("scorecard_validate", **query)).status_code == 403
    assert client.get(url("scorecard_reopen", **query)).status_code == 403
    assert not QuarterReport.objects.exists()


def test_another_kelurahans_lurah_gets_404(client, other_lurah, kelurahan, bima):
    client.force_login(other_lurah)
    query = {"kelurahan": kelurahan.pk, **QUERY}
    assert client.post(url("scorecard_validate", **query)).status_code == 404
    assert client.get(url("scorecard_reopen", **query)).status_code == 404
    assert client.get(url("scorecard_notes", **query)).status_code == 404
    assert not QuarterReport.objects.exists()


def test_validation_is_post_only(client, lurah_user):
    client.force_login(lurah_user)
    assert client.get(url("scorecard_validate", **QUERY)).status_code == 405


@pytest.mark.parametrize("role", ["kasi_kesra", "kecamatan_user"])
def test_read_only_roles_do_not_write_the_notes(client, request, role, kelurahan):
    client.force_login(request.getfixturevalue(role))
    response = client.get(url("scorecard_notes", kelurahan=kelurahan.pk, **QUERY))
    assert response.status_code == 403


# --- Reopening ---------------------------------------------------------------------------------


def test_reopening_needs_a_reason(client, kelurahan, lurah_user, bima):
    validate_quarter(kelurahan=kelurahan, quarter=QUARTER, by=lurah_user)
    client.force_login(lurah_user)
    page = client.get(url("scorecard_reopen", **QUERY))
    assertContains(page, "Buka kembali scorecard K3 2026")
    response = client.post(url("scorecard_reopen", **QUERY), {"reason": "   "})
    assert response.status_code == 200
    assertContains(response, "Tuliskan alasan membuka kembali triwulan ini.")
    assert QuarterReport.objects.get().is_validated


def test_reopening_by_the_lurah_keeps_the_reason_in_the_history_shown(
    client, kelurahan, lurah_user, bima
):
    validate_quarter(kelurahan=kelurahan, quarter=QUARTER, by=lurah_user)
    client.force_login(lurah_user)
    response = client.post(
        url("scorecard_reopen", **QUERY), {"reason": "Data timbang Agustus salah ketik"}
    )
    assert response.status_code == 302
    assert response["Location"].startswith("/stunting/skor/")
    report = QuarterReport.objects.get()
    assert not report.is_validated and report.snapshot is None
    assert [(e.by, e.reason) for e in reopen_history(report)] == [
        (lurah_user, "Data timbang Agustus salah ketik")
    ]
    html = render_partial(lurah_user, kelurahan)
    assert "dibuka kembali oleh Bu Lurah pada " in html
    assert ": Data timbang Agustus salah ketik" in html
    assert "DRAF" in html and "Validasi scorecard triwulan ini" in html

    again = client.post(url("scorecard_reopen", **QUERY), {"reason": "sekali lagi"})
    assert message_texts(again)[-1] == "Scorecard K3 2026 belum tervalidasi."
    assert len(reopen_history(report)) == 1


def test_reopen_service_refuses_an_empty_reason(kelurahan, lurah_user, bima):
    report, _now = validate_quarter(kelurahan=kelurahan, quarter=QUARTER, by=lurah_user)
    with pytest.raises(Exception, match="Tuliskan alasan"):
        reopen_quarter(report=report, by=lurah_user, reason="")
    assert QuarterReport.objects.get().is_validated


# --- The partial beside the scorecard ----------------------------------------------------------


def test_the_partial_shows_state_changes_and_who_may_act(kelurahan, lurah_user, petugas, bima):
    draft = render_partial(lurah_user, kelurahan)
    assert "DRAF" in draft and "Validasi scorecard triwulan ini" in draft
    assert "Validasi scorecard triwulan ini" not in render_partial(petugas, kelurahan)

    report, _now = validate_quarter(kelurahan=kelurahan, quarter=QUARTER, by=lurah_user)
    bima[-1].safe_water = True
    bima[-1].save()
    html = render_partial(lurah_user, kelurahan)
    assert "TERVALIDASI" in html and "oleh Bu Lurah pada " in html
    assert "1 catatan bulanan diubah sesudah validasi." in html
    assert "Buka kembali" in html
    assert "Validasi scorecard triwulan ini" not in html
    assert "Buka kembali" not in render_partial(petugas, kelurahan)
    assert "Ubah catatan triwulan" in render_partial(petugas, kelurahan)


def test_last_years_konvergensi_for_the_same_quarter_is_shown_beside(kelurahan, lurah_user, bima):
    older = make_child(make_family(kelurahan), birth_date=datetime.date(2024, 12, 1))
    make_child_month(older, on=datetime.date(2025, 8, 10), safe_water=True)
    last_year = previous_year_konvergensi(kelurahan.pk, QUARTER)
    assert last_year == load(kelurahan.pk, Quarter(2025, 3)).summary().kelurahan_konvergensi
    assert last_year.applicable > 0
    html = render_partial(lurah_user, kelurahan)
    assert "K3 2025 (tahun lalu)" in html
    assert f"({last_year.y} dari {last_year.applicable})" in html

    # Validated last year: its stored figures, not today's.
    validate_quarter(kelurahan=kelurahan, quarter=Quarter(2025, 3), by=lurah_user)
    older.child_months.update(safe_water=False)
    assert previous_year_konvergensi(kelurahan.pk, QUARTER) == last_year


def test_the_partial_reads_a_fixed_number_of_queries(
    kelurahan, lurah_user, bima, django_assert_max_num_queries
):
    validate_quarter(kelurahan=kelurahan, quarter=QUARTER, by=lurah_user)
    for n in range(5):
        child = make_child(make_family(kelurahan), birth_date=datetime.date(2025, 11, n + 1))
        make_child_month(child, on=datetime.date(2026, 9, 2))
    with django_assert_max_num_queries(
        12
    ):  # the data stamp, and the engine reads a quarter in seven
        render_partial(lurah_user, kelurahan)


# --- The quarter's meta facts ------------------------------------------------------------------


def test_petugas_records_the_rembuk_partners_and_notes(client, kelurahan, petugas):
    rembuk = make_rapat(
        kelurahan,
        title="Rembuk Stunting Kelurahan",
        kind=Rapat.Kind.REMBUK_STUNTING,
        starts_at=at(datetime.date(2026, 8, 20)),
    )
    client.force_login(petugas)
    page = client.get(url("scorecard_notes", **QUERY))
    assertContains(page, "Rembuk Stunting Kelurahan")
    data = {
        "rembuk_held_on": "2026-08-20",
        "rembuk_rapat": rembuk.pk,
        "partners": "Puskesmas Dukuh Kupang, PKK",
        "notes": "Dihadiri 25 orang",
    }
    response = post_form(client, url("scorecard_notes", **QUERY), data)
    assert response.status_code == 302
    assert response["Location"].startswith("/stunting/skor/")
    report = QuarterReport.objects.get()
    assert (report.rembuk_held_on, report.rembuk_rapat, report.partners) == (
        datetime.date(2026, 8, 20),
        rembuk,
        "Puskesmas Dukuh Kupang, PKK",
    )
    assert not report.is_validated and report.rule_set == "kpm-2018"
    html = render_partial(petugas, kelurahan)
    assert "20 Agustus 2026" in html and "Rembuk Stunting Kelurahan" in html
    assert "Puskesmas Dukuh Kupang, PKK" in html and "Dihadiri 25 orang" in html


def test_the_notes_form_saves_once_however_often_it_is_posted(client, kelurahan, petugas):
    client.force_login(petugas)
    target = url("scorecard_notes", **QUERY)
    page = client.get(target)
    token = page.context["form"]["token_formulir"].value()
    for _ in range(2):
        response = client.post(target, {"token_formulir": token, "partners": "PKK"})
        assert response.status_code == 302
    assert QuarterReport.objects.count() == 1


def test_the_notes_refuse_a_meeting_of_another_kelurahan(
    client, kelurahan, other_kelurahan, petugas
):
    theirs = make_rapat(other_kelurahan, title="Rembuk Kelurahan Tetangga")
    client.force_login(petugas)
    page = client.get(url("scorecard_notes", **QUERY))
    assertNotContains(page, "Rembuk Kelurahan Tetangga")
    response = post_form(client, url("scorecard_notes", **QUERY), {"rembuk_rapat": theirs.pk})
    assert response.status_code == 200
    assertContains(response, "Data belum disimpan")
    assert "rembuk_rapat" in response.context["form"].errors
    assert not QuarterReport.objects.exists()


def test_notes_of_a_validated_quarter_keep_its_figures(client, kelurahan, lurah_user, bima):
    report, _now = validate_quarter(kelurahan=kelurahan, quarter=QUARTER, by=lurah_user)
    client.force_login(lurah_user)
    response = post_form(client, url("scorecard_notes", **QUERY), {"notes": "Sudah dibahas"})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.is_validated and report.notes == "Sudah dibahas"
    assert report.snapshot is not None


# --- manage.py scorecard -----------------------------------------------------------------------


def test_the_command_prints_the_json_shape_other_tools_read(kelurahan, bima):
    data = scorecard_json(kelurahan)
    assert list(data) == [
        "kelurahan",
        "year",
        "quarter",
        "rule_set",
        "validated",
        "ibu_hamil",
        "anak_0_23",
        "paud",
        "kelurahan_konvergensi",
        "table1",
        "table2",
    ]
    assert (data["kelurahan"], data["year"], data["quarter"]) == (kelurahan.pk, 2026, 3)
    assert (data["rule_set"], data["validated"]) == ("kpm-2018", False)
    assert list(data["ibu_hamil"]) == ["targets", "indicators", "konvergensi"]
    assert len(data["ibu_hamil"]["indicators"]) == 8
    assert list(data["anak_0_23"]) == [
        "targets",
        "indicators",
        "konvergensi",
        "fathers_counselled",
    ]
    child = data["anak_0_23"]["targets"][0]
    assert list(child) == ["person", "band", "marks"]
    assert child["band"] == "6-12" and len(child["marks"]) == 10
    assert len(data["anak_0_23"]["indicators"]) == 10
    assert list(data["paud"]) == ["registered", "aktif"]
    assert list(data["kelurahan_konvergensi"]) == ["y", "applicable"]
    assert list(data["table1"]) == [
        "rumah_tangga",
        "ibu_hamil",
        "ibu_hamil_kek_risti",
        "anak_0_23",
        "gizi_kurang",
        "gizi_buruk",
        "stunting",
    ]
    assert list(data["table2"]) == ["hijau", "kuning", "merah", "tidak_diukur"]


def test_the_command_summary_and_its_errors(kelurahan, bima):
    summary = scorecard_command(kelurahan)
    assert "K3 2026 (live figures" in summary
    assert "Anak 0-23 bulan: 1 targets" in summary
    with pytest.raises(CommandError, match="No kelurahan with id 999999"):
        call_command("scorecard", "--kelurahan", "999999", "--year", "2026", "--quarter", "3")
    with pytest.raises(CommandError, match="is not validated"):
        scorecard_json(kelurahan, "--validated")
    with pytest.raises(CommandError, match="year must be between"):
        call_command(
            "scorecard", "--kelurahan", str(kelurahan.pk), "--year", "20", "--quarter", "3"
        )


def test_a_second_edit_of_the_notes_opened_before_the_first_was_saved_is_refused(
    client, kelurahan, petugas, lurah_user
):
    QuarterReport.objects.create(kelurahan=kelurahan, year=2026, quarter=3, notes="awal")
    target = url("scorecard_notes", **QUERY)
    client.force_login(petugas)
    opened = client.get(target).context["form"]["versi"].value()
    client.force_login(lurah_user)
    assert post_form(client, target, {"notes": "dari lurah"}).status_code == 302
    client.force_login(petugas)
    response = client.post(target, {"versi": opened, "notes": "dari petugas"})
    assert response.status_code == 200
    assertContains(response, "Perubahan Anda tidak disimpan.")
    assert QuarterReport.objects.get().notes == "dari lurah"


@pytest.mark.parametrize("value", ["abc", "²", "99999999999999999999", "-1", ""])
def test_hostile_parameters_never_end_in_a_server_error(client, lurah_user, admin_user, value):
    client.force_login(lurah_user)
    query = {"kelurahan": value, "tahun": value, "triwulan": value}
    assert client.get(url("scorecard_notes", **query)).status_code == 200
    assert client.post(url("scorecard_validate", **query)).status_code == 302
    client.force_login(admin_user)
    assert client.get(url("scorecard_notes", **query)).status_code == 404
