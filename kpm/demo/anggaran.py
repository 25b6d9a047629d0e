"""Demo financing of the KPM of Pradah Kali Kendal, this year and last year: funding sources,
budget lines and about fifteen spendings recorded through the services (some approved, one
corrected by a reversal, one over its line awaiting the lurah). A year already seeded is left
as it is, so the command is safe to re-run."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

HOST = "Pradah Kali Kendal"

# (kind, name, amount)
SOURCES = [
    ("apbd", "APBD Kota Surabaya {year}", 30_000_000),
    ("dana_kelurahan", "Dana Kelurahan {year}", 15_000_000),
    ("swadaya", "Swadaya masyarakat {year}", 2_500_000),
]

# (source index, name, activity, amount, stunting-specific, paket)
LINES = [
    (0, "Operasional KPM", "operasional", 6_000_000, False, ""),
    (0, "Insentif kader KPM", "insentif", 12_000_000, False, ""),
    (1, "PMT balita gizi kurang", "pmt", 7_500_000, True, "gizi"),
    (1, "Kelas ibu hamil", "kelas_ibu_hamil", 3_000_000, True, "kia"),
    (0, "Rembuk stunting kelurahan", "rembuk", 2_500_000, True, "kia"),
    (0, "Pelatihan kader", "pelatihan", 5_000_000, False, ""),
    (2, "Konsumsi posyandu (swadaya)", "lainnya", 2_000_000, True, "gizi"),
]

# (line index, month, day, amount, purpose, approved, paid for)
SPENDING = [
    (0, 1, 15, 450_000, "ATK dan fotokopi formulir pemantauan 2A/2B", True, ""),
    (0, 2, 12, 600_000, "Pulsa dan paket data KPM Januari–Februari", True, ""),
    (1, 3, 31, 3_000_000, "Insentif kader triwulan I", True, "insentif"),
    (2, 2, 5, 1_250_000, "PMT lokal balita gizi kurang Februari", True, ""),
    (2, 3, 5, 1_250_000, "PMT lokal balita gizi kurang Maret", True, ""),
    (3, 2, 20, 400_000, "Konsumsi kelas ibu hamil RW 01", True, ""),
    (3, 3, 20, 400_000, "Konsumsi kelas ibu hamil RW 02", False, ""),
    (4, 2, 18, 1_200_000, "Konsumsi dan ATK rembuk stunting", True, "rapat"),
    (5, 4, 10, 2_750_000, "Pelatihan pengukuran antropometri untuk kader", True, ""),
    (6, 1, 9, 350_000, "Konsumsi posyandu Januari", True, ""),
    (6, 2, 9, 350_000, "Konsumsi posyandu Februari", False, ""),
    (0, 4, 3, 300_000, "Fotokopi buku saku KPM", False, ""),
    (2, 4, 5, 1_250_000, "PMT lokal balita gizi kurang April", False, ""),
    (1, 4, 30, 900_000, "Transport kader kunjungan rumah April", False, ""),
]
REVERSED = 1  # index in SPENDING: approved, then corrected (entered on the wrong line)
OVERSPEND = (4, 5, 2, 1_800_000, "Sewa tenda dan sound system rembuk stunting lanjutan")


def seed_demo(*, stdout) -> None:
    from kelurahan.models import Kelurahan, User

    host = Kelurahan.objects.filter(name=HOST, kecamatan__name="Dukuh Pakis").first()
    petugas = User.objects.filter(username="petugas.pradah").first()
    lurah = User.objects.filter(username="lurah.pradah").first()
    if host is None or petugas is None or lurah is None:
        stdout.write("No demo kelurahan; skipping the KPM budget.")
        return
    this_year = timezone.localdate().year
    seeded = [
        year
        for year in (this_year - 1, this_year)
        if _seed_year(host, year, petugas=petugas, lurah=lurah)
    ]
    stdout.write(f"Demo: anggaran KPM {HOST} untuk tahun {seeded or 'yang sudah ada'}.")


@transaction.atomic
def _seed_year(host, year: int, *, petugas, lurah) -> bool:
    from ..models import PosAnggaran, Rapat, Realisasi, SumberDana
    from ..services_anggaran import (
        approve_spending,
        confirm_overspend,
        reverse_spending,
        save_line,
        save_spending,
    )

    first_name = SOURCES[0][1].format(year=year)
    if SumberDana.objects.filter(kelurahan=host, year=year, name=first_name).exists():
        return False
    sources = [
        SumberDana.objects.create(
            kelurahan=host, year=year, kind=kind, name=name.format(year=year), amount=amount
        )
        for kind, name, amount in SOURCES
    ]
    lines = [
        save_line(
            line=PosAnggaran(
                source=sources[source],
                name=name,
                activity=activity,
                amount=amount,
                is_stunting_specific=specific,
                paket=paket,
            )
        )
        for source, name, activity, amount, specific, paket in LINES
    ]
    today = timezone.localdate()
    rapat = Rapat.objects.filter(kelurahan=host, starts_at__year=year).order_by("starts_at").first()

    def on(month: int, day: int) -> datetime.date:
        """The day in `year`, but never in the future."""
        return min(datetime.date(year, month, day), max(today, datetime.date(year, 1, 1)))

    saved = []
    for line, month, day, amount, purpose, approved, paid_for in SPENDING:
        spending = Realisasi(
            line=lines[line],
            spent_on=on(month, day),
            amount=amount,
            purpose=purpose,
            rapat=rapat if paid_for == "rapat" else None,
            is_incentive_payout=paid_for == "insentif",
        )
        save_spending(spending=spending, by=petugas)
        if approved:
            approve_spending(spending=spending, by=lurah)
        saved.append(spending)
    reverse_spending(
        spending=saved[REVERSED],
        reason="Salah pos: pulsa KPM dibayar dari dana swadaya, bukan APBD.",
        by=lurah,
    )
    line, month, day, amount, purpose = OVERSPEND
    over = Realisasi(line=lines[line], spent_on=on(month, day), amount=amount, purpose=purpose)
    save_spending(spending=over, by=petugas)
    if year < today.year:  # last year's was confirmed; this year's still waits for the lurah
        confirm_overspend(
            spending=over,
            reason="Peserta rembuk lanjutan dua kali lipat dari rencana; disepakati musyawarah.",
            by=lurah,
        )
    return True
