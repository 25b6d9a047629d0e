"""Household facts carried over to a new month (issue 11): air, jamban, jaminan (2A and 2B) and
akta (2B) start from the latest earlier answer on the 2A and 2B forms and on the posyandu day, so
that an unticked box is a real "no", not a forgotten one. Services of the month never carry."""

from __future__ import annotations

import re

from django.urls import reverse

from kelurahan.dates import Quarter
from stunting import ages
from stunting.models import ChildMonth
from stunting.scorecard.compute import compute

from .factories_stunting import (
    make_child,
    make_child_month,
    make_family,
    make_mother,
    make_pregnancy,
    make_pregnancy_month,
    this_month,
    today,
)
from .test_stunting_posyandu import day_url, post_data

CHILD_FACTS = ("safe_water", "proper_latrine", "birth_certificate", "health_insurance")
MOTHER_FACTS = ("safe_water", "proper_latrine", "health_insurance")


def months_ago(n: int):
    """The 10th of the month `n` months before this one."""
    return ages.add_months(this_month(), -n).replace(day=10)


def ticked(html: str, names) -> dict[str, bool]:
    """Whether each checkbox `name` of the page is ticked, as the browser shows it."""
    found = {}
    for name in names:
        (tag,) = re.findall(rf'<input[^>]*name="{name}"[^>]*>', html)
        found[name] = bool(re.search(r"\schecked(\s|>|/|=)", tag))
    return found


def test_a_new_2b_month_opens_with_the_latest_answers_ticked(client, kelurahan, petugas):
    child = make_child(make_family(kelurahan), age_days=400, has_birth_certificate=False)
    yes = dict.fromkeys(CHILD_FACTS, True)
    make_child_month(child, on=months_ago(3), **yes)
    # Last month skipped; two months ago the answers changed: jamban and jaminan became "no".
    make_child_month(
        child,
        on=months_ago(2),
        **(yes | {"proper_latrine": False, "health_insurance": False}),
        counseling_mother=True,
        parenting_class=True,
        home_visits=2,
        basic_immunization_complete=True,
    )
    client.force_login(petugas)
    page = client.get(reverse("stunting:child_month_create", args=[child.pk]))
    html = page.content.decode()
    assert ticked(html, CHILD_FACTS) == {
        "safe_water": True,
        "proper_latrine": False,
        "birth_certificate": True,  # the record's answer, not the register's "no"
        "health_insurance": False,
    }
    # The immunisation status so far carries too; this month's services do not.
    assert ticked(
        html, ["basic_immunization_complete", "counseling_mother", "parenting_class"]
    ) == {
        "basic_immunization_complete": True,
        "counseling_mother": False,
        "parenting_class": False,
    }
    assert page.context["form"].initial["home_visits"] == 0


def test_a_first_2b_month_takes_akta_from_the_register(client, kelurahan, petugas):
    child = make_child(make_family(kelurahan), age_days=100, has_birth_certificate=True)
    client.force_login(petugas)
    html = client.get(reverse("stunting:child_month_create", args=[child.pk])).content.decode()
    assert ticked(html, CHILD_FACTS) == {
        "safe_water": False,
        "proper_latrine": False,
        "birth_certificate": True,
        "health_insurance": False,
    }


def test_a_new_2a_month_opens_with_the_latest_answers_ticked(client, kelurahan, petugas):
    pregnancy = make_pregnancy(
        make_mother(make_family(kelurahan)), last_period_date=months_ago(4), status="kek"
    )
    make_pregnancy_month(pregnancy, on=months_ago(2), **dict.fromkeys(MOTHER_FACTS, True))
    make_pregnancy_month(
        pregnancy,
        on=months_ago(1),
        safe_water=True,
        proper_latrine=False,
        health_insurance=True,
        anc_visits=1,
        home_visits=1,
        status="kek",
    )
    client.force_login(petugas)
    page = client.get(reverse("stunting:pregnancy_month_create", args=[pregnancy.pk]))
    assert ticked(page.content.decode(), MOTHER_FACTS) == {
        "safe_water": True,
        "proper_latrine": False,
        "health_insurance": True,
    }
    initial = page.context["form"].initial
    assert (initial["anc_visits"], initial["home_visits"], initial["status"]) == (0, 0, "kek")


def test_the_posyandu_day_starts_a_new_month_from_the_latest_answers(
    client, kelurahan, posyandu, petugas
):
    family = make_family(kelurahan, posyandu=posyandu)
    known = make_child(family, name="Bima", age_days=300, has_birth_certificate=False)
    make_child_month(
        known,
        on=months_ago(1),
        safe_water=True,
        proper_latrine=False,
        birth_certificate=True,
        health_insurance=True,
        counseling_mother=True,
    )
    new = make_child(family, name="Dewi", sex="P", age_days=200, has_birth_certificate=True)
    client.force_login(petugas)
    rows = {known: {"weight_kg": "8.6", "height_cm": "70.1"}, new: {"weight_kg": "7.2"}}
    client.post(day_url(posyandu), post_data(client, posyandu, rows))
    record = ChildMonth.objects.get(person=known, month=this_month())
    assert [getattr(record, name) for name in CHILD_FACTS] == [True, False, True, True]
    assert not record.counseling_mother  # a service of the month is asked again, not carried
    first = ChildMonth.objects.get(person=new, month=this_month())
    assert [getattr(first, name) for name in CHILD_FACTS] == [False, False, True, False]


def test_the_posyandu_day_keeps_this_months_answers_when_correcting(
    client, kelurahan, posyandu, petugas
):
    child = make_child(make_family(kelurahan, posyandu=posyandu), name="Bima", age_days=300)
    make_child_month(child, on=months_ago(1), **dict.fromkeys(CHILD_FACTS, True))
    make_child_month(child, on=today(), safe_water=False, proper_latrine=True, home_visits=1)
    client.force_login(petugas)
    client.post(day_url(posyandu), post_data(client, posyandu, {child: {"weight_kg": "8.4"}}))
    record = ChildMonth.objects.get(person=child, month=this_month())
    assert (record.safe_water, record.proper_latrine, record.home_visits) == (False, True, 1)


def test_the_scorecard_reads_the_carried_answers(client, kelurahan, posyandu, petugas):
    """A month entered on the posyandu day alone keeps last month's "yes": the household
    indicators of the quarter are Y, not a forgotten T."""
    child = make_child(make_family(kelurahan, posyandu=posyandu), name="Bima", age_days=300)
    make_child_month(child, on=months_ago(1), **dict.fromkeys(CHILD_FACTS, True))
    client.force_login(petugas)
    client.post(day_url(posyandu), post_data(client, posyandu, {child: {"weight_kg": "8.4"}}))
    (target,) = compute([kelurahan.pk], Quarter.of(today())).children
    assert [mark.value for mark in target.marks[5:9]] == ["Y", "Y", "Y", "Y"]
