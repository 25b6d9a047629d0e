"""URLs for the benchmark only: a bare page with one query, then every URL of the app."""

from django.http import HttpResponse
from django.urls import include, path

from .models import Kelurahan


def bare_page(request):
    return HttpResponse(f"<p>{Kelurahan.objects.count()}</p>")


# The project's URLconf is named by string so that this app does not import `config`.
urlpatterns = [
    path("__bench__/bare/", bare_page, name="bench_bare"),
    path("", include("config.urls")),
]
