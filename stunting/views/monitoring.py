"""One target's monthly records: measurement, 2A, 2B and 2C, created and corrected."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kelurahan.viewhelpers import editor_required

from .. import services
from ..forms import ChildMonthForm, MeasurementForm, PaudMonthForm, PregnancyMonthForm
from ..models import ChildMonth, Measurement, PaudMonth, Person, Pregnancy, PregnancyMonth
from .common import post_data

TEMPLATE = "stunting/monthly_form.html"


def _person(request, pk) -> Person:
    return get_object_or_404(Person.objects.for_user(request.user).select_related("family"), pk=pk)


def _render_or_save(request, form, *, heading: str, target, message: str):
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, message)
        return redirect(target)
    return render(request, TEMPLATE, {"form": form, "heading": heading, "target": target})


def _today() -> dict:
    return {"initial": {"visit_date": timezone.localdate(), "measured_on": timezone.localdate()}}


@editor_required
def measurement_create(request, person_pk):
    person = _person(request, person_pk)
    instance = Measurement(person=person, kelurahan_id=person.kelurahan_id)
    instance.posyandu = person.family.posyandu
    form = MeasurementForm(post_data(request), instance=instance, user=request.user, **_today())
    return _render_or_save(
        request,
        form,
        heading=_("Catat pengukuran"),
        target=person,
        message=_("Pengukuran disimpan; nilai z dihitung."),
    )


@editor_required
def measurement_update(request, pk):
    measurement = get_object_or_404(
        Measurement.objects.for_user(request.user).select_related("person"), pk=pk
    )
    form = MeasurementForm(post_data(request), instance=measurement, user=request.user)
    return _render_or_save(
        request,
        form,
        heading=_("Ubah pengukuran"),
        target=measurement.person,
        message=_("Pengukuran diubah; nilai z dihitung ulang."),
    )


@editor_required
@require_POST
def measurement_delete(request, pk):
    measurement = get_object_or_404(
        Measurement.objects.for_user(request.user).select_related("person"), pk=pk
    )
    person = measurement.person
    services.delete_measurement(measurement=measurement)
    messages.success(request, _("Pengukuran dihapus."))
    return redirect(person)


@editor_required
def child_month_create(request, person_pk):
    person = _person(request, person_pk)
    instance = ChildMonth(person=person, kelurahan_id=person.kelurahan_id)
    instance.birth_certificate = person.has_birth_certificate
    previous = person.child_months.order_by("-month").first()
    for name in services.CARRIED_OVER:
        if previous is not None:
            setattr(instance, name, getattr(previous, name))
    form = ChildMonthForm(post_data(request), instance=instance, user=request.user, **_today())
    return _render_or_save(
        request,
        form,
        heading=_("Pemantauan bulanan anak 0-23 bulan (formulir 2B)"),
        target=person,
        message=_("Pemantauan 2B disimpan."),
    )


@editor_required
def child_month_update(request, pk):
    record = get_object_or_404(
        ChildMonth.objects.for_user(request.user).select_related("person", "person__family"),
        pk=pk,
    )
    form = ChildMonthForm(post_data(request), instance=record, user=request.user)
    return _render_or_save(
        request,
        form,
        heading=_("Ubah pemantauan 2B"),
        target=record.person,
        message=_("Pemantauan 2B disimpan."),
    )


@editor_required
def paud_month_create(request, person_pk):
    person = _person(request, person_pk)
    instance = PaudMonth(person=person, kelurahan_id=person.kelurahan_id)
    form = PaudMonthForm(post_data(request), instance=instance, user=request.user, **_today())
    return _render_or_save(
        request,
        form,
        heading=_("Pemantauan PAUD anak 2-6 tahun (formulir 2C)"),
        target=person,
        message=_("Pemantauan 2C disimpan."),
    )


@editor_required
def paud_month_update(request, pk):
    record = get_object_or_404(
        PaudMonth.objects.for_user(request.user).select_related("person"), pk=pk
    )
    form = PaudMonthForm(post_data(request), instance=record, user=request.user)
    return _render_or_save(
        request,
        form,
        heading=_("Ubah pemantauan 2C"),
        target=record.person,
        message=_("Pemantauan 2C disimpan."),
    )


@editor_required
def pregnancy_month_create(request, pregnancy_pk):
    pregnancy = get_object_or_404(
        Pregnancy.objects.for_user(request.user).select_related("person"), pk=pregnancy_pk
    )
    instance = PregnancyMonth(pregnancy=pregnancy, kelurahan_id=pregnancy.kelurahan_id)
    previous = pregnancy.months.order_by("-month").first()
    for name in ("safe_water", "proper_latrine", "health_insurance"):
        if previous is not None:
            setattr(instance, name, getattr(previous, name))
    form = PregnancyMonthForm(post_data(request), instance=instance, user=request.user, **_today())
    return _render_or_save(
        request,
        form,
        heading=_("Pemantauan bulanan ibu hamil (formulir 2A)"),
        target=pregnancy,
        message=_("Pemantauan 2A disimpan."),
    )


@editor_required
def pregnancy_month_update(request, pk):
    record = get_object_or_404(
        PregnancyMonth.objects.for_user(request.user).select_related(
            "pregnancy", "pregnancy__person"
        ),
        pk=pk,
    )
    form = PregnancyMonthForm(post_data(request), instance=record, user=request.user)
    return _render_or_save(
        request,
        form,
        heading=_("Ubah pemantauan 2A"),
        target=record.pregnancy,
        message=_("Pemantauan 2A disimpan."),
    )
