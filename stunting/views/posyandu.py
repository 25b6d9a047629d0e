"""The posyandu day: choose a posyandu and month, then enter every child in one table."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import ngettext

from kelurahan import formguard
from kelurahan.models import Lembaga
from kelurahan.viewhelpers import editor_required

from .. import ages, queries, services
from ..forms import PosyanduChoiceForm, PosyanduFormSet, PosyanduHeaderForm


@login_required
def posyandu_choose(request):
    form = PosyanduChoiceForm(request.GET or None, user=request.user)
    if form.is_bound and form.is_valid():
        month = form.cleaned_data["month"]
        return redirect(
            "stunting:posyandu_day", form.cleaned_data["posyandu"].pk, month.year, month.month
        )
    return render(request, "stunting/posyandu_choose.html", {"form": form})


def _month(year: int, month: int) -> datetime.date:
    try:
        day = datetime.date(year, month, 1)
    except ValueError as exc:
        raise Http404 from exc
    if day > timezone.localdate():
        raise Http404
    return day


def _plain(value: Decimal | None) -> Decimal | None:
    """15.90 -> 15.9 and 70.0 -> 70 for the inputs (still a Decimal, so that an untouched
    row compares equal to what it shows)."""
    if value is None:
        return None
    value = value.normalize()
    return value.quantize(Decimal(1)) if value.as_tuple().exponent > 0 else value


def _initial(children, measurements, records, visit_date) -> list[dict]:
    """Each row as saved (or empty, measured lying under 24 months and standing from 24)."""
    rows = []
    for child in children:
        m, r = measurements.get(child.pk), records.get(child.pk)
        row = {
            "person": child.pk,
            "versi": _row_version(m, r),
            "growth_mat": r.growth_mat if r else "tidak_diukur",
        }
        if m:
            row.update(
                weight_kg=_plain(m.weight_kg),
                height_cm=_plain(m.height_cm),
                oedema=m.oedema,
                recheck_confirmed=m.recheck_confirmed,
                measured_lying=None if m.measured_lying is None else str(int(m.measured_lying)),
            )
        else:
            row.update(_default_position(child, visit_date))
        if r:
            for name in ("counseling_father", "counseling_mother", "parenting_class"):
                row[name] = getattr(r, name)
            row["supplementary_feeding"] = r.supplementary_feeding
            row["breastfeeding"] = bool(r.exclusive_breastfeeding or r.complementary_feeding)
        rows.append(row)
    return rows


def _row_version(measurement, record) -> str:
    """The version of a child's row: its measurement's and its 2B record's."""
    stamps = (formguard.version(x.updated_at) if x else "" for x in (measurement, record))
    return "|".join(stamps)


def _stale_rows(forms, month) -> bool:
    """Lock the changed rows' measurements and 2B records; refuse each row that changed since
    the page was opened (another user saved the same child) and give it the current version."""
    measurements, records = queries.posyandu_month_records(
        [form.child for form in forms], month, lock=True
    )
    stale = False
    for form in forms:
        saved = (measurements.get(form.child.pk), records.get(form.child.pk))
        opened = ((form.cleaned_data.get("versi") or "").split("|") + ["", ""])[:2]
        changed = [
            formguard.conflict_message(row, was, deleted=row is None)
            for row, was in zip(saved, opened, strict=True)
            if (formguard.version(row.updated_at) if row else "") != was
        ]
        if changed:
            form.add_error(None, changed[0])
            formguard.restamp(form, formguard.VERSION_FIELD, _row_version(*saved))
            stale = True
    return stale


def _default_position(child, visit_date) -> dict:
    """Lying (PB) under 24 months, standing (TB) from 24 months, as the guide says."""
    lying = ages.age_months(child.birth_date, visit_date) < 24
    return {"measured_lying": "1" if lying else "0"}


def _recorder_key(posyandu) -> str:
    """The session key of the cadre last chosen as recording at this posyandu: a posyandu day
    is entered page after page by the same cadre."""
    return f"posyandu-{posyandu.pk}-pencatat"


def _forms(request, data, posyandu, month):
    default_day = ages.month_day(month, timezone.localdate())
    initial = {
        "visit_date": default_day,
        "recorded_by": request.session.get(_recorder_key(posyandu)),
    }
    header = PosyanduHeaderForm(data, posyandu=posyandu, month=month, initial=initial)
    formguard.add_token_field(header)  # a double submit saves once
    visit_date = header.cleaned_data["visit_date"] if header.is_valid() else default_day
    children = queries.posyandu_children(posyandu, visit_date)
    measurements, records = queries.posyandu_month_records(children, month)
    formset = PosyanduFormSet(
        data,
        initial=_initial(children, measurements, records, visit_date),
        children=children,
        visit_date=visit_date,
    )
    for form in formset:
        form.saved_measurement = measurements.get(form.child.pk)
    return header, formset


@editor_required
def posyandu_day(request, pk, year, month):
    posyandu = get_object_or_404(
        Lembaga.objects.for_user(request.user).filter(kind=Lembaga.Kind.POSYANDU), pk=pk
    )
    month = _month(year, month)
    data = request.POST if request.method == "POST" else None
    header, formset = _forms(request, data, posyandu, month)
    token = formguard.posted_token(header)
    if earlier := formguard.repeated(request, token):
        return earlier
    if data is not None and header.is_valid() and formset.is_valid():

        def write() -> str | None:
            if _stale_rows(formset.changed_forms(), month):
                return None
            recorder = header.cleaned_data["recorded_by"]
            request.session[_recorder_key(posyandu)] = recorder.pk if recorder else None
            saved.append(
                services.save_posyandu_day(
                    posyandu=posyandu,
                    visit_date=header.cleaned_data["visit_date"],
                    recorded_by=recorder,
                    rows=formset.changed_rows(),
                )
            )
            return reverse("stunting:posyandu_day", args=[pk, year, month.month])

        saved = []
        done = formguard.save_once(
            request,
            write=write,
            message=lambda: (
                ngettext("%(n)d anak disimpan.", "%(n)d anak disimpan.", saved[0]) % {"n": saved[0]}
            ),
            token=token,
        )
        if done is not None:
            return done
    context = {"posyandu": posyandu, "month": month, "header": header, "formset": formset}
    return render(request, "stunting/posyandu_day.html", context)
