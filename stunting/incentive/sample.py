"""The evidence sample of an assessment: per cadre and month, up to two of the records the
cadre made in the period (2B and 2A records, home visits), drawn for a second person to confirm
against the registers (`workflow.confirm_evidence`)."""

from __future__ import annotations

import random

from django.utils.translation import gettext as _

from ..models import Assessment, ChildMonth, EvidenceCheck, HomeVisit, PregnancyMonth

SAMPLE_PER_MONTH = 2


def _first_recorder(model, pks) -> dict:
    """pk -> the user who created each record (its first history row)."""
    history = model.history.model.objects.filter(id__in=pks, history_type="+")
    return dict(history.values_list("id", "history_user_id"))


def draw_sample(*, assessment: Assessment) -> int:
    """Draw, per cadre and month, up to two of the cadre's records of the period (2B and 2A
    records they recorded, home visits they made) for a second person to confirm. The draw is
    random but repeatable (seeded by the assessment)."""
    rng = random.Random(assessment.pk)
    scores = {s.kader_id: s for s in assessment.cadres.all()}
    start, end = assessment.period_start, assessment.period_end
    pools: dict = {}
    for model, kind, person in (
        (ChildMonth, "2b", "person__name"),
        (PregnancyMonth, "2a", "pregnancy__person__name"),
    ):
        rows = model.objects.filter(
            recorded_by_id__in=scores, month__gte=start, month__lte=end
        ).values_list("pk", "recorded_by_id", "month", person)
        recorders = _first_recorder(model, [r[0] for r in rows])
        for pk, kader_id, month, name in rows:
            label = f"{kind.upper()} {month:%m/%Y}: {name}"
            pools.setdefault((kader_id, month), []).append((kind, pk, label, recorders.get(pk)))
    visits = HomeVisit.objects.filter(
        kader_id__in=scores, visit_date__gte=start, visit_date__lte=end
    ).values_list("pk", "kader_id", "visit_date", "person__name", "created_by_id")
    for pk, kader_id, day, name, user_id in visits:
        label = _("Kunjungan rumah %(date)s: %(name)s") % {"date": f"{day:%d/%m/%Y}", "name": name}
        pools.setdefault((kader_id, day.replace(day=1)), []).append(
            ("kunjungan", pk, label, user_id)
        )
    checks = []
    for (kader_id, month), pool in sorted(pools.items(), key=lambda item: (item[0][0], item[0][1])):
        pool.sort(key=lambda item: (item[0], item[1]))
        for kind, pk, label, user_id in rng.sample(pool, min(SAMPLE_PER_MONTH, len(pool))):
            checks.append(
                EvidenceCheck(
                    cadre_score=scores[kader_id],
                    kind=kind,
                    object_id=pk,
                    label=label[:255],
                    month=month,
                    recorded_by_id=user_id,
                )
            )
    EvidenceCheck.objects.bulk_create(checks, ignore_conflicts=True)
    return len(checks)
