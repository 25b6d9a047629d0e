"""Demo programmes and KPM tasks of Pradah Kali Kendal: two programmes with their stages, and
tasks of varied duties and statuses (two overdue, one made from a meeting's follow-up). Dates
move with today's, so that "terlambat" always has something to show; safe to re-run."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

HOST = "Pradah Kali Kendal"
FOLLOWUP = "Merekap kehadiran sasaran di posyandu bulan ini"


def seed_demo(*, stdout) -> None:
    from kelurahan.models import Kelurahan

    from ..models import Kader

    host = Kelurahan.objects.filter(name=HOST, kecamatan__name="Dukuh Pakis").first()
    kaders = list(Kader.objects.filter(kelurahan=host, is_active=True).order_by("name"))
    if host is None or len(kaders) < 4:
        stdout.write("No demo cadres; skipping the programmes and tasks.")
        return
    with transaction.atomic():
        programs, tasks = _seed(host, kaders)
    stdout.write(f"Demo: {programs} program, {tasks} tugas KPM.")


def _days(offset: int) -> datetime.date:
    """The day `offset` days from today (before it when negative)."""
    return timezone.localdate() + datetime.timedelta(days=offset)


def _program(host, name, *, stages, facilitators, lembaga=(), opd=(), kelompok=(), **fields):
    """A programme that started on its first stage's day; `stages` are (stage, days from
    today)."""
    from ..models import Program
    from ..services_tugas import set_program_stage

    fields["start_date"] = _days(stages[0][1])
    program, _created = Program.objects.update_or_create(kelurahan=host, name=name, defaults=fields)
    program.facilitators.set(facilitators)
    program.partner_lembaga.set(lembaga)
    program.partner_opd.set(opd)
    program.partner_kelompok.set(kelompok)
    for stage, offset in stages:
        set_program_stage(program=program, stage=stage, started_on=_days(offset))
    return program


def _task(host, title, *, kaders, due, program=None, finished=None, by=None, **fields):
    """A task due `due` days from today, of its programme's service package unless given;
    `finished` (days from today) makes it "selesai", finished by `by`."""
    from ..models import Tugas

    fields.setdefault("paket", program.paket if program else "")
    fields.setdefault("status", "selesai" if finished is not None else "baru")
    due_date, finished_on = _days(due), _days(finished) if finished is not None else None
    fields.update(
        program=program,
        due_date=due_date,
        finished_on=finished_on,
        finished_by=by if finished_on else None,
        finished_on_time=finished_on <= due_date if finished_on else None,
    )
    tugas, _created = Tugas.objects.update_or_create(kelurahan=host, title=title, defaults=fields)
    tugas.kaders.set(kaders)
    return tugas


def _note(tugas, text, *, kader=None, by=None) -> None:
    from ..models import TugasCatatan

    TugasCatatan.objects.get_or_create(
        tugas=tugas, note=text, defaults={"kader": kader, "written_by": by}
    )


def _seed(host, kaders) -> tuple[int, int]:
    from kelurahan.models import OPD, KelompokMasyarakat, Lembaga, User

    from ..models import Duty, PaketLayanan, RapatTindakLanjut, Tahap
    from ..services_tugas import task_from_followup

    petugas = User.objects.filter(username="petugas.pradah").first()
    puskesmas = OPD.objects.filter(name="Puskesmas Dukuh Kupang").first()
    perkim = OPD.objects.filter(kind=OPD.Kind.PERUMAHAN_SANITASI).first()
    posyandu = Lembaga.objects.filter(kelurahan=host, kind=Lembaga.Kind.POSYANDU).first()
    pkk = Lembaga.objects.filter(kelurahan=host, kind=Lembaga.Kind.PKK).first()
    dasawisma = KelompokMasyarakat.objects.filter(kelurahan=host, name__startswith="Dasawisma")

    kelas = _program(
        host,
        "Kelas ibu hamil",
        aims="Ibu hamil di setiap RW mengikuti kelas ibu hamil setiap bulan bersama bidan "
        "kelurahan: gizi, tanda bahaya kehamilan, persiapan persalinan dan ASI eksklusif.",
        paket=PaketLayanan.KIA,
        budget_line="APBD kota (dana kelurahan), PMT dari puskesmas",
        facilitators=kaders[:3],
        lembaga=[posyandu] if posyandu else [],
        opd=[puskesmas] if puskesmas else [],
        stages=[(Tahap.PERENCANAAN, -120), (Tahap.PELAKSANAAN, -90), (Tahap.PEMANTAUAN, -30)],
    )
    sampah = _program(
        host,
        "Bank sampah RW 03",
        aims="Warga RW 03 memilah sampah rumah tangga dan menabungnya di bank sampah; hasilnya "
        "untuk kas RW dan kebersihan lingkungan.",
        paket=PaketLayanan.SANITASI,
        budget_line="Swadaya masyarakat",
        facilitators=kaders[3:5],
        lembaga=[pkk] if pkk else [],
        opd=[perkim] if perkim else [],
        kelompok=list(dasawisma[:1]),
        stages=[(Tahap.PERENCANAAN, -60)],
    )

    k = kaders
    made = [
        _task(
            host,
            "Mendata ibu hamil baru di wilayah RW 01 dan RW 02",
            kaders=k[:2],
            duty=Duty.PENDATAAN,
            stage=Tahap.PELAKSANAAN,
            program=kelas,
            partner_lembaga=posyandu,
            due=-5,
            status="berjalan",
        ),
        _task(
            host,
            "Mengundang ibu hamil ke kelas ibu hamil bulan ini",
            kaders=k[1:3],
            duty=Duty.PARTISIPASI,
            stage=Tahap.PELAKSANAAN,
            program=kelas,
            partner_opd=puskesmas,
            due=-2,
        ),
        _task(
            host,
            "Mengajak suami hadir di kelas ibu hamil",
            kaders=k[2:3],
            duty=Duty.AYAH,
            stage=Tahap.PELAKSANAAN,
            program=kelas,
            due=10,
        ),
        _task(
            host,
            "Memantau kehadiran ibu hamil di kelas bulan lalu",
            kaders=k[:1],
            duty=Duty.PEMANTAUAN,
            stage=Tahap.PEMANTAUAN,
            program=kelas,
            due=-20,
            finished=-22,
            by=petugas,
        ),
        _task(
            host,
            "Sosialisasi pemilahan sampah kepada warga RW 03",
            kaders=k[3:5],
            duty=Duty.SOSIALISASI,
            stage=Tahap.PERENCANAAN,
            program=sampah,
            partner_opd=perkim,
            due=21,
        ),
        _task(
            host,
            "Mengusulkan biaya PMT balita gizi kurang dalam musrenbang",
            kaders=k[4:6],
            duty=Duty.ANGGARAN,
            stage=Tahap.PERENCANAAN,
            paket=PaketLayanan.GIZI,
            due=-40,
            finished=-35,
            by=petugas,
        ),
        _task(
            host,
            "Koordinasi jadwal imunisasi dengan bidan kelurahan",
            kaders=k[5:6],
            duty=Duty.KOORDINASI,
            stage=Tahap.PELAKSANAAN,
            paket=PaketLayanan.KIA,
            partner_opd=puskesmas,
            due=-10,
            status="dibatalkan",
        ),
    ]
    _note(
        made[0], "RW 01 sudah didata: 4 ibu hamil, satu di antaranya KEK.", kader=k[0], by=petugas
    )
    _note(made[3], "Hadir 9 dari 11 ibu hamil; dua izin karena sakit.", kader=k[0], by=petugas)

    followup = RapatTindakLanjut.objects.filter(rapat__kelurahan=host, description=FOLLOWUP)
    followup = followup.order_by("pk").first()
    if followup is not None and petugas is not None and followup.is_open:
        made.append(task_from_followup(followup=followup, by=petugas))
    return 2, len(made)
