"""The scorecard pages of a kelurahan-quarter: the Scorecard Konvergensi, the recaps 3A / 3B /
PAUD, the targets behind a figure and one target's trace, for K3 2026.

The fixture (Pradah Kali Kendal, K3 2026 = July-September):
- Bu Ani (RW 01, posyandu Melati), pregnant since March 2026 (trimester 2 at her last record in
  August): examined, 30 tablets, counselled, water/latrine/insurance yes: 6 Y and 2 TS
  (nifas: not delivered; home visits: not KEK) -> 6/6, 100%.
- Bu Budi (RW 02, posyandu Mawar, non-resident), KEK, trimester 3 in September: one
  examination (needs 2), 10 tablets, no counselling, no home visit, no safe water, latrine
  and insurance yes: 2 Y, 5 T, 1 TS (nifas) -> 2/7.
- Citra, Bu Ani's daughter (RW 01), 9 months in August: weighed in April-August (5 of the 6
  months of K2+K3) -> ditimbang Y, "ditimbang 5 dari 6 bulan, perlu 5".
- Dodi (RW 02, posyandu Mawar, boy, non-resident), 9 months in August: weighed May-August only -> T,
  "ditimbang 4 dari 6 bulan, perlu 5"; his father came to konseling gizi in August.
"""

import datetime
import re
from pathlib import Path

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation
from pytest_django.asserts import assertContains, assertNotContains

from kelurahan.dates import Quarter
from kelurahan.models import Lembaga
from stunting.templatetags.scorecard_tags import recap_rows

from .factories import make_lembaga, make_rw
from .factories_stunting import (
    make_child,
    make_child_month,
    make_family,
    make_measurement,
    make_mother,
    make_pregnancy,
    make_pregnancy_month,
)

Q = {"tahun": 2026, "triwulan": 3}
D = datetime.date


def url(name, *args, **params):
    query = "&".join(f"{k}={v}" for k, v in {**Q, **params}.items())
    return reverse(f"stunting:{name}", args=args) + "?" + query


@pytest.fixture
def world(kelurahan, posyandu):
    rw1, rw2 = make_rw(kelurahan, number=1), make_rw(kelurahan, number=2)
    mawar = make_lembaga(kelurahan, name="Posyandu Mawar", kind=Lembaga.Kind.POSYANDU)
    family_a = make_family(kelurahan, head_name="Pak Ani", rw=rw1, posyandu=posyandu)
    family_b = make_family(
        kelurahan, head_name="Pak Budi", rw=rw2, posyandu=mawar, is_resident=False
    )
    ani = make_mother(family_a, name="Ani Lestari")
    ani_pregnancy = make_pregnancy(ani, last_period_date=D(2026, 3, 1))
    household = {"safe_water": True, "proper_latrine": True, "health_insurance": True}
    make_pregnancy_month(
        ani_pregnancy, on=D(2026, 7, 10), anc_visits=1, iron_tablets=15, **household
    )
    make_pregnancy_month(
        ani_pregnancy,
        on=D(2026, 8, 10),
        iron_tablets=15,
        nutrition_counseling=1,
        **household,
    )
    budi = make_mother(family_b, name="Budi Rahayu", is_resident=False)
    budi_pregnancy = make_pregnancy(budi, last_period_date=D(2026, 1, 5), status="kek")
    make_pregnancy_month(
        budi_pregnancy,
        on=D(2026, 9, 8),
        status="kek",
        anc_visits=1,
        iron_tablets=10,
        proper_latrine=True,
        health_insurance=True,
    )
    citra = make_child(family_a, name="Citra", sex="P", birth_date=D(2025, 11, 1))
    dodi = make_child(family_b, name="Dodi", sex="L", birth_date=D(2025, 11, 5), is_resident=False)
    for month in (4, 5, 6, 7, 8):
        make_measurement(citra, on=D(2026, month, 12), weight="7.5", height="68.0")
    for month in (5, 6, 7, 8):
        make_measurement(dodi, on=D(2026, month, 12), weight="7.8", height="69.0")
    make_child_month(citra, on=D(2026, 8, 12), **household)
    make_child_month(dodi, on=D(2026, 8, 12), counseling_father=True, growth_mat="merah")
    return {
        "ani": ani_pregnancy,
        "budi": budi_pregnancy,
        "citra": citra,
        "dodi": dodi,
        "rw1": rw1,
        "rw2": rw2,
        "mawar": mawar,
    }


def test_anonymous_is_sent_to_login(client, world):
    for page in (
        url("scorecard"),
        url("scorecard_recap", "ibu"),
        url("scorecard_figure", "ibu-1-Y"),
        url("scorecard_target", "anak", world["citra"].pk),
        url("scorecard_trend"),
    ):
        response = client.get(page)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def link(key, count, **params):
    """A figure as the scorecard prints it: its count, linking to the targets behind it."""
    return f'href="{url("scorecard_figure", key, **params).replace("&", "&amp;")}">{count}</a>'


def test_scorecard_page_shows_the_five_tables(client, petugas, world):
    client.force_login(petugas)
    response = client.get(url("scorecard"))
    assertContains(response, "Scorecard Konvergensi K3 2026")
    assertContains(response, "Kelurahan Pradah Kali Kendal")
    assertContains(response, "Scorecard KPM 2018-2020 (kpm-2018)")
    assertContains(response, "DRAF")  # the validation panel: not validated yet
    # Table 1: two households (Ani and Citra share one), two mothers of whom one KEK, two children.
    for key, count in [("rumah_tangga", 2), ("ibu_hamil", 2), ("ibu_hamil_kek_risti", 1)]:
        assertContains(response, link(key, count))
    for key, count in [("anak_0_23", 2), ("gizi_kurang", 0), ("gizi_buruk", 0), ("stunting", 0)]:
        assertContains(response, link(key, count))
    # Table 2: Dodi was on the red of the mat, Citra not measured on it.
    for key, count in [("hijau", 0), ("kuning", 0), ("merah", 1), ("tidak_diukur", 1)]:
        assertContains(response, link(key, count))
    # Table 3: the printed wording, count and %; "–" where nothing applies, never 0%.
    assertContains(response, "Periksa kehamilan paling sedikit 4 kali")
    assertContains(response, "Ibu bersalin mendapat layanan nifas oleh nakes minimal 3 kali")
    assertContains(response, "Bayi ≤12 bulan mendapat imunisasi dasar lengkap")
    assertContains(response, "Terdaftar dan aktif mengikuti layanan PAUD")
    assertContains(response, link("ibu-1-Y", 1) + "</td>")
    assertContains(response, link("ibu-1-T", 1))
    assertContains(response, link("ibu-1-Y", "50,0%"))
    assertContains(response, link("ibu-3-TS", 2))
    assertContains(response, link("ibu-3-Y", "–"))
    assertContains(response, link("ibu-7-Y", "100,0%"))
    assertContains(response, link("anak-2-T", 1))
    assertContains(response, "Anak 0-23: ayah ikut konseling gizi:")
    assertContains(response, link("anak-ayah", 1))
    # Table 4: cells pooled; 8 of 13 for the mothers, 4 of 18 for the children, 12 of 31.
    assertContains(response, link("ibu-semua", "8 / 13"))
    assertContains(response, link("anak-semua", "4 / 18"))
    assertContains(response, "61,5%")
    assertContains(response, "22,2%")
    assertContains(response, "38,7%")
    assertContains(response, link("ibu-lengkap", "1 / 2"))
    # Table 5: there are no financing records yet.
    assertContains(response, "Belum ada data anggaran")
    assertNotContains(response, "Rp 0")


def test_quarter_chooser_defaults_to_the_current_quarter_and_steps(client, lurah, world):
    client.force_login(lurah)
    response = client.get(reverse("stunting:scorecard"))
    assertContains(response, f"Scorecard Konvergensi {Quarter.current().label}")
    response = client.get(url("scorecard"))
    assertContains(response, 'href="?tahun=2026&amp;triwulan=2"')
    assertContains(response, 'href="?tahun=2026&amp;triwulan=4"')
    # K1 2027 steps back across the new year.
    response = client.get(url("scorecard", tahun=2027, triwulan=1))
    assertContains(response, 'href="?tahun=2026&amp;triwulan=4"')
    assertContains(response, "Skor Konvergensi")  # the menu


def test_recap_3a_marks_every_mother(client, kasi_kesra, world):
    client.force_login(kasi_kesra)
    response = client.get(url("scorecard_recap", "ibu"))
    assertContains(response, "Rekap Ibu hamil (3A), K3 2026")
    assertContains(response, "Trimester 2")
    assertContains(response, "Trimester 3")
    assertContains(response, '<span class="badge text-bg-danger">KEK/risti</span>', count=1)
    assertContains(response, '6 / 6<div class="small">100,0%</div>')
    assertContains(response, '2 / 7<div class="small">28,6%</div>')
    assertContains(
        response,
        '<td class="mark mark-t" title="periksa kehamilan 1 kali dalam triwulan, perlu 2">T</td>',
    )
    assertContains(response, '<td class="mark mark-ts" title="belum bersalin">TS</td>', count=2)
    assertContains(response, "Tingkat konvergensi: 61,5%.")
    trace = reverse("stunting:scorecard_target", args=["ibu", world["budi"].pk])
    assertContains(response, f'href="{trace}?tahun=2026&amp;triwulan=3">Budi Rahayu</a>')


def test_recap_3b_shows_age_band_and_the_reason_of_each_mark(client, petugas, world):
    client.force_login(petugas)
    response = client.get(url("scorecard_recap", "anak"))
    assertContains(response, "6-12 bulan", count=2)
    assertContains(response, "9 bln")
    assertContains(response, 'title="ditimbang 5 dari 6 bulan, perlu 5">Y</td>')
    assertContains(response, 'title="ditimbang 4 dari 6 bulan, perlu 5">T</td>')
    assertContains(response, "Tingkat konvergensi: 22,2%.")


def test_recap_paud_lists_registered_and_active(client, petugas, world, kelurahan):
    from .factories_stunting import make_paud_month

    family = make_family(kelurahan, head_name="Pak Eko")
    eko = make_child(family, name="Eko", birth_date=D(2023, 1, 1))
    fina = make_child(family, name="Fina", sex="P", birth_date=D(2022, 6, 1))
    for month in (7, 8, 9):
        make_paud_month(eko, on=D(2026, month, 5), registered=True, participated=True)
    make_paud_month(fina, on=D(2026, 7, 5), registered=True, participated=True)
    make_paud_month(fina, on=D(2026, 8, 5), registered=True, participated=False)
    client.force_login(petugas)
    response = client.get(url("scorecard_recap", "paud"))
    assertContains(response, "ikut kegiatan 3 dari 3 bulan terdaftar")
    assertContains(response, "ikut kegiatan 1 dari 2 bulan terdaftar")
    assertContains(response, "Aktif: 1 dari 2 anak terdaftar (50,0%).")
    assertContains(response, link("paud-terdaftar", 2))
    assertContains(response, link("paud-aktif", 1) + " (50,0%)")
    response = client.get(url("scorecard"))
    assertContains(response, link("paud-aktif", "50,0%"))


def names_in(response) -> list[str]:
    html = response.content.decode()
    return [name for name in ("Ani Lestari", "Budi Rahayu", "Citra", "Dodi") if name in html]


def test_filters_narrow_the_rows_and_the_figures(client, petugas, world):
    client.force_login(petugas)
    by_rw = client.get(url("scorecard_recap", "ibu", rw=world["rw2"].pk))
    assert names_in(by_rw) == ["Budi Rahayu"]
    assertContains(by_rw, "Tingkat konvergensi: 28,6%.")
    by_posyandu = client.get(url("scorecard_recap", "anak", posyandu=world["mawar"].pk))
    assert names_in(by_posyandu) == ["Dodi"]
    by_sex = client.get(url("scorecard_recap", "anak", sex="P"))
    assert names_in(by_sex) == ["Citra"]
    non_resident = client.get(url("scorecard_recap", "anak", penduduk=0))
    assert names_in(non_resident) == ["Dodi"]
    resident = client.get(url("scorecard", penduduk=1))
    assertContains(resident, link("ibu_hamil", 1, penduduk=1))
    assertContains(resident, "Filter aktif")
    # The filters ride along on the links to the other pages.
    assertContains(resident, 'href="?tahun=2026&amp;triwulan=4&amp;penduduk=1"')
    trace = client.get(url("scorecard_target", "anak", world["citra"].pk, penduduk=1))
    assertContains(trace, "?tahun=2026&amp;triwulan=3&amp;penduduk=1")


def test_filter_choices_are_the_kelurahan_own(client, petugas, world, other_kelurahan):
    far_rw = make_rw(other_kelurahan, number=7)
    client.force_login(petugas)
    response = client.get(url("scorecard_recap", "ibu", rw=far_rw.pk))
    assertContains(response, "RW 01")
    assertNotContains(response, "RW 07")
    assert names_in(response) == ["Ani Lestari", "Budi Rahayu"]  # a foreign RW is ignored


def test_drill_down_lists_exactly_the_targets_behind_a_figure(client, petugas, world):
    client.force_login(petugas)
    response = client.get(url("scorecard_figure", "anak-2-T"))
    assertContains(response, "Ditimbang di posyandu setiap bulan")
    assert names_in(response) == ["Dodi"]
    assertContains(response, "ditimbang 4 dari 6 bulan, perlu 5")
    assertContains(response, f'href="{world["dodi"].get_absolute_url()}">Dodi</a>')
    trace = reverse("stunting:scorecard_target", args=["anak", world["dodi"].pk])
    assertContains(response, f'href="{trace}?tahun=2026&amp;triwulan=3"')
    assertContains(response, "RW 02")
    kek = client.get(url("scorecard_figure", "ibu_hamil_kek_risti"))
    assert names_in(kek) == ["Budi Rahayu"]
    assertContains(kek, reverse("stunting:pregnancy_detail", args=[world["budi"].pk]))
    households = client.get(url("scorecard_figure", "rumah_tangga"))
    assertContains(households, "2 sasaran")
    everyone = client.get(url("scorecard_figure", "anak_0_23"))
    assert names_in(everyone) == ["Citra", "Dodi"]


@pytest.mark.parametrize("key", ["nope", "ibu-9-Y", "anak-0-T", "ibu-1-X", "anak-11-Y", "paud-x"])
def test_unknown_figure_is_404(client, petugas, world, key):
    client.force_login(petugas)
    assert client.get(url("scorecard_figure", key)).status_code == 404


def test_trace_shows_the_rule_in_words_and_the_records(client, petugas, world):
    client.force_login(petugas)
    response = client.get(url("scorecard_target", "anak", world["dodi"].pk))
    assertContains(response, "Penilaian Dodi, K3 2026")
    assertContains(response, "ditimbang 4 dari 6 bulan, perlu 5")
    assertContains(response, "Mei 2026, Jun 2026, Jul 2026, Agu 2026")  # the months weighed
    assertContains(response, "7,8 kg", count=4)
    assertContains(response, "tidak ada catatan 2B")
    assertContains(response, "0 dari 9 (0,0%)")
    assertContains(response, f'href="{world["dodi"].get_absolute_url()}#m2026-08"')
    mother = client.get(url("scorecard_target", "ibu", world["budi"].pk))
    assertContains(mother, "ibu KEK/risiko tinggi: kunjungan rumah 0 kali, perlu 1")
    assertContains(mother, "tablet tambah darah 10 butir dalam triwulan, perlu 30")
    assertContains(mother, "2 dari 7 (28,6%)")
    assertContains(mother, "Catatan bulanan (formulir 2A)")
    assertContains(mother, f'href="{world["budi"].get_absolute_url()}#m2026-09">Sep 2026</a>')


@pytest.mark.parametrize(
    ("group", "who"), [("anak", "ani"), ("ibu", "citra"), ("paud", "citra"), ("x", "citra")]
)
def test_trace_of_what_is_not_a_target_is_404(client, petugas, world, group, who):
    client.force_login(petugas)
    assert client.get(url("scorecard_target", group, world[who].pk)).status_code == 404


def test_trace_of_a_quarter_without_the_target_is_404(client, petugas, world):
    client.force_login(petugas)
    page = url("scorecard_target", "anak", world["dodi"].pk, tahun=2026, triwulan=1)
    assert client.get(page.replace("tahun=2026&triwulan=3&", "")).status_code == 404


def test_another_kelurahan_is_404(client, other_petugas, world, kelurahan):
    client.force_login(other_petugas)
    for page in (
        url("scorecard", kelurahan=kelurahan.pk),
        url("scorecard_recap", "anak", kelurahan=kelurahan.pk),
        url("scorecard_figure", "anak-2-T", kelurahan=kelurahan.pk),
        url("scorecard_target", "anak", world["dodi"].pk, kelurahan=kelurahan.pk),
        url("scorecard_trend", kelurahan=kelurahan.pk),
    ):
        assert client.get(page).status_code == 404
    # Their own scorecard does not hold our targets.
    assert client.get(url("scorecard_target", "anak", world["dodi"].pk)).status_code == 404
    assertNotContains(client.get(url("scorecard_recap", "anak")), "Dodi")


def test_kecamatan_chooses_among_its_kelurahan(
    client, kecamatan_user, world, kelurahan, other_kelurahan, far_kelurahan
):
    client.force_login(kecamatan_user)
    response = client.get(url("scorecard"))
    assertContains(response, "Pilih kelurahan")
    assertContains(response, f"kelurahan={kelurahan.pk}")
    assertContains(response, "Dukuh Kupang")
    assertNotContains(response, "Jagir")
    response = client.get(url("scorecard", kelurahan=kelurahan.pk))
    assertContains(response, link("ibu_hamil", 2, kelurahan=kelurahan.pk))
    recap = client.get(url("scorecard_recap", "anak", kelurahan=kelurahan.pk))
    assert names_in(recap) == ["Citra", "Dodi"]
    assert client.get(url("scorecard", kelurahan=far_kelurahan.pk)).status_code == 404
    # A page below the scorecard without a kelurahan goes back to the choice.
    response = client.get(url("scorecard_recap", "anak"))
    assert response.status_code == 302 and "/stunting/skor/?" in response["Location"]


def test_admin_sees_every_kelurahan(client, admin_user, world, far_kelurahan):
    client.force_login(admin_user)
    assertContains(client.get(url("scorecard")), "Jagir")
    assert client.get(url("scorecard", kelurahan=far_kelurahan.pk)).status_code == 200


@pytest.mark.parametrize(
    ("params", "status"),
    [
        ({"tahun": "abc"}, 200),
        ({"triwulan": "9"}, 200),
        ({"tahun": "99999999999999999999", "triwulan": "-1"}, 200),
        ({"tahun": "1900", "triwulan": "1"}, 200),
        ({"rw": "abc", "posyandu": "99999999999999999999", "sex": "X", "penduduk": "2"}, 200),
        ({"kelurahan": "99999999999999999999"}, 404),
        ({"kelurahan": "abc"}, 404),
        ({"kelurahan": "²"}, 404),
    ],
)
def test_hostile_parameters_never_500(client, petugas, world, params, status):
    client.force_login(petugas)
    for name, args in [
        ("scorecard", ()),
        ("scorecard_recap", ("anak",)),
        ("scorecard_figure", ("anak-2-T",)),
        ("scorecard_target", ("anak", world["dodi"].pk)),
    ]:
        response = client.get(reverse(f"stunting:{name}", args=args), {**Q, **params})
        if name == "scorecard_target" and status == 200 and params.keys() & Q.keys():
            assert response.status_code in (200, 404)  # another quarter: maybe not a target
        else:
            assert response.status_code == status, (name, params)


def test_hostile_filters_are_dropped_not_shown_as_errors(client, petugas, world):
    client.force_login(petugas)
    response = client.get(url("scorecard_recap", "anak", rw="abc", sex="X"))
    assert names_in(response) == ["Citra", "Dodi"]
    assertNotContains(response, "is-invalid")


def test_query_counts_do_not_grow_with_targets(
    client, petugas, world, kelurahan, django_assert_max_num_queries
):
    family = make_family(kelurahan, head_name="Banyak", rw=world["rw1"])
    for n in range(12):
        child = make_child(family, name=f"Anak {n}", birth_date=D(2025, 6, 1 + n))
        make_measurement(child, on=D(2026, 8, 3), weight="8.0", height="70.0")
        make_child_month(child, on=D(2026, 8, 3), counseling_father=n % 2 == 0)
        mother = make_mother(make_family(kelurahan, rw=world["rw2"]), name=f"Ibu {n}")
        pregnancy = make_pregnancy(mother, last_period_date=D(2026, 4, 1 + n))
        make_pregnancy_month(pregnancy, on=D(2026, 9, 2), anc_visits=1)
    client.force_login(petugas)
    with django_assert_max_num_queries(20):
        response = client.get(url("scorecard"))
    assertContains(response, link("ibu_hamil", 14))
    for page in (
        url("scorecard_recap", "anak"),
        url("scorecard_recap", "ibu"),
        url("scorecard_figure", "anak-semua"),
        url("scorecard_target", "anak", world["dodi"].pk),
        url("scorecard_trend"),
    ):
        with django_assert_max_num_queries(20):
            assert client.get(page).status_code == 200


def test_trend_draws_eight_quarters_with_this_one_last(client, petugas, world):
    """K3 2026 and the seven quarters before it; quarters without targets are gaps, not 0%."""
    client.force_login(petugas)
    response = client.get(url("scorecard_trend"))
    assertContains(response, "Tren tingkat konvergensi sampai K3 2026")
    body = response.content.decode()
    labels = re.findall(r'<th scope="row">(K\d \d{4})</th>', body)
    assert labels == [Quarter(2026, 3).shifted(-n).label for n in range(7, -1, -1)]
    assert "0,0%" not in body
    assert body.count('class="trend-point"') >= 1


# The rows of the 3A/3B recap as a template loop wrote them before `recap_rows` wrote them in
# Python (a kelurahan has hundreds): the reference the tag must match.
TEMPLATE_ROWS = (Path(__file__).parent / "reference_templates" / "recap_rows.html").read_text()


@pytest.mark.parametrize("language", ["id", "en"])
@pytest.mark.parametrize("group", ["ibu", "anak"])
def test_recap_rows_are_the_rows_the_template_loop_wrote(client, petugas, world, group, language):
    client.force_login(petugas)
    response = client.get(url("scorecard_recap", group, rw=""))
    keys = ("group", "trace_prefix", "query", "rw_names", "names", "rows")
    context = {key: response.context[key] for key in keys}
    assert len(context["rows"]) == 2  # a resident and a non-resident (Budi is also KEK)
    with translation.override(language):
        expected = Template(TEMPLATE_ROWS).render(Context(context))
        written = recap_rows(Context(context), context["rows"])

    def squeeze(html: str) -> str:
        return re.sub(r">\s+<", "><", html).strip()

    assert squeeze(written) == squeeze(expected)
    assert "&amp;" in written  # the query string, escaped in the link as the template did
