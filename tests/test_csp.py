"""The Content-Security-Policy (issue 9): every page a user can reach carries the header, and no
page holds what the policy refuses: an inline <script> (a JSON data block is data, not script),
an on*= event handler, a <style> element or a style= attribute the policy does not allow by its
hash. The pages are crawled as in tests/test_fuzz.py, for each demo role and the admin site."""

from __future__ import annotations

import base64
import hashlib
import re
from html.parser import HTMLParser
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from kelurahan.models import User
from kpm.diagram import KIND_COLOURS

from .test_fuzz import Fuzzer

POLICY = settings.CONTENT_SECURITY_POLICY
HEADER = "; ".join(" ".join([name, *sources]) for name, sources in POLICY.items())
ALLOWED_STYLE_HASHES = {s.strip("'") for s in POLICY.get("style-src-attr", [])}


def style_hash(value: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(value.encode()).digest()).decode()


class InlineCode(HTMLParser):
    """What of a page the policy would refuse to run or apply."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "script" and not a.get("src") and a.get("type") != "application/json":
            self.found.append(f"inline <script> at line {self.getpos()[0]}")
        if tag == "style":
            self.found.append(f"<style> element at line {self.getpos()[0]}")
        for name, value in attrs:
            if re.fullmatch(r"on[a-z]+", name):
                self.found.append(f'<{tag} {name}="{(value or "")[:40]}">')
        if "style" in a and style_hash(a["style"] or "") not in ALLOWED_STYLE_HASHES:
            self.found.append(f'<{tag} style="{(a["style"] or "")[:40]}">')


def inline_code(html: str) -> list[str]:
    parser = InlineCode()
    parser.feed(html)
    return parser.found


def policy_problems(path: str, response) -> list[str]:
    content_type = response.get("Content-Type", "")
    header = response.get("Content-Security-Policy")
    if content_type.startswith("application/pdf"):
        return [f"{path}: a PDF carries the policy"] if header else []
    problems = [] if header == HEADER else [f"{path}: Content-Security-Policy is {header!r}"]
    if "html" in content_type:
        problems += [f"{path}: {found}" for found in inline_code(response.content.decode())]
    return problems


class PolicyCrawler(Fuzzer):
    """The fuzz crawler, checking every response it gets instead of sending hostile values."""

    def __init__(self, client: Client, *, allow_admin: bool):
        super().__init__(client, allow_admin=allow_admin)
        self.problems: list[str] = []
        self.checked = 0

    def request(self, method: str, path: str, data: dict | None = None):
        response = super().request(method, path, data)
        if response is not None:
            self.checked += 1
            self.problems += policy_problems(path, response)
        return response


@pytest.fixture
def demo(db):
    call_command("seed_demo", force=True, stdout=StringIO())


def test_the_checker_finds_what_the_policy_refuses():
    page = (
        '<script>alert(1)</script><script src="/static/js/app.js"></script>'
        '<script type="application/json" id="data">{"a": 1}</script>'
        '<button onclick="go()">x</button><form onsubmit="return false"></form>'
        '<div style="color: red"></div><p class="paginator" style="border-top: 0"></p>'
        "<style>p {}</style><details open></details>"
    )
    assert inline_code(page) == [
        "inline <script> at line 1",
        '<button onclick="go()">',
        '<form onsubmit="return false">',
        '<div style="color: red">',
        "<style> element at line 1",
    ]


def test_policy_runs_only_our_own_scripts():
    assert POLICY["script-src"] == ["'self'"]
    assert POLICY["object-src"] == ["'none'"]
    assert POLICY["frame-ancestors"] == ["'none'"]
    assert "'unsafe-inline'" not in HEADER and "'unsafe-eval'" not in HEADER


@pytest.mark.parametrize(
    ("username", "start", "min_pages"),
    [
        ("petugas.pradah", "kelurahan:dashboard", 60),
        ("kecamatan.dukuhpakis", "kelurahan:dashboard", 35),
        ("admin", "admin:index", 40),
    ],
)
def test_every_page_carries_the_policy_and_nothing_it_refuses(demo, username, start, min_pages):
    client = Client()
    client.force_login(User.objects.get(username=username))
    crawler = PolicyCrawler(client, allow_admin=username == "admin")
    crawler.crawl(reverse(start))
    assert len(crawler.pages) >= min_pages, sorted(crawler.pages)
    assert not crawler.failures, crawler.failures[:20]
    assert not crawler.problems, "\n".join(crawler.problems[:40])


def test_pages_of_a_visitor_not_signed_in_pass_the_policy(demo):
    client = Client(enforce_csrf_checks=True)
    problems = []
    for path in (reverse("login"), "/tidak-ada/", reverse("kelurahan:dashboard")):
        response = client.get(path, follow=True)
        problems += policy_problems(path, response)
    # Django's own CSRF failure page carries an inline <style>: ours replaces it.
    response = client.post(reverse("login"), {"username": "x", "password": "y"})
    assert response.status_code == 403
    assert "Formulir tidak dapat dikirim" in response.content.decode()
    problems += policy_problems("CSRF failure", response)
    assert not problems, problems


def test_a_pdf_is_shown_by_the_browser_without_the_policy(demo):
    """Chromium's PDF viewer styles its own page inline; the policy would leave it blank."""
    client = Client()
    client.force_login(User.objects.get(username="petugas.pradah"))
    response = client.get(reverse("kpm:kader_book_pdf"))
    assert response["Content-Type"] == "application/pdf"
    assert "Content-Security-Policy" not in response
    assert client.get(reverse("kpm:kader_list"))["Content-Security-Policy"] == HEADER


def test_partner_kind_colours_in_the_stylesheet_are_the_diagrams():
    css = Path(settings.BASE_DIR, "static", "css", "app.css").read_text()
    for kind, colour in KIND_COLOURS.items():
        assert f".relasi-kind-{kind} {{ border-left-color: {colour}; }}" in css
