"""No input ends in a server error (DESIGN §7): hostile values in every GET parameter and every
form field of every page that the demo users can reach, and in the admin site's add and list
pages. A page may refuse a value (a form error, a 400, a 404, an empty list), never answer 5xx.

The pages are found by crawling the demo data as each user would (one page per view), the
parameters and fields by reading the forms, links and htmx attributes on each page.
"""

from __future__ import annotations

import re
from collections import deque
from html.parser import HTMLParser
from io import StringIO
from urllib.parse import parse_qsl, urlencode, urlsplit

import pytest
from django.contrib import admin
from django.core.management import call_command
from django.test import Client
from django.urls import Resolver404, resolve, reverse

from kelurahan.models import User

HOSTILE = [
    "9999-12-31",
    "9999-12",
    "0001-01-01",
    "-1",
    "²",  # a Unicode digit that str.isdigit() accepts and int() refuses
    "١٢٣",  # Arabic-Indic digits, which int() accepts
    "99999999999999999999",
    "abc",
    "a\x00b",
    "x" * 5000,
    "",
]
# Tried one field at a time, the others keeping the page's own (valid) values, so that a form's
# cross-field rules (a due date from a start date, an age from a birth date) see them.
# Only fields whose page value is a date, a number or an id: text is covered all at once.
PER_FIELD = ["9999-12-31", "0001-01-01", "99999999999999999999", "²"]
# Documents (PDF, xlsx) are slow to make: fewer values, the ones that reach their parameters.
FOR_DOCUMENTS = ["9999-12", "²", "99999999999999999999", "abc"]
# Parameters that views read from the query string without a form on the page.
KNOWN_GET = ["bulan", "tahun", "page", "next", "kelurahan", "q", "o", "status", "kind", "month"]
SKIP_PATHS = ("/static/", "/media/", "/accounts/logout/", "/i18n/")
# Wrong old passwords lock the account (tests/test_kelurahan_auth.py), which would end the run.
NO_POST = {"password_change"}


class PageParser(HTMLParser):
    """Links, htmx URLs and forms (method, action, fields with their default values)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.forms: list[dict] = []
        self._form: dict | None = None
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        for attr in ("hx-get", "hx-post"):
            if a.get(attr):
                self.forms.append(
                    {"method": attr[3:], "action": a[attr], "fields": {}, "htmx": True}
                )
        if tag == "form":
            self._form = {
                "method": (a.get("method") or "get").lower(),
                "action": a.get("action") or "",
                "fields": {},
            }
            self.forms.append(self._form)
        if self._form is None:
            return
        fields = self._form["fields"]
        name = a.get("name")
        if tag == "input" and name:
            kind = a.get("type", "text")
            if kind == "file":
                return
            if kind in ("checkbox", "radio") and "checked" not in a:
                fields.setdefault(name, None)
                return
            fields[name] = a.get("value", "")
        elif tag == "select" and name:
            self._select = name
            fields.setdefault(name, "")
        elif tag == "option" and self._select and ("selected" in a or not fields[self._select]):
            fields[self._select] = a.get("value", "")
        elif tag == "textarea" and name:
            self._textarea = name
            fields[name] = ""
        elif tag == "button" and name and a.get("value") is not None:
            fields.setdefault(name, a["value"])

    def handle_data(self, data):
        if self._form is not None and self._textarea:
            self._form["fields"][self._textarea] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None


def _local(url: str, base: str) -> str | None:
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or url.startswith(("#", "mailto:", "tel:", "javascript:")):
        return None
    path = parts.path or urlsplit(base).path
    if not path.startswith("/"):
        return None
    if path.startswith(SKIP_PATHS):
        return None
    return path + (f"?{parts.query}" if parts.query else "")


def _view_name(path: str) -> str | None:
    try:
        return resolve(urlsplit(path).path).view_name
    except Resolver404:
        return None


class Fuzzer:
    def __init__(self, client: Client, *, allow_admin: bool):
        self.client = client
        self.allow_admin = allow_admin
        self.failures: list[str] = []
        self.pages: dict[str, tuple[str, PageParser | None]] = {}
        self.requests = 0

    def request(self, method: str, path: str, data: dict | None = None):
        self.requests += 1
        try:
            if method == "get":
                response = self.client.get(path, data or {})
            else:
                response = self.client.post(path, data or {})
        except Exception as error:  # the test client re-raises the view's exception
            self.failures.append(f"{method.upper()} {path} {_short(data)}: {error!r:.300}")
            return None
        if response.status_code >= 500:
            self.failures.append(f"{method.upper()} {path} {_short(data)}: {response.status_code}")
            return None
        return response

    def crawl(self, start: str, limit: int = 400):
        queue = deque([start])
        seen_paths = set()
        while queue and len(self.pages) < limit:
            path = queue.popleft()
            name = _view_name(path)
            if name is None or name in self.pages or path in seen_paths:
                continue
            if name.startswith("admin:") and not self.allow_admin:
                continue
            seen_paths.add(path)
            response = self.request("get", path)
            parser = None
            content_type = response.get("Content-Type", "") if response else ""
            if response is not None and response.status_code == 200 and "html" in content_type:
                parser = PageParser()
                parser.feed(response.content.decode())
                for link in parser.links:
                    local = _local(link, path)
                    if local:
                        queue.append(local)
                for form in parser.forms:  # a chooser (a GET form) leads to a page too
                    action = _local(form["action"] or path, path)
                    if form["method"] == "get" and action and not form.get("htmx"):
                        values = {n: v for n, v in form["fields"].items() if v}
                        queue.append(urlsplit(action).path + "?" + urlencode(values))
            self.pages[name] = (path, parser)

    def fuzz_get(self):
        for path, parser in list(self.pages.values()):
            names = set(KNOWN_GET) | {k for k, _ in parse_qsl(urlsplit(path).query)}
            for form in parser.forms if parser else []:
                if form["method"] == "get":
                    names |= set(form["fields"])
            base = urlsplit(path).path
            for value in HOSTILE if parser else FOR_DOCUMENTS:
                self.request("get", base, dict.fromkeys(sorted(names), value))

    def fuzz_post(self, *, per_field: bool):
        targets = {}
        for path, parser in self.pages.values():
            for form in parser.forms if parser else []:
                if form["method"] != "post":
                    continue
                action = _local(form["action"] or path, path)
                name = _view_name(action) if action else None
                if name not in (None, *NO_POST):  # one form per view: rows repeat their forms
                    targets.setdefault(name, (action, form["fields"]))
        for action, fields in targets.values():
            editable = [n for n in fields if n != "csrfmiddlewaretoken"]
            page_values = {n: v for n, v in fields.items() if v is not None}
            for value in HOSTILE:
                self.request("post", action, {**page_values, **dict.fromkeys(editable, value)})
            numeric = [n for n in editable if re.match(r"-?\d", page_values.get(n) or "")]
            for name in numeric if per_field else ():
                for value in PER_FIELD:
                    self.request("post", action, {**page_values, name: value})


def _short(data) -> str:
    if not data:
        return ""
    values = {str(v)[:20] for v in data.values()}
    return f"[{len(data)} fields = {', '.join(sorted(values))[:60]}]"


def _report(fuzzer: Fuzzer) -> str:
    return f"{len(fuzzer.failures)} server errors in {fuzzer.requests} requests:\n" + "\n".join(
        fuzzer.failures[:60]
    )


@pytest.fixture
def demo(db):
    call_command("seed_demo", force=True, stdout=StringIO())


@pytest.mark.parametrize(
    ("username", "min_pages", "per_field"),
    [("petugas.pradah", 60, True), ("kecamatan.dukuhpakis", 35, False)],
)
def test_hostile_values_in_every_parameter_and_field_never_give_a_server_error(
    demo, username, min_pages, per_field
):
    client = Client()
    client.force_login(User.objects.get(username=username))
    fuzzer = Fuzzer(client, allow_admin=False)
    fuzzer.crawl(reverse("kelurahan:dashboard"))
    assert len(fuzzer.pages) >= min_pages, sorted(fuzzer.pages)
    fuzzer.fuzz_get()
    fuzzer.fuzz_post(per_field=per_field)
    assert not fuzzer.failures, _report(fuzzer)
    assert client.get(reverse("kelurahan:dashboard")).status_code == 200  # still logged in


def test_hostile_values_on_the_admin_sites_pages_never_give_a_server_error(demo):
    client = Client()
    client.force_login(User.objects.get(username="admin"))
    fuzzer = Fuzzer(client, allow_admin=True)
    for model in admin.site._registry:
        info = (model._meta.app_label, model._meta.model_name)
        names = [f.name for f in model._meta.get_fields() if getattr(f, "concrete", False)]
        for view in ("add", "changelist"):
            path = reverse("admin:{}_{}_{}".format(*info, view))
            for value in HOSTILE:
                fuzzer.request("get", path + "?" + urlencode(dict.fromkeys(names, value)))
    for value in HOSTILE:
        fuzzer.request("get", reverse("admin:index"), {"q": value, "next": value})
    assert not fuzzer.failures, _report(fuzzer)
