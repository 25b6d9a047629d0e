"""The family form offers only the RT of the chosen RW (a static script, no inline code)."""

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from .browser import login
from .factories import PASSWORD, make_rw, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_rt_dropdown_follows_the_chosen_rw(page: Page, live_server, kelurahan):
    rw1, rw2 = make_rw(kelurahan, number=1), make_rw(kelurahan, number=2)
    rt11, rt12 = rw1.rt_set.create(number=1), rw1.rt_set.create(number=2)
    rt21 = rw2.rt_set.create(number=1)
    make_user(kelurahan=kelurahan, username="petugas.rt")
    login(page, live_server, "petugas.rt", PASSWORD)
    page.goto(live_server.url + reverse("stunting:family_create"))
    page.locator("#id_rw").select_option(str(rw2.pk))
    rt = page.locator("#id_rt")
    expect(rt.locator(f'option[value="{rt21.pk}"]')).to_be_enabled()
    expect(rt.locator(f'option[value="{rt11.pk}"]')).to_be_disabled()
    rt.select_option(str(rt21.pk))
    page.locator("#id_rw").select_option(str(rw1.pk))
    expect(rt).to_have_value("")  # the RT of the other RW is cleared
    expect(rt.locator(f'option[value="{rt12.pk}"]')).to_be_enabled()
    expect(rt.locator(f'option[value="{rt21.pk}"]')).to_be_disabled()
