"""Empowerment programmes: list, page with the stage timeline, form, stage changes."""

import datetime

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from kpm.models import PosAnggaran, Program, ProgramTahap, Realisasi, SumberDana, Tahap
from kpm.services_tugas import set_program_stage, task_from_followup

from .factories import make_lembaga
from .factories_kpm import make_kader
from .factories_rapat import make_rapat, make_tindak_lanjut
from .factories_tugas import make_program, make_tugas
from .stamps import post_form


@pytest.fixture
def program(kelurahan):
    return make_program(kelurahan, name="Kelas ibu hamil", start_date=datetime.date(2021, 1, 4))


def test_anonymous_goes_to_login(client, program):
    for url in (
        reverse("kpm:program_list"),
        program.get_absolute_url(),
        reverse("kpm:program_create"),
    ):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_another_kelurahan_gets_404(client, program, other_petugas):
    client.force_login(other_petugas)
    assert client.get(program.get_absolute_url()).status_code == 404
    assert client.get(reverse("kpm:program_update", args=[program.pk])).status_code == 404
    stage_url = reverse("kpm:program_stage", args=[program.pk])
    assert client.post(stage_url, {"stage": "pelaksanaan"}).status_code == 404
    assertNotContains(client.get(reverse("kpm:program_list")), "Kelas ibu hamil")


def test_read_only_roles_read_but_do_not_write(client, program, kasi_kesra, kecamatan_user):
    for user in (kasi_kesra, kecamatan_user):
        client.force_login(user)
        assertContains(client.get(program.get_absolute_url()), "Kelas ibu hamil")
        assertNotContains(client.get(program.get_absolute_url()), "Catat tahap")
        assert client.get(reverse("kpm:program_create")).status_code == 403
        assert client.get(reverse("kpm:program_update", args=[program.pk])).status_code == 403
        stage = {"stage": "pelaksanaan", "started_on": "2021-02-01"}
        response = client.post(reverse("kpm:program_stage", args=[program.pk]), stage)
        assert response.status_code == 403
    assert not ProgramTahap.objects.exists()


def test_create_starts_in_perencanaan_with_scoped_partners(
    client, kelurahan, other_kelurahan, lurah
):
    kader = make_kader(kelurahan, name="Siti Aminah")
    foreign = make_kader(other_kelurahan, name="Kader Lain")
    pkk = make_lembaga(kelurahan, name="PKK Pradah")
    client.force_login(lurah)
    url = reverse("kpm:program_create")
    page = client.get(url)
    assertContains(page, "Siti Aminah")
    assertNotContains(page, "Kader Lain")
    data = {
        "name": "Bank sampah RW 03",
        "aims": "Warga memilah sampah.",
        "paket": "sanitasi",
        "start_date": "2021-03-01",
        "budget_line": "Swadaya masyarakat",
        "facilitators": [kader.pk],
        "partner_lembaga": [pkk.pk],
    }
    response = post_form(client, url, data)
    program = Program.objects.get(name="Bank sampah RW 03")
    assertRedirects(response, program.get_absolute_url())
    assert program.kelurahan == kelurahan and program.stage == Tahap.PERENCANAAN
    assert list(program.stages.values_list("stage", "started_on")) == [
        ("perencanaan", datetime.date(2021, 3, 1))
    ]
    page = client.get(program.get_absolute_url())
    assertContains(page, "Swadaya masyarakat")
    assertContains(page, "PKK Pradah")
    # Another kelurahan's cadre cannot be slipped in.
    response = post_form(client, url, {**data, "name": "Lain", "facilitators": [foreign.pk]})
    assert response.status_code == 200
    assertContains(response, "Masukkan pilihan yang valid")


def test_invalid_post_re_renders_with_the_error(client, program, petugas):
    client.force_login(petugas)
    url = reverse("kpm:program_update", args=[program.pk])
    data = {"name": "", "start_date": "2021-03-01", "end_date": "2021-01-01"}
    response = post_form(client, url, data)
    assert response.status_code == 200
    assertContains(response, "Data belum disimpan")


def test_stage_timeline_and_current_stage(client, program, petugas):
    client.force_login(petugas)
    url = reverse("kpm:program_stage", args=[program.pk])
    response = client.post(url, {"stage": "pelaksanaan", "started_on": "2021-02-01"})
    assertRedirects(response, program.get_absolute_url())
    client.post(url, {"stage": "pemantauan", "started_on": "2021-05-03", "note": "Evaluasi"})
    program.refresh_from_db()
    assert program.stage == Tahap.PEMANTAUAN
    page = client.get(program.get_absolute_url())
    assertContains(page, "mulai 1 Feb 2021")
    assertContains(page, "mulai 3 Mei 2021")
    assertContains(page, "Evaluasi")
    assertContains(page, 'aria-current="step"', count=1)


def test_stage_before_the_programme_or_unknown_is_refused(client, program, petugas):
    client.force_login(petugas)
    url = reverse("kpm:program_stage", args=[program.pk])
    response = client.post(url, {"stage": "pelaksanaan", "started_on": "2020-12-01"})
    assertContains(response, "Tanggal tahap tidak boleh sebelum program dimulai.")
    response = client.post(url, {"stage": "<script>", "started_on": "bukan tanggal"})
    assert response.status_code == 200
    assert not ProgramTahap.objects.exists()
    assert client.get(url).status_code == 405


def test_page_shows_tasks_and_the_meetings_they_came_from(client, kelurahan, program, petugas):
    rapat = make_rapat(kelurahan, title="Rembuk Stunting 2021")
    followup = make_tindak_lanjut(rapat, description="Menjadwalkan kelas ibu hamil")
    made = task_from_followup(followup=followup, by=petugas)
    made.program = program
    made.save()
    make_tugas(kelurahan, title="Mengundang ibu hamil", program=program)
    client.force_login(petugas)
    page = client.get(program.get_absolute_url())
    assertContains(page, "Menjadwalkan kelas ibu hamil")
    assertContains(page, "Mengundang ibu hamil")
    assertContains(page, "Rembuk Stunting 2021")


def test_list_pins_its_queries(client, kelurahan, petugas, django_assert_max_num_queries):
    kaders = [make_kader(kelurahan) for _ in range(3)]
    for n in range(20):
        program = make_program(kelurahan, name=f"Program {n:02d}")
        program.facilitators.set(kaders)
        set_program_stage(
            program=program, stage="pelaksanaan", started_on=datetime.date(2021, 2, 1)
        )
        make_tugas(kelurahan, program=program)
    client.force_login(petugas)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("kpm:program_list"))
    assert len(response.context["page_obj"]) == 20
    assertContains(response, "<td>Pelaksanaan</td>", count=20)


def test_detail_pins_its_queries(
    client, kelurahan, program, petugas, django_assert_max_num_queries
):
    kaders = [make_kader(kelurahan) for _ in range(3)]
    for _ in range(15):
        make_tugas(kelurahan, kaders=kaders, program=program)
    _spend(kelurahan, program, [100_000] * 10)
    client.force_login(petugas)
    with django_assert_max_num_queries(17):
        response = client.get(program.get_absolute_url())
    assertContains(response, "Tugas (15)")
    assertContains(response, "Rp 1.000.000")


def _spend(kelurahan, program, amounts, status=Realisasi.Status.DISETUJUI):
    source = SumberDana.objects.create(
        kelurahan=kelurahan, year=2026, kind="apbd", name="APBD 2026", amount=50_000_000
    )
    line = PosAnggaran.objects.create(
        kelurahan=kelurahan, year=2026, source=source, name="PMT", activity="pmt", amount=9_000_000
    )
    for n, amount in enumerate(amounts):
        Realisasi.objects.create(
            kelurahan=kelurahan,
            line=line,
            spent_on=datetime.date(2026, 3, 1 + n),
            amount=amount,
            purpose=f"Belanja program {n + 1}",
            program=program,
            status=status,
        )
    return line


def test_page_shows_its_spending_and_what_counts(client, kelurahan, program, petugas):
    line = _spend(kelurahan, program, [150_000, 250_000])
    Realisasi.objects.create(
        kelurahan=kelurahan,
        line=line,
        spent_on=datetime.date(2026, 4, 1),
        amount=9_500_000,
        purpose="Menunggu lurah",
        program=program,
        status=Realisasi.Status.MENUNGGU,
    )
    client.force_login(petugas)
    response = client.get(program.get_absolute_url())
    assertContains(response, "Belanja program 2")
    assertContains(response, "Menunggu lurah")
    assertContains(response, "Rp 400.000")  # the awaiting spending is listed, not counted
    assertContains(response, f"/kpm/realisasi/tambah/?program={program.pk}")
