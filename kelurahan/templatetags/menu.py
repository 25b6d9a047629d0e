"""`{% main_menu %}`: the main menu of base.html, rendered once per kind of page and user.

The menu (templates/_menu.html) reads no data: only the page's URL name, the language, three
facts of the user's role, and the URL prefix and configuration. Its HTML is the same for every
request with the same inputs, so it is rendered once per process for each of them and reused;
the key holds every input, so a cached menu is never another role's. It was the base layout's
largest part (about 1 ms of every page). With DEBUG on (development) it is rendered every time,
so an edited template shows at once.
"""

from functools import lru_cache

from django import template
from django.conf import settings
from django.template.loader import get_template
from django.urls import get_script_prefix, get_urlconf
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

register = template.Library()


def menu_key(request, user) -> tuple:
    """Everything the menu's HTML depends on."""
    match = getattr(request, "resolver_match", None)
    scope = user.scope
    return (
        match.view_name if match else "",
        get_language(),
        get_script_prefix(),
        get_urlconf(),
        scope.is_kecamatan or scope.is_all,
        user.can_edit_records,
        user.is_staff,
    )


def _render(key: tuple) -> SafeString:
    here, _language, _prefix, _urlconf, sees_kecamatan, keeps_records, is_staff = key
    html = get_template("_menu.html").render(
        {
            "here": here,
            "sees_kecamatan": sees_kecamatan,
            "keeps_records": keeps_records,
            "is_staff": is_staff,
        }
    )
    return mark_safe(html)


_cached_render = lru_cache(maxsize=2048)(_render)


@register.simple_tag(takes_context=True)
def main_menu(context) -> SafeString:
    key = menu_key(context["request"], context["user"])
    return _render(key) if settings.DEBUG else _cached_render(key)
