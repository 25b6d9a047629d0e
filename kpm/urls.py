from django.urls import path  # noqa: F401

from kelurahan.routes import resource_paths

from .views import kader, rapat  # noqa: F401

app_name = "kpm"

# --- kader: cadres, SK, trainings, working relations (issue 3) ---
from .views import kader_io, kader_sk  # noqa: E402

kader_urlpatterns: list = [
    *resource_paths("kader", kader, "kader"),
    path("kader/<int:pk>/nonaktifkan/", kader.kader_deactivate, name="kader_deactivate"),
    path("kader/<int:pk>/aktifkan/", kader.kader_reactivate, name="kader_reactivate"),
    path("kader/<int:pk>/relasi/tambah/", kader.relasi_create, name="relasi_create"),
    path("kader/ekspor.xlsx", kader_io.kader_export, name="kader_export"),
    path("kader/buku-kader.pdf", kader_io.kader_book_pdf, name="kader_book_pdf"),
    path("kader/impor/", kader_io.kader_import, name="kader_import"),
    path("kader/impor/simpan/", kader_io.kader_import_confirm, name="kader_import_confirm"),
    path("kader/impor/templat.xlsx", kader_io.kader_import_template, name="kader_import_template"),
    path("relasi/", kader.relasi_kelurahan, name="relasi_kelurahan"),
    path("relasi/<int:pk>/ubah/", kader.relasi_update, name="relasi_update"),
    *resource_paths("sk", kader_sk, "sk"),
    path("sk/<int:pk>/berkas.pdf", kader_sk.sk_scan, name="sk_scan"),
    *resource_paths("pelatihan", kader_sk, "pelatihan"),
]

# --- rapat: coordination meetings (issue 4) ---
from .views import rapat_notulen, rapat_pdf, rapat_peserta  # noqa: E402

rapat_urlpatterns: list = [
    *resource_paths("rapat", rapat, "rapat"),
    path("rapat/kalender/", rapat.rapat_calendar, name="rapat_calendar"),
    path("rapat/<int:pk>/batalkan/", rapat.rapat_cancel, name="rapat_cancel"),
    path("rapat/<int:pk>/undangan/", rapat_peserta.rapat_invitees, name="rapat_invitees"),
    path(
        "rapat/<int:pk>/undangan/kader/",
        rapat_peserta.rapat_invite_kader,
        name="rapat_invite_kader",
    ),
    path(
        "rapat/<int:pk>/undangan/pejabat/",
        rapat_peserta.rapat_invite_official,
        name="rapat_invite_official",
    ),
    path(
        "rapat/<int:pk>/undangan/lembaga/",
        rapat_peserta.rapat_invite_lembaga,
        name="rapat_invite_lembaga",
    ),
    path(
        "rapat/<int:pk>/undangan/tamu/",
        rapat_peserta.rapat_invite_guest,
        name="rapat_invite_guest",
    ),
    path(
        "rapat/<int:pk>/undangan/<int:peserta_pk>/hapus/",
        rapat_peserta.rapat_uninvite,
        name="rapat_uninvite",
    ),
    path("rapat/<int:pk>/presensi/", rapat_peserta.rapat_attendance, name="rapat_attendance"),
    path(
        "rapat/<int:pk>/presensi/<int:peserta_pk>/",
        rapat_peserta.rapat_mark,
        name="rapat_mark",
    ),
    path("rapat/<int:pk>/presensi/tamu/", rapat_peserta.rapat_walk_in, name="rapat_walk_in"),
    path("rapat/<int:pk>/notulen/", rapat_notulen.rapat_minutes, name="rapat_minutes"),
    path(
        "rapat/<int:pk>/tindak-lanjut/",
        rapat_notulen.rapat_followups,
        name="rapat_followups",
    ),
    path("rapat/<int:pk>/foto/", rapat_notulen.rapat_photo_add, name="rapat_photo_add"),
    path(
        "rapat/<int:pk>/foto/<int:foto_pk>/hapus/",
        rapat_notulen.rapat_photo_delete,
        name="rapat_photo_delete",
    ),
    path(
        "rapat/<int:pk>/foto/<int:foto_pk>/<str:size>/",
        rapat_notulen.rapat_photo,
        name="rapat_photo",
    ),
    path(
        "rapat/<int:pk>/undangan.pdf",
        rapat_pdf.rapat_pdf_invitation,
        name="rapat_pdf_invitation",
    ),
    path(
        "rapat/<int:pk>/daftar-hadir.pdf",
        rapat_pdf.rapat_pdf_attendance,
        name="rapat_pdf_attendance",
    ),
    path("rapat/<int:pk>/notulen.pdf", rapat_pdf.rapat_pdf_minutes, name="rapat_pdf_minutes"),
    path(
        "rapat/tindak-lanjut/",
        rapat_notulen.rapat_followup_list,
        name="rapat_followup_list",
    ),
    path(
        "rapat/tindak-lanjut/<int:pk>/",
        rapat_notulen.rapat_followup_update,
        name="rapat_followup_update",
    ),
]

urlpatterns = [*kader_urlpatterns, *rapat_urlpatterns]
