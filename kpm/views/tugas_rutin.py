"""Monthly task templates (tugas rutin) and this month's tasks made from them (once per month:
`generate_monthly_tasks`; the `generate_tasks` command does the same from a monthly cron)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kelurahan import dates
from kelurahan.viewhelpers import (
    bound_form,
    edit_form_view,
    editable_record,
    editor_required,
    paginate,
)

from ..forms.tugas_rutin import TugasRutinForm
from ..models import TugasRutin
from ..services_tugas import generate_monthly_tasks, missing_monthly_tasks


@login_required
def tugas_rutin_list(request):
    month = dates.this_month()
    queryset = TugasRutin.objects.for_user(request.user).for_list().order_by("title", "pk")
    user = request.user
    missing = (
        missing_monthly_tasks(month=month, kelurahan=user.kelurahan) if user.kelurahan_id else 0
    )
    context = {"page_obj": paginate(request, queryset), "month": month, "missing": missing}
    return render(request, "kpm/tugas_rutin_list.html", context)


def _edit(request, pk=None, *, message: str):
    instance = editable_record(request, TugasRutin, pk)
    initial = {"start_month": dates.this_month()} if pk is None else None
    return edit_form_view(
        request,
        form=bound_form(request, TugasRutinForm, instance, initial=initial),
        template="kpm/tugas_rutin_form.html",
        message=message,
        success_url=reverse("kpm:tugas_rutin_list"),
    )


@editor_required
def tugas_rutin_create(request):
    return _edit(request, message=_("Tugas rutin berhasil dibuat."))


@editor_required
def tugas_rutin_update(request, pk):
    return _edit(request, pk, message=_("Perubahan tugas rutin disimpan."))


@editor_required
@require_POST
def tugas_rutin_generate(request):
    """This month's task of every running template of the user's kelurahan (an admin: of every
    kelurahan) that has none yet."""
    month = dates.this_month()
    kelurahan = request.user.kelurahan if request.user.kelurahan_id else None
    made = generate_monthly_tasks(month=month, kelurahan=kelurahan)
    label = date_format(month, "F Y")
    if made:
        messages.success(
            request, _("%(count)d tugas bulan %(month)s dibuat.") % {"count": made, "month": label}
        )
    else:
        messages.info(
            request, _("Tugas rutin bulan %(month)s sudah dibuat semua.") % {"month": label}
        )
    return redirect("kpm:tugas_rutin_list")
