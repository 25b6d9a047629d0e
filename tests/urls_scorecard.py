"""The project's URLs, plus a stand-in for the scorecard page (`stunting:scorecard_page` at
`stunting/skor/`) while the branch that builds it is not merged: the validation views redirect
there. Once the real page exists, this adds nothing and the real one answers."""

from django.http import HttpResponse
from django.urls import URLResolver, include, path

import stunting.urls
from config import urls as project_urls


def _scorecard_stand_in(request):
    return HttpResponse("scorecard")


_stunting = list(stunting.urls.urlpatterns)
if "scorecard_page" not in {getattr(p, "name", None) for p in _stunting}:
    _stunting.append(path("skor/", _scorecard_stand_in, name="scorecard_page"))

urlpatterns = [
    path("stunting/", include((_stunting, "stunting")))
    if isinstance(p, URLResolver) and p.app_name == "stunting"
    else p
    for p in project_urls.urlpatterns
]
