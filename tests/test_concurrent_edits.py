"""Two users at once (issue 9): a stale edit form is refused with what changed, and nothing is
overwritten; a creating form or an import confirmation posted twice saves once.

Each version test: user A opens the form (GET), user B saves the same record, then A posts
the form A opened.
"""

import datetime
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertRedirects

from kelurahan.models import FormSubmission, Lembaga, User
from kpm.models import Kader, Rapat
from stunting.models import ChildMonth, Family, Measurement, Person

from .factories import make_lembaga, make_rw, make_user
from .factories_kpm import make_kader
from .factories_rapat import make_rapat, make_tindak_lanjut
from .factories_stunting import make_child, make_child_month, make_family, make_measurement
from .stamps import post_form, stamps, stamps_in
from .test_kpm_kader_io import row, xlsx_upload
from .test_kpm_kader_views import kader_data
from .test_kpm_rapat_views import plan_data
from .test_stunting_monitoring import form_2b
from .test_stunting_views import child_data

NO_AGENDA = {"agenda-TOTAL_FORMS": "0"}
REFUSED = "sejak Anda membukanya. Perubahan Anda tidak disimpan."


@pytest.fixture
def rina(kelurahan):
    """The second editor of the kelurahan."""
    return make_user(
        User.Role.PETUGAS,
        kelurahan=kelurahan,
        username="rina",
        first_name="Rina",
        last_name="Wulandari",
    )


@pytest.fixture
def two(client, petugas, rina):
    """Two browsers: A (petugas) and B (Rina)."""
    from django.test import Client

    other = Client()
    client.force_login(petugas)
    other.force_login(rina)
    return client, other


def stale_post(two, url, *, theirs: dict, mine: dict):
    """B saves `theirs` after A opened the form; then A posts `mine` with what A opened."""
    mine_client, their_client = two
    opened = stamps(mine_client, url)
    assert opened, "the form carries no version"
    assert post_form(their_client, url, theirs).status_code == 302
    return mine_client.post(url, {**opened, **mine})


def refused(response, *fields):
    """Refused, by Rina, naming `fields` among what changed."""
    assert response.status_code == 200
    assertContains(response, "Data ini sudah diubah oleh Rina Wulandari pada")
    assertContains(response, REFUSED)
    changed = re.search(r"Yang berubah: ([^.]*)\.", response.content.decode())
    assert changed, "the message names no changed field"
    for field in fields:
        assert field in changed.group(1).split(", "), changed.group(1)


# --- Version checks, one per kind of record --------------------------------------------------


def test_stale_kader_edit_is_refused_and_can_be_saved_again(two, kelurahan):
    kader = make_kader(kelurahan, name="Siti Khotijah", **_kader_identity())
    url = reverse("kpm:kader_update", args=[kader.pk])
    base = kader_data(nik=kader.nik, birth_date=kader.birth_date.isoformat(), sex=kader.sex)
    response = stale_post(
        two,
        url,
        theirs={**base, "name": "Siti Khotijah, S.Pd."},
        mine={**base, "phone": "0812-1111-2222"},
    )
    refused(response, "nama lengkap")
    assertContains(response, "0812-1111-2222")  # the user's input is shown again
    kader.refresh_from_db()
    assert kader.name == "Siti Khotijah, S.Pd."  # B's save is kept
    assert kader.phone != "+6281211112222"
    # The form shown again carries the current version: saving it now goes through.
    mine = two[0]
    again = {**stamps_in(response), **base, "name": kader.name, "phone": "0812-1111-2222"}
    assertRedirects(mine.post(url, again), kader.get_absolute_url())
    kader.refresh_from_db()
    assert (kader.name, kader.phone) == ("Siti Khotijah, S.Pd.", "+6281211112222")


def test_stale_rapat_edit_is_refused(two, kelurahan):
    rapat = make_rapat(kelurahan, title="Rapat Koordinasi")
    url = reverse("kpm:rapat_update", args=[rapat.pk])
    response = stale_post(
        two,
        url,
        theirs=plan_data(title="Rapat Koordinasi Stunting", **NO_AGENDA),
        mine=plan_data(title="Rapat Koordinasi", place="Aula Kelurahan", **NO_AGENDA),
    )
    refused(response, "judul rapat")
    rapat.refresh_from_db()
    assert (rapat.title, rapat.place) == ("Rapat Koordinasi Stunting", "Balai RW 03")


def test_stale_follow_up_row_is_refused(two, kelurahan):
    rapat = make_rapat(kelurahan, title="Rapat Koordinasi")
    followup = make_tindak_lanjut(rapat, description="Data sasaran")
    url = reverse("kpm:rapat_followups", args=[rapat.pk])

    def rows(**values):
        return {
            "tindak_lanjut-TOTAL_FORMS": "1",
            "tindak_lanjut-INITIAL_FORMS": "1",
            "tindak_lanjut-0-id": str(followup.pk),
            "tindak_lanjut-0-description": "Data sasaran",
            "tindak_lanjut-0-assignee_name": "Panitia",
            "tindak_lanjut-0-due_date": "2021-01-31",
            "tindak_lanjut-0-status": "belum",
            **values,
        }

    response = stale_post(
        two,
        url,
        theirs=rows(**{"tindak_lanjut-0-status": "selesai"}),
        mine=rows(**{"tindak_lanjut-0-notes": "Menunggu data RW"}),
    )
    refused(response, "status")
    followup.refresh_from_db()
    assert (followup.status, followup.notes) == ("selesai", "")


def test_stale_family_edit_is_refused(two, kelurahan):
    family = make_family(kelurahan, head_name="Slamet", address="Jl. Lama 1")
    url = reverse("stunting:family_update", args=[family.pk])
    data = {"head_name": "Slamet", "address": "Jl. Lama 1", "is_resident": "on"}
    response = stale_post(
        two,
        url,
        theirs={**data, "head_name": "Slamet Riyadi"},
        mine={**data, "address": "Jl. Baru 2"},
    )
    refused(response, "nama kepala keluarga")
    family.refresh_from_db()
    assert (family.head_name, family.address) == ("Slamet Riyadi", "Jl. Lama 1")


def test_stale_person_edit_is_refused(two, kelurahan):
    baby = make_child(make_family(kelurahan), name="Bima", age_days=60, sex="L")
    url = reverse("stunting:person_update", args=[baby.pk])
    data = child_data(name="Bima", birth_date=baby.birth_date.isoformat())
    response = stale_post(
        two, url, theirs={**data, "name": "Bima Pradana"}, mine={**data, "birth_length_cm": "50"}
    )
    refused(response, "nama lengkap")
    baby.refresh_from_db()
    assert baby.name == "Bima Pradana"


def test_stale_monthly_record_edit_is_refused(two, kelurahan):
    baby = make_child(make_family(kelurahan), age_days=300)
    make_measurement(baby, weight="8.4", height="70.5")
    record = make_child_month(baby, home_visits=0)
    url = reverse("stunting:child_month_update", args=[record.pk])
    response = stale_post(
        two, url, theirs=form_2b(home_visits="2"), mine=form_2b(growth_mat="kuning")
    )
    refused(response, "jumlah kunjungan rumah")
    record.refresh_from_db()
    assert (record.home_visits, record.growth_mat) == (2, "hijau")


def test_stale_posyandu_row_is_refused(two, kelurahan):
    posyandu = make_lembaga(kelurahan, kind=Lembaga.Kind.POSYANDU)
    baby = make_child(make_family(kelurahan, posyandu=posyandu), age_days=300)
    today = timezone.localdate()
    url = reverse("stunting:posyandu_day", args=[posyandu.pk, today.year, today.month])
    page = {
        "visit_date": today.isoformat(),
        "form-TOTAL_FORMS": "1",
        "form-INITIAL_FORMS": "1",
        "form-0-person": str(baby.pk),
        "form-0-measured_lying": "1",
        "form-0-growth_mat": "tidak_diukur",
    }
    response = stale_post(
        two,
        url,
        theirs={**page, "form-0-weight_kg": "8.4", "form-0-height_cm": "70.5"},
        mine={**page, "form-0-weight_kg": "8.9", "form-0-height_cm": "71"},
    )
    assertContains(response, "Data ini sudah diubah oleh Rina Wulandari pada")
    assert Measurement.objects.get(person=baby).weight_kg == Decimal("8.4")


def test_edit_without_a_version_is_refused(client, petugas, kelurahan):
    family = make_family(kelurahan, head_name="Slamet")
    client.force_login(petugas)
    url = reverse("stunting:family_update", args=[family.pk])
    response = client.post(url, {"head_name": "Slamet Riyadi", "is_resident": "on"})
    assertContains(response, "Perubahan Anda tidak disimpan.")
    family.refresh_from_db()
    assert family.head_name == "Slamet"


# --- Double submits ---------------------------------------------------------------------------


def test_create_form_posted_twice_saves_one_row(client, petugas, kelurahan):
    client.force_login(petugas)
    url = reverse("stunting:family_create")
    data = {**stamps(client, url), "head_name": "Joko Santoso", "is_resident": "on"}
    first = client.post(url, data)
    family = Family.objects.get()
    assertRedirects(first, family.get_absolute_url())
    second = client.post(url, data, follow=True)
    assertRedirects(second, family.get_absolute_url())
    assertContains(second, "Formulir ini sudah dikirim; data sudah tersimpan.")
    assert Family.objects.count() == 1


def test_meeting_and_child_create_posted_twice_save_once(client, petugas, kelurahan):
    client.force_login(petugas)
    url = reverse("kpm:rapat_create")
    data = {**stamps(client, url), **plan_data()}
    assert client.post(url, data).status_code == 302
    assert client.post(url, data).status_code == 302
    assert Rapat.objects.count() == 1
    family = make_family(kelurahan)
    url = reverse("stunting:child_create", args=[family.pk])
    data = {**stamps(client, url), **child_data()}
    assert client.post(url, data).status_code == 302
    assert client.post(url, data).status_code == 302
    assert Person.objects.count() == 1


def test_invalid_create_keeps_its_token_for_the_corrected_post(client, petugas, kelurahan):
    client.force_login(petugas)
    url = reverse("stunting:family_create")
    opened = stamps(client, url)
    response = client.post(url, {**opened, "head_name": ""})
    assert response.status_code == 200
    assert stamps_in(response) == opened
    assert client.post(url, {**opened, "head_name": "Joko"}).status_code == 302
    assert Family.objects.count() == 1


def test_old_tokens_are_pruned_on_write(client, petugas, kelurahan):
    old = FormSubmission.objects.create(token="x" * 32, user=petugas, url="/lama/")
    FormSubmission.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=8)
    )
    client.force_login(petugas)
    url = reverse("stunting:family_create")
    client.post(url, {**stamps(client, url), "head_name": "Joko", "is_resident": "on"})
    assert list(FormSubmission.objects.values_list("url", flat=True)) == [
        Family.objects.get().get_absolute_url()
    ]


def test_import_confirmation_posted_twice_imports_once(client, petugas, kelurahan):
    make_lembaga(kelurahan, name="Posyandu Melati RW 01", rw=make_rw(kelurahan, number=1))
    client.force_login(petugas)
    response = client.post(reverse("kpm:kader_import"), {"file": xlsx_upload([row()])})
    confirm = stamps_in(response)
    assert confirm
    first = client.post(reverse("kpm:kader_import_confirm"), confirm)
    assertRedirects(first, reverse("kpm:kader_list"))
    second = client.post(reverse("kpm:kader_import_confirm"), confirm, follow=True)
    assertContains(second, "Formulir ini sudah dikirim; data sudah tersimpan.")
    assert Kader.objects.count() == 1


def test_two_pages_saving_the_same_new_month_end_in_a_form_error(client, petugas, kelurahan):
    """Both opened the 'new 2B' form: the second save meets the first one's record and is told
    so in the form (no 500, no second record)."""
    baby = make_child(make_family(kelurahan), age_days=300)
    client.force_login(petugas)
    url = reverse("stunting:child_month_create", args=[baby.pk])
    first, second = stamps(client, url), stamps(client, url)
    assert client.post(url, {**first, **form_2b()}).status_code == 302
    response = client.post(url, {**second, **form_2b(growth_mat="kuning")})
    assert response.status_code == 200
    assert ChildMonth.objects.filter(person=baby).count() == 1


# --- Helpers -----------------------------------------------------------------------------------


def _kader_identity() -> dict:
    birth = datetime.date(1985, 3, 12)
    return {"birth_date": birth, "sex": "P", "nik": kader_data()["nik"]}


def test_a_guest_added_twice_is_one_guest(client, petugas, kelurahan):
    rapat = make_rapat(kelurahan)
    client.force_login(petugas)
    for page, url in (
        ("kpm:rapat_invitees", "kpm:rapat_invite_guest"),
        ("kpm:rapat_attendance", "kpm:rapat_walk_in"),
    ):
        data = {**stamps(client, reverse(page, args=[rapat.pk])), "name": f"Tamu {page}"}
        for _ in range(2):
            assert client.post(reverse(url, args=[rapat.pk]), data).status_code == 302
        assert rapat.peserta.filter(name=f"Tamu {page}").count() == 1
