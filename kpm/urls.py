from kelurahan.routes import page, resource_paths

from .views import (
    anggaran,
    anggaran_report,
    kader,
    kader_io,
    kader_sk,
    peralatan,
    program,
    rapat,
    rapat_notulen,
    rapat_pdf,
    rapat_peserta,
    realisasi,
    tugas,
    tugas_board,
    tugas_rutin,
)

app_name = "kpm"

# --- kader: cadres, SK, trainings, working relations (issue 3) ---
kader_urlpatterns: list = [
    *resource_paths("kader", kader, "kader"),
    page("kader/<int:pk>/nonaktifkan/", kader.kader_deactivate),
    page("kader/<int:pk>/aktifkan/", kader.kader_reactivate),
    page("kader/<int:pk>/relasi/tambah/", kader.relasi_create),
    page("kader/ekspor.xlsx", kader_io.kader_export),
    page("kader/buku-kader.pdf", kader_io.kader_book_pdf),
    page("kader/impor/", kader_io.kader_import),
    page("kader/impor/simpan/", kader_io.kader_import_confirm),
    page("kader/impor/templat.xlsx", kader_io.kader_import_template),
    page("relasi/", kader.relasi_kelurahan),
    page("relasi/<int:pk>/ubah/", kader.relasi_update),
    *resource_paths("sk", kader_sk, "sk"),
    page("sk/<int:pk>/berkas.pdf", kader_sk.sk_scan),
    page("sk/<int:pk>/sk.pdf", kader_sk.sk_pdf),
    page("sk/<int:pk>/tandatangani/", kader_sk.sk_sign),
    page("sk/<int:pk>/batalkan-tanda-tangan/", kader_sk.sk_unsign),
    *resource_paths("pelatihan", kader_sk, "pelatihan"),
]

# --- rapat: coordination meetings (issue 4) ---
rapat_urlpatterns: list = [
    *resource_paths("rapat", rapat, "rapat"),
    page("rapat/kalender/", rapat.rapat_calendar),
    page("rapat/<int:pk>/batalkan/", rapat.rapat_cancel),
    page("rapat/<int:pk>/tandatangani/", rapat.rapat_sign),
    page("rapat/<int:pk>/batalkan-tanda-tangan/", rapat.rapat_unsign),
    page("rapat/<int:pk>/undangan/", rapat_peserta.rapat_invitees),
    page("rapat/<int:pk>/undangan/kader/", rapat_peserta.rapat_invite_kader),
    page("rapat/<int:pk>/undangan/pejabat/", rapat_peserta.rapat_invite_official),
    page("rapat/<int:pk>/undangan/lembaga/", rapat_peserta.rapat_invite_lembaga),
    page("rapat/<int:pk>/undangan/tamu/", rapat_peserta.rapat_invite_guest),
    page("rapat/<int:pk>/undangan/<int:peserta_pk>/hapus/", rapat_peserta.rapat_uninvite),
    page("rapat/<int:pk>/presensi/", rapat_peserta.rapat_attendance),
    page("rapat/<int:pk>/presensi/<int:peserta_pk>/", rapat_peserta.rapat_mark),
    page("rapat/<int:pk>/presensi/tamu/", rapat_peserta.rapat_walk_in),
    page("rapat/<int:pk>/notulen/", rapat_notulen.rapat_minutes),
    page("rapat/<int:pk>/tindak-lanjut/", rapat_notulen.rapat_followups),
    page("rapat/<int:pk>/foto/", rapat_notulen.rapat_photo_add),
    page("rapat/<int:pk>/foto/<int:foto_pk>/hapus/", rapat_notulen.rapat_photo_delete),
    page("rapat/<int:pk>/foto/<int:foto_pk>/<str:size>/", rapat_notulen.rapat_photo),
    page("rapat/<int:pk>/undangan.pdf", rapat_pdf.rapat_pdf_invitation),
    page("rapat/<int:pk>/daftar-hadir.pdf", rapat_pdf.rapat_pdf_attendance),
    page("rapat/<int:pk>/notulen.pdf", rapat_pdf.rapat_pdf_minutes),
    page("rapat/tindak-lanjut/", rapat_notulen.rapat_followup_list),
    page("rapat/tindak-lanjut/<int:pk>/", rapat_notulen.rapat_followup_update),
]

# --- program and tugas: empowerment programmes and KPM tasks (issue 12) ---
tugas_urlpatterns: list = [
    *resource_paths("program", program, "program"),
    page("program/<int:pk>/tahap/", program.program_stage),
    page("tugas/papan/", tugas_board.tugas_board),
    page("tugas/kalender/", tugas_board.tugas_calendar),
    page("tugas/ekspor.xlsx", tugas_board.tugas_export),
    *resource_paths("tugas/rutin", tugas_rutin, "tugas_rutin", detail=False),
    page("tugas/rutin/buat-bulan-ini/", tugas_rutin.tugas_rutin_generate),
    *resource_paths("tugas", tugas, "tugas"),
    page("tugas/<int:pk>/status/", tugas.tugas_status),
    page("tugas/<int:pk>/catatan/", tugas.tugas_note),
    page("tugas/<int:pk>/catatan/<int:note_pk>/<str:size>/", tugas.tugas_note_file),
    page("rapat/tindak-lanjut/<int:pk>/jadikan-tugas/", tugas.tugas_from_followup),
]

# --- anggaran: operational financing and equipment (issue 13) ---
anggaran_urlpatterns: list = [
    page("anggaran/", anggaran.anggaran_index),
    page("anggaran/sumber/tambah/", anggaran.anggaran_source_create),
    page("anggaran/sumber/<int:pk>/ubah/", anggaran.anggaran_source_update),
    page("anggaran/pos/tambah/", anggaran.anggaran_line_create),
    page("anggaran/pos/<int:pk>/", anggaran.anggaran_line_detail),
    page("anggaran/pos/<int:pk>/ubah/", anggaran.anggaran_line_update),
    page("anggaran/laporan/", anggaran_report.anggaran_report),
    page("anggaran/laporan.pdf", anggaran_report.anggaran_report_pdf),
    page("anggaran/laporan.xlsx", anggaran_report.anggaran_report_xlsx),
    page("anggaran/kecamatan/", anggaran_report.anggaran_kecamatan),
    *resource_paths("realisasi", realisasi, "realisasi"),
    page("realisasi/<int:pk>/setujui/", realisasi.realisasi_approve),
    page("realisasi/<int:pk>/konfirmasi/", realisasi.realisasi_confirm),
    page("realisasi/<int:pk>/koreksi/", realisasi.realisasi_reverse),
    page("realisasi/<int:pk>/kuitansi/<str:size>/", realisasi.realisasi_receipt),
    *resource_paths("peralatan", peralatan, "peralatan", detail=False),
    page("peralatan/ekspor.xlsx", peralatan.peralatan_export),
    page("peralatan/<int:pk>/diperiksa/", peralatan.peralatan_checked),
]

urlpatterns = [*kader_urlpatterns, *rapat_urlpatterns, *tugas_urlpatterns, *anggaran_urlpatterns]
