"""URLs for the benchmark only: the app's URLs plus a bare page with one query."""

from django.http import HttpResponse
from django.urls import path

from config.urls import urlpatterns as app_urlpatterns

from .models import Kelurahan


def bare_page(request):
    return HttpResponse(f"<p>{Kelurahan.objects.count()}</p>")


urlpatterns = [path("__bench__/bare/", bare_page, name="bench_bare"), *app_urlpatterns]
