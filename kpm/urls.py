from django.urls import path  # noqa: F401

from .views import kader, rapat  # noqa: F401

app_name = "kpm"

# --- kader: cadres, SK, trainings, working relations (issue 3) ---
kader_urlpatterns: list = []

# --- rapat: coordination meetings (issue 4) ---
rapat_urlpatterns: list = []

urlpatterns = [*kader_urlpatterns, *rapat_urlpatterns]
