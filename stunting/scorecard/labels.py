"""The words of the printed Scorecard Konvergensi (Format 4) and the quarterly recaps (3A, 3B):
the 19 indicators in the wording of the official form (shared/DESIGN.md §2, kept as printed),
their short column headings, and the names of stages, age bands and tikar colours.

One place for these words, so that the pages, the PDF and the .xlsx say the same thing.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

# Ibu hamil (Formulir 3A), in DESIGN order.
MOTHER_INDICATORS = (
    _("Periksa kehamilan paling sedikit 4 kali"),
    _("Mendapat dan minum tablet tambah darah minimal 90 hari"),
    _("Ibu bersalin mendapat layanan nifas oleh nakes minimal 3 kali"),
    _("Konseling gizi atau kelas ibu hamil minimal 4 kali"),
    _(
        "Ibu hamil risiko tinggi dan/atau KEK mendapat kunjungan rumah terpadu minimal 1 bulan "
        "sekali"
    ),
    _("Rumah tangga memiliki akses air minum aman"),
    _("Jamban keluarga layak"),
    _("Memiliki jaminan layanan kesehatan"),
)
MOTHER_HEADINGS = (
    _("Periksa kehamilan"),
    _("Tablet tambah darah"),
    _("Nifas"),
    _("Konseling gizi / kelas ibu hamil"),
    _("Kunjungan rumah"),
    _("Air minum aman"),
    _("Jamban layak"),
    _("Jaminan kesehatan"),
)

# Anak 0-23 bulan (Formulir 3B), in DESIGN order.
CHILD_INDICATORS = (
    _("Bayi ≤12 bulan mendapat imunisasi dasar lengkap"),
    _("Ditimbang di posyandu setiap bulan"),
    _("Diukur panjang/tinggi oleh tenaga terlatih minimal 2 kali setahun"),
    _("Orang tua/pengasuh mengikuti konseling gizi minimal sebulan sekali"),
    _(
        "Anak gizi buruk / gizi kurang / stunting mendapat kunjungan rumah terpadu minimal "
        "sebulan sekali"
    ),
    _("Akses air minum aman"),
    _("Jamban layak"),
    _("Akta kelahiran"),
    _("Jaminan layanan kesehatan"),
    _("Orang tua/pengasuh mengikuti kelas pengasuhan minimal sebulan sekali"),
)
CHILD_HEADINGS = (
    _("Imunisasi dasar lengkap"),
    _("Ditimbang"),
    _("Diukur panjang/tinggi"),
    _("Konseling gizi"),
    _("Kunjungan rumah"),
    _("Air minum aman"),
    _("Jamban layak"),
    _("Akta lahir"),
    _("Jaminan kesehatan"),
    _("Kelas pengasuhan"),
)

# Anak 2-6 tahun.
PAUD_INDICATOR = _("Terdaftar dan aktif mengikuti layanan PAUD")

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

# Table 1, in the order of the form.
TABLE1 = (
    ("rumah_tangga", _("Rumah tangga 1000 HPK")),
    ("ibu_hamil", _("Ibu hamil")),
    ("ibu_hamil_kek_risti", _("Ibu hamil KEK / risiko tinggi")),
    ("anak_0_23", _("Anak 0–23 bulan")),
    ("gizi_kurang", _("Anak gizi kurang")),
    ("gizi_buruk", _("Anak gizi buruk")),
    ("stunting", _("Anak stunting (pendek / sangat pendek)")),
)

# Table 2: the colours read off the tikar pertumbuhan.
MAT = (
    ("hijau", _("Hijau")),
    ("kuning", _("Kuning")),
    ("merah", _("Merah")),
    ("tidak_diukur", _("Tidak diukur")),
)

# (printed wording, short heading) per group, for the pages.
INDICATORS = {
    "ibu": list(zip(MOTHER_INDICATORS, MOTHER_HEADINGS, strict=True)),
    "anak": list(zip(CHILD_INDICATORS, CHILD_HEADINGS, strict=True)),
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
