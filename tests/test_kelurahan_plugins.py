"""The one plug-in path: each app's dashboard, demo, scale and bench modules, in app order."""

from kelurahan.plugins import app_modules, project_app_names


def test_project_apps_in_installed_order():
    assert project_app_names() == ["kelurahan", "kpm", "stunting"]


def test_each_app_contributes_the_same_named_modules():
    for name, function in [
        ("dashboard", "panels"),
        ("demo", "seed_demo"),
        ("scale", "seed_scale"),
        ("bench", "pages"),
    ]:
        modules = app_modules(name)
        assert [m.__name__ for m in modules] == [
            f"kelurahan.{name}",
            f"kpm.{name}",
            f"stunting.{name}",
        ]
        assert all(callable(getattr(m, function)) for m in modules), name


def test_an_app_without_the_module_is_skipped():
    assert app_modules("no_such_module") == []
