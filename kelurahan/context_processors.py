from django.apps import apps
from django.urls import reverse


def _item(label, name, current):
    section = name.rsplit("_", 1)[0]
    return {"label": label, "url": reverse(name), "active": current.startswith(section)}


def navigation(request):
    """The main menu. Each app lists `nav_sections` on its AppConfig: entries are
    (label, url name) for a link, or (label, [(label, url name), ...]) for a dropdown; a third
    element names a user property that must be true to see the entry (e.g. "can_edit_records")."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    current = request.resolver_match.view_name if request.resolver_match else ""
    items = []
    for config in apps.get_app_configs():
        for label, target, *condition in getattr(config, "nav_sections", ()):
            if condition and not getattr(user, condition[0]):
                continue
            if isinstance(target, str):
                items.append(_item(label, target, current))
                continue
            children = [_item(child_label, name, current) for child_label, name in target]
            items.append(
                {
                    "label": label,
                    "children": children,
                    "active": any(child["active"] for child in children),
                }
            )
    return {"nav_items": items}
