"""The printable documents, read back with a PDF text extractor (pypdf)."""

import io
import re

import pytest
from django.urls import reverse
from pypdf import PdfReader

from kpm.models import Rapat

from .factories import make_kelurahan, make_official
from .factories_kpm import make_kader
from .factories_rapat import make_peserta, make_rapat, make_tindak_lanjut
from .pdf import pdf_text

DOCUMENTS = ["rapat_pdf_invitation", "rapat_pdf_attendance", "rapat_pdf_minutes"]


@pytest.fixture
def founding(kelurahan, other_kelurahan, kecamatan):
    gunung_sari = make_kelurahan(kecamatan, name="Gunung Sari")
    lurah = make_official(kelurahan, position="lurah", name="Hajar Sulistyono, S.Sos., M.Si.")
    rapat = make_rapat(
        kelurahan,
        participants=[other_kelurahan, gunung_sari],
        title="Rapat Koordinasi Peran KPM",
        chair=lurah,
        chair_name=lurah.name,
        chair_position="Lurah Pradah Kali Kendal",
        minute_taker_name="Retno Wulandari, S.AP.",
        minute_taker_position="Sekretaris Kelurahan",
        health_protocol=["masker", "jaga_jarak", "cuci_tangan"],
        minutes="Peserta sepakat membentuk KPM.",
    )
    rapat.agenda.create(order=1, title="Mengapa KPM diperlukan (DOUM)", discussion="Dari, Oleh")
    make_peserta(rapat, official=lurah, attendance="hadir")
    make_peserta(rapat, official=make_official(kelurahan, name="Serka Heru"), attendance="hadir")
    make_peserta(rapat, kader=make_kader(kelurahan, name="Kusmiati"), attendance="hadir")
    make_peserta(rapat, kader=make_kader(other_kelurahan, name="Siti Khotijah"), attendance="izin")
    make_peserta(
        rapat, kader=make_kader(gunung_sari, name="Siti Maimunah"), attendance="tidak_hadir"
    )
    make_peserta(rapat, name="dr. Rahmawati", institution="Puskesmas Dukuh Kupang")
    rapat.keputusan.create(order=1, text="SK KPM terbit pertengahan Januari 2021")
    make_tindak_lanjut(rapat, description="Mendata sasaran 1000 HPK")
    return rapat


EVERYONE = ["Hajar Sulistyono", "Serka Heru", "Kusmiati", "Siti Khotijah", "Siti Maimunah",
            "dr. Rahmawati"]  # fmt: skip


@pytest.mark.parametrize("name", DOCUMENTS)
def test_documents_show_title_indonesian_date_and_every_attendee(
    client, founding, kecamatan_user, name
):
    client.force_login(kecamatan_user)
    response = client.get(reverse(f"kpm:{name}", args=[founding.pk]))
    assert response.status_code == 200
    text = pdf_text(response)
    assert "Rapat Koordinasi Peran KPM" in text
    assert "Senin, 21 Desember 2020" in text
    assert "KELURAHAN PRADAH KALI KENDAL" in text  # the host's letterhead
    for person in EVERYONE:
        assert person in text, person


def test_minutes_carry_figures_decisions_follow_ups_and_two_signatures(
    client, founding, kecamatan_user
):
    client.force_login(kecamatan_user)
    text = pdf_text(client.get(reverse("kpm:rapat_pdf_minutes", args=[founding.pk])))
    assert "Diundang 6 orang; hadir 3 orang, izin 1 orang, tidak hadir 1 orang." in text
    assert "Belum dicatat: 1 orang." in text
    assert "SK KPM terbit pertengahan Januari 2021" in text
    assert "Mendata sasaran 1000 HPK" in text
    assert "Dari, Oleh" in text
    assert "Notulis," in text and "Retno Wulandari, S.AP." in text
    assert "Pimpinan rapat," in text and "Lurah Pradah Kali Kendal" in text
    assert "Memakai masker" in text


def test_documents_are_indonesian_even_for_an_english_session(client, founding, petugas):
    client.force_login(petugas)
    client.cookies["django_language"] = "en"
    text = pdf_text(client.get(reverse("kpm:rapat_pdf_attendance", args=[founding.pk])))
    assert "Senin, 21 Desember 2020" in text


def test_participant_prints_its_own_people_only(client, founding, other_petugas):
    client.force_login(other_petugas)
    text = pdf_text(client.get(reverse("kpm:rapat_pdf_attendance", args=[founding.pk])))
    assert "Siti Khotijah" in text
    assert "Kusmiati" not in text and "Siti Maimunah" not in text
    assert "Hanya peserta dari Kelurahan Dukuh Kupang" in text


def test_the_host_kelurahan_of_a_kecamatan_meeting_prints_its_own_people_only(
    client, founding, petugas
):
    client.force_login(petugas)
    text = pdf_text(client.get(reverse("kpm:rapat_pdf_attendance", args=[founding.pk])))
    assert "KELURAHAN PRADAH KALI KENDAL" in text  # still the host's letterhead
    assert "Kusmiati" in text
    assert "Siti Khotijah" not in text and "Siti Maimunah" not in text


def test_outsiders_cannot_print(client, founding, far_kelurahan):
    from kelurahan.models import User

    from .factories import make_user

    client.force_login(make_user(User.Role.PETUGAS, kelurahan=far_kelurahan))
    for name in DOCUMENTS:
        assert client.get(reverse(f"kpm:{name}", args=[founding.pk])).status_code == 404


def test_kecamatan_hosted_meeting_prints_on_the_kecamatan_letterhead(
    client, kecamatan, kelurahan, kecamatan_user
):
    rapat = make_rapat(
        None,
        kecamatan=kecamatan,
        participants=[kelurahan],
        title="Rapat Koordinasi KPM se-Kecamatan",
        chair_name="Drs. Camat Uji",
        chair_position="Camat Dukuh Pakis",
    )
    assert rapat.level == Rapat.Level.KECAMATAN
    make_peserta(rapat, kader=make_kader(kelurahan, name="Kusmiati"))
    client.force_login(kecamatan_user)
    text = pdf_text(client.get(reverse("kpm:rapat_pdf_invitation", args=[rapat.pk])))
    assert "KECAMATAN DUKUH PAKIS" in text
    assert "Drs. Camat Uji" in text and "CAMAT DUKUH PAKIS" in text
    assert "Kusmiati" in text


def test_kecamatan_meeting_letterhead_names_the_kecamatan(client, kelurahan, kecamatan_user):
    rapat = make_rapat(
        None, kecamatan=kelurahan.kecamatan, participants=[kelurahan], title="Rembuk Kecamatan"
    )
    client.force_login(kecamatan_user)
    text = pdf_text(client.get(reverse("kpm:rapat_pdf_invitation", args=[rapat.pk])))
    assert "KECAMATAN DUKUH PAKIS" in text
    assert "Rembuk Kecamatan" in text
    assert "KELURAHAN PRADAH" not in text.split("Rembuk Kecamatan")[0]


def test_invitation_states_how_many_pages_its_attachment_has(client, kelurahan, petugas):
    small = make_rapat(kelurahan, title="Rapat Kecil")
    make_peserta(small, name="Sri Rahayu")
    large = make_rapat(kelurahan, title="Rapat Besar")
    for n in range(70):
        make_peserta(large, name=f"Peserta Nomor {n + 1}")
    client.force_login(petugas)
    words = {1: "satu", 2: "dua", 3: "tiga"}
    for rapat, at_least in ((small, 1), (large, 2)):
        response = client.get(reverse("kpm:rapat_pdf_invitation", args=[rapat.pk]))
        # The letter is one page; every other page is the list of invitees.
        attachment = len(PdfReader(io.BytesIO(response.content)).pages) - 1
        assert attachment >= at_least
        lampiran = f"Lampiran : {attachment} ({words[attachment]}) lembar"
        assert lampiran in pdf_text(response)


def pages_text(response) -> list[str]:
    reader = PdfReader(io.BytesIO(response.content))
    return [re.sub(r"\s+", " ", page.extract_text()) for page in reader.pages]


def test_signatures_never_stand_alone_on_a_page(client, kelurahan, petugas):
    """Whatever the length of the minutes and of the list, the signatures share their page with
    the last section of the minutes, and with the last invitees on the attendance sheet."""
    client.force_login(petugas)
    for size in range(8, 30, 3):
        rapat = make_rapat(
            kelurahan, title=f"Rapat {size}", minutes="Paragraf panjang. " * 60 * size
        )
        make_tindak_lanjut(rapat, description="Menyusun jadwal kunjungan")
        for n in range(size):
            make_peserta(rapat, name=f"Peserta Nomor {n + 1:02d}")
        minutes = pages_text(client.get(reverse("kpm:rapat_pdf_minutes", args=[rapat.pk])))
        page = next(text for text in minutes if "Pimpinan rapat," in text)
        assert "Menyusun jadwal kunjungan" in page and "Demikian notulen" in page
        sheet = pages_text(client.get(reverse("kpm:rapat_pdf_attendance", args=[rapat.pk])))
        page = next(text for text in sheet if "Pimpinan rapat," in text)
        assert f"Peserta Nomor {size:02d}" in page and f"Peserta Nomor {size - 1:02d}" in page


def test_minutes_carry_the_meeting_photos_as_an_appendix(client, kelurahan, petugas, media):
    from .factories_rapat import image_bytes, upload

    rapat = make_rapat(kelurahan)
    client.force_login(petugas)
    data = {"image": upload("foto.jpg", image_bytes()), "caption": "Peserta mengisi daftar hadir"}
    client.post(reverse("kpm:rapat_photo_add", args=[rapat.pk]), data)
    response = client.get(reverse("kpm:rapat_pdf_minutes", args=[rapat.pk]))
    last = PdfReader(io.BytesIO(response.content)).pages[-1]
    assert "Lampiran: dokumentasi".upper() in last.extract_text().upper()
    assert "Peserta mengisi daftar hadir" in last.extract_text()
    assert len(last.images) == 1
