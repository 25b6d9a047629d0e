from django.urls import path  # noqa: F401

from .views import kader, rapat  # noqa: F401

app_name = "kpm"

# --- kader: cadres, SK, trainings, working relations (issue 3) ---
from .views import kader_io, kader_sk  # noqa: E402

kader_urlpatterns: list = [
    path("kader/", kader.kader_list, name="kader_list"),
    path("kader/tambah/", kader.kader_create, name="kader_create"),
    path("kader/<int:pk>/", kader.kader_detail, name="kader_detail"),
    path("kader/<int:pk>/ubah/", kader.kader_update, name="kader_update"),
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
    path("sk/", kader_sk.sk_list, name="sk_list"),
    path("sk/tambah/", kader_sk.sk_create, name="sk_create"),
    path("sk/<int:pk>/", kader_sk.sk_detail, name="sk_detail"),
    path("sk/<int:pk>/ubah/", kader_sk.sk_update, name="sk_update"),
    path("sk/<int:pk>/berkas.pdf", kader_sk.sk_scan, name="sk_scan"),
    path("pelatihan/", kader_sk.pelatihan_list, name="pelatihan_list"),
    path("pelatihan/tambah/", kader_sk.pelatihan_create, name="pelatihan_create"),
    path("pelatihan/<int:pk>/", kader_sk.pelatihan_detail, name="pelatihan_detail"),
    path("pelatihan/<int:pk>/ubah/", kader_sk.pelatihan_update, name="pelatihan_update"),
]

# --- rapat: coordination meetings (issue 4) ---
rapat_urlpatterns: list = []

urlpatterns = [*kader_urlpatterns, *rapat_urlpatterns]
