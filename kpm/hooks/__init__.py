"""What each kpm topic contributes to the shared parts of the site.

A topic module (`kader`, `rapat`) may define any of:
- `NAV_SECTIONS`: [(label, url name)] for the main menu;
- `dashboard_panels(user, kelurahan_list) -> list[kelurahan.dashboard.Panel]`;
- `seed_demo(*, stdout)`; `seed_scale(*, stdout, scale)`;
- `bench_pages(context) -> [(name, url, user)]`.
"""

from importlib import import_module

TOPICS = ("kader", "rapat")


def topic_modules():
    return [import_module(f"kpm.hooks.{topic}") for topic in TOPICS]
