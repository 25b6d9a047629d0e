"""URL helpers that every app's `urls.py` shares."""

from django.urls import URLPattern, path

# The pages of one resource: (path under its prefix, view suffix).
RESOURCE_PAGES = [
    ("", "list"),
    ("tambah/", "create"),
    ("<int:pk>/", "detail"),
    ("<int:pk>/ubah/", "update"),
]


def resource_paths(prefix: str, views, name: str, *, detail: bool = True) -> list[URLPattern]:
    """The list, create, detail and update pages of one resource: `<prefix>/`,
    `<prefix>/tambah/`, `<prefix>/<pk>/` and `<prefix>/<pk>/ubah/`, served by the views
    `<name>_list`, `<name>_create`, ... of `views` and named the same. `detail=False` for a
    resource without a page of its own."""
    return [
        path(f"{prefix}/{suffix}", getattr(views, f"{name}_{page}"), name=f"{name}_{page}")
        for suffix, page in RESOURCE_PAGES
        if detail or page != "detail"
    ]


def page(route: str, view) -> URLPattern:
    """One page at `route`, named after its view function (the convention every app keeps)."""
    return path(route, view, name=view.__name__)
