"""A cadre's page and an official's page show the meetings they were invited to."""

from django.urls import reverse
from pytest_django.asserts import assertContains

from kpm.models import RapatPeserta

from .factories import make_official
from .factories_kpm import make_kader
from .factories_rapat import make_peserta, make_rapat


def test_cadre_page_shows_meetings_and_attendance_rate(client, kelurahan, petugas):
    kader = make_kader(kelurahan, name="Sri Rahayu")
    first = make_rapat(kelurahan, title="Rapat koordinasi peran KPM")
    second = make_rapat(kelurahan, title="Rembuk stunting kelurahan")
    make_peserta(first, kader=kader, attendance=RapatPeserta.Attendance.HADIR)
    make_peserta(second, kader=kader, attendance=RapatPeserta.Attendance.TIDAK_HADIR)
    client.force_login(petugas)
    response = client.get(reverse("kpm:kader_detail", args=[kader.pk]))
    assertContains(response, "Rapat koordinasi peran KPM")
    assertContains(response, "Rembuk stunting kelurahan")
    assertContains(response, "Tingkat kehadiran 50% (1 dari 2 rapat)")


def test_official_page_shows_meetings(client, kelurahan, petugas):
    official = make_official(kelurahan, position="babinsa", name="Serka Slamet")
    meeting = make_rapat(kelurahan, title="Rapat koordinasi peran KPM")
    make_peserta(meeting, official=official, attendance=RapatPeserta.Attendance.HADIR)
    client.force_login(petugas)
    response = client.get(reverse("kelurahan:official_detail", args=[official.pk]))
    assertContains(response, "Rapat yang diikuti")
    assertContains(response, "Rapat koordinasi peran KPM")
