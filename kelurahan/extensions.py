"""Sections that higher apps add to this app's record pages, without this app importing them.

An AppConfig may define e.g. `official_detail_sections(official, user)` returning a list of
`(template name, context dict)`; the page includes each template with its context.
"""

from django.apps import apps


def collect_sections(hook: str, *args) -> list[tuple[str, dict]]:
    sections = []
    for config in apps.get_app_configs():
        contribute = getattr(config, hook, None)
        if contribute is not None:
            sections.extend(contribute(*args))
    return sections
