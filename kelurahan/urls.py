from django.urls import path

from . import views
from .routes import page, resource_paths

app_name = "kelurahan"

urlpatterns = [
    path("", views.dashboard_view, name="dashboard"),
    *resource_paths("lembaga", views, "lembaga"),
    *resource_paths("kelompok", views, "kelompok"),
    *resource_paths("pejabat", views, "official"),
    *resource_paths("rw", views, "rw", detail=False),
    page("opd/", views.opd_list),
]
