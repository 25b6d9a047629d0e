"""The team's scores and community outcomes, as a team (never individual pay)."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from kelurahan.forms import KelurahanChoiceForm
from kelurahan.viewhelpers import kelurahan_from_request

from ..incentive.team import team_periods


@login_required
def incentive_team(request):
    kelurahan = kelurahan_from_request(request)
    choice = None
    if not request.user.kelurahan_id:
        choice = KelurahanChoiceForm(user=request.user, current=kelurahan)
    context = {"kelurahan": kelurahan, "rows": team_periods(kelurahan.pk), "choice": choice}
    return render(request, "stunting/incentive_team.html", context)
