"""`url_for` (and so every template's `{% url %}`) gives exactly what `reverse()` gives, for
every URL of the app, under another script prefix too, and refuses what `reverse()` refuses."""

import pytest
from django.template import Context, Template
from django.urls import (
    NoReverseMatch,
    URLPattern,
    URLResolver,
    get_resolver,
    reverse,
    set_script_prefix,
)
from django.urls.converters import IntConverter
from django.urls.resolvers import RoutePattern

from kelurahan.links import url_for


def _named_patterns(resolver=None, namespace=""):
    """(view name, converters of its arguments) of every named URL of the project."""
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _named_patterns(entry, inner)
        elif (
            isinstance(entry, URLPattern) and entry.name and isinstance(entry.pattern, RoutePattern)
        ):
            yield namespace + entry.name, list(entry.pattern.converters.values())


ID_URLS = [
    (name, len(converters))
    for name, converters in _named_patterns()
    if all(isinstance(c, IntConverter) for c in converters)
]


def test_every_url_of_ids_is_the_one_reverse_gives():
    assert len(ID_URLS) > 150  # the whole app, not a few
    for name, count in ID_URLS:
        for ids in (
            [0] * count,
            [7 + n for n in range(count)],
            [str(12345 + n) for n in range(count)],
        ):
            assert url_for(name, *ids) == reverse(name, args=ids), name


def test_under_another_script_prefix(kelurahan):
    try:
        set_script_prefix("/kpm-kota/")
        assert url_for("kpm:kader_detail", 5) == "/kpm-kota/kpm/kader/5/"
        assert url_for("kelurahan:dashboard") == reverse("kelurahan:dashboard")
    finally:
        set_script_prefix("/")
    assert url_for("kpm:kader_detail", 5) == "/kpm/kader/5/"


def test_arguments_that_are_not_ids_go_through_reverse():
    assert url_for("kpm:tugas_note_file", 3, 4, "asli") == "/kpm/tugas/3/catatan/4/asli/"
    for bad in (-1, "abc", True, None):
        with pytest.raises(NoReverseMatch):
            url_for("kpm:kader_detail", bad)
    with pytest.raises(NoReverseMatch):
        url_for("kpm:kader_detail", 1, 2)


def test_the_url_tag_is_the_cached_one_and_renders_as_djangos():
    html = Template(
        "{% url 'kpm:kader_detail' pk %}|{% url 'kpm:kader_list' as list %}{{ list }}"
        "|{% url 'kpm:rapat_photo' 1 2 'kecil' %}"
    ).render(Context({"pk": 42}))
    assert html == "/kpm/kader/42/|/kpm/kader/|/kpm/rapat/1/foto/2/kecil/"
    with pytest.raises(NoReverseMatch):
        Template("{% url 'kpm:kader_detail' 'x' %}").render(Context())
