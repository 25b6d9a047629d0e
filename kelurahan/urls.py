from django.urls import path

from . import views

app_name = "kelurahan"

urlpatterns = [
    path("", views.dashboard_view, name="dashboard"),
    path("lembaga/", views.lembaga_list, name="lembaga_list"),
    path("lembaga/tambah/", views.lembaga_create, name="lembaga_create"),
    path("lembaga/<int:pk>/", views.lembaga_detail, name="lembaga_detail"),
    path("lembaga/<int:pk>/ubah/", views.lembaga_update, name="lembaga_update"),
    path("kelompok/", views.kelompok_list, name="kelompok_list"),
    path("kelompok/tambah/", views.kelompok_create, name="kelompok_create"),
    path("kelompok/<int:pk>/", views.kelompok_detail, name="kelompok_detail"),
    path("kelompok/<int:pk>/ubah/", views.kelompok_update, name="kelompok_update"),
    path("pejabat/", views.official_list, name="official_list"),
    path("pejabat/tambah/", views.official_create, name="official_create"),
    path("pejabat/<int:pk>/", views.official_detail, name="official_detail"),
    path("pejabat/<int:pk>/ubah/", views.official_update, name="official_update"),
    path("rw/", views.rw_list, name="rw_list"),
    path("rw/tambah/", views.rw_create, name="rw_create"),
    path("rw/<int:pk>/ubah/", views.rw_update, name="rw_update"),
    path("opd/", views.opd_list, name="opd_list"),
]
