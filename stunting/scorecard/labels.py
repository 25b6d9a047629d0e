"""The words of the Scorecard Konvergensi (Format 4) and the recaps (3A, 3B): the 19 indicators
in their printed wording (shared/DESIGN.md §2), a short column heading for each, and the names
of the stages and age bands. Pages and documents read them from here."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

# (printed wording, short heading), in DESIGN order.
IBU_INDICATORS = [
    (_("Periksa kehamilan paling sedikit 4 kali"), _("Periksa hamil")),
    (_("Mendapat dan minum tablet tambah darah minimal 90 hari"), _("Tablet tambah darah")),
    (_("Ibu bersalin mendapat layanan nifas oleh nakes minimal 3 kali"), _("Nifas")),
    (_("Konseling gizi atau kelas ibu hamil minimal 4 kali"), _("Konseling/kelas ibu")),
    (
        _(
            "Ibu hamil risiko tinggi dan/atau KEK mendapat kunjungan rumah terpadu minimal "
            "1 bulan sekali"
        ),
        _("Kunjungan rumah"),
    ),
    (_("Rumah tangga memiliki akses air minum aman"), _("Air minum aman")),
    (_("Jamban keluarga layak"), _("Jamban layak")),
    (_("Memiliki jaminan layanan kesehatan"), _("Jaminan kesehatan")),
]
ANAK_INDICATORS = [
    (_("Bayi ≤12 bulan mendapat imunisasi dasar lengkap"), _("Imunisasi dasar")),
    (_("Ditimbang di posyandu setiap bulan"), _("Ditimbang")),
    (_("Diukur panjang/tinggi oleh tenaga terlatih minimal 2 kali setahun"), _("Diukur")),
    (
        _("Orang tua/pengasuh mengikuti konseling gizi minimal sebulan sekali"),
        _("Konseling gizi"),
    ),
    (
        _(
            "Anak gizi buruk / gizi kurang / stunting mendapat kunjungan rumah terpadu minimal "
            "sebulan sekali"
        ),
        _("Kunjungan rumah"),
    ),
    (_("Akses air minum aman"), _("Air minum aman")),
    (_("Jamban layak"), _("Jamban layak")),
    (_("Akta kelahiran"), _("Akta lahir")),
    (_("Jaminan layanan kesehatan"), _("Jaminan kesehatan")),
    (
        _("Orang tua/pengasuh mengikuti kelas pengasuhan minimal sebulan sekali"),
        _("Kelas pengasuhan"),
    ),
]
PAUD_INDICATOR = _("Terdaftar dan aktif mengikuti layanan PAUD")

INDICATORS = {"ibu": IBU_INDICATORS, "anak": ANAK_INDICATORS}

GROUPS = {
    "ibu": _("Ibu hamil (3A)"),
    "anak": _("Anak 0-23 bulan (3B)"),
    "paud": _("Anak 2-6 tahun (PAUD)"),
}

STAGES = {
    "t1": _("Trimester 1"),
    "t2": _("Trimester 2"),
    "t3": _("Trimester 3"),
    "bersalin": _("Bersalin"),
}

BANDS = {
    "0-5": _("0-5 bulan"),
    "6-12": _("6-12 bulan"),
    "13-18": _("13-18 bulan"),
    "19-23": _("19-23 bulan"),
}

MARKS = {"Y": _("Ya (diterima)"), "T": _("Tidak (belum diterima)"), "TS": _("Tidak sesuai")}

# The figures of tables 1 and 2 and PAUD, by their key in `QuarterResult.figure_targets`.
FIGURES = {
    "rumah_tangga": _("Rumah tangga 1000 HPK"),
    "ibu_hamil": _("Ibu hamil"),
    "ibu_hamil_kek_risti": _("Ibu hamil KEK/risiko tinggi"),
    "anak_0_23": _("Anak 0-23 bulan"),
    "gizi_kurang": _("Anak gizi kurang"),
    "gizi_buruk": _("Anak gizi buruk"),
    "stunting": _("Anak stunting (pendek/sangat pendek)"),
    "hijau": _("Tikar pertumbuhan: hijau"),
    "kuning": _("Tikar pertumbuhan: kuning"),
    "merah": _("Tikar pertumbuhan: merah"),
    "tidak_diukur": _("Tikar pertumbuhan: tidak diukur"),
    "paud-terdaftar": _("Anak 2-6 tahun terdaftar di PAUD"),
    "paud-aktif": _("Anak 2-6 tahun aktif di PAUD"),
    "ibu-semua": _("Semua ibu hamil"),
    "anak-semua": _("Semua anak 0-23 bulan"),
    "ibu-lengkap": _("Ibu hamil yang menerima semua layanan yang seharusnya"),
    "anak-lengkap": _("Anak 0-23 bulan yang menerima semua layanan yang seharusnya"),
    "anak-ayah": _("Anak 0-23 bulan: ayah ikut konseling gizi"),
}


def figure_title(key: str) -> str:
    """The figure a drill-down key stands for, in words ("Anak 0-23 bulan · 2. Ditimbang di
    posyandu setiap bulan · T")."""
    if key in FIGURES:
        return str(FIGURES[key])
    group, number, mark = key.split("-")
    wording = INDICATORS[group][int(number) - 1][0]
    return f"{GROUPS[group]} · {number}. {wording} · {MARKS[mark]}"
