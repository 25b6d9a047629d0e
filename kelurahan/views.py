from axes.helpers import get_lockout_response
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from . import dashboard
from .filters import KelompokMasyarakatFilter, LembagaFilter, OfficialFilter
from .forms import (
    GuardedPasswordChangeForm,
    KelompokMasyarakatForm,
    LembagaForm,
    OfficerFormSet,
    OfficialForm,
    RTFormSet,
    RWForm,
)
from .models import (
    OPD,
    RW,
    KelompokMasyarakat,
    Kelurahan,
    Lembaga,
    Official,
    deletion_consequences,
)
from .viewhelpers import (
    edit_form_view,
    editable_record,
    editor_required,
    filtered_list_view,
    paginate,
    record_form_view,
    submitted,
)


@login_required
def dashboard_view(request):
    kelurahan_list = list(Kelurahan.objects.for_user(request.user).select_related("kecamatan"))
    return render(
        request,
        "kelurahan/dashboard.html",
        {
            "kelurahan_list": kelurahan_list,
            "panels": dashboard.build_panels(request.user, kelurahan_list),
        },
    )


def _edit_with_formset(request, form_class, formset_class, *, message, pk=None):
    """Create (no `pk`) or update a record and its inline rows (officers of a lembaga, RT of a
    RW), saved together, in `kelurahan/<model>_form.html`. Deleting a row that other records
    point at is confirmed first."""
    model = form_class._meta.model
    instance = editable_record(request, model, pk)
    data = submitted(request)["data"]
    return edit_form_view(
        request,
        form=form_class(data, instance=instance, user=request.user),
        formsets={"formset": formset_class(data, instance=instance if instance.pk else None)},
        template=f"kelurahan/{model._meta.model_name}_form.html",
        message=message,
        consequences=_deleted_rows_consequences,
    )


def _deleted_rows_consequences(form, formsets) -> list[str]:
    return [
        line
        for formset in formsets.values()
        for row in formset.deleted_forms
        if row.instance.pk
        for line in deletion_consequences(row.instance)
    ]


# --- Lembaga kemasyarakatan -------------------------------------------------------------------


@login_required
def lembaga_list(request):
    return filtered_list_view(request, LembagaFilter)


@login_required
def lembaga_detail(request, pk):
    lembaga = get_object_or_404(
        Lembaga.objects.for_user(request.user).select_related("kelurahan", "rw"), pk=pk
    )
    return render(
        request,
        "kelurahan/lembaga_detail.html",
        {"lembaga": lembaga, "officers": lembaga.officers.all()},
    )


@editor_required
def lembaga_create(request):
    return _edit_with_formset(
        request, LembagaForm, OfficerFormSet, message=_("Lembaga berhasil ditambahkan.")
    )


@editor_required
def lembaga_update(request, pk):
    return _edit_with_formset(
        request, LembagaForm, OfficerFormSet, message=_("Perubahan lembaga disimpan."), pk=pk
    )


# --- Kelompok masyarakat ----------------------------------------------------------------------


@login_required
def kelompok_list(request):
    return filtered_list_view(request, KelompokMasyarakatFilter)


@login_required
def kelompok_detail(request, pk):
    kelompok = get_object_or_404(
        KelompokMasyarakat.objects.for_user(request.user).for_list(), pk=pk
    )
    return render(request, "kelurahan/kelompokmasyarakat_detail.html", {"kelompok": kelompok})


@editor_required
def kelompok_create(request):
    return record_form_view(
        request, KelompokMasyarakatForm, message=_("Kelompok masyarakat berhasil ditambahkan.")
    )


@editor_required
def kelompok_update(request, pk):
    return record_form_view(
        request, KelompokMasyarakatForm, message=_("Perubahan kelompok masyarakat disimpan."), pk=pk
    )


# --- Pejabat dan tokoh --------------------------------------------------------------------------


@login_required
def official_list(request):
    return filtered_list_view(request, OfficialFilter)


@login_required
def official_detail(request, pk):
    official = get_object_or_404(Official.objects.for_user(request.user).for_list(), pk=pk)
    return render(request, "kelurahan/official_detail.html", {"official": official})


@editor_required
def official_create(request):
    return record_form_view(
        request, OfficialForm, message=_("Data pejabat/tokoh berhasil ditambahkan.")
    )


@editor_required
def official_update(request, pk):
    return record_form_view(
        request, OfficialForm, message=_("Perubahan data pejabat/tokoh disimpan."), pk=pk
    )


# --- RW and RT ----------------------------------------------------------------------------------


@login_required
def rw_list(request):
    queryset = (
        RW.objects.for_user(request.user)
        .select_related("kelurahan")
        .prefetch_related("rt_set")
        .with_rt_count()
    )
    return render(request, "kelurahan/rw_list.html", {"page_obj": paginate(request, queryset)})


@editor_required
def rw_create(request):
    return _edit_with_formset(request, RWForm, RTFormSet, message=_("RW berhasil ditambahkan."))


@editor_required
def rw_update(request, pk):
    return _edit_with_formset(
        request, RWForm, RTFormSet, message=_("Perubahan RW disimpan."), pk=pk
    )


# --- OPD (city level, read-only here; admins keep them in the admin site) -------------------------


@login_required
def opd_list(request):
    queryset = OPD.objects.for_user(request.user).select_related("kota", "kecamatan")
    return render(request, "kelurahan/opd_list.html", {"page_obj": paginate(request, queryset)})


class PasswordChangeView(auth_views.PasswordChangeView):
    """Django's password change, where wrong old passwords count as failed logins; once the
    account is locked the session ends and the lockout page is shown."""

    form_class = GuardedPasswordChangeForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "request": self.request}

    def form_invalid(self, form):
        if not form.locked:
            return super().form_invalid(form)
        logout(self.request)
        return get_lockout_response(self.request, credentials=form.credentials)
