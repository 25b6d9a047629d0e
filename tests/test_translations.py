"""English for those who choose it; Indonesian for everyone else and for the office's documents.

The English catalogue must stay complete: a new Indonesian source string without its English
translation fails here (the check runs Django's `makemessages`, which needs GNU gettext; CI
installs it).
"""

import gettext
import io
import shutil
import subprocess
import sys

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook
from pypdf import PdfReader

from kpm.models import Kader

from .factories_kpm import make_kader, make_lurah

CATALOGUE = settings.BASE_DIR / "locale" / "en" / "LC_MESSAGES"
SOURCES = ("config", "kelurahan", "kpm", "stunting", "templates", "manage.py")


def test_pages_speak_indonesian_whatever_the_browser_prefers(client, petugas):
    client.force_login(petugas)
    page = client.get(reverse("kelurahan:dashboard"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert page["Content-Language"] == "id"
    assert "Dasbor" in page.content.decode()
    assert "English" in page.content.decode()  # the switch, named in its own language


def test_user_switches_to_english_and_back(client, petugas):
    client.force_login(petugas)
    dashboard = reverse("kelurahan:dashboard")
    response = client.post(reverse("set_language"), {"language": "en", "next": dashboard})
    assert response.status_code == 302 and response["Location"] == dashboard
    page = client.get(dashboard)
    assert page["Content-Language"] == "en"
    text = page.content.decode()
    assert "Dashboard" in text and "Change password" in text
    assert "Bahasa Indonesia" in text
    client.post(reverse("set_language"), {"language": "id", "next": dashboard})
    assert "Dasbor" in client.get(dashboard).content.decode()


def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def test_a_request_in_english_leaves_the_thread_in_indonesian(client, petugas):
    client.force_login(petugas)
    english(client).get(reverse("kelurahan:dashboard"))
    assert translation.get_language() == "id"
    assert str(Kader.Origin.KADER_POSYANDU.label) == "Kader posyandu"


def test_english_form_errors(client, petugas):
    client.force_login(petugas)
    response = english(client).post(reverse("kelurahan:rw_create"), {"number": ""})
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()


def test_documents_and_data_files_stay_indonesian(client, kelurahan, petugas):
    make_lurah(kelurahan, name="Hajar Sulistyono")
    make_kader(kelurahan, name="Siti Aminah")
    client.force_login(petugas)
    english(client)
    assert "Dashboard" in client.get(reverse("kelurahan:dashboard")).content.decode()
    book = client.get(reverse("kpm:kader_book_pdf"))
    pages = PdfReader(io.BytesIO(book.content)).pages
    text = " ".join(" ".join(page.extract_text().split()) for page in pages)
    assert "BUKU KADER PEMBERDAYAAN MASYARAKAT" in text and "Jenis Kelamin" in text
    export = client.get(reverse("kpm:kader_export"))
    headers = [c.value for c in next(load_workbook(io.BytesIO(export.content)).active.rows)]
    assert "Nama lengkap" in headers and "Jenis kelamin" in headers
    template = client.get(reverse("stunting:import_template", args=["anak"]))
    headers = [c.value for c in next(load_workbook(io.BytesIO(template.content)).active.rows)]
    assert any(str(h).startswith("Nama kepala keluarga") for h in headers)
    assert any(str(h).startswith("Nama anak") for h in headers)


def _statistics(po) -> str:
    run = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(po)],
        capture_output=True,
        text=True,
        check=True,
    )
    return run.stderr


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="GNU gettext is not installed")
def test_english_catalogue_is_complete_and_compiled(tmp_path):
    for name in SOURCES:
        source = settings.BASE_DIR / name
        if source.is_dir():
            shutil.copytree(source, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, tmp_path / name)
    shutil.copytree(settings.BASE_DIR / "locale", tmp_path / "locale")
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "en", "--no-obsolete", "-v0"],
        cwd=tmp_path,
        check=True,
    )
    fresh = tmp_path / "locale" / "en" / "LC_MESSAGES" / "django.po"
    stats = _statistics(fresh)
    assert "untranslated" not in stats and "fuzzy" not in stats, (
        f"{stats.strip()}: run `make messages` and translate the new strings"
    )
    compiled = tmp_path / "django.mo"
    subprocess.run(["msgfmt", "-o", str(compiled), str(CATALOGUE / "django.po")], check=True)
    with open(compiled, "rb") as new, open(CATALOGUE / "django.mo", "rb") as committed:
        assert (
            gettext.GNUTranslations(new)._catalog == gettext.GNUTranslations(committed)._catalog
        ), "locale/en/LC_MESSAGES/django.mo is older than django.po: run `make messages`"
