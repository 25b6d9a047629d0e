"""Referrals of targets to OPD: list, form, page with its steps, letter, figures per OPD and
the recap per kelurahan and per OPD.

Read-only roles (kasi kesra, kecamatan) read every page; petugas and lurah make referrals and
record their steps; the lurah signs the letter in the app (until then its PDF says DRAF).
Another kelurahan's referral, target or (for an OPD page) city is a 404.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kelurahan import formguard
from kelurahan.models import OPD, Kelurahan
from kelurahan.params import parse_id
from kelurahan.pdf import letterhead_context, render_pdf
from kelurahan.signing import signing_context, signing_views
from kelurahan.validators import nik_for
from kelurahan.viewhelpers import (
    bound_form,
    edit_form_view,
    editor_required,
    filtered_page,
    indonesian,
)

from ..filters_referral import OPDReferralFilter, ReferralFilter
from ..forms.referral import ReferralForm, ReferralPeriodForm, ReferralStepForm
from ..models import Person, Referral
from ..referral_figures import figures_per, total_figures
from ..referrals import advance_referral, create_referral


def _visible(request, pk) -> Referral:
    queryset = Referral.objects.for_user(request.user).select_related(
        "person__family__rt__rw",
        "person__family__rw",
        "person__last_measurement",
        "kelurahan__kecamatan__kota",
        "opd",
        "kader",
        "created_by",
    )
    return get_object_or_404(queryset, pk=pk)


@login_required
def referral_list(request):
    queryset = Referral.objects.for_user(request.user).for_list().select_related("kelurahan")
    context = filtered_page(request, ReferralFilter, queryset)
    return render(request, "stunting/referral_list.html", context)


@editor_required
def referral_create(request):
    """`?sasaran=<target>` fixes the target (`&alasan=<reason>` picks the reason and its usual
    OPD)."""
    pk = parse_id(request.GET.get("sasaran"))
    if pk is None:
        return render(request, "stunting/referral_no_target.html")
    people = Person.objects.for_user(request.user).select_related("kelurahan__kecamatan", "family")
    person = get_object_or_404(people, pk=pk)
    referral = Referral(person=person, kelurahan_id=person.kelurahan_id)
    form = bound_form(request, ReferralForm, referral, reason=request.GET.get("alasan", ""))
    return edit_form_view(
        request,
        form=form,
        save=lambda form: create_referral(referral=form.instance, by=request.user),
        template="stunting/referral_form.html",
        message=_("Rujukan dicatat. Cetak surat rujukannya dari halaman ini."),
        context={"person": person},
    )


def _detail(request, referral: Referral, step_form=None, status: int = 200):
    if step_form is None and request.user.can_edit_records and referral.next_statuses:
        step_form = ReferralStepForm(referral=referral)
    context = {
        "referral": referral,
        "steps": referral.steps.select_related("by"),
        "step_form": step_form,
        **signing_context(request.user, referral),
    }
    return render(request, "stunting/referral_detail.html", context, status=status)


@login_required
def referral_detail(request, pk):
    return _detail(request, _visible(request, pk))


@require_POST
@editor_required
def referral_advance(request, pk):
    referral = _visible(request, pk)
    form = ReferralStepForm(request.POST, referral=referral)
    token = formguard.posted_token(form)
    if form.is_valid():

        def write() -> str | None:
            try:
                advance_referral(referral=referral, by=request.user, **_step(form))
            except ValidationError as error:
                form.add_error(None, error)
                return None
            return referral.get_absolute_url()

        status = Referral.Status(form.cleaned_data["status"]).label
        message = _("Status rujukan menjadi “%(status)s”.") % {"status": status}
        saved = formguard.save_once(request, write=write, message=message, form=form, token=token)
        if saved is not None:
            return saved
    elif earlier := formguard.repeated(request, token):
        return earlier
    return _detail(request, referral, form)


def _step(form) -> dict:
    data = form.cleaned_data
    return {"status": data["status"], "on": data["on"], "note": data["note"]}


# The lurah signs the letter (a 403 for everyone else); the steps still go on after.
referral_sign, referral_unsign = signing_views(_visible, "referral")


@login_required
def referral_letter(request, pk):
    """The referral letter from the lurah to the OPD (always in Indonesian): "DRAF" until the
    lurah signs it in the app."""
    referral = _visible(request, pk)
    person = referral.person
    context = {
        **letterhead_context(referral.kelurahan, on=referral.referred_on),
        "referral": referral,
        "person": person,
        "nik": nik_for(request.user, person.nik),
        "kk_number": nik_for(request.user, person.family.kk_number if person.family else ""),
        "measurement": person.last_measurement if person.is_child else None,
        "signed_document": referral,
    }
    filename = f"surat-rujukan-{referral.referred_on:%Y-%m-%d}-{slugify(person.name)[:40]}.pdf"
    with indonesian():
        return render_pdf(request, "pdf/referral_letter.html", context, filename)


@login_required
def referral_opd(request, pk):
    """What the user's kelurahan (a kecamatan's: each of its kelurahan) referred to one OPD."""
    opd = get_object_or_404(OPD.objects.for_user(request.user).select_related("kecamatan"), pk=pk)
    referrals = Referral.objects.for_user(request.user).filter(opd=opd)
    context = filtered_page(request, OPDReferralFilter, referrals.for_list())
    context.update(opd=opd, total=total_figures(referrals, opd))
    if not request.user.kelurahan_id:
        context["per_kelurahan"] = _per_kelurahan(request, referrals)
    return render(request, "stunting/referral_opd.html", context)


def _per_kelurahan(request, referrals):
    """A row per kelurahan of a kecamatan user's (zeros included, side by side); for the whole
    city, per kelurahan that referred."""
    kelurahan = Kelurahan.objects.for_user(request.user)
    if request.user.scope.is_all:
        kelurahan = kelurahan.filter(pk__in=referrals.values("kelurahan_id"))
    kelurahan = kelurahan.select_related("kecamatan").order_by("kecamatan__name", "name")
    return figures_per(referrals, "kelurahan", kelurahan)


@login_required
def referral_recap(request):
    """The figures per kelurahan and per OPD of the user's scope, for a year (and month)."""
    form = ReferralPeriodForm(request.GET)
    referrals = form.narrow(Referral.objects.for_user(request.user))
    opds = OPD.objects.filter(pk__in=referrals.values("opd_id")).order_by("kind", "name")
    context = {
        "form": form,
        "per_kelurahan": _per_kelurahan(request, referrals),
        "per_opd": figures_per(referrals, "opd", opds),
        "total": total_figures(referrals, _("Jumlah")),
    }
    return render(request, "stunting/referral_recap.html", context)
