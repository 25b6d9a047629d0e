"""The kpm pages `manage.py run_benchmark` measures on the scale data (`kpm/scale/`)."""

from __future__ import annotations

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from .models import SK, Kader, Program, Rapat, Tugas


def pages(context: dict) -> list[tuple[str, str, object]]:
    return (
        _kader_pages(context)
        + _rapat_pages(context)
        + _tugas_pages(context)
        + _anggaran_pages(context)
        + _peralatan_pages(context)
    )


def _kader_pages(context: dict) -> list[tuple[str, str, object]]:
    petugas, kecamatan_user = context["petugas"], context["kecamatan_user"]
    kader = Kader.objects.filter(kelurahan=context["kelurahan"], is_active=True).first()
    sk = SK.objects.filter(kelurahan=context["kelurahan"]).first()
    if kader is None or sk is None:
        return []
    list_url = reverse("kpm:kader_list")
    return [
        ("kader list", list_url, petugas),
        ("kader list, term ending", list_url + "?status=segera", petugas),
        ("kader list, search", list_url + "?q=kader", petugas),
        ("kader list (kecamatan)", list_url, kecamatan_user),
        ("kader detail", kader.get_absolute_url(), petugas),
        ("kader edit form", reverse("kpm:kader_update", args=[kader.pk]), petugas),
        ("hubungan kerja kelurahan", reverse("kpm:relasi_kelurahan"), petugas),
        ("SK list", reverse("kpm:sk_list"), petugas),
        ("SK detail", sk.get_absolute_url(), petugas),
        ("pelatihan list", reverse("kpm:pelatihan_list"), petugas),
        ("kader export xlsx (kecamatan)", reverse("kpm:kader_export"), kecamatan_user),
        ("buku kader PDF", reverse("kpm:kader_book_pdf"), petugas),
    ]


def _rapat_pages(context: dict) -> list[tuple[str, str, object]]:
    petugas, kecamatan_user = context["petugas"], context["kecamatan_user"]
    rapat = (
        Rapat.objects.filter(kelurahan=context["kelurahan"], starts_at__lt=timezone.now())
        .order_by("-starts_at")
        .first()
    )
    shared = (
        Rapat.objects.filter(kecamatan=kecamatan_user.kecamatan, level=Rapat.Level.KECAMATAN)
        .filter(Q(starts_at__lt=timezone.now()))
        .order_by("-starts_at")
        .first()
    )
    if rapat is None or shared is None:
        return []
    list_url = reverse("kpm:rapat_list")
    return [
        ("rapat list", list_url, petugas),
        ("rapat list, search", list_url + "?q=rembuk", petugas),
        ("rapat list (kecamatan)", list_url, kecamatan_user),
        ("rapat calendar", reverse("kpm:rapat_calendar"), petugas),
        ("rapat detail", rapat.get_absolute_url(), petugas),
        ("rapat detail, kecamatan-level", shared.get_absolute_url(), kecamatan_user),
        ("rapat attendance page", reverse("kpm:rapat_attendance", args=[shared.pk]), petugas),
        ("rapat invitations page", reverse("kpm:rapat_invitees", args=[rapat.pk]), petugas),
        ("rapat edit form", reverse("kpm:rapat_update", args=[rapat.pk]), petugas),
        ("rapat minutes form", reverse("kpm:rapat_minutes", args=[rapat.pk]), petugas),
        ("tindak lanjut list", reverse("kpm:rapat_followup_list"), petugas),
        ("rapat notulen PDF", reverse("kpm:rapat_pdf_minutes", args=[shared.pk]), kecamatan_user),
    ]


# The most queries each task page may make at city scale (`run_benchmark` fails above it): a
# count that grows with the rows shown is an N+1.
QUERY_LIMITS = {
    "peralatan list": 7,
    "peralatan list, needing attention": 7,
    "tugas list": 8,
    "tugas list, overdue": 8,
    "tugas list (kecamatan)": 9,
    "tugas board": 14,
    "tugas calendar": 7,
    "tugas detail": 8,
    "tugas export xlsx": 4,
    "tugas rutin list": 7,
    "program list": 5,
    "program detail": 12,
    "kader detail": 22,
    # Financing (issue 13).
    "realisasi list": 7,
    "laporan anggaran": 7,
    "laporan anggaran PDF": 7,
    "anggaran kecamatan": 8,
}


def _tugas_pages(context: dict) -> list[tuple[str, str, object]]:
    petugas, kecamatan_user = context["petugas"], context["kecamatan_user"]
    tugas = (
        Tugas.objects.filter(kelurahan=context["kelurahan"], notes__isnull=False)
        .order_by("-due_date")
        .first()
    )
    program = Program.objects.filter(kelurahan=context["kelurahan"]).first()
    if tugas is None or program is None:
        return []
    list_url = reverse("kpm:tugas_list")
    return [
        ("tugas list", list_url, petugas),
        ("tugas list, overdue", list_url + "?status=terlambat", petugas),
        ("tugas list (kecamatan)", list_url, kecamatan_user),
        ("tugas board", reverse("kpm:tugas_board"), petugas),
        ("tugas calendar", reverse("kpm:tugas_calendar"), petugas),
        ("tugas detail", tugas.get_absolute_url(), petugas),
        ("tugas export xlsx", reverse("kpm:tugas_export"), petugas),
        ("tugas rutin list", reverse("kpm:tugas_rutin_list"), petugas),
        ("program list", reverse("kpm:program_list"), petugas),
        ("program detail", program.get_absolute_url(), petugas),
    ]


def _anggaran_pages(context: dict) -> list[tuple[str, str, object]]:
    """The spending list and the yearly financing report (about 200 spending rows a kelurahan
    this year, `kpm/scale/anggaran.py`)."""
    petugas, kecamatan_user = context["petugas"], context["kecamatan_user"]
    year = f"?tahun={timezone.localdate().year}"
    return [
        ("realisasi list", reverse("kpm:realisasi_list"), petugas),
        ("laporan anggaran", reverse("kpm:anggaran_report") + year, petugas),
        ("laporan anggaran PDF", reverse("kpm:anggaran_report_pdf") + year, petugas),
        ("anggaran kecamatan", reverse("kpm:anggaran_kecamatan") + year, kecamatan_user),
    ]


def _peralatan_pages(context: dict) -> list[tuple[str, str, object]]:
    petugas = context["petugas"]
    list_url = reverse("kpm:peralatan_list")
    return [
        ("peralatan list", list_url, petugas),
        ("peralatan list, needing attention", list_url + "?perhatian=ya", petugas),
    ]
