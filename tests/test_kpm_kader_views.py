"""Every cadre-register page: login, scope (404), role (403), happy path, bad input, queries."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from kelurahan.models import Lembaga, Official
from kpm.models import SK, Kader, Pelatihan, Relasi

from .factories import make_kelompok, make_lembaga, make_official, make_rw
from .factories_kpm import make_kader, make_lurah, make_pelatihan, make_relasi, make_sk, nik_for
from .pages import assert_filters
from .stamps import post_form

LIST_PAGES = [
    "kpm:kader_list",
    "kpm:sk_list",
    "kpm:pelatihan_list",
    "kpm:relasi_kelurahan",
    "kpm:kader_export",
    "kpm:kader_book_pdf",
]
CREATE_PAGES = [
    "kpm:kader_create",
    "kpm:sk_create",
    "kpm:pelatihan_create",
    "kpm:kader_import",
    "kpm:kader_import_template",
]


@pytest.fixture
def records(kelurahan):
    lurah = make_lurah(kelurahan, name="Hajar Sulistyono")
    kader = make_kader(kelurahan, name="Siti Aminah")
    other = make_kader(kelurahan, name="Sri Rahayu")
    sk = make_sk(kelurahan, kaders=[kader, other], signatory=lurah, number="188/1/436.9/2024")
    pelatihan = make_pelatihan(kelurahan, participants=[kader], name="Orientasi KPM")
    lpm = make_lembaga(kelurahan, kind=Lembaga.Kind.LPM, name="LPM Pradah")
    relasi = make_relasi(kader, lpm)
    return {
        "lurah": lurah,
        "kader": kader,
        "other": other,
        "sk": sk,
        "pelatihan": pelatihan,
        "lpm": lpm,
        "relasi": relasi,
    }


def record_urls(records):
    kader, sk, pelatihan = records["kader"], records["sk"], records["pelatihan"]
    return {
        "read": [
            kader.get_absolute_url(),
            sk.get_absolute_url(),
            pelatihan.get_absolute_url(),
        ],
        "edit": [
            reverse("kpm:kader_update", args=[kader.pk]),
            reverse("kpm:kader_deactivate", args=[kader.pk]),
            reverse("kpm:relasi_create", args=[kader.pk]),
            reverse("kpm:relasi_create", args=[kader.pk]) + "?jenis=lembaga",
            reverse("kpm:relasi_update", args=[records["relasi"].pk]),
            reverse("kpm:sk_update", args=[sk.pk]),
            reverse("kpm:pelatihan_update", args=[pelatihan.pk]),
        ],
    }


# --- Access ---------------------------------------------------------------------------------


@pytest.mark.parametrize("name", LIST_PAGES + CREATE_PAGES)
def test_anonymous_is_sent_to_login(client, db, name):
    url = reverse(name)
    assertRedirects(client.get(url), f"{reverse('login')}?next={url}")


def test_anonymous_is_sent_to_login_from_records(client, records):
    urls = record_urls(records)
    for url in urls["read"] + urls["edit"]:
        assertRedirects(client.get(url), f"{reverse('login')}?next={url}")
    for name in ("kpm:kader_reactivate", "kpm:kader_import_confirm"):
        args = [records["kader"].pk] if name == "kpm:kader_reactivate" else []
        url = reverse(name, args=args)
        assertRedirects(client.post(url), f"{reverse('login')}?next={url}")


def test_other_kelurahan_gets_404_on_every_record(client, records, other_petugas):
    client.force_login(other_petugas)
    urls = record_urls(records)
    for url in urls["read"] + urls["edit"]:
        assert client.get(url).status_code == 404, url
        assert client.post(url, {"name": "x"}).status_code == 404, url
    assert client.post(reverse("kpm:kader_reactivate", args=[records["kader"].pk])).status_code
    assert client.get(reverse("kpm:sk_scan", args=[records["sk"].pk])).status_code == 404
    relasi_page = reverse("kpm:relasi_kelurahan") + f"?kelurahan={records['kader'].kelurahan_id}"
    assert client.get(relasi_page).status_code == 404


def test_kecamatan_of_another_kecamatan_gets_404(client, records, far_kelurahan):
    from kelurahan.models import User

    from .factories import make_user

    client.force_login(make_user(User.Role.KECAMATAN, kecamatan=far_kelurahan.kecamatan))
    assert client.get(records["kader"].get_absolute_url()).status_code == 404


@pytest.mark.parametrize("role_fixture", ["kasi_kesra", "kecamatan_user"])
def test_read_only_roles_read_but_get_403_on_changes(client, request, records, role_fixture):
    client.force_login(request.getfixturevalue(role_fixture))
    urls = record_urls(records)
    for url in urls["read"]:
        assert client.get(url).status_code == 200, url
    for url in urls["edit"] + [reverse(name) for name in CREATE_PAGES]:
        assert client.get(url).status_code == 403, url
        assert client.post(url, {"name": "x"}).status_code == 403, url
    reactivate = reverse("kpm:kader_reactivate", args=[records["kader"].pk])
    assert client.post(reactivate).status_code == 403
    assert client.post(reverse("kpm:kader_import_confirm")).status_code == 403


def test_post_only_actions_refuse_get(client, records, petugas):
    client.force_login(petugas)
    assert client.get(reverse("kpm:kader_reactivate", args=[records["kader"].pk])).status_code == (
        405
    )
    assert client.get(reverse("kpm:kader_import_confirm")).status_code == 405


@pytest.mark.parametrize("name", LIST_PAGES[:4])
def test_list_pages_show_own_records_only(client, records, other_kelurahan, petugas, name):
    neighbour = make_kader(other_kelurahan, name="Kader Rahasia Tetangga")
    make_sk(other_kelurahan, kaders=[neighbour], number="SK-TETANGGA-99")
    make_pelatihan(other_kelurahan, participants=[neighbour], name="Pelatihan Tetangga")
    make_relasi(neighbour, make_lembaga(other_kelurahan, name="Posyandu Tetangga"))
    client.force_login(petugas)
    response = client.get(reverse(name))
    assert response.status_code == 200
    for secret in ("Rahasia Tetangga", "SK-TETANGGA-99", "Pelatihan Tetangga", "Posyandu Tetangga"):
        assertNotContains(response, secret)


# --- Lists ---------------------------------------------------------------------------------


def test_kader_list_masks_nik_and_filters(client, kelurahan, petugas):
    posyandu = make_lembaga(kelurahan, name="Posyandu Melati")
    kader = make_kader(
        kelurahan, name="Siti Aminah", origin=Kader.Origin.KADER_POSYANDU, origin_lembaga=posyandu
    )
    make_kader(
        kelurahan,
        name="Bambang Guru",
        origin=Kader.Origin.GURU_PAUD,
        sex="L",
        origin_lembaga=make_lembaga(kelurahan, kind=Lembaga.Kind.PAUD, name="KB Tunas"),
    )
    client.force_login(petugas)
    url = reverse("kpm:kader_list")
    response = client.get(url)
    assertContains(response, kader.nik_masked)
    assertNotContains(response, kader.nik)
    assert kader.nik_masked == kader.nik[:4] + "*" * 10 + kader.nik[-2:]
    assert_filters(
        client,
        url,
        [
            ({"origin": "posyandu"}, "Siti Aminah", "Bambang Guru"),
            ({"origin_lembaga": posyandu.pk}, "Siti Aminah", "Bambang Guru"),
            ({"q": kader.nik}, "Siti Aminah", "Bambang Guru"),
        ],
    )
    # Part of a NIK finds nothing: NIK is not searchable piecewise.
    assertNotContains(client.get(url, {"q": kader.nik[:8]}), "Siti Aminah")


def test_kader_list_status_filter_uses_latest_sk(client, kelurahan, petugas):
    today = timezone.localdate()
    soon = make_kader(kelurahan, name="Segera Berakhir")
    ended = make_kader(kelurahan, name="Sudah Habis")
    fine = make_kader(kelurahan, name="Masih Lama")
    make_kader(kelurahan, name="Tanpa SK Sama Sekali")
    make_sk(
        kelurahan,
        [soon, ended],
        term_start=today - datetime.timedelta(800),
        term_end=today - datetime.timedelta(5),
    )
    make_sk(
        kelurahan,
        [soon],
        term_start=today - datetime.timedelta(300),
        term_end=today + datetime.timedelta(30),
    )
    make_sk(kelurahan, [fine])
    client.force_login(petugas)
    url = reverse("kpm:kader_list")

    def names(status):
        response = client.get(url, {"status": status})
        return {k.name for k in response.context["page_obj"]}

    assert names("segera") == {"Segera Berakhir"}
    assert names("habis") == {"Sudah Habis"}
    assert names("tanpa_sk") == {"Tanpa SK Sama Sekali"}
    assert names("aktif") == {
        "Segera Berakhir",
        "Sudah Habis",
        "Masih Lama",
        "Tanpa SK Sama Sekali",
    }
    assertContains(client.get(url), "Berakhir 30 hari lagi")


@pytest.mark.parametrize(
    ("name", "make"),
    [
        ("kpm:kader_list", lambda k: make_sk(k, [make_kader(k)])),
        ("kpm:sk_list", lambda k: make_sk(k, [make_kader(k), make_kader(k)])),
        ("kpm:pelatihan_list", lambda k: make_pelatihan(k, [make_kader(k)])),
    ],
)
def test_list_pages_pin_their_queries(
    client, kelurahan, petugas, django_assert_max_num_queries, name, make
):
    for _ in range(20):
        make(kelurahan)
    client.force_login(petugas)
    with django_assert_max_num_queries(8):
        response = client.get(reverse(name))
    assert response.status_code == 200
    assert len(response.context["page_obj"]) == 20


def test_kader_detail_pins_queries_and_shows_everything(
    client, records, petugas, kelurahan, django_assert_max_num_queries
):
    kader = records["kader"]
    for i in range(10):
        make_relasi(kader, make_lembaga(kelurahan, name=f"Posyandu Relasi {i}"))
    make_relasi(records["other"], kader)  # another cadre names her as partner
    client.force_login(petugas)
    with django_assert_max_num_queries(12):
        response = client.get(kader.get_absolute_url())
    assertContains(response, kader.nik)  # full NIK for the register keepers
    assertContains(response, "188/1/436.9/2024")
    assertContains(response, "Orientasi KPM")
    assertContains(response, "Posyandu Relasi 9")
    assertContains(response, "Sri Rahayu")  # the incoming relation, shown as KPM lainnya
    assertContains(response, '<svg class="relasi-diagram"', html=False)


def test_read_only_role_sees_masked_nik_on_detail(client, records, kasi_kesra):
    client.force_login(kasi_kesra)
    response = client.get(records["kader"].get_absolute_url())
    assertContains(response, records["kader"].nik_masked)
    assertNotContains(response, records["kader"].nik)


# --- Cadre create/edit --------------------------------------------------------------------------


def kader_data(**overrides):
    birth = datetime.date(1985, 3, 12)
    return {
        "name": "Siti Khotijah",
        "nik": nik_for(birth, "P", serial=77),
        "sex": "P",
        "birth_place": "Surabaya",
        "birth_date": "1985-03-12",
        "education": "sma",
        "origin": "lainnya",
        "origin_detail": "Kader jumantik",
        "bidang": "kesehatan",
        "address": "Jl. Pradah Jaya 12",
        "phone": "0812-3456-7890",
    } | overrides


def test_petugas_adds_a_kader(client, kelurahan, petugas):
    rw = make_rw(kelurahan, number=3)
    posyandu = make_lembaga(kelurahan, name="Posyandu Mawar", rw=rw)
    client.force_login(petugas)
    data = kader_data(origin="posyandu", origin_lembaga=posyandu.pk, rw=rw.pk)
    response = client.post(reverse("kpm:kader_create"), data)
    kader = Kader.objects.get(name="Siti Khotijah")
    assertRedirects(response, kader.get_absolute_url())
    assert kader.kelurahan == kelurahan
    assert kader.phone == "+6281234567890"
    assert kader.is_active
    assert kader.history.first().history_user == petugas
    assertContains(client.get(kader.get_absolute_url()), "0812-3456-7890")


def test_kader_form_shows_indonesian_errors(client, kelurahan, petugas):
    client.force_login(petugas)
    response = client.post(
        reverse("kpm:kader_create"),
        kader_data(nik="3578011203", phone="12345", origin="posyandu"),
    )
    assert response.status_code == 200
    assertContains(response, "NIK harus 16 digit.")
    assertContains(response, "Nomor telepon Indonesia tidak valid")
    assertContains(response, "Pilih posyandu atau PAUD asal kader.")
    assertContains(response, "Data belum disimpan")
    assert not Kader.objects.exists()


def test_origin_lembaga_must_be_own_kelurahan_and_right_kind(
    client, kelurahan, other_kelurahan, petugas
):
    foreign = make_lembaga(other_kelurahan, name="Posyandu Asing")
    pkk = make_lembaga(kelurahan, kind=Lembaga.Kind.PKK, name="TP PKK")
    client.force_login(petugas)
    url = reverse("kpm:kader_create")
    response = client.post(url, kader_data(origin="posyandu", origin_lembaga=foreign.pk))
    assertContains(response, "Masukkan pilihan yang valid.")
    response = client.post(url, kader_data(origin="posyandu", origin_lembaga=pkk.pk))
    assertContains(response, "Untuk asal Kader posyandu pilih lembaga jenis Posyandu.")
    assert not Kader.objects.exists()


def test_petugas_edits_a_kader(client, records, petugas):
    kader = records["kader"]
    client.force_login(petugas)
    data = kader_data(
        name="Siti Aminah, S.Pd.",
        nik=kader.nik,
        sex=kader.sex,
        birth_date=kader.birth_date.isoformat(),
    )
    url = reverse("kpm:kader_update", args=[kader.pk])
    response = post_form(client, url, data)
    assertRedirects(response, kader.get_absolute_url())
    kader.refresh_from_db()
    assert kader.name == "Siti Aminah, S.Pd."
    assert kader.history.count() == 2


# --- Deactivation ---------------------------------------------------------------------------------


def test_deactivate_keeps_the_record_and_ends_relations(client, records, petugas):
    kader, relasi = records["kader"], records["relasi"]
    client.force_login(petugas)
    url = reverse("kpm:kader_deactivate", args=[kader.pk])
    data = {"ended_on": "2025-06-30", "end_reason": "Pindah domisili"}
    response = post_form(client, url, data)
    assertRedirects(response, kader.get_absolute_url())
    kader.refresh_from_db()
    relasi.refresh_from_db()
    assert not kader.is_active
    assert kader.ended_on == datetime.date(2025, 6, 30)
    assert relasi.end_date == datetime.date(2025, 6, 30)
    assert Kader.objects.filter(pk=kader.pk).exists()
    response = client.get(kader.get_absolute_url())
    assertContains(response, "Pindah domisili")
    assertContains(response, "Aktifkan kembali")


def test_deactivate_with_sk(client, records, petugas, kelurahan):
    kader = records["kader"]
    stop = make_sk(kelurahan, kind=SK.Kind.PEMBERHENTIAN, number="188/9/436.9/2025")
    client.force_login(petugas)
    url = reverse("kpm:kader_deactivate", args=[kader.pk])
    response = post_form(client, url, {"ended_on": "2025-06-30", "end_sk": stop.pk})
    assertRedirects(response, kader.get_absolute_url())
    kader.refresh_from_db()
    assert kader.end_sk == stop
    assert kader in stop.kaders.all()


def test_deactivate_needs_sk_or_reason(client, records, petugas):
    client.force_login(petugas)
    url = reverse("kpm:kader_deactivate", args=[records["kader"].pk])
    response = client.post(url, {"ended_on": "2025-06-30"})
    assertContains(response, "Isi SK pemberhentian atau alasan berhenti kader.")
    response = client.post(url, {"end_reason": "Mundur"})
    assertContains(response, "Bidang ini tidak boleh kosong.")
    records["kader"].refresh_from_db()
    assert records["kader"].is_active


def deactivate(client, kader, reason: str):
    """Mark `kader` as having left on 30 June 2025 through the page, for `reason`."""
    url = reverse("kpm:kader_deactivate", args=[kader.pk])
    return post_form(client, url, {"ended_on": "2025-06-30", "end_reason": reason})


def test_reactivate(client, records, petugas):
    kader = records["kader"]
    client.force_login(petugas)
    deactivate(client, kader, "Salah catat")
    response = client.post(reverse("kpm:kader_reactivate", args=[kader.pk]))
    assertRedirects(response, kader.get_absolute_url())
    kader.refresh_from_db()
    assert kader.is_active and kader.ended_on is None


def test_reactivate_refused_when_nik_is_active_elsewhere(client, records, petugas, kelurahan):
    kader = records["kader"]
    client.force_login(petugas)
    deactivate(client, kader, "Pindah")
    make_kader(kelurahan, nik=kader.nik, sex=kader.sex, birth_date=kader.birth_date)
    response = client.post(reverse("kpm:kader_reactivate", args=[kader.pk]), follow=True)
    assertContains(response, "NIK ini sudah terdaftar sebagai kader KPM aktif.")
    kader.refresh_from_db()
    assert not kader.is_active


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
