"""Demo field work in Pradah Kali Kendal: its families shared among its cadres (keluarga
binaan), and this month's home visits to the stunted or wasted children and the KEK or high-risk
mothers, recorded through the services so that the 2A/2B numbers count them.

Safe to re-run: the demo's earlier visits are deleted through `delete_home_visit` (which takes
each off its month's 2A/2B number) and recorded again through `save_home_visit`.
"""

from __future__ import annotations

import datetime

from kelurahan.models import Kelurahan
from kpm.models import Kader

from .fieldwork import assign_families, delete_home_visit, save_home_visit
from .models import Family, FamilyAssignment, HomeVisit, Person, Pregnancy
from .queries_fieldwork import needs_home_visit

KELURAHAN = "Pradah Kali Kendal"
FAMILIES_PER_CADRE = 12
DEMO_NOTES = {
    HomeVisit.Purpose.GIZI: "Konseling pemberian makan; ibu diajak ke posyandu bulan depan.",
    HomeVisit.Purpose.IBU_HAMIL: "Tablet tambah darah diminum; diingatkan periksa ke bidan.",
}


def seed_fieldwork(*, today: datetime.date) -> tuple[int, int]:
    """(families assigned, home visits recorded) in the demo kelurahan."""
    kelurahan = Kelurahan.objects.filter(kecamatan__name="Dukuh Pakis", name=KELURAHAN).first()
    if kelurahan is None:
        return 0, 0
    cadres = list(Kader.objects.filter(kelurahan=kelurahan, is_active=True).order_by("pk"))
    families = list(Family.objects.filter(kelurahan=kelurahan).order_by("pk"))
    if not cadres or not families:
        return 0, 0
    cadres = cadres[: max(1, -(-len(families) // FAMILIES_PER_CADRE))]
    for n, kader in enumerate(cadres):
        assign_families(kader=kader, families=families[n :: len(cadres)], started_on=today)
    return len(families), _seed_visits(kelurahan, today=today)


def _companion(person: Person) -> Kader | None:
    row = FamilyAssignment.objects.filter(family_id=person.family_id).current().first()
    return row.kader if row else None


def _seed_visits(kelurahan, *, today: datetime.date) -> int:
    demo = HomeVisit.objects.filter(
        kelurahan=kelurahan, created_by__isnull=True, notes__in=DEMO_NOTES.values()
    )
    for visit in demo:
        delete_home_visit(visit=visit)
    children = Person.objects.filter(kelurahan=kelurahan).balita(today)
    targets = [
        (child, None, HomeVisit.Purpose.GIZI)
        for child in children.select_related("last_measurement").order_by("pk")
        if needs_home_visit(child.last_measurement)
    ][:6]
    mothers = Pregnancy.objects.filter(kelurahan=kelurahan).current(today).high_risk()
    targets += [(p.person, p, HomeVisit.Purpose.IBU_HAMIL) for p in mothers.order_by("pk")[:3]]
    made = 0
    for person, pregnancy, purpose in targets:
        kader = _companion(person)
        if kader is None:
            continue
        visit = HomeVisit(
            person=person,
            pregnancy=pregnancy,
            kader=kader,
            visit_date=today,
            purpose=purpose,
            notes=DEMO_NOTES[purpose],
        )
        save_home_visit(visit=visit)
        made += 1
    return made
