"""Demo equipment of the posyandu and PAUD of Pradah Kali Kendal: dacin, digital scale, length
board, microtoise, KMS stock and PAUD play materials, with who holds them.

All in good order and checked within the year, except one broken dacin and one microtoise last
checked 14 months ago, so that the dashboard's warning has something to show. Dates are relative
to today. Safe to re-run: each item is keyed by its lembaga, kind and name.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from kelurahan.dates import add_months
from kelurahan.models import Kelurahan, Lembaga

from ..models import Kader, Peralatan

KECAMATAN = "Dukuh Pakis"
KELURAHAN = "Pradah Kali Kendal"
Kind, Condition = Peralatan.Kind, Peralatan.Condition

# (kind, name, quantity, months since the last check) of every posyandu.
POSYANDU_KIT = [
    (Kind.DACIN, "Dacin 25 kg", 1, 3),
    (Kind.LENGTH_BOARD, "Infantometer kayu", 1, 5),
    (Kind.MICROTOISE, "Ukuran 2 m", 1, 5),
    (Kind.KMS, "Buku KIA edisi 2023", 40, 1),
]
# The first posyandu also keeps the kelurahan's digital scale and anthropometry kit.
FIRST_POSYANDU_KIT = [
    (Kind.TIMBANGAN, "Timbangan bayi, ketelitian 10 g", 1, 2),
    (Kind.ANTROPOMETRI, "Bantuan Kemenkes 2023", 1, 4),
]
PAUD_KIT = [
    (Kind.PAUD, "Balok, puzzle dan buku cerita", 1, 2),
    (Kind.KMS, "Buku KIA untuk orang tua murid", 15, 2),
]


@transaction.atomic
def seed_demo(*, stdout) -> None:
    kelurahan = Kelurahan.objects.filter(kecamatan__name=KECAMATAN, name=KELURAHAN).first()
    if kelurahan is None:
        return
    today = timezone.localdate()
    lembaga = Lembaga.objects.filter(kelurahan=kelurahan).select_related("rw")
    posyandu = list(lembaga.filter(kind=Lembaga.Kind.POSYANDU).order_by("rw__number", "pk"))
    paud = list(lembaga.filter(kind=Lembaga.Kind.PAUD).order_by("name"))
    count = 0
    for index, place in enumerate(posyandu):
        kit = POSYANDU_KIT + (FIRST_POSYANDU_KIT if index == 0 else [])
        for kind, name, quantity, months in kit:
            condition, checked = Condition.BAIK, add_months(today, -months)
            if index == 1 and kind == Kind.DACIN:
                condition = Condition.RUSAK_BERAT  # the broken one
            if index == 0 and kind == Kind.MICROTOISE:
                checked = add_months(today, -14)  # the one not checked for a year
            _item(kelurahan, place, kind, name, quantity, condition, checked)
            count += 1
    for place in paud:
        for kind, name, quantity, months in PAUD_KIT:
            _item(
                kelurahan, place, kind, name, quantity, Condition.BAIK, add_months(today, -months)
            )
            count += 1
    stdout.write(f"Demo: {count} peralatan posyandu dan PAUD.")


def _item(kelurahan, place, kind, name, quantity, condition, checked: datetime.date) -> None:
    holder = (
        Kader.objects.filter(kelurahan=kelurahan, origin_lembaga=place, is_active=True)
        .order_by("name")
        .first()
    )
    notes = "Per pegas patah, perlu diganti." if condition == Condition.RUSAK_BERAT else ""
    Peralatan.objects.update_or_create(
        kelurahan=kelurahan,
        lembaga=place,
        kind=kind,
        name=name,
        defaults={
            "quantity": quantity,
            "condition": condition,
            "last_checked_on": checked,
            "holder_kader": holder,
            "holder_name": "" if holder else f"Ketua {place.name}",
            "notes": notes,
        },
    )
