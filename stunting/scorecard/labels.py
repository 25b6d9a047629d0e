"""The words of the printed Scorecard Konvergensi (Format 4) and the quarterly recaps (3A, 3B):
the 19 indicators in the wording of the official form (shared/DESIGN.md §2, kept as printed),
their short column headings, and the names of stages, age bands and tikar colours.

One place for these words, so that the pages, the PDF and the .xlsx say the same thing.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

# Ibu hamil (Formulir 3A), in DESIGN order.
MOTHER_INDICATORS = (
    _("periksa kehamilan paling sedikit 4 kali"),
    _("mendapat dan minum tablet tambah darah minimal 90 hari"),
    _("ibu bersalin mendapat layanan nifas oleh nakes minimal 3 kali"),
    _("konseling gizi atau kelas ibu hamil minimal 4 kali"),
    _(
        "ibu hamil risiko tinggi dan/atau KEK mendapat kunjungan rumah terpadu minimal 1 bulan "
        "sekali"
    ),
    _("rumah tangga memiliki akses air minum aman"),
    _("jamban keluarga layak"),
    _("memiliki jaminan layanan kesehatan"),
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
    _("bayi ≤12 bulan mendapat imunisasi dasar lengkap"),
    _("ditimbang di posyandu setiap bulan"),
    _("diukur panjang/tinggi oleh tenaga terlatih minimal 2 kali setahun"),
    _("orang tua/pengasuh mengikuti konseling gizi minimal sebulan sekali"),
    _(
        "anak gizi buruk / gizi kurang / stunting mendapat kunjungan rumah terpadu minimal "
        "sebulan sekali"
    ),
    _("akses air minum aman"),
    _("jamban layak"),
    _("akta kelahiran"),
    _("jaminan layanan kesehatan"),
    _("orang tua/pengasuh mengikuti kelas pengasuhan minimal sebulan sekali"),
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
PAUD_INDICATOR = _("terdaftar dan aktif mengikuti layanan PAUD")

GROUPS = {
    "ibu": _("Ibu hamil"),
    "anak": _("Anak 0–23 bulan"),
    "paud": _("Anak 2–6 tahun"),
}

STAGES = {
    "t1": _("Trimester 1"),
    "t2": _("Trimester 2"),
    "t3": _("Trimester 3"),
    "bersalin": _("Bersalin"),
}

BANDS = {
    "0-5": _("0–<6 bulan"),
    "6-12": _("6–12 bulan"),
    "13-18": _(">12–18 bulan"),
    "19-23": _("19–23 bulan"),
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
