"""The filter bar's lean rendering gives the markup crispy-bootstrap5 gives (same labels, ids,
classes, options, errors), for every filter of the list pages."""

import re
from decimal import Decimal

import pytest
from crispy_forms.templatetags.crispy_forms_filters import as_crispy_field
from django import forms
from django.http import QueryDict

from kelurahan.filters import KelompokMasyarakatFilter, LembagaFilter, OfficialFilter
from kelurahan.models import User
from kelurahan.templatetags.filter_form import fast_widget, filter_field
from kpm.filters import KaderFilter, PelatihanFilter, SKFilter
from kpm.filters_anggaran import RealisasiFilter
from kpm.filters_peralatan import PeralatanFilter
from kpm.filters_rapat import RapatFilter, TindakLanjutFilter
from kpm.filters_tugas import ProgramFilter, TugasFilter
from stunting.filters import ActionListFilter, ChildFilter, FamilyFilter, PregnancyFilter
from stunting.filters_fieldwork import FamilyAssignmentFilter, HomeVisitFilter
from stunting.filters_referral import ReferralFilter
from tests.factories import make_kecamatan, make_kelurahan, make_lembaga, make_rw, make_user
from tests.factories_stunting import make_child, make_family, today

FILTERS = [
    LembagaFilter,
    KelompokMasyarakatFilter,
    OfficialFilter,
    KaderFilter,
    SKFilter,
    PelatihanFilter,
    RapatFilter,
    TindakLanjutFilter,
    FamilyFilter,
    ChildFilter,
    ActionListFilter,
    PregnancyFilter,
    ProgramFilter,
    TugasFilter,
    RealisasiFilter,
    PeralatanFilter,
    FamilyAssignmentFilter,
    HomeVisitFilter,
    ReferralFilter,
]
QUERIES = [
    None,
    "",
    "q=%3Cb%3E%22Ani%22&status=aktif&rw=1",
    "q=x&rw=999999&kelurahan=abc&year=x&start=2020-13-45&sex=Q&status=nope",
]


def _normalise(html: str) -> str:
    html = re.sub(r"\s+", " ", str(html))
    return re.sub(r"\s*(<|>)\s*", r"\1", html).strip()


@pytest.fixture
def users(db):
    kecamatan = make_kecamatan()
    kelurahan = make_kelurahan(kecamatan)
    make_kelurahan(kecamatan, name='Kelurahan "B" & <C>')
    rw = make_rw(kelurahan, number=1)
    make_lembaga(kelurahan, kind="posyandu", name="Posyandu <Mawar>", rw=rw)
    make_lembaga(kelurahan, kind="paud", name="PAUD Melati")
    return [
        make_user(kelurahan=kelurahan),
        make_user(User.Role.KECAMATAN, kecamatan=kecamatan),
    ]


@pytest.mark.parametrize("filterset_class", FILTERS, ids=lambda c: c.__name__)
def test_filter_fields_render_as_crispy_does(users, filterset_class):
    for user in users:
        for query in QUERIES:
            data = None if query is None else QueryDict(query)
            ours = filterset_class(data, queryset=None, user=user).form
            theirs = filterset_class(data, queryset=None, user=user).form
            if data is not None:
                ours.is_valid(), theirs.is_valid()
            for mine, crispy in zip(ours, theirs, strict=True):
                assert _normalise(filter_field(mine)) == _normalise(as_crispy_field(crispy)), (
                    user.role,
                    query,
                    mine.name,
                )


def test_filter_bar_marks_an_invalid_value(client, users):
    client.force_login(users[0])
    response = client.get("/kpm/kader/?rw=999999")
    html = response.content.decode()
    assert 'id="div_id_rw" class="mb-3"' in html
    assert 'class="select form-select is-invalid"' in html
    assert 'class="invalid-feedback"' in html


class _EveryWidget(forms.Form):
    text = forms.CharField(max_length=20, help_text="Bantuan")
    number = forms.DecimalField(max_digits=5, decimal_places=2, required=False)
    flag = forms.BooleanField(required=False)
    hidden = forms.CharField(widget=forms.HiddenInput, required=False)
    choice = forms.ChoiceField(choices=[("", "---"), ("a", "A & B"), ("b", 'B "kutip"')])
    day = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}), required=False)


@pytest.mark.parametrize(
    "data",
    [
        None,
        {"text": "<b>x</b>", "number": "7.10", "flag": "on", "hidden": "v", "choice": "a"},
        {"text": "", "number": "abc", "choice": "zzz", "day": "kemarin"},  # errors
    ],
)
def test_fast_widget_is_djangos_own_markup(data):
    form = _EveryWidget(data, initial={"number": Decimal("15.90"), "choice": "b"})
    if data is not None:
        form.is_valid()
    for field in form:
        assert _normalise(fast_widget(field)) == _normalise(str(field)), field.name


def test_posyandu_rows_render_as_django_renders_them(kelurahan):
    from stunting.forms.posyandu import PosyanduFormSet

    child = make_child(make_family(kelurahan), name="Bima", age_days=200)
    initial = [{"person": child.pk, "versi": "1|2", "weight_kg": Decimal("7.1"), "oedema": True}]
    formset = PosyanduFormSet(initial=initial, children=[child], visit_date=today())
    for field in formset.forms[0]:
        assert _normalise(fast_widget(field)) == _normalise(str(field)), field.name
