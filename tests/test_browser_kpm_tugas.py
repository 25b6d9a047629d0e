"""A meeting's follow-up becomes a KPM task: petugas.pradah makes the task from the meeting's
page, assigns two cadres, records progress with a photo on a phone, finishes it, and the
dashboard's overdue count follows."""

import datetime

import pytest
from django.utils import timezone
from PIL import Image
from playwright.sync_api import Page, expect

from kelurahan.models import User
from kpm.models import Kader, Rapat, RapatTindakLanjut, Tugas

from .browser import TODAY_MEETING, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FOLLOWUP = "Membagikan undangan kelas ibu hamil ke setiap RW"


def overdue_figure(page: Page, live_server):
    page.goto(f"{live_server.url}/")
    row = page.locator("tr", has=page.get_by_role("link", name="Tugas terlambat"))
    return row.locator("td").first


def test_follow_up_to_task_with_cadres_photo_and_finish(page: Page, live_server, demo, tmp_path):
    rapat = Rapat.objects.get(title=TODAY_MEETING)
    RapatTindakLanjut.objects.create(
        rapat=rapat,
        kelurahan=rapat.kelurahan,
        description=FOLLOWUP,
        assignee_name="Panitia kelas ibu hamil",
        due_date=timezone.localdate() - datetime.timedelta(days=1),  # already late
    )
    first, second = Kader.objects.filter(kelurahan=rapat.kelurahan, is_active=True).order_by(
        "name"
    )[:2]
    photo = tmp_path / "kegiatan.png"
    Image.new("RGB", (800, 600), (200, 120, 40)).save(photo)

    page.set_viewport_size({"width": 1280, "height": 900})
    login(page, live_server, "petugas.pradah")
    expect(page.get_by_role("heading", name="Dasbor")).to_be_visible()
    before = int(overdue_figure(page, live_server).inner_text())

    # The meeting's follow-up becomes a task in one click.
    page.goto(f"{live_server.url}{rapat.get_absolute_url()}")
    row = page.locator("tr", has_text=FOLLOWUP)
    row.get_by_role("button", name="Jadikan tugas").click()
    expect(page.get_by_text("Tindak lanjut dijadikan tugas.")).to_be_visible()
    expect(page.get_by_role("heading", name=FOLLOWUP)).to_be_visible()
    expect(page.get_by_role("link", name=TODAY_MEETING)).to_be_visible()
    expect(page.locator("#status-tugas")).to_contain_text("Terlambat")

    # Two cadres are assigned.
    page.get_by_role("link", name="Ubah", exact=True).click()
    page.get_by_label(first.name, exact=True).check()
    page.get_by_label(second.name, exact=True).check()
    page.get_by_role("button", name="Simpan").click()
    expect(page.get_by_text("Perubahan tugas disimpan.")).to_be_visible()
    expect(page.locator("#kader-tugas")).to_contain_text(first.name)
    expect(page.locator("#kader-tugas")).to_contain_text(second.name)
    task_url = page.url
    expect(overdue_figure(page, live_server)).to_have_text(str(before + 1))

    # On a phone: a progress note with a photo.
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(task_url)
    page.get_by_label("Catatan kemajuan").fill("Undangan dibagikan ke RW 01 sampai RW 05.")
    page.get_by_label("Bukti (foto atau PDF)").set_input_files(str(photo))
    page.get_by_role("button", name="Simpan catatan").click()
    expect(page.get_by_text("Catatan kemajuan disimpan.")).to_be_visible()
    notes = page.locator("#catatan")
    expect(notes).to_contain_text("Undangan dibagikan ke RW 01 sampai RW 05.")
    thumbnail = notes.get_by_role("img", name="Foto bukti")
    expect(thumbnail).to_be_visible()
    # Served, and an image: the thumbnail is lazy-loaded, so wait for the browser to decode it.
    thumbnail.scroll_into_view_if_needed()
    page.wait_for_function(
        "img => img.complete && img.naturalWidth > 0", arg=thumbnail.element_handle()
    )
    box = thumbnail.bounding_box()
    assert box is not None and box["x"] + box["width"] <= 390

    # Finished (late): who and when are kept, and the overdue count drops again.
    page.get_by_role("button", name="Tandai selesai").click()
    expect(page.get_by_text("Status tugas sekarang selesai.")).to_be_visible()
    petugas = User.objects.get(username="petugas.pradah")
    expect(page.locator("#selesai-tugas")).to_contain_text(str(petugas))
    expect(page.locator("#selesai-tugas")).to_contain_text("melewati batas waktu")
    tugas = Tugas.objects.get(followup__description=FOLLOWUP)
    assert tugas.status == "selesai" and tugas.finished_by.username == "petugas.pradah"
    assert set(tugas.kaders.all()) == {first, second}
    assert tugas.followup.status == RapatTindakLanjut.Status.SELESAI
    expect(overdue_figure(page, live_server)).to_have_text(str(before))
