"""Simultaneous POSTs through the test client, one thread and one database connection each
(used by tests/test_concurrent_posts.py). On PostgreSQL the test runs them in its own process;
on SQLite, whose in-memory test database cannot take writers from several threads, the test
runs this file as a script on a fresh SQLite file (the office's setup: WAL, immediate
transactions), which prints the outcomes as one JSON line."""

import json
import os
import sys
import threading

if __name__ == "__main__":
    sys.path.insert(0, os.getcwd())
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.update(ALLOWED_HOSTS="testserver", DEBUG="1")  # as the test client needs
    import django

    django.setup()

from django.db import connections  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402

KK = "3578011234560001"


def together(calls) -> list:
    """Run each of `calls` in a thread (and database connection) of its own, released together;
    what each returned."""
    start = threading.Barrier(len(calls))
    results: list = [None] * len(calls)

    def run(i, call):
        try:
            start.wait()
            results[i] = call()
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def at_once(posts) -> list[tuple[int, str]]:
    """Run each of `posts` (callables returning a response) at once (`together`); each
    response's status code and text."""

    def outcome(post) -> tuple[int, str]:
        try:
            response = post()
            return (response.status_code, response.content.decode())
        except Exception as error:  # a 500 raised by the test client
            return (500, repr(error))

    return together([lambda p=p: outcome(p) for p in posts])


def browsers(user, n: int) -> list[Client]:
    """`n` browsers of one signed-in user (one session: tabs, or a double click)."""
    first = Client()
    first.force_login(user)
    others = [Client() for _ in range(n - 1)]
    for other in others:
        other.cookies = first.cookies
    return [first, *others]


def _outcome(results, count: int) -> dict:
    return {
        "statuses": sorted(status for status, _ in results),
        "rows": count,
        "kk_errors": sum("Nomor KK ini sudah terdaftar" in text for _, text in results),
    }


def one_family_form_four_times(user) -> dict:
    from stunting.models import Family

    from .stamps import stamps

    clients = browsers(user, 4)
    url = reverse("stunting:family_create")
    data = {**stamps(clients[0], url), "head_name": "Joko", "kk_number": KK, "is_resident": "on"}
    results = at_once([lambda c=c: c.post(url, data) for c in clients])
    return _outcome(results, Family.objects.filter(kelurahan=user.kelurahan).count())


def four_family_forms_one_kk(user) -> dict:
    from stunting.models import Family

    from .stamps import stamps

    clients = browsers(user, 4)
    url = reverse("stunting:family_create")
    opened = [stamps(c, url) for c in clients]
    data = {"head_name": "Joko", "kk_number": KK, "is_resident": "on"}
    posts = [
        lambda c=c, o=o: c.post(url, {**o, **data}) for c, o in zip(clients, opened, strict=True)
    ]
    return _outcome(at_once(posts), Family.objects.filter(kelurahan=user.kelurahan).count())


def one_import_confirmed_three_times(user) -> dict:
    from kpm.models import Kader

    from .stamps import stamps_in
    from .test_kpm_kader_io import row, xlsx_upload

    clients = browsers(user, 3)
    rows = [row(), row(**{"Nama lengkap": "Bambang Hariadi"}, sex="L", serial=2)]
    preview = clients[0].post(reverse("kpm:kader_import"), {"file": xlsx_upload(rows)})
    confirm = stamps_in(preview)
    url = reverse("kpm:kader_import_confirm")
    results = at_once([lambda c=c: c.post(url, confirm) for c in clients])
    return _outcome(results, Kader.objects.filter(kelurahan=user.kelurahan).count())


SCENARIOS = [one_family_form_four_times, four_family_forms_one_kk, one_import_confirmed_three_times]


def editor(name: str):
    """A petugas of a new kelurahan that has the import's posyandu."""
    from kelurahan.models import User

    from .factories import make_kelurahan, make_lembaga, make_rw, make_user

    kelurahan = make_kelurahan(name=f"Kelurahan {name}")
    rw = make_rw(kelurahan, number=1)
    make_lembaga(kelurahan, name="Posyandu Melati RW 01", rw=rw)
    return make_user(User.Role.PETUGAS, kelurahan=kelurahan, username=name)


def main() -> None:
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    outcomes = {s.__name__: s(editor(s.__name__)) for s in SCENARIOS}
    print(json.dumps(outcomes))


if __name__ == "__main__":
    __package__ = "tests"
    main()
