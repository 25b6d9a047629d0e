from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from . import dashboard
from .filters import KelompokMasyarakatFilter, LembagaFilter, OfficialFilter
from .forms import (
    KelompokMasyarakatForm,
    LembagaForm,
    OfficerFormSet,
    OfficialForm,
    RTFormSet,
    RWForm,
)
from .models import OPD, RW, KelompokMasyarakat, Kelurahan, Lembaga, Official
from .viewhelpers import edit_form_view, editor_required, filtered_page, new_for_user, paginate


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


def _save_with_formset(request, *, form, formset, message):
    """Save a parent form and its inline formset together, or neither."""
    with transaction.atomic():
        obj = form.save()
        formset.instance = obj
        formset.save()
    messages.success(request, message)
    return redirect(obj)


def _edit_with_formset(request, *, form_class, formset_class, instance, template, message):
    data = request.POST if request.method == "POST" else None
    form = form_class(data, instance=instance, user=request.user)
    formset = formset_class(data, instance=instance if instance.pk else None)
    if data is not None and form.is_valid() and formset.is_valid():
        return _save_with_formset(request, form=form, formset=formset, message=message)
    return render(request, template, {"form": form, "formset": formset, "object": instance})


# --- Lembaga kemasyarakatan -------------------------------------------------------------------


@login_required
def lembaga_list(request):
    queryset = Lembaga.objects.for_user(request.user).for_list()
    return render(
        request, "kelurahan/lembaga_list.html", filtered_page(request, LembagaFilter, queryset)
    )


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
        request,
        form_class=LembagaForm,
        formset_class=OfficerFormSet,
        instance=new_for_user(Lembaga, request.user),
        template="kelurahan/lembaga_form.html",
        message=_("Lembaga berhasil ditambahkan."),
    )


@editor_required
def lembaga_update(request, pk):
    return _edit_with_formset(
        request,
        form_class=LembagaForm,
        formset_class=OfficerFormSet,
        instance=get_object_or_404(Lembaga.objects.for_user(request.user), pk=pk),
        template="kelurahan/lembaga_form.html",
        message=_("Perubahan lembaga disimpan."),
    )


# --- Kelompok masyarakat ----------------------------------------------------------------------


@login_required
def kelompok_list(request):
    queryset = KelompokMasyarakat.objects.for_user(request.user).for_list()
    return render(
        request,
        "kelurahan/kelompokmasyarakat_list.html",
        filtered_page(request, KelompokMasyarakatFilter, queryset),
    )


@login_required
def kelompok_detail(request, pk):
    kelompok = get_object_or_404(
        KelompokMasyarakat.objects.for_user(request.user).for_list(), pk=pk
    )
    return render(request, "kelurahan/kelompokmasyarakat_detail.html", {"kelompok": kelompok})


@editor_required
def kelompok_create(request):
    return edit_form_view(
        request,
        form_class=KelompokMasyarakatForm,
        instance=new_for_user(KelompokMasyarakat, request.user),
        template="kelurahan/kelompokmasyarakat_form.html",
        message=_("Kelompok masyarakat berhasil ditambahkan."),
    )


@editor_required
def kelompok_update(request, pk):
    return edit_form_view(
        request,
        form_class=KelompokMasyarakatForm,
        instance=get_object_or_404(KelompokMasyarakat.objects.for_user(request.user), pk=pk),
        template="kelurahan/kelompokmasyarakat_form.html",
        message=_("Perubahan kelompok masyarakat disimpan."),
    )


# --- Pejabat dan tokoh --------------------------------------------------------------------------


@login_required
def official_list(request):
    queryset = Official.objects.for_user(request.user).for_list()
    return render(
        request, "kelurahan/official_list.html", filtered_page(request, OfficialFilter, queryset)
    )


@login_required
def official_detail(request, pk):
    official = get_object_or_404(Official.objects.for_user(request.user).for_list(), pk=pk)
    return render(request, "kelurahan/official_detail.html", {"official": official})


@editor_required
def official_create(request):
    return edit_form_view(
        request,
        form_class=OfficialForm,
        instance=new_for_user(Official, request.user),
        template="kelurahan/official_form.html",
        message=_("Data pejabat/tokoh berhasil ditambahkan."),
    )


@editor_required
def official_update(request, pk):
    return edit_form_view(
        request,
        form_class=OfficialForm,
        instance=get_object_or_404(Official.objects.for_user(request.user), pk=pk),
        template="kelurahan/official_form.html",
        message=_("Perubahan data pejabat/tokoh disimpan."),
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
    return _edit_with_formset(
        request,
        form_class=RWForm,
        formset_class=RTFormSet,
        instance=new_for_user(RW, request.user),
        template="kelurahan/rw_form.html",
        message=_("RW berhasil ditambahkan."),
    )


@editor_required
def rw_update(request, pk):
    return _edit_with_formset(
        request,
        form_class=RWForm,
        formset_class=RTFormSet,
        instance=get_object_or_404(RW.objects.for_user(request.user), pk=pk),
        template="kelurahan/rw_form.html",
        message=_("Perubahan RW disimpan."),
    )


# --- OPD (city level, read-only here; admins keep them in the admin site) -------------------------


@login_required
def opd_list(request):
    queryset = OPD.objects.for_user(request.user).select_related("kota", "kecamatan")
    return render(request, "kelurahan/opd_list.html", {"page_obj": paginate(request, queryset)})
