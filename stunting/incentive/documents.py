"""The incentive's documents: a cadre's report card (one A4 page) and the period's payout list
(PDF with the kasi kesra's and the lurah's signature blocks, and .xlsx). Both say "DRAF" until the
assessment is approved; an assessment in its trial period (masa uji) is never paid. No NIK is
printed."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from kelurahan import xlsx
from kelurahan.models import Official
from kelurahan.pdf import letterhead_context

from ..models import Assessment, CadreScore
from . import review


def document_date(assessment: Assessment) -> datetime.date:
    """The approval day of an approved assessment; today for a draft."""
    if assessment.is_locked and assessment.approved_at:
        return timezone.localdate(assessment.approved_at)
    return timezone.localdate()


def kasi_kesra(kelurahan, on: datetime.date) -> Official | None:
    """The kasi kesra in office on `on`."""
    officials = Official.objects.current(on=on).filter(
        kelurahan=kelurahan, position=Official.Position.KASI_KESRA
    )
    return officials.order_by("-start_date", "-pk").first()


def _base(assessment: Assessment) -> dict:
    day = document_date(assessment)
    return {
        **letterhead_context(assessment.kelurahan, on=day),
        "assessment": assessment,
        "period": review.period_label(assessment),
        "kasi_kesra": kasi_kesra(assessment.kelurahan, day),
    }


def score_card_context(score: CadreScore) -> dict:
    return {
        **_base(score.assessment),
        "score": score,
        "rows": review.indicator_rows(score),
        "served_part": review.served_part(score),
    }


def score_card_filename(score: CadreScore) -> str:
    return f"{slugify(f'rapor {score.kader.name} {score.assessment.period}')}.pdf"


@dataclass(frozen=True)
class PayoutLine:
    number: int
    name: str
    total: object
    tier: str
    wanted: int
    amount: int


def payout_lines(assessment: Assessment) -> list[PayoutLine]:
    scores = assessment.cadres.select_related("kader").order_by("kader__name", "pk")
    return [
        PayoutLine(
            number,
            s.kader.name,
            s.total,
            s.tier,
            s.wanted_amount,
            0 if assessment.is_shadow else s.amount,
        )
        for number, s in enumerate(scores, start=1)
    ]


def payout_context(assessment: Assessment) -> dict:
    return {
        **_base(assessment),
        "lines": payout_lines(assessment),
        "summary": review.payout_summary(assessment),
    }


def payout_filename(assessment: Assessment, extension: str) -> str:
    name = slugify(f"pembayaran insentif {assessment.kelurahan.name} {assessment.period}")
    return f"{name}.{extension}"


def payout_sheets(assessment: Assessment) -> list[xlsx.Sheet]:
    """The payout list (one row per cadre, then the total) and a sheet that says what it is."""
    lines = payout_lines(assessment)
    summary = review.payout_summary(assessment)
    total = PayoutLine(0, _("JUMLAH"), None, "", summary.wanted, summary.paid)
    columns = [
        xlsx.Column(_("No."), lambda line: line.number or None, 6),
        xlsx.Column(_("Nama kader"), lambda line: line.name, 30),
        xlsx.Column(_("Skor"), lambda line: line.total, 8),
        xlsx.Column(_("Tingkat"), lambda line: line.tier, 18),
        xlsx.Column(_("Menurut tingkat (Rp)"), lambda line: line.wanted, 18),
        xlsx.Column(_("Dibayar (Rp)"), lambda line: line.amount, 16),
        xlsx.Column(_("Tanda tangan"), lambda line: "", 22),
    ]
    if assessment.is_locked:
        state = _("Disetujui %(day)s") % {"day": document_date(assessment).strftime("%d-%m-%Y")}
    else:
        state = _("DRAF — belum disetujui kasi kesra")
    about = [
        (_("Kelurahan"), assessment.kelurahan.name),
        (_("Periode"), review.period_label(assessment)),
        (_("Status"), state),
        (_("Dibayar dari pos anggaran"), summary.line.name if summary.line else "–"),
        (_("Insentif menurut tingkat (Rp)"), summary.wanted),
        (_("Dibayarkan (Rp)"), summary.paid),
    ]
    if summary.available is not None:
        about += [
            (_("Sisa pos anggaran sebelum pembayaran (Rp)"), summary.available),
            (_("Sisa setelah pembayaran (Rp)"), summary.remainder),
        ]
    if summary.scaled:
        about.append((_("Catatan"), _("Dikurangi pro rata, dibulatkan ke bawah ke rupiah penuh.")))
    if assessment.is_shadow:
        about.append((_("Catatan"), _("MASA UJI — TIDAK DIBAYAR")))
    return [
        xlsx.Sheet(_("Daftar pembayaran"), columns, [*lines, total]),
        xlsx.Sheet(
            _("Keterangan"),
            [
                xlsx.Column(_("Keterangan"), lambda item: item[0], 40),
                xlsx.Column(_("Isi"), lambda item: item[1], 40),
            ],
            about,
        ),
    ]
