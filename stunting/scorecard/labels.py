"""The printed wording of the Scorecard Konvergensi (Format 4, shared/DESIGN.md §2): the rows
of table 1 and the 19 indicators of table 3, numbered as on the form."""

from django.utils.translation import gettext_lazy as _

TABLE1 = (
    ("rumah_tangga", _("Rumah tangga 1000 HPK")),
    ("ibu_hamil", _("Ibu hamil")),
    ("ibu_hamil_kek_risti", _("Ibu hamil KEK/risiko tinggi")),
    ("anak_0_23", _("Anak 0-23 bulan")),
    ("gizi_kurang", _("Anak gizi kurang")),
    ("gizi_buruk", _("Anak gizi buruk")),
    ("stunting", _("Anak stunting")),
)

IBU_INDICATORS = (
    _("Ibu hamil periksa kehamilan paling sedikit 4 kali selama kehamilan"),
    _("Ibu hamil mendapat dan minum tablet tambah darah minimal 90 hari"),
    _("Ibu bersalin mendapat layanan nifas oleh nakes minimal 3 kali"),
    _("Ibu hamil mengikuti konseling gizi atau kelas ibu hamil minimal 4 kali"),
    _(
        "Ibu hamil risiko tinggi dan/atau KEK mendapat kunjungan rumah terpadu minimal "
        "1 bulan sekali"
    ),
    _("Rumah tangga ibu hamil memiliki akses air minum aman"),
    _("Rumah tangga ibu hamil memiliki jamban keluarga layak"),
    _("Ibu hamil memiliki jaminan layanan kesehatan"),
)

ANAK_INDICATORS = (
    _("Bayi usia ≤12 bulan mendapat imunisasi dasar lengkap"),
    _("Anak 0-23 bulan ditimbang di posyandu setiap bulan"),
    _("Anak 0-23 bulan diukur panjang/tinggi badan oleh tenaga terlatih minimal 2 kali setahun"),
    _("Orang tua/pengasuh anak 0-23 bulan mengikuti konseling gizi minimal sebulan sekali"),
    _(
        "Anak gizi buruk, gizi kurang dan stunting mendapat kunjungan rumah terpadu minimal "
        "sebulan sekali"
    ),
    _("Rumah tangga anak 0-23 bulan memiliki akses air minum aman"),
    _("Rumah tangga anak 0-23 bulan memiliki jamban layak"),
    _("Anak 0-23 bulan memiliki akta kelahiran"),
    _("Anak 0-23 bulan memiliki jaminan layanan kesehatan"),
    _("Orang tua/pengasuh anak 0-23 bulan mengikuti kelas pengasuhan minimal sebulan sekali"),
)

PAUD_INDICATOR = _("Anak usia 2-6 tahun terdaftar dan aktif mengikuti layanan PAUD")
