"""Cadres' working relations, SK and trainings: pages, rules and scope."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from kelurahan.models import Lembaga, Official
from kpm.models import SK, Kader, Pelatihan, Relasi

from .factories import make_kelompok, make_lembaga, make_official
from .factories_kpm import make_kader, make_lurah, make_register, make_relasi, make_sk
from .stamps import post_form


@pytest.fixture
def records(kelurahan):
    return make_register(kelurahan)


# --- Relations ------------------------------------------------------------------------------


def test_relation_kind_page_proposes_nature(client, records, petugas):
    client.force_login(petugas)
    response = client.get(reverse("kpm:relasi_create", args=[records["kader"].pk]))
    assertContains(response, "Bantuan teknis pemberdayaan dan pembangunan partisipatif")
    assertContains(response, "Pendampingan dan fasilitasi")
    response = client.get(
        reverse("kpm:relasi_create", args=[records["kader"].pk]), {"jenis": "kelompok"}
    )
    form = response.context["form"]
    assert form.initial["activity"] == Relasi.Activity.PENDAMPINGAN
    assert form.initial["nature"] == Relasi.Nature.KEDUANYA
    assert "kelompok" in form.fields and "lembaga" not in form.fields


@pytest.mark.parametrize("kind", ["lurah", "lembaga", "kader", "kader_teknis", "kelompok", "opd"])
def test_petugas_adds_a_relation_of_every_kind(client, records, petugas, kelurahan, kind):
    from kelurahan.models import OPD

    partners = {
        "lurah": records["lurah"],
        "lembaga": make_lembaga(kelurahan, kind=Lembaga.Kind.PKK, name="TP PKK Pradah"),
        "kader": records["other"],
        "kader_teknis": make_official(
            kelurahan, position=Official.Position.KADER_TEKNIS, name="Pendamping PKH"
        ),
        "kelompok": make_kelompok(kelurahan, name="BKB Melati"),
        "opd": OPD.objects.create(
            kota=kelurahan.kecamatan.kota, kind=OPD.Kind.PUSKESMAS, name="Puskesmas Uji"
        ),
    }
    partner = partners[kind]
    kader = records["kader"]
    client.force_login(petugas)
    field = Relasi.PARTNER_FIELD[kind]
    nature, activity = Relasi.PROPOSED[kind]
    url = reverse("kpm:relasi_create", args=[kader.pk]) + f"?jenis={kind}"
    response = client.post(
        url,
        {field: partner.pk, "nature": nature, "activity": activity, "start_date": "2024-02-01"},
    )
    assertRedirects(response, kader.get_absolute_url())
    relasi = Relasi.objects.get(kader=kader, partner_kind=kind, **{field: partner})
    assert relasi.partner == partner and relasi.nature == nature
    assertContains(client.get(kader.get_absolute_url()), partner.name)


def test_relation_refuses_partner_of_another_kelurahan_and_duplicates(
    client, records, petugas, other_kelurahan
):
    foreign = make_lembaga(other_kelurahan, kind=Lembaga.Kind.LPM, name="LPM Tetangga")
    kader = records["kader"]
    client.force_login(petugas)
    url = reverse("kpm:relasi_create", args=[kader.pk]) + "?jenis=lembaga"
    data = {"nature": "keduanya", "activity": "kegiatan_bersama", "start_date": "2024-02-01"}
    response = client.post(url, {**data, "lembaga": foreign.pk})
    assertContains(response, "Masukkan pilihan yang valid.")
    response = client.post(url, {**data, "lembaga": records["lpm"].pk})
    assertContains(response, "Hubungan kerja kader ini dengan mitra tersebut sudah tercatat.")
    response = client.post(url, {**data, "lembaga": "", "end_date": "2020-01-01"})
    assertContains(response, "Bidang ini tidak boleh kosong.")
    assert Relasi.objects.filter(kader=kader).count() == 1


def test_relation_with_self_is_not_offered(client, records, petugas):
    kader = records["kader"]
    client.force_login(petugas)
    url = reverse("kpm:relasi_create", args=[kader.pk]) + "?jenis=kader"
    response = client.post(
        url,
        {
            "partner_kader": kader.pk,
            "nature": "keduanya",
            "activity": "kerja_sama",
            "start_date": "2024-01-01",
        },
    )
    assertContains(response, "Masukkan pilihan yang valid.")


def test_petugas_ends_a_relation(client, records, petugas):
    relasi = records["relasi"]
    client.force_login(petugas)
    response = client.post(
        reverse("kpm:relasi_update", args=[relasi.pk]),
        {
            "lembaga": relasi.lembaga_id,
            "nature": "koordinatif",
            "activity": relasi.activity,
            "start_date": "2021-01-11",
            "end_date": "2021-01-01",
        },
    )
    assertContains(response, "Tanggal selesai tidak boleh sebelum tanggal mulai.")
    url = reverse("kpm:relasi_update", args=[relasi.pk])
    response = post_form(
        client,
        url,
        {
            "lembaga": relasi.lembaga_id,
            "nature": "koordinatif",
            "activity": relasi.activity,
            "start_date": "2021-01-11",
            "end_date": "2024-12-31",
        },
    )
    assertRedirects(response, records["kader"].get_absolute_url())
    relasi.refresh_from_db()
    assert relasi.end_date == datetime.date(2024, 12, 31)


def test_kelurahan_relations_page_groups_and_draws(
    client, records, petugas, kelurahan, django_assert_max_num_queries
):
    make_relasi(records["kader"], records["lurah"])
    make_relasi(records["other"], make_kelompok(kelurahan, name="Dasawisma Rukun"))
    ended = make_relasi(records["other"], make_lembaga(kelurahan, name="Posyandu Lama"))
    ended.end_date = datetime.date(2022, 1, 1)
    ended.save()
    for _ in range(15):
        make_relasi(make_kader(kelurahan), records["lpm"])
    client.force_login(petugas)
    url = reverse("kpm:relasi_kelurahan")
    with django_assert_max_num_queries(8):
        response = client.get(url)
    groups = [g.label for g in response.context["relation_groups"]]
    assert groups == ["Lurah", "Lembaga kemasyarakatan", "Kelompok masyarakat"]
    assertContains(response, "Dasawisma Rukun")
    assertContains(response, '<svg class="relasi-diagram"', html=False)
    assertNotContains(response, "Posyandu Lama")
    assertContains(client.get(url, {"semua": "1"}), "Posyandu Lama")


def test_kecamatan_user_picks_a_kelurahan_for_relations(
    client, records, other_kelurahan, kecamatan_user
):
    neighbour = make_kader(other_kelurahan, name="Kader Tetangga")
    make_relasi(neighbour, make_lembaga(other_kelurahan, name="Posyandu Tetangga"))
    client.force_login(kecamatan_user)
    url = reverse("kpm:relasi_kelurahan")
    response = client.get(url, {"kelurahan": records["kader"].kelurahan_id})
    assertContains(response, "LPM Pradah")
    assertNotContains(response, "Posyandu Tetangga")
    response = client.get(url, {"kelurahan": other_kelurahan.pk})
    assertContains(response, "Posyandu Tetangga")


# --- SK and trainings ------------------------------------------------------------------------


def test_petugas_records_a_collective_sk(client, records, petugas, kelurahan):
    client.force_login(petugas)
    response = client.get(reverse("kpm:sk_create"))
    assert response.context["form"].initial["signatory"] == records["lurah"].pk
    data = {
        "kind": "pengangkatan",
        "number": "188/45/436.9.4/2025",
        "date": "2025-01-02",
        "term_start": "2025-01-01",
        "term_end": "2030-12-31",
        "signatory": records["lurah"].pk,
        "kaders": [records["kader"].pk, records["other"].pk],
    }
    response = client.post(reverse("kpm:sk_create"), data)
    sk = SK.objects.get(number="188/45/436.9.4/2025")
    assertRedirects(response, sk.get_absolute_url())
    assert set(sk.kaders.all()) == {records["kader"], records["other"]}
    assert sk.kelurahan == kelurahan
    kader = Kader.objects.with_term().get(pk=records["kader"].pk)
    assert kader.term_end == datetime.date(2030, 12, 31)


def test_sk_rules(client, records, petugas, kelurahan):
    old_lurah = make_lurah(
        kelurahan,
        name="Lurah Lama",
        start_date=datetime.date(2010, 1, 1),
        end_date=datetime.date(2018, 12, 31),
    )
    client.force_login(petugas)
    base = {
        "kind": "pengangkatan",
        "number": "188/46/436.9.4/2025",
        "date": "2025-01-02",
        "signatory": old_lurah.pk,
    }
    response = client.post(
        reverse("kpm:sk_create"), {**base, "term_start": "2025-01-01", "term_end": "2024-12-31"}
    )
    assertContains(response, "Akhir masa bakti harus sesudah awal masa bakti.")
    assertContains(response, "Lurah Lama tidak menjabat lurah pada tanggal SK.")
    response = client.post(reverse("kpm:sk_create"), base)
    assertContains(response, "Wajib diisi untuk SK pengangkatan.")
    response = client.post(
        reverse("kpm:sk_create"),
        {
            **base,
            "number": records["sk"].number,
            "signatory": records["lurah"].pk,
            "term_start": "2025-01-01",
            "term_end": "2027-12-31",
        },
    )
    assertContains(response, "Nomor SK ini sudah dicatat di kelurahan ini.")
    assert SK.objects.count() == 1


def test_petugas_records_a_training(client, records, petugas):
    client.force_login(petugas)
    data = {
        "name": "Pelatihan Konvergensi Stunting",
        "organizer": "Dinas Kesehatan",
        "start_date": "2024-05-02",
        "end_date": "2024-05-03",
        "hours": "12",
        "participants": [records["other"].pk],
    }
    response = client.post(reverse("kpm:pelatihan_create"), data)
    pelatihan = Pelatihan.objects.get(name="Pelatihan Konvergensi Stunting")
    assertRedirects(response, pelatihan.get_absolute_url())
    assertContains(client.get(pelatihan.get_absolute_url()), "Sri Rahayu")
    response = client.post(
        reverse("kpm:pelatihan_update", args=[pelatihan.pk]),
        {**data, "end_date": "2024-05-01"},
    )
    assertContains(response, "Tanggal selesai tidak boleh sebelum tanggal mulai.")


def test_dashboard_shows_cadres_by_origin_and_ending_terms(
    client, kelurahan, petugas, django_assert_max_num_queries
):
    today = timezone.localdate()
    posyandu = make_lembaga(kelurahan, name="Posyandu Melati")
    soon = make_kader(
        kelurahan, name="Akhir Masa Bakti", origin="posyandu", origin_lembaga=posyandu
    )
    make_kader(
        kelurahan,
        name="Guru Paud",
        origin="paud",
        origin_lembaga=make_lembaga(kelurahan, kind="paud", name="KB Tunas"),
    )
    make_sk(kelurahan, [soon], term_end=today + datetime.timedelta(days=45))
    client.force_login(petugas)
    response = client.get(reverse("kelurahan:dashboard"))
    assertContains(response, "Kader Pemberdayaan Masyarakat")
    assertContains(response, "Masa bakti kader yang berakhir dalam 60 hari")
    assertContains(response, "Akhir Masa Bakti")
    panel = next(
        p for p in response.context["panels"] if p.title == "Kader Pemberdayaan Masyarakat"
    )
    values = {row.label: row.values for row in panel.rows}
    assert values["Kader aktif"] == [2]
    assert values["— Kader posyandu"] == [1]
    assert values["— Guru PAUD"] == [1]
    assert values["Masa bakti berakhir dalam 60 hari"] == [1]
    assert values["Aktif tanpa SK"] == [1]


def test_deactivate_citing_the_appointment_sk_leaves_its_list_alone(client, records, petugas):
    kader, other, sk = records["kader"], records["other"], records["sk"]
    client.force_login(petugas)
    url = reverse("kpm:kader_deactivate", args=[other.pk])
    response = post_form(client, url, {"ended_on": "2025-06-30", "end_sk": sk.pk})
    assertRedirects(response, other.get_absolute_url())
    other.refresh_from_db()
    assert other.end_sk == sk and not other.is_active
    assert set(sk.kaders.all()) == {kader, other}
    assertContains(client.get(other.get_absolute_url()), sk.number)


def test_kecamatan_user_prints_the_book_of_a_chosen_kelurahan(client, records, kecamatan_user):
    client.force_login(kecamatan_user)
    url = reverse("kpm:kader_list")
    assertContains(client.get(url), "Cetak Buku Kader: pilih kelurahan dulu")
    kelurahan_id = records["kader"].kelurahan_id
    response = client.get(url, {"kelurahan": kelurahan_id})
    assertContains(response, f"{reverse('kpm:kader_book_pdf')}?kelurahan={kelurahan_id}")
