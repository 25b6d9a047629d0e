"""Demo meetings: the founding meeting of 21 December 2020 and a few later ones."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from kelurahan.dates import aware

KECAMATAN = "Dukuh Pakis"
HOST = "Pradah Kali Kendal"
FOUNDING_TITLE = "Rapat Koordinasi Peran Kader Pemberdayaan Masyarakat (KPM)"

FOUNDING_AGENDA = [
    (
        "Pembukaan dan sambutan Lurah Pradah Kali Kendal",
        "Lurah Pradah Kali Kendal",
        "Lurah membuka rapat, menyampaikan terima kasih atas kehadiran para lurah, babinsa, "
        "kasi kesra dan kader dari empat kelurahan se-Kecamatan Dukuh Pakis, dan mengingatkan "
        "protokol kesehatan COVID-19: memakai masker, menjaga jarak dan mencuci tangan sebelum "
        "masuk ruangan.",
    ),
    (
        "Mengapa KPM diperlukan: Dari, Oleh, Untuk Masyarakat (DOUM)",
        "Kasi Kesra Kelurahan Pradah Kali Kendal",
        "Pembangunan yang berhasil adalah pembangunan yang berasal dari masyarakat, dilaksanakan "
        "oleh masyarakat dan hasilnya untuk masyarakat. KPM adalah warga yang mengetahui, mau dan "
        "mampu menggerakkan masyarakat berpartisipasi dalam pemberdayaan dan pembangunan "
        "partisipatif (Permendagri No. 7 Tahun 2007). KPM dipilih melalui musyawarah dan "
        "ditetapkan dengan SK Lurah; mereka berasal dari kader posyandu, guru PAUD, kader PKK "
        "dan kader lain yang sudah ada.",
    ),
    (
        "Peran KPM dalam pemberdayaan masyarakat",
        "Lurah Pradah Kali Kendal",
        "KPM memfasilitasi perencanaan, pelaksanaan, pemantauan, pengendalian, penilaian dan "
        "pelestarian program pemberdayaan masyarakat di kelurahan: mengenali masalah dan "
        "kebutuhan warga, menggerakkan warga hadir di posyandu dan kegiatan PAUD, dan "
        "menyampaikan hasilnya dalam musyawarah kelurahan.",
    ),
    (
        "Hubungan kerja KPM",
        "Kasi Kesra Kelurahan Pradah Kali Kendal",
        "Semua hubungan kerja KPM bersifat koordinatif dan konsultatif: dengan lurah berupa "
        "bantuan teknis; dengan lembaga kemasyarakatan (LPM, PKK, RT/RW, Karang Taruna, "
        "posyandu) membantu atau memproses bersama kegiatan pemberdayaan; dengan KPM lain "
        "kerja sama yang saling mendukung; dengan kader teknis sinkronisasi kegiatan; dan "
        "dengan kelompok masyarakat berupa pendampingan.",
    ),
    (
        "Tugas KPM dalam pencegahan stunting",
        "Bidan kelurahan",
        "KPM mendata sasaran 1000 HPK (ibu hamil dan anak 0–23 bulan), memantau layanan yang "
        "mereka terima setiap bulan (pemeriksaan kehamilan, tablet tambah darah, penimbangan "
        "dan pengukuran, konseling gizi, imunisasi, air bersih dan jamban, PAUD), melakukan "
        "kunjungan rumah bagi ibu hamil KEK/risiko tinggi dan anak gizi kurang atau pendek, "
        "dan menyusun scorecard konvergensi setiap triwulan.",
    ),
    ("Tanya jawab dan penutup", "", "Rapat ditutup pukul 11.30 WIB dengan doa bersama."),
]

FOUNDING_MINUTES = (
    "Rapat dibuka pukul 09.00 WIB oleh Lurah Pradah Kali Kendal selaku pimpinan rapat. "
    "Peserta masuk ruangan setelah mencuci tangan, memakai masker dan duduk berjarak.\n\n"
    "Dalam tanya jawab, kader dari Kelurahan Gunung Sari menanyakan pembagian wilayah kerja "
    "KPM; disepakati bahwa setiap KPM mendampingi posyandu di RW tempat tinggalnya. Babinsa "
    "menyampaikan kesediaan membantu kunjungan rumah bila diperlukan. Kasi kesra kelurahan "
    "Dukuh Kupang meminta format pendataan yang sama untuk keempat kelurahan."
)

FOUNDING_DECISIONS = [
    "Setiap kelurahan menetapkan KPM dengan SK Lurah paling lambat pertengahan Januari 2021.",
    "KPM berasal dari kader posyandu, guru PAUD, kader PKK dan kader lain yang sudah aktif, "
    "dipilih melalui musyawarah di tingkat kelurahan.",
    "Setiap KPM mendampingi posyandu dan PAUD di RW tempat tinggalnya dan mendata sasaran "
    "1000 HPK di wilayah itu.",
    "Rapat koordinasi KPM tingkat kecamatan diadakan setiap triwulan secara bergilir.",
]


def seed_demo(*, stdout) -> None:
    from kelurahan.models import Kecamatan

    from ..models import Kader

    kecamatan = Kecamatan.objects.filter(name=KECAMATAN, kota__name="Surabaya").first()
    if kecamatan is None or not Kader.objects.filter(kelurahan__kecamatan=kecamatan).exists():
        stdout.write("No demo cadres; skipping the meetings.")
        return
    with transaction.atomic():
        count = _seed_demo_meetings(kecamatan)
    stdout.write(f"Demo: {count} rapat.")


def _people(kelurahan):
    from kelurahan.models import Official

    from ..models import Kader

    # Ordered, so that where a kelurahan has two holders of one position the same one is
    # picked on every run (PostgreSQL returns rows in no fixed order after updates).
    officials = {
        (o.kelurahan_id, o.position): o
        for o in Official.objects.current()
        .filter(kelurahan__in=kelurahan)
        .order_by("start_date", "pk")
    }
    kaders = list(
        Kader.objects.filter(kelurahan__in=kelurahan, is_active=True)
        .select_related("origin_lembaga")
        .order_by("kelurahan__name", "name")
    )
    return officials, kaders


def _meeting(kecamatan, title: str, *, day=None, hours=(), chair=None, minute_taker=None, **fields):
    """A demo meeting, on `day` from `hours[0]` to `hours[1]` when given; `chair` and
    `minute_taker` are (the official or None, their position)."""
    from ..models import Rapat

    if day:
        fields.update(starts_at=aware(day, hours[0]), ends_at=aware(day, hours[1]))
    for role, person in (("chair", chair), ("minute_taker", minute_taker)):
        if person:
            official, position = person
            fields[role] = official
            fields[f"{role}_name"] = official.name if official else ""
            fields[f"{role}_position"] = position
    participants = fields.pop("participants", [])
    rapat, _created = Rapat.objects.update_or_create(
        kecamatan=kecamatan, title=title, defaults=fields
    )
    rapat.participants.set(participants)
    return rapat


def _agenda(rapat, items) -> None:
    from ..models import RapatAgenda

    for order, (title, presenter, discussion) in enumerate(items, start=1):
        RapatAgenda.objects.update_or_create(
            rapat=rapat,
            order=order,
            defaults={"title": title, "presenter": presenter, "discussion": discussion},
        )
    RapatAgenda.objects.filter(rapat=rapat, order__gt=len(items)).delete()


def _invite(rapat, *, officials=(), kaders=(), guests=(), attendance=None) -> None:
    """Invite people (idempotently) and, when `attendance(index)` is given, mark them."""
    from ..models import RapatPeserta
    from ..services_rapat import invite_kaders, invite_officials

    invite_officials(rapat=rapat, officials=officials)
    invite_kaders(rapat=rapat, kaders=kaders)
    for name, position, institution in guests:
        RapatPeserta.objects.update_or_create(
            rapat=rapat,
            kind=RapatPeserta.Kind.TAMU,
            name=name,
            defaults={"position": position, "institution": institution},
        )
    if attendance is None:
        return
    for index, row in enumerate(rapat.peserta.order_by("kind", "name", "pk")):
        value = attendance(index)
        marked_at = rapat.starts_at + datetime.timedelta(minutes=5 + index % 20) if value else None
        if row.attendance != value:
            row.attendance, row.marked_at = value, marked_at
            row.save(update_fields=["attendance", "marked_at", "updated_at"])


def _decisions(rapat, texts) -> None:
    from ..models import RapatKeputusan

    for order, text in enumerate(texts, start=1):
        RapatKeputusan.objects.update_or_create(rapat=rapat, order=order, defaults={"text": text})


def _followup(rapat, description, due, *, kader=None, official=None, status="belum", done=None):
    from ..models import RapatTindakLanjut

    kelurahan = kader.kelurahan if kader else official.kelurahan if official else rapat.kelurahan
    RapatTindakLanjut.objects.update_or_create(
        rapat=rapat,
        description=description,
        defaults={
            "assignee_kader": kader,
            "assignee_official": official,
            "kelurahan": kelurahan,
            "due_date": due,
            "status": status,
            "done_on": done,
        },
    )


def _seed_demo_meetings(kecamatan) -> int:
    from kelurahan.models import Kelurahan, Official

    from ..models import Rapat

    P = Official.Position
    kelurahan = list(Kelurahan.objects.filter(kecamatan=kecamatan).order_by("name"))
    host = next(k for k in kelurahan if k.name == HOST)
    officials, kaders = _people(kelurahan)
    lurah = officials.get((host.pk, P.LURAH))
    sekretaris = officials.get((host.pk, P.SEKRETARIS))
    kasi_kesra = officials.get((host.pk, P.KASI_KESRA))
    host_kaders = [k for k in kaders if k.kelurahan_id == host.pk]
    protocol = ["masker", "jaga_jarak", "cuci_tangan"]

    # 1. The founding meeting of Monday 21 December 2020.
    founding = _meeting(
        kecamatan,
        FOUNDING_TITLE,
        kelurahan=host,
        level=Rapat.Level.KECAMATAN,
        participants=kelurahan,
        kind=Rapat.Kind.KOORDINASI_KPM,
        day=datetime.date(2020, 12, 21),
        hours=(datetime.time(9), datetime.time(11, 30)),
        place="Balai Kelurahan Pradah Kali Kendal, Jl. Pradah Indah No. 1, Surabaya",
        chair=(lurah, "Lurah Pradah Kali Kendal"),
        minute_taker=(sekretaris, "Sekretaris Kelurahan Pradah Kali Kendal"),
        health_protocol=protocol,
        health_protocol_notes="Protokol kesehatan COVID-19; peserta dibatasi dan duduk berjarak.",
        letter_number="005/412/436.11.13.4/2020",
        letter_date=datetime.date(2020, 12, 16),
        minutes=FOUNDING_MINUTES,
        status=Rapat.Status.TERJADWAL,
    )
    _agenda(founding, FOUNDING_AGENDA)
    founding_officials = [
        officials[(k.pk, position)]
        for k in kelurahan
        for position in (P.LURAH, P.BABINSA, P.KASI_KESRA)
        if (k.pk, position) in officials
    ]
    _invite(
        founding,
        officials=founding_officials,
        kaders=kaders,
        attendance=lambda i: "izin" if i % 11 == 7 else "tidak_hadir" if i % 17 == 9 else "hadir",
    )
    _decisions(founding, FOUNDING_DECISIONS)
    first = {k.kelurahan_id: k for k in reversed(kaders)}
    _followup(
        founding,
        "Menetapkan SK Lurah tentang KPM Kelurahan Pradah Kali Kendal",
        datetime.date(2021, 1, 15),
        official=lurah,
        status="selesai",
        done=datetime.date(2021, 1, 11),
    )
    _followup(
        founding,
        "Mendata sasaran 1000 HPK (ibu hamil dan baduta) di wilayah posyandu",
        datetime.date(2021, 1, 31),
        kader=first.get(host.pk),
        status="selesai",
        done=datetime.date(2021, 1, 29),
    )
    _followup(
        founding,
        "Menyusun jadwal kunjungan rumah bagi ibu hamil KEK/risti dan baduta gizi kurang",
        datetime.date(2021, 2, 15),
        kader=host_kaders[1] if len(host_kaders) > 1 else None,
        status="selesai",
        done=datetime.date(2021, 2, 12),
    )
    _followup(
        founding,
        "Menyiapkan format pendataan KPM yang sama untuk empat kelurahan",
        datetime.date(2021, 1, 20),
        official=kasi_kesra,
        status="selesai",
        done=datetime.date(2021, 1, 19),
    )

    # 2. Later meetings.
    rembuk = _meeting(
        kecamatan,
        "Rembuk Stunting Kelurahan Pradah Kali Kendal Tahun 2021",
        kelurahan=host,
        level=Rapat.Level.KELURAHAN,
        kind=Rapat.Kind.REMBUK_STUNTING,
        day=datetime.date(2021, 2, 18),
        hours=(datetime.time(9), datetime.time(12)),
        place="Balai Kelurahan Pradah Kali Kendal",
        chair=(lurah, "Lurah Pradah Kali Kendal"),
        minute_taker=(kasi_kesra, "Kasi Kesra"),
        health_protocol=protocol,
        minutes="Rembuk membahas hasil pendataan sasaran 1000 HPK dan usulan kegiatan "
        "pencegahan stunting untuk tahun 2021.",
    )
    _agenda(
        rembuk,
        [
            ("Paparan hasil pendataan sasaran 1000 HPK", "KPM", ""),
            ("Usulan kegiatan pencegahan stunting 2021", "Kasi Kesra", ""),
        ],
    )
    _invite(
        rembuk,
        officials=[o for (kid, _p), o in officials.items() if kid == host.pk],
        kaders=host_kaders,
        guests=[("dr. Rahmawati", "Kepala Puskesmas", "Puskesmas Dukuh Kupang")],
        attendance=lambda i: "izin" if i % 6 == 5 else "hadir",
    )
    _decisions(rembuk, ["Kelas ibu hamil diadakan setiap bulan di balai RW secara bergilir."])
    _followup(
        rembuk,
        "Menjadwalkan kelas ibu hamil bulanan bersama bidan kelurahan",
        datetime.date(2021, 3, 15),
        official=officials.get((host.pk, P.BIDAN)),
        status="selesai",
        done=datetime.date(2021, 3, 9),
    )

    kupang = next(k for k in kelurahan if k.name == "Dukuh Kupang")
    kupang_lurah = officials.get((kupang.pk, P.LURAH))
    musyawarah = _meeting(
        kecamatan,
        "Musyawarah Pemilihan KPM Kelurahan Dukuh Kupang",
        kelurahan=kupang,
        level=Rapat.Level.KELURAHAN,
        kind=Rapat.Kind.MUSYAWARAH,
        day=datetime.date(2021, 1, 12),
        hours=(datetime.time(13), datetime.time(15)),
        place="Balai Kelurahan Dukuh Kupang",
        chair=(kupang_lurah, "Lurah Dukuh Kupang"),
        health_protocol=protocol,
    )
    _agenda(musyawarah, [("Pemilihan KPM dari kader posyandu, PAUD dan PKK", "", "")])
    _invite(
        musyawarah,
        officials=[o for (kid, _p), o in officials.items() if kid == kupang.pk],
        kaders=[k for k in kaders if k.kelurahan_id == kupang.pk],
        attendance=lambda i: "hadir",
    )

    cancelled = _meeting(
        kecamatan,
        "Sosialisasi Gizi Seimbang bersama Puskesmas",
        kelurahan=host,
        level=Rapat.Level.KELURAHAN,
        kind=Rapat.Kind.SOSIALISASI,
        starts_at=aware(datetime.date(2021, 4, 7), datetime.time(9)),
        place="Posyandu Melati RW 01",
        chair_name="dr. Rahmawati",
        chair_position="Kepala Puskesmas Dukuh Kupang",
        status=Rapat.Status.DIBATALKAN,
        cancelled_reason="Narasumber dari puskesmas berhalangan; akan dijadwalkan ulang.",
        cancelled_at=aware(datetime.date(2021, 4, 5), datetime.time(10)),
    )
    _invite(cancelled, kaders=host_kaders[:5])

    # 3. Meetings around today, so that the calendar, the dashboard and the attendance page
    # always have something current (their dates move with each run).
    now = timezone.localtime()
    # Started an hour ago, but always today (so that "today's meetings" lists it).
    start = max(
        now.replace(minute=0, second=0, microsecond=0) - datetime.timedelta(hours=1),
        aware(now.date()),
    )
    today_meeting = _meeting(
        kecamatan,
        "Rapat Koordinasi KPM Bulanan Kelurahan Pradah Kali Kendal",
        kelurahan=host,
        level=Rapat.Level.KELURAHAN,
        kind=Rapat.Kind.KOORDINASI_KPM,
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=3),
        place="Ruang rapat Kantor Kelurahan Pradah Kali Kendal",
        chair=(lurah, "Lurah Pradah Kali Kendal"),
        minute_taker=(sekretaris, "Sekretaris Kelurahan"),
    )
    _agenda(
        today_meeting,
        [
            ("Laporan kegiatan posyandu bulan lalu", "KPM", ""),
            ("Rencana kunjungan rumah bulan ini", "KPM", ""),
        ],
    )
    _invite(
        today_meeting,
        officials=[officials[(host.pk, P.LURAH)], officials[(host.pk, P.KASI_KESRA)]],
        kaders=host_kaders,
    )
    _followup(
        today_meeting,
        "Merekap kehadiran sasaran di posyandu bulan ini",
        timezone.localdate() + datetime.timedelta(days=14),
        kader=host_kaders[0] if host_kaders else None,
    )

    camat = Official.objects.current().head_of(kelurahan_id=None, kecamatan_id=kecamatan.pk).first()
    next_quarter = _meeting(
        kecamatan,
        "Rapat Koordinasi KPM se-Kecamatan Dukuh Pakis (triwulan berjalan)",
        kelurahan=None,
        level=Rapat.Level.KECAMATAN,
        participants=kelurahan,
        kind=Rapat.Kind.KOORDINASI_KPM,
        day=timezone.localdate() + datetime.timedelta(days=10),
        hours=(datetime.time(9), datetime.time(12)),
        place="Pendopo Kantor Kecamatan Dukuh Pakis",
        chair=(camat, "Camat Dukuh Pakis"),
        health_protocol=["cuci_tangan"],
    )
    _agenda(
        next_quarter,
        [("Evaluasi scorecard konvergensi triwulan lalu", "", ""), ("Rencana triwulan", "", "")],
    )
    _invite(
        next_quarter,
        officials=[officials[(k.pk, P.LURAH)] for k in kelurahan if (k.pk, P.LURAH) in officials],
        kaders=[k for k in kaders if k.origin == "posyandu"],
    )
    return 6
