"""One target's monthly records: measurement, 2A, 2B and 2C, created and corrected.

The forms check; the views save through `stunting.services`, which compute the month, the age
at the visit, the stage and the z-scores, and carry the household facts over to a new month.
"""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kelurahan.dates import this_month
from kelurahan.viewhelpers import bound_form, edit_form_view, editor_required

from .. import services
from ..forms import ChildMonthForm, MeasurementForm, PaudMonthForm, PregnancyMonthForm
from ..models import ChildMonth, Measurement, PaudMonth, Person, Pregnancy, PregnancyMonth

TEMPLATE = "stunting/monthly_form.html"


def _person(request, pk) -> Person:
    return get_object_or_404(Person.objects.for_user(request.user).select_related("family"), pk=pk)


def _monthly(request, form_class, record, *, save, heading: str, target, message: str):
    """The form of one monthly record of `target`, bound on POST; a new record's visit date
    starts at today."""
    today = timezone.localdate()
    initial = None if record.pk else {"visit_date": today, "measured_on": today}
    return edit_form_view(
        request,
        form=bound_form(request, form_class, record, initial=initial),
        save=save,
        template=TEMPLATE,
        message=message,
        success_url=target,
        context={"heading": heading, "target": target},
    )


def _save_measurement(form) -> Measurement:
    return services.save_measurement(measurement=form.instance)


def _save_child_month(form) -> ChildMonth:
    return services.save_child_month(record=form.instance, measurement=form.measurement_input())


def _save_paud_month(form) -> PaudMonth:
    return services.save_paud_month(record=form.instance)


def _save_pregnancy_month(form) -> PregnancyMonth:
    return services.save_pregnancy_month(
        record=form.instance, delivered_on=form.cleaned_data.get("delivered_on")
    )


@editor_required
def measurement_create(request, person_pk):
    person = _person(request, person_pk)
    instance = Measurement(
        person=person, kelurahan_id=person.kelurahan_id, posyandu=person.family.posyandu
    )
    return _monthly(
        request,
        MeasurementForm,
        instance,
        save=_save_measurement,
        heading=_("Catat pengukuran"),
        target=person,
        message=_("Pengukuran disimpan; nilai z dihitung."),
    )


@editor_required
def measurement_update(request, pk):
    measurement = get_object_or_404(
        Measurement.objects.for_user(request.user).select_related("person"), pk=pk
    )
    return _monthly(
        request,
        MeasurementForm,
        measurement,
        save=_save_measurement,
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
    instance = services.start_child_month(person, month=this_month())
    return _monthly(
        request,
        ChildMonthForm,
        instance,
        save=_save_child_month,
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
    return _monthly(
        request,
        ChildMonthForm,
        record,
        save=_save_child_month,
        heading=_("Ubah pemantauan 2B"),
        target=record.person,
        message=_("Pemantauan 2B disimpan."),
    )


@editor_required
def paud_month_create(request, person_pk):
    person = _person(request, person_pk)
    instance = PaudMonth(person=person, kelurahan_id=person.kelurahan_id)
    return _monthly(
        request,
        PaudMonthForm,
        instance,
        save=_save_paud_month,
        heading=_("Pemantauan PAUD anak 2-6 tahun (formulir 2C)"),
        target=person,
        message=_("Pemantauan 2C disimpan."),
    )


@editor_required
def paud_month_update(request, pk):
    record = get_object_or_404(
        PaudMonth.objects.for_user(request.user).select_related("person"), pk=pk
    )
    return _monthly(
        request,
        PaudMonthForm,
        record,
        save=_save_paud_month,
        heading=_("Ubah pemantauan 2C"),
        target=record.person,
        message=_("Pemantauan 2C disimpan."),
    )


@editor_required
def pregnancy_month_create(request, pregnancy_pk):
    pregnancy = get_object_or_404(
        Pregnancy.objects.for_user(request.user).select_related("person"), pk=pregnancy_pk
    )
    instance = services.start_pregnancy_month(pregnancy, month=this_month())
    return _monthly(
        request,
        PregnancyMonthForm,
        instance,
        save=_save_pregnancy_month,
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
    return _monthly(
        request,
        PregnancyMonthForm,
        record,
        save=_save_pregnancy_month,
        heading=_("Ubah pemantauan 2A"),
        target=record.pregnancy,
        message=_("Pemantauan 2A disimpan."),
    )
