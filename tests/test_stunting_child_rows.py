"""The children lists' rows, the nutrition status badges and the follow-up buttons are written
in Python (stunting/templatetags/target_tags.py) for speed: they must be the markup the
templates wrote, which are kept in tests/reference_templates and rendered here beside them, in
Indonesian and in English, for every state a row can be in."""

import datetime
import itertools
import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.template import Context, Engine
from django.template.backends.django import get_installed_libraries
from django.test import RequestFactory
from django.utils import translation

from kelurahan.models import User
from stunting.models import Measurement, Person
from stunting.templatetags.target_tags import child_rows, nutrition_status, target_actions

from .factories import make_rw, make_user
from .factories_stunting import (
    make_child,
    make_family,
    make_measurement,
    make_mother,
    make_pregnancy,
)

LANGUAGES = ["id", "en"]


def reference(name: str, **context) -> str:
    """Template `name` of tests/reference_templates rendered with the site's tag libraries."""
    engine = Engine(
        dirs=[Path(__file__).parent],
        libraries=get_installed_libraries(),
        builtins=["kelurahan.templatetags.links"],
    )
    return engine.get_template(f"reference_templates/{name}.html").render(Context(context))


def same(html: str) -> str:
    """Markup as a browser lays it out: runs of white space are one space, and none is kept
    around a table row, a cell or a block (a space between two badges is kept)."""
    html = re.sub(r"\s+", " ", html)
    return re.sub(r"\s*(</?(?:tr|td|div)\b[^>]*>)\s*", r"\1", html).strip()


def categories(field: str) -> list[str]:
    return ["", *(value for value, _label in Measurement._meta.get_field(field).choices)]


@pytest.mark.parametrize("language", LANGUAGES)
def test_nutrition_status_is_the_template_s_for_every_state(language):
    states = itertools.product(
        categories("hfa_category"),
        categories("wfh_category"),
        categories("wfa_category"),
        [(False, False), (True, False), (True, True)],  # needs recheck, confirmed
    )
    with translation.override(language):
        assert same(nutrition_status(None)) == same(reference("status", m=None))
        for hfa, wfh, wfa, (needs_recheck, confirmed) in states:
            m = Measurement(
                hfa_category=hfa,
                wfh_category=wfh,
                wfa_category=wfa,
                needs_recheck=needs_recheck,
                recheck_confirmed=confirmed,
            )
            assert same(nutrition_status(m)) == same(reference("status", m=m)), (hfa, wfh, wfa)


@pytest.fixture
def children(kelurahan, posyandu):
    """A page's worth of different rows: measured and not, stunted and normal, BBLR,
    non-resident, without a mother or an RW or a posyandu, and a name to escape."""
    rw = make_rw(kelurahan, number=3)
    family = make_family(kelurahan, head_name="Pak Joko & Bu <Sri>", rw=rw, posyandu=posyandu)
    lone = make_family(kelurahan, head_name="Keluarga Tanpa RW", is_resident=False)
    mother = make_mother(family, name="Sri O'Neil")
    short = make_child(family, name="Ana", sex="P", mother=mother, birth_weight_kg=Decimal("2.3"))
    make_measurement(short, weight="6.1", height="60.0")
    tall = make_child(family, name="Budi", age_days=500, mother=mother)
    make_measurement(tall, weight="10.0", height="78.0")
    make_child(lone, name="Cici <b>", is_resident=False)
    return list(Person.objects.filter(kelurahan=kelurahan).for_child_list().children())


def context_for(user, path: str, children, row_actions) -> dict:
    request = RequestFactory().get(path)
    request.user = user
    return {"user": user, "request": request, "page_obj": children, "row_actions": row_actions}


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("row_actions", [True, False])
@pytest.mark.parametrize("role", [User.Role.PETUGAS, User.Role.KECAMATAN, User.Role.KASI_KESRA])
def test_child_rows_are_the_template_s(kelurahan, children, language, row_actions, role):
    user = make_user(
        role,
        kelurahan=None if role == User.Role.KECAMATAN else kelurahan,
        kecamatan=kelurahan.kecamatan if role == User.Role.KECAMATAN else None,
        username=f"u.{role}",
    )
    path = "/stunting/daftar/stunting/?rw=3&q=Sri+O'Neil&nama=%C3%A9"
    context = context_for(user, path, children, row_actions)
    assert len(children) == 3 and any(c.last_measurement is None for c in children)
    with translation.override(language):
        written = child_rows(Context(context), children, row_actions)
        expected = reference("child_rows", **context)
    assert same(written) == same(expected)
    assert written.count("<tr>") == 3
    if role == User.Role.KECAMATAN:
        assert f"<td>{kelurahan.name}</td>" in written


@pytest.mark.parametrize("language", LANGUAGES)
def test_target_actions_for_a_pregnancy_are_the_template_s(kelurahan, petugas, language):
    mother = make_mother(make_family(kelurahan))
    pregnancy = make_pregnancy(mother, last_period_date=datetime.date.today())
    context = context_for(petugas, "/stunting/kehamilan/?status=risiko&page=2", [], False)
    with translation.override(language):
        written = target_actions(Context(context), mother, pregnancy)
        expected = reference("target_actions", person=mother, pregnancy=pregnancy, **context)
    assert same(written) == same(expected)
    assert "kehamilan=" in written and "next=/stunting/kehamilan/%3Fstatus%3Drisiko" in written
