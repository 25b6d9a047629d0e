"""Cadre register pages: cadres, their deactivation, and their working relations.

SK and trainings are in `kader_sk.py`; import, export and the printed book in `kader_io.py`.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kelurahan.viewhelpers import (
    bound_form,
    edit_form_view,
    editor_required,
    filtered_page,
    kelurahan_from_request,
    new_for_user,
    submitted,
)

from .. import services
from ..diagram import build_diagram, group_relations
from ..filters import KaderFilter
from ..forms.kader import KaderDeactivateForm, KaderForm, RelasiForm, RelasiViewForm
from ..models import Kader, Relasi
from ..queries import rapat_context_for_kader, tugas_context_for_kader


def _scoped_kader(request, pk):
    return get_object_or_404(Kader.objects.for_user(request.user), pk=pk)


# --- Cadres ---------------------------------------------------------------------------------


@login_required
def kader_list(request):
    queryset = Kader.objects.for_user(request.user).for_list()
    context = filtered_page(request, KaderFilter, queryset)
    context["query"] = request.GET.urlencode()
    return render(request, "kpm/kader_list.html", context)


@login_required
def kader_detail(request, pk):
    kader = get_object_or_404(
        Kader.objects.for_user(request.user)
        .select_related("kelurahan", "origin_lembaga", "rw", "end_sk")
        .with_term(),
        pk=pk,
    )
    relations = list(Relasi.objects.touching(kader).with_partners())
    current = [r for r in relations if r.is_current()]
    return render(
        request,
        "kpm/kader_detail.html",
        {
            "kader": kader,
            "sks": kader.sks.select_related("signatory").order_by("-date"),
            "trainings": kader.pelatihan_set.order_by("-start_date"),
            "relation_groups": group_relations(relations, focus=kader),
            "diagram": build_diagram(current, focus=kader),
            "history": kader.history.select_related("history_user")[:10],
            "show_nik": request.user.sees_full_nik,
            "rapat_for_kader": rapat_context_for_kader(kader, request.user),
            "tugas_for_kader": tugas_context_for_kader(kader),
        },
    )


def _edit_kader(request, *, instance, message):
    return edit_form_view(
        request,
        form=bound_form(request, KaderForm, instance),
        template="kpm/kader_form.html",
        message=message,
    )


@editor_required
def kader_create(request):
    return _edit_kader(
        request,
        instance=new_for_user(Kader, request.user),
        message=_("Kader berhasil ditambahkan."),
    )


@editor_required
def kader_update(request, pk):
    return _edit_kader(
        request, instance=_scoped_kader(request, pk), message=_("Perubahan data kader disimpan.")
    )


@editor_required
def kader_deactivate(request, pk):
    kader = get_object_or_404(Kader.objects.for_user(request.user).filter(is_active=True), pk=pk)

    def deactivate(form) -> Kader:
        return services.deactivate_kader(
            kader=kader,
            ended_on=form.cleaned_data["ended_on"],
            end_sk=form.cleaned_data["end_sk"],
            reason=form.cleaned_data["end_reason"],
        )

    return edit_form_view(
        request,
        form=KaderDeactivateForm(**submitted(request), instance=kader),
        save=deactivate,
        template="kpm/kader_deactivate.html",
        message=_("Kader dinonaktifkan. Riwayatnya tetap tersimpan."),
        context={"kader": kader},
    )


@require_POST
@editor_required
def kader_reactivate(request, pk):
    kader = get_object_or_404(Kader.objects.for_user(request.user).filter(is_active=False), pk=pk)
    try:
        services.reactivate_kader(kader=kader)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Kader diaktifkan kembali."))
    return redirect(kader)


# --- Working relations ------------------------------------------------------------------------


def _edit_relasi(request, *, kader, kind, instance, message):
    return edit_form_view(
        request,
        form=RelasiForm(**submitted(request), instance=instance, kader=kader, partner_kind=kind),
        template="kpm/relasi_form.html",
        message=message,
        success_url=kader,
        context={"kader": kader, "kind": Relasi.PartnerKind(kind)},
    )


@editor_required
def relasi_create(request, pk):
    kader = get_object_or_404(Kader.objects.for_user(request.user).filter(is_active=True), pk=pk)
    kind = request.GET.get("jenis", "")
    if kind not in Relasi.PartnerKind.values:
        kinds = [(k, Relasi.PROPOSED[k]) for k in Relasi.PartnerKind]
        return render(request, "kpm/relasi_kind.html", {"kader": kader, "kinds": kinds})
    return _edit_relasi(
        request,
        kader=kader,
        kind=kind,
        instance=Relasi(kader=kader, partner_kind=kind),
        message=_("Hubungan kerja berhasil ditambahkan."),
    )


@editor_required
def relasi_update(request, pk):
    relasi = get_object_or_404(Relasi.objects.for_user(request.user).select_related("kader"), pk=pk)
    return _edit_relasi(
        request,
        kader=relasi.kader,
        kind=relasi.partner_kind,
        instance=relasi,
        message=_("Perubahan hubungan kerja disimpan."),
    )


@login_required
def relasi_kelurahan(request):
    kelurahan = kelurahan_from_request(request)
    show_all = request.GET.get("semua") == "1"
    relations = Relasi.objects.for_kelurahan(kelurahan).with_partners()
    relations = list(relations if show_all else relations.current())
    return render(
        request,
        "kpm/relasi_kelurahan.html",
        {
            "kelurahan": kelurahan,
            "form": RelasiViewForm(
                request.GET or None, user=request.user, initial={"kelurahan": kelurahan}
            ),
            "show_all": show_all,
            "relation_groups": group_relations(relations),
            "diagram": build_diagram([r for r in relations if r.is_current()]),
        },
    )
