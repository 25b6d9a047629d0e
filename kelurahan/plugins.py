"""The one way an app adds to the shared parts of the site: a module with an agreed name.

Each project app (`kelurahan`, `kpm`, `stunting`) may have any of these modules; the shared part
imports them with `app_modules(name)`, so that a lower app never imports a higher one:

- `dashboard.py`: `panels(user, kelurahan_list) -> list[kelurahan.dashboard.Panel]`,
  collected by `kelurahan.dashboard.build_panels`;
- `demo.py`: `seed_demo(*, stdout, force)`, run by `manage.py seed_demo` (`force`: reset the demo
  users' passwords and roles);
- `scale.py`: `seed_scale(*, stdout, scale)`, run by `manage.py seed_scale`;
- `bench.py`: `pages(context) -> [(name, url, user)]`, collected by
  `kelurahan.bench.collect_pages` for `manage.py run_benchmark`.

Apps are asked in `INSTALLED_APPS` order (kelurahan before kpm before stunting), so that demo
and scale data are built from the bottom up. The menu is not a plug-in: it is one template,
`templates/_menu.html`. A record page of a lower app that shows a higher app's data includes that
app's template by name (e.g. `kelurahan/official_detail.html` loads `kpm_tags`).
"""

from __future__ import annotations

import functools
from importlib import import_module
from importlib.util import find_spec
from pathlib import Path
from types import ModuleType

from django.apps import apps
from django.conf import settings


def project_app_names() -> list[str]:
    """The installed apps whose package lives in this project (not in site-packages)."""
    base = Path(settings.BASE_DIR).resolve()
    return [
        config.name
        for config in apps.get_app_configs()
        if Path(config.path).resolve().parent == base
    ]


@functools.cache
def app_modules(name: str) -> list[ModuleType]:
    """`<app>.<name>` of every project app that has such a module, in INSTALLED_APPS order."""
    return [
        import_module(f"{app}.{name}")
        for app in project_app_names()
        if find_spec(f"{app}.{name}") is not None
    ]
