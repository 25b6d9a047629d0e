from django.urls import path

from kelurahan.routes import resource_paths

from .views import imports, lists, monitoring, posyandu, targets

app_name = "stunting"

urlpatterns = [
    # The register
    *resource_paths("keluarga", targets, "family"),
    path("keluarga/<int:family_pk>/anak/tambah/", targets.child_create, name="child_create"),
    path("keluarga/<int:family_pk>/anggota/tambah/", targets.adult_create, name="adult_create"),
    path(
        "keluarga/<int:family_pk>/ibu-hamil/tambah/",
        targets.pregnant_woman_create,
        name="pregnant_woman_create",
    ),
    path("anak/", targets.child_list, name="child_list"),
    path("anak/xlsx/", lists.child_list_xlsx, name="child_list_xlsx"),
    path("sasaran/<int:pk>/", targets.person_detail, name="person_detail"),
    path("sasaran/<int:pk>/ubah/", targets.person_update, name="person_update"),
    path(
        "sasaran/<int:person_pk>/kehamilan/tambah/",
        targets.pregnancy_create,
        name="pregnancy_create",
    ),
    path("ibu-hamil/", targets.pregnancy_list, name="pregnancy_list"),
    path("ibu-hamil/xlsx/", lists.pregnancy_list_xlsx, name="pregnancy_list_xlsx"),
    path("kehamilan/<int:pk>/", targets.pregnancy_detail, name="pregnancy_detail"),
    path("kehamilan/<int:pk>/ubah/", targets.pregnancy_update, name="pregnancy_update"),
    # Monthly monitoring of one target
    path(
        "sasaran/<int:person_pk>/pengukuran/tambah/",
        monitoring.measurement_create,
        name="measurement_create",
    ),
    path("pengukuran/<int:pk>/ubah/", monitoring.measurement_update, name="measurement_update"),
    path("pengukuran/<int:pk>/hapus/", monitoring.measurement_delete, name="measurement_delete"),
    path(
        "sasaran/<int:person_pk>/2b/tambah/",
        monitoring.child_month_create,
        name="child_month_create",
    ),
    path("2b/<int:pk>/ubah/", monitoring.child_month_update, name="child_month_update"),
    path(
        "sasaran/<int:person_pk>/2c/tambah/",
        monitoring.paud_month_create,
        name="paud_month_create",
    ),
    path("2c/<int:pk>/ubah/", monitoring.paud_month_update, name="paud_month_update"),
    path(
        "kehamilan/<int:pregnancy_pk>/2a/tambah/",
        monitoring.pregnancy_month_create,
        name="pregnancy_month_create",
    ),
    path("2a/<int:pk>/ubah/", monitoring.pregnancy_month_update, name="pregnancy_month_update"),
    # Posyandu day
    path("posyandu/", posyandu.posyandu_choose, name="posyandu_choose"),
    path(
        "posyandu/<int:pk>/<int:year>/<int:month>/",
        posyandu.posyandu_day,
        name="posyandu_day",
    ),
    # The lists a kelurahan acts on
    path("daftar/", lists.lists_index, name="lists_index"),
    path("daftar/<slug:slug>/", lists.action_list, name="action_list"),
    path("daftar/<slug:slug>/xlsx/", lists.action_list_xlsx, name="action_list_xlsx"),
    # Excel imports
    path("impor/", imports.import_index, name="import_index"),
    path("impor/<slug:slug>/", imports.import_upload, name="import_upload"),
    path("impor/<slug:slug>/templat/", imports.import_template, name="import_template"),
]
